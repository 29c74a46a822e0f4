"""UI strings (one catalog per language, layouts/i18n/<lang>.yaml) and number/date formats."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

LANGS = ("vi", "en")
OTHER = {"vi": "en", "en": "vi"}

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July",
              "August", "September", "October", "November", "December")


@dataclass(frozen=True)
class Catalog:
    lang: str
    strings: dict

    def __call__(self, key: str, **values) -> str:
        text = self.strings[key]  # a missing key is a bug in the layouts: fail loudly
        return text.format(**values) if values else text


def load_catalogs(layouts: Path) -> dict[str, Catalog]:
    catalogs = {}
    for lang in LANGS:
        with open(layouts / "i18n" / f"{lang}.yaml", encoding="utf-8") as f:
            catalogs[lang] = Catalog(lang, yaml.load(f, Loader=yaml.CSafeLoader))
    missing = set(catalogs["vi"].strings) ^ set(catalogs["en"].strings)
    if missing:
        raise ValueError(f"UI catalogs differ in keys: {sorted(missing)}")
    return catalogs


def format_number(value: float | None, lang: str, digits: int = 2) -> str:
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    if lang == "vi":  # 1,234.56 -> 1.234,56
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_date(value: dt.date, lang: str) -> str:
    if lang == "vi":
        return f"{value.day}/{value.month}/{value.year}"
    return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"


def format_date_long(value: dt.date, lang: str) -> str:
    if lang == "vi":
        return f"ngày {value.day} tháng {value.month} năm {value.year}"
    return format_date(value, lang)

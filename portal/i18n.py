"""UI strings (one catalog per language, layouts/i18n/<lang>.yaml) and number/date formats."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import Markup, escape

LANGS = ("vi", "en")
OTHER = {"vi": "en", "en": "vi"}

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July",
              "August", "September", "October", "November", "December")


# Plural forms (CLDR): Vietnamese has one form for every number; English one and other.
PLURAL_FORMS = {"vi": ("other",), "en": ("one", "other")}


def plural_form(lang: str, n) -> str:
    if lang == "en" and n == 1:
        return "one"
    return "other"


@dataclass(frozen=True)
class Catalog:
    """A language's UI strings. A string that depends on a number is a mapping of plural
    forms ({one: "{n} task", other: "{n} tasks"}); calling it with n= picks the form."""
    lang: str
    strings: dict

    def __call__(self, key: str, **values) -> str:
        text = self.strings[key]  # a missing key is a bug in the layouts: fail loudly
        if type(text) is dict:
            if "n" not in values:
                raise KeyError(f"UI string {key!r} has plural forms: give n=")
            text = text.get(plural_form(self.lang, values["n"])) or text["other"]
        return text.format(**values) if values else text

    def markup(self, key: str, **values) -> Markup:
        """The string as HTML, with values put in escaped (Markup values, e.g. links, as they are)."""
        text = self.strings[key]
        if type(text) is dict:
            text = text.get(plural_form(self.lang, values["n"])) or text["other"]
        return escape(text).format(**values)


def load_catalogs(layouts: Path) -> dict[str, Catalog]:
    catalogs = {}
    for lang in LANGS:
        with open(layouts / "i18n" / f"{lang}.yaml", encoding="utf-8") as f:
            catalogs[lang] = Catalog(lang, yaml.load(f, Loader=yaml.CSafeLoader))
    missing = set(catalogs["vi"].strings) ^ set(catalogs["en"].strings)
    if missing:
        raise ValueError(f"UI catalogs differ in keys: {sorted(missing)}")
    for lang, catalog in catalogs.items():
        for key, text in catalog.strings.items():
            if type(text) is dict and ("other" not in text or set(text) - set(PLURAL_FORMS[lang])):
                raise ValueError(f"layouts/i18n/{lang}.yaml: {key}: plural forms must be {', '.join(PLURAL_FORMS[lang])}")
            if type(text) is not dict and type(text) is not str:
                raise ValueError(f"layouts/i18n/{lang}.yaml: {key}: not a string")
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

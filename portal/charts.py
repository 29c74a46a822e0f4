"""Inline SVG charts, drawn at build time (no chart JavaScript).

Each chart is an <svg role="img"> with a <title> and <desc> that say what it shows in
words; the page also prints the same numbers in a table next to it. Numbers use the
page's language format (44,43 in Vietnamese, 44.43 in English).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from markupsafe import Markup, escape

from .i18n import format_number
from .status import BY_KEY


@dataclass(frozen=True)
class Point:
    x: int                 # year
    y: float | None        # None: missing, drawn as a gap


def _svg(width: int, height: int, title: str, desc: str, body: str, css_class: str) -> Markup:
    # ids must be unique on the page and identical from build to build (no salted hash())
    uid = hashlib.sha1(f"{css_class}|{title}|{desc}".encode()).hexdigest()[:10]
    return Markup(
        f'<svg class="chart {css_class}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="t{uid} d{uid}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="t{uid}">{escape(title)}</title><desc id="d{uid}">{escape(desc)}</desc>{body}</svg>'
    )


def status_bar(counts, labels: dict, title: str, lang: str) -> Markup:
    """Stacked horizontal bar of task counts by status, with the status shape in each segment.

    Drawn 360 units wide, about the width of a phone screen, so that the shapes (14 units) are
    never drawn smaller than 12 px; the stylesheet keeps it under 30rem wide on larger screens."""
    width, height = 360, 22
    total = counts.total or 1
    x = 0.0
    parts, words = [], []
    for key, n in counts.by_status:
        if not n:
            continue
        w = width * n / total
        status = BY_KEY[key]
        parts.append(f'<rect class="seg-{key}" x="{x:.2f}" y="0" width="{w:.2f}" height="{height}"/>')
        if w >= 18:
            parts.append(f'<text class="seg-icon" x="{x + w / 2:.2f}" y="16" text-anchor="middle">{escape(status.icon)}</text>')
        words.append(f"{labels[key]}: {n}")
        x += w
    return _svg(width, height, title, "; ".join(words), "".join(parts), "status-chart")


def score_lines(series: list[tuple[str, list[Point]]], title: str, lang: str, years: tuple[int, int]) -> Markup:
    """One small line chart per series (1-10 scale), laid out by CSS grid so phones get one per row.

    Drawn 240 units wide, the narrowest the grid lays one out (15rem), so its 12-unit text is
    never drawn smaller than 12 px."""
    first, last = years
    width, height, pad = 240, 130, 26
    span = max(last - first, 1)
    plot_w, plot_h = width - pad - 12, height - 50
    figures = []

    def px(year):
        return pad + plot_w * (year - first) / span

    def py(value):
        return 24 + plot_h * (1 - (value - 1) / 9)

    for name, points in series:
        body = [f'<text class="label" x="4" y="14">{escape(name)}</text>']
        for grid in (1, 5, 10):
            body.append(f'<line class="grid" x1="{pad}" x2="{pad + plot_w}" y1="{py(grid):.1f}" y2="{py(grid):.1f}"/>')
            body.append(f'<text class="tick" x="{pad - 5}" y="{py(grid) + 4:.1f}" text-anchor="end">{grid}</text>')
        body.append(f'<text class="tick" x="{pad}" y="{height - 6}">{first}</text>')
        body.append(f'<text class="tick" x="{pad + plot_w}" y="{height - 6}" text-anchor="end">{last}</text>')
        runs, segment = [], []
        for p in points:
            if p.y is None:
                if segment:
                    runs.append(segment)
                segment = []
                continue
            segment.append(f"{px(p.x):.1f},{py(p.y):.1f}")
            body.append(f'<circle class="dot" cx="{px(p.x):.1f}" cy="{py(p.y):.1f}" r="2.5"/>')
        if segment:
            runs.append(segment)
        for run in runs:
            body.append(f'<polyline class="line" points="{" ".join(run)}"/>')
        present = [p for p in points if p.y is not None]
        missing = [p.x for p in points if p.y is None]
        desc = ", ".join(f"{p.x}: {format_number(p.y, lang)}" for p in present)
        if missing:
            desc += " (" + ", ".join(str(y) for y in missing) + ": –)"
        figures.append(_svg(width, height, f"{title}: {name}", desc, "".join(body), "score-chart"))
    return Markup('<div class="chart-grid">') + Markup("").join(figures) + Markup("</div>")


def target_bars(rows: list[tuple[str, float | None, float, float | None]], labels: dict, title: str, lang: str) -> Markup:
    """Bars per dimension, name above: baseline (or "not stated in the plan"), target, actual
    (or "not published"). 360 units wide, about a phone's width: its text is never under 12 px."""
    row_h, width = 78, 360
    height = row_h * len(rows) + 58
    kinds = (("baseline", 0), ("target", 1), ("actual", 2))
    missing = {"baseline": labels["not_stated"], "target": "", "actual": labels["missing"]}
    body, words = [], []
    for i, (name, baseline, target, actual) in enumerate(rows):
        y0 = 4 + i * row_h
        body.append(f'<text class="label" x="0" y="{y0 + 13}">{escape(name)}</text>')
        values = {"baseline": baseline, "target": target, "actual": actual}
        # PAPI's 1-10 scale; a row of another index (PAR INDEX, SIPAS: 0-100) or an index's
        # total gets an axis its values fit, so that no bar or number is drawn outside the chart
        scale = (width - 56) / _axis_top(v for v in values.values() if v is not None)
        for kind, j in kinds:
            v = values[kind]
            y = y0 + 20 + j * 18
            if v is None:
                body.append(f'<text class="tick" x="0" y="{y + 12}">{escape(missing[kind])}</text>')
                continue
            body.append(f'<rect class="bar-{kind}" x="0" y="{y}" width="{v * scale:.1f}" height="15"/>')
            body.append(f'<text class="value" x="{v * scale + 4:.1f}" y="{y + 12}">{format_number(v, lang)}</text>')
        parts = [f"{labels[k]} {format_number(values[k], lang)}" if values[k] is not None else f"{labels[k]}: {missing[k]}"
                 for k, _ in kinds]
        words.append(f"{name}: " + ", ".join(parts))
    # the legend: one entry per line, so that long labels fit
    for kind, j in kinds:
        ly = height - 50 + j * 18
        body.append(f'<rect class="bar-{kind}" x="0" y="{ly - 12}" width="14" height="14"/>')
        body.append(f'<text class="tick" x="20" y="{ly}">{escape(labels[kind])}</text>')
    return _svg(width, height, title, ". ".join(words), "".join(body), "target-chart")


def _axis_top(values) -> float:
    """10, or the first of 20, 50, 100, 200, 500, 1000 … that is at least every value."""
    top = max(values, default=10)
    if top <= 10:
        return 10
    step = 10
    while True:
        for n in (2, 5, 10):
            if top <= step * n:
                return step * n
        step *= 10


def sparkline(points: list[Point], title: str, lang: str) -> Markup:
    """A word-sized line of scores (1-10) over the years, for table cells."""
    present = [p for p in points if p.y is not None]
    if not present:
        return Markup("")
    width, height = 90, 22
    first, last = points[0].x, points[-1].x
    span = max(last - first, 1)

    def px(year):
        return 2 + (width - 4) * (year - first) / span

    def py(value):
        return 2 + (height - 4) * (1 - (value - 1) / 9)

    runs, segment = [], []
    for p in points:
        if p.y is None:
            if segment:
                runs.append(segment)
            segment = []
        else:
            segment.append(f"{px(p.x):.1f},{py(p.y):.1f}")
    if segment:
        runs.append(segment)
    body = "".join(f'<polyline class="line" points="{" ".join(run)}"/>' for run in runs)
    end = present[-1]
    body += f'<circle class="dot" cx="{px(end.x):.1f}" cy="{py(end.y):.1f}" r="2"/>'
    desc = ", ".join(f"{p.x}: {format_number(p.y, lang)}" for p in present)
    return _svg(width, height, title, desc, body, "sparkline")

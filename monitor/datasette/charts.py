"""Small inline SVG charts for the Datasette pages. Pure: rows in, SVG text out.

Every label is escaped here, so scraped text (company names, metric names) never becomes markup.
No JavaScript and nothing fetched: the pages work in any browser and in screenshots.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

# Colour-blind-safe palette (Okabe-Ito); categories keep their colour on every page.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000", "#999999")
CATEGORY_COLOURS = {
    "leadership": "#D55E00", "contact": "#0072B2", "links": "#56B4E9", "identity": "#CC79A7",
    "content": "#999999", "news": "#009E73", "post": "#E69F00", "metric": "#000000",
    "health": "#F0E442",
}


@dataclass(frozen=True)
class Frame:
    """The drawing area of a chart, in SVG units."""

    width: int = 720
    height: int = 240
    left: int = 48
    right: int = 150
    top: int = 16
    bottom: int = 36

    @property
    def plot_w(self) -> int:
        """Width of the plot area."""
        return self.width - self.left - self.right

    @property
    def plot_h(self) -> int:
        """Height of the plot area."""
        return self.height - self.top - self.bottom


def colour(name: str, index: int) -> str:
    """The colour of a series: its category's colour, else one from the palette."""
    return CATEGORY_COLOURS.get(name, PALETTE[index % len(PALETTE)])


def weeks_between(first: str, last: str, limit: int = 26) -> list[str]:
    """Mondays from ``first`` to ``last`` (ISO dates), at most ``limit`` of the latest."""
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    start -= timedelta(days=start.weekday())
    weeks = []
    while start <= end:
        weeks.append(start.isoformat())
        start += timedelta(days=7)
    return weeks[-limit:]


def nice_max(value: float) -> float:
    """A round upper bound for an axis (2, 4, 6, 8, 10, then 1, 2, 5 × 10^n): halves are whole."""
    if value <= 10:
        return float(max(2, int(value) + int(value) % 2 + (0 if value == int(value) else 2)))
    step = 10 ** (len(str(int(value))) - 1)
    for factor in (1, 2, 5, 10):
        if factor * step >= value:
            return float(factor * step)
    return float(10 * step)


def stacked_bars(weeks: Sequence[str], series: Mapping[str, Mapping[str, int]], *,
                 title: str, frame: Frame = Frame()) -> str:
    """Stacked weekly bars: ``series[name][week] = count``; a legend on the right."""
    names = sorted(series, key=lambda n: -sum(series[n].values()))
    totals = [sum(series[n].get(w, 0) for n in names) for w in weeks]
    top = nice_max(max(totals, default=0))
    slot = frame.plot_w / max(len(weeks), 1)
    bar = max(min(slot * 0.7, 40.0), 2.0)
    parts = [_open(frame, title), _y_axis(frame, top)]
    for i, week in enumerate(weeks):
        x = frame.left + i * slot + (slot - bar) / 2
        base = 0.0
        for j, name in enumerate(names):
            count = series[name].get(week, 0)
            if not count:
                continue
            h = count / top * frame.plot_h
            y = frame.top + frame.plot_h - base - h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{colour(name, j)}"><title>{escape(name)}, week of {escape(week)}: '
                f'{count}</title></rect>')
            base += h
        if len(weeks) <= 8 or i % max(len(weeks) // 6, 1) == 0:
            parts.append(_text(x + bar / 2, frame.height - frame.bottom + 16, week[5:], "middle"))
    parts.append(_legend(frame, names))
    parts.append("</svg>")
    return "".join(parts)


def line(points: Sequence[tuple[str, float]], *, title: str, frame: Frame = Frame(right=24)) -> str:
    """One time series as a line with dots; x is time (ISO stamps), y starts near the data."""
    if not points:
        return _open(frame, title) + _text(frame.width / 2, frame.height / 2, "no data", "middle") + "</svg>"
    days = [date.fromisoformat(at[:10]).toordinal() for at, _ in points]
    lo_day, hi_day = min(days), max(days)
    values = [v for _, v in points]
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.1 or max(abs(hi) * 0.05, 1.0)
    lo, hi = lo - pad, hi + pad
    span_x = max(hi_day - lo_day, 1)

    def xy(day: int, value: float) -> tuple[float, float]:
        x = frame.left + (day - lo_day) / span_x * frame.plot_w
        y = frame.top + (hi - value) / (hi - lo) * frame.plot_h
        return x, y

    coords = [xy(d, v) for d, v in zip(days, values, strict=True)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    parts = [_open(frame, title)]
    for value in (lo + pad, hi - pad):
        _, y = xy(lo_day, value)
        parts.append(f'<line x1="{frame.left}" x2="{frame.left + frame.plot_w}" y1="{y:.1f}" '
                     f'y2="{y:.1f}" class="grid"/>')
        parts.append(_text(frame.left - 6, y + 4, _num(value), "end"))
    parts.append(f'<polyline points="{path}" fill="none" stroke="{PALETTE[0]}" stroke-width="2"/>')
    for (x, y), (at, value) in zip(coords, points, strict=True):
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{PALETTE[0]}">'
                     f'<title>{escape(at[:10])}: {_num(value)}</title></circle>')
    parts.append(_text(frame.left, frame.height - 10, points[0][0][:10], "start"))
    parts.append(_text(frame.left + frame.plot_w, frame.height - 10, points[-1][0][:10], "end"))
    parts.append("</svg>")
    return "".join(parts)


def _open(frame: Frame, title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            f'viewBox="0 0 {frame.width} {frame.height}" width="{frame.width}" '
            f'height="{frame.height}" aria-label="{escape(title)}"><title>{escape(title)}</title>')


def _y_axis(frame: Frame, top: float) -> str:
    parts = []
    for fraction in (0.0, 0.5, 1.0):
        y = frame.top + frame.plot_h * (1 - fraction)
        parts.append(f'<line x1="{frame.left}" x2="{frame.left + frame.plot_w}" y1="{y:.1f}" '
                     f'y2="{y:.1f}" class="grid"/>')
        parts.append(_text(frame.left - 6, y + 4, _num(top * fraction), "end"))
    return "".join(parts)


def _legend(frame: Frame, names: Sequence[str]) -> str:
    parts = []
    x = frame.width - frame.right + 12
    for i, name in enumerate(names[:10]):
        y = frame.top + 4 + i * 18
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour(name, i)}"/>')
        parts.append(_text(x + 18, y + 11, name[:18], "start"))
    return "".join(parts)


def _text(x: float, y: float, text: str, anchor: str) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="label">'
            f'{escape(text)}</text>')


def _num(value: float) -> str:
    if abs(value) >= 10_000:
        return f"{value / 1000:.1f}k"
    return f"{value:.0f}" if value == int(value) or abs(value) >= 100 else f"{value:.1f}"

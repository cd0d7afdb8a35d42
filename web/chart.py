"""Events per month by type as stacked bars, drawn on the server as SVG geometry (no script)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from alerts.compose import TYPE_ORDER
from storage.browse import MonthCount
from web.i18n import type_label

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 720, 180, 32, 22, 8
MAX_MONTHS = 120


@dataclass(frozen=True, slots=True)
class Bar:
    """One type's part of one month's bar."""

    x: float
    y: float
    w: float
    h: float
    kind: str
    label: str  # the type's name
    month: int
    year: int
    events: int

    @property
    def title(self) -> str:
        return f"{self.month:02d}/{self.year}: {self.events} × {self.label}"

    def svg(self) -> str:
        # only the type and its name can hold markup; escaped once per chart, not once per bar
        return (f'<rect class="bar t-{_escaped(self.kind)}" x="{self.x}" y="{self.y}" width="{self.w}" '
                f'height="{self.h}"><title>{self.month:02d}/{self.year}: {self.events} × {_escaped(self.label)}'
                '</title></rect>\n')


@lru_cache(maxsize=64)
def _escaped(text: str) -> str:
    return str(escape(text))


def bars_svg(bars: list[Bar]) -> Markup:
    """The bars as SVG elements, their text escaped. Written here rather than by a template loop: a
    chart of ten years has 480 of them, which took Jinja a fifth of the events page's time."""
    return Markup("".join(bar.svg() for bar in bars))


def _months(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    months, (year, month) = [], first
    while (year, month) <= last:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months[-MAX_MONTHS:]


def monthly_chart(counts: list[MonthCount], lang: str) -> dict[str, Any] | None:
    """Bars, axis labels and legend of the chart; None when no event is dated."""
    if not counts:
        return None
    per_month: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for c in counts:
        per_month[(c.year, c.month)][c.type] = c.events
    months = _months(min(per_month), max(per_month))
    tallest = max(sum(per_month[m].values()) for m in months) or 1
    plot_height = HEIGHT - BOTTOM - TOP
    step = (WIDTH - LEFT) / len(months)
    bars, labels = [], []
    for index, (year, month) in enumerate(months):
        x, base = LEFT + index * step, float(HEIGHT - BOTTOM)
        for kind in TYPE_ORDER:
            n = per_month[(year, month)].get(kind, 0)
            if not n:
                continue
            height = n / tallest * plot_height
            base -= height
            bars.append(Bar(round(x + step * 0.1, 1), round(base, 1), round(max(step * 0.8, 1), 1),
                            round(height, 1), kind, type_label(kind, lang), month, year, n))
        if month == 1 or index == 0 or len(months) <= 12:
            labels.append({"x": round(x + step / 2, 1), "text": f"{month:02d}/{year}" if len(months) <= 24 else str(year)})
    legend = [{"kind": k, "label": type_label(k, lang)} for k in TYPE_ORDER if any(c.type == k for c in counts)]
    return {"width": WIDTH, "height": HEIGHT, "left": LEFT, "top": TOP, "baseline": HEIGHT - BOTTOM,
            "tallest": tallest, "bars": bars, "bars_svg": bars_svg(bars), "labels": _spaced(labels), "legend": legend}


def _spaced(labels: list[dict[str, Any]], gap: float = 48) -> list[dict[str, Any]]:
    """Drop axis labels that would overlap the previous one."""
    kept: list[dict[str, Any]] = []
    for label in labels:
        if not kept or label["x"] - kept[-1]["x"] >= gap:
            kept.append(label)
    return kept

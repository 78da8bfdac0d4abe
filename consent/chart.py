"""The consent page's chart, drawn on the server as inline SVG: one stacked bar a day of the
records that accepted all, chose by category and rejected all.

No script and no style attribute (the Content Security Policy allows neither inline): shapes
and colours are SVG presentation attributes. The page's table gives the same numbers for
screen readers and for reading exact values.
"""

import math
from dataclasses import dataclass

from django.utils.formats import date_format

from consent.models import Choice
from consent.stats import Daily

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 40, 40, 12, 28
MAX_LABELS = 7  # dates under the bars

# Colours told apart with every common colour-vision deficiency (Okabe and Ito), bottom up.
SERIES = (
    (Choice.ACCEPT_ALL, "accepted_all", "#009e73"),
    (Choice.CUSTOM, "custom", "#0072b2"),
    (Choice.REJECT_ALL, "rejected_all", "#d55e00"),
)


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str
    title: str


@dataclass(frozen=True)
class Tick:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: int
    baseline: float
    rects: tuple[Rect, ...]
    grid: tuple[Tick, ...]  # horizontal lines with the count at their left
    dates: tuple[Tick, ...]
    legend: tuple[tuple[str, str], ...]  # (label, colour), in the order of the stack


def ceiling(value: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, … at least `value` (1 for nothing)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def chart(daily: Daily) -> Chart:
    days = daily.days
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_height
    top = ceiling(max((day.total for day in days), default=0))
    scale = plot_height / top
    slot = plot_width / len(days)
    bar = slot * 0.7
    rects, dates = [], []
    step = math.ceil(len(days) / MAX_LABELS)
    for index, day in enumerate(days):
        x = LEFT + index * slot + (slot - bar) / 2
        shown = date_format(day.date, "SHORT_DATE_FORMAT")
        y = baseline
        for choice, field, fill in SERIES:
            count = getattr(day, field)
            if not count:
                continue
            height = count * scale
            y -= height
            title = f"{shown} · {choice.label}: {count}"
            rects.append(
                Rect(round(x, 2), round(y, 2), round(bar, 2), round(height, 2), fill, title)
            )
        if (len(days) - 1 - index) % step == 0:  # today always has its date
            dates.append(Tick(round(LEFT + (index + 0.5) * slot, 2), HEIGHT - 8, shown))
    values = [0, top // 2, top] if top % 2 == 0 and top > 1 else [0, top]
    grid = tuple(Tick(LEFT - 6, round(baseline - value * scale, 2), str(value)) for value in values)
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=WIDTH - RIGHT,
        baseline=baseline,
        rects=tuple(rects),
        grid=grid,
        dates=tuple(dates),
        legend=tuple((choice.label, fill) for choice, _field, fill in SERIES),
    )

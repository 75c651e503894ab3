"""Chart geometry for server-rendered SVG: pure. The templates in templates/classroom/charts/
draw it (no HTML or SVG is built here); every chart also has its data as a table.

Coordinates are in SVG user units; the SVG scales to its container through its viewBox."""

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

LABEL_WIDTH = 250
BAR_AREA = 320
ROW_HEIGHT = 30
BAR_HEIGHT = 20
PAD = 8


def percent_text(value: Fraction | float | None) -> str:
    if value is None:
        return "\N{EN DASH}"
    return f"{round(float(value) * 100)}%"


def band(value: Fraction | float | None) -> str:
    """A CSS class for a share: five bands, each with a text colour that keeps AA contrast."""
    if value is None:
        return "band-none"
    v = float(value)
    if v < 0.4:
        return "band-0"
    if v < 0.6:
        return "band-1"
    if v < 0.8:
        return "band-2"
    return "band-3"


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    value_x: float
    value_y: float
    css: str


@dataclass(frozen=True)
class Tick:
    x1: float
    y1: float
    x2: float
    y2: float
    text: str
    text_x: float
    text_y: float


@dataclass
class Chart:
    id: str
    title: str
    description: str
    width: float
    height: float
    bars: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    axis: tuple[float, float, float, float] | None = None
    kind: str = "bars"  # "bars" (horizontal) or "columns" (vertical)


def hbar_chart(
    *, chart_id: str, title: str, description: str, items: Sequence[tuple[str, Fraction | None]]
) -> Chart:
    """Horizontal bars of shares (0 to 1), one per labelled item: mastery per skill."""
    height = PAD * 2 + ROW_HEIGHT * len(items) + 24
    chart = Chart(chart_id, title, description, LABEL_WIDTH + BAR_AREA + 70, height)
    x0 = LABEL_WIDTH
    for index, (label, value) in enumerate(items):
        y = PAD + index * ROW_HEIGHT
        width = BAR_AREA * float(value) if value is not None else 0
        chart.bars.append(
            Bar(
                label=label,
                value_text=percent_text(value),
                x=x0,
                y=y + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                width=round(width, 1),
                height=BAR_HEIGHT,
                label_x=x0 - 8,
                label_y=y + ROW_HEIGHT / 2 + 5,
                value_x=round(x0 + width + 6, 1),
                value_y=y + ROW_HEIGHT / 2 + 5,
                css=band(value),
            )
        )
    axis_y = PAD + ROW_HEIGHT * len(items)
    chart.axis = (x0, PAD, x0, axis_y)
    for pct in (0, 50, 100):
        x = x0 + BAR_AREA * pct / 100
        chart.ticks.append(Tick(x, axis_y, x, axis_y + 5, f"{pct}%", x, axis_y + 18))
    return chart


def column_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    counts: Sequence[int],
    labels: Sequence[str],
) -> Chart:
    """Vertical bars of counts: the distribution of scores."""
    column, gap, plot_height, left, top = 44, 10, 160, 36, 16
    width = left + len(counts) * (column + gap) + gap
    height = top + plot_height + 40
    chart = Chart(chart_id, title, description, width, height, kind="columns")
    peak = max(counts, default=0) or 1
    base = top + plot_height
    for index, (count, label) in enumerate(zip(counts, labels, strict=True)):
        bar_height = plot_height * count / peak
        x = left + gap + index * (column + gap)
        chart.bars.append(
            Bar(
                label=label,
                value_text=str(count),
                x=x,
                y=round(base - bar_height, 1),
                width=column,
                height=round(bar_height, 1),
                label_x=x + column / 2,
                label_y=base + 16,
                value_x=x + column / 2,
                value_y=round(base - bar_height - 4, 1),
                css="bar",
            )
        )
    chart.axis = (left, base, width, base)
    for value in sorted({0, peak}):
        y = base - plot_height * value / peak
        chart.ticks.append(Tick(left - 4, y, left, y, str(value), left - 8, y + 4))
    return chart


@dataclass(frozen=True)
class HeatCell:
    x: float
    y: float
    width: float
    height: float
    text: str
    text_x: float
    text_y: float
    css: str


@dataclass(frozen=True)
class HeatLabel:
    text: str
    x: float
    y: float
    lines: tuple[str, ...] = ()  # a column label wrapped to fit its column


@dataclass
class Heatmap:
    id: str
    title: str
    description: str
    width: float
    height: float
    cells: list[HeatCell] = field(default_factory=list)
    row_labels: list[HeatLabel] = field(default_factory=list)
    column_labels: list[HeatLabel] = field(default_factory=list)


def heatmap(
    *,
    chart_id: str,
    title: str,
    description: str,
    columns: Sequence[str],
    rows: Sequence[tuple[str, Sequence[Fraction | None]]],
) -> Heatmap:
    """A grid of shares, one row per student and one column per skill, each cell shaded by
    band and labelled with its percentage (the colour is never the only cue)."""
    label_width, cell_w, cell_h, line_h = 180, 132, 26, 16
    wrapped = [tuple(textwrap.wrap(name, 16, break_long_words=False)) or ("",) for name in columns]
    header = 12 + line_h * max((len(lines) for lines in wrapped), default=1)
    chart = Heatmap(
        chart_id,
        title,
        description,
        label_width + cell_w * len(columns) + 4,
        header + cell_h * len(rows) + 4,
    )
    for c, (name, lines) in enumerate(zip(columns, wrapped, strict=True)):
        chart.column_labels.append(
            HeatLabel(
                name,
                label_width + c * cell_w + cell_w / 2,
                header - 8 - line_h * (len(lines) - 1),
                lines,
            )
        )
    for r, (name, values) in enumerate(rows):
        y = header + r * cell_h
        chart.row_labels.append(HeatLabel(name, label_width - 8, y + cell_h / 2 + 5))
        for c, value in enumerate(values):
            x = label_width + c * cell_w
            chart.cells.append(
                HeatCell(
                    x=x + 1,
                    y=y + 1,
                    width=cell_w - 2,
                    height=cell_h - 2,
                    text=percent_text(value),
                    text_x=x + cell_w / 2,
                    text_y=y + cell_h / 2 + 5,
                    css=band(value),
                )
            )
    return chart

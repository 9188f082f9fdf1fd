"""Inline SVG charts for the HTML report, drawn by hand (no library, nothing loaded).

Each chart is markupsafe `Markup` built piece by piece with `Markup(...).format`, which
escapes every value it is given; texts go through `templating.html` (control characters
shown by their code) before they are placed. The charts' own words (titles, legends,
labels) are in the report's language (`w`). Long series are reduced to what a pixel
column can show (the lowest, highest and last value per column), so a
chart of a session with thousands of changes stays small and exact to the pixel.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from markupsafe import Markup

from .report import Counts, IndicatorSeries, NarrativeResult, PhaseChange, PillarGlance
from .templating import html as escape
from .text import MAX_TIME, STATUS_COLOURS, STATUS_LABELS, between, bounded_time, fraction
from .words import Words

_TICK_STEPS = (30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400)
_DAY = 86400
# Time ticks on an axis, at most (more would not be readable at 640 px anyway); a long
# session gets a coarser step (1, 2 or 5 times a power of ten days) instead of more ticks.
MAX_TICKS = 12
# Phase changes labelled in an indicator chart; more are drawn as lines only (one path,
# at most one stroke per pixel column), so a journal of many phase changes stays small.
MAX_PHASE_LABELS = 12
_LEVEL_COLOURS = {
    "L0": "#e6eef5",
    "L1": "#cfe0ee",
    "L2": "#f6d8a8",
    "L3": "#f1b0a8",
    "L4": "#d6e9c6",
}
FONT = Markup(
    'font-family="Segoe UI, Helvetica Neue, Arial, Liberation Sans, DejaVu Sans, sans-serif"'
)


def _tick_label(t: float, step: float = 0.0) -> str:
    """T+HH:MM, or T+Nd when the ticks are whole days apart."""
    if step > _DAY:
        return f"T+{t / _DAY:.0f}d"
    whole = int(t)
    hours, rest = divmod(whole, 3600)
    minutes = rest // 60
    return f"T+{hours:02d}:{minutes:02d}"


def _end(end: float) -> float:
    """The scenario time a chart runs to: at least a second, at most MAX_TIME."""
    return max(bounded_time(end), 1.0)


def tick_step(end: float, most: int = 8) -> float:
    """The step between time ticks, so that 0..end has at most `most` + 1 of them."""
    end = _end(end)
    most = max(1, min(most, MAX_TICKS - 1))
    for step in _TICK_STEPS:
        if end / step <= most:
            return float(step)
    days = end / _DAY / most
    power = 10.0 ** math.floor(math.log10(days))
    for factor in (1, 2, 5, 10):
        if factor * power >= days:
            return factor * power * _DAY
    return 10 * power * _DAY  # pragma: no cover - the loop always returns


def time_ticks(end: float, most: int = 8) -> list[float]:
    """Tick times from T+0 to `end` (clamped to MAX_TIME), never more than MAX_TICKS."""
    end = _end(end)
    step = tick_step(end, most)
    count = min(int(end / step + 1e-9) + 1, MAX_TICKS)
    return [n * step for n in range(count)]


def _step_path(
    points: list[tuple[float, float]],
    x0: float,
    x_scale: float,
    end: float,
    y0: float,
    height: float,
    low: float,
    high: float,
) -> str:
    """An SVG path of a step function, at most a few commands per pixel column.

    x = x0 + t * x_scale (t clamped to 0..end), y = y0 - height * fraction(v, low, high).
    """
    if not points:
        return ""

    def y(v: float) -> str:
        return f"{y0 - height * fraction(v, low, high):.1f}"

    def column(start: float, low_v: float, high_v: float, last: float) -> str:
        """The vertical strokes of one pixel column that began at value `start`."""
        if low_v >= min(start, last) and high_v <= max(start, last):
            return "" if last == start else f"V{y(last)}"
        return f"V{y(low_v)}V{y(high_v)}V{y(last)}"

    t0, v0 = points[0]
    current = round(x0 + min(max(t0, 0.0), end) * x_scale, 1)
    parts = [f"M{current:.1f},{y(v0)}"]
    start = lowest = highest = last = v0
    for t, v in points[1:]:
        px = round(x0 + (t if t < end else end) * x_scale, 1)
        if px != current:
            parts.append(column(start, lowest, highest, last))
            parts.append(f"H{px:.1f}")
            current, start, lowest, highest = px, last, last, last
        if v < lowest:
            lowest = v
        elif v > highest:
            highest = v
        last = v
    parts.append(column(start, lowest, highest, last))
    parts.append(f"H{x0 + end * x_scale:.1f}")
    return "".join(parts)


def _time_axis(
    end: float, x: Callable[[float], float], bottom: float, label_y: float
) -> list[Markup]:
    """The time ticks under a chart's plot, labelled as the timeline labels times."""
    step = tick_step(end)
    return [
        Markup(
            '<line x1="{:.1f}" x2="{:.1f}" y1="{}" y2="{}" '
            'stroke="#888"/><text x="{:.1f}" y="{}" text-anchor="middle" '
            'fill="#555">{}</text>'
        ).format(x(tick), x(tick), bottom, bottom + 4, x(tick), label_y, _tick_label(tick, step))
        for tick in time_ticks(end)
    ]


def _phase_columns(
    phases: list[PhaseChange], x: Callable[[float], float]
) -> list[tuple[float, PhaseChange]]:
    """The phase changes after the start, one per pixel column (the last in it)."""
    found: dict[int, tuple[float, PhaseChange]] = {}
    for change in phases:
        if change.cause != "start":
            px = x(change.t)
            found[round(px)] = (px, change)
    return [found[key] for key in sorted(found)]


def indicator_chart(
    series: IndicatorSeries, end: float, phases: list[PhaseChange], w: Words, width: int = 640
) -> Markup:
    """A line chart of one indicator over scenario time, with the phase changes marked.

    Its size is bounded whatever the series: at most MAX_TICKS ticks, a path of a few
    strokes per pixel column, and MAX_PHASE_LABELS phase labels."""
    height, left, right, top, bottom = 190, 46, 14, 14, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    end = _end(end)
    low, high = series.min, series.max
    if not high > low and abs(low) < MAX_TIME:  # no range: draw against low .. low + 1
        high = low + 1  # (beyond that, +1 is lost to rounding; `fraction` copes with none)

    def x(t: float) -> float:
        return left + plot_w * (min(max(t, 0.0), end) / end)

    def y(v: float) -> float:
        return top + plot_h * (1 - fraction(v, low, high))

    title = escape(
        w(
            "{indicator}: {start} at T+0, {end} at the end",
            indicator=series.title,
            start=f"{series.start:g}",
            end=f"{series.end:g}",
        )
    )
    out = [
        Markup(
            '<svg class="chart" viewBox="0 0 {} {}" width="100%" role="img" '
            'aria-label="{}" {} font-size="11">'
        ).format(width, height, title, FONT),
        Markup("<title>{}</title>").format(title),
    ]
    for n in range(5):
        v = between(low, high, n / 4)
        out.append(
            Markup(
                '<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" '
                'stroke="#e3e6ea" stroke-width="1"/>'
                '<text x="{}" y="{:.1f}" text-anchor="end" fill="#555">'
                "{:g}</text>"
            ).format(left, width - right, y(v), y(v), left - 6, y(v) + 4, v)
        )
    out += _time_axis(end, x, top + plot_h, height - 10)
    marks = _phase_columns(phases, x)
    if len(marks) > MAX_PHASE_LABELS:
        lines = "".join(f"M{px:.1f},{top}V{top + plot_h}" for px, _change in marks)
        out.append(Markup('<path d="{}" stroke="#a15c00" stroke-dasharray="4 3"/>').format(lines))
        marks = []
    for px, change in marks:
        out.append(
            Markup(
                '<line x1="{:.1f}" x2="{:.1f}" y1="{}" '
                'y2="{}" stroke="#a15c00" stroke-dasharray="4 3"/>'
                '<text x="{:.1f}" y="{}" fill="#a15c00">'
                "{}</text>"
            ).format(px, px, top, top + plot_h, px + 4, top + 10, escape(_short(change.level, 8)))
        )
    out.append(
        Markup('<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#9aa3ad"/>').format(
            left, top, plot_w, plot_h
        )
    )
    path = _step_path(series.points, left, plot_w / end, end, top + plot_h, plot_h, low, high)
    out.append(Markup('<path d="{}" fill="none" stroke="#154273" stroke-width="2"/>').format(path))
    out += _move_marks(series, x, y)
    out.append(
        Markup(
            '<circle cx="{:.1f}" cy="{:.1f}" r="3.5" fill="#154273"/>'
            '<text x="{:.1f}" y="{:.1f}" text-anchor="end" '
            'fill="#154273" font-weight="bold">{:g}</text>'
        ).format(x(end), y(series.end), x(end) - 6, y(series.end) - 7, series.end)
    )
    out.append(Markup("</svg>"))
    return Markup("").join(out)


MOVE_COLOURS = {"decision": "#7a3e9d", "measure": "#39870c"}


def _move_marks(
    series: IndicatorSeries, x: Callable[[float], float], y: Callable[[float], float]
) -> list[Markup]:
    """The decisions and measures that moved the indicator: a diamond where the line went,
    one per pixel column and kind (one path each); numbered as `moves_listed` lists them
    when there are at most MAX_PHASE_LABELS."""
    columns: dict[str, dict[int, float]] = {"decision": {}, "measure": {}}
    for move in series.moves:  # the last move in each column (its value is where the line is)
        columns[move.kind][round(x(move.t))] = move.value
    out = []
    for kind, found in columns.items():
        if found:
            d = "".join(
                f"M{px},{y(value) - 5:.1f}l5,5l-5,5l-5,-5z" for px, value in sorted(found.items())
            )
            out.append(
                Markup('<path d="{}" fill="{}" stroke="#fff"/>').format(d, MOVE_COLOURS[kind])
            )
    if len(series.moves) <= MAX_PHASE_LABELS:
        for n, move in enumerate(series.moves, 1):
            out.append(
                Markup('<text x="{:.1f}" y="{:.1f}" fill="{}" font-weight="bold">{}</text>').format(
                    x(move.t) + 6, y(move.value) - 6, MOVE_COLOURS[move.kind], n
                )
            )
    return out


def moves_listed(series: IndicatorSeries, w: Words) -> list[str]:
    """The moves in words (numbered as on the chart), at most MAX_PHASE_LABELS, then how
    many more (the JSON has them all)."""
    lines = [
        f"({n}) {_tick_label(move.t)} {move.text} ({_signed(move.delta, w)})"
        for n, move in enumerate(series.moves[:MAX_PHASE_LABELS], 1)
    ]
    left = len(series.moves) - MAX_PHASE_LABELS
    if left > 0:
        lines.append(w("and {n} more", n=left))
    return lines


def _signed(delta: float, w: Words) -> str:
    return ("+" if delta > 0 else "") + w.number(delta, 6)


def expected_bars(glances: list[PillarGlance], w: Words, width: int = 640) -> Markup:
    """Stacked horizontal bars: expected actions per pillar by outcome."""
    row_h, label_w, top = 26, 250, 8
    height = top + row_h * len(glances) + 34
    plot_w = width - label_w - 50
    most = max((g.expected.total for g in glances), default=0) or 1
    statuses = {status: escape(w(label)) for status, label in STATUS_LABELS.items()}
    title = w("Expected actions per pillar: met, late, missed, pending")
    out = [
        Markup(
            '<svg class="chart" viewBox="0 0 {} {}" width="100%" role="img" '
            'aria-label="{}" {} font-size="11">'
        ).format(width, height, escape(w("Expected actions per pillar")), FONT),
        Markup("<title>{}</title>").format(escape(title)),
    ]
    for n, g in enumerate(glances):
        y0 = top + n * row_h
        out.append(
            Markup('<text x="{}" y="{}" text-anchor="end" fill="#222">{}</text>').format(
                label_w - 8, y0 + 15, escape(_short(g.title))
            )
        )
        x0 = float(label_w)
        for status in ("met", "late", "missed", "pending"):
            value = getattr(g.expected, status)
            if value:
                bar = plot_w * value / most
                out.append(
                    Markup(
                        '<rect x="{:.1f}" y="{}" width="{:.1f}" height="{}" '
                        'fill="{}"><title>{}: {}</title>'
                        "</rect>"
                    ).format(
                        x0, y0 + 4, bar, row_h - 10, STATUS_COLOURS[status], statuses[status], value
                    )
                )
                x0 += bar
        total = g.expected.total
        out.append(
            Markup('<text x="{:.1f}" y="{}" fill="#555">{}</text>').format(
                x0 + 6, y0 + 15, total if total else escape(w("none"))
            )
        )
    legend_y = top + row_h * len(glances) + 14
    x0 = float(label_w)
    for status in ("met", "late", "missed", "pending"):
        out.append(
            Markup(
                '<rect x="{:.1f}" y="{}" width="10" height="10" '
                'fill="{}"/>'
                '<text x="{:.1f}" y="{}" fill="#333">{}</text>'
            ).format(x0, legend_y - 9, STATUS_COLOURS[status], x0 + 14, legend_y, statuses[status])
        )
        x0 += 80
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def _short(title: str, most: int = 42) -> str:
    if len(title) <= most:
        return title
    return title[: most - 1] + "…" if most > 1 else ""


def escalation_strip(
    phases: list[PhaseChange],
    deliveries: list[float],
    actions: list[tuple[float, str]],
    end: float,
    w: Words,
    width: int = 640,
) -> Markup:
    """The phases as bands over scenario time, injects as ticks, measures as markers.

    Bounded whatever the journal holds: one band, one tick and one marker per pixel column
    at most, and at most MAX_TICKS time ticks."""
    height, left, right = 120, 46, 14
    plot_w = width - left - right
    end = _end(end)

    def x(t: float) -> float:
        return left + plot_w * (min(max(t, 0.0), end) / end)

    out = [
        Markup(
            '<svg class="chart" viewBox="0 0 {} {}" width="100%" role="img" '
            'aria-label="{}" {} font-size="11">'
        ).format(width, height, escape(w("Escalation over scenario time")), FONT),
        Markup("<title>")
        + escape(w("Phases over scenario time, with inject deliveries and measures"))
        + Markup("</title>"),
    ]
    # the phase in force at the end of each pixel column where one begins
    bands: dict[int, tuple[float, PhaseChange]] = {}
    for change in phases:
        px = x(change.t)
        bands[round(px)] = (px, change)
    starts = [bands[key] for key in sorted(bands)]
    for n, (x0, change) in enumerate(starts):
        x1 = starts[n + 1][0] if n + 1 < len(starts) else x(end)
        colour = _LEVEL_COLOURS.get(change.level, "#eee")
        out.append(
            Markup(
                '<rect x="{:.1f}" y="16" width="{:.1f}" height="34" fill="{}" stroke="#fff"/>'
            ).format(x0, max(x1 - x0, 0.5), colour)
        )
        if x1 - x0 > 40:
            out.append(
                Markup(
                    '<text x="{:.1f}" y="30" fill="#222" font-weight="bold">'
                    "{}</text>"
                    '<text x="{:.1f}" y="44" fill="#333">'
                    "{}</text>"
                ).format(
                    x0 + 5,
                    escape(_short(change.level, int((x1 - x0) / 7))),
                    x0 + 5,
                    escape(_short(change.title, int((x1 - x0) / 6))),
                )
            )
    columns = sorted({round(x(t)) for t in deliveries})
    ticks = "".join(f"M{px},56V66" for px in columns)
    if ticks:
        out.append(Markup('<path d="{}" stroke="#154273" stroke-width="1"/>').format(ticks))
        out.append(
            Markup('<text x="{}" y="65" text-anchor="end" fill="#555">{}</text>').format(
                left - 6, escape(w("injects"))
            )
        )
    marks = sorted({round(x(t)) for t, _label in actions})
    for px in marks:
        out.append(Markup('<path d="M{},70l5,9h-10z" fill="#39870c"/>').format(px))
    if marks:
        out.append(
            Markup('<text x="{}" y="79" text-anchor="end" fill="#555">{}</text>').format(
                left - 6, escape(w("measures"))
            )
        )
    step = tick_step(end)
    for tick in time_ticks(end):
        out.append(
            Markup(
                '<line x1="{:.1f}" x2="{:.1f}" y1="86" y2="90" stroke="#888"/>'
                '<text x="{:.1f}" y="104" text-anchor="middle" fill="#555">'
                "{}</text>"
            ).format(x(tick), x(tick), x(tick), _tick_label(tick, step))
        )
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def counts_bar(counts: Counts, w: Words, width: int = 160) -> Markup:
    """A small inline bar of expected-action outcomes."""
    total = counts.total
    if not total:
        return Markup()
    label = w(
        "met {met}, late {late}, missed {missed}, pending {pending}",
        met=counts.met,
        late=counts.late,
        missed=counts.missed,
        pending=counts.pending,
    )
    out = [
        Markup(
            '<svg class="mini" viewBox="0 0 {} 10" width="{}" height="10" '
            'role="img" aria-label="{}">'
        ).format(width, width, escape(label))
    ]
    x0 = 0.0
    for status in ("met", "late", "missed", "pending"):
        value = getattr(counts, status)
        if value:
            bar = width * value / total
            out.append(
                Markup('<rect x="{:.1f}" y="0" width="{:.1f}" height="10" fill="{}"/>').format(
                    x0, bar, STATUS_COLOURS[status]
                )
            )
            x0 += bar
    out.append(Markup("</svg>"))
    return Markup("").join(out)


NARRATIVE_COLOURS = ("#b3261e", "#154273", "#a15c00", "#39870c", "#6f2c91", "#007b87")
# Narratives drawn in one chart; more are listed in the table only (a scenario may have a
# hundred; a chart of a hundred lines says nothing).
MAX_CHART_NARRATIVES = len(NARRATIVE_COLOURS)


def narrative_colour(n: int) -> str:
    return NARRATIVE_COLOURS[n % len(NARRATIVE_COLOURS)]


def narrative_chart(
    narratives: list[NarrativeResult], end: float, w: Words, width: int = 640
) -> Markup:
    """The reach of the narratives that started (percent of the public, 0 to 100) over
    scenario time, one line each in the colours of `narrative_colour`, a dot where a
    product answered one. Bounded like `indicator_chart`: at most MAX_CHART_NARRATIVES
    lines of a few strokes per pixel column."""
    height, left, right, top, bottom = 190, 46, 14, 14, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    end = _end(end)

    def x(t: float) -> float:
        return left + plot_w * (min(max(t, 0.0), end) / end)

    def y(v: float) -> float:
        return top + plot_h * (1 - fraction(v, 0.0, 100.0))

    title = escape(w("Reach of the narratives over time, in percent of the public"))
    out = [
        Markup(
            '<svg class="chart" viewBox="0 0 {} {}" width="100%" role="img" '
            'aria-label="{}" {} font-size="11">'
        ).format(width, height, title, FONT),
        Markup("<title>{}</title>").format(title),
    ]
    for v in (0, 25, 50, 75, 100):
        out.append(
            Markup(
                '<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" '
                'stroke="#e3e6ea" stroke-width="1"/>'
                '<text x="{}" y="{:.1f}" text-anchor="end" fill="#555">{}%</text>'
            ).format(left, width - right, y(v), y(v), left - 6, y(v) + 4, v)
        )
    out += _time_axis(end, x, top + plot_h, height - 10)
    out.append(
        Markup('<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#9aa3ad"/>').format(
            left, top, plot_w, plot_h
        )
    )
    for n, narrative in enumerate(narratives[:MAX_CHART_NARRATIVES]):
        if not narrative.points:
            continue
        colour = narrative_colour(n)
        path = _step_path(narrative.points, left, plot_w / end, end, top + plot_h, plot_h, 0, 100)
        out.append(
            Markup('<path d="{}" fill="none" stroke="{}" stroke-width="2"/>').format(path, colour)
        )
        if narrative.answered is not None:
            reach = next(
                (r for t, r in reversed(narrative.points) if t <= narrative.answered),
                narrative.points[0][1],
            )
            out.append(
                Markup(
                    '<circle cx="{:.1f}" cy="{:.1f}" r="4" '
                    'fill="#fff" stroke="{}" stroke-width="2"/>'
                ).format(x(narrative.answered), y(reach), colour)
            )
    out.append(Markup("</svg>"))
    return Markup("").join(out)

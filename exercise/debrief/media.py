"""The media environment in the debrief: each narrative's reach over time, its peak, when
and by whom it was answered, and the media items delivered (Annex D).

`media_section` takes them from the facts of the journal; `narrative_sentence` says one
narrative's course in words, for the Markdown and console reports and beside the HTML
chart (`charts.narrative_chart`).
"""

from __future__ import annotations

from collections.abc import Callable

from .metrics import Facts
from .report import MediaItemRow, MediaSection, NarrativeResult
from .text import clock, span
from .words import Words


def media_section(facts: Facts) -> MediaSection:
    scenario = facts.scenario
    narratives = []
    for narrative in scenario.narratives:
        points = facts.narrative_reach.get(narrative.id, [])
        started, starter = facts.narrative_started.get(narrative.id, (None, ""))
        answer = facts.narrative_answers.get(narrative.id)
        peak, peak_at = 0.0, None
        for t, reach in points:
            if reach > peak:
                peak, peak_at = reach, t
        source = scenario.inject_map.get(starter)
        narratives.append(
            NarrativeResult(
                id=narrative.id,
                claim=facts.text(narrative.claim),
                started=started,
                started_by=starter,
                started_title=facts.text(source.title) if source else starter,
                peak=peak,
                peak_at=peak_at,
                end=points[-1][1] if points else 0.0,
                ceiling=narrative.ceiling,
                answered=answer[0] if answer else None,
                time_to_answer=(
                    round(answer[0] - started, 3) if answer and started is not None else None
                ),
                product=answer[1] if answer else "",
                answered_by=answer[2] if answer else "",
                points=list(points),
            )
        )
    items = []
    for inject in scenario.media_injects:
        row = facts.delivered.get(inject.id)
        if row is None or inject.media is None:
            continue
        media = inject.media
        items.append(
            MediaItemRow(
                inject=inject.id,
                t=row.t,
                kind=media.kind.value,
                kind_label=facts.w.label(media.kind),
                outlet=facts.text(media.outlet),
                reach=media.reach,
                people=media.people,
                title=facts.text(inject.title),
                text=facts.text(inject.text),
            )
        )
    items.sort(key=lambda item: item.t)
    return MediaSection(narratives, items)


def share(value: float, w: Words) -> str:
    """A reach in percent of the public, in the report's number format."""
    return w("{reach}%", reach=w.number(value, 1))


def narrative_sentence(n: NarrativeResult, w: Words, esc: Callable[[str], str]) -> str:
    """One narrative's course in words (what the chart shows); `esc` escapes the scenario's
    and the players' text for where the sentence goes."""
    claim = esc(n.claim)
    if n.started is None:
        return w("“{claim}” never started: its media inject was not delivered.", claim=claim)
    course = w(
        "“{claim}” started at {start} with “{title}” and reached {peak} of the public at "
        "{peak_at}; {end} at the end.",
        claim=claim,
        start=clock(n.started),
        title=esc(n.started_title),
        peak=share(n.peak, w),
        peak_at=clock(n.peak_at),
        end=share(n.end, w),
    )
    if n.answered is None:
        return course + " " + w("No product answered it.")
    answer = w(
        "Answered at {time} by {role} with product {product}, {lag} after it started.",
        time=clock(n.answered),
        role=esc(n.answered_by),
        product=esc(n.product),
        lag=span(n.time_to_answer),
    )
    return course + " " + answer


def item_reach(item: MediaItemRow, w: Words) -> str:
    """`reach 4/5, 120,000 people`, or what of it the scenario gave."""
    parts = []
    if item.reach is not None:
        parts.append(w("reach {reach}/5", reach=item.reach))
    if item.people is not None:
        parts.append(w("{people} people", people=w.number(item.people, 0)))
    return ", ".join(parts) or "—"

"""What the papers say in words where the MSEL has a notation: an expected action (`nctv:
product press-release [threat-info]; within 5m` reads "NCTV: a press release with: threat
information; within 5m") and a media item ("News article · Daily Paper · reach 4/5").

The MSEL export keeps its notation, which `exercise import` reads back; the handouts are
read by people, in their language.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..language import number
from ..model import CommsElement, Scenario, format_duration, localize
from ..model.scenario import ExpectedAction, Inject, Media
from ..msel.words import word


def _role(scenario: Scenario, role: str | None, lang: str) -> str:
    if role is None:
        return word("expected.any", lang)
    found = scenario.role_map.get(role)
    return localize(found.title, lang) if found else role


def product_words(expected: ExpectedAction, lang: str) -> str:
    """ "a press release with: threat information, action perspective"."""
    product = expected.product
    assert product is not None
    what = word(f"product.{product.kind.value}" if product.kind else "product.any", lang)
    if not product.elements:
        return what
    elements = elements_words(product.elements, lang)
    return word("product.with", lang).format(product=what, elements=elements)


def elements_words(elements: Iterable[CommsElement], lang: str) -> str:
    """ "threat information, action perspective": the elements' short names, mid-sentence."""
    return ", ".join(_mid_sentence(e.short(lang)) for e in elements)


def _mid_sentence(name: str) -> str:
    return name[:1].lower() + name[1:]


def expected_words(scenario: Scenario, inject: Inject, expected: ExpectedAction, lang: str) -> str:
    """An expected action as a sentence for the evaluator: who, what, within, objective."""
    role: str | None = expected.role or inject.decider
    if expected.option:
        option = inject.decision.option(expected.option) if inject.decision else None
        label = localize(option.label, lang) if option else expected.option
        what = word("expected.option", lang).format(label=label, option=expected.option)
    elif expected.measure:
        measure = scenario.measure_map.get(expected.measure)
        title = localize(measure.title, lang) if measure else expected.measure
        what = word("expected.measure", lang).format(title=title, measure=expected.measure)
    elif expected.product is not None:
        role = expected.product_role  # none: any role that received the inject
        what = product_words(expected, lang)
    else:
        what = " ".join(localize(expected.action, lang).split())
    parts = [word("expected.who", lang).format(role=_role(scenario, role, lang), what=what)]
    if expected.within is not None:
        parts.append(
            word("expected.within", lang).format(duration=format_duration(expected.within))
        )
    if expected.objective:
        parts.append(word("expected.objective", lang).format(objective=expected.objective))
    return "; ".join(parts)


def media_words(media: Media, lang: str) -> str:
    """ "Social media post · Telegram channel ‘Havenstad Awake’ · reach 2/5 · 40,000 people":
    what players see of it too (the media are public)."""
    parts = [media.kind.label(lang), localize(media.outlet, lang)]
    if media.reach is not None:
        parts.append(word("media.reach", lang).format(reach=media.reach))
    if media.people is not None:
        parts.append(word("media.people", lang).format(people=number(lang, media.people, 0)))
    return " · ".join(parts)

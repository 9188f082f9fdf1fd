"""What the screens show, derived from the session state and the scenario.

Plain functions with no Textual in them: widgets call these after every batch of committed
events and render the rows they return. The player's view (`role_inbox`, `role_measures`,
`role_history`) is built from player-facing fields only: expected actions, controller
notes, conditions and contingencies never reach it, nor injects sent to other roles.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..model import ExpectedProduct, Scenario, format_duration, localize
from ..sim.state import DecisionState, SessionState
from . import i18n

# -- the MSEL (facilitator only) -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MselRow:
    key: str  # inject id
    number: str  # position in the MSEL ("3"), or "A1" for an ad-hoc inject
    time: float | None  # delivered at, due at, or planned at
    title: str
    to: tuple[str, ...]
    status: str  # delivered | held | scheduled | upcoming | conditional | waiting | adhoc
    condition: str = ""  # the `when` text of a conditional inject
    holds: bool | None = None  # whether that condition holds now
    scenario_inject: bool = True


class _MselMemo:
    """What the MSEL needs of a scenario that never changes during a session (titles in a
    language, numbers), and the rows made last time: `msel_rows` runs after every batch of
    events, and on an MSEL of thousands of injects making every row anew was most of it."""

    def __init__(self, scenario: Scenario, lang: str) -> None:
        self.scenario = scenario
        self.titles = [localize(inject.title, lang) for inject in scenario.injects]
        self.numbers = [str(n + 1) for n in range(len(scenario.injects))]
        self.rows: dict[str, tuple[tuple[Any, ...], MselRow]] = {}

    def row(self, *fields: Any) -> MselRow:
        """The row with these fields: the one made before when nothing changed."""
        found = self.rows.get(fields[0])
        if found is not None and found[0] == fields:
            return found[1]
        row = MselRow(*fields)
        self.rows[fields[0]] = (fields, row)
        return row


_MEMOS: dict[tuple[int, str], _MselMemo] = {}


def _memo(scenario: Scenario, lang: str) -> _MselMemo:
    found = _MEMOS.get((id(scenario), lang))
    if found is None or found.scenario is not scenario:
        if len(_MEMOS) > 8:
            _MEMOS.clear()
        found = _MEMOS[(id(scenario), lang)] = _MselMemo(scenario, lang)
    return found


def msel_rows(state: SessionState, scenario: Scenario, lang: str) -> list[MselRow]:
    """Every inject, delivered ones first (by delivery time), then the rest by due time,
    then conditional injects that are not yet armed, in scenario order."""
    delivered: list[tuple[float, int, MselRow]] = []
    timed: list[tuple[float, int, MselRow]] = []
    untimed: list[MselRow] = []
    memo = _memo(scenario, lang)
    titles, numbers, make = memo.titles, memo.numbers, memo.row
    delivered_at, scheduled, held_ones = state.delivered_at, state.scheduled, state.held
    for n, inject in enumerate(scenario.injects):
        key = inject.id
        if key in delivered_at:
            t = delivered_at[key]
            to = state.recipients.get(key, inject.to)
            delivered.append((t, n, make(key, numbers[n], t, titles[n], to, "delivered")))
            continue
        due = scheduled.get(key, inject.at)
        held = key in held_ones
        if due is not None:
            status = "held" if held else ("scheduled" if key in scheduled else "upcoming")
            timed.append((due, n, make(key, numbers[n], due, titles[n], inject.to, status)))
        elif inject.when is not None:
            holds = bool(inject.when.tree.evaluate(state))
            status = "held" if held else "conditional"
            untimed.append(
                make(key, numbers[n], None, titles[n], inject.to, status, inject.when.text, holds)
            )
        else:
            status = "held" if held else "waiting"
            untimed.append(make(key, numbers[n], None, titles[n], inject.to, status))
    for n, (key, payload) in enumerate(state.adhoc.items()):
        t = state.delivered_at.get(key, 0.0)
        row = MselRow(
            key,
            f"A{n + 1}",
            t,
            str(payload.get("title", key)),
            tuple(payload.get("to", ())),
            "adhoc",
            scenario_inject=False,
        )
        delivered.append((t, len(scenario.injects) + n, row))
    delivered.sort(key=lambda item: item[:2])
    timed.sort(key=lambda item: item[:2])
    return [r for *_k, r in delivered] + [r for *_k, r in timed] + untimed


def msel_detail(
    state: SessionState, scenario: Scenario, inject_id: str, lang: str
) -> list[tuple[str, str]]:
    """(label, text) lines about one inject for the facilitator: sender and method, the
    condition and whether it holds, expected actions, controller notes."""
    inject = scenario.inject_map.get(inject_id)
    if inject is None:
        payload = state.adhoc.get(inject_id)
        if payload is None:
            return []
        sender = str(payload.get("sender") or "")
        method = i18n.method_name(str(payload.get("method", "other")), lang)
        return [
            (i18n.tr("msel.from", lang), f"{sender} ({method})" if sender else method),
            (i18n.tr("msel.to", lang), ", ".join(state.recipients.get(inject_id, ()))),
        ]
    lines: list[tuple[str, str]] = []
    method = i18n.method_name(inject.method.value, lang)
    lines.append(
        (
            i18n.tr("msel.from", lang),
            f"{localize(inject.sender, lang)} ({method})" if inject.sender else method,
        )
    )
    lines.append((i18n.tr("msel.to", lang), ", ".join(state.recipients.get(inject.id, inject.to))))
    if inject.when is not None:
        holds = inject.when.tree.evaluate(state)
        lines.append(
            (
                i18n.tr("msel.conditional", lang),
                i18n.tr(
                    "msel.when",
                    lang,
                    condition=inject.when.text,
                    holds=i18n.tr("msel.holds" if holds else "msel.not_holds", lang),
                    after=format_duration(inject.after or 0),
                ),
            )
        )
    sources = scenario.released_by.get(inject.id)
    if sources:
        text = ", ".join(f"{i}/{o}" for i, o in sources)
        lines.append(
            (i18n.tr("msel.waiting", lang), i18n.tr("msel.released_by", lang, sources=text))
        )
    for expected in inject.expected:
        what = expected.option or expected.measure or localize(expected.action, lang)
        who = expected.role or inject.decider or ""
        if expected.product is not None:
            what = _expected_product(expected.product, lang)
            who = expected.product_role or who
        within = (
            " " + i18n.tr("msel.within", lang, within=format_duration(expected.within))
            if expected.within is not None
            else ""
        )
        lines.append((i18n.tr("msel.expected", lang), f"{who}: {what}{within}"))
    if inject.notes is not None:
        lines.append((i18n.tr("msel.notes", lang), localize(inject.notes, lang)))
    if inject.contingency:
        lines.append((i18n.tr("msel.contingency", lang), "✓"))
    return lines


# -- decisions (facilitator) ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DecisionRow:
    inject: str
    role: str
    title: str
    deadline: float | None
    status: str  # open | missed | taken
    option: str = ""  # chosen option, or the default applied


def decision_rows(state: SessionState, scenario: Scenario, lang: str) -> list[DecisionRow]:
    """Open decisions by deadline, then missed ones, then those taken (latest first)."""
    open_, missed, taken = [], [], []
    for decision in state.decisions.values():
        title = _decision_title(state, scenario, decision.inject, lang)
        if decision.open:
            open_.append(
                DecisionRow(decision.inject, decision.role, title, decision.deadline, "open")
            )
        elif decision.missed:
            missed.append(
                DecisionRow(
                    decision.inject,
                    decision.role,
                    title,
                    decision.deadline,
                    "missed",
                    _option_label(scenario, decision.inject, decision.default_applied, lang),
                )
            )
        else:
            taken.append(
                (
                    decision.decided_at or 0.0,
                    DecisionRow(
                        decision.inject,
                        decision.role,
                        title,
                        decision.deadline,
                        "taken",
                        _option_label(scenario, decision.inject, decision.option, lang),
                    ),
                )
            )
    open_.sort(key=lambda r: (r.deadline is None, r.deadline or 0.0, r.role))
    taken.sort(key=lambda item: -item[0])
    return open_ + missed + [row for _t, row in taken]


def _option_label(scenario: Scenario, inject_id: str, option: str | None, lang: str) -> str:
    if option is None:
        return ""
    inject = scenario.inject_map.get(inject_id)
    found = inject.decision.option(option) if inject and inject.decision else None
    return localize(found.label, lang) if found else option


# -- indicators ----------------------------------------------------------------------------


def resample(history: list[tuple[float, float]], until: float, points: int) -> list[float]:
    """A step function's values at `points` evenly spaced times from 0 to `until`."""
    if not history:
        return []
    end = max(until, history[-1][0], 1e-9)
    values, index, current = [], 0, history[0][1]
    for n in range(points):
        t = end * n / max(1, points - 1)
        while index < len(history) and history[index][0] <= t:
            current = history[index][1]
            index += 1
        values.append(current)
    values[-1] = history[-1][1]
    return values


# -- the player's view ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlayerDecision:
    prompt: str
    options: tuple[tuple[str, str], ...]  # (id, label)
    opened: float
    deadline: float | None
    status: str  # open | taken | missed
    chosen: str = ""  # label of the option chosen, or of the default applied
    decided_at: float | None = None
    rationale: str = ""


@dataclass(frozen=True, slots=True)
class PlayerInject:
    """An inject as its recipients see it: no MSEL field is here."""

    inject: str
    received: float
    method: str
    sender: str
    title: str
    text: str
    decider: str | None  # the role that decides, if the inject asks for a decision
    decision: PlayerDecision | None  # only for the role that decides


def role_inbox(state: SessionState, scenario: Scenario, role: str, lang: str) -> list[PlayerInject]:
    """The injects delivered to `role`, newest first."""
    found: list[PlayerInject] = []
    for inject_id, t in state.delivered_at.items():
        if role not in state.recipients.get(inject_id, ()):
            continue
        inject = scenario.inject_map.get(inject_id)
        if inject is None:
            payload = state.adhoc.get(inject_id, {})
            asked = state.adhoc_decision(inject_id)  # an ad-hoc inject may ask a decision
            adhoc_decision = state.decisions.get(inject_id)
            found.append(
                PlayerInject(
                    inject_id,
                    t,
                    str(payload.get("method", "other")),
                    str(payload.get("sender") or ""),
                    str(payload.get("title", "")),
                    str(payload.get("text", "")),
                    adhoc_decision.role if asked and adhoc_decision else None,
                    _adhoc_player_decision(asked, adhoc_decision)
                    if asked and adhoc_decision and adhoc_decision.role == role
                    else None,
                )
            )
            continue
        decision = None
        decider = inject.decider
        state_decision = state.decisions.get(inject_id)
        if inject.decision is not None and state_decision is not None:
            decider = state_decision.role
            if state_decision.role == role:
                decision = _player_decision(scenario, inject_id, state_decision, lang)
        found.append(
            PlayerInject(
                inject_id,
                t,
                inject.method.value,
                localize(inject.sender, lang),
                localize(inject.title, lang),
                localize(inject.text, lang),
                decider,
                decision,
            )
        )
    found.sort(key=lambda p: -p.received)
    return found


def _player_decision(
    scenario: Scenario, inject_id: str, decision: DecisionState, lang: str
) -> PlayerDecision:
    spec = scenario.inject_map[inject_id].decision
    assert spec is not None
    options = tuple((o.id, localize(o.label, lang)) for o in spec.options)
    if decision.decided_at is not None:
        status, chosen = "taken", _option_label(scenario, inject_id, decision.option, lang)
    elif decision.missed:
        status, chosen = (
            "missed",
            _option_label(scenario, inject_id, decision.default_applied, lang),
        )
    else:
        status, chosen = "open", ""
    return PlayerDecision(
        localize(spec.prompt, lang),
        options,
        decision.opened,
        decision.deadline,
        status,
        chosen,
        decision.decided_at,
        decision.rationale,
    )


def _adhoc_player_decision(spec: dict[str, Any], decision: DecisionState) -> PlayerDecision:
    """An ad-hoc inject's decision: its options are known by their labels."""
    options = tuple((str(o), str(o)) for o in spec.get("options", ()))
    if decision.decided_at is not None:
        status, chosen = "taken", decision.option or ""
    elif decision.missed:
        status, chosen = "missed", decision.default_applied or ""
    else:
        status, chosen = "open", ""
    return PlayerDecision(
        str(spec.get("prompt") or ""),
        options,
        decision.opened,
        decision.deadline,
        status,
        chosen,
        decision.decided_at,
        decision.rationale,
    )


def _decision_title(state: SessionState, scenario: Scenario, inject_id: str, lang: str) -> str:
    inject = scenario.inject_map.get(inject_id)
    if inject is not None:
        return localize(inject.title, lang)
    return str(state.adhoc.get(inject_id, {}).get("title") or inject_id)  # ad hoc


@dataclass(frozen=True, slots=True)
class MeasureRow:
    measure: str
    title: str
    from_level: str
    status: str  # available | locked | taken | in-force (lasting, until lifted) | lifted
    taken_at: float | None = None


def role_measures(
    state: SessionState, scenario: Scenario, role: str, lang: str
) -> list[MeasureRow]:
    rows = []
    for measure in scenario.measures:
        if measure.role != role:
            continue
        taken = state.measures.get(measure.id)
        lifted = state.lifted.get(measure.id)
        if lifted is not None:
            status, at = "lifted", lifted[1]
        elif taken is not None:
            status, at = ("in-force" if measure.lasting else "taken"), taken[1]
        elif measure.available_at(state.level):
            status, at = "available", None
        else:
            status, at = "locked", None
        rows.append(
            MeasureRow(
                measure.id, localize(measure.title, lang), measure.playbook.value, status, at
            )
        )
    return rows


def role_history(
    state: SessionState, scenario: Scenario, role: str, lang: str
) -> list[tuple[float, str]]:
    """What `role` decided (and missed), on its own initiative too, oldest first."""
    items: list[tuple[float, str]] = []
    for decision in state.decisions.values():
        if decision.role != role:
            continue
        title = _decision_title(state, scenario, decision.inject, lang)
        if decision.decided_at is not None:
            option = _option_label(scenario, decision.inject, decision.option, lang)
            text = i18n.tr("hist.decided", lang, title=title, option=option)
            if decision.rationale:
                text += f" ({decision.rationale})"
            items.append((decision.decided_at, text))
        elif decision.missed:
            at = decision.deadline if decision.deadline is not None else decision.opened
            if decision.default_applied:
                option = _option_label(scenario, decision.inject, decision.default_applied, lang)
                items.append((at, i18n.tr("hist.missed_default", lang, title=title, option=option)))
            else:
                items.append((at, i18n.tr("hist.missed", lang, title=title)))
    for entry in state.self_decisions:
        if entry.get("role") == role:
            items.append((entry["t"], i18n.tr("hist.self", lang, text=entry.get("text", ""))))
    for measure_id, (who, t) in state.measures.items():
        if who == role:
            spec = scenario.measure_map.get(measure_id)
            title = localize(spec.title, lang) if spec else measure_id
            items.append((t, i18n.tr("hist.measure", lang, title=title)))
    items.sort(key=lambda item: item[0])
    return items


def player_roles(scenario: Scenario) -> list[str]:
    from ..model import RoleKind

    return [r.id for r in scenario.roles if r.kind == RoleKind.PLAYER]


# -- communication products ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProductView:
    """A row of a role's communication tab."""

    product: str
    t: float  # issued, or submitted when not (yet) issued
    role: str  # the issuing role
    kind: str  # its label
    status: str  # to-approve (waits for this role) | submitted | returned | issued
    other: str  # the approving role (submitted, issued), "" when none was needed
    note: str  # the approver's note when returned
    audience: str
    channel: str
    elements: tuple[str, ...]
    text: str
    answers: tuple[str, ...]  # titles of the injects it answers


def _expected_product(product: ExpectedProduct, lang: str) -> str:
    """An expected product as the MSEL shows it: its kind and the elements it must carry."""
    kind = product.kind.label(lang) if product.kind else i18n.tr("msel.any_product", lang)
    if not product.elements:
        return kind
    elements = ", ".join(i18n.comms_name(e.value, lang) for e in product.elements)
    return f"{kind} ({elements})"


def _kind_label(kind: str, lang: str) -> str:
    from ..model import ProductKind

    try:
        return ProductKind(kind).label(lang)
    except ValueError:
        return kind


def _inject_title(state: SessionState, scenario: Scenario, inject_id: str, lang: str) -> str:
    inject = scenario.inject_map.get(inject_id)
    if inject is not None:
        return localize(inject.title, lang)
    return str(state.adhoc.get(inject_id, {}).get("title", inject_id))


def role_products(
    state: SessionState, scenario: Scenario, role: str, lang: str
) -> list[ProductView]:
    """The products waiting for `role`'s approval (oldest first), then `role`'s own
    products: issued, waiting, or returned, in the order they were drafted."""

    def titles(answers: object) -> tuple[str, ...]:
        ids = answers if isinstance(answers, list | tuple) else ()
        return tuple(_inject_title(state, scenario, str(i), lang) for i in ids)

    waiting, own = [], []
    for s in state.submissions.values():
        p = s.payload
        row = ProductView(
            s.product,
            s.t,
            s.role,
            _kind_label(s.kind, lang),
            s.status,
            s.approver,
            s.note,
            str(p.get("audience", "")),
            str(p.get("channel", "")),
            tuple(p.get("elements", ())),
            str(p.get("text", "")),
            titles(p.get("answers")),
        )
        if s.approver == role and s.status == "submitted":
            waiting.append(replace(row, status="to-approve", other=s.role))
        if s.role == role and s.status in ("submitted", "returned"):
            own.append((s.product, row))
    for product in state.products:
        if product.role == role:
            own.append(
                (
                    product.product,
                    ProductView(
                        product.product,
                        product.t,
                        product.role,
                        _kind_label(product.kind, lang),
                        "issued",
                        product.approved_by or "",
                        "",
                        product.audience,
                        product.channel,
                        product.elements,
                        product.text,
                        titles(product.answers),
                    ),
                )
            )
    own.sort(key=lambda item: int(item[0][1:]) if item[0][1:].isdigit() else 0)
    return waiting + [row for _id, row in own]


def role_answerable(
    state: SessionState, scenario: Scenario, role: str, lang: str
) -> list[tuple[str, str]]:
    """The injects delivered to `role`, oldest first, by id and title: what its products
    can answer."""
    return [
        (inject_id, _inject_title(state, scenario, inject_id, lang))
        for inject_id in state.delivered_at
        if role in state.recipients.get(inject_id, ())
    ]


# -- the media environment (every player) ------------------------------------------------


@dataclass(frozen=True, slots=True)
class MediaItem:
    """A media inject as the public sees it: no MSEL field, whoever it was sent to."""

    inject: str
    received: float
    kind: str  # article | post | tv | radio
    outlet: str
    reach: int | None  # 1 (local) .. 5
    people: int | None
    title: str
    text: str


def media_feed(state: SessionState, scenario: Scenario, lang: str) -> list[MediaItem]:
    """Every media inject delivered so far, newest first: the news and social feed every
    player sees, whichever roles the inject was sent to."""
    found: list[MediaItem] = []
    for inject in scenario.media_injects:
        t = state.delivered_at.get(inject.id)
        if t is None or inject.media is None:
            continue
        media = inject.media
        found.append(
            MediaItem(
                inject.id,
                t,
                media.kind.value,
                localize(media.outlet, lang),
                media.reach,
                media.people,
                localize(inject.title, lang),
                localize(inject.text, lang),
            )
        )
    found.sort(key=lambda item: -item.received)
    return found


@dataclass(frozen=True, slots=True)
class NarrativeRow:
    narrative: str
    claim: str
    reach: float  # percent of the public
    peak: float
    ceiling: float
    status: str  # waiting (not started) | growing | answered
    answered_at: float | None = None


def narrative_rows(
    state: SessionState, scenario: Scenario, lang: str, every: bool = False
) -> list[NarrativeRow]:
    """The narratives in the media: those that started (what players see), or with `every`
    all of them, those that have not started too (exercise control)."""
    rows = []
    for narrative in scenario.narratives:
        found = state.narratives.get(narrative.id)
        if found is None and not every:
            continue
        if found is None:
            status, reach, peak, answered = "waiting", 0.0, 0.0, None
        else:
            answered = found.answered
            status = "growing" if answered is None else "answered"
            reach, peak = found.reach, found.peak
        rows.append(
            NarrativeRow(
                narrative.id,
                localize(narrative.claim, lang),
                reach,
                peak,
                narrative.ceiling,
                status,
                answered,
            )
        )
    return rows

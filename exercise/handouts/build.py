"""The papers of an exercise as printable, self-contained HTML (A4, the handling marking on
every page), in one language:

- the controller and evaluator handbook: overview, objectives, the MSEL with expected
  actions (in words) and notes, media items with their reach, the narratives,
  contingency injects, an evaluation guide per objective;
- the simulation-cell script: per simulated sender (a media item without one: its
  outlet), what to say when, with cues;
- the player handout: background, roles, playbook, indicators, rules of play; read
  before play, so it holds no inject (media items neither: they reach players as they
  happen);
- inject cards: one per page, for a paper fallback, a media item with its outlet and reach.

The player handout and the cards are built from player-facing fields only (title, text,
sender, method, recipients, the decision's prompt, options and deadline, a media item's
kind, outlet, reach and people; the scenario's description, roles, measures and
indicators): never from `expected`, `notes`, `contingency`, `when` or the narratives,
which belong to the MSEL.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..language import number, reader_time
from ..model import Scenario, format_clock, format_duration, localize
from ..model.doctrine import Pillar, RoleKind
from ..model.scenario import Inject
from ..msel.htmlpage import esc, page, text_block
from ..msel.words import word
from .wording import elements_words, expected_words, media_words

KINDS = ("handbook", "simcell", "player", "cards")


def handouts(scenario: Scenario, lang: str) -> dict[str, str]:
    """File name -> HTML, for every paper."""
    return {
        f"{scenario.id}-handbook.html": handbook(scenario, lang),
        f"{scenario.id}-simcell.html": simcell(scenario, lang),
        f"{scenario.id}-player.html": player_handout(scenario, lang),
        f"{scenario.id}-cards.html": inject_cards(scenario, lang),
    }


def _t(value: object, lang: str) -> str:
    return localize(value, lang)  # type: ignore[arg-type]


def _title(scenario: Scenario, key: str, lang: str) -> str:
    return f"{word(key, lang)}: {_t(scenario.title, lang)}"


def _heading(scenario: Scenario, key: str, lang: str) -> str:
    return f"<h1>{esc(_title(scenario, key, lang))}</h1>\n"


def _table(headers: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A table of escaped text (each cell escaped here)."""
    names = list(headers)
    head = "".join(f"<th>{esc(h)}</th>" for h in names)
    thead = f"<thead><tr>{head}</tr></thead>\n" if any(names) else ""
    body = "".join(
        "<tr>" + "".join(f'<td class="text">{esc(c)}</td>' for c in row) + "</tr>\n" for row in rows
    )
    return f"<table>{thead}<tbody>\n{body}</tbody></table>\n"


def _pillar(slug: str, lang: str) -> str:
    return Pillar(slug).label(lang)


def _role_names(scenario: Scenario, ids: Iterable[str], lang: str) -> str:
    roles = scenario.role_map
    return ", ".join(_t(roles[i].title, lang) if i in roles else i for i in ids)


def _overview(scenario: Scenario, lang: str) -> list[tuple[str, str]]:
    rows = [(word("duration", lang), format_duration(scenario.duration))]
    if scenario.start is not None:
        rows.insert(0, (word("start", lang), reader_time(lang, scenario.start)))
    return rows


# -- the controller and evaluator handbook ----------------------------------------------------


def cue(scenario: Scenario, inject: Inject, lang: str) -> str:
    """When the inject is due, for exercise control (MSEL knowledge: conditions)."""
    if inject.at is not None:
        out = word("cue.time", lang).format(time=format_clock(inject.at))
    elif inject.when is not None:
        out = word("cue.when", lang).format(condition=inject.when.text)
    elif inject.id in scenario.released_by:
        out = "; ".join(
            word("cue.released", lang).format(inject=source, option=option)
            for source, option in scenario.released_by[inject.id]
        )
    else:
        out = word("cue.fired", lang)
    if inject.after is not None:
        out += "; " + word("cue.after", lang).format(delay=format_duration(inject.after))
    if inject.contingency:
        out += " (" + word("cue.contingency", lang) + ")"
    return out


def _inject_block(scenario: Scenario, n: int, inject: Inject, lang: str) -> str:
    rows = [
        (word("time", lang), cue(scenario, inject, lang)),
        (word("to", lang), _role_names(scenario, inject.to, lang)),
        (word("from", lang), _t(inject.sender, lang) if inject.sender else ""),
        (word("method", lang), inject.method.label(lang)),
    ]
    if inject.media is not None:
        rows.append((word("media", lang), media_words(inject.media, lang)))
    decision = inject.decision
    if decision is not None:
        options = "\n".join(f"{o.id}: {_t(o.label, lang)}" for o in decision.options)
        rows.append((word("decision", lang), f"{_t(decision.prompt, lang)}\n{options}"))
        if decision.deadline is not None:
            rows.append((word("deadline", lang), format_duration(decision.deadline)))
    if inject.expected:
        rows.append(
            (
                word("expected", lang),
                "\n".join(expected_words(scenario, inject, e, lang) for e in inject.expected),
            )
        )
    if inject.notes is not None:
        rows.append((word("notes", lang), _t(inject.notes, lang)))
    table = "".join(
        f'<tr><th>{esc(k)}</th><td class="text">{esc(v)}</td></tr>' for k, v in rows if v
    )
    return (
        f'<div class="inject"><h3>{n}. {esc(_t(inject.title, lang))} '
        f'<span class="meta">({esc(inject.id)})</span></h3>\n'
        f"{text_block(_t(inject.text, lang))}\n<table>{table}</table></div>\n"
    )


def handbook(scenario: Scenario, lang: str) -> str:
    parts = [_heading(scenario, "handbook.title", lang)]
    parts.append(_table(["", ""], _overview(scenario, lang)))
    if scenario.description is not None:
        parts.append(f"<h2>{esc(word('background', lang))}</h2>\n")
        parts.append(text_block(_t(scenario.description, lang)))
    if scenario.threat is not None:
        parts.append(f"<h2>{esc(word('threat', lang))}</h2>\n")
        parts.append(text_block(_t(scenario.threat, lang)))
    parts.append(f"<h2>{esc(word('objectives', lang))}</h2>\n")
    parts.append(
        _table(
            [
                "",
                word("pillar", lang),
                word("objective", lang),
                word("capability", lang),
                word("target", lang),
            ],
            [
                (
                    o.id,
                    _pillar(o.pillar.value, lang),
                    _t(o.text, lang),
                    _t(o.capability, lang),
                    _t(o.target, lang),
                )
                for o in scenario.objectives
            ],
        )
        if scenario.objectives
        else f"<p>{esc(word('none', lang))}</p>\n"
    )
    parts.append(f"<h2>{esc(word('phases', lang))}</h2>\n")
    parts.append(
        _table(
            [word("phases", lang), word("level", lang), word("time", lang)],
            [
                (_t(p.title, lang), p.level.value, format_clock(p.at) if p.at is not None else "")
                for p in scenario.phases
            ],
        )
    )
    parts.append(f"<h2>{esc(word('roles', lang))}</h2>\n")
    parts.append(
        _table(
            ["", "", ""],
            [(r.id, _t(r.title, lang), r.kind.label(lang)) for r in scenario.roles],
        )
    )
    parts.append(f'<h2 class="section">{esc(word("msel.title", lang))}</h2>\n')
    for n, inject in enumerate(scenario.injects, start=1):
        parts.append(_inject_block(scenario, n, inject, lang))
    parts.append(_narratives(scenario, lang))
    parts.append(f'<h2 class="section">{esc(word("contingencies", lang))}</h2>\n')
    contingent = [(n, i) for n, i in enumerate(scenario.injects, start=1) if i.contingency]
    if contingent:
        parts.append(
            _table(
                ["#", word("inject", lang), word("cue", lang), word("notes", lang)],
                [
                    (str(n), _t(i.title, lang), cue(scenario, i, lang), _t(i.notes, lang))
                    for n, i in contingent
                ],
            )
        )
    else:
        parts.append(f"<p>{esc(word('none', lang))}</p>\n")
    parts.append(_evaluation_guide(scenario, lang))
    return page(
        _title(scenario, "handbook.title", lang), scenario.classification, "".join(parts), lang
    )


def _narratives(scenario: Scenario, lang: str) -> str:
    """The narratives, for exercise control: what starts each, how its reach moves and
    what answers it (players see only a started narrative's claim and reach)."""
    parts = [f'<h2 class="section">{esc(word("narratives", lang))}</h2>\n']
    if not scenario.narratives:
        return parts[0] + f"<p>{esc(word('narrative.none', lang))}</p>\n"
    titles = {i.id: _t(i.title, lang) for i in scenario.injects}
    for n in scenario.narratives:
        facts = [
            (word("narrative.from", lang), "\n".join(titles.get(i, i) for i in n.starts_from)),
            (word("narrative.start", lang), number(lang, n.start, 1)),
            (word("narrative.growth", lang), number(lang, n.growth, 1)),
            (word("narrative.ceiling", lang), number(lang, n.ceiling, 1)),
            (word("narrative.decline", lang), number(lang, n.falls, 1)),
            (word("narrative.floor", lang), number(lang, n.floor, 1)),
            (word("narrative.every", lang), format_duration(n.every)),
            (
                word("narrative.answered_by", lang),
                elements_words(n.answered_by, lang),
            ),
            (
                word("narrative.effects", lang),
                ", ".join(
                    f"{_indicator(scenario, k, lang)} {number(lang, v, 2)}"
                    for k, v in n.effects.items()
                ),
            ),
            (word("notes", lang), _t(n.notes, lang)),
        ]
        parts.append(f'<h3>{esc(_t(n.claim, lang))} <span class="meta">({esc(n.id)})</span></h3>\n')
        parts.append(
            "<table>"
            + "".join(
                f'<tr><th>{esc(k)}</th><td class="text">{esc(v)}</td></tr>' for k, v in facts if v
            )
            + "</table>\n"
        )
    return "".join(parts)


def _indicator(scenario: Scenario, ident: str, lang: str) -> str:
    found = scenario.indicator_map.get(ident)
    return _t(found.title, lang) if found else ident


def _evaluation_guide(scenario: Scenario, lang: str) -> str:
    parts = [f'<h2 class="section">{esc(word("evaluation", lang))}</h2>\n']
    ratings = "".join(f"<span>&#9744; {esc(word(f'rating.{r}', lang))}</span>" for r in "PSMU")
    for objective in scenario.objectives:
        evidence = [
            (_t(i.title, lang), expected_words(scenario, i, e, lang))
            for i in scenario.injects
            for e in i.expected
            if e.objective == objective.id
        ]
        parts.append('<div class="objective" style="break-inside: avoid">')
        parts.append(f"<h3>{esc(objective.id)}: {esc(_t(objective.text, lang))}</h3>\n")
        facts = [(word("pillar", lang), _pillar(objective.pillar.value, lang))]
        if objective.capability is not None:
            facts.append((word("capability", lang), _t(objective.capability, lang)))
        if objective.target is not None:
            facts.append((word("target", lang), _t(objective.target, lang)))
        parts.append(
            "<table>"
            + "".join(f'<tr><th>{esc(k)}</th><td class="text">{esc(v)}</td></tr>' for k, v in facts)
            + "</table>\n"
        )
        if evidence:
            parts.append(_table([word("inject", lang), word("expected", lang)], evidence))
        parts.append(f"<p><strong>{esc(word('rating', lang))}</strong></p>")
        parts.append(f'<p class="ratings">{ratings}</p>\n')
        parts.append(
            f"<p><strong>{esc(word('observations', lang))}</strong> "
            f'<span class="meta">({esc(word("fill", lang))})</span></p>'
            '<div class="box"></div><div class="box"></div></div>\n'
        )
    if not scenario.objectives:
        parts.append(f"<p>{esc(word('none', lang))}</p>\n")
    return "".join(parts)


# -- the simulation-cell script ------------------------------------------------------------


def simcell(scenario: Scenario, lang: str) -> str:
    parts = [_heading(scenario, "simcell.title", lang)]
    senders: dict[str, list[tuple[int, Inject]]] = {}
    for n, inject in enumerate(scenario.injects, start=1):
        if inject.sender:
            senders.setdefault(_t(inject.sender, lang), []).append((n, inject))
        elif inject.media is not None:  # the outlet publishes it
            senders.setdefault(_t(inject.media.outlet, lang), []).append((n, inject))
    if not senders:
        parts.append(f"<p>{esc(word('no_simcell', lang))}</p>\n")
    for sender, items in senders.items():
        items.sort(key=lambda item: (item[1].at is None, item[1].at or 0, item[0]))
        parts.append(f"<h2>{esc(word('sender', lang))}: {esc(sender)}</h2>\n")
        rows = [
            (
                f"{n}. {cue(scenario, i, lang)}",
                _role_names(scenario, i.to, lang),
                _method(i, lang),
                f"{_t(i.title, lang)}\n\n{_t(i.text, lang)}",
            )
            for n, i in items
        ]
        parts.append(
            _table(
                [word("cue", lang), word("to", lang), word("method", lang), word("say", lang)], rows
            )
        )
    return page(
        _title(scenario, "simcell.title", lang), scenario.classification, "".join(parts), lang
    )


def _method(inject: Inject, lang: str) -> str:
    """The method, and for a media item what it is, where and how far it reaches."""
    method = inject.method.label(lang)
    return method if inject.media is None else f"{method}\n{media_words(inject.media, lang)}"


# -- the player handout and inject cards: player-facing fields only ---------------------------


def player_handout(scenario: Scenario, lang: str) -> str:
    """Background (the opening phase's description: the scenario's own description is for
    exercise control), roles, each role's playbook, the indicators, the rules of play."""
    parts = [_heading(scenario, "player.title", lang)]
    parts.append(_table(["", ""], _overview(scenario, lang)))
    first = scenario.phases[0]
    parts.append(f"<h2>{esc(word('background', lang))}</h2>\n")
    parts.append(
        f"<p><strong>{esc(word('level', lang))}:</strong> {esc(first.level.value)} "
        f"({esc(_t(first.title, lang))})</p>\n"
    )
    if first.description is not None:
        parts.append(text_block(_t(first.description, lang)))
    players = [r for r in scenario.roles if r.kind is RoleKind.PLAYER]
    parts.append(f"<h2>{esc(word('roles', lang))}</h2>\n")
    parts.append(_table(["", ""], [(_t(r.title, lang), _t(r.description, lang)) for r in players]))
    for role in players:
        measures = [m for m in scenario.measures if m.role == role.id]
        if not measures:
            continue
        parts.append(f"<h3>{esc(word('playbook', lang))}: {esc(_t(role.title, lang))}</h3>\n")
        parts.append(
            _table(
                [word("measure", lang), word("level", lang), ""],
                [
                    (_t(m.title, lang), m.from_level.value, _t(m.description, lang))
                    for m in measures
                ],
            )
        )
    if scenario.indicators:
        parts.append(f"<h2>{esc(word('indicators', lang))}</h2>\n")
        parts.append(
            _table(
                ["", ""],
                [
                    (_t(i.title, lang), f"{i.start:g}{(' ' + i.unit) if i.unit else ''}")
                    for i in scenario.indicators
                ],
            )
        )
    parts.append(f"<h2>{esc(word('rules', lang))}</h2>\n")
    parts.append(f"<p>{esc(word('rules.text', lang))}</p>\n")
    return page(
        _title(scenario, "player.title", lang), scenario.classification, "".join(parts), lang
    )


def inject_cards(scenario: Scenario, lang: str) -> str:
    parts = [f'<div class="screen-only">{_heading(scenario, "cards.title", lang)}</div>']
    for n, inject in enumerate(scenario.injects, start=1):
        facts = [
            (word("to", lang), _role_names(scenario, inject.to, lang)),
            (word("from", lang), _t(inject.sender, lang) if inject.sender else ""),
            (word("method", lang), inject.method.label(lang)),
        ]
        if inject.media is not None:  # public: every player sees it, reach included
            facts.append((word("media", lang), media_words(inject.media, lang)))
        if inject.at is not None:
            facts.insert(0, (word("time", lang), format_clock(inject.at)))
        table = "".join(
            f'<tr><th>{esc(k)}</th><td class="text">{esc(v)}</td></tr>' for k, v in facts if v
        )
        card = [
            f'<section class="card"><p class="meta">{esc(word("inject", lang))} {n}</p>',
            f"<h2>{esc(_t(inject.title, lang))}</h2>",
            f"<table>{table}</table>",
            text_block(_t(inject.text, lang)),
        ]
        decision = inject.decision
        if decision is not None:
            card.append(f"<h3>{esc(word('decision', lang))}: {esc(_t(decision.prompt, lang))}</h3>")
            card.append(
                "<ul>"
                + "".join(f"<li>&#9744; {esc(_t(o.label, lang))}</li>" for o in decision.options)
                + "</ul>"
            )
            if decision.deadline is not None:
                card.append(
                    f"<p><strong>{esc(word('deadline', lang))}:</strong> "
                    f"{esc(format_duration(decision.deadline))}</p>"
                )
        card.append("</section>\n")
        parts.append("".join(card))
    return page(
        _title(scenario, "cards.title", lang), scenario.classification, "".join(parts), lang
    )

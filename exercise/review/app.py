"""`exercise review`: the trainers' screen after play.

Browse the timeline and the decisions per pillar, add observations, rate pillars and
objectives P/S/M/U, judge free-text expected actions, add improvement-plan items and
participants, withdraw an item or observation entered by mistake, and mark the report
final. Every entry is appended to the journal as an event (see
`exercise.debrief.evaluation`); the screen then reads the journal again, so what it shows
is exactly what `exercise debrief` will write.

While a session is hosted (`exercise host`), the host is the journal's one writer: the
screen then reads the file and sends each entry through an evaluator seat (`remote`), and
the host checks it and writes it; the screen reads the journal again when the host says
something was written, so entries by other evaluators and the play itself show up too.

The report is built by `exercise.debrief`; this module only shows it and asks for input.
Every text from the scenario, the players or earlier evaluators is shown literally.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, ClassVar, Protocol

from pydantic import ValidationError
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.widgets import DataTable, Footer, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from ..debrief.build import report_from
from ..debrief.evaluation import (
    FinalInput,
    FindingInput,
    ImprovementInput,
    InputError,
    JudgementInput,
    ObservationInput,
    ParticipantInput,
    RatingInput,
    WithdrawalInput,
    append,
    check,
    kind_of,
)
from ..debrief.report import Finding, PillarSection, Report
from ..debrief.text import clock, pillar_number, span
from ..journal import JournalError, open_verified
from ..language import languages, say, session_language
from ..model import Pillar, RoleKind, Scenario, format_clock, parse_duration
from ..safetext import clean, literal
from .forms import (
    Build,
    FieldErrors,
    FinalForm,
    FindingForm,
    ImprovementForm,
    JudgeForm,
    ObservationForm,
    ParticipantForm,
    RatingForm,
    WithdrawForm,
)
from .i18n import STRINGS, TranslatedBindings, problem, tr

PILLARS = [p.value for p in Pillar]
RATING_STYLES = {"P": "bold green", "S": "bold yellow", "M": "bold dark_orange", "U": "bold red"}
WITHDRAWABLE = {"tab-plan": "plan", "tab-observations": "observations"}  # tab -> its table


class Remote(Protocol):
    """An evaluator seat of the host that writes a hosted journal (exercise.seats.client)."""

    listener: Callable[[dict[str, Any]], None] | None

    async def run(self) -> None: ...

    async def command(self, command: dict[str, Any], cid: str | None = None) -> dict[str, Any]: ...


def _played_in(journal: Path) -> str | None:
    """The language a journal's session was played in, if it says and can be read."""
    from ..journal import Journal

    try:
        with Journal.open(journal, readonly=True, tolerate_damage=True) as opened:
            return session_language(None, opened.session.meta)
    except Exception:
        return None


class ReviewApp(TranslatedBindings, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "exercise review"
    # Every key the review offers, described by a key of STRINGS (in the screen's language).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "observe", "key.observe"),
        Binding("r", "rate_pillar", "key.rate_pillar"),
        Binding("t", "rate_objective", "key.rate_objective"),
        Binding("i", "improve", "key.improve"),
        Binding("w", "withdraw", "key.withdraw"),
        Binding("j", "judge", "key.judge"),
        Binding("p", "participant", "key.participant"),
        Binding("f", "final", "key.final"),
        Binding("a", "toggle_all", "key.all"),
        Binding("q", "quit", "key.quit"),
        Binding("ctrl+p", "command_palette", "key.palette", show=False, priority=True),
    ]

    def __new__(
        cls,
        journal: Path,
        lang: str | None = None,
        evaluator: str = "",
        remote: Remote | None = None,
    ) -> ReviewApp:
        # Without --lang, the keys are described in the session's language like the rest.
        return super().__new__(cls, journal, lang=lang or _played_in(Path(journal)))

    def __init__(
        self,
        journal: Path,
        lang: str | None = None,
        evaluator: str = "",
        remote: Remote | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(journal)
        self.remote = remote
        self._reload_due = False  # a reload asked for by the host's events, not yet done
        # The review writes into the journal: it is that journal's one writer for as long
        # as the screen is open (a live session, or another review, is refused here), and
        # its chain is checked first (a damaged journal is not reviewed). A hosted one is
        # read, checked, and written by its host.
        self.journal, _checked = open_verified(self.path, readonly=remote is not None)
        known = lang if lang in languages() else None
        self.lang = session_language(known, self.journal.session.meta)
        self.evaluator = evaluator
        self.pillar = PILLARS[0]
        self.show_all = False
        self.scenario: Scenario | None = None
        self.report: Report | None = None
        self.moment: float | None = None  # the timeline moment last selected
        self._timeline_times: list[float] = []

    def t(self, key: str, **values: object) -> str:
        return tr(key, self.lang, **values)

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="banner")
        with Horizontal(id="body"):
            with Vertical(id="side"):
                yield Static(self.t("pillars"), classes="side-title")
                yield OptionList(id="pillars")
            with TabbedContent(id="tabs"):
                with TabPane(self.t("tab.decisions"), id="tab-decisions"):
                    yield DataTable(id="decisions", cursor_type="row", zebra_stripes=True)
                with TabPane(self.t("tab.expected"), id="tab-expected"):
                    yield DataTable(id="expected", cursor_type="row", zebra_stripes=True)
                with TabPane(self.t("tab.objectives"), id="tab-objectives"):
                    yield DataTable(id="objectives", cursor_type="row", zebra_stripes=True)
                with TabPane(self.t("tab.observations"), id="tab-observations"):
                    yield DataTable(id="observations", cursor_type="row", zebra_stripes=True)
                with TabPane(self.t("tab.timeline"), id="tab-timeline"):
                    yield DataTable(id="timeline", cursor_type="row", zebra_stripes=True)
                with TabPane(self.t("tab.plan"), id="tab-plan"):
                    yield DataTable(id="plan", cursor_type="row", zebra_stripes=True)
                with TabPane(self.t("tab.findings"), id="tab-findings"):
                    yield DataTable(id="findings", cursor_type="row", zebra_stripes=True)
        yield Static("", id="pillar-summary")
        yield Footer()

    def on_unmount(self) -> None:
        self.close_journal()

    def close_journal(self) -> None:
        """Let go of the journal (safe to call twice; the command line calls it too)."""
        self.journal.close()

    def on_mount(self) -> None:
        columns = {
            "decisions": ("col.time", "col.kind", "col.role", "col.inject", "col.choice",
                          "col.rationale", "col.latency"),
            "expected": ("col.inject", "col.role", "col.expected", "col.due", "col.outcome"),
            "objectives": ("col.id", "col.objective", "col.rating", "col.suggestion"),
            "observations": ("col.ref", "col.time", "col.kind", "col.objective", "col.text"),
            "timeline": ("col.time", "col.role", "col.event"),
            "plan": ("col.ref", "col.pillar", "col.issue", "col.action", "col.element",
                     "col.organisation", "col.due_date", "col.status"),
            "findings": ("col.kind", "col.finding", "col.judged", "col.pillars"),
        }  # fmt: skip
        for table_id, keys in columns.items():
            self.query_one(f"#{table_id}", DataTable).add_columns(*(self.t(k) for k in keys))
        self.reload()
        self.query_one("#pillars", OptionList).focus()
        if self.remote is not None:
            self.remote.listener = self._on_frame
            self.run_worker(self._stay_connected(), name="seat", exit_on_error=False)

    async def _stay_connected(self) -> None:
        assert self.remote is not None
        try:
            await self.remote.run()
        except Exception as closed:  # the host closed the seat for good (a wrong code...)
            self.notify(clean(str(closed)), severity="error", timeout=30, markup=False)

    def _on_frame(self, frame: dict[str, Any]) -> None:
        """The host committed events: read the journal again, once for a burst of them."""
        if frame.get("type") == "events" and not self._reload_due:
            self._reload_due = True
            self.set_timer(0.3, self._reload_now)

    def _reload_now(self) -> None:
        self._reload_due = False
        self.reload()

    # -- data ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the journal again and show what it now says."""
        from ..sim.replay import load_frozen

        if self.remote is not None:  # a new snapshot: what the host has written since
            self.journal.close()
            self.journal, _checked = open_verified(self.path, readonly=True)
        journal = self.journal
        if self.scenario is None:
            self.scenario = load_frozen(journal)
        self.report = report_from(
            self.scenario, journal.session, journal.events(), self.path.name, self.lang
        )
        self._show_banner()
        self._show_pillars()
        self._show_pillar()

    def _show_banner(self) -> None:
        assert self.report is not None
        o = self.report.overview
        if o.status == "final":
            by, at = clean(o.final_by, single_line=True), clean(o.final_at, single_line=True)
            status = Text(self.t("status.final", by=by, at=at), "bold green")
        else:
            status = Text(self.t("status.draft"), "bold red")
        self.query_one("#banner", Static).update(
            Text.assemble(
                literal(o.classification, "bold reverse", single_line=True),
                "  ",
                literal(o.scenario_title, "bold", single_line=True),
                f"  ·  {self.t('title')} ·  {clock(o.played)}  ·  ",
                status,
            )
        )

    def _rating_text(self, mark: Any) -> Text:
        if mark is None:
            return Text(self.t("not_rated"), "dim")
        text = Text(mark.rating, RATING_STYLES.get(mark.rating, "bold"))
        if mark.computed:
            text.append(f" ({self.t('computed')})", "dim italic")
        return text

    def _show_pillars(self) -> None:
        assert self.report is not None
        options = self.query_one("#pillars", OptionList)
        highlighted = PILLARS.index(self.pillar)
        options.clear_options()
        for section in self.report.pillars:
            label = Text()
            if section.rating is not None:
                label.append(f"{section.rating.rating} ", RATING_STYLES.get(section.rating.rating))
            else:
                label.append("· ", "dim")
            label.append(f"{pillar_number(section.pillar)} ")
            label.append_text(literal(self._pillar_name(section), single_line=True))
            if not section.exercised:
                label.append(f"  {self.t('not_exercised')}", "yellow")
            options.add_option(Option(label, id=section.pillar))
        options.highlighted = highlighted

    def _section(self) -> PillarSection:
        assert self.report is not None
        return self.report.pillar(self.pillar)

    def _show_pillar(self) -> None:
        assert self.report is not None
        s = self._section()
        m = s.metrics
        summary = Text.assemble(
            (f"{pillar_number(s.pillar)} ", "bold"),
            literal(self._pillar_name(s), "bold", single_line=True),
            "  ·  "
            + self.t(
                "sum.line",
                injects=m.injects,
                decisions=m.decisions_taken,
                median=span(m.latency_median),
                missed=m.decisions_missed,
                met=s.expected_counts.met,
                late=s.expected_counts.late,
                missed_x=s.expected_counts.missed,
                pending=s.expected_counts.pending,
            )
            + "  ·  ",
            self._rating_text(s.rating or s.suggested),
        )
        if not s.exercised:
            summary.append(f"  ·  {self.t('not_exercised')}", "yellow")
        self.query_one("#pillar-summary", Static).update(summary)

        def fill(table_id: str, rows: list[tuple[str, list[Any]]]) -> None:
            table = self.query_one(f"#{table_id}", DataTable)
            table.clear()
            for key, cells in rows:
                table.add_row(*cells, key=key)

        fill(
            "decisions",
            [
                (
                    str(n),
                    [
                        clock(d.t),
                        self.t(f"dk.{d.kind}"),
                        literal(d.role, single_line=True),
                        literal(d.inject or "—", single_line=True),
                        literal(d.text, single_line=True),
                        literal(d.rationale or "—", single_line=True),
                        span(d.latency),
                    ],
                )
                for n, d in enumerate(s.decisions)
            ],
        )
        fill(
            "expected",
            [
                (
                    f"{x.inject}|{x.index}",
                    [
                        literal(x.inject, single_line=True),
                        literal(x.role, single_line=True),
                        literal(x.what, single_line=True),
                        clock(x.due),
                        Text(self.t(f"status.{x.status}")),
                    ],
                )
                for x in s.expected
            ],
        )
        fill(
            "objectives",
            [
                (
                    o.id,
                    [
                        literal(o.id, single_line=True),
                        literal(o.text, single_line=True),
                        self._rating_text(o.rating),
                        self._rating_text(o.suggested) if o.suggested else Text("—"),
                    ],
                )
                for o in s.objectives
            ],
        )
        fill(
            "observations",
            [
                (
                    x.ref,
                    [
                        literal(x.ref),
                        clock(x.t),
                        self.t(f"kind.{x.kind}")
                        if x.kind in ("strength", "improvement", "note")
                        else literal(x.kind),
                        literal(x.objective or "—", single_line=True),
                        literal(x.text, single_line=True),
                    ],
                )
                for x in s.observations
            ],
        )
        timeline = self.report.timeline
        if not self.show_all:
            timeline = [row for row in timeline if s.pillar in row.pillars]
        self._timeline_times = [row.t for row in timeline]
        fill(
            "timeline",
            [
                (
                    str(n),
                    [
                        clock(row.t),
                        literal(row.role or "—", single_line=True),
                        literal(row.text, single_line=True),
                    ],
                )
                for n, row in enumerate(timeline)
            ],
        )
        fill(
            "plan",
            [
                (
                    r.ref,
                    [
                        literal(r.ref),
                        literal(r.pillar),
                        literal(r.issue, single_line=True),
                        literal(r.action, single_line=True),
                        literal(r.element),
                        literal(r.organisation, single_line=True),
                        literal(r.due or "—"),
                        Text(self.t(f"ip.{r.status}")),
                    ],
                )
                for r in self.report.improvement_plan
            ],
        )
        fill(
            "findings",
            [
                (
                    f.key,
                    [
                        Text(self.t(f"kind.{f.kind}")),
                        literal(f.text, single_line=True),
                        self._verdict_text(f, dropped=f in self.report.summary.dropped),
                        literal(", ".join(f.pillars), single_line=True),
                    ],
                )
                for f in self._findings()
            ],
        )

    def _findings(self) -> list[Finding]:
        """The main findings in the report, then those dropped (which can be judged again)."""
        assert self.report is not None
        return [*self.report.summary.findings, *self.report.summary.dropped]

    def _verdict_text(self, finding: Finding, dropped: bool) -> Text:
        if dropped:
            return Text(self.t("verdict.dropped"), "dim strike")
        if finding.computed:
            return Text(self.t("computed"), "dim italic")
        by = clean(finding.judged_by, single_line=True)
        return Text(self.t("verdict.judged", by=by), "bold green")

    # -- browsing -------------------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.pillar:
            self.pillar = event.option.id
            self._show_pillar()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """A moment picked on the timeline (by the user, not by a refill) is the time a
        new observation is dated at."""
        table = event.data_table
        if table.id == "timeline" and table.has_focus:
            self._pick_moment(event.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "timeline":
            self._pick_moment(event.cursor_row)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, DataTable) and event.widget.id == "timeline":
            self._pick_moment(event.widget.cursor_row)  # the row the cursor is on

    def _pick_moment(self, row: int) -> None:
        if 0 <= row < len(self._timeline_times):
            self.moment = self._timeline_times[row]

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self._show_pillar()

    def on_tabbed_content_tab_activated(self, _event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()  # withdrawing is offered on some tabs only

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "withdraw":
            return self._withdrawable_table() is not None
        return True

    def _withdrawable_table(self) -> str | None:
        return WITHDRAWABLE.get(self._active_tab() or "")

    def _active_tab(self) -> str | None:
        try:
            return self.query_one("#tabs", TabbedContent).active
        except NoMatches:  # asked before the tabs are there
            return None

    # -- input ----------------------------------------------------------------------------

    def _builder(self, model: type, **fixed: Any) -> Build:
        """Build and check an input from a form's values; a problem with a field is
        raised as FieldErrors, in the user's words and language."""

        def build(values: dict[str, Any]) -> Any:
            values = dict(values)
            problems: dict[str, str] = {}
            if "at" in values:  # observed at, written T+HH:MM:SS
                values["at"] = self._moment_of(values["at"], problems)
            try:
                item = model(**fixed, **values)
            except ValidationError as err:
                for found in err.errors():
                    field = str(found["loc"][0]) if found.get("loc") else ""
                    problems.setdefault(field, problem(found, self.lang))
                raise FieldErrors(problems) from None
            if problems:
                raise FieldErrors(problems)
            start, due = getattr(item, "start", None), getattr(item, "due", None)
            if start and due and due < start:
                raise FieldErrors({"due": self.t("err.due_before_start")})
            assert self.scenario is not None
            check(self.scenario, item)
            return item

        return build

    def _moment_of(self, text: Any, problems: dict[str, str]) -> float | None:
        """Seconds for an 'observed at' time within the session (None when empty)."""
        assert self.report is not None
        end = self.report.overview.played
        text = str(text or "").strip()
        if not text:
            return None
        try:
            seconds = parse_duration(text if text[0] in "+-T" else "T+" + text)
        except ValueError:
            seconds = -1.0
        if not 0 <= seconds <= end:
            problems["at"] = self.t("err.time", end=format_clock(end))
            return None
        return seconds

    def _save(self, item: Any) -> None:
        if item is None:
            return
        assert self.scenario is not None
        if self.remote is not None:
            self.run_worker(self._send(item), exit_on_error=False)
            return
        try:
            append(self.journal, self.scenario, [item], self.evaluator or "evaluator")
        except (JournalError, InputError) as err:
            if isinstance(err, InputError):
                said = err.said(self.lang)
            else:
                said = f"{err.path}: {say(self.lang, err.message)}"
            self.notify(clean(said), severity="error", markup=False)
            return
        self.notify(self.t("msg.saved"))
        self.reload()

    async def _send(self, item: Any) -> None:
        """An entry to the host, through the evaluator seat; shown once the host wrote it."""
        assert self.remote is not None
        command = {"type": "evaluate", "kind": kind_of(item), "payload": item.payload()}
        ack = await self.remote.command(command)
        if not ack.get("ok"):
            self.notify(clean(str(ack.get("reason", ""))), severity="error", markup=False)
            return
        self.notify(self.t("msg.saved"))
        self.reload()

    def _objective_choices(self) -> list[tuple[str, str]]:
        s = self._section()
        return [(f"{o.id}: {o.text}", o.id) for o in s.objectives]

    def _pillar_title(self) -> str:
        return f"{pillar_number(self.pillar)} {self._pillar_name(self._section())}"

    def _pillar_name(self, section: Any) -> str:
        """A pillar's name in the screen's language."""
        return Pillar(section.pillar).label(self.lang)

    def action_command_palette(self) -> None:
        """Textual's palette, with its own words in the user's language."""
        from textual.command import CommandPalette

        from ..palette import Palette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(Palette(self.lang))

    def get_system_commands(self, screen: Any) -> Iterator[SystemCommand]:
        """The palette's commands, in the screen's language (not Textual's English ones)."""
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.description in STRINGS:
                yield SystemCommand(
                    self.t(binding.description),
                    binding.key,
                    partial(self.run_action, binding.action),
                )

    def action_observe(self) -> None:
        assert self.report is not None and self.scenario is not None
        at = self.moment if self.moment is not None else self.report.overview.played
        seats = [
            (f"{r.id}: {r.title}", r.id)
            for r in self.report.overview.roles
            if r.kind == RoleKind.PLAYER.value
        ]
        form = ObservationForm(
            self.t("form.observation", pillar=self._pillar_title()),
            self.lang,
            self._builder(ObservationInput, pillar=self.pillar),
            self._objective_choices(),
            seats,
            format_clock(at),
        )
        self.push_screen(form, self._save)

    def action_rate_pillar(self) -> None:
        s = self._section()
        form = RatingForm(
            self.t("form.rate", target=self._pillar_title()),
            self.lang,
            self._builder(RatingInput, scope="pillar", target=self.pillar),
            s.rating.rating if s.rating else (s.suggested.rating if s.suggested else None),
        )
        self.push_screen(form, self._save)

    def _cursor_key(self, table_id: str) -> str | None:
        table = self.query_one(f"#{table_id}", DataTable)
        if table.row_count == 0:
            return None
        row_key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    def action_rate_objective(self) -> None:
        s = self._section()
        if not s.objectives:
            self.notify(self.t("msg.no_objective"), severity="warning")
            return
        key = self._cursor_key("objectives") or s.objectives[0].id
        objective = next(o for o in s.objectives if o.id == key)
        form = RatingForm(
            self.t("form.rate", target=f"{objective.id}: {objective.text}"),
            self.lang,
            self._builder(RatingInput, scope="objective", target=objective.id),
            objective.rating.rating if objective.rating else None,
        )
        self.push_screen(form, self._save)

    def action_improve(self) -> None:
        form = ImprovementForm(
            self.t("form.improvement", pillar=self._pillar_title()),
            self.lang,
            self._builder(ImprovementInput, pillar=self.pillar),
            self._objective_choices(),
        )
        self.push_screen(form, self._save)

    def action_judge(self) -> None:
        if self._active_tab() == "tab-findings":
            self._judge_finding()
            return
        key = self._cursor_key("expected")
        if key is None:
            self.notify(self.t("msg.pick_expected"), severity="warning")
            return
        inject, _, index = key.rpartition("|")
        row = next(
            x for x in self._section().expected if x.inject == inject and x.index == int(index)
        )
        assert self.scenario is not None
        spec = self.scenario.inject_map[inject].expected[int(index)]
        if spec.option or spec.measure or spec.product is not None:
            self.notify(self.t("msg.not_pending"), severity="warning")
            return
        form = JudgeForm(
            self.t("form.judge", what=row.what),
            self.lang,
            self._builder(JudgementInput, inject=inject, index=int(index)),
        )
        self.push_screen(form, self._save)

    def _judge_finding(self) -> None:
        """Accept, edit or drop the main finding under the cursor (the computed ones and
        those judged before alike: the latest judgement counts)."""
        key = self._cursor_key("findings")
        finding = next((f for f in self._findings() if f.key == key), None)
        if finding is None:
            self.notify(self.t("msg.pick_finding"), severity="warning")
            return
        build = self._builder(FindingInput, key=finding.key)

        def checked(values: dict[str, Any]) -> Any:
            if values.get("verdict") == "edit" and not str(values.get("text") or "").strip():
                raise FieldErrors({"text": self.t("err.required")})
            if values.get("verdict") != "edit":
                values = {**values, "text": ""}  # only an edit keeps words of its own
            return build(values)

        form = FindingForm(self.t("form.finding"), self.lang, checked, finding.text)
        self.push_screen(form, self._save)

    def action_participant(self) -> None:
        assert self.report is not None
        roles = [(f"{r.id}: {r.title}", r.id) for r in self.report.overview.roles]
        form = ParticipantForm(
            self.t("form.participant"), self.lang, self._builder(ParticipantInput), roles
        )
        self.push_screen(form, self._save)

    def action_final(self) -> None:
        assert self.report is not None
        if self.report.overview.status == "final":
            self.notify(self.t("msg.already_final"))
            return
        by = clean(self.evaluator, single_line=True)  # the --by given, shown in an input
        form = FinalForm(
            self.t("form.final"), self.lang, self._builder(FinalInput), by, self.unjudged()
        )
        self.push_screen(form, self._save)

    def unjudged(self) -> list[str]:
        """What no evaluator has judged yet: exercised pillars and objectives without a
        rating, expected actions still pending (each once, though it counts for several
        pillars), main findings neither accepted nor edited nor dropped."""
        assert self.report is not None
        pillars, objectives, expected = [], [], []
        seen: set[tuple[str, int]] = set()
        for s in self.report.pillars:
            if s.exercised and s.rating is None:
                pillars.append(self.t("unj.pillar", pillar=f"{pillar_number(s.pillar)} {s.title}"))
            for o in s.objectives:
                if o.rating is None:
                    objectives.append(self.t("unj.objective", id=o.id, text=o.text))
            for x in s.expected:
                if x.status == "pending" and (x.inject, x.index) not in seen:
                    seen.add((x.inject, x.index))
                    expected.append(self.t("unj.expected", inject=x.inject, what=x.what))
        findings = [
            self.t("unj.finding", text=f.text) for f in self.report.summary.findings if f.computed
        ]
        return pillars + list(dict.fromkeys(objectives)) + expected + findings

    def action_withdraw(self) -> None:
        table_id = self._withdrawable_table()
        ref = self._cursor_key(table_id) if table_id else None
        if ref is None:
            self.notify(self.t("msg.pick_withdraw"), severity="warning")
            return
        form = WithdrawForm(
            self.t("form.withdraw", ref=ref, what=self._item_text(ref)),
            self.lang,
            self._builder(WithdrawalInput, ref=ref),
            ref,
        )
        self.push_screen(form, self._save)

    def _item_text(self, ref: str) -> str:
        """The issue of an improvement item, or the text of an observation, by its ref."""
        assert self.report is not None
        for row in self.report.improvement_plan:
            if row.ref == ref:
                return row.issue
        return next((o.text for o in self._section().observations if o.ref == ref), "")

"""Every command, its arguments and its help, in the language of the command line.
Nothing here imports what a command needs: each names its function as "module:function",
imported only when it runs."""

from __future__ import annotations

import argparse
from typing import NoReturn

from .. import __version__
from ..debrief import formats
from ..language import SOURCE, Translator
from . import options as o
from .words import speaking


class Parser(argparse.ArgumentParser):
    """argparse, with the values it quotes in an error (a bad choice) shown safely, and
    `commands`: each command's name and the "module:function" that runs it."""

    commands: dict[str, str]

    def error(self, message: str) -> NoReturn:
        from ..safetext import clean

        super().error(clean(message))


PILLARS = (  # exercise.model.doctrine.Pillar, not imported for --help
    "vital-processes",
    "resilient-society",
    "democracy-rule-of-law",
    "resilient-economy",
    "territorial-defence",
    "civil-military-support",
)


def build_parser(lang: str = SOURCE) -> Parser:
    """The command line, its help and argparse's own words in `lang` (parse inside
    `words.speaking(lang)` for argparse's usage and errors in `lang` too)."""
    with speaking(lang):
        return _build(lang)


def _build(lang: str) -> Parser:
    w = Translator(lang)
    parser = Parser(
        prog="exercise",
        description=w(
            "Tabletop crisis exercise simulator: resilience against military and hybrid threats."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"exercise {__version__}",
        help=w("show the version and exit"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    parser.commands = {}

    def add(name: str, run: str, help: str, description: str = "") -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help, description=description or help)
        command.set_defaults(run=run)
        parser.commands[name] = run
        return command

    # -- scenarios and catalogues --
    validate = add("validate", "content:validate", w("check scenario and catalogue files"))
    validate.add_argument("paths", nargs="+", metavar="PATH", help=w("files or folders"))
    o.add_catalogue(validate, w)
    o.add_lang(validate, w, w("the messages"))

    lint = add("lint", "content:lint", w("coverage and consistency report for a scenario"))
    o.add_scenario(lint, w)
    lint.add_argument("--strict", action="store_true", help=w("exit 1 on any warning"))
    lint.add_argument("--format", choices=("text", "json"), default="text")
    o.add_catalogue(lint, w)
    o.add_lang(lint, w, w("the report"))

    schema = add("schema", "content:schema", w("print the JSON Schema of the scenario format"))
    which = schema.add_mutually_exclusive_group()
    which.add_argument(
        "--catalogue",
        dest="catalogue_schema",
        action="store_true",
        help=w("the schema of catalogue files instead"),
    )
    which.add_argument(
        "--mapping",
        dest="mapping_schema",
        action="store_true",
        help=w("the schema of MSEL mapping files (exercise import --map) instead"),
    )
    schema.add_argument("-o", "--output", metavar="FILE", help=w("write to FILE"))
    o.add_force(schema, w)
    o.add_lang(schema, w, w("the messages"))

    listing = add("list", "content:listing", w("list the bundled scenarios"))
    o.add_lang(listing, w, w("the listing"))

    # -- MSEL spreadsheets and the paper of an exercise --
    imp = add(
        "import",
        "msel:import_msel",
        w("turn an MSEL spreadsheet (.xlsx or .csv) into a scenario"),
        w(
            "Read an MSEL (one row per inject) and write a scenario: header row and columns found "
            "in English or Dutch, or named in a mapping file (--map; docs/msel.md). What the "
            "sheet does not say is given here (--level, --pillar) or left for `exercise lint`."
        ),
    )
    imp.add_argument("msel", metavar="MSEL", help=w("the spreadsheet: .xlsx or .csv"))
    imp.add_argument("--sheet", metavar="NAME", help=w("the sheet to read (default: the first)"))
    imp.add_argument(
        "--map", metavar="MAPPING", help=w("mapping file (YAML): which column holds what")
    )
    imp.add_argument(
        "-o", "--output", metavar="FILE", help=w("write the scenario to FILE (default: stdout)")
    )
    imp.add_argument(
        "--level",
        choices=("L0", "L1", "L2", "L3", "L4"),
        help=w("threat level of the scenario's phase (an MSEL does not say it)"),
    )
    imp.add_argument(
        "--pillar",
        action="append",
        choices=PILLARS,
        metavar="PILLAR",
        help=w(
            "pillar of every inject whose row names none (may be repeated): {pillars}",
            pillars=", ".join(PILLARS),
        ),
    )
    imp.add_argument(
        "--start",
        metavar="TIME",
        help=w("T+0 in the sheet's notation (default: the earliest time)"),
    )
    imp.add_argument(
        "--duration",
        metavar="DURATION",
        help=w("length of the scenario (default: the last inject plus 15m)"),
    )
    imp.add_argument("--id", metavar="ID", help=w("scenario id (default: from the file name)"))
    imp.add_argument("--title", metavar="TEXT", help=w("scenario title (default: the file name)"))
    imp.add_argument(
        "--lang", choices=("en", "nl"), help=w("language of the sheet (default: from its headers)")
    )
    o.add_force(imp, w)

    msel = add(
        "msel",
        "msel:msel",
        w("the controllers' MSEL of a scenario as a spreadsheet or printable HTML"),
        w(
            "One row per inject with every MSEL column (expected actions and controller notes "
            "included: for exercise control only). `exercise import` reads the spreadsheet back."
        ),
    )
    o.add_scenario(msel, w)
    msel.add_argument("--format", choices=("xlsx", "csv", "html"), required=True)
    msel.add_argument("-o", "--output", metavar="FILE", help=w("write to FILE (default: stdout)"))
    o.add_lang(msel, w, w("the texts"), default=w("the scenario's"))
    o.add_force(msel, w)
    o.add_catalogue(msel, w)

    papers = add(
        "handouts",
        "msel:handouts",
        w("printable HTML papers: handbook, simulation-cell script, player handout, inject cards"),
        w(
            "Write self-contained HTML files for print (A4, the handling marking on every page): "
            "the controller and evaluator handbook and the simulation-cell script (for exercise "
            "control), the player handout and inject cards (player-facing text only)."
        ),
    )
    o.add_scenario(papers, w)
    papers.add_argument(
        "--out", metavar="DIR", help=w("folder for the files (default: <scenario id>-handouts)")
    )
    o.add_lang(papers, w, w("the papers"), default=w("the scenario's"))
    o.add_force(papers, w, w("files"))
    o.add_catalogue(papers, w)

    # -- sessions --
    play = add("play", "sessions:play", w("play a scenario headless, as fast as possible"))
    o.add_scenario(play, w)
    o.add_players(play, w, required=True)
    o.add_speed(play, w, w("with --realtime: scenario seconds per wall second"))
    play.add_argument("--seed", type=int, default=0, help=w("seed for the random policy"))
    o.add_new_journal(play, w)
    o.add_catalogue(play, w)
    o.add_lang(play, w, w("the summary"))

    run = add(
        "run",
        "screen:run",
        w("open the session UI on a new live session of a scenario"),
        w(
            "Open the terminal UI (facilitator console and role panels) on a new live session. "
            "ctrl+q leaves at once; `exercise resume JOURNAL` continues."
        ),
    )
    o.add_scenario(run, w)
    o.add_speed(run, w, w("scenario seconds per wall second (default: the scenario's)"))
    o.add_lang(run, w, w("the UI"))
    o.add_new_journal(run, w)
    o.add_clock_start(run, w, resumed=False)
    o.add_catalogue(run, w)

    resume = add(
        "resume",
        "sessions:resume",
        w("continue an interrupted session from its journal (a live one in the session UI)"),
    )
    o.add_journal(resume, w)
    o.add_players(resume, w, required=False)
    o.add_speed(resume, w, w("scenario seconds per wall second (the session UI, or --realtime)"))
    o.add_lang(resume, w, w("the session UI and messages"), w("the language it was started in"))
    o.add_clock_start(resume, w, resumed=True)

    host = add(
        "host",
        "hosting:host",
        w("run a session for seats on other machines (see docs/seats.md)"),
        w(
            "Run a live session that players join from their own machines: prints the address "
            "and a join code per seat, then opens the facilitator console (--headless: only the "
            "session and its seats). With a journal, continues that session with its codes."
        ),
    )
    host.add_argument(
        "target", metavar="SCENARIO|JOURNAL", help=w("a scenario (new session) or a journal")
    )
    host.add_argument(
        "--listen",
        type=o.typed(o.listen_address, w),
        default=o.DEFAULT_LISTEN,
        metavar="ADDR:PORT",
        help=w(
            "where seats connect (default: 127.0.0.1:8765, this machine only; "
            "0.0.0.0:8765 for the whole network)"
        ),
    )
    o.add_speed(host, w, w("scenario seconds per wall second (a new session)"))
    o.add_lang(host, w, w("the console and of the seats that do not choose"))
    o.add_new_journal(host, w)
    o.add_catalogue(host, w)
    host.add_argument("--paused", action="store_true", help=w("start with the clock paused"))
    host.add_argument(
        "--new-code",
        action="append",
        metavar="SEAT",
        help=w("issue a new join code for SEAT (the old one no longer works); may be repeated"),
    )
    host.add_argument(
        "--headless", action="store_true", help=w("no console: run the session and its seats only")
    )
    host.add_argument(
        "--tls",
        nargs="*",
        metavar="FILE",
        help=w(
            "serve wss:// and https://: with CERT KEY (PEM files), or alone for a self-signed "
            "certificate kept beside the journal; its SHA-256 fingerprint is printed for seats "
            "to pin"
        ),
    )

    join = add(
        "join",
        "hosting:join",
        w("play a role from this terminal in a session that `exercise host` runs"),
        w(
            "Join a hosted session as a seat: the role panel (inbox, decisions, measures, own "
            "initiative, history), its commands going to the host. It reconnects by itself."
        ),
    )
    join.add_argument("url", metavar="URL", help=w("the address the host printed (ws://...)"))
    join.add_argument("--code", metavar="CODE", help=w("the seat's join code (asked if not given)"))
    join.add_argument("--role", metavar="ROLE", help=w("the role you expect to play (checked)"))
    join.add_argument("--name", default="", metavar="NAME", help=w("your name, for the others"))
    join.add_argument(
        "--fingerprint",
        metavar="SHA256",
        help=w("the host's certificate fingerprint as it printed it (wss://): this one only"),
    )
    o.add_lang(join, w, w("the seat"))

    # -- journals --
    replay = add("replay", "journals:replay", w("the state of a session at a scenario time"))
    o.add_journal(replay, w)
    replay.add_argument(
        "--at", metavar="TIME", help=w("scenario time, e.g. 1h15m (default: the end)")
    )
    replay.add_argument("--format", choices=("text", "json"), default="text")
    o.add_damaged(replay, w)
    o.add_lang(replay, w, w("the state"))

    verify = add("verify", "journals:verify", w("check a journal: schema, session row, hash chain"))
    o.add_journal(verify, w)
    o.add_lang(verify, w, w("the result"))

    export = add("export", "journals:export", w("write a session journal's events as JSONL or CSV"))
    o.add_journal(export, w)
    export.add_argument("--format", choices=("jsonl", "csv"), required=True)
    export.add_argument("-o", "--output", metavar="FILE", help=w("write to FILE (default: stdout)"))
    o.add_force(export, w)
    o.add_damaged(export, w)
    o.add_lang(export, w, w("the messages"))

    # -- trainers --
    debrief = add(
        "debrief",
        "trainers:debrief",
        w("After-Action Report / Improvement Plan from a journal (or compare several)"),
        w(
            "Write the AAR/IP of a session journal as Markdown, HTML and JSON beside it and print "
            "it on the console; with several journals of one scenario, compare them."
        ),
    )
    debrief.add_argument("journals", nargs="*", metavar="JOURNAL", help=w("journal file(s) (.db)"))
    debrief.add_argument(
        "--format",
        metavar="LIST",
        help=w(
            "comma-separated, of: {formats} (default: md,html,json written and the console "
            "version printed)",
            formats=",".join(formats.names()),
        ),
    )
    debrief.add_argument(
        "--out", metavar="DIR", help=w("folder for the files (default: beside the journal)")
    )
    o.add_lang(
        debrief, w, w("the report and its scenario texts"), w("the session's, else the scenario's")
    )
    debrief.add_argument(
        "--schema", action="store_true", help=w("print the JSON Schema of the JSON report")
    )
    debrief.add_argument(
        "--pauses",
        action="store_true",
        help=w("list the clock's pauses and resumes in the timeline (left out by default)"),
    )
    o.add_force(debrief, w, w("report files"))
    o.add_damaged(debrief, w)

    review = add(
        "review",
        "trainers:review",
        w("the trainers' screen: observations, ratings, improvement plan, final mark"),
        w(
            "Browse a session's timeline and decisions per pillar, add observations, rate pillars "
            "and objectives P/S/M/U, add improvement-plan items (and withdraw one entered by "
            "mistake) and mark the report final. Everything is appended to the journal; while a "
            "host runs the session, through the host's evaluator seat (EVAL code)."
        ),
    )
    o.add_journal(review, w)
    o.add_lang(review, w, w("the screen"))
    review.add_argument("--by", metavar="NAME", help=w("evaluator name recorded with each entry"))
    review.add_argument(
        "--code",
        metavar="CODE",
        help=w("the EVAL join code, for a hosted session (asked if not given)"),
    )

    plan = add(
        "plan",
        "plan:plan",
        w("the improvement plan after the exercise: list, follow up, export"),
        w(
            "List a session's improvement-plan items with their status, owner, due date and "
            "notes; follow one up with --item (journaled like every evaluator entry, refused "
            "while a session or a review holds the journal); or write the plan on its own with "
            "--export. Example: exercise plan JOURNAL --item IP-3 --status done --note "
            '"exercised in March".'
        ),
    )
    o.add_journal(plan, w)
    plan.add_argument(
        "--item", metavar="IP-n", help=w("the item to follow up, as the plan lists it")
    )
    plan.add_argument("--status", metavar="STATUS", help=w("open, in-progress, done or cancelled"))
    plan.add_argument("--note", metavar="TEXT", help=w("what happened (dated today)"))
    plan.add_argument("--owner", metavar="NAME", help=w("who carries the item out from now on"))
    plan.add_argument("--due", metavar="YYYY-MM-DD", help=w("the new due date"))
    plan.add_argument("--by", metavar="NAME", help=w("evaluator name recorded with the entry"))
    plan.add_argument(
        "--export", metavar="FILE", help=w("write the plan to FILE (.xlsx or .csv) instead")
    )
    o.add_force(plan, w)
    o.add_lang(plan, w, w("the listing and the export"), w("the session's, else the scenario's"))

    feedback = add(
        "feedback",
        "feedback:feedback",
        w("enter participants' feedback forms after play (the hot wash)"),
        w(
            "Type in a role's feedback form at the terminal, or enter a batch of paper forms "
            "from a YAML file (forms: role, by, answers). The questions are the scenario's own "
            "feedback form, else the default one: strengths, areas for improvement, realism 1-5, "
            "what to change. The answers are appended to the journal and shown in the debrief."
        ),
    )
    o.add_journal(feedback, w)
    o.add_lang(feedback, w, w("the questions"))
    feedback.add_argument("--role", metavar="ROLE", help=w("the player role whose form this is"))
    feedback.add_argument(
        "--file", metavar="ANSWERS", help=w("a YAML file of forms instead of typing one in")
    )
    feedback.add_argument("--by", metavar="NAME", help=w("who filled in or entered the forms"))
    return parser

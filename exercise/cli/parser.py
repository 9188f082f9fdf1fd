"""Every command, its arguments and its help. Nothing here imports what a command needs:
each names its function as "module:function", imported only when it runs."""

from __future__ import annotations

import argparse
from typing import NoReturn

from .. import __version__
from . import options as o


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


def build_parser() -> Parser:
    parser = Parser(
        prog="exercise",
        description="Tabletop crisis exercise simulator: resilience against military and "
        "hybrid threats.",
    )
    parser.add_argument("--version", action="version", version=f"exercise {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    parser.commands = {}

    def add(name: str, run: str, help: str, description: str = "") -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help, description=description or help)
        command.set_defaults(run=run)
        parser.commands[name] = run
        return command

    # -- scenarios and catalogues --
    validate = add("validate", "content:validate", "check scenario and catalogue files")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    o.add_catalogue(validate)
    o.add_lang(validate, "the messages")

    lint = add("lint", "content:lint", "coverage and consistency report for a scenario")
    o.add_scenario(lint)
    lint.add_argument("--strict", action="store_true", help="exit 1 on any warning")
    lint.add_argument("--format", choices=("text", "json"), default="text")
    o.add_catalogue(lint)
    o.add_lang(lint, "the report")

    schema = add("schema", "content:schema", "print the JSON Schema of the scenario format")
    which = schema.add_mutually_exclusive_group()
    which.add_argument(
        "--catalogue",
        dest="catalogue_schema",
        action="store_true",
        help="the schema of catalogue files instead",
    )
    which.add_argument(
        "--mapping",
        dest="mapping_schema",
        action="store_true",
        help="the schema of MSEL mapping files (exercise import --map) instead",
    )
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE")
    o.add_force(schema)

    listing = add("list", "content:listing", "list the bundled scenarios")
    o.add_lang(listing, "the listing")

    # -- MSEL spreadsheets and the paper of an exercise --
    imp = add(
        "import",
        "msel:import_msel",
        "turn an MSEL spreadsheet (.xlsx or .csv) into a scenario",
        "Read an MSEL (one row per inject) and write a scenario: header row and columns found "
        "in English or Dutch, or named in a mapping file (--map; docs/msel.md). What the "
        "sheet does not say is given here (--level, --pillar) or left for `exercise lint`.",
    )
    imp.add_argument("msel", metavar="MSEL", help="the spreadsheet: .xlsx or .csv")
    imp.add_argument("--sheet", metavar="NAME", help="the sheet to read (default: the first)")
    imp.add_argument(
        "--map", metavar="MAPPING", help="mapping file (YAML): which column holds what"
    )
    imp.add_argument(
        "-o", "--output", metavar="FILE", help="write the scenario to FILE (default: stdout)"
    )
    imp.add_argument(
        "--level",
        choices=("L0", "L1", "L2", "L3", "L4"),
        help="threat level of the scenario's phase (an MSEL does not say it)",
    )
    imp.add_argument(
        "--pillar",
        action="append",
        choices=PILLARS,
        metavar="PILLAR",
        help="pillar of every inject whose row names none (may be repeated): " + ", ".join(PILLARS),
    )
    imp.add_argument(
        "--start", metavar="TIME", help="T+0 in the sheet's notation (default: the earliest time)"
    )
    imp.add_argument(
        "--duration",
        metavar="DURATION",
        help="length of the scenario (default: the last inject plus 15m)",
    )
    imp.add_argument("--id", metavar="ID", help="scenario id (default: from the file name)")
    imp.add_argument("--title", metavar="TEXT", help="scenario title (default: the file name)")
    imp.add_argument(
        "--lang", choices=("en", "nl"), help="language of the sheet (default: from its headers)"
    )
    o.add_force(imp)

    msel = add(
        "msel",
        "msel:msel",
        "the controllers' MSEL of a scenario as a spreadsheet or printable HTML",
        "One row per inject with every MSEL column (expected actions and controller notes "
        "included: for exercise control only). `exercise import` reads the spreadsheet back.",
    )
    o.add_scenario(msel)
    msel.add_argument("--format", choices=("xlsx", "csv", "html"), required=True)
    msel.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    o.add_lang(msel, "the texts", default="the scenario's")
    o.add_force(msel)
    o.add_catalogue(msel)

    papers = add(
        "handouts",
        "msel:handouts",
        "printable HTML papers: handbook, simulation-cell script, player handout, inject cards",
        "Write self-contained HTML files for print (A4, the handling marking on every page): "
        "the controller and evaluator handbook and the simulation-cell script (for exercise "
        "control), the player handout and inject cards (player-facing text only).",
    )
    o.add_scenario(papers)
    papers.add_argument(
        "--out", metavar="DIR", help="folder for the files (default: <scenario id>-handouts)"
    )
    o.add_lang(papers, "the papers", default="the scenario's")
    o.add_force(papers, "files")
    o.add_catalogue(papers)

    # -- sessions --
    play = add("play", "sessions:play", "play a scenario headless, as fast as possible")
    o.add_scenario(play)
    o.add_players(play, required=True)
    o.add_speed(play, "with --realtime: scenario seconds per wall second")
    play.add_argument("--seed", type=int, default=0, help="seed for the random policy")
    o.add_new_journal(play)
    o.add_catalogue(play)
    o.add_lang(play, "the summary")

    run = add(
        "run",
        "screen:run",
        "open the session UI on a new live session of a scenario",
        "Open the terminal UI (facilitator console and role panels) on a new live session. "
        "ctrl+q leaves at once; `exercise resume JOURNAL` continues.",
    )
    o.add_scenario(run)
    o.add_speed(run, "scenario seconds per wall second (default: the scenario's)")
    o.add_lang(run, "the UI")
    o.add_new_journal(run)
    o.add_clock_start(run, resumed=False)
    o.add_catalogue(run)

    resume = add(
        "resume",
        "sessions:resume",
        "continue an interrupted session from its journal (a live one in the session UI)",
    )
    o.add_journal(resume)
    o.add_players(resume, required=False)
    o.add_speed(resume, "scenario seconds per wall second (the session UI, or --realtime)")
    o.add_lang(resume, "the session UI and messages", "the language it was started in")
    o.add_clock_start(resume, resumed=True)

    host = add(
        "host",
        "hosting:host",
        "run a session for seats on other machines (see docs/seats.md)",
        "Run a live session that players join from their own machines: prints the address "
        "and a join code per seat, then opens the facilitator console (--headless: only the "
        "session and its seats). With a journal, continues that session with its codes.",
    )
    host.add_argument(
        "target", metavar="SCENARIO|JOURNAL", help="a scenario (new session) or a journal"
    )
    host.add_argument(
        "--listen",
        type=o.listen_address,
        default=o.DEFAULT_LISTEN,
        metavar="ADDR:PORT",
        help="where seats connect (default: 127.0.0.1:8765, this machine only; "
        "0.0.0.0:8765 for the whole network)",
    )
    o.add_speed(host, "scenario seconds per wall second (a new session)")
    o.add_lang(host, "the console and of the seats that do not choose")
    o.add_new_journal(host)
    o.add_catalogue(host)
    host.add_argument("--paused", action="store_true", help="start with the clock paused")
    host.add_argument(
        "--new-code",
        action="append",
        metavar="SEAT",
        help="issue a new join code for SEAT (the old one no longer works); may be repeated",
    )
    host.add_argument(
        "--headless", action="store_true", help="no console: run the session and its seats only"
    )

    join = add(
        "join",
        "hosting:join",
        "play a role from this terminal in a session that `exercise host` runs",
        "Join a hosted session as a seat: the role panel (inbox, decisions, measures, own "
        "initiative, history), its commands going to the host. It reconnects by itself.",
    )
    join.add_argument("url", metavar="URL", help="the address the host printed (ws://...)")
    join.add_argument("--code", metavar="CODE", help="the seat's join code (asked if not given)")
    join.add_argument("--role", metavar="ROLE", help="the role you expect to play (checked)")
    join.add_argument("--name", default="", metavar="NAME", help="your name, for the others")
    o.add_lang(join, "the seat")

    # -- journals --
    replay = add("replay", "journals:replay", "the state of a session at a scenario time")
    o.add_journal(replay)
    replay.add_argument("--at", metavar="TIME", help="scenario time, e.g. 1h15m (default: the end)")
    replay.add_argument("--format", choices=("text", "json"), default="text")
    o.add_damaged(replay)
    o.add_lang(replay, "the state")

    verify = add("verify", "journals:verify", "check a journal: schema, session row, hash chain")
    o.add_journal(verify)
    o.add_lang(verify, "the result")

    export = add("export", "journals:export", "write a session journal's events as JSONL or CSV")
    o.add_journal(export)
    export.add_argument("--format", choices=("jsonl", "csv"), required=True)
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    o.add_force(export)
    o.add_damaged(export)

    # -- trainers --
    debrief = add(
        "debrief",
        "trainers:debrief",
        "After-Action Report / Improvement Plan from a journal (or compare several)",
        "Write the AAR/IP of a session journal as Markdown, HTML and JSON beside it and print "
        "it on the console; with several journals of one scenario, compare them.",
    )
    debrief.add_argument("journals", nargs="*", metavar="JOURNAL", help="journal file(s) (.db)")
    debrief.add_argument(
        "--format",
        metavar="LIST",
        help="comma-separated: console,md,html,json (default: md,html,json written and the "
        "console version printed)",
    )
    debrief.add_argument(
        "--out", metavar="DIR", help="folder for the files (default: beside the journal)"
    )
    o.add_lang(debrief, "the report and its scenario texts", "the session's, else the scenario's")
    debrief.add_argument(
        "--schema", action="store_true", help="print the JSON Schema of the JSON report"
    )
    debrief.add_argument(
        "--pauses",
        action="store_true",
        help="list the clock's pauses and resumes in the timeline (left out by default)",
    )
    o.add_force(debrief, "report files")
    o.add_damaged(debrief)

    review = add(
        "review",
        "trainers:review",
        "the trainers' screen: observations, ratings, improvement plan, final mark",
        "Browse a session's timeline and decisions per pillar, add observations, rate pillars "
        "and objectives P/S/M/U, add improvement-plan items (and withdraw one entered by "
        "mistake) and mark the report final. Everything is appended to the journal.",
    )
    o.add_journal(review)
    o.add_lang(review, "the screen")
    review.add_argument("--by", metavar="NAME", help="evaluator name recorded with each entry")

    feedback = add(
        "feedback",
        "feedback:feedback",
        "enter participants' feedback forms after play (the hot wash)",
        "Type in a role's feedback form at the terminal, or enter a batch of paper forms "
        "from a YAML file (forms: role, by, answers). The questions are the scenario's own "
        "feedback form, else the default one: strengths, areas for improvement, realism 1-5, "
        "what to change. The answers are appended to the journal and shown in the debrief.",
    )
    o.add_journal(feedback)
    o.add_lang(feedback, "the questions")
    feedback.add_argument("--role", metavar="ROLE", help="the player role whose form this is")
    feedback.add_argument(
        "--file", metavar="ANSWERS", help="a YAML file of forms instead of typing one in"
    )
    feedback.add_argument("--by", metavar="NAME", help="who filled in or entered the forms")
    return parser

"""Commands on MSEL spreadsheets and the paper of an exercise: import, msel, handouts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..language import N_, phrase, say, session_language, text
from .errors import EXIT_BAD_INPUT, EXIT_OK, UsageError, error


def import_msel(args: argparse.Namespace) -> int:
    from ..msel.importer import Settings, import_file
    from ..msel.mapping import load_mapping
    from ..msel.workbook import SheetProblem
    from ..safetext import clean

    source = Path(args.msel)
    mapping = load_mapping(Path(args.map)) if args.map else None
    settings = Settings(
        sheet=args.sheet,
        start=args.start,
        level=args.level,
        pillars=list(dict.fromkeys(args.pillar or [])),
        scenario_id=args.id,
        title=args.title,
        language=args.lang,
        duration=args.duration,
    )
    lang = session_language(args.lang)
    try:
        scenario_yaml, imported = import_file(source, settings, mapping)
    except SheetProblem as err:
        for line in err.problems:  # said in the command's language, cleaned for the terminal
            print(clean(say(lang, line), layout=False), file=sys.stderr)
        return EXIT_BAD_INPUT
    for line in imported.warnings:
        said = clean(say(lang, line), layout=False)
        print(text(lang, "warning: {message}", message=said), file=sys.stderr)
    if args.output:
        _write(
            {Path(args.output): scenario_yaml},
            [source, *([Path(args.map)] if args.map else [])],
            args,
        )
    else:
        sys.stdout.write(scenario_yaml)
    rows = sum(len(r.rows) for r in imported.rows)
    scenario = imported.scenario
    where = f": {clean(args.output, layout=False)}" if args.output else ""
    summary = text(
        lang,
        "imported {injects} injects from {rows} rows, {roles} roles",
        injects=len(scenario["injects"]),
        rows=rows,
        roles=len(scenario["roles"]),
    )
    print(f"{summary}{where}", file=sys.stderr)
    return EXIT_OK


def msel(args: argparse.Namespace) -> int:
    from ..content.loader import load_scenario
    from ..msel import export
    from .content import catalogue, scenario_path

    path = scenario_path(args.scenario)
    scenario = load_scenario(path, catalogue(args))
    lang = args.lang or scenario.language
    data: str | bytes
    if args.format == "xlsx":
        if not args.output:
            raise UsageError(phrase("--format xlsx writes a file: give it with -o FILE"))
        data = export.to_xlsx(scenario, lang)
    elif args.format == "csv":
        data = export.to_csv(scenario, lang)
    else:
        data = export.to_html(scenario, lang)
    if args.output:
        _write({Path(args.output): data}, [path], args)
        said = text(
            lang, "MSEL of {count} injects: {file}", count=len(scenario.injects), file=args.output
        )
        print(said, file=sys.stderr)
    else:
        assert isinstance(data, str)
        sys.stdout.write(data.removeprefix("\ufeff"))
    return EXIT_OK


def _write(files: dict[Path, str | bytes], inputs: list[Path], args: argparse.Namespace) -> None:
    from ..outputs import OutputRefused, write_texts

    for target in files:
        if not target.parent.is_dir():
            raise UsageError(
                phrase(
                    "{folder}: no such folder (for -o {file})",
                    folder=str(target.parent),
                    file=str(target),
                )
            )
    try:
        write_texts(files, inputs, force=args.force, hint=N_("choose another -o FILE"))
    except OutputRefused as err:
        raise UsageError(*err.problems) from None


__all__ = ["EXIT_BAD_INPUT", "error", "import_msel", "msel"]


def handouts(args: argparse.Namespace) -> int:
    from ..content.loader import load_scenario
    from ..handouts.build import handouts as papers
    from .content import catalogue, scenario_path

    path = scenario_path(args.scenario)
    scenario = load_scenario(path, catalogue(args))
    lang = args.lang or scenario.language
    folder = Path(args.out) if args.out else Path(f"{scenario.id}-handouts")
    files: dict[Path, str | bytes] = {
        folder / name: html for name, html in papers(scenario, lang).items()
    }
    from ..outputs import OutputRefused, write_texts

    try:
        write_texts(
            files,
            [path],
            force=args.force,
            hint=N_("write elsewhere with --out DIR"),
            make_folders=True,
        )
    except OutputRefused as err:
        raise UsageError(*err.problems) from None
    for name in files:
        print(name)
    return EXIT_OK

"""Commands on scenarios and catalogues: validate, lint, schema, list."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..language import N_, phrase
from .errors import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, UsageError

if TYPE_CHECKING:
    from ..content.loader import CatalogueIndex

ANOTHER_FILE = N_("choose another -o FILE")


def scenario_path(name: str) -> Path:
    """A scenario file, or the id of a bundled scenario (`exercise lint demo`)."""
    from ..content.resources import find_scenario

    path = Path(name)
    if path.exists():
        return path
    bundled = find_scenario(name)
    if bundled is not None:
        return bundled
    raise UsageError(
        phrase(
            "{name}: no such file, and no bundled scenario of that name (see: exercise list)",
            name=name,
        )
    )


def catalogue(args: argparse.Namespace) -> CatalogueIndex | None:
    from ..content.loader import load_catalogue

    if not args.catalogue:
        return None
    return load_catalogue(args.catalogue)


def validate(args: argparse.Namespace) -> int:
    from ..content.loader import validate_paths
    from ..language import ntext, session_language

    lang = session_language(args.lang)
    for name in args.paths:
        if not Path(name).exists():
            raise UsageError(phrase("{name}: no such file or folder", name=name))
    count, problems = validate_paths(args.paths, args.catalogue or None)
    if not count:  # only empty folders: nothing was checked, which is no "ok"
        raise UsageError(
            phrase("no scenario or catalogue files in {paths}", paths=", ".join(args.paths))
        )
    for problem in problems:
        print(problem.shown(lang), file=sys.stderr)
    if problems:
        files = len({p.file for p in problems})
        found = sum(p.omitted or 1 for p in problems)  # a capped file's last line counts the rest
        problems_in = ntext(lang, "{n} problem in", "{n} problems in", found)
        of_files = ntext(lang, "{files} of {n} file", "{files} of {n} files", count, files=files)
        print(f"{problems_in} {of_files}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(ntext(lang, "ok: {n} file checked", "ok: {n} files checked", count))
    return EXIT_OK


def lint(args: argparse.Namespace) -> int:
    from ..content.lint import lint, locate, render_text
    from ..content.loader import load_scenario
    from ..content.yamlsource import read_source

    path = scenario_path(args.scenario)
    scenario = load_scenario(path, catalogue(args))
    report = lint(scenario)
    locate(report, read_source(path))  # FILE:LINE:COL for each warning
    if args.format == "json":
        from ..safetext import json_safe

        print(json_safe(json.dumps(report.as_dict(), indent=2, ensure_ascii=False)))
    else:
        from ..language import session_language

        render_text(report, sys.stdout, session_language(args.lang))
    return EXIT_FINDINGS if (args.strict and report.warnings) else EXIT_OK


def schema(args: argparse.Namespace) -> int:
    from ..content.schema import catalogue_schema, scenario_schema

    if getattr(args, "mapping_schema", False):
        from ..msel.mapping import mapping_schema

        document = mapping_schema()
    else:
        document = catalogue_schema() if args.catalogue_schema else scenario_schema()
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if args.output:
        from ..outputs import OutputRefused, write_texts

        try:
            write_texts({Path(args.output): text}, force=args.force, hint=ANOTHER_FILE)
        except OutputRefused as err:
            raise UsageError(*err.problems) from None
    else:
        sys.stdout.write(text)
    return EXIT_OK


def listing(args: argparse.Namespace) -> int:
    from ..content.listing import list_scenarios, render_listing

    render_listing(list_scenarios(), sys.stdout, lang=args.lang)
    return EXIT_OK

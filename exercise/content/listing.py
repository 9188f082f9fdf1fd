"""`exercise list`: the bundled scenarios at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.table import Table

from ..language import Translator, default_language
from ..model import RoleKind, Scenario, format_duration, localize
from ..safetext import literal
from .loader import load_catalogue, load_scenario, yaml_files
from .problems import ContentError
from .resources import bundled_catalogue_dir, bundled_scenarios_dir


@dataclass(frozen=True)
class Listed:
    path: Path
    scenario: Scenario | None
    problem: str | None = None


def list_scenarios(folder: Path | None = None) -> list[Listed]:
    folder = folder or bundled_scenarios_dir()
    catalogue = load_catalogue([bundled_catalogue_dir()])
    listed = []
    for path in yaml_files([folder]) if folder.is_dir() else []:
        try:
            listed.append(Listed(path, load_scenario(path, catalogue)))
        except ContentError as err:
            listed.append(Listed(path, None, str(err.problems[0])))
    return listed


def render_listing(
    listed: list[Listed], out: TextIO, lang: str | None = None, width: int | None = None
) -> None:
    """The table of scenarios, `width` columns wide (the terminal's, or 160 into a file).

    Text wraps at word boundaries: ids and durations never wrap, the title and the roles
    share what is left (the roles twice as much), and the file column appears only for a
    file not named after its scenario's id.
    """
    lang = lang or default_language()
    if width is None:
        width = None if out.isatty() else 160
    show_file = any(item.scenario is None or item.scenario.id != item.path.stem for item in listed)
    ids = [item.scenario.id if item.scenario else item.path.stem for item in listed]
    w = Translator(lang)
    table = Table(title=w("Bundled scenarios"), show_lines=False, expand=True)
    table.add_column(w("id"), no_wrap=True, min_width=max((len(i) for i in ids), default=2))
    table.add_column(w("title"), ratio=1, min_width=12)
    table.add_column(w("duration"), no_wrap=True)
    table.add_column(w("roles"), ratio=2, min_width=16)
    if show_file:
        table.add_column(w("file"), ratio=1, min_width=10)
    for item in listed:
        s = item.scenario
        file = [literal(item.path.name)] if show_file else []
        if s is None:
            blank = ["", ""]
            table.add_row(
                literal(item.path.stem),
                literal(w("invalid: {problem}", problem=item.problem)),
                *blank,
                *file,
            )
            continue
        players = [localize(r.title, lang) for r in s.roles if r.kind == RoleKind.PLAYER]
        table.add_row(
            literal(s.id),
            literal(localize(s.title, lang)),
            format_duration(s.duration),
            literal(f"{len(players)}: " + ", ".join(players)),
            *file,
        )
    Console(file=out, width=width).print(table)

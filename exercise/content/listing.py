"""`exercise list`: the bundled scenarios at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.table import Table

from ..language import default_language
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


def render_listing(listed: list[Listed], out: TextIO, lang: str | None = None) -> None:
    lang = lang or default_language()
    table = Table(title="Bundled scenarios", show_lines=False)
    for column in ("id", "title", "duration", "roles", "file"):
        table.add_column(column, overflow="fold")
    for item in listed:
        s = item.scenario
        if s is None:
            table.add_row(literal(item.path.stem), literal(f"invalid: {item.problem}"), "", "", "")
            continue
        players = [localize(r.title, lang) for r in s.roles if r.kind == RoleKind.PLAYER]
        table.add_row(
            literal(s.id),
            literal(localize(s.title, lang)),
            format_duration(s.duration),
            literal(f"{len(players)}: " + ", ".join(players)),
            literal(item.path.name),
        )
    Console(file=out, width=None if out.isatty() else 160).print(table)

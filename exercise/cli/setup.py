"""What the commands that start or continue a session share: the scenario and its
catalogue, a free journal path, and the simulated players."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..language import phrase
from .errors import UsageError

if TYPE_CHECKING:
    from ..content.loader import CatalogueIndex
    from ..model import InjectTemplate, Scenario
    from ..sim.players import Player

DEFAULT_FOLDER = Path("debriefs")


def default_journal_path(scenario_id: str, folder: Path = DEFAULT_FOLDER) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"{scenario_id}-{stamp}.db"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{scenario_id}-{stamp}-{n}.db"
    return path


def templates_of(catalogue: CatalogueIndex | None) -> dict[str, InjectTemplate]:
    return {k: e.template for k, e in catalogue.entries.items()} if catalogue else {}


def prepare_session(
    args: argparse.Namespace, scenario_path: Path
) -> tuple[Scenario, dict[str, InjectTemplate], Path]:
    """The scenario, its catalogue's templates, and a journal path that is still free."""
    from ..content.loader import load_catalogue, load_scenario
    from ..content.resources import default_catalogue_dirs

    catalogue = load_catalogue(args.catalogue or default_catalogue_dirs(scenario_path))
    scenario = load_scenario(scenario_path, catalogue)
    path = Path(args.journal) if args.journal else default_journal_path(scenario.id)
    if path.exists():
        raise UsageError(
            phrase(
                "{path}: a journal already exists there; choose another --journal", path=str(path)
            )
        )
    return scenario, templates_of(catalogue), path


def is_live(meta: dict[str, Any]) -> bool:
    """A session started with `exercise run` (people decide, not simulated players)."""
    return meta.get("mode") == "live" or not (meta.get("auto") or meta.get("decisions"))


def make_player(
    args: argparse.Namespace, scenario: Scenario, meta: dict[str, Any]
) -> Player | None:
    """The simulated players the arguments ask for, else those the session was started with."""
    from ..content.decisions import load_decisions
    from ..safetext import clean
    from ..sim.players import POLICIES, AutoPlayer, FilePlayer

    decisions = getattr(args, "decisions", None)
    auto = getattr(args, "auto", None)
    if not (decisions or auto):
        # The journal says how the session was played. It names a decisions file, but a
        # path read from a journal is never opened (the journal may come from anyone): the
        # user names the file again.
        if meta.get("decisions"):
            raise UsageError(
                phrase(
                    "this session was played with a decisions file ({file}); give it again "
                    "with --decisions FILE",
                    file=clean(str(meta["decisions"]), single_line=True)[:200],
                )
            )
        auto = meta.get("auto")
    seed = meta.get("seed", 0)
    if decisions:
        return FilePlayer(load_decisions(Path(decisions), scenario))
    if auto in POLICIES:
        return AutoPlayer(auto, seed=seed if type(seed) is int else 0)
    if auto:
        raise UsageError(
            phrase("the journal names an unknown policy {value}", value=repr(clean(str(auto))[:80]))
        )
    return None

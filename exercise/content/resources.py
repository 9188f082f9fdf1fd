"""Where the bundled scenarios and inject catalogue live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name  # inside a wheel
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name  # a source checkout or editable install


def bundled_scenarios_dir() -> Path:
    return _data_dir("scenarios")


def bundled_catalogue_dir() -> Path:
    return _data_dir("injects")


def default_catalogue_dirs(scenario: Path) -> list[Path]:
    """The `injects/` folder beside the scenario's folder, else the bundled catalogue."""
    beside = scenario.resolve().parent.parent / "injects"
    if beside.is_dir():
        try:  # keep messages short: relative to the working folder where possible
            return [beside.relative_to(Path.cwd())]
        except ValueError:
            return [beside]
    bundled = bundled_catalogue_dir()
    return [bundled] if bundled.is_dir() else []


def find_scenario(name: str) -> Path | None:
    """A bundled scenario by id or file stem (`exercise run demo`)."""
    folder = bundled_scenarios_dir()
    for suffix in (".yaml", ".yml"):
        candidate = folder / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    return None

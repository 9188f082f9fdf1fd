"""Loading scenarios and catalogue files into models, with every problem located.

A scenario inject may `use` a catalogue template: the template's keys are the base and the
keys the scenario gives override them (a shallow merge). A problem in a key that came from
the template points at the template's file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..gcpause import paused_gc
from ..language import phrase
from ..model import FORMAT_VERSION, Catalogue, InjectTemplate, Scenario
from .checks import check_scenario
from .messages import explain_all, suggest, suggestions_per_file
from .problems import ContentError, Path_, Problem
from .resources import default_catalogue_dirs
from .yamlsource import MAX_EXPANDED_CHARACTERS, Source, read_source

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class TemplateEntry:
    template: InjectTemplate
    raw: dict[str, Any]
    source: Source
    path: Path_


@dataclass
class CatalogueIndex:
    """All templates of the catalogue folders, by id, and the problems found reading them."""

    entries: dict[str, TemplateEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def yaml_files(paths: Iterable[Path | str]) -> list[Path]:
    """The YAML files named, and those inside the folders named, in a stable order."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())
        else:
            found.append(path)
    return found


def load_catalogue(dirs: Iterable[Path | str]) -> CatalogueIndex:
    index = CatalogueIndex()
    for file in yaml_files(dirs):
        index.files.append(file)
        try:
            source, catalogue = _load_catalogue_file(file)
        except ContentError as err:
            index.problems += err.problems
            continue
        for t, template in enumerate(catalogue.templates):
            path: Path_ = ("templates", t)
            if template.id in index.entries:
                other = index.entries[template.id]
                index.problems.append(
                    source.problem(
                        (*path, "id"),
                        phrase(
                            "template id {id} is already used in {file}",
                            id=repr(template.id),
                            file=other.source.file,
                        ),
                    )
                )
                continue
            raw = source.data["templates"][t]
            index.entries[template.id] = TemplateEntry(template, raw, source, path)
    return index


def _load_catalogue_file(file: Path) -> tuple[Source, Catalogue]:
    source = read_source(file)
    return source, _catalogue_from_source(source)


def _catalogue_from_source(source: Source) -> Catalogue:
    _check_top(source)
    with suggestions_per_file():
        catalogue: Catalogue = _validate(source.data, Catalogue, source.problem)
        return catalogue


def load_scenario(path: Path | str, catalogue: CatalogueIndex | None = None) -> Scenario:
    """Load and fully check a scenario; raise ContentError listing every problem found."""
    source = read_source(path)
    with paused_gc():
        return scenario_from_source(source, Path(path), catalogue)


def scenario_from_source(
    source: Source, path: Path, catalogue: CatalogueIndex | None = None
) -> Scenario:
    if catalogue is None and _uses_templates(source.data):
        catalogue = load_catalogue(default_catalogue_dirs(path))
    with suggestions_per_file():
        return _scenario_from_source(source, catalogue)


def _uses_templates(data: Any) -> bool:
    injects = data.get("injects") if isinstance(data, dict) else None
    return isinstance(injects, list) and any(isinstance(i, dict) and "use" in i for i in injects)


def _scenario_from_source(source: Source, catalogue: CatalogueIndex | None) -> Scenario:
    _check_top(source)
    data = source.data
    origins: dict[int, TemplateEntry] = {}
    problems: list[Problem] = []
    injects = data.get("injects")
    kept: list[int] = []  # original index of each inject that goes on to validation
    if _uses_templates(data):
        assert catalogue is not None
        merged = []
        # Templates expand a scenario as aliases do: bound the text they add in the same way.
        expanded = _text_size(data)
        sizes: dict[str, int] = {}
        for i, item in enumerate(injects):
            if isinstance(item, dict) and "use" in item:
                entry = catalogue.entries.get(str(item["use"]))
                if entry is None:  # reported; left out so the rest can still be checked
                    problems.append(_unknown_template(source, i, item["use"], catalogue))
                    continue
                if entry.template.id not in sizes:
                    sizes[entry.template.id] = _text_size(entry.raw)
                expanded += sizes[entry.template.id]
                if expanded > MAX_EXPANDED_CHARACTERS:
                    raise ContentError(
                        [
                            source.problem(
                                ("injects", i, "use"),
                                phrase(
                                    "the templates used so far expand this scenario past "
                                    "{most} characters of text, the limit for a file",
                                    most=MAX_EXPANDED_CHARACTERS,
                                ),
                            )
                        ]
                    )
                origins[i] = entry
                item = {**entry.raw, **item}
            kept.append(i)
            merged.append(item)
        data = {**data, "injects": merged}
        if problems:
            problems += catalogue.problems

    def locate(p: Path_, message: str, key: bool) -> Problem:
        if kept and len(p) >= 2 and p[0] == "injects" and isinstance(p[1], int):
            p = ("injects", kept[p[1]], *p[2:])
        if len(p) >= 3 and p[0] == "injects" and p[1] in origins and p[2] not in injects[p[1]]:
            entry = origins[p[1]]  # the key came from the template
            message = phrase(
                "{message} (template used by {inject} of {file})",
                message=message,
                inject=f"injects[{p[1]}]",
                file=source.file,
            )
            return entry.source.problem((*entry.path, *p[2:]), message, key=key)
        return source.problem(p, message, key=key)

    try:
        scenario: Scenario = _validate(data, Scenario, locate)
    except ContentError as err:
        raise ContentError(_sorted(problems + err.problems)) from None
    findings = check_scenario(scenario)
    if findings or problems:
        problems += [locate(f.path, f.message, f.key) for f in findings]
        raise ContentError(_sorted(problems))
    return scenario


def _text_size(value: Any) -> int:
    """Characters of text in plain data: every key and string (numbers count one)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(_text_size(k) + _text_size(v) for k, v in value.items())
    if isinstance(value, list):
        return sum(_text_size(item) for item in value)
    return 1


def _check_top(source: Source) -> None:
    data = source.data
    if not isinstance(data, dict):
        raise ContentError(
            [
                source.problem(
                    (),
                    phrase(
                        "the top level must be a mapping (format, id, title, ...), not {kind}",
                        kind=_kind(data),
                    ),
                )
            ]
        )
    if "format" not in data:
        raise ContentError(
            [
                source.problem(
                    (),
                    phrase(
                        "missing required key 'format' (use format: {version})",
                        version=str(FORMAT_VERSION),
                    ),
                )
            ]
        )
    version = data["format"]
    if version != FORMAT_VERSION or isinstance(version, bool):
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
            message = phrase(
                "format {version} is newer than this version of exercise reads "
                "(format {supported}): upgrade exercise",
                version=str(version),
                supported=str(FORMAT_VERSION),
            )
        else:
            message = phrase(
                "{version} is not a known format version (use format: {supported})",
                version=repr(version),
                supported=str(FORMAT_VERSION),
            )
        raise ContentError([source.problem(("format",), message)])


def _kind(value: Any) -> str:
    """What a value is, in an author's words: 'text', 'a list', 'a number'."""
    if value is None:
        return phrase("nothing")
    if isinstance(value, str):
        return phrase("text")
    if isinstance(value, bool):
        return phrase("true or false")
    if isinstance(value, int | float):
        return phrase("a number")
    if isinstance(value, list):
        return phrase("a list")
    return f"a {type(value).__name__}"  # a date, set or bytes from an explicit tag


def _validate(
    data: Any, model: type[BaseModel], locate: Callable[[Path_, str, bool], Problem]
) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as err:
        problems = [locate(*explained) for explained in explain_all(err, data, model)]
        raise ContentError(_sorted(problems)) from None


def _unknown_template(source: Source, i: int, name: object, catalogue: CatalogueIndex) -> Problem:
    hint = suggest(name, catalogue.entries)
    if not catalogue.files:
        hint = phrase(" (no catalogue folder found: give one with --catalogue)")
    return source.problem(
        ("injects", i, "use"),
        phrase("{name} is not a template in the catalogue{hint}", name=repr(name), hint=hint),
    )


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.file, p.line, p.column))


def detect_kind(source: Source) -> str:
    """'catalogue' for a file of templates, else 'scenario'."""
    return (
        "catalogue" if isinstance(source.data, dict) and "templates" in source.data else "scenario"
    )


def validate_paths(
    paths: Iterable[Path | str], catalogue_dirs: list[Path] | None = None
) -> tuple[int, list[Problem]]:
    """Check every scenario and catalogue file under `paths`; return (files checked, problems).

    A folder without a scenario or catalogue file in it is a problem too (a wrong folder
    would otherwise pass as "ok")."""
    problems: list[Problem] = []
    reported: set[Problem] = set()

    def report(found: Iterable[Problem]) -> None:
        for problem in found:
            if problem not in reported:
                reported.add(problem)
                problems.append(problem)

    files: list[Path] = []
    for path in map(Path, paths):
        found = yaml_files([path])
        if not found:  # only a folder can come back empty
            report([_no_files(path)])
        files += found
    catalogues: dict[tuple[Path, ...], CatalogueIndex] = {}
    catalogue_files: list[Path] = []
    for file in files:
        try:
            source = read_source(file)
            if detect_kind(source) == "catalogue":
                catalogue_files.append(file)
                _catalogue_from_source(source)
                continue
            dirs = tuple(catalogue_dirs or default_catalogue_dirs(file))
            if dirs not in catalogues:
                catalogues[dirs] = load_catalogue(dirs)
            scenario_from_source(source, file, catalogues[dirs])
        except ContentError as err:
            report(err.problems)
    if len(catalogue_files) > 1:  # ids must be unique across the catalogue files given
        report(load_catalogue(catalogue_files).problems)
    return len(files), problems


def _no_files(folder: Path) -> Problem:
    return Problem(
        str(folder),
        0,
        0,
        "",
        phrase(
            "no scenario or catalogue files in {folder} (looked for {suffixes})",
            folder=str(folder),
            suffixes=" and ".join(YAML_SUFFIXES),
        ),
    )

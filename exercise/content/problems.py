"""Problems found in content files, each pointing at a file, line and column.

A problem's message is English text, and mostly a `language.Phrase` that remembers its
message id and parameters: it is put into the reader's words where it is printed
(`Problem.shown(lang)`), with the FILE:LINE:COL and the data path as they are."""

from __future__ import annotations

from dataclasses import dataclass

from ..language import SOURCE, nphrase, say

Path_ = tuple[str | int, ...]

MAX_PROBLEMS = 200  # reported per file; past that, one line says how many more there are


def format_path(path: Path_) -> str:
    """('injects', 3, 'decision', 'default') -> injects[3].decision.default"""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based
    path: str
    message: str
    omitted: int = 0  # on the closing line of a capped file: the problems not shown

    def __str__(self) -> str:
        return self.shown(SOURCE)

    def shown(self, lang: str) -> str:
        """One line for a terminal, the message in `lang`: control characters in the file
        name or the message (tab and newline too) are shown by their code
        (`safetext.clean`)."""
        from ..safetext import clean

        where = f"{self.file}:{self.line}:{self.column}" if self.line else f"{self.file}:1:1"
        message = say(lang, self.message)
        text = f"{where}: {self.path}: {message}" if self.path else f"{where}: {message}"
        return clean(text, layout=False)


def capped(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS problems per file, in the order given, then a line saying how
    many more were found. Capping an already capped list changes nothing."""
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.file, []).append(problem)
    if all(len(group) <= MAX_PROBLEMS for group in by_file.values()) and not any(
        p.omitted for p in problems
    ):
        return problems
    out: list[Problem] = []
    for file, group in by_file.items():
        shown = [p for p in group if not p.omitted]
        omitted = sum(p.omitted for p in group) + max(0, len(shown) - MAX_PROBLEMS)
        out += shown[:MAX_PROBLEMS]
        if omitted:
            message = nphrase(
                "... and {count} more problem in this file (only the first {shown} are shown)",
                "... and {count} more problems in this file (only the first {shown} are shown)",
                omitted,
                count=omitted,
                shown=str(MAX_PROBLEMS),
            )
            out.append(Problem(file, 0, 0, "", message, omitted))
    return out


class ContentError(Exception):
    """Raised when a scenario or catalogue file cannot be used; carries the problems found
    (every one, up to MAX_PROBLEMS per file)."""

    def __init__(self, problems: list[Problem]) -> None:
        problems = capped(problems)
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

"""Problems found in content files, each pointing at a file, line and column."""

from __future__ import annotations

from dataclasses import dataclass

Path_ = tuple[str | int, ...]


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

    def __str__(self) -> str:
        """One line for a terminal: control characters in the file name or the message
        (tab and newline too) are shown by their code (`safetext.clean`)."""
        from ..safetext import clean

        where = f"{self.file}:{self.line}:{self.column}" if self.line else f"{self.file}:1:1"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return clean(text, layout=False)


class ContentError(Exception):
    """Raised when a scenario or catalogue file cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

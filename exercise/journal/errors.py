"""The one error the journal raises for a file it cannot use."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

Reason = Literal["missing", "not-a-journal", "newer-format", "locked", "corrupt"]


class JournalError(Exception):
    """A journal file that cannot be opened or written, with a message for people.

    `reason` is one of "missing", "not-a-journal", "newer-format", "locked", "corrupt";
    `str(err)` is "<path>: <message>", ready for one line on the console.
    """

    def __init__(self, path: str | Path, message: str, reason: Reason) -> None:
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message
        self.reason: Reason = reason

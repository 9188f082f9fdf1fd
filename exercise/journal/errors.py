"""The errors the journal raises for a file it cannot use or trust."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

Reason = Literal[
    "missing",  # no such file
    "not-a-journal",  # some other file, or a journal whose creation was interrupted
    "newer-format",  # written by a newer version of exercise
    "locked",  # another process is writing to it
    "corrupt",  # the file cannot be read as a journal
    "damaged",  # it reads, but its hash chain or its contents are broken
    "full",  # the disk (or the journal's size limit) is full
    "io",  # the disk failed, or the file cannot be written (or read) where it is
]


class JournalError(Exception):
    """A journal file that cannot be opened, written or trusted, with a message for people.

    `str(err)` is "<path>: <message>", ready for one line on the console.
    """

    def __init__(self, path: str | Path, message: str, reason: Reason) -> None:
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message
        self.reason: Reason = reason


class DamagedJournal(JournalError):
    """A journal whose hash chain or contents are broken: it is not used unless the user
    asks for a report of a damaged journal. `where` is the first bad event (None: the
    session row or the file as a whole)."""

    def __init__(
        self, path: str | Path, message: str, where: int | None, whole_file: bool = False
    ) -> None:
        super().__init__(path, message, "damaged")
        self.where = where
        self.whole_file = whole_file  # the damage is in the file's schema, not a row

"""The debrief's one error: a journal it cannot make a report of at all.

An event whose payload has the wrong shape is not an error: it is left out and counted in
the report ("N events could not be read"). `UnreadableJournal` is for what leaves nothing
to report on, such as a frozen scenario that no longer reads. It is a `JournalError`
(reason "corrupt"), so the command line prints its message on one line and exits 2.
"""

from __future__ import annotations

from pathlib import Path

from ..journal.errors import JournalError


class UnreadableJournal(JournalError):
    """A journal the debrief cannot read; `seq` is the event at fault (None: the journal
    as a whole, e.g. its frozen scenario), `problem` what is wrong with it."""

    def __init__(self, path: str | Path, problem: str, seq: int | None = None) -> None:
        where = f"event {seq}: " if seq is not None else ""
        super().__init__(path, f"cannot be debriefed: {where}{problem}", "corrupt")
        self.seq = seq
        self.problem = problem

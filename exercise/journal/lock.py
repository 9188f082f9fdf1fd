"""One writer per journal: an exclusive lock held for the whole life of a writing process.

The lock is an `flock` on the journal file itself, so it follows the file whatever name
(symlink, hard link) it is opened by, and the operating system drops it the moment the
process dies: `exercise resume` works at once after a kill -9 or a power cut. SQLite's own
locks only last one transaction and cannot tell a second writer that a session is live.

Who holds the lock is written beside the journal (`<journal>-writer`, a few hundred bytes
of JSON) so that a refused writer can name the holder. That file is only ever shown, never
trusted: the flock decides, and a stale file left by a killed process is simply replaced.

flock and SQLite's POSIX record locks are independent on Linux, with one catch: closing any
descriptor of a file drops every POSIX lock the process holds on it. So the lock's
descriptor is opened before the database connection and closed after it.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import socket
import stat
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from exercise.language import Phrase, phrase

from .errors import JournalError

HOLDER_SUFFIX = "-writer"
_HOLDER_MAX_BYTES = 4096  # a holder note is a few hundred bytes; anything more is not ours
_FIELD_MAX = 200


def holder_path(path: Path) -> Path:
    return Path(f"{path}{HOLDER_SUFFIX}")


def this_command() -> str:
    """How this process was started, for the holder note: `exercise run`, `pytest`..."""
    argv = sys.argv or ["python"]
    name = Path(argv[0]).name or "python"
    if name in ("exercise", "__main__.py") and len(argv) > 1:
        return f"exercise {argv[1]}"
    return name


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds a journal, as its note says (shown to people, never trusted)."""

    command: str
    pid: int
    host: str
    since: float

    def describe(self) -> Phrase:
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.since))
        return phrase(
            "{command} (process {pid} on {host}, since {when})",
            command=self.command,
            pid=str(self.pid),  # a process id is not a quantity: never grouped
            host=self.host,
            when=when,
        )


def read_holder(path: Path) -> Holder | None:
    """The holder note beside `path`, or None when there is none or it is not one of ours."""
    try:
        fd = os.open(holder_path(path), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as note:
            if not stat.S_ISREG(os.fstat(note.fileno()).st_mode):
                return None
            raw = note.read(_HOLDER_MAX_BYTES + 1)
    except OSError:
        return None
    if len(raw) > _HOLDER_MAX_BYTES:
        return None
    try:
        data = json.loads(raw)
        return Holder(
            command=_field(data["command"]),
            pid=int(data["pid"]),
            host=_field(data["host"]),
            since=float(data["since"]),
        )
    except (ValueError, TypeError, KeyError, OverflowError):
        return None


def _field(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value[:_FIELD_MAX]


class WriterLock:
    """The exclusive lock on one journal file; `release` (or process death) lets go."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, path: Path, command: str | None = None) -> WriterLock:
        """Take the lock or raise JournalError("locked") naming the holder; never waits."""
        try:
            fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            raise JournalError(path, phrase("no such journal file"), "missing") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            os.close(fd)
            if err.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            raise in_use(path) from None
        lock = cls(path, fd)
        lock._write_note(command or this_command())
        return lock

    def _write_note(self, command: str) -> None:
        note = {
            "command": command[:_FIELD_MAX],
            "pid": os.getpid(),
            "host": socket.gethostname()[:_FIELD_MAX],
            "since": time.time(),
        }
        target = holder_path(self.path)
        temporary = Path(f"{target}.{os.getpid()}.tmp")
        # Best effort: the note only helps people; a read-only folder must not stop a session.
        with contextlib.suppress(OSError):
            with contextlib.suppress(FileNotFoundError):
                if target.is_symlink():
                    target.unlink()
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC
            fd = os.open(temporary, flags, 0o644)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(note, out)
            os.replace(temporary, target)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Let go (safe to call twice). Call it after closing the database connection."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            holder_path(self.path).unlink()
        os.close(fd)  # closing the descriptor releases the flock


def in_use(path: Path) -> JournalError:
    """The refusal of a writer while another holds the journal, naming the holder."""
    holder = read_holder(path)
    who = holder.describe() if holder else phrase("another process")
    return JournalError(
        path,
        phrase(
            "this journal is in use by {who}; only one program may write to a journal at a "
            "time (reading it, with verify, replay, export or debrief, works)",
            who=who,
        ),
        "locked",
    )


def refuse_if_held(path: Path) -> None:
    """Raise the refusal now if a writer holds `path` (before any other check, so that the
    user hears the real reason first); taking the lock itself stays the final word."""
    if is_held(path):
        raise in_use(path)


def is_held(path: Path) -> bool:
    """Whether some process holds the writer lock on `path` right now. Call it only while
    this process has no database connection to `path` (see the module's note on closing)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # also drops the shared lock just taken
    return False

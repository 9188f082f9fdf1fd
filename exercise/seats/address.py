"""Where a hosted session's seats join, written beside its journal while the host runs.

`exercise review JOURNAL` of a journal that a host is writing reads it from this note and
goes through an evaluator seat of that host. The note is only a hint (the journal's writer
lock says whether a host runs, the join code who may come in): a note that is not ours, not
a plain file, or not an address is ignored.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from pathlib import Path

SUFFIX = "-host"
_MAX = 512
# Over TLS with the certificate's fingerprint, which the review's seat pins (tls.pinned_url).
_URL = re.compile(
    r"^(ws://[A-Za-z0-9.:\[\]_-]{1,300}/|wss://[A-Za-z0-9.:\[\]_-]{1,300}/(#fp=[0-9A-F]{64})?)$"
)


def note_path(journal: Path) -> Path:
    return Path(f"{journal}{SUFFIX}")


def write(journal: Path, url: str) -> None:
    """Note the address (mode 0600, replacing an older note)."""
    path = note_path(journal)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(url + "\n")


def remove(journal: Path) -> None:
    with contextlib.suppress(OSError):
        note_path(journal).unlink()


def read(journal: Path) -> str | None:
    """The address a host noted for `journal`, or None."""
    try:
        fd = os.open(note_path(journal), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            return None
        raw = handle.read(_MAX + 1)
    try:
        url = raw.decode("ascii").strip()
    except UnicodeDecodeError:
        return None
    return url if len(raw) <= _MAX and _URL.match(url) else None

"""The session journal: a hash-chained SQLite event store (append, read, verify, export).

Imports are lazy, so `from exercise.journal.errors import JournalError` stays cheap for
code that only needs the error. (The chain check lives in `chain.py`, not `verify.py`: a
submodule named like the `verify` function would replace it once imported.)
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import DamagedJournal, JournalError

if TYPE_CHECKING:
    from .chain import VerifyResult, open_verified, verify
    from .export import export_events
    from .store import Journal, SessionInfo

__all__ = [
    "DamagedJournal",
    "Journal",
    "JournalError",
    "SessionInfo",
    "VerifyResult",
    "export_events",
    "open_verified",
    "verify",
]

_HOMES = {
    "Journal": "store",
    "SessionInfo": "store",
    "verify": "chain",
    "VerifyResult": "chain",
    "open_verified": "chain",
    "export_events": "export",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value

"""Check a journal's hash chain: was any event changed, removed or inserted?

The chain proves the events are the ones written, in order, since the session row was
written, unless someone recomputed every hash after the changed event. Compare the head
hash (`VerifyResult.last_hash`) with one noted down at the end of the session to rule out
that, and a removed tail, as well.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from hashlib import sha256

from .store import Journal, chain_hash, record_text


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    count: int  # events in the journal
    first_bad_seq: int | None  # the first event that fails; None when ok or the session row
    reason: str  # why it fails ("" when ok)
    last_hash: str | None = None  # the head of the chain (when ok)


def verify(path: str | os.PathLike[str]) -> VerifyResult:
    """Walk the hash chain of the journal at `path`; raises JournalError when the file is
    not a journal this code can read."""
    with Journal.open(path, readonly=True) as journal:
        session = journal.session
        if sha256(session.scenario_text.encode("utf-8")).hexdigest() != session.scenario_hash:
            return VerifyResult(
                ok=False,
                count=journal.count(),
                first_bad_seq=None,
                reason="the session row's scenario text does not match its recorded hash "
                "(the session row was changed)",
            )
        conn = journal._conn
        conn.execute("BEGIN")  # one snapshot, even while the session is still writing
        try:
            return _walk(conn, session.session_hash)
        finally:
            conn.execute("ROLLBACK")


def _walk(conn: sqlite3.Connection, root: str) -> VerifyResult:
    count = 0
    expected, prev = 1, root
    bad: tuple[int, str] | None = None
    rows = conn.execute(
        "SELECT seq, t, wall, kind, actor, payload, prev_hash, hash FROM events ORDER BY seq"
    )
    for seq, t, wall, kind, actor, payload, prev_hash, digest in rows:
        count += 1
        if bad is not None:
            continue  # keep counting
        if seq != expected:
            if isinstance(seq, int) and seq > expected:
                bad = (expected, f"the event is missing (the next one is {seq}): removed")
            else:
                bad = (seq, f"unexpected sequence number (expected {expected})")
            continue
        if prev_hash != prev:
            if seq == 1:
                why = "it does not follow from the session row: the session row was changed"
            else:
                why = (
                    f"it does not follow event {seq - 1}: an event before it was removed, "
                    "inserted or replaced"
                )
            bad = (seq, why)
            continue
        try:
            actual = chain_hash(prev_hash, record_text(seq, t, wall, kind, actor, payload))
        except (TypeError, ValueError):
            actual = None
        if actual != digest:
            bad = (seq, "its content does not match its hash: the event was changed")
            continue
        expected, prev = seq + 1, digest
    if bad is not None:
        return VerifyResult(ok=False, count=count, first_bad_seq=bad[0], reason=bad[1])
    return VerifyResult(ok=True, count=count, first_bad_seq=None, reason="", last_hash=prev)

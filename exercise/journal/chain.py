"""Check a journal's hash chain and contents: was any event changed, removed or inserted?

The chain proves the events are the ones written, in order, since the session row was
written, unless someone recomputed every hash after the changed event. Compare the head
hash (`VerifyResult.last_hash`) with one noted down at the end of the session to rule out
that, and a removed tail, as well.

Every reader that trusts a journal's contents (replay, debrief, export, resume, review)
opens it with `open_verified`, which walks the chain first and refuses a broken one
unless the caller asks to read a damaged journal anyway.

What is wrong is said in English phrases (`language.Phrase`) that keep their message id:
`verify`, the warning of a command that reads a damaged journal anyway and the report made
from one say it in the reader's language.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from hashlib import sha256
from math import isfinite
from pathlib import Path
from typing import Any

import orjson

from exercise.gcpause import paused_gc
from exercise.language import phrase
from exercise.model.events import Event

from .errors import DamagedJournal, JournalError
from .store import Journal, Refuse, quote_text, sqlite_reason, stored_payload

_SELECT_ALL = "SELECT seq, t, wall, kind, actor, payload, prev_hash, hash FROM events ORDER BY seq"


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    count: int  # events read (up to the damage, when a damaged file stops the reading)
    first_bad_seq: int | None  # the first event that fails; None when ok or the session row
    reason: str  # why it fails ("" when ok), a phrase
    last_hash: str | None = None  # the head of the chain (when ok)
    whole_file: bool = False  # the damage is in the file as a whole (its schema, its pages)

    def where(self) -> str:
        if self.first_bad_seq is not None:
            return phrase("event {seq}", seq=str(self.first_bad_seq))
        return phrase("the file") if self.whole_file else phrase("the session row")

    def describe(self) -> str:
        """One line for people: where the damage is and what it is (a phrase)."""
        return phrase("damaged at {where}: {reason}", where=self.where(), reason=self.reason)


def verify(path: str | os.PathLike[str]) -> VerifyResult:
    """Check the journal at `path`: schema, session row, hash chain and the form of every
    event. Damage of any kind is a result, not an exception; JournalError is raised only
    for a file that is no journal at all (missing, another kind of file, newer format)."""
    try:
        journal = Journal.open(path, readonly=True, tolerate_damage=True)
    except DamagedJournal as err:
        return VerifyResult(False, 0, err.where, err.message, whole_file=err.whole_file)
    except JournalError as err:
        if err.reason in ("corrupt", "damaged"):
            return _file_damage(err.message)
        raise
    with journal:
        journal.snapshot()
        return check(journal)


def check(journal: Journal, keep: bool = False, refuse: Refuse | None = None) -> VerifyResult:
    """Walk the chain of an open journal (see `verify`). With `keep`, the events read on
    the way are handed to the journal, whose next reads use them instead of reading the
    file again: checking then costs one pass, not two. With `refuse` too, their payloads
    are not decoded here but on the journal's first read, which refuses the journal
    (`refuse(seq, why)`) if one is not a JSON object: the check is then the chain alone,
    and decoding is paid once, by the reading."""
    if journal.schema_damage is not None:
        return _file_damage(journal.schema_damage)
    session = journal.session
    if sha256(session.scenario_text.encode("utf-8")).hexdigest() != session.scenario_hash:
        return VerifyResult(
            ok=False,
            count=journal.count(),
            first_bad_seq=None,
            reason=phrase(
                "the session row's scenario text does not match its recorded hash "
                "(the session row was changed)"
            ),
        )
    kept: list[Any] | None = [] if keep else None
    decode = refuse is None
    with paused_gc():  # a hundred thousand kept events and payloads, and no cycles
        result = journal.read_with(lambda conn: _walk(conn, session.session_hash, kept, decode))
    if result.ok and kept is not None:
        journal.keep_verified(kept, refuse)
    return result


def open_verified(
    path: str | os.PathLike[str],
    *,
    readonly: bool = True,
    allow_damage: bool = False,
    durable: bool = True,
    max_bytes: int | None = None,
) -> tuple[Journal, VerifyResult]:
    """Open a journal and check it before anything reads it. A damaged one raises
    DamagedJournal (saying where), unless `allow_damage` (read-only only): then it is
    returned with the failed result, for a report that says it is damaged."""
    path = Path(path)
    try:
        if readonly:
            journal = Journal.open(path, readonly=True, tolerate_damage=True)
            journal.snapshot()
        else:
            journal = Journal.open(path, durable=durable, max_bytes=max_bytes)
    except DamagedJournal as err:
        if not err.whole_file:
            raise  # the session row: beyond reading at all, and its message says so
        damage = VerifyResult(False, 0, err.where, err.message, whole_file=err.whole_file)
        raise DamagedJournal(path, _refusal(damage, readonly), err.where) from None

    def refusal(seq: int, why: str) -> DamagedJournal:
        damage = VerifyResult(False, seq, seq, why)
        return DamagedJournal(path, _refusal(damage, readonly), seq)

    try:
        # a damaged journal read on purpose is decoded now, so its report can say so
        result = check(journal, keep=True, refuse=None if allow_damage else refusal)
    except BaseException:
        journal.close()
        raise
    if not result.ok and not allow_damage:
        journal.close()
        raise DamagedJournal(path, _refusal(result, readonly), result.first_bad_seq)
    return journal, result


def _refusal(result: VerifyResult, readonly: bool) -> str:
    if readonly:
        return phrase(
            "the journal is {damage}; it is not used (`exercise verify` says more); to read "
            "it anyway, for a report that says it is damaged, add --damaged",
            damage=result.describe(),
        )
    return phrase(
        "the journal is {damage}; it is not used (`exercise verify` says more)",
        damage=result.describe(),
    )


def _walk(
    conn: sqlite3.Connection, root: str, kept: list[Any] | None, decode: bool = True
) -> VerifyResult:
    rows = conn.execute(_SELECT_ALL)
    bad, prev, count = _first_bad(rows, root, kept, decode)
    if bad is None:
        return VerifyResult(ok=True, count=count, first_bad_seq=None, reason="", last_hash=prev)
    seq, why = bad
    with contextlib.suppress(sqlite3.Error, UnicodeError):
        count += sum(1 for _ in rows)  # the rest are counted, not checked
    return VerifyResult(ok=False, count=count, first_bad_seq=seq, reason=why)


Bad = tuple[int, str]  # the first bad event's seq, why


def _first_bad(
    rows: sqlite3.Cursor, root: str, kept: list[Any] | None, decode: bool = True
) -> tuple[Bad | None, str, int]:
    """Walk rows until the first that fails: (why, the hash before it, rows read), or
    (None, head hash, rows) when all pass. Each event that passes is appended to `kept`,
    when given: as an Event, or without `decode` as its row, the payload not decoded (nor
    checked: the journal's first read does that)."""
    count = 0
    expected, prev = 1, root
    loads, encode = orjson.loads, quote_text
    quoted: dict[str, str] = {}
    keep = kept.append if kept is not None else None
    make_event = tuple.__new__  # Event(...) runs a Python-level __new__; this does not
    try:
        for row in rows:
            seq, t, wall, kind, actor, payload, prev_hash, digest = row
            count += 1
            if seq != expected:
                if type(seq) is int and seq > expected:
                    why = phrase(
                        "the event is missing (the next one is {seq}): removed", seq=str(seq)
                    )
                    return (expected, why), prev, count
                why = phrase("unexpected sequence number: rows were moved")
                return (expected, why), prev, count
            if prev_hash != prev:
                if seq == 1:
                    why = phrase(
                        "it does not follow from the session row: the session row was changed"
                    )
                else:
                    why = phrase(
                        "it does not follow event {seq}: an event before it was removed, "
                        "inserted or replaced",
                        seq=str(seq - 1),
                    )
                return (seq, why), prev, count
            if not (
                type(t) is float
                and type(wall) is float
                and type(kind) is str
                and (actor is None or type(actor) is str)
                and type(payload) is str
                and type(digest) is str
            ):
                return (
                    (
                        seq,
                        phrase("it holds values of the wrong type: the event was changed"),
                    ),
                    prev,
                    count,
                )
            # record_text(), spelled out for the types just checked: one pass, no encoder
            # a journal has few kinds and actors: each is quoted once
            quoted_kind = quoted.get(kind) or quoted.setdefault(kind, encode(kind))
            who = (
                "null"
                if actor is None
                else quoted.get(actor) or quoted.setdefault(actor, encode(actor))
            )
            record = f"{prev}[{seq},{t!r},{wall!r},{quoted_kind},{who},{payload}]"
            if sha256(record.encode()).hexdigest() != digest:
                why = phrase("its content does not match its hash: the event was changed")
                return (seq, why), prev, count
            if not isfinite(t) or not isfinite(wall) or t < 0:
                return (seq, phrase("its time is not a finite scenario time")), prev, count
            if not decode:
                if keep is not None:
                    keep(row)
                expected, prev = seq + 1, digest
                continue
            try:
                decoded = loads(payload)
            except orjson.JSONDecodeError:
                decoded = None
            if type(decoded) is not dict:
                decoded = stored_payload(payload)  # integers past 64 bits, or why not
                if isinstance(decoded, str):
                    return (seq, decoded), prev, count
            if keep is not None:
                keep(make_event(Event, (seq, t, wall, kind, actor, decoded, prev_hash, digest)))
            expected, prev = seq + 1, digest
    except sqlite3.Error as err:
        return (
            (
                expected,
                phrase("the file cannot be read from here on ({error})", error=sqlite_reason(err)),
            ),
            prev,
            count,
        )
    except UnicodeError:
        why = phrase("the file cannot be read from here on (not UTF-8)")
        return (expected, why), prev, count
    return None, prev, count


def _file_damage(reason: str) -> VerifyResult:
    return VerifyResult(ok=False, count=0, first_bad_seq=None, reason=reason, whole_file=True)


def _bad(count: int, seq: int, reason: str) -> VerifyResult:
    return VerifyResult(ok=False, count=count, first_bad_seq=seq, reason=reason)

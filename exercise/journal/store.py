"""The session journal: one SQLite file per session, an append-only hash-chained event log.

The file holds three tables: `session` (one row: the frozen scenario source and how the
session was started), `events` (the log) and `commands` (kept empty: it was meant as an
inbox for other processes, but the process running a session is its journal's only writer,
and other seats send their commands through it; the table stays so that the format, and
the schema every journal is checked against, do not change).

Every write is one short `BEGIN IMMEDIATE` transaction; `append` returns the events only
after they are committed, so whatever a caller acknowledges survives a killed process (and,
with `durable=True`, a power cut).

Each event carries `prev_hash` and `hash`, where

    hash = sha256_hex(prev_hash + canonical JSON of [seq, t, wall, kind, actor, payload])

and the first event's `prev_hash` is the session hash (see `SessionInfo.session_hash`).
`exercise.journal.chain` walks that chain.
"""

from __future__ import annotations

import json
import operator
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from hashlib import sha256
from math import isfinite
from pathlib import Path
from types import TracebackType
from typing import Any, NoReturn, Self, TypeVar, cast

import orjson

from exercise.gcpause import paused_gc
from exercise.language import N_, phrase
from exercise.model.events import Event, NewEvent

from .errors import DamagedJournal, JournalError
from .lock import WriterLock

T = TypeVar("T")

APPLICATION_ID = 0x45584A4C  # "EXJL" in the SQLite header: this file is an exercise journal
FORMAT_VERSION = 1  # PRAGMA user_version of the files this code writes
DEFAULT_BUSY_TIMEOUT_MS = 5000
_READ_CHUNK = 4096  # events fetched per query while streaming

_SCHEMA = """
CREATE TABLE session (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    scenario_id TEXT NOT NULL,
    scenario_title TEXT NOT NULL,
    scenario_text TEXT NOT NULL,
    scenario_hash TEXT NOT NULL,
    seed INTEGER NOT NULL,
    speed REAL NOT NULL,
    started_wall REAL NOT NULL,
    format INTEGER NOT NULL,
    meta TEXT NOT NULL
);
CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    t REAL NOT NULL,
    wall REAL NOT NULL,
    kind TEXT NOT NULL,
    actor TEXT,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TABLE commands (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    submitted_wall REAL NOT NULL,
    payload TEXT NOT NULL,
    taken INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX commands_pending ON commands (id) WHERE taken = 0;
"""
_TABLES = frozenset({"session", "events", "commands"})
_SELECT_OBJECTS = "SELECT type, name, tbl_name, sql FROM sqlite_master"

_INSERT_EVENT = (
    "INSERT INTO events (seq, t, wall, kind, actor, payload, prev_hash, hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_SELECT_RECORDS = "SELECT t, kind, actor, payload FROM events ORDER BY seq"
_SELECT_EVENTS = (
    "SELECT seq, t, wall, kind, actor, payload, prev_hash, hash FROM events "
    "WHERE seq > ? ORDER BY seq LIMIT ?"
)
_SELECT_LAST = (
    "SELECT seq, t, wall, kind, actor, payload, prev_hash, hash FROM events "
    "ORDER BY seq DESC LIMIT 1"
)
_SELECT_SESSION = (
    "SELECT scenario_id, scenario_title, scenario_text, scenario_hash, seed, speed, "
    "started_wall, format, meta FROM session"
)

# Canonical JSON: sorted keys, no spaces, UTF-8 text as is, no NaN or Infinity. No
# circular-reference check: payloads are plain data (one that contains itself still
# fails, with RecursionError). `_quote` is the same encoder's form of one string.
_encoder = json.JSONEncoder(
    sort_keys=True,
    separators=(",", ":"),
    ensure_ascii=False,
    allow_nan=False,
    check_circular=False,
)
_dumps = _encoder.encode
_quote = quote_text = _encoder.encode  # a string as canonical JSON, as the chain hashes it


_LONG_DIGITS = re.compile(r"\d{19}")


def _companions(path: Path) -> tuple[Path, ...]:
    """The files SQLite keeps beside a database: its WAL, shared memory and rollback journal."""
    return tuple(Path(f"{path}-{suffix}") for suffix in ("wal", "shm", "journal"))


def _loads(text: str) -> Any:
    """Decode stored JSON (see _decoder_for)."""
    return _decoder_for(text)(text)


def _decoder_for(texts: str) -> Callable[[str], Any]:
    """orjson reads JSON several times faster than the standard library, which matters when
    a journal of a hundred thousand events is replayed (the hashed canonical form is still
    written by the standard encoder above). orjson turns integers beyond 64 bits into
    floats, so text that may hold one goes to the standard decoder."""
    return json.loads if _LONG_DIGITS.search(texts) else orjson.loads


def record_text(seq: Any, t: Any, wall: Any, kind: Any, actor: Any, payload_text: str) -> str:
    """The canonical JSON of [seq, t, wall, kind, actor, payload] given the payload's
    canonical text (works for any stored values, so `verify` can recompute tampered rows too)."""
    head = _dumps([seq, t, wall, kind, actor])
    return f"{head[:-1]},{payload_text}]"


def chain_hash(prev_hash: str, record: str) -> str:
    return sha256((prev_hash + record).encode("utf-8")).hexdigest()


def session_hash(
    scenario_id: str, scenario_hash: str, seed: int, started_wall: float, format: int
) -> str:
    """The hash a session's first event points back to."""
    fields = {
        "format": format,
        "scenario_hash": scenario_hash,
        "scenario_id": scenario_id,
        "seed": seed,
        "started_wall": started_wall,
    }
    return sha256(_dumps(fields).encode("utf-8")).hexdigest()


def _event_or_none(row: tuple[Any, ...]) -> Event | None:
    """An events row as an Event, or None when its values are not an event's."""
    seq, t, wall, kind, actor, payload, prev_hash, digest = row
    if not (
        type(seq) is int
        and type(t) is float
        and isfinite(t)
        and type(wall) is float
        and type(kind) is str
        and (actor is None or type(actor) is str)
        and type(payload) is str
    ):
        return None
    try:
        decoded = _loads(payload)
    except (ValueError, RecursionError):
        return None
    if type(decoded) is not dict:
        return None
    return Event(seq, t, wall, kind, actor, decoded, prev_hash, digest)


Refuse = Callable[[int, str], Exception]  # (seq, why) -> the error that refuses the journal


def stored_payload(text: str) -> dict[str, Any] | str:
    """A stored payload, decoded as strictly as it was written (orjson, or for integers
    past 64 bits the standard decoder without NaN and Infinity), or why it is not one: a
    phrase. The exact, slower way, for what the fast `orjson.loads` of a loop refused."""
    try:
        decoded = orjson.loads(text)
    except orjson.JSONDecodeError:
        try:
            decoded = json.loads(text, parse_constant=_no_constants)
        except (ValueError, RecursionError):
            return phrase("its payload is not JSON")
    if type(decoded) is not dict:
        return phrase("its payload is not a JSON object")
    return decoded


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _decoded(rows: list[tuple[Any, ...]], refuse: Refuse) -> list[Event]:
    """Checked rows as events, their payloads decoded (the cyclic collector held: a
    hundred thousand new dicts and no cycles)."""
    events: list[Event] = []
    keep, make, loads = events.append, tuple.__new__, orjson.loads
    with paused_gc():
        for seq, t, wall, kind, actor, payload, prev_hash, digest in rows:
            try:
                decoded = loads(payload)
            except orjson.JSONDecodeError:
                decoded = None
            if type(decoded) is not dict:
                decoded = stored_payload(payload)
                if isinstance(decoded, str):
                    raise refuse(seq, decoded)
            keep(make(Event, (seq, t, wall, kind, actor, decoded, prev_hash, digest)))
    return events


def _first_unreadable(rows: list[tuple[Any, ...]]) -> int | None:
    seq = next((row[0] for row in rows if _event_or_none(row) is None), None)
    return seq if type(seq) is int else None


@cache
def _expected_objects() -> set[tuple[str, str, str, str | None]]:
    """The database objects (tables, index) a journal holds, exactly as SQLite records them."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(_SCHEMA)
        return set(conn.execute(_SELECT_OBJECTS).fetchall())
    finally:
        conn.close()


def _schema_difference(objects: set[tuple[str, str, str, str | None]]) -> str:
    """Why a file's schema is not a journal's: the first object too many or changed."""
    expected = _expected_objects()
    names = {(kind, name) for kind, name, _t, _s in expected}
    for kind, name, _table, _sql in sorted(objects - expected, key=repr):
        said = (
            N_(
                "the journal's database holds a {kind} {name} that exercise did not make "
                "(changed); a journal with a changed schema is not trusted"
            )
            if (kind, name) in names
            else N_(
                "the journal's database holds a {kind} {name} that exercise did not make "
                "(added); a journal with a changed schema is not trusted"
            )
        )
        return phrase(said, kind=kind, name=repr(name))
    return phrase("the journal's database lacks part of its schema; it is not trusted")


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """The `session` row: what was played, from which frozen source, and how."""

    scenario_id: str
    scenario_title: str
    scenario_text: str
    scenario_hash: str
    seed: int
    speed: float
    started_wall: float
    format: int = FORMAT_VERSION
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def session_hash(self) -> str:
        return session_hash(
            self.scenario_id, self.scenario_hash, self.seed, self.started_wall, self.format
        )


def _string(value: Any, what: str) -> str:
    if type(value) is str:
        return value
    if isinstance(value, str):
        return str.__str__(value)  # the plain text of a StrEnum member
    raise TypeError(f"event {what} must be a string, not {type(value).__name__}")


def _finite(value: Any, what: str) -> float:
    number = float(value)
    if not isfinite(number):
        raise ValueError(f"event {what} must be a finite number, not {number!r}")
    return number


# A process stopped while creating a journal leaves an empty database, or a rollback
# journal that a read-only open cannot apply.
_UNFINISHED = N_(
    "not an exercise journal: it holds nothing (a journal whose creation was interrupted, "
    "before its session started, is left like this)"
)


def sqlite_reason(err: sqlite3.Error) -> str:
    """SQLite's reason, short: some quote a whole damaged value (a scenario of megabytes)."""
    text = str(err)
    if text.startswith("Could not decode to UTF-8"):
        return phrase("text that is not UTF-8: the file is damaged")
    return text if len(text) <= 200 else text[:200] + "…"


def _error(path: Path, err: sqlite3.Error, busy_timeout_ms: int) -> JournalError | None:
    """The JournalError for a SQLite failure people can act on; None for other failures."""
    code = getattr(err, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(err).lower()
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        return JournalError(
            path,
            phrase(
                "another session seems to have this journal open (it stayed locked for "
                "{seconds} s)",
                seconds=f"{busy_timeout_ms / 1000:g}",
            ),
            "locked",
        )
    if primary == sqlite3.SQLITE_NOTADB or "not a database" in text:
        return JournalError(
            path, phrase("not an exercise journal (not an SQLite database)"), "not-a-journal"
        )
    if code == sqlite3.SQLITE_READONLY_ROLLBACK:  # read-only, so SQLite cannot roll it back
        return JournalError(path, phrase(_UNFINISHED), "not-a-journal")
    if primary == sqlite3.SQLITE_FULL:
        return JournalError(
            path,
            phrase(
                "the disk is full (or the journal reached its size limit): nothing more can "
                "be recorded"
            ),
            "full",
        )
    why = sqlite_reason(err)
    if primary == sqlite3.SQLITE_IOERR:
        return JournalError(path, phrase("the disk reported an error ({error})", error=why), "io")
    if primary == sqlite3.SQLITE_READONLY:
        return JournalError(
            path, phrase("the journal cannot be written ({error})", error=why), "io"
        )
    if primary == sqlite3.SQLITE_CORRUPT or "malformed" in text:
        return JournalError(
            path, phrase("the journal file is damaged ({error})", error=why), "corrupt"
        )
    if primary == sqlite3.SQLITE_CANTOPEN:
        return JournalError(path, phrase("cannot open the journal ({error})", error=why), "missing")
    return None


class Journal:
    """An open journal file. Use `Journal.create` or `Journal.open`; close it (or use `with`).

    One Journal may be shared between threads; its operations are serialised.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        session: SessionInfo,
        *,
        readonly: bool,
        busy_timeout_ms: int,
        writer_lock: WriterLock | None = None,
    ) -> None:
        self._conn = conn
        self._writer_lock = writer_lock
        self._path = path
        self._session = session
        self._readonly = readonly
        self._busy_timeout_ms = busy_timeout_ms
        self._lock = threading.RLock()
        self._last_seq = 0
        self._last_hash = session.session_hash
        self.schema_damage: str | None = None  # set by open(tolerate_damage=True)
        self._verified: list[Event] | None = None  # see keep_verified
        self._verified_rows: list[tuple[Any, ...]] | None = None  # not yet decoded
        self._refuse: Refuse | None = None
        self._closed = False
        self._tolerant = False  # a damaged journal read on purpose: see open()
        self.unreadable = 0  # events of a damaged journal that could not be read
        row = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        if row is not None:
            self._last_seq, self._last_hash = row

    # -- opening ----------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        *,
        scenario_id: str,
        scenario_title: str,
        scenario_text: str,
        seed: int,
        speed: float,
        durable: bool = True,
        meta: dict[str, Any] | None = None,
        started_wall: float | None = None,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        max_bytes: int | None = None,
    ) -> Journal:
        """Create a new journal file (never overwrites one; creates missing folders) and
        hold its writer lock until `close`.

        `durable=True` syncs every commit to disk (realtime sessions survive a power cut);
        `durable=False` is faster and still loses nothing when the process is killed.
        `max_bytes` caps the file's size: a write past it fails as on a full disk.
        """
        path = Path(path)
        if path.exists():
            raise FileExistsError(
                phrase("{file}: already exists; a journal is never overwritten", file=str(path))
            )
        for orphan in _companions(path):
            # Left by a reader of a journal that has since been deleted: without their
            # database they hold nothing, and SQLite would wrongly apply them to a new one.
            orphan.unlink(missing_ok=True)
        started = time.time() if started_wall is None else _finite(started_wall, "started_wall")
        info = SessionInfo(
            scenario_id=_string(scenario_id, "scenario_id"),
            scenario_title=_string(scenario_title, "scenario_title"),
            scenario_text=scenario_text,
            scenario_hash=sha256(scenario_text.encode("utf-8")).hexdigest(),
            seed=operator.index(seed),
            speed=_finite(speed, "speed"),
            started_wall=started,
            format=FORMAT_VERSION,
            meta=dict(meta or {}),
        )
        meta_text = _dumps(info.meta)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb"):  # claims the name; fails if someone else just did
            pass
        conn: sqlite3.Connection | None = None
        lock: WriterLock | None = None
        try:
            lock = WriterLock.acquire(path)
            conn = cls._connect(path, readonly=False, busy_timeout_ms=busy_timeout_ms)
            # The large scenario text goes in before WAL mode is on: written once to the
            # file rather than to the WAL and then checkpointed into it (half the time).
            # A process killed here leaves an empty file, which `open` calls no journal.
            conn.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")
            conn.execute("BEGIN IMMEDIATE")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {FORMAT_VERSION}")
            conn.execute(
                "INSERT INTO session (id, scenario_id, scenario_title, scenario_text, "
                "scenario_hash, seed, speed, started_wall, format, meta) "
                "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    info.scenario_id,
                    info.scenario_title,
                    info.scenario_text,
                    info.scenario_hash,
                    info.seed,
                    info.speed,
                    info.started_wall,
                    info.format,
                    meta_text,
                ),
            )
            conn.execute("COMMIT")
            cls._configure(conn, durable, max_bytes)
        except BaseException:
            if conn is not None:
                conn.close()
            for leftover in (path, *_companions(path)):
                leftover.unlink(missing_ok=True)
            if lock is not None:
                lock.release()
            raise
        return cls(
            conn, path, info, readonly=False, busy_timeout_ms=busy_timeout_ms, writer_lock=lock
        )

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        readonly: bool = False,
        durable: bool = True,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        max_bytes: int | None = None,
        tolerate_damage: bool = False,
    ) -> Journal:
        """Open an existing journal; raises JournalError when it cannot be used.

        A writable open takes the journal's writer lock (see `lock.py`) and holds it until
        `close`: a journal another process writes to is refused at once, naming that
        process. A read-only open never writes to the file and works beside a writer, and
        on read-only media too. Neither checks the hash chain: see `chain.open_verified`.
        A schema exercise did not make (a trigger, a view) is refused as damage, unless
        `tolerate_damage` (read-only only) lets it pass, recorded in `schema_damage`.
        """
        if tolerate_damage and not readonly:
            raise ValueError("only a read-only journal may be opened despite damage")
        path = Path(path)
        if not path.exists():
            raise JournalError(path, phrase("no such journal file"), "missing")
        if not path.is_file():
            raise JournalError(
                path, phrase("not an exercise journal (not a file)"), "not-a-journal"
            )
        conn: sqlite3.Connection | None = None
        lock: WriterLock | None = None
        try:
            if readonly:
                conn = cls._connect_readonly(path, busy_timeout_ms)
            else:
                lock = WriterLock.acquire(path)
                conn = cls._connect(path, readonly=False, busy_timeout_ms=busy_timeout_ms)
            session, damage = cls._check(conn, path, tolerate_damage)
            if not readonly:
                cls._configure(conn, durable, max_bytes)
                conn.execute("BEGIN IMMEDIATE")  # is anyone else writing right now?
                conn.execute("ROLLBACK")
            journal = cls(
                conn,
                path,
                session,
                readonly=readonly,
                busy_timeout_ms=busy_timeout_ms,
                writer_lock=lock,
            )
            journal.schema_damage = damage
            journal._tolerant = tolerate_damage
            return journal
        except sqlite3.Error as err:
            if conn is not None:
                conn.close()
            if lock is not None:
                lock.release()
            mapped = _error(path, err, busy_timeout_ms)
            if mapped is None:
                raise JournalError(
                    path,
                    phrase("the journal cannot be read ({error})", error=sqlite_reason(err)),
                    "corrupt",
                ) from None
            raise mapped from None
        except BaseException:
            if conn is not None:
                conn.close()
            if lock is not None:
                lock.release()
            raise

    @classmethod
    def _connect_readonly(cls, path: Path, busy_timeout_ms: int) -> sqlite3.Connection:
        """A read-only connection. On read-only media SQLite cannot make the shared-memory
        file a WAL reader needs; a journal with nothing in its WAL is then opened immutable
        (read as the file is, no side files), which is exact when no writer can exist."""
        try:
            conn = cls._connect(path, readonly=True, busy_timeout_ms=busy_timeout_ms)
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
            return conn
        except sqlite3.OperationalError as err:
            code = getattr(err, "sqlite_errorcode", 0) or 0
            if code & 0xFF not in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY):
                raise
            if os.access(path.parent, os.W_OK) and os.access(path, os.W_OK):
                raise  # not read-only media: the error is real
            wal = Path(f"{path}-wal")
            if wal.exists() and wal.stat().st_size > 0:
                raise JournalError(
                    path,
                    phrase(
                        "the journal's last events are still in {file} and the folder is "
                        "read-only, so SQLite cannot read them: copy both files to a writable "
                        "folder and open the copy",
                        file=wal.name,
                    ),
                    "io",
                ) from None
            return cls._connect(
                path, readonly=True, busy_timeout_ms=busy_timeout_ms, immutable=True
            )

    @staticmethod
    def _connect(
        path: Path, *, readonly: bool, busy_timeout_ms: int, immutable: bool = False
    ) -> sqlite3.Connection:
        mode = "ro" if readonly else "rw"  # never let SQLite create a file by itself
        options = f"mode={mode}&immutable=1" if immutable else f"mode={mode}"
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?{options}",
            uri=True,
            timeout=busy_timeout_ms / 1000,
            isolation_level=None,  # transactions are explicit
            check_same_thread=False,  # guarded by Journal._lock
        )
        # A journal may come from anyone: run nothing its schema says (no functions in
        # views or triggers) and notice a damaged page early rather than misread it.
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA cell_size_check = ON")
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        return conn

    @staticmethod
    def _configure(conn: sqlite3.Connection, durable: bool, max_bytes: int | None = None) -> None:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")
        if max_bytes is not None:
            page_size = conn.execute("PRAGMA page_size").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {max(1, int(max_bytes) // page_size)}")

    @staticmethod
    def _check(
        conn: sqlite3.Connection, path: Path, tolerate_damage: bool = False
    ) -> tuple[SessionInfo, str | None]:
        """Make sure the file is a journal this code can read; return its session row, and
        what is wrong with its schema when `tolerate_damage` lets that pass."""
        damage: str | None = None
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if application_id == 0 and conn.execute("SELECT 1 FROM sqlite_master").fetchone() is None:
            raise JournalError(path, phrase(_UNFINISHED), "not-a-journal")
        if application_id != APPLICATION_ID:
            raise JournalError(
                path,
                phrase("not an exercise journal (an SQLite file of another kind)"),
                "not-a-journal",
            )
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > FORMAT_VERSION:
            raise JournalError(
                path,
                phrase(
                    "this journal has format {version}, this version of exercise reads format "
                    "{supported}: upgrade exercise to open it",
                    version=str(version),
                    supported=str(FORMAT_VERSION),
                ),
                "newer-format",
            )
        if version < 1:
            raise JournalError(
                path,
                phrase("the journal has no valid format ({version})", version=str(version)),
                "corrupt",
            )
        objects = set(conn.execute(_SELECT_OBJECTS).fetchall())
        tables = {name for kind, name, _table, _sql in objects if kind == "table"}
        if missing_tables := _TABLES - tables:
            missing = ", ".join(sorted(missing_tables))
            raise JournalError(
                path,
                phrase("not an exercise journal (no table {tables})", tables=missing),
                "not-a-journal",
            )
        if objects != _expected_objects():
            if not tolerate_damage:
                raise DamagedJournal(path, _schema_difference(objects), None, whole_file=True)
            damage = _schema_difference(objects)
        rows = conn.execute(_SELECT_SESSION).fetchall()
        if len(rows) != 1:
            raise JournalError(
                path,
                phrase("the journal has {count} session rows instead of 1", count=len(rows)),
                "corrupt",
            )
        (scenario_id, title, text, scenario_hash, seed, speed, started, fmt, meta_text) = rows[0]
        texts = (scenario_id, title, text, scenario_hash, meta_text)
        numbers = (speed, started)
        if not (
            all(type(value) is str for value in texts)
            and type(seed) is int
            and type(fmt) is int
            and all(type(value) in (int, float) and isfinite(value) for value in numbers)
        ):
            raise DamagedJournal(
                path,
                phrase(
                    "the journal is damaged at the session row: it holds values of the wrong "
                    "type; it cannot be read at all"
                ),
                None,
            )
        try:
            meta = _loads(meta_text)
        except (TypeError, ValueError):
            meta = None
        if not isinstance(meta, dict):
            raise JournalError(
                path, phrase("the session row's meta is not a JSON object"), "corrupt"
            )
        info = SessionInfo(
            scenario_id=scenario_id,
            scenario_title=title,
            scenario_text=text,
            scenario_hash=scenario_hash,
            seed=seed,
            speed=speed,
            started_wall=started,
            format=fmt,
            meta=meta,
        )
        return info, damage

    # -- properties and lifetime ------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._path

    @property
    def session(self) -> SessionInfo:
        return self._session

    @property
    def readonly(self) -> bool:
        return self._readonly

    @property
    def closed(self) -> bool:
        """Whether `close` has been called (the file and the writer lock let go)."""
        return self._closed

    def keep_verified(
        self, events: list[Event] | list[tuple[Any, ...]], refuse: Refuse | None = None
    ) -> None:
        """Events just read and checked by `chain.check`, every one from the first: reads
        serve them until the next append instead of reading the file again. Given as rows
        whose payloads are still text (`refuse` set), they are decoded on the first read,
        all of them before any is served; a payload that is not a JSON object then raises
        `refuse(seq, why)`, so the journal is refused before anything reads from it."""
        with self._lock:
            if refuse is None:
                self._verified, self._verified_rows = cast(list[Event], events), None
            else:
                self._verified, self._verified_rows = None, cast(list[tuple[Any, ...]], events)
            self._refuse = refuse

    def _verified_events(self) -> list[Event] | None:
        with self._lock:
            rows, refuse = self._verified_rows, self._refuse
            if rows is not None and refuse is not None:
                self._verified = _decoded(rows, refuse)
                self._verified_rows = None
            return self._verified

    def snapshot(self) -> None:
        """Read from one snapshot until `close` (read-only journals): what a check of the
        chain saw is then exactly what is read afterwards, even while a session writes."""
        if not self._readonly:
            raise PermissionError(f"{self._path}: only a read-only journal reads a snapshot")
        with self._lock:
            if not self._conn.in_transaction:
                self._conn.execute("BEGIN")
                self._conn.execute("SELECT count(*) FROM session").fetchone()

    def close(self) -> None:
        """Close the file and let go of the writer lock (safe to call twice)."""
        with self._lock:
            self._conn.close()
            self._closed = True
            if self._writer_lock is not None:
                self._writer_lock.release()  # after the connection: see lock.py

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self._readonly else "writable"
        return f"<Journal {str(self._path)!r} {mode}>"

    # -- writing ----------------------------------------------------------------------------

    def append(self, events: Sequence[NewEvent], wall: float | None = None) -> list[Event]:
        """Commit events in one transaction; return them as committed (after the COMMIT).

        All events of one call share one wall time (`wall`, default now). Scenario time is
        rounded to milliseconds. An empty sequence writes nothing. The returned events keep
        the payload objects they were given (payloads are plain JSON data: dicts, lists,
        text, numbers), so nothing is decoded again on the hot path.
        """
        if not events:
            return []
        self._writable()
        wall_time = _finite(time.time() if wall is None else wall, "wall")
        wall_text = repr(wall_time)
        make = Event
        with self._lock:
            self._verified, self._verified_rows = None, None
            seq, prev = self._last_seq, self._last_hash
            rows = []
            committed = []
            for event in events:
                seq += 1
                t = event.t
                if type(t) is not float or not isfinite(t):
                    t = _finite(t, "t")
                t = round(t, 3)
                kind = event.kind
                if type(kind) is not str:
                    kind = _string(kind, "kind")
                actor = event.actor
                if actor is None:
                    actor_text = "null"
                else:
                    if type(actor) is not str:
                        actor = _string(actor, "actor")
                    actor_text = _quote(actor)
                payload_text = _dumps(event.payload)
                # record_text(), without a second encoder pass per event
                record = f"[{seq},{t!r},{wall_text},{_quote(kind)},{actor_text},"
                digest = sha256(f"{prev}{record}{payload_text}]".encode()).hexdigest()
                rows.append((seq, t, wall_time, kind, actor, payload_text, prev, digest))
                committed.append(make(seq, t, wall_time, kind, actor, event.payload, prev, digest))
                prev = digest
            self._write(_INSERT_EVENT, rows)
            self._last_seq, self._last_hash = seq, prev
        return committed

    def _transaction(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work` between `BEGIN IMMEDIATE` and `COMMIT`, rolled back on any error;
        SQLite errors become JournalErrors. The caller holds `self._lock`. (A plain call,
        not a context manager: it runs once a tick, and a generator-based one costs more
        than the Python side of committing a tick's events.)"""
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = work(conn)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.IntegrityError:
            raise JournalError(
                self._path,
                phrase("another session has written events to this journal since it was opened"),
                "locked",
            ) from None
        except sqlite3.Error as err:
            self._raise(err)
        return result

    def _write(self, statement: str, rows: list[tuple[Any, ...]]) -> None:
        self._transaction(lambda conn: conn.executemany(statement, rows))

    def _raise(self, err: sqlite3.Error) -> NoReturn:
        mapped = _error(self._path, err, self._busy_timeout_ms)
        if mapped is None:
            raise JournalError(
                self._path,
                phrase("the journal cannot be used ({error})", error=sqlite_reason(err)),
                "io",
            ) from None
        raise mapped from None

    def _writable(self) -> None:
        if self._readonly:
            raise PermissionError(f"{self._path}: the journal was opened read-only")

    # -- reading ----------------------------------------------------------------------------

    def events(self, since_seq: int = 0) -> Iterator[Event]:
        """Stream the events with seq > since_seq, in seq order.

        Reads in chunks, so appending while iterating is fine: events committed before the
        iterator reaches their place are included.
        """
        verified = self._verified_events()
        if verified is not None:
            yield from verified[max(0, since_seq) :]
            return
        after = since_seq
        conn, lock, make = self._conn, self._lock, Event
        while True:
            with lock:
                try:
                    rows = conn.execute(_SELECT_EVENTS, (after, _READ_CHUNK)).fetchall()
                except sqlite3.Error as err:
                    self._raise(err)
            if not rows:
                return
            if self._tolerant:
                yield from self._readable(rows)
            else:
                try:
                    loads = _decoder_for("\n".join(row[5] for row in rows))  # one check a chunk
                    chunk = [
                        make(seq, t, wall, kind, actor, loads(payload), prev_hash, digest)
                        for seq, t, wall, kind, actor, payload, prev_hash, digest in rows
                    ]
                except (TypeError, ValueError):
                    seq = _first_unreadable(rows)
                    which = (
                        phrase("an event") if seq is None else phrase("event {seq}", seq=str(seq))
                    )
                    raise DamagedJournal(
                        self._path,
                        phrase("{event} cannot be read: the journal is damaged", event=which),
                        seq,
                    ) from None
                yield from chunk
            if len(rows) < _READ_CHUNK:
                return
            after = rows[-1][0]

    def _readable(self, rows: list[tuple[Any, ...]]) -> list[Event]:
        """The rows that read as events, one at a time; the others are counted in
        `unreadable` (a damaged journal read on purpose)."""
        events = []
        for row in rows:
            event = _event_or_none(row)
            if event is None:
                self.unreadable += 1
            else:
                events.append(event)
        return events

    def records(self) -> Iterator[tuple[float, str, str | None, Any]]:
        """Every event as (t, kind, actor, payload), in order: what a replay needs, without
        the wall times and hashes that `events()` also reads (a third less to fetch)."""
        verified = self._verified_events()
        if verified is not None:
            return iter([(e.t, e.kind, e.actor, e.payload) for e in verified])
        if self._tolerant:
            return iter([(e.t, e.kind, e.actor, e.payload) for e in self.events()])
        with self._lock:
            try:
                rows = self._conn.execute(_SELECT_RECORDS).fetchall()
            except sqlite3.Error as err:
                self._raise(err)
        try:
            loads = _decoder_for("\n".join(row[3] for row in rows))
            return iter([(t, kind, actor, loads(payload)) for t, kind, actor, payload in rows])
        except (TypeError, ValueError):
            return iter([(e.t, e.kind, e.actor, e.payload) for e in self.events()])  # says where

    def read_with(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run a read of the caller's own (`verify`'s walk) on this journal's connection."""
        with self._lock:
            return work(self._conn)

    def count(self) -> int:
        with self._lock:
            count: int = self._conn.execute("SELECT count(*) FROM events").fetchone()[0]
        return count

    def last(self) -> Event | None:
        with self._lock:
            row = self._conn.execute(_SELECT_LAST).fetchone()
        if row is None:
            return None
        seq, t, wall, kind, actor, payload, prev_hash, digest = row
        return Event(seq, t, wall, kind, actor, _loads(payload), prev_hash, digest)

"""Join codes: one per seat of a session, easy to read aloud, kept only as hashes.

A code is the seat's name and 40 random bits in Crockford's base32 (no I, L, O or U, so
nothing is misread), e.g. `NKC-7F3K-9QX2`. The name only says which hash to check; the
40 bits are the secret. The host keeps each code's scrypt hash in a side file next to the
journal (`<journal>-seats`, readable by its owner only, never in the journal, which
travels by e-mail), so that `resume` keeps the codes printed on paper for the session.
scrypt makes guessing from a stolen side file slow; guessing over the network is slowed
by the host (see `exercise.seats.limits`).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from ..language import phrase
from ..sim.commands import SeatKind

SUFFIX = "-seats"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32
SECRET_CHARS = 8  # 40 bits
_MAX_FILE = 1 << 20
_MAX_CODE = 200  # a code typed longer than this is not a code
# scrypt: 4 MiB and about 10 ms a check on a laptop: thirty seats joining at once cost a
# fraction of a second, while a stolen side file still costs centuries of CPU per code
# (2^40 guesses). The host runs at most two checks at a time (see SeatHost).
_N, _R, _P = 1 << 12, 8, 1
_MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1", " ": "", "-": ""})

# The seats that are not a scenario role, by the name their code starts with.
FIXED = {
    "excon": SeatKind.FACILITATOR,
    "eval": SeatKind.EVALUATOR,
    "wall": SeatKind.OBSERVER,
}


class CodesError(Exception):
    """The side file cannot be used (exit status 2; the message names the file): its
    argument is a `language.Phrase`, said in the reader's language where it is shown."""


@dataclass(frozen=True, slots=True)
class Seat:
    """A seat a code lets in: its name (a role id, or one of FIXED) and kind."""

    name: str
    kind: SeatKind


def codes_path(journal: Path) -> Path:
    return Path(f"{journal}{SUFFIX}")


def new_secret() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(SECRET_CHARS))


def format_code(name: str, secret: str) -> str:
    return f"{name.upper()}-{secret[:4]}-{secret[4:]}"


def parse_code(code: str) -> tuple[str, str] | None:
    """(seat name, secret) from a code as typed (any case, misread letters forgiven), or
    None when it has not the form of a code."""
    if len(code) > _MAX_CODE:
        return None
    parts = code.strip().upper().split("-")
    if len(parts) >= 3:  # NAME-XXXX-XXXX, the name may hold hyphens itself
        name, secret = "-".join(parts[:-2]), parts[-2] + parts[-1]
    elif len(parts) == 2:  # NAME-XXXXXXXX
        name, secret = parts
    else:
        return None
    secret = secret.translate(_MISREAD)
    if not name or len(secret) != SECRET_CHARS or any(ch not in ALPHABET for ch in secret):
        return None
    return name.strip().lower(), secret


def _hash(secret: str, salt: bytes) -> bytes:
    return hashlib.scrypt(secret.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: SeatKind
    salt: bytes
    digest: bytes
    issued: float


class JoinCodes:
    """The codes of one session, as hashes; new ones are returned once, to be printed."""

    def __init__(self, path: Path, entries: dict[str, _Entry]) -> None:
        self.path = path
        self._entries = entries

    @classmethod
    def for_session(
        cls, journal: Path, seats: dict[str, SeatKind]
    ) -> tuple[JoinCodes, dict[str, str]]:
        """The codes kept beside `journal`, with a new code for every seat in `seats` that
        has none yet; returns them and the new codes in full (seat name to code)."""
        path = codes_path(journal)
        codes = cls(path, _read(path))
        fresh = {
            name: codes._issue(name, kind)
            for name, kind in seats.items()
            if name not in codes._entries
        }
        if fresh:
            codes._save()
        return codes, fresh

    def seats(self) -> dict[str, SeatKind]:
        return {name: entry.kind for name, entry in self._entries.items()}

    def reissue(self, name: str) -> str:
        """A new code for a seat (the old one no longer lets anyone in)."""
        code = self._issue(name, self._entries[name].kind)
        self._save()
        return code

    def check(self, code: str) -> Seat | None:
        """The seat a code lets in, or None. Slow on purpose (scrypt): run it off the loop."""
        parsed = parse_code(code)
        if parsed is None:
            return None
        name, secret = parsed
        entry = self._entries.get(name)
        if entry is None:
            _hash(secret, b"\0" * 16)  # as slow as a wrong secret: names are not probed
            return None
        if hmac.compare_digest(_hash(secret, entry.salt), entry.digest):
            return Seat(name, entry.kind)
        return None

    def _issue(self, name: str, kind: SeatKind) -> str:
        secret = new_secret()
        salt = secrets.token_bytes(16)
        self._entries[name] = _Entry(kind, salt, _hash(secret, salt), time.time())
        return format_code(name, secret)

    def _save(self) -> None:
        data = {
            "format": 1,
            "scrypt": [_N, _R, _P],
            "seats": {
                name: {
                    "kind": entry.kind.value,
                    "salt": entry.salt.hex(),
                    "hash": entry.digest.hex(),
                    "issued": entry.issued,
                }
                for name, entry in sorted(self._entries.items())
            },
        }
        temporary = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}.part")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, indent=1)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise


def _read(path: Path) -> dict[str, _Entry]:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return {}
    except OSError as err:
        raise CodesError(
            phrase("{file}: cannot be read ({error})", file=str(path), error=str(err.strerror))
        ) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise CodesError(phrase("{file}: not a regular file", file=str(path)))
        if info.st_mode & 0o077:
            raise CodesError(
                phrase(
                    "{file}: others may read the join codes' file; remove it to make new codes",
                    file=str(path),
                )
            )
        if info.st_uid != os.getuid():
            raise CodesError(phrase("{file}: belongs to another user", file=str(path)))
        raw = handle.read(_MAX_FILE + 1)
    if len(raw) > _MAX_FILE:
        raise CodesError(phrase("{file}: too large to be a join codes' file", file=str(path)))
    try:
        data = json.loads(raw)
        if data.get("format") != 1 or data.get("scrypt") != [_N, _R, _P]:
            raise ValueError("an unknown format")
        return {
            str(name): _Entry(
                SeatKind(entry["kind"]),
                bytes.fromhex(entry["salt"]),
                bytes.fromhex(entry["hash"]),
                float(entry["issued"]),
            )
            for name, entry in data["seats"].items()
        }
    except (ValueError, KeyError, TypeError, AttributeError):
        # (what exactly is wrong would be Python's English, and the remedy is the same)
        raise CodesError(
            phrase("{file}: not a join codes' file; remove it to make new codes", file=str(path))
        ) from None

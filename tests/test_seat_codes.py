"""Join codes: readable, at least 40 bits, kept hashed beside the journal by its owner
only, and the same after a resume."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from exercise.seats.codes import (
    ALPHABET,
    SECRET_CHARS,
    CodesError,
    JoinCodes,
    Seat,
    codes_path,
    parse_code,
)
from exercise.sim.commands import SeatKind

SEATS = {"nkc": SeatKind.PLAYER, "mccb-vr": SeatKind.PLAYER, "excon": SeatKind.FACILITATOR}


def test_codes_are_readable_and_hold_forty_bits(tmp_path: Path) -> None:
    _codes, fresh = JoinCodes.for_session(tmp_path / "s.db", SEATS)
    assert set(fresh) == set(SEATS)
    name, a, b = fresh["nkc"].split("-")
    assert name == "NKC" and len(a) == len(b) == 4
    assert set(a + b) <= set(ALPHABET) and len(ALPHABET) ** SECRET_CHARS >= 2**40
    assert fresh["mccb-vr"].startswith("MCCB-VR-")
    assert len(set(fresh.values())) == len(fresh)


def test_a_code_lets_in_its_own_seat_only(tmp_path: Path) -> None:
    codes, fresh = JoinCodes.for_session(tmp_path / "s.db", SEATS)
    assert codes.check(fresh["mccb-vr"]) == Seat("mccb-vr", SeatKind.PLAYER)
    assert codes.check(fresh["excon"]) == Seat("excon", SeatKind.FACILITATOR)
    # read aloud and typed back: lower case, spaces, O for 0 and I or L for 1
    typed = fresh["nkc"].lower().replace("0", "o").replace("1", "l").replace("-", " - ", 1)
    assert codes.check(typed) == Seat("nkc", SeatKind.PLAYER)
    secret = fresh["nkc"].split("-", 1)[1]
    assert codes.check("excon-" + secret) is None  # another seat's name, this seat's secret
    assert codes.check("nkc-" + ("0000-0000" if secret != "00000000" else "1111-1111")) is None
    for junk in ("", "nkc", "nkc-abc", "x" * 10_000, "nkc-\x1b[2J-0000"):
        assert codes.check(junk) is None


def test_codes_survive_a_resume_and_a_new_code_replaces_the_old(tmp_path: Path) -> None:
    journal = tmp_path / "s.db"
    _codes, fresh = JoinCodes.for_session(journal, SEATS)
    again, more = JoinCodes.for_session(journal, {**SEATS, "wall": SeatKind.OBSERVER})
    assert set(more) == {"wall"}  # the others keep the codes printed for the session
    assert again.check(fresh["nkc"]) == Seat("nkc", SeatKind.PLAYER)
    new = again.reissue("nkc")
    assert again.check(fresh["nkc"]) is None
    reloaded, _ = JoinCodes.for_session(journal, SEATS)
    assert reloaded.check(new) == Seat("nkc", SeatKind.PLAYER)
    assert reloaded.check(fresh["nkc"]) is None


def test_the_side_file_holds_hashes_for_its_owner_only(tmp_path: Path) -> None:
    _codes, fresh = JoinCodes.for_session(tmp_path / "s.db", SEATS)
    path = codes_path(tmp_path / "s.db")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    for code in fresh.values():
        assert code.split("-", 1)[1] not in text and code.split("-")[-1] not in text
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_side_file_others_may_read_is_refused(tmp_path: Path) -> None:
    JoinCodes.for_session(tmp_path / "s.db", SEATS)
    os.chmod(codes_path(tmp_path / "s.db"), 0o644)
    with pytest.raises(CodesError, match="others may read"):
        JoinCodes.for_session(tmp_path / "s.db", SEATS)


@pytest.mark.parametrize("content", [b"", b"[]", b'{"format": 2}', b"\xff" * 10, b"{" * 5000])
def test_a_side_file_that_is_not_ours_is_refused(tmp_path: Path, content: bytes) -> None:
    path = codes_path(tmp_path / "s.db")
    path.write_bytes(content)
    path.chmod(0o600)
    with pytest.raises(CodesError, match="not a join codes' file"):
        JoinCodes.for_session(tmp_path / "s.db", SEATS)


def test_a_side_file_that_is_a_link_is_refused(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").write_text("{}")
    codes_path(tmp_path / "s.db").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(CodesError, match="cannot be read"):
        JoinCodes.for_session(tmp_path / "s.db", SEATS)


def test_parse_code_splits_name_and_secret() -> None:
    assert parse_code("NKC-7F3K-9QX2") == ("nkc", "7F3K9QX2")
    assert parse_code("mccb-vr-7f3k-9qx2") == ("mccb-vr", "7F3K9QX2")
    assert parse_code("nkc-7F3K9QX2") == ("nkc", "7F3K9QX2")
    assert parse_code("-7F3K-9QX2") is None
    assert parse_code("NKC-7F3K-9QXU") is None  # U is not in the alphabet

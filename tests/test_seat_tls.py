"""`exercise host --tls`: a self-signed certificate kept beside the journal, its fingerprint
printed, and seats that pin it, on loopback. A seat that meets another certificate stops
before it sends its join code."""

from __future__ import annotations

import asyncio
import os
import ssl
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import scenario_text
from seat_rig import rig, run
from test_seat_host import INJECTS, ROLES

from exercise.cli import main
from exercise.model import Scenario
from exercise.seats import address, tls
from exercise.seats import protocol as p
from exercise.seats.client import SeatClient, SeatClosed


@pytest.fixture
def scenario(load: Callable[[str], Scenario]) -> Scenario:
    return load(scenario_text(roles=ROLES, injects=INJECTS))


def test_a_self_signed_certificate_is_made_once_and_kept_private(tmp_path: Path) -> None:
    journal = tmp_path / "s.db"
    cert, key = tls.self_signed(journal, ["127.0.0.1", "localhost"])
    assert (cert.name, key.name) == ("s.db-tls.pem", "s.db-tls.key")
    assert os.stat(key).st_mode & 0o777 == 0o600
    printed = tls.pem_fingerprint(cert)
    assert tls.self_signed(journal, []) == (cert, key)  # a resumed host keeps it
    assert tls.pem_fingerprint(cert) == printed
    assert tls.parse_fingerprint(printed.lower().replace(":", " ")) == printed
    assert tls.parse_fingerprint("AB:CD") is None
    os.chmod(key, 0o644)
    with pytest.raises(tls.TLSError, match="0600"):
        tls.self_signed(journal, [])


def test_a_seat_that_pins_the_fingerprint_joins_over_tls(
    scenario: Scenario, tmp_path: Path
) -> None:
    cert, key = tls.self_signed(tmp_path / "s.db", [])
    context, pin = tls.server_context(cert, key), tls.pem_fingerprint(cert)

    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario, tls=context) as r:
            assert r.url.startswith("wss://")
            client = SeatClient(r.url, r.codes["nctv"], fingerprint=pin, retry_max=0.2)
            seen: list[dict[str, object]] = []
            client.listener = seen.append
            runner = asyncio.create_task(client.run())
            try:
                await asyncio.wait_for(client.connected.wait(), 10)
                assert client.welcome is not None and client.welcome["role"] == "nctv"
                ack = await client.command({"type": "self-decision", "text": "Over TLS"})
                assert ack["ok"]
            finally:
                runner.cancel()
        assert r.session.engine.state.self_decisions[0]["text"] == "Over TLS"

    run(main)


def test_a_seat_given_only_the_join_address_pins_its_fingerprint_and_joins(
    scenario: Scenario, tmp_path: Path
) -> None:
    cert, key = tls.self_signed(tmp_path / "s.db", [])
    context, pin = tls.server_context(cert, key), tls.pem_fingerprint(cert)

    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario, tls=context) as r:
            joining = tls.pinned_url(r.url, pin)
            assert joining == r.url + "#fp=" + pin.replace(":", "")
            client = SeatClient(joining, r.codes["nctv"], retry_max=0.2)
            assert (client.url, client.fingerprint) == (r.url, pin)
            runner = asyncio.create_task(client.run())
            try:
                await asyncio.wait_for(client.connected.wait(), 10)
                assert client.welcome is not None and client.welcome["role"] == "nctv"
            finally:
                runner.cancel()

    run(main)


def test_a_join_address_carrying_another_fingerprint_stops_before_sending_the_code(
    scenario: Scenario, tmp_path: Path
) -> None:
    cert, key = tls.self_signed(tmp_path / "s.db", [])
    context = tls.server_context(cert, key)

    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario, tls=context) as r:
            client = SeatClient(r.url + "#fp=" + "00" * 32, r.codes["nctv"], retry_max=0.2)
            with pytest.raises(SeatClosed) as closed:
                await client.run()
            assert closed.value.code == p.Close.UNTRUSTED
            assert client.connects == 0 and r.host.seats() == []
            assert r.host.wrong_codes == {}  # the host heard no code at all

    run(main)


def test_the_address_noted_for_a_review_carries_the_fingerprint_its_seat_pins(
    tmp_path: Path,
) -> None:
    journal, pin = tmp_path / "s.db", tls.parse_fingerprint("AB" * 32)
    assert pin is not None
    address.write(journal, tls.pinned_url("wss://127.0.0.1:8765/", pin))
    noted = address.read(journal)
    assert noted == "wss://127.0.0.1:8765/#fp=" + "AB" * 32
    assert SeatClient(noted, "EVAL-0000-0000").fingerprint == pin
    address.write(journal, "ws://127.0.0.1:8765/#fp=" + "AB" * 32)  # no pin without TLS
    assert address.read(journal) is None


@pytest.mark.parametrize("pin", ["00" * 32, None])
def test_a_seat_meeting_another_certificate_stops_before_sending_its_code(
    scenario: Scenario, tmp_path: Path, pin: str | None
) -> None:
    cert, key = tls.self_signed(tmp_path / "s.db", [])
    context = tls.server_context(cert, key)

    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario, tls=context) as r:
            pinned = tls.parse_fingerprint(pin) if pin else None
            client = SeatClient(r.url, r.codes["nctv"], fingerprint=pinned, retry_max=0.2)
            with pytest.raises(SeatClosed) as closed:
                await client.run()
            assert closed.value.code == p.Close.UNTRUSTED
            assert client.connects == 0 and r.host.seats() == []
            # the host heard no code at all: no wrong code counted
            assert r.host.wrong_codes == {}

    run(main)


def test_the_browser_page_comes_over_https(scenario: Scenario, tmp_path: Path) -> None:
    cert, key = tls.self_signed(tmp_path / "s.db", [])
    context = tls.server_context(cert, key)

    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario, tls=context) as r:
            url = r.url.replace("wss://", "https://")
            trusting = ssl.create_default_context(cafile=str(cert))
            trusting.check_hostname = False  # the certificate names 127.0.0.1 as an address

            def fetch() -> tuple[int, str]:
                with urllib.request.urlopen(url, context=trusting, timeout=10) as answer:
                    return answer.status, answer.headers["Content-Security-Policy"]

            status, policy = await asyncio.to_thread(fetch)
            assert status == 200 and "wss://127.0.0.1" in policy

    run(main)


def test_tls_options_that_cannot_work_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = tmp_path / "s.db"
    assert main(["host", "demo", "--journal", str(journal), "--headless", "--tls", "x.pem"]) == 2
    assert "certificate and its key" in capsys.readouterr().err
    missing = ["host", "demo", "--journal", str(journal), "--headless", "--tls", "a.pem", "b.key"]
    assert main(missing) == 2
    assert "a.pem: no such file" in capsys.readouterr().err
    assert not journal.exists()  # refused before a session was started
    assert main(["join", "wss://127.0.0.1:1/", "--code", "X", "--fingerprint", "AB"]) == 2
    assert "--fingerprint: 64 hexadecimal digits" in capsys.readouterr().err
    assert main(["join", "ws://127.0.0.1:1/", "--fingerprint", "AB" * 32]) == 2
    assert "this is ws://" in capsys.readouterr().err
    carrying = "wss://127.0.0.1:1/#fp=" + "AB" * 32
    assert main(["join", carrying, "--code", "X", "--fingerprint", "CD" * 32]) == 2
    assert "not the fingerprint the address carries" in capsys.readouterr().err
    assert main(["join", "wss://127.0.0.1:1/#fp=AB", "--code", "X"]) == 2
    assert "64 hexadecimal digits" in capsys.readouterr().err
    assert main(["join", "ws://127.0.0.1:1/#fp=" + "AB" * 32, "--code", "X"]) == 2
    assert "this is ws://" in capsys.readouterr().err
    with pytest.raises(tls.TLSError):
        SeatClient(carrying, "X", fingerprint=tls.parse_fingerprint("CD" * 32))

"""`exercise host`: a session for seats, its codes printed once and kept across a kill -9
and a resume, and seats that find the host again by themselves."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from seat_rig import run

from exercise.seats import tls
from exercise.seats.client import SeatClient
from exercise.seats.codes import codes_path

EXERCISE = [sys.executable, "-m", "exercise"]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")


STARTED: list[subprocess.Popen[str]] = []


@pytest.fixture(autouse=True)
def no_host_left() -> Iterator[None]:
    """Every host a test started is killed at its end, whatever happened."""
    yield
    while STARTED:
        child = STARTED.pop()
        if child.poll() is None:
            kill(child)


def start_host(
    *args: str, printed: list[str] | None = None
) -> tuple[subprocess.Popen[str], str, dict[str, str]]:
    """Start `exercise host ... --headless`; its URL and the codes it printed (and every
    line it printed up to `seats may join now` in `printed`)."""
    child = subprocess.Popen(
        [*EXERCISE, "host", *args, "--headless"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    STARTED.append(child)
    assert child.stdout is not None
    url, codes = "", {}
    for line in child.stdout:
        if printed is not None:
            printed.append(line)
        if line.startswith("join at "):
            url = line.split()[-1]
        elif match := re.match(r"^  (\S+)\s+([A-Z0-9-]+)\s+\w+$", line):
            codes[match[1]] = match[2]
        elif line.startswith("seats may join now"):
            break
    assert url, child.stderr.read() if child.stderr else ""
    return child, url, codes


def kill(child: subprocess.Popen[str]) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait()


def test_a_host_killed_and_resumed_keeps_the_codes_and_seats_come_back(tmp_path: Path) -> None:
    journal = tmp_path / "hosted.db"
    first, url, codes = start_host(
        "demo", "--journal", str(journal), "--listen", "127.0.0.1:0", "--paused"
    )
    port = url.rsplit(":", 1)[1].strip("/")
    assert set(codes) >= {"nctv", "excon", "wall"}

    async def main() -> None:
        seat = SeatClient(url, codes["nctv"], retry_max=0.3)
        running = asyncio.create_task(seat.run())
        try:
            await asyncio.wait_for(seat.connected.wait(), 10)
            assert seat.welcome is not None and seat.welcome["role"] == "nctv"
            kill(first)
            await asyncio.sleep(0.5)
            _second, again, fresh = start_host(str(journal), "--listen", f"127.0.0.1:{port}")
            assert again == url and fresh == {}  # nothing new to hand out
            while seat.connects < 2:  # it finds the host again by itself, with its code
                await asyncio.sleep(0.05)
            ack = await asyncio.wait_for(
                seat.command({"type": "self-decision", "text": "Back"}), 10
            )
            assert ack["ok"]
        finally:
            running.cancel()

    run(main, timeout=60)
    # the codes are hashed beside the journal, never in it
    data = journal.read_bytes()
    for code in codes.values():
        assert code.encode() not in data and code.split("-", 1)[1].encode() not in data
    assert codes_path(journal).stat().st_mode & 0o077 == 0


def test_a_bad_listen_address_is_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [*EXERCISE, "host", "demo", "--listen", "nowhere:99999", "--headless"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "not an IP address" in result.stderr and "Traceback" not in result.stderr


def test_join_needs_a_terminal(tmp_path: Path) -> None:
    result = subprocess.run(
        [*EXERCISE, "join", "ws://127.0.0.1:9/", "--code", "NKC-0000-0000"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr and "Traceback" not in result.stderr


def test_a_tls_host_prints_its_fingerprint_and_keeps_its_certificate_on_resume(
    tmp_path: Path,
) -> None:
    journal = tmp_path / "hosted.db"
    printed: list[str] = []
    first, url, codes = start_host(
        "demo", "--journal", str(journal), "--listen", "127.0.0.1:0", "--paused", "--tls",
        printed=printed,
    )  # fmt: skip
    assert url.startswith("wss://") and not any("no TLS" in line for line in printed)
    [pin] = [line.split()[-1] for line in printed if line.startswith("certificate fingerprint")]
    assert pin == tls.pem_fingerprint(Path(f"{journal}-tls.pem"))
    address, carried = tls.split_url(url)  # the join address carries the fingerprint
    assert carried == pin
    port = address.rsplit(":", 1)[1].strip("/")

    async def main() -> None:
        seat = SeatClient(url, codes["nctv"], retry_max=0.3)  # pinned by the address alone
        assert seat.fingerprint == pin
        running = asyncio.create_task(seat.run())
        try:
            await asyncio.wait_for(seat.connected.wait(), 10)
            kill(first)
            again: list[str] = []
            start_host(str(journal), "--listen", f"127.0.0.1:{port}", "--tls", printed=again)
            assert any(line.endswith(f" {pin}\n") for line in again)  # the same certificate
            while seat.connects < 2:  # the pinned seat finds the resumed host by itself
                await asyncio.sleep(0.05)
        finally:
            running.cancel()

    run(main, timeout=60)

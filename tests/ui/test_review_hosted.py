"""`exercise review` of a journal that a host is writing: the screen reads the file and
sends its entries through the host's evaluator seat; the host checks and writes them."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import scenario_text
from seat_rig import frame, rig, run
from test_seat_host import INJECTS, ROLES
from textual.widgets import DataTable, Input, RadioButton

from exercise.cli import main as cli
from exercise.journal import Journal
from exercise.model import Scenario
from exercise.model.events import Kind
from exercise.review.app import ReviewApp
from exercise.seats import address
from exercise.seats import protocol as p
from exercise.seats.client import SeatClient
from exercise.seats.refusal import NEUTRAL
from exercise.sim import commands as c

from .conftest import until


def _events(path: Path, kind: str) -> list[Any]:
    with Journal.open(path, readonly=True) as journal:
        return [e for e in journal.events() if e.kind == kind]


def test_a_review_of_a_hosted_session_goes_through_the_evaluator_seat(
    load: Callable[[str], Scenario], tmp_path: Path
) -> None:
    scenario = load(scenario_text(roles=ROLES, injects=INJECTS))
    path = tmp_path / "s.db"

    async def main() -> None:
        async with rig(path, scenario) as r:
            client = SeatClient(r.url, r.codes["eval"], name="J. de Vries", retry_max=0.2)
            app = ReviewApp(path, remote=client)
            async with app.run_test(size=(140, 44)) as pilot:
                await until(pilot, lambda: client.connected.is_set(), rounds=2000)
                await pilot.press("o")
                await pilot.pause()
                app.screen.query_one("#text", Input).value = "Calm [b]chair[/b]"
                await pilot.press("ctrl+s")
                table = app.query_one("#observations", DataTable)
                await until(pilot, lambda: table.row_count == 1, rounds=2000)
                assert table.get_row_at(0)[-1].plain == "Calm [b]chair[/b]"
                await pilot.press("r")
                await pilot.pause()
                app.screen.query_one("#rating-S", RadioButton).value = True
                await pilot.press("ctrl+s")
                await until(pilot, lambda: len(_events(path, Kind.RATING)) == 1, rounds=2000)
                # what the play writes meanwhile shows up too
                await r.control(c.Observe(pillar="vital-processes", text="From the console"))
                await until(pilot, lambda: table.row_count == 2, rounds=2000)

    run(main)
    [seen] = [e for e in _events(path, Kind.OBSERVATION) if e.actor != "facilitator"]
    assert (seen.actor, seen.payload["text"]) == ("J. de Vries", "Calm [b]chair[/b]")
    [rating] = _events(path, Kind.RATING)
    assert (rating.actor, rating.payload["rating"]) == ("J. de Vries", "S")


def test_the_host_checks_a_review_entry_and_a_player_cannot_send_one(
    load: Callable[[str], Scenario], tmp_path: Path
) -> None:
    scenario = load(scenario_text(roles=ROLES, injects=INJECTS))
    path = tmp_path / "s.db"

    async def send(ws: Any, cid: str, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        command = {"type": "evaluate", "kind": kind, "payload": payload}
        await ws.send(p.dumps({"type": "cmd", "cid": cid, "command": command}))
        return await frame(ws, "ack")

    async def main() -> None:
        async with rig(path, scenario) as r:
            evaluator, _ = await r.join("eval")
            rating = {"scope": "pillar", "target": "vital-processes", "rating": "P"}
            for cid, kind, payload, words in (
                ("e1", "rating", {**rating, "target": "no-such-pillar"}, "not a pillar"),
                ("e2", "rating", {**rating, "rating": "X"}, "rating"),
                ("e3", "withdrawn", {"ref": "OBS-9", "reason": "typo"}, "OBS-9"),
                ("e4", "expected-judged", {"inject": "leak", "index": 0, "status": "met"}, "leak"),
            ):
                ack = await send(evaluator, cid, kind, payload)
                assert not ack["ok"] and words in ack["reason"], ack
            player, _ = await r.join("nctv")
            ack = await send(player, "p1", "rating", rating)
            assert (ack["ok"], ack["reason"]) == (False, NEUTRAL)
            ack = await send(evaluator, "e5", "rating", rating)
            assert ack["ok"]

    run(main)
    [given] = _events(path, Kind.RATING)
    assert (given.actor, given.payload["rating"]) == ("evaluator", "P")
    [refused] = _events(path, Kind.COMMAND_REJECTED)  # the player's; the host's checks write none
    assert refused.actor == "nctv"


def test_review_finds_the_hosts_address_beside_the_journal(
    load: Callable[[str], Scenario], tmp_path: Path, monkeypatch: Any
) -> None:
    scenario = load(scenario_text(roles=ROLES, injects=INJECTS))
    path = tmp_path / "s.db"
    opened: list[Any] = []

    class Recorder(ReviewApp):
        def run(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
            opened.append(self.remote)

    monkeypatch.setattr("exercise.review.app.ReviewApp", Recorder)

    async def main() -> None:
        async with rig(path, scenario) as r:
            address.write(path, r.url)
            code = r.codes["eval"]
            args = ["review", str(path), "--code", code, "--by", "A. Jansen"]
            assert await asyncio.to_thread(cli, args) == 0
            wrong = ["review", str(path), "--code", r.codes["nctv"]]
            assert await asyncio.to_thread(cli, wrong) == 2

    run(main)
    [remote] = opened
    assert isinstance(remote, SeatClient)
    assert (remote.url, remote.name) == (address.read(path), "A. Jansen")


def test_a_review_entry_sent_after_the_end_is_recorded_by_the_host(
    load: Callable[[str], Scenario], tmp_path: Path
) -> None:
    """The host's console may stay open after the end: the review still goes through it,
    as it writes the file itself after the end when no host holds it."""
    scenario = load(scenario_text(roles=ROLES, injects=INJECTS))
    path = tmp_path / "s.db"
    rating = {"scope": "pillar", "target": "vital-processes", "rating": "S"}

    async def main() -> None:
        async with rig(path, scenario) as r:
            await r.control(c.End(actor="excon"))
            client = SeatClient(r.url, r.codes["eval"], name="J. de Vries", retry_max=0.2)
            running = asyncio.create_task(client.run())
            try:
                await asyncio.wait_for(client.connected.wait(), 10)
                command = {"type": "evaluate", "kind": "rating", "payload": rating}
                ack = await asyncio.wait_for(client.command(command, cid="r1"), 10)
                assert ack["ok"], ack
                # the same command again (a retry): its first answer, nothing written
                again = await asyncio.wait_for(client.command(command, cid="r1"), 10)
                assert again["ok"] and again["repeat"], again
                bad = {**command, "payload": {**rating, "target": "no-such-pillar"}}
                refused = await asyncio.wait_for(client.command(bad, cid="r2"), 10)
                assert not refused["ok"] and "not a pillar" in refused["reason"]
            finally:
                running.cancel()
            # a player still cannot give one
            player, _ = await r.join("nctv")
            cmd = {"type": "evaluate", "kind": "rating", "payload": rating}
            await player.send(p.dumps({"type": "cmd", "cid": "p1", "command": cmd}))
            assert not (await frame(player, "ack"))["ok"]

    run(main)
    [given] = _events(path, Kind.RATING)
    assert (given.actor, given.payload["rating"]) == ("J. de Vries", "S")
    with Journal.open(path, readonly=True) as journal:
        kinds = [e.kind for e in journal.events()]
    assert kinds.index(Kind.SESSION_ENDED) < kinds.index(Kind.RATING)

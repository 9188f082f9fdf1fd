"""A player seat's feedback form after the end: recorded by the host (the journal's one
writer) for the seat's own role only, refused before the end and from other seats."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import scenario_text
from seat_rig import FAST, close_code, frame, rig, run
from websockets.asyncio.client import connect
from websockets.typing import Origin

from exercise.journal import Journal
from exercise.model import Scenario
from exercise.model.events import Kind
from exercise.seats import protocol as p
from exercise.seats.client import SeatClient
from exercise.seats.codes import JoinCodes
from exercise.seats.host import SeatHost
from exercise.sim import commands as c

ROLES = """\
- {id: nctv, title: NCTV chair, kind: player}
- {id: ezk, title: Energy ministry, kind: player}
- {id: excon, title: Exercise control, kind: facilitator}
"""


@pytest.fixture
def scenario(load: Callable[[str], Scenario]) -> Scenario:
    return load(scenario_text(roles=ROLES))


async def feedback(ws: Any, cid: str, answers: dict[str, Any], **extra: Any) -> dict[str, Any]:
    await ws.send(p.dumps({"type": "feedback", "cid": cid, "answers": answers, **extra}))
    return await frame(ws, "ack")


def forms(path: Path) -> list[dict[str, Any]]:
    with Journal.open(path, readonly=True) as journal:
        return [dict(e.payload) for e in journal.events() if e.kind == Kind.FEEDBACK]


def test_a_player_seat_sends_its_form_after_the_end(scenario: Scenario, tmp_path: Path) -> None:
    path = tmp_path / "s.db"

    async def main() -> None:
        async with rig(path, scenario) as r:
            ws, _ = await r.join("nctv")
            early = await feedback(ws, "f1", {"realism": 4})
            assert not early["ok"] and "ended" in early["reason"]
            await r.control(c.End(actor="excon"))
            # the role is the seat's: a role named in the frame is not a question
            sneaky = await feedback(ws, "f2", {"role": "ezk"})
            assert not sneaky["ok"] and "'role' is not a question" in sneaky["reason"]
            bad = await feedback(ws, "f3", {"realism": 9})
            assert not bad["ok"] and "1 to 5" in bad["reason"]
            ack = await feedback(ws, "f4", {"realism": 4, "strengths": "Fast"}, name="Jan")
            assert ack["ok"], ack
            control, _ = await r.join("excon")
            refused = await feedback(control, "f5", {"realism": 1})
            assert not refused["ok"] and "player seat" in refused["reason"]

    run(main)
    [form] = forms(path)
    assert form["role"] == "nctv"
    assert [(a["id"], a["answer"]) for a in form["answers"]] == [
        ("strengths", "Fast"),
        ("realism", 4),
    ]


def test_a_malformed_feedback_frame_closes_the_connection(
    scenario: Scenario, tmp_path: Path
) -> None:
    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            ws, _ = await r.join("nctv")
            await ws.send(p.dumps({"type": "feedback", "cid": "f1", "answers": ["x"]}))
            assert await close_code(ws) == p.Close.PROTOCOL

    run(main)


def test_a_form_pending_when_the_connection_drops_is_not_sent_twice(
    scenario: Scenario, tmp_path: Path
) -> None:
    path = tmp_path / "s.db"

    async def main() -> None:
        async with rig(path, scenario) as r:
            await r.control(c.End(actor="excon"))
            client = SeatClient(r.url, r.codes["nctv"], retry_max=0.2)
            running = asyncio.create_task(client.run())
            try:
                await asyncio.wait_for(client.connected.wait(), 10)
                port = r.host.port
                await r.host.close()
                while client.connected.is_set():
                    await asyncio.sleep(0.01)
                # sent while away: whether it arrived cannot be known, so it is not resent
                pending = asyncio.create_task(client.feedback({"realism": 4}))
                codes, _ = JoinCodes.for_session(path, {})
                again = SeatHost(r.driver, codes, limits=FAST)
                await again.start("127.0.0.1", port)
                try:
                    ack = await asyncio.wait_for(pending, 10)
                    assert not ack["ok"] and ack["unknown"]
                    assert "exercise control" in ack["reason"]
                    # sent again on purpose, it is recorded once
                    assert (await asyncio.wait_for(client.feedback({"realism": 5}), 10))["ok"]
                finally:
                    await again.close()
            finally:
                running.cancel()

    run(main)
    assert [[a["answer"] for a in form["answers"]] for form in forms(path)] == [[5]]


def test_the_browser_pages_feedback_frame_is_recorded(scenario: Scenario, tmp_path: Path) -> None:
    """What seat.js does after the end: a websocket from the page's origin, the questions
    from the view, the answers by question id (a score as a number), the name given."""
    path = tmp_path / "s.db"

    async def main() -> None:
        async with rig(path, scenario) as r:
            origin = f"http://127.0.0.1:{r.host.port}"
            async with connect(r.url, origin=Origin(origin)) as ws:
                hello = {"type": "hello", "version": 1, "client": "0a1b2c3d4e5f6071"}
                await ws.send(p.dumps({**hello, "code": r.codes["nctv"], "lang": "nl"}))
                assert (await frame(ws, "welcome"))["role"] == "nctv"
                assert (await frame(ws, "view"))["view"]["feedback"] == []  # not before the end
                await r.control(c.End(actor="excon"))
                seen = (await frame(ws, "view"))["view"]
                while not seen["ended"]:
                    seen = (await frame(ws, "view"))["view"]
                asked = {q["id"]: q for q in seen["feedback"]}
                assert asked["realism"]["kind"] == "scale"
                assert asked["strengths"]["text"].startswith("Sterke punten")  # the seat's language
                answers = {"strengths": "Snel <b>ICCb</b>", "realism": 4}
                sent = {"type": "feedback", "cid": "9f8e7d6c5b4a3921", "answers": answers}
                await ws.send(p.dumps({**sent, "name": "Jan"}))
                ack = await frame(ws, "ack")
                assert (ack["cid"], ack["ok"], ack["reason"]) == ("9f8e7d6c5b4a3921", True, "")

    run(main)
    [form] = forms(path)
    assert form["role"] == "nctv"
    assert [(a["id"], a["answer"]) for a in form["answers"]] == [
        ("strengths", "Snel <b>ICCb</b>"),
        ("realism", 4),
    ]
    with Journal.open(path, readonly=True) as journal:
        [event] = [e for e in journal.events() if e.kind == Kind.FEEDBACK]
    assert event.actor == "Jan"


def test_a_feedback_frame_over_the_rate_is_answered(scenario: Scenario, tmp_path: Path) -> None:
    """The page waits for its form's ack: one over the rate is refused, not left unanswered."""
    slow = dataclasses.replace(FAST, rate=0.001, burst=2)

    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario, limits=slow) as r:
            ws, _ = await r.join("nctv")  # the hello is not counted; two frames may go
            await ws.send(p.dumps({"type": "resync"}))
            await ws.send(p.dumps({"type": "resync"}))
            ack = await feedback(ws, "f1", {"realism": 4})
            assert (ack["cid"], ack["ok"]) == ("f1", False) and "wait" in ack["reason"]

    run(main)

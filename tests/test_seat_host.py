"""The seat host on loopback: who gets in, what each seat sees, what its commands do, and
the limits that keep a hostile or broken client from hurting the session or other seats."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import scenario_text
from seat_rig import FAST, close_code, frame, rig, run
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from exercise.content.loader import load_scenario
from exercise.content.resources import find_scenario
from exercise.journal import Journal
from exercise.model import RoleKind, Scenario, localize
from exercise.model.events import Event, Kind
from exercise.seats import protocol as p
from exercise.seats.client import SeatClient
from exercise.seats.codes import JoinCodes
from exercise.seats.host import Limits, SeatHost
from exercise.seats.refusal import NEUTRAL
from exercise.seats.views import touched_roles
from exercise.sim import commands as c
from exercise.sim.clock import VirtualClock
from exercise.sim.players import AutoPlayer

ROLES = """\
- {id: nctv, title: NCTV chair, kind: player}
- {id: ezk, title: Energy ministry, kind: player}
- {id: excon, title: Exercise control, kind: facilitator}
"""

# cut asks nctv for a decision; leak goes to ezk only. Both carry MSEL-only fields.
INJECTS = """\
- id: cut
  at: 10m
  to: [nctv]
  title: Power cut
  text: The grid operator reports a regional power cut.
  pillars: [vital-processes]
  attribution: high
  notes: SECRET-NOTE the controllers know it is sabotage
  expected:
    - {action: SECRET-ACTION call the grid operator}
  decision:
    prompt: What now?
    options:
      - {id: act, label: Act, effects: {energy: -10}}
      - {id: wait, label: Wait}
- id: leak
  at: 50m
  to: [ezk]
  title: Gas leak at Emden
  text: A leak.
  pillars: [vital-processes]
  notes: SECRET-LEAK-NOTE
- id: echo
  when: chosen(cut, act)
  after: 5m
  to: [nctv]
  title: Echo
  text: Echo.
  pillars: [vital-processes]
  contingency: true
"""

MSEL_ONLY = ("SECRET", "attribution", "expected", "notes", "chosen(cut", "contingency")


@pytest.fixture
def scenario(load: Callable[[str], Scenario]) -> Scenario:
    return load(scenario_text(roles=ROLES, injects=INJECTS))


def journal_kinds(path: Path) -> list[str]:
    with Journal.open(path, readonly=True) as journal:
        return [e.kind for e in journal.events()]


# -- getting in ---------------------------------------------------------------------------


def test_a_player_joins_with_its_code_and_sees_its_own_panel(
    scenario: Scenario, tmp_path: Path
) -> None:
    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            ws, welcome = await r.join("nctv")
            assert (welcome["kind"], welcome["role"], welcome["version"]) == ("player", "nctv", 1)
            first = await frame(ws, "view")
            assert first["view"]["role"] == "nctv" and first["view"]["inbox"] == []
            assert first["clock"] == {"now": 0.0, "speed": 1.0, "paused": True}
            await r.control(c.FireInject(inject="cut"))
            shown = await frame(ws, "view")
            [item] = shown["view"]["inbox"]
            assert (item["inject"], item["title"]) == ("cut", "Power cut")
            assert item["decision"]["options"] == [["act", "Act"], ["wait", "Wait"]]
            await ws.close()

    run(main)


def test_a_wrong_code_waits_and_too_many_from_one_address_are_refused(
    scenario: Scenario, tmp_path: Path
) -> None:
    limits = Limits(wrong_code_delay=0.2, wrong_codes=3, first_frame=1.0)

    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario, limits=limits) as r:
            right = r.codes["nctv"]
            wrong = right[:-1] + ("0" if right[-1] != "0" else "1")
            codes = []
            for _ in range(4):
                ws = await connect(r.url)
                loop = asyncio.get_running_loop()
                began = loop.time()
                await ws.send(
                    p.dumps({"type": "hello", "version": 1, "client": "x", "code": wrong})
                )
                codes.append(await close_code(ws))
                assert loop.time() - began >= 0.2  # answered only after the delay
            assert codes == [p.Close.WRONG_CODE] * 2 + [p.Close.TOO_MANY_TRIES] * 2
            # the right code is now refused too from this address, for the window
            ws = await connect(r.url)
            await ws.send(p.dumps({"type": "hello", "version": 1, "client": "x", "code": right}))
            assert await close_code(ws) == p.Close.TOO_MANY_TRIES
            assert len(r.host.wrong_codes["127.0.0.1"]) == 3

    run(main)


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        (None, p.Close.TIMEOUT),  # says nothing
        ("not json", p.Close.PROTOCOL),
        ('{"type": "cmd", "cid": "x", "command": {}}', p.Close.PROTOCOL),  # no hello first
        ('{"type": "hello", "version": 1, "client": "x"}', p.Close.PROTOCOL),  # no code
        ('{"type": "hello", "version": 9, "client": "x", "code": "A-0000-0000"}', p.Close.VERSION),
        ("x" * 200_000, p.Close.TOO_BIG),
    ],
)
def test_a_broken_first_frame_closes_the_connection(
    scenario: Scenario, tmp_path: Path, first: str | None, expected: int
) -> None:
    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            ws = await connect(r.url, max_size=None)
            if first is not None:
                await ws.send(first)
            assert await close_code(ws) == expected

    run(main)


def test_a_seat_takes_at_most_its_number_of_connections(scenario: Scenario, tmp_path: Path) -> None:
    async def main() -> None:
        limits = Limits(wrong_code_delay=0.05, seats_per_role=2)
        async with rig(tmp_path / "s.db", scenario, limits=limits) as r:
            await r.join("nctv", client="a")
            await r.join("nctv", client="b")
            ws = await connect(r.url)
            await ws.send(
                p.dumps({"type": "hello", "version": 1, "client": "c", "code": r.codes["nctv"]})
            )
            assert await close_code(ws) == p.Close.FULL
            await r.join("ezk")  # another seat is not affected

    run(main)


def test_a_browser_page_from_another_origin_is_refused(scenario: Scenario, tmp_path: Path) -> None:
    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            host = f"127.0.0.1:{r.host.port}"
            with pytest.raises(InvalidStatus) as refused:
                await connect(r.url, origin="http://evil.example")  # type: ignore[arg-type]
            assert refused.value.response.status_code == 403
            ws = await connect(r.url, origin=f"http://{host}")  # type: ignore[arg-type]
            await ws.close()

    run(main)


def test_a_revoked_seat_is_closed_and_its_old_code_refused(
    scenario: Scenario, tmp_path: Path
) -> None:
    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            ws, welcome = await r.join("nctv")
            old = r.codes["nctv"]
            new = r.host.revoke("nctv")
            assert await close_code(ws) == p.Close.REVOKED
            again = await connect(r.url)
            await again.send(
                p.dumps({"type": "hello", "version": 1, "client": "x", "token": welcome["token"]})
            )
            assert await close_code(again) == p.Close.WRONG_CODE
            r.codes["nctv"] = new
            await r.join("nctv")
            assert new != old

    run(main)


# -- commands -----------------------------------------------------------------------------


async def send(ws: Any, cid: str, **command: Any) -> dict[str, Any]:
    await ws.send(p.dumps({"type": "cmd", "cid": cid, "command": command}))
    return await frame(ws, "ack")


def test_every_facilitator_command_from_a_player_seat_is_refused_neutrally(
    scenario: Scenario, tmp_path: Path
) -> None:
    path = tmp_path / "s.db"

    async def main() -> None:
        async with rig(path, scenario) as r:
            await r.control(c.Hold(inject="leak"))
            ws, _ = await r.join("ezk")
            before = journal_kinds(path)
            state = r.session.engine.state
            commands: list[dict[str, Any]] = [
                {"type": "pause"},
                {"type": "resume"},
                {"type": "set-speed", "speed": 5},
                {"type": "jump-next"},
                {"type": "fire", "inject": "cut"},
                {"type": "adhoc", "title": "T", "text": "x", "to": ["ezk"]},
                {"type": "hold", "inject": "cut"},
                {"type": "release", "inject": "leak"},
                {"type": "end"},
                # and what a player may send, but not on these
                {"type": "decide", "inject": "cut", "option": "act"},  # nctv's, undelivered
                {"type": "decide", "inject": "no-such-thing", "option": "act"},
                {"type": "take-measure", "measure": "no-such-measure"},
            ]
            for n, command in enumerate(commands):
                ack = await send(ws, f"k{n}", **command)
                assert (ack["ok"], ack["reason"]) == (False, NEUTRAL), command
            after = journal_kinds(path)
            assert after[len(before) :] == [Kind.COMMAND_REJECTED] * len(commands)
            assert not state.paused and not state.ended and "cut" not in state.delivered_at
            assert "leak" in state.held
            # the host sets the actor: a client that tries is refused, and nothing is written
            ack = await send(ws, "forged", type="pause", actor="facilitator")
            assert not ack["ok"] and "host sets actor" in ack["reason"]
            assert journal_kinds(path) == after

    run(main)


def test_exercise_control_hears_the_precise_reason(scenario: Scenario, tmp_path: Path) -> None:
    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            ws, welcome = await r.join("excon")
            assert welcome["kind"] == "facilitator"
            ack = await send(ws, "k1", type="decide", inject="leak", option="x")
            assert not ack["ok"] and "'leak'" in ack["reason"]
            ack = await send(ws, "k2", type="pause")
            assert ack["ok"] and r.session.engine.state.paused

    run(main)


def test_a_command_id_sent_twice_gives_one_event(scenario: Scenario, tmp_path: Path) -> None:
    path = tmp_path / "s.db"

    async def main() -> None:
        async with rig(path, scenario) as r:
            await r.control(c.FireInject(inject="cut"))
            ws, _ = await r.join("nctv")
            first = await send(ws, "d1", type="decide", inject="cut", option="act")
            again = await send(ws, "d1", type="decide", inject="cut", option="act")
            assert (first["ok"], first["repeat"]) == (True, False)
            assert (again["ok"], again["repeat"]) == (True, True)
            await ws.close()
            # after a reconnect (a new connection, the same client), still one decision
            ws, _ = await r.join("nctv")
            assert (await send(ws, "d1", type="decide", inject="cut", option="wait"))["repeat"]

    run(main)
    assert journal_kinds(path).count(Kind.DECISION_TAKEN) == 1


def test_two_seats_of_one_role_deciding_at_once_give_one_decision(
    scenario: Scenario, tmp_path: Path
) -> None:
    path = tmp_path / "s.db"

    async def main() -> None:
        async with rig(path, scenario) as r:
            await r.control(c.FireInject(inject="cut"))
            anna, _ = await r.join("nctv", client="anna", name="Anna")
            bert, _ = await r.join("nctv", client="bert", name="Bert")
            command = {"type": "cmd", "command": {"type": "decide", "inject": "cut"}}
            both = [
                anna.send(
                    p.dumps(
                        {**command, "cid": "a1", "command": {**command["command"], "option": "act"}}
                    )
                ),
                bert.send(
                    p.dumps(
                        {
                            **command,
                            "cid": "b1",
                            "command": {**command["command"], "option": "wait"},
                        }
                    )
                ),
            ]
            await asyncio.gather(*both)
            acks = [await frame(anna, "ack"), await frame(bert, "ack")]
            assert sorted(a["ok"] for a in acks) == [False, True]
            refused = next(a for a in acks if not a["ok"])
            winner = "Anna" if acks[0]["ok"] else "Bert"
            assert refused["reason"] == f"already decided by {winner} at T+00:00:00"

    run(main)
    assert journal_kinds(path).count(Kind.DECISION_TAKEN) == 1


def test_a_flooding_seat_is_slowed_down(scenario: Scenario, tmp_path: Path) -> None:
    async def main() -> None:
        limits = Limits(wrong_code_delay=0.05, rate=1.0, burst=5)
        async with rig(tmp_path / "s.db", scenario, limits=limits) as r:
            ws, _ = await r.join("nctv")
            for n in range(8):
                await ws.send(
                    p.dumps(
                        {
                            "type": "cmd",
                            "cid": f"s{n}",
                            "command": {"type": "self-decision", "text": "x"},
                        }
                    )
                )
            acks = [await frame(ws, "ack") for _ in range(8)]
            refused = [a for a in acks if a["reason"] == "too many commands: wait a moment"]
            assert len(refused) >= 2 and sum(a["ok"] for a in acks) <= 6
            assert len(r.session.engine.state.self_decisions) == sum(a["ok"] for a in acks)

    run(main)


# -- what each seat sees -------------------------------------------------------------------


def test_a_player_never_sees_another_roles_inject_or_the_msel(
    scenario: Scenario, tmp_path: Path
) -> None:
    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            nctv, _ = await r.join("nctv")
            ezk, _ = await r.join("ezk")
            wall, welcome = await r.join("wall")
            assert welcome["kind"] == "observer"
            await r.control(c.FireInject(inject="cut"))
            await r.control(c.FireInject(inject="leak"))
            decided = await send(nctv, "d", type="decide", inject="cut", option="act")
            assert decided["ok"]
            await r.control(c.FireInject(inject="echo"))
            await r.control(c.End())
            seen: dict[str, list[str]] = {"nctv": [], "ezk": [], "wall": []}
            for name, ws in (("nctv", nctv), ("ezk", ezk), ("wall", wall)):
                while True:
                    text = await asyncio.wait_for(ws.recv(), 5)
                    seen[name].append(str(text))
                    data = p.loads(text)
                    if data["type"] == "view" and data["view"]["ended"]:
                        break
            for name, frames in seen.items():
                for text in frames:
                    for word in MSEL_ONLY:
                        assert word not in text, (name, word)
            assert not any("Gas leak" in text for text in seen["nctv"] + seen["wall"])
            assert not any(
                "Power cut" in text or "Echo" in text for text in seen["ezk"] + seen["wall"]
            )
            assert any("Gas leak" in text for text in seen["ezk"])

    run(main)


def test_a_player_that_drops_and_rejoins_sees_what_a_fresh_seat_sees(
    scenario: Scenario, tmp_path: Path
) -> None:
    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            ws, welcome = await r.join("nctv")
            await ws.close()
            await r.control(c.FireInject(inject="cut"))
            for n in range(50):  # fifty events while it is away
                await r.control(c.Observe(pillar="vital-processes", text=f"note {n}"))
            back = await connect(r.url)
            await back.send(
                p.dumps({"type": "hello", "version": 1, "client": "c1", "token": welcome["token"]})
            )
            assert (await frame(back, "welcome"))["token"] == welcome["token"]
            caught_up = await frame(back, "view")
            fresh, _ = await r.join("nctv", client="c2")
            assert caught_up["view"] == (await frame(fresh, "view"))["view"]
            assert caught_up["view"]["inbox"][0]["inject"] == "cut"

    run(main)


def test_a_facilitator_seat_catches_up_exactly_the_events_it_missed(
    scenario: Scenario, tmp_path: Path
) -> None:
    path = tmp_path / "s.db"

    async def main() -> None:
        async with rig(path, scenario) as r:
            ws, welcome = await r.join("excon")
            got: list[int] = []
            while not got or got[-1] < welcome["seq"]:
                got += [e["seq"] for e in (await frame(ws, "events"))["events"]]
            await ws.close()
            for n in range(50):
                await r.control(c.Observe(pillar="vital-processes", text=f"note {n}"))
            back, again = await r.join("excon", since=got[-1])
            while got[-1] < again["seq"]:
                got += [e["seq"] for e in (await frame(back, "events"))["events"]]
            await r.control(c.Pause())  # and live events after the catch-up, no gap
            got += [e["seq"] for e in (await frame(back, "events"))["events"]]
        assert got == list(range(1, len(got) + 1))

    run(main)
    with Journal.open(path, readonly=True) as journal:
        last = journal.last()
        assert last is not None and last.kind == Kind.PAUSED


def test_a_seat_that_does_not_read_is_closed_and_the_others_go_on(
    scenario: Scenario, tmp_path: Path
) -> None:
    async def main() -> None:
        limits = Limits(wrong_code_delay=0.05, max_queue=20, send_timeout=1.0)
        async with rig(tmp_path / "s.db", scenario, limits=limits) as r:
            # a websocket client stops reading from the socket once its own small buffer
            # is full: the host's sends then wait, and its queue for that seat grows
            stuck = await connect(r.url, max_queue=1)
            await stuck.send(
                p.dumps({"type": "hello", "version": 1, "client": "s", "code": r.codes["excon"]})
            )
            reader, _ = await r.join("excon", client="r")
            await frame(reader, "events")  # its catch-up
            big = "\U0001f600" * 9990  # 40 kB of UTF-8 an event: more than the socket buffers
            for n in range(500):
                await r.control(c.Observe(pillar="vital-processes", text=f"{n} {big}"))
                await frame(reader, "events")  # the reading seat gets every batch at once
                if len(r.host.seats()) == 1:
                    break
            assert len(r.host.seats()) == 1  # only the reader is left (the host cut the other)
            stuck.transport.abort()
            await r.control(c.Pause())
            assert (await frame(reader, "events"))["events"][0]["kind"] == Kind.PAUSED

    run(main, timeout=120)


# -- the seat's own side ------------------------------------------------------------------


def test_a_seat_client_reconnects_by_itself_and_a_command_is_applied_once(
    scenario: Scenario, tmp_path: Path
) -> None:
    path = tmp_path / "s.db"

    async def main() -> None:
        async with rig(path, scenario) as r:
            await r.control(c.FireInject(inject="cut"))
            seat = SeatClient(r.url, r.codes["nctv"].lower(), retry_max=0.2)
            running = asyncio.create_task(seat.run())
            await asyncio.wait_for(seat.connected.wait(), 5)
            port = r.host.port
            await r.host.close()  # the host goes away (a restart, a network cut) ...
            decided = asyncio.create_task(
                seat.command({"type": "decide", "inject": "cut", "option": "act"}, cid="d1")
            )
            await asyncio.sleep(0.3)
            codes, _ = JoinCodes.for_session(path, {})  # ... and comes back, tokens gone
            again = SeatHost(r.driver, codes, limits=FAST)
            await again.start("127.0.0.1", port)
            try:
                ack = await asyncio.wait_for(decided, 10)
                assert ack["ok"] and seat.connects == 2
                view = seat.view
                assert view is not None and view["view"]["inbox"][0]["decision"]["status"] in (
                    "open",
                    "taken",
                )
                # sent again by hand with the same id: the first answer, nothing new
                assert (
                    await seat.command(
                        {"type": "decide", "inject": "cut", "option": "wait"}, cid="d1"
                    )
                )["repeat"]
            finally:
                running.cancel()
                await again.close()

    run(main)
    assert journal_kinds(path).count(Kind.DECISION_TAKEN) == 1


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_no_frame_to_a_player_seat_in_the_full_bundled_scenario_holds_msel_fields(
    tmp_path: Path,
) -> None:
    """Every frame every player seat gets while the full bundled scenario plays through,
    with simulated players deciding as expected."""
    path = find_scenario("noordzee-schaduw")
    assert path is not None
    scenario = load_scenario(path)
    secrets: set[str] = set()
    for inject in scenario.injects:
        for lang in ("en", "nl"):
            if inject.notes is not None:
                secrets.add(localize(inject.notes, lang))
            secrets |= {localize(e.action, lang) for e in inject.expected if e.action}
        if inject.when is not None:
            secrets.add(inject.when.text)
    assert len(secrets) > 10  # the scenario has an MSEL worth hiding
    roles = [r.id for r in scenario.roles if r.kind == RoleKind.PLAYER]

    async def main() -> dict[str, list[str]]:
        clock = VirtualClock(speed=20_000, paused=True)
        async with rig(
            tmp_path / "full.db", scenario, clock=clock, player=AutoPlayer("expected")
        ) as r:
            seats = {role: (await r.join(role))[0] for role in roles}
            clock.resume()
            r.driver.wake()
            seen: dict[str, list[str]] = {role: [] for role in roles}

            async def read(role: str) -> None:
                while True:
                    text = str(await asyncio.wait_for(seats[role].recv(), 30))
                    seen[role].append(text)
                    data = p.loads(text)
                    if data["type"] == "view" and data["view"]["ended"]:
                        return

            await asyncio.gather(*(read(role) for role in roles))
            assert r.session.engine.ended
            return seen

    seen = run(main, timeout=120)
    forbidden_keys = {"notes", "expected", "when", "attribution", "contingency", "after", "at"}
    for role, frames in seen.items():
        own = {i.id for i in scenario.injects if role in i.to}
        assert len(frames) > 2
        for text in frames:
            for secret in secrets:
                assert secret not in text, (role, secret)
            data = p.loads(text)
            assert not (_keys(data) & forbidden_keys), role
            if data["type"] == "view":
                for item in data["view"]["inbox"]:
                    assert item["inject"] in own or item["inject"].startswith("adhoc-"), role
    # and the run delivered something to every role, so the check saw real frames
    assert all(any('"inbox":[{' in text for text in frames) for frames in seen.values())


def test_the_wall_shows_the_media_and_the_public_feed_and_nothing_of_the_msel(
    tmp_path: Path,
) -> None:
    """Every frame the wall (observer) seat gets while the full bundled scenario plays
    through: the media items, the narratives and the phases, and no MSEL field, no inject
    that is not in the media, no decision."""
    path = find_scenario("noordzee-schaduw")
    assert path is not None
    scenario = load_scenario(path)
    media = {i.id for i in scenario.media_injects}
    secrets: set[str] = set()
    for inject in scenario.injects:
        for lang in ("en", "nl"):
            if inject.notes is not None:
                secrets.add(localize(inject.notes, lang))
            secrets |= {localize(e.action, lang) for e in inject.expected if e.action}
            if inject.id not in media:  # the title and text of every other inject
                secrets |= {localize(inject.title, lang), localize(inject.text, lang)}
            if inject.decision is not None:
                secrets.add(localize(inject.decision.prompt, lang))
        if inject.when is not None:
            secrets.add(inject.when.text)
    secrets.discard("")
    assert len(secrets) > 50

    async def main() -> tuple[list[str], list[str]]:
        clock = VirtualClock(speed=20_000, paused=True)
        async with rig(
            tmp_path / "wall.db", scenario, clock=clock, player=AutoPlayer("expected")
        ) as r:
            wall, welcome = await r.join("wall")
            assert welcome["kind"] == "observer"
            clock.resume()
            r.driver.wake()
            frames: list[str] = []
            while True:
                said = str(await asyncio.wait_for(wall.recv(), 30))
                frames.append(said)
                data = p.loads(said)
                if data["type"] == "view" and data["view"]["ended"]:
                    break
            state = r.session.engine.state
            delivered = [i for i in state.delivered_at if i in media]
            return frames, delivered

    frames, delivered = run(main, timeout=120)
    assert delivered  # the run put media out, so the check saw real items
    forbidden = {"notes", "expected", "when", "attribution", "contingency", "inbox", "msel"}
    forbidden |= {"decisions", "measures", "history", "events", "answered_by", "effects"}
    for said in frames:
        for secret in secrets:
            assert secret not in said, secret
        assert not (_keys(p.loads(said)) & forbidden)
    last = p.loads(frames[-1])["view"]
    assert sorted(item["inject"] for item in last["media"]) == sorted(delivered)
    assert last["narratives"] and all(row["status"] != "waiting" for row in last["narratives"])
    titles = {
        f"{localize(i.media.outlet, 'en')}: {localize(i.title, 'en')}"
        for i in scenario.media_injects
        if i.media is not None and i.id in delivered
    }
    lines = [said for _t, said in last["feed"]]
    assert titles <= set(lines)  # each media item delivered, in the feed
    phases = [line for line in lines if line.startswith("Phase ")]
    assert len(phases) >= 2 and all(", threat level L" in line for line in phases)
    assert set(lines) == titles | set(phases)  # and nothing else
    times = [t for t, _said in last["feed"]]
    assert times == sorted(times)


def _event(kind: str, **payload: Any) -> Event:
    return Event(1, 0.0, 0.0, kind, None, payload, "", "")


def test_new_views_go_to_the_roles_the_events_touch_and_to_all_when_unsure() -> None:
    assert touched_roles([_event(Kind.INJECT_DELIVERED, inject="x", to=["nctv", "ezk"])]) == {
        "nctv",
        "ezk",
    }
    assert touched_roles([_event(Kind.DECISION_TAKEN, inject="x", role="nctv")]) == {"nctv"}
    assert touched_roles([_event(Kind.MEASURE_LIFTED, measure="x", role="ezk")]) == {"ezk"}
    assert (
        touched_roles([_event(Kind.OBSERVATION, text="x"), _event(Kind.INDICATOR_CHANGED)]) == set()
    )
    for kind in (Kind.PHASE_ENTERED, Kind.PAUSED, Kind.SESSION_ENDED, "some-new-kind"):
        assert touched_roles([_event(Kind.SELF_DECISION, role="ezk"), _event(kind)]) is None
    # a payload not of the expected shape: every seat, rather than none
    assert touched_roles([_event(Kind.INJECT_DELIVERED, inject="x", to="nctv")]) is None


# -- lifting a measure ----------------------------------------------------------------------

LASTING = """\
- {id: powers, title: Emergency powers, role: nctv, from_level: L1, lasting: true}
- {id: grid, title: Grid priority, role: ezk, from_level: L1, lasting: true}
"""


async def measures_shown(ws: Any, expected: list[tuple[str, str]]) -> bool:
    """Ask for the view again (the last may have come before the ack) and read views until
    one shows `expected`."""
    await ws.send(p.dumps({"type": "resync"}))
    while True:
        view = await frame(ws, "view")
        if [(m["measure"], m["status"]) for m in view["view"]["measures"]] == expected:
            return True


def test_a_player_seat_lifts_its_measure_and_says_whether_it_was_accounted_for(
    load: Callable[[str], Scenario], tmp_path: Path
) -> None:
    scenario = load(scenario_text(roles=ROLES, injects=INJECTS, measures=LASTING))

    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            nctv, _ = await r.join("nctv")
            ezk, _ = await r.join("ezk")
            await frame(nctv, "view")
            await frame(ezk, "view")
            for ws, measure in ((nctv, "powers"), (ezk, "grid")):
                take = {"type": "take-measure", "measure": measure}
                await ws.send(p.dumps({"type": "cmd", "cid": "t1", "command": take}))
                assert (await frame(ws, "ack"))["ok"]
            assert await measures_shown(nctv, [("powers", "in-force")])
            # another role's measure: the neutral reason, nothing written
            other = {"type": "lift-measure", "measure": "grid", "informed": True}
            await nctv.send(p.dumps({"type": "cmd", "cid": "l0", "command": other}))
            refused = await frame(nctv, "ack")
            assert (refused["ok"], refused["reason"]) == (False, NEUTRAL)
            lift = {
                "type": "lift-measure",
                "measure": "powers",
                "rationale": "Calm",
                "informed": True,
            }
            await nctv.send(p.dumps({"type": "cmd", "cid": "l1", "command": lift}))
            assert (await frame(nctv, "ack"))["ok"]
            assert await measures_shown(nctv, [("powers", "lifted")])
            # ezk lifts its own without accounting for it
            lift = {"type": "lift-measure", "measure": "grid"}
            await ezk.send(p.dumps({"type": "cmd", "cid": "l2", "command": lift}))
            assert (await frame(ezk, "ack"))["ok"]
            await nctv.close()
            await ezk.close()

    run(main)
    with Journal.open(tmp_path / "s.db", readonly=True) as journal:
        events = list(journal.events())
    lifted = [(e.actor, e.payload) for e in events if e.kind == Kind.MEASURE_LIFTED]
    assert [(actor, pl["measure"], pl["informed"]) for actor, pl in lifted] == [
        ("nctv", "powers", True),
        ("ezk", "grid", False),
    ]
    assert lifted[0][1]["rationale"] == "Calm"
    [rejected] = [e for e in events if e.kind == Kind.COMMAND_REJECTED]
    assert rejected.actor == "nctv" and rejected.payload["command"]["measure"] == "grid"


# -- exercise control's seats -----------------------------------------------------------------


async def control_view_where(ws: Any, holds: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """Ask for the view again (the last may have come before an ack; no events again) and
    read view frames until one holds."""
    await ws.send(p.dumps({"type": "resync", "since": 2**31}))
    while True:
        view = (await frame(ws, "view"))["view"]
        if holds(view):
            return view


def test_facilitator_and_evaluator_seats_see_the_msel_and_the_feed(
    scenario: Scenario, tmp_path: Path
) -> None:
    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            excon, _ = await r.join("excon")
            evaluator, welcome = await r.join("eval", lang="nl")
            assert welcome["kind"] == "evaluator"
            for ws in (excon, evaluator):
                view = await control_view_where(ws, lambda v: True)
                rows = {row["key"]: row for row in view["msel"]}
                assert set(rows) == {"cut", "leak", "echo"}
                assert any("SECRET-NOTE" in said for _label, said in rows["cut"]["detail"])
                assert any("SECRET-ACTION" in said for _label, said in rows["cut"]["detail"])
                assert rows["echo"]["condition"] == "chosen(cut, act)"
            # a facilitator's command shows in both views: the MSEL, the feed, the decisions
            ack = await send(excon, "f1", type="fire", inject="cut")
            assert ack["ok"]
            for ws in (excon, evaluator):
                view = await control_view_where(
                    ws, lambda v: {r["key"]: r["status"] for r in v["msel"]}["cut"] == "delivered"
                )
                assert any("Power cut" in said for _t, said in view["feed"])
                assert [(d["inject"], d["status"]) for d in view["decisions"]] == [("cut", "open")]
            # the evaluator observes, but runs nothing: told the precise reason
            ack = await send(evaluator, "e1", type="pause")
            assert not ack["ok"] and ack["reason"] != NEUTRAL
            ack = await send(evaluator, "e2", type="observe", pillar="vital-processes", text="Calm")
            assert ack["ok"]
            assert not r.session.engine.state.paused
            # the wall sees no MSEL, and its feed is the public one: the phase, not the fired
            # inject (not in the media), the observation or the rejected command
            wall, _ = await r.join("wall")
            seen = (await frame(wall, "view"))["view"]
            assert "msel" not in seen and "decisions" not in seen
            assert [said for _t, said in seen["feed"]] == ["Phase Calm, threat level L1"]
            for ws in (excon, evaluator, wall):
                await ws.close()

    run(main)


def test_a_dutch_seat_hears_the_hosts_refusals_in_dutch(scenario: Scenario, tmp_path: Path) -> None:
    """The acks' reasons and the close frame's reason follow the language of the hello."""

    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            ws, _welcome = await r.join("nctv", lang="nl")
            ack = await send(ws, "forged", type="pause", actor="facilitator")
            assert (ack["ok"], ack["reason"]) == (False, "de host bepaalt actor")
            ack = await send(ws, "odd", type="no-such-command")
            assert ack["reason"] == "geen opdracht die deze host kent"
            await ws.close()
            right = r.codes["nctv"]
            wrong = right[:-1] + ("0" if right[-1] != "0" else "1")
            ws = await connect(r.url)
            hello = {"type": "hello", "version": 1, "client": "x", "code": wrong, "lang": "nl"}
            await ws.send(p.dumps(hello))
            assert await close_code(ws) == p.Close.WRONG_CODE
            assert ws.close_reason == "met deze code komt niemand binnen"

    run(main)

"""A language added as a catalogue reaches the seats with no code changed: the hello may ask
for it, the host answers and shows the seat's view in it, and a hello the host refuses
before it knows its reader hears why in the session's language (issue 14)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import scenario_text
from pseudo_language import PSEUDO, write_pseudo_catalogue
from seat_rig import close_code, frame, rig, run
from websockets.asyncio.client import connect

from exercise import language
from exercise.model import Scenario
from exercise.seats import protocol as p
from exercise.seats import words

ROLES = """\
- {id: nctv, title: NCTV chair, kind: player}
- {id: excon, title: Exercise control, kind: facilitator}
"""


@pytest.fixture
def pseudo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The tests' made-up language `xx` (every message wrapped ⟦…⟧), as a catalogue alone."""
    folder = write_pseudo_catalogue(tmp_path_factory.mktemp("locale"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(language.PATH_VARIABLE, str(folder))
        yield folder


@pytest.fixture
def scenario(load: Callable[[str], Scenario]) -> Scenario:
    return load(scenario_text(roles=ROLES))


def _hello(lang: str) -> dict[str, object]:
    return {"type": "hello", "version": 1, "client": "c1", "code": "NCTV-0000-0000", "lang": lang}


def test_a_hello_may_ask_for_any_language_the_product_has_a_catalogue_of(
    pseudo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert p.parse_hello(_hello(PSEUDO)).lang == PSEUDO
    assert p.parse_hello(_hello("nl")).lang == "nl"
    monkeypatch.setenv(language.PATH_VARIABLE, str(tmp_path))  # no catalogue of xx there
    with pytest.raises(p.ProtocolError):
        p.parse_hello(_hello(PSEUDO))
    with pytest.raises(p.ProtocolError):
        p.parse_hello(_hello("../nl"))


def test_a_seat_in_a_language_added_as_a_catalogue_sees_its_words_in_it(
    pseudo: Path, scenario: Scenario, tmp_path: Path
) -> None:
    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            wall, _welcome = await r.join("wall", lang=PSEUDO)
            seen = await frame(wall, "view")
            phases = [line for _t, line in seen["view"]["feed"]]
            assert phases and phases[0].startswith("⟦Phase "), phases
            await wall.close()
            player, _welcome = await r.join("nctv", client="c2", lang=PSEUDO)
            await player.send(
                p.dumps({"type": "cmd", "cid": "x1", "command": {"type": "pause", "actor": "me"}})
            )
            ack = await frame(player, "ack")
            assert ack["reason"] == "⟦the host sets actor⟧"
            await player.close()

    run(main)
    assert words.code("open", PSEUDO) == "⟦open⟧"  # a status the host sends, in the seat's words


def test_a_refused_hello_hears_why_in_the_sessions_language(
    pseudo: Path, scenario: Scenario, tmp_path: Path
) -> None:
    """Before the seat has said a language the product has, the host's close reason is in
    the session's language; a hello that names one is answered in it even when refused."""

    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            r.host.lang = PSEUDO  # the session's language
            ws = await connect(r.url)
            await ws.send(p.dumps({**_hello("zz"), "code": r.codes["nctv"]}))
            assert await close_code(ws) == p.Close.PROTOCOL
            assert ws.close_reason == "⟦lang: not valid⟧"
            ws = await connect(r.url)
            await ws.send(p.dumps({"type": "hello", "version": 1, "client": "c1"}))
            assert await close_code(ws) == p.Close.PROTOCOL
            assert ws.close_reason == "⟦a hello has a code or a token⟧"
            ws = await connect(r.url)
            await ws.send(b"\x00")
            assert await close_code(ws) == p.Close.PROTOCOL
            assert ws.close_reason == "⟦text frames only⟧"
            ws = await connect(r.url)
            await ws.send(p.dumps({"type": "hello", "version": 1, "lang": "nl"}))
            assert await close_code(ws) == p.Close.PROTOCOL
            assert ws.close_reason == "client: ontbreekt"  # the language it asked for

    run(main)

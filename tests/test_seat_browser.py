"""The browser seat's page in a real browser (headless Chromium, driven over its DevTools
protocol on loopback) against a real host: the feedback form after the end.

Skipped where no Chromium is installed. The page is the one the host serves; the test
only types, picks and clicks as a person would (the browser's confirm is answered yes).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import shutil
import textwrap
import urllib.request
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import scenario_text
from seat_rig import rig, run
from websockets.asyncio.client import ClientConnection, connect

from exercise.journal import Journal
from exercise.model import Scenario
from exercise.model.events import Kind
from exercise.sim import commands as c

CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium")

ROLES = """\
- {id: nctv, title: NCTV chair, kind: player}
- {id: excon, title: Exercise control, kind: facilitator}
"""
# A question whose text is markup: the page must show it as text.
FEEDBACK = """\
- {id: worked, text: "What worked? <img src=x onerror=alert(1)>"}
- {id: realism, text: "How real was it?", kind: scale}
"""


class Page:
    """One tab, driven over the DevTools protocol."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.n = 0

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.n += 1
        await self.ws.send(json.dumps({"id": self.n, "method": method, "params": params}))
        while True:
            answer = json.loads(await asyncio.wait_for(self.ws.recv(), 10))
            if answer.get("id") == self.n:
                assert "error" not in answer, answer
                return dict(answer["result"])

    async def js(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    async def until(self, expression: str, rounds: int = 200) -> Any:
        for _ in range(rounds):
            if value := await self.js(expression):
                return value
            await asyncio.sleep(0.05)
        raise AssertionError(f"never true: {expression}")


@contextlib.asynccontextmanager
async def browser(tmp_path: Path) -> AsyncIterator[Page]:
    assert CHROMIUM is not None
    process = await asyncio.create_subprocess_exec(
        CHROMIUM,
        "--headless",
        "--no-sandbox",  # tests may run as root
        "--disable-gpu",
        "--no-first-run",
        "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0",
        f"--user-data-dir={tmp_path / 'profile'}",
        "about:blank",
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stderr is not None
        port = None
        while port is None:
            line = (await asyncio.wait_for(process.stderr.readline(), 30)).decode()
            assert line, "Chromium ended before it listened"
            if found := re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line):
                port = int(found.group(1))
        loop = asyncio.get_running_loop()
        listing = f"http://127.0.0.1:{port}/json/list"
        targets = await loop.run_in_executor(
            None, lambda: urllib.request.urlopen(listing, timeout=5).read()
        )
        [target] = [t for t in json.loads(targets) if t["type"] == "page"]
        async with connect(target["webSocketDebuggerUrl"], max_size=None) as ws:
            yield Page(ws)
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()


def forms(path: Path) -> list[Any]:
    with Journal.open(path, readonly=True) as journal:
        return [e for e in journal.events() if e.kind == Kind.FEEDBACK]


def test_the_page_shows_the_form_after_the_end_and_sends_it_once(
    load: Callable[[str], Scenario], tmp_path: Path
) -> None:
    text = scenario_text(roles=ROLES) + "feedback:\n" + textwrap.indent(FEEDBACK, "  ")
    scenario = load(text)
    path = tmp_path / "s.db"
    result = 'document.getElementById("feedback-result").textContent'
    button = 'document.getElementById("send-feedback")'

    async def main() -> None:
        async with rig(path, scenario) as r, browser(tmp_path) as page:
            await page.call("Page.navigate", url=f"http://127.0.0.1:{r.host.port}/?lang=en")
            await page.until('document.readyState === "complete"')
            await page.js(
                "window.confirm = () => true;"
                f'document.getElementById("code").value = "{r.codes["nctv"]}";'
                'document.getElementById("name").value = "Jan";'
                'document.getElementById("join").requestSubmit(); true'
            )
            await page.until('document.getElementById("link").textContent === "connected"')
            await page.until('document.getElementById("title").textContent === "NCTV chair"')
            assert await page.js('document.getElementById("feedback-section").hidden')
            await r.control(c.End(actor="excon"))
            await page.until('!document.getElementById("feedback-section").hidden')
            # the clock says the session ended (not "paused"); nothing more is issued or sent
            await page.until('document.getElementById("clock").textContent.endsWith(" ended")')
            assert await page.js('document.getElementById("product-form").hidden')
            assert await page.js('document.getElementById("initiative").closest("section").hidden')
            labels = await page.js(
                'Array.from(document.querySelectorAll("#feedback-questions label"),'
                " (label) => label.textContent)"
            )
            assert labels == ["What worked? <img src=x onerror=alert(1)>", "How real was it?"]
            assert await page.js('document.querySelectorAll("#feedback-section img").length') == 0
            assert await page.js('document.getElementById("feedback-name").value') == "Jan"
            # A refusal is shown as the host said it, and the form can be sent again.
            # (Set by script, a value may be longer than the field allows by typing.)
            await page.js(
                'document.getElementById("feedback-0").value = "x".repeat(10001);'
                f"{button}.click(); true"
            )
            said = await page.until(f'{result}.startsWith("Not recorded:") && {result}')
            assert "10,000 characters" in said
            assert not await page.js(f"{button}.disabled")
            assert forms(path) == []
            await page.js(
                'document.getElementById("feedback-0").value = "The <b>chair</b>";'
                'document.getElementById("feedback-1").value = "4";'
                f"{button}.click(); {button}.click(); true"
            )
            await page.until(f'{result} === "Feedback recorded, thank you."')
            assert await page.js(f"{button}.disabled")
            assert await page.js('document.getElementById("feedback-0").disabled')
            await page.js(f"{button}.click(); true")  # disabled: nothing more goes out
            await asyncio.sleep(0.2)

    run(main, timeout=90)
    [form] = forms(path)
    assert form.actor == "Jan" and form.payload["role"] == "nctv"
    assert [(a["id"], a["answer"]) for a in form.payload["answers"]] == [
        ("worked", "The <b>chair</b>"),
        ("realism", 4),
    ]

"""The browser seat's page: served by the host from the package, under a strict
Content-Security-Policy, referring to no other address, setting text only as text."""

from __future__ import annotations

import asyncio
import http.client
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import scenario_text
from seat_rig import rig, run

from exercise.debrief.feedback import MAX_ANSWER
from exercise.model import Scenario
from exercise.seats.host import Limits
from exercise.seats.page import PAGE_WORDS, asset, names

ROLES = "- {id: nctv, title: NCTV chair, kind: player}\n"


def get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_the_host_serves_the_page_with_a_strict_policy(
    load: Callable[[str], Scenario], tmp_path: Path
) -> None:
    scenario = load(scenario_text(roles=ROLES))

    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            port = r.host.port
            loop = asyncio.get_running_loop()
            for path in ("/", "/seat.js", "/seat.css"):
                status, headers, body = await loop.run_in_executor(None, get, port, path)
                assert status == 200 and body == asset(path)[0]  # type: ignore[index]
                policy = headers["content-security-policy"]
                assert "default-src 'none'" in policy and "script-src 'self'" in policy
                assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
                assert f"ws://127.0.0.1:{port}" in policy
                assert headers["x-content-type-options"] == "nosniff"
            for path in ("/../codes", "/seat.py", "/web/seat.js", "/favicon.ico"):
                status, _headers, _body = await loop.run_in_executor(None, get, port, path)
                assert status == 404, path

    run(main)


def test_the_page_refers_to_no_other_address() -> None:
    for name in names():
        text = asset("/" + name if name != "index.html" else "/")[0].decode()  # type: ignore[index]
        assert not re.search(r"https?:|//[a-z0-9]|@import|url\(", text, re.IGNORECASE), name
        for reference in re.findall(r'(?:src|href)="([^"]*)"', text):
            assert reference in ("seat.js", "seat.css"), reference


def test_the_script_sets_text_only_as_text() -> None:
    script = asset("/seat.js")[0].decode()  # type: ignore[index]
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "Function(",
    ):
        assert sink not in script, sink
    assert "textContent" in script and "createTextNode" in script


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_the_script_parses(tmp_path: Path) -> None:
    path = tmp_path / "seat.js"
    path.write_bytes(asset("/seat.js")[0])  # type: ignore[index]
    subprocess.run(["node", "--check", str(path)], check=True)


def test_every_word_of_the_page_is_in_the_catalogue_list() -> None:
    """A word the page shows but the host does not translate would stay English."""
    page = asset("/")[0].decode()  # type: ignore[index]
    script = asset("/seat.js")[0].decode()  # type: ignore[index]
    shown = set(re.findall(r'data-w="([^"]*)"', page))
    shown |= set(re.findall(r'\bw\("((?:[^"\\]|\\.)*)"', script))
    assert len(shown) > 20 and shown <= set(PAGE_WORDS), shown - set(PAGE_WORDS)


def test_the_host_serves_the_pages_words_in_dutch(
    load: Callable[[str], Scenario], tmp_path: Path
) -> None:
    scenario = load(scenario_text(roles=ROLES))

    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            loop = asyncio.get_running_loop()
            status, headers, body = await loop.run_in_executor(
                None, get, r.host.port, "/words-nl.json"
            )
            assert status == 200 and "default-src 'none'" in headers["content-security-policy"]
            data = json.loads(body)
            assert data["words"]["Join code"] == "Toegangscode"
            assert data["words"]["Take {title}?"] == "{title} nemen?"
            assert data["codes"]["in-force"] == "van kracht"
            assert data["codes"]["email"] == "E-mail"
            # the product form's choices, each with its label in Dutch
            assert "press-release" in data["kinds"] and "threat-info" in data["elements"]
            assert data["codes"]["press-release"] == "Persbericht"
            assert data["codes"]["threat-info"] == "Dreigingsinformatie"
            for path in ("/words-xx.json", "/words-../x.json"):
                status, _headers, _body = await loop.run_in_executor(None, get, r.host.port, path)
                assert status == 404, path

    run(main)


def test_every_element_the_script_uses_is_on_the_page() -> None:
    """A misspelt id would stop the script at the first view that reaches it."""
    page = asset("/")[0].decode()  # type: ignore[index]
    script = asset("/seat.js")[0].decode()  # type: ignore[index]
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    used = set(re.findall(r'\$\("([^"]+)"\)', script))
    assert {"feedback-section", "feedback-questions", "send-feedback"} <= used
    assert used <= ids, used - ids


def test_the_script_draws_the_feedback_form_from_the_view_and_sends_it() -> None:
    """The form is the view's questions once the session has ended, sent as the protocol's
    feedback frame within the host's limits, and it says "recorded" only on the host's ack."""
    script = asset("/seat.js")[0].decode()  # type: ignore[index]
    assert "view.ended && Array.isArray(view.feedback)" in script
    assert 'type: "feedback", cid: randomId(), answers: answers, name: name' in script
    # the host's limits: a longer frame would close the connection, a longer answer is refused
    limits = f"MAX_FRAME = {Limits().max_frame // 1024} * 1024, MAX_ANSWER = {MAX_ANSWER}"
    assert limits in script
    answered = script[script.index("function feedbackAnswered") :]
    answered = answered[: answered.index("\n  }\n")]
    assert answered.index("if (ack.ok)") < answered.index('w("Feedback recorded, thank you.")')
    assert "feedback.done = true" in answered

"""The seat protocol: JSON text frames over a websocket, both ways (see docs/seats.md).

Client to host: `hello` first (within a few seconds), then `cmd` and `resync`, and once
the session has ended a player's `feedback`.
Host to client: `welcome`, then `view` frames (players, observers) or `events` frames
(facilitators, evaluators), `ack` for every `cmd`, and `bye` before the host closes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import orjson

from ..language import languages, phrase

VERSION = 1
CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
COMMAND_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
# What the host sets on every command: a client that sends one of these is refused.
HOST_FIELDS = frozenset({"actor", "seat_kind", "client", "id"})


class Close:
    """Close codes (4000-4999 are the application's own)."""

    GOING_AWAY = 1001  # the host is stopping: reconnect
    TOO_BIG = 1009  # a frame over the size limit (websockets closes with it)
    PROTOCOL = 4000  # a frame that is not what the protocol says
    VERSION = 4001  # a protocol version the host does not speak
    WRONG_CODE = 4003  # the join code or token lets nobody in (do not retry by itself)
    TIMEOUT = 4004  # no hello in time
    REVOKED = 4008  # exercise control revoked the seat or issued it a new code
    FULL = 4009  # the seat has as many connections as it may
    TOO_SLOW = 4011  # the seat did not read its frames: reconnect
    TOO_MANY_TRIES = 4029  # too many wrong codes from this address: wait
    # Said by a seat to itself, never sent: the host's certificate is not the pinned one
    # (or not one the system trusts), so the seat did not send its code.
    UNTRUSTED = 4015


# Closes after which a client must not reconnect by itself (a person has to act).
FINAL = frozenset(
    {Close.VERSION, Close.WRONG_CODE, Close.REVOKED, Close.TOO_MANY_TRIES, Close.UNTRUSTED}
)


class ProtocolError(ValueError):
    """A frame that does not follow the protocol (the connection is closed with PROTOCOL);
    its argument is a `language.Phrase`, said in the seat's language as the close reason."""


@dataclass(frozen=True, slots=True)
class Hello:
    version: int
    client: str
    code: str | None
    token: str | None
    since: int | None
    lang: str | None
    name: str


def _not_valid(key: str) -> str:
    return phrase("{field}: not valid", field=key)


def dumps(message: dict[str, Any]) -> str:
    return orjson.dumps(message).decode()


def loads(frame: str | bytes) -> dict[str, Any]:
    if isinstance(frame, bytes):
        raise ProtocolError(phrase("text frames only"))
    try:
        data = orjson.loads(frame)
    except orjson.JSONDecodeError:
        raise ProtocolError(phrase("not JSON")) from None
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise ProtocolError(phrase("a frame is a JSON object with a type"))
    return data


def _text(data: dict[str, Any], key: str, pattern: re.Pattern[str] | None = None) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or (pattern is not None and not pattern.match(value)):
        raise ProtocolError(_not_valid(key))
    return value


def parse_hello(data: dict[str, Any]) -> Hello:
    if data.get("type") != "hello":
        raise ProtocolError(phrase("the first frame is a hello"))
    version = data.get("version")
    if type(version) is not int:
        raise ProtocolError(_not_valid("version"))
    client = _text(data, "client", CLIENT_ID)
    if client is None:
        raise ProtocolError(phrase("{field}: missing", field="client"))
    code, token = _text(data, "code"), _text(data, "token", TOKEN)
    if code is not None and len(code) > 200:
        raise ProtocolError(_not_valid("code"))
    if (code is None) == (token is None):
        raise ProtocolError(phrase("a hello has a code or a token"))
    since = data.get("since")
    if since is not None and (type(since) is not int or since < 0):
        raise ProtocolError(_not_valid("since"))
    lang = data.get("lang")  # one of the product's languages: those it has a catalogue of
    if lang is not None and (not isinstance(lang, str) or lang not in languages()):
        raise ProtocolError(_not_valid("lang"))
    name = data.get("name", "")
    if not isinstance(name, str) or len(name) > 80:
        raise ProtocolError(_not_valid("name"))
    return Hello(version, client, code, token, since, lang, name)


MAX_ANSWERS = 30  # answers in one feedback frame (the scenario's form has at most 30)


def parse_feedback(data: dict[str, Any]) -> tuple[str, dict[str, Any], str]:
    """A player's feedback form after the end: its id, answers by question id, and the
    name of who filled it in (may be empty)."""
    cid = _text(data, "cid", COMMAND_ID)
    answers = data.get("answers")
    if cid is None or not isinstance(answers, dict) or len(answers) > MAX_ANSWERS:
        raise ProtocolError(
            phrase("a feedback has a cid and at most {most} answers", most=MAX_ANSWERS)
        )
    name = data.get("name", "")
    if not isinstance(name, str) or len(name) > 80:
        raise ProtocolError(_not_valid("name"))
    return cid, answers, name


def parse_cmd(data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The command id and the command (without the fields the host sets)."""
    cid = _text(data, "cid", COMMAND_ID)
    command = data.get("command")
    if cid is None or not isinstance(command, dict):
        raise ProtocolError(phrase("a cmd has a cid and a command"))
    return cid, command

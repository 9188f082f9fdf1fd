"""JSON Schema of the scenario and catalogue formats, for editors' YAML support."""

from __future__ import annotations

from typing import Any

from ..model import Catalogue, Scenario

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def scenario_schema() -> dict[str, Any]:
    schema = Scenario.model_json_schema(by_alias=True)
    inject = schema["$defs"]["Inject"]
    # An inject that `use`s a catalogue template gets id, title, text and pillars from it.
    from_template = ("id", "title", "text", "pillars")
    inject["required"] = [key for key in inject.get("required", []) if key not in from_template]
    inject["anyOf"] = [{"required": ["use"]}, {"required": list(from_template)}]
    return {"$schema": DRAFT, **schema, "title": "exercise scenario"}


def catalogue_schema() -> dict[str, Any]:
    schema = Catalogue.model_json_schema(by_alias=True)
    return {"$schema": DRAFT, **schema, "title": "exercise inject catalogue"}

"""Which language the user wants when no `--lang` is given."""

from __future__ import annotations

import os
from collections.abc import Mapping


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """`nl` when the locale says Dutch (LC_ALL, LC_MESSAGES, LANG), else `en`."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"

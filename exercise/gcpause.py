"""Pausing the cyclic garbage collector while a large tree of objects is built."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Hold the cyclic garbage collector while building a large tree of new objects.

    Loading a big scenario creates hundreds of thousands of nodes, dicts and models and
    no garbage cycles; left running, the collector rescans that growing heap again and
    again, which costs more than the loading itself. Reference counting still frees
    everything that is dropped.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

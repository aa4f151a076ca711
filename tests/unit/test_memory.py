"""Start-up objects are frozen out of the garbage collector's passes, once per stage."""

from __future__ import annotations

import gc
from pathlib import Path

from bot.runtime.memory import freeze_long_lived


def test_objects_made_so_far_are_frozen_once_per_stage() -> None:
    long_lived = [[] for _ in range(1000)]
    freeze_long_lived("test: start-up")
    frozen = gc.get_freeze_count()
    assert frozen >= 1000
    more = [[] for _ in range(1000)]  # made after: still the collector's to look at
    freeze_long_lived("test: start-up")  # the same stage again: nothing more frozen
    assert gc.get_freeze_count() == frozen
    freeze_long_lived("test: city index")
    assert gc.get_freeze_count() >= frozen + 1000
    assert long_lived and more


def test_the_heap_start_up_freed_goes_back_to_the_system() -> None:
    rss_kb = _rss_kb()
    garbage = [bytes(2000) for _ in range(25_000)]  # ~50 MB in malloc's heap (not pymalloc)
    keep = bytes(2000)  # allocated after them: the top of the heap stays in use
    assert _rss_kb() > rss_kb + 30_000
    del garbage
    before = _rss_kb()
    freeze_long_lived("test: freed heap")
    assert _rss_kb() < before - 20_000, "the freed heap was kept"
    assert keep


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")

"""Start-up objects are frozen out of the garbage collector's passes, once per stage."""

from __future__ import annotations

import gc

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

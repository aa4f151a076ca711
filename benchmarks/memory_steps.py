"""What the bot's process holds, step by step: resident memory (RSS, split into anonymous and
mapped files) after each import and each part of start-up that `build_services` does.

Run: python benchmarks/memory_steps.py
"""

from __future__ import annotations

import gc
import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

_last = 0.0


def memory_mb() -> dict[str, float]:
    wanted = {"VmRSS", "RssAnon", "RssFile"}
    found: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in wanted:
            found[name] = int(value.split()[0]) / 1024
    return found


def step(label: str) -> None:
    global _last
    now = memory_mb()
    print(
        f"{label:48s} RSS {now['VmRSS']:6.1f} MB (+{now['VmRSS'] - _last:5.1f})"
        f"  anonymous {now['RssAnon']:6.1f}  files {now['RssFile']:5.1f}",
        flush=True,
    )
    _last = now["VmRSS"]


def main() -> None:
    step("python")
    for module in (
        "numpy",
        "telegram.ext",
        "sqlalchemy.orm",
        "alembic.command",
        "storage.models",
        "faq.matcher",
        "bot.app",
    ):
        importlib.import_module(module)
        step(f"import {module}")

    from faq.catalog import load_faq
    from faq.multilingual import MultilingualFaq
    from faq.semantic import load_encoder
    from faq.triage_net import load_safety_net

    encoder = load_encoder()
    step("sentence encoder")
    net = load_safety_net()
    step("triage net")
    english = MultilingualFaq.build(load_faq(None), languages=("en",), encoder=encoder)
    step("English FAQ")
    every = MultilingualFaq.build(load_faq(None), safety_net=net, encoder=encoder)
    step("every language's FAQ (English again)")
    gc.collect()
    step("after gc.collect()")
    from bot.features.settings import timezones

    timezones.warm_up()
    step("city index and coordinates")
    assert english and every


if __name__ == "__main__":
    main()

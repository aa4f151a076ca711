"""FAQ matcher speed: index load time and time per question (triage + FAQ, in-process),
shipped FAQ with the semantic layer on and off, and 5,000 entries (words only).

With the semantic layer, the encoder's remembered vectors are dropped before every question,
so each one is embedded as a new message would be.

Run: python benchmarks/bench_faq.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from faq.catalog import FaqEntry, load_faq
from faq.evaluation import load_asked, load_outside
from faq.matcher import FaqMatcher
from faq.semantic import SentenceEncoder, load_encoder

DEVSET = Path(__file__).resolve().parents[1] / "tests" / "faq" / "devset.tsv"


def questions() -> list[str]:
    lines = DEVSET.read_text(encoding="utf-8").splitlines()
    return [line.split("\t", 1)[1] for line in lines if "\t" in line and not line.startswith("#")]


def synthetic_faq(shipped: list[FaqEntry], size: int, seed: int = 7) -> list[FaqEntry]:
    """Shipped entries plus generated ones built from a vocabulary of made-up and real words."""
    rng = random.Random(seed)
    real = sorted({w for e in shipped for w in e.question.lower().split() if w.isalpha()})
    made_up = ["".join(rng.choice("abcdefghijklmnoprstuvw") for _ in range(7)) for _ in range(4000)]
    vocab = real + made_up
    entries = list(shipped)
    for n in range(size - len(shipped)):

        def sentence() -> str:
            return " ".join(rng.choice(vocab) for _ in range(rng.randint(4, 9)))

        entries.append(
            FaqEntry(
                id=f"synthetic-{n}",
                question=sentence() + "?",
                phrasings=tuple(sentence() for _ in range(3)),
                answer="Synthetic answer.",
                tags=(rng.choice(vocab),),
                section="Using the bot",
            )
        )
    return entries


def measure(
    label: str,
    entries: list[FaqEntry],
    qs: list[str],
    rounds: int,
    encoder: SentenceEncoder | None = None,
    asked: list[tuple[str, str]] | None = None,
) -> None:
    if encoder is not None:
        encoder.forget()
    start = time.perf_counter()
    outside = load_outside("en") if asked else ()
    matcher = FaqMatcher(entries, encoder=encoder, asked=asked or (), outside=outside)
    load_ms = (time.perf_counter() - start) * 1000
    for q in qs:  # warm the spelling-correction cache as a running bot would
        matcher.ask(q)
    timings = []
    cpu = []  # CPU time of this thread: not inflated when other processes share the machine
    for _ in range(rounds):
        for q in qs:
            if encoder is not None:
                encoder.forget()
            t0, c0 = time.perf_counter(), time.thread_time()
            matcher.ask(q)
            cpu.append((time.thread_time() - c0) * 1000)
            timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    cpu.sort()
    p99 = timings[int(len(timings) * 0.99) - 1]
    cpu_p99 = cpu[int(len(cpu) * 0.99) - 1]
    cold = FaqMatcher(entries, encoder=encoder, asked=asked or (), outside=outside)
    cold_timings = []
    for q in qs:
        if encoder is not None:
            encoder.forget()
        t0 = time.perf_counter()
        cold.ask(q)
        cold_timings.append((time.perf_counter() - t0) * 1000)
    cold_timings.sort()
    print(
        f"{label:22s} entries={len(entries):5d}  load={load_ms:8.1f} ms  "
        f"median={statistics.median(timings):.3f} ms  p99={p99:.3f} ms  "
        f"(CPU: median={statistics.median(cpu):.3f} ms p99={cpu_p99:.3f} ms)  "
        f"(first pass, cold caches: median={statistics.median(cold_timings):.3f} ms "
        f"p99={cold_timings[int(len(cold_timings) * 0.99) - 1]:.3f} ms)"
    )


def main() -> None:
    shipped = load_faq()
    qs = questions()
    t0 = time.perf_counter()
    load_faq()
    print(f"load_faq (parse + validate shipped TOML): {(time.perf_counter() - t0) * 1000:.1f} ms")
    t0 = time.perf_counter()
    encoder = load_encoder()
    print(f"load_encoder (sha256 checks + numpy backend): {time.perf_counter() - t0:.2f} s")
    if encoder is None:
        print("the model package is not installed: semantic figures skipped")
    else:
        # As the bot runs it: with the questions asked before (faq/data/asked.en.tsv).
        asked = load_asked("en")
        measure("shipped FAQ, semantic", shipped, qs, rounds=3, encoder=encoder, asked=asked)
    measure("shipped FAQ, words", shipped, qs, rounds=3)
    measure("synthetic FAQ, words", synthetic_faq(shipped, 5000), qs, rounds=2)


if __name__ == "__main__":
    main()

"""CPU time per FAQ question in each language, through `MultilingualFaq.ask` as the bot asks it
(triage, language guess, each language's matcher until one answers; words + sentence model).

The encoder's remembered vectors are dropped before every question, so each one is embedded as a
new message would be; the spelling corrector's cache is warmed first, as in a running bot.

Run: python benchmarks/bench_faq_languages.py [--repo PATH]
(--repo: another checkout of this repository, e.g. to compare with the code before a change.)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from statistics import median

HERE = Path(__file__).resolve()
SETS = {"en": "devset.tsv", "de": "devset.de.tsv", "es": "devset.es.tsv"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=HERE.parents[1])
    args = parser.parse_args()
    sys.path.insert(0, str(args.repo))
    from faq.evaluation import read_question_set
    from faq.multilingual import MultilingualFaq
    from faq.semantic import load_encoder

    encoder = load_encoder()
    if encoder is None:
        raise SystemExit("the sentence model package is not installed")
    faq = MultilingualFaq.build(encoder=encoder)
    for code, name in SETS.items():
        questions = [i.question for i in read_question_set(args.repo / "tests/faq" / name)]
        for question in questions:
            faq.ask(question, code)
        cpu = []
        for question in questions:
            encoder.forget()
            started = time.process_time()
            faq.ask(question, code)
            cpu.append(1000 * (time.process_time() - started))
        cpu.sort()
        print(
            f"{code}: {sum(cpu) / len(cpu):.2f} ms CPU per question, median {median(cpu):.2f},"
            f" p99 {cpu[int(len(cpu) * 0.99) - 1]:.2f} ({len(cpu)})"
        )


if __name__ == "__main__":
    main()

"""How much of what Spanish and German patients type is read right: typed answers to button
questions, reminder times, start dates and places.

Run: python benchmarks/bench_typed_languages.py [--repo OTHER-CHECKOUT]

`--repo` reads the same phrases with another checkout's code (e.g. `git archive main` unpacked
in /tmp), for the figures before a change. The phrases were written for this benchmark, apart
from the unit tests' examples. "right" is the answer a patient meant; None means "asked again"
(for a mixed or unclear answer, that is right). "per call" is this thread's CPU time, the
best of five runs, averaged over the phrases.
"""

from __future__ import annotations

import argparse
import sys
import time as clock
from collections import defaultdict
from datetime import UTC, date, datetime, time
from pathlib import Path

parser = argparse.ArgumentParser()
parser.add_argument("--repo", default=str(Path(__file__).resolve().parents[1]))
root = Path(parser.parse_args().repo).resolve()
sys.path.insert(0, str(root))

from bot.domain.clock_times import MorningOrEvening, parse_date, read_clock_time  # noqa: E402
from bot.domain.typed_answers import YesNo, read_score, read_severity, read_yes_no  # noqa: E402
from bot.features.settings.timezones import find_time_zone  # noqa: E402
from bot.i18n import use_language  # noqa: E402

Y, N, U = YesNo.YES, YesNo.NO, YesNo.UNSURE
MONDAY = date(2026, 11, 30)
NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)

YES_NO = {
    "es": [
        ("sí", Y),
        ("Sí, claro", Y),
        ("si si", Y),
        ("claro que sí", Y),
        ("por supuesto", Y),
        ("nop", N),
        ("no, nunca", N),
        ("pues no", N),
        ("negativo", N),
        ("no sé", U),
        ("ni idea", U),
        ("tal vez", U),
        ("sí y no", None),
    ],
    "de": [
        ("ja", Y),
        ("Ja klar", Y),
        ("jo", Y),
        ("jap", Y),
        ("genau", Y),
        ("nein", N),
        ("nö", N),
        ("nee", N),
        ("nein, nie", N),
        ("auf keinen Fall", N),
        ("weiß nicht", U),
        ("keine Ahnung", U),
        ("vielleicht", U),
        ("ja und nein", None),
    ],
}
OPIOIDS = {
    "es": [
        ("a veces tramadol", Y),
        ("tramadol los fines de semana", Y),
        ("solo codeína a veces", Y),
        ("morfina", Y),
        ("parches de fentanilo", Y),
        ("oxicodona cuando me duele", Y),
        ("no", N),
        ("antes tomaba metadona", None),
    ],
    "de": [
        ("manchmal Tramadol", Y),
        ("ab und zu Tilidin", Y),
        ("Tilidin bei Bedarf", Y),
        ("Oxycodon", Y),
        ("Fentanylpflaster", Y),
        ("nein, keine", N),
        ("früher Morphin", None),
    ],
}
SEVERITY = {
    "es": [
        ("nada", 0),
        ("nada de nada", 0),
        ("leve", 1),
        ("un poquito", 1),
        ("moderado", 2),
        ("regular", 2),
        ("fuerte", 3),
        ("muy fuerte", 3),
        ("grave", 3),
        ("horrible", 3),
    ],
    "de": [
        ("keine", 0),
        ("gar nicht", 0),
        ("leicht", 1),
        ("ein wenig", 1),
        ("mittel", 2),
        ("mittelmäßig", 2),
        ("stark", 3),
        ("sehr stark", 3),
        ("schlimm", 3),
        ("heftig", 3),
    ],
}
SCORES = {"es": [("6 de 10", 6), ("7", 7)], "de": [("7 von 10", 7), ("8/10", 8)]}
AMBIGUOUS = "ask"
TIMES = {
    "es": [
        ("a las 10 de la noche", time(22, 0)),
        ("22 h", time(22, 0)),
        ("a las 22:30", time(22, 30)),
        ("a las diez y media de la noche", time(22, 30)),
        ("10 de la noche", time(22, 0)),
        ("a las once de la noche", time(23, 0)),
        ("las 22 horas", time(22, 0)),
        ("a las 10", AMBIGUOUS),
        ("a las 9 de la mañana", time(9, 0)),
        ("22:00", time(22, 0)),
    ],
    "de": [
        ("22 Uhr", time(22, 0)),
        ("um 22 Uhr", time(22, 0)),
        ("22:30 Uhr", time(22, 30)),
        ("halb elf abends", time(22, 30)),
        ("viertel nach zehn abends", time(22, 15)),
        ("10 Uhr abends", time(22, 0)),
        ("um 10 abends", time(22, 0)),
        ("23 Uhr", time(23, 0)),
        ("um 10", AMBIGUOUS),
        ("22.00", time(22, 0)),
    ],
}
DATES = {
    "es": [
        ("1 de diciembre", date(2026, 12, 1)),
        ("el 2 de diciembre", date(2026, 12, 2)),
        ("mañana", date(2026, 12, 1)),
        ("hoy", MONDAY),
        ("pasado mañana", date(2026, 12, 2)),
        ("el viernes", date(2026, 12, 4)),
        ("3/12/2026", date(2026, 12, 3)),
        ("15 de enero", date(2027, 1, 15)),
        ("2026-12-01", date(2026, 12, 1)),
    ],
    "de": [
        ("1.12.2026", date(2026, 12, 1)),
        ("1.12.", date(2026, 12, 1)),
        ("2. Dezember", date(2026, 12, 2)),
        ("am 3.12.", date(2026, 12, 3)),
        ("morgen", date(2026, 12, 1)),
        ("übermorgen", date(2026, 12, 2)),
        ("heute", MONDAY),
        ("Freitag", date(2026, 12, 4)),
        ("nächsten Montag", date(2026, 12, 7)),
    ],
}
# (typed, the zone found, or a word every suggestion must show)
PLACES = {
    "es": [
        ("Alemania", "Europe/Berlin"),
        ("Suiza", "Europe/Zurich"),
        ("Viena", "Europe/Vienna"),
        ("España", "España"),
        ("Canadá", "Canadá"),
        ("Ciudad de México", "America/Mexico_City"),
    ],
    "de": [
        ("Österreich", "Europe/Vienna"),
        ("Schweiz", "Europe/Zurich"),
        ("Wien", "Europe/Vienna"),
        ("Köln", "Europe/Berlin"),
        ("Spanien", "Spanien"),
        ("Mexiko-Stadt", "America/Mexico_City"),
    ],
}


def yes_no(typed: str) -> object:
    return read_yes_no(typed, unsure_allowed=True)


def opioids(typed: str) -> object:
    return read_yes_no(typed, unsure_allowed=False, about_opioids=True)


def severity(typed: str) -> object:
    found = read_severity(typed)
    return None if found is None else int(found)


def clock_time(typed: str) -> object:
    found = read_clock_time(typed)
    return AMBIGUOUS if isinstance(found, MorningOrEvening) else found


def start_date(typed: str) -> object:
    return parse_date(typed, MONDAY)


def place(typed: str) -> object:
    return find_time_zone(typed, NOW)


def place_right(found: object, wanted: object) -> bool:
    if found.found is not None:  # type: ignore[attr-defined]
        return found.found.zone == wanted or wanted in found.found.place  # type: ignore[attr-defined]
    labels = [c.place for c in found.suggestions]  # type: ignore[attr-defined]
    return bool(labels) and all(str(wanted) in label for label in labels)


KINDS = [
    ("yes / no / not sure", YES_NO, yes_no),
    ("the opioid question", OPIOIDS, opioids),
    ("severity", SEVERITY, severity),
    ("score", SCORES, read_score),
    ("reminder time", TIMES, clock_time),
    ("start date", DATES, start_date),
    ("place", PLACES, place),
]


def _cpu_per_call(read: object, typed: str, *, calls: int = 20, rounds: int = 5) -> int:
    """This thread's CPU time for one call, in ns: the best of `rounds` runs of `calls` calls
    (the machine is shared; the best run is the least disturbed)."""
    best = None
    for _ in range(rounds):
        started = clock.thread_time_ns()
        for _ in range(calls):
            read(typed)  # type: ignore[operator]
        spent = clock.thread_time_ns() - started
        best = spent if best is None else min(best, spent)
    assert best is not None
    return best // calls


def main() -> None:
    for language in ("es", "de"):  # tables and the city index built once, before timing
        with use_language(language):
            for _name, cases, read in KINDS:
                read(cases[language][0][0])
    print(f"code: {root}")
    print(f"{'':22} {'es':>9} {'de':>9}   per call")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, cases, read in KINDS:
        cells = []
        spent, calls = 0, 0
        misses = []
        for language in ("es", "de"):
            right = 0
            with use_language(language):
                for typed, wanted in cases[language]:
                    found = read(typed)
                    spent += _cpu_per_call(read, typed)
                    calls += 1
                    ok = place_right(found, wanted) if read is place else found == wanted
                    right += ok
                    if not ok:
                        misses.append(f"{language}:{typed!r}")
            totals[language][0] += right
            totals[language][1] += len(cases[language])
            cells.append(f"{right}/{len(cases[language])}")
        print(f"{name:22} {cells[0]:>9} {cells[1]:>9}   {spent / calls / 1000:7.1f} µs")
        if misses:
            print(f"{'':22} missed: {', '.join(misses)}")
    es, de = totals["es"], totals["de"]
    print(f"{'all':22} {f'{es[0]}/{es[1]}':>9} {f'{de[0]}/{de[1]}':>9}")


if __name__ == "__main__":
    main()

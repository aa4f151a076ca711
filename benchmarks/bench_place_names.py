"""How often the place a patient types for their time zone is the one they meant: everyday
names of countries and cities in English, Spanish and German, and places said in a sentence.

Run: python benchmarks/bench_place_names.py

For the figures before a change, put the older bot/features/settings/timezones.py in place
(`git show main:bot/features/settings/timezones.py > ...`): another checkout on sys.path is not
enough, since the city index is built in a child process that imports the installed code. The
names were written for this benchmark as patients
type them, apart from the unit tests' examples (some of them, like "EEUU" and "Colonia", are the
reported misses that led to the change, so these are not held-out figures). Outcomes: "set" is
the meant zone chosen at once; "offered" the meant zone among the buttons to tap (the
patient taps it); "wrong" another zone set without asking; "lost" nothing useful found.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from bot.features.settings.timezones import find_time_zone

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
NY, LON, BER = "America/New_York", "Europe/London", "Europe/Berlin"
# (typed, a zone the patient would accept): a country's first-offered zone counts as offered
NAMES = {
    "en": [
        ("Cologne", BER),
        ("Munich", BER),
        ("Nuremberg", BER),
        ("Frankfurt", BER),
        ("USA", NY),
        ("U.S.", NY),
        ("US", NY),
        ("America", NY),
        ("UK", LON),
        ("U.K.", LON),
        ("England", LON),
        ("Scotland", LON),
        ("Great Britain", LON),
        ("NYC", NY),
        ("I live in Boston", NY),
        ("near Manchester", LON),
        ("Vienna", "Europe/Vienna"),
        ("Geneva", "Europe/Zurich"),
        ("Lisbon", "Europe/Lisbon"),
        ("Mexico City", "America/Mexico_City"),
    ],
    "es": [
        ("EEUU", NY),
        ("EE. UU.", NY),
        ("EE.UU.", NY),
        ("Estados Unidos", NY),
        ("Nueva York", NY),
        ("Londres", LON),
        ("Múnich", BER),
        ("Colonia", BER),
        ("Reino Unido", LON),
        ("Inglaterra", LON),
        ("Gran Bretaña", LON),
        ("Fráncfort", BER),
        ("Ginebra", "Europe/Zurich"),
        ("Pekín", "Asia/Shanghai"),
        ("Filadelfia", "America/New_York"),
        ("vivo en Madrid", "Europe/Madrid"),
        ("Bruselas", "Europe/Brussels"),
        ("La Haya", "Europe/Amsterdam"),
        ("Moscú", "Europe/Moscow"),
        ("Nueva Orleans", "America/Chicago"),
    ],
    "de": [
        ("Köln", BER),
        ("München", BER),
        ("Nürnberg", BER),
        ("Großbritannien", LON),
        ("England", LON),
        ("USA", NY),
        ("Vereinigte Staaten", NY),
        ("Mailand", "Europe/Rome"),
        ("Rom", "Europe/Rome"),
        ("Genf", "Europe/Zurich"),
        ("ich wohne in Hamburg", BER),
        ("Brüssel", "Europe/Brussels"),
        ("Den Haag", "Europe/Amsterdam"),
        ("Moskau", "Europe/Moscow"),
        ("Peking", "Asia/Shanghai"),
        ("Warschau", "Europe/Warsaw"),
        ("Prag", "Europe/Prague"),
        ("Schottland", LON),
        ("in der Nähe von Frankfurt", BER),
        ("Kopenhagen", "Europe/Copenhagen"),
    ],
}


def outcome(typed: str, wanted: str) -> str:
    lookup = find_time_zone(typed, NOW)
    if lookup.found is not None:
        return "set" if lookup.found.zone == wanted else "wrong"
    if any(choice.zone == wanted for choice in lookup.suggestions):
        return "offered"
    return "lost"


def main() -> None:
    print(f"{'':4} {'set':>5} {'offered':>8} {'wrong':>6} {'lost':>5}   misses")
    for language, names in NAMES.items():
        counts: Counter[str] = Counter()
        misses = []
        for typed, wanted in names:
            result = outcome(typed, wanted)
            counts[result] += 1
            if result in ("wrong", "lost"):
                misses.append(f"{typed!r} ({result})")
        cells = " ".join(
            f"{counts[k]:>{w}}" for k, w in (("set", 5), ("offered", 8), ("wrong", 6), ("lost", 5))
        )
        print(f"{language:4} {cells}   {', '.join(misses)}")


if __name__ == "__main__":
    main()

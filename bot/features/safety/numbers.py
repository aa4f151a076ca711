"""The numbers a safety reply gives: the ones that work where the patient is.

A patient's country comes from their time zone through the IANA zone-to-country table
(`zone.tab`, shipped by the `tzdata` package); the emergency number from the short-number
metadata of `phonenumbers` (Google's libphonenumber); crisis, poison and animal poison lines
from defaults for the largest English-speaking countries. The operator's config overrides any
of them per country (`[safety.countries.US]`), and a patient whose country is unknown gets the
operator's defaults (`[safety]`). No Telegram import; the tables are read once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from bot.i18n import N_

# Among the numbers the metadata lists as a region's emergency numbers, the all-services ones
# a patient most likely knows come first, then ambulance numbers; 112 is answered in most of
# the world but is not the number people in the US, the UK or Australia know.
_PREFERRED_EMERGENCY = ("911", "999", "000", "111", "112", "120", "119", "108", "102", "103")


@dataclass(frozen=True)
class CountryLines:
    """What a country's safety replies may name; None where the bot knows no line."""

    emergency: str | None = None
    crisis_line: str | None = None
    poison_line: str | None = None
    animal_poison_line: str | None = None


# Current national lines, as their services publish them (checked November 2026); marked for
# translation, and translated where a reply names them (bot/features/safety/texts.py).
DEFAULT_LINES: dict[str, CountryLines] = {
    "US": CountryLines(
        crisis_line=N_("the 988 Suicide & Crisis Lifeline (call or text 988)"),
        poison_line=N_("Poison Help on 1-800-222-1222"),
        animal_poison_line=N_("ASPCA Animal Poison Control on (888) 426-4435 (a fee may apply)"),
    ),
    "CA": CountryLines(
        crisis_line=N_("the 9-8-8 Suicide Crisis Helpline (call or text 988)"),
        # Connects to the caller's provincial poison centre.
        poison_line=N_("a poison centre on 1-844-POISON-X (1-844-764-7669)"),
    ),
    "GB": CountryLines(
        crisis_line=N_("Samaritans on 116 123"),
        poison_line=N_("NHS 111"),
    ),
    "IE": CountryLines(
        crisis_line=N_("Samaritans on 116 123"),
        poison_line=N_("the Public Poisons Information Line on 01 809 2166 (8am to 10pm)"),
    ),
    "AU": CountryLines(
        crisis_line=N_("Lifeline on 13 11 14"),
        poison_line=N_("the Poisons Information Centre on 13 11 26"),
    ),
    "NZ": CountryLines(
        crisis_line=N_("1737 (call or text)"),
        poison_line=N_("the National Poisons Centre on 0800 764 766"),
    ),
}


@dataclass(frozen=True)
class LocalNumbers:
    """The numbers for one patient's safety replies."""

    country: str | None  # ISO 3166 code; None when the zone names no country
    emergency: str
    crisis_line: str
    poison_line: str | None = None
    animal_poison_line: str | None = None


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    """Zone name -> ISO country code, from tzdata's zone.tab (one country per zone)."""
    table: dict[str, str] = {}
    text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        country, _coordinates, zone, *_ = line.split("\t")
        table[zone] = country
    return table


def _zone_bytes(zone: str) -> bytes | None:
    try:
        path = resources.files("tzdata.zoneinfo").joinpath(*zone.split("/"))
        return path.read_bytes() if path.is_file() else None
    except (OSError, ValueError):
        return None


@lru_cache(maxsize=1)
def _countries_by_zone_data() -> dict[bytes, frozenset[str]]:
    """The countries whose zone.tab zones have each set of rules (for old names of zones)."""
    found: dict[bytes, set[str]] = defaultdict(set)
    for zone, country in _zone_countries().items():
        data = _zone_bytes(zone)
        if data is not None:
            found[data].add(country)
    return {data: frozenset(countries) for data, countries in found.items()}


@lru_cache(maxsize=1024)
def country_for_zone(zone: str | None) -> str | None:
    """The country of an IANA zone ('America/New_York' -> 'US'); None when it names none.

    An old name that zone.tab no longer lists ('US/Eastern', 'Asia/Calcutta') is the same
    rules file as its current zone, so it is matched by content when that is one country's.
    """
    if not zone or ".." in zone or zone.startswith("/"):
        return None
    table = _zone_countries()
    if zone in table:
        return table[zone]
    if zone.startswith(("Etc/", "UTC", "GMT")):
        return None
    data = _zone_bytes(zone)
    countries = _countries_by_zone_data().get(data, frozenset()) if data else frozenset()
    return next(iter(countries)) if len(countries) == 1 else None


def known_countries() -> frozenset[str]:
    """ISO codes the zone table knows (what a `[safety.countries.XX]` key may be)."""
    text = resources.files("tzdata.zoneinfo").joinpath("iso3166.tab").read_text(encoding="utf-8")
    return frozenset(
        line.split("\t", 1)[0] for line in text.splitlines() if line and not line.startswith("#")
    )


@lru_cache(maxsize=512)
def emergency_number_for(country: str | None) -> str | None:
    """The emergency number people in `country` dial, from phonenumbers' short-number
    metadata; None when it has none for that country."""
    if not country:
        return None
    # Imported on the first red flag, not at start-up (about 65 ms).
    import phonenumbers
    from phonenumbers import PhoneMetadata

    metadata = PhoneMetadata.short_metadata_for_region(country.upper())
    if metadata is None or metadata.emergency is None:
        return None
    for number in _PREFERRED_EMERGENCY:
        if phonenumbers.is_emergency_number(number, country.upper()):
            return number
    example = metadata.emergency.example_number
    return example or None


class SafetyNumbers:
    """Looks up the numbers for a patient's time zone, with the operator's overrides."""

    def __init__(
        self,
        *,
        default_emergency: str,
        default_crisis_line: str,
        default_poison_line: str | None = None,
        overrides: dict[str, CountryLines] | None = None,
    ) -> None:
        self.default_emergency = default_emergency
        self.default_crisis_line = default_crisis_line
        self.default_poison_line = default_poison_line
        self.overrides = {code.upper(): lines for code, lines in (overrides or {}).items()}

    def for_country(self, country: str | None) -> LocalNumbers:
        """The numbers for a country; the operator's defaults for one not known."""
        if country is None:
            return LocalNumbers(
                None,
                self.default_emergency,
                self.default_crisis_line,
                self.default_poison_line,
            )
        override = self.overrides.get(country, CountryLines())
        shipped = DEFAULT_LINES.get(country, CountryLines())
        return LocalNumbers(
            country,
            override.emergency
            or shipped.emergency
            or emergency_number_for(country)
            or self.default_emergency,
            override.crisis_line or shipped.crisis_line or self.default_crisis_line,
            override.poison_line or shipped.poison_line or self.default_poison_line,
            override.animal_poison_line or shipped.animal_poison_line,
        )

    def for_zone(self, zone: str | None) -> LocalNumbers:
        """The numbers for a patient in time zone `zone` (None: not set yet)."""
        return self.for_country(country_for_zone(zone))

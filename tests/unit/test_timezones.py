"""Finding a time zone from a city, a zone name, an offset or a shared location."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.features.settings.timezones import (
    ZoneChoice,
    ZoneNames,
    find_time_zone,
    format_offset,
    offset_zone,
    parse_offset,
    zone_at,
    zone_display_name,
    zone_names,
)
from bot.i18n import use_language

WINTER = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
SUMMER = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Berlin", "Europe/Berlin"),
        ("berlin", "Europe/Berlin"),
        ("Paris", "Europe/Paris"),  # not Paris, Texas
        ("London", "Europe/London"),  # not London, Ontario
        ("München", "Europe/Berlin"),
        ("muenchen", "Europe/Berlin"),  # alternate spelling
        ("Sao Paulo", "America/Sao_Paulo"),  # without the accent
        ("NEW YORK", "America/New_York"),
        ("NYC", "America/New_York"),
        ("Kathmandu", "Asia/Kathmandu"),
        ("Bombay", "Asia/Kolkata"),
        ("Kiev", "Europe/Kyiv"),
        ("portland, oregon", "America/Los_Angeles"),
        ("Portland OR", "America/Los_Angeles"),
        ("london, uk", "Europe/London"),
        ("Lord Howe", "Australia/Lord_Howe"),  # too small a place, but a zone is named for it
        ("India", "Asia/Kolkata"),
        ("Germany", "Europe/Berlin"),
    ],
)
def test_a_city_or_country_typed_any_way_finds_its_zone(typed: str, zone: str) -> None:
    found = find_time_zone(typed, WINTER).found
    assert found is not None, typed
    assert found.zone == zone


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("Berlln", "Europe/Berlin"),
        ("Berln", "Europe/Berlin"),
        ("new yrok", "America/New_York"),
        ("Frankfrt", "Europe/Berlin"),
        ("Chicgo", "America/Chicago"),
        ("Toronot", "America/Toronto"),
        ("Xerlin", "Europe/Berlin"),  # even a typo in the first letter
    ],
)
def test_a_typo_is_not_guessed_but_the_right_place_is_suggested_first(
    typo: str, meant: str
) -> None:
    lookup = find_time_zone(typo, WINTER)
    assert lookup.found is None
    assert lookup.suggestions
    assert lookup.suggestions[0].zone == meant
    assert len(lookup.suggestions) <= 3


def test_the_suggestion_names_the_place_and_its_zone() -> None:
    lookup = find_time_zone("Berlln", WINTER)
    assert lookup.suggestions[0].label == "Berlin, Germany (Europe/Berlin)"


def test_an_ambiguous_city_offers_the_biggest_places_in_different_zones() -> None:
    lookup = find_time_zone("Portland", WINTER)
    assert lookup.found is None
    zones = [choice.zone for choice in lookup.suggestions]
    assert zones[:2] == ["America/Los_Angeles", "America/New_York"]
    assert "Portland, Oregon" in lookup.suggestions[0].label
    assert len(set(zones)) == len(zones)


def test_a_country_with_several_zones_offers_each_time_of_day_it_keeps() -> None:
    lookup = find_time_zone("USA", WINTER)
    assert lookup.found is None
    # Every main US zone, where most people live first, then east to west; Arizona (no
    # summer time) apart from Denver; Adak (a few hundred people) left out.
    assert [(c.place, c.zone) for c in lookup.suggestions] == [
        ("Eastern Time (New York City)", "America/New_York"),
        ("Central Time (Chicago)", "America/Chicago"),
        ("Mountain Time (Denver)", "America/Denver"),
        ("Mountain Time (Arizona)", "America/Phoenix"),
        ("Pacific Time (Los Angeles)", "America/Los_Angeles"),
        ("Alaska Time", "America/Anchorage"),
        ("Hawaii Time", "Pacific/Honolulu"),
    ]


@pytest.mark.parametrize(
    ("typed", "zones"),
    [
        (
            "Canada",
            [
                "America/Toronto",
                "America/St_Johns",
                "America/Halifax",
                "America/Regina",
                "America/Winnipeg",
                "America/Edmonton",
                "America/Vancouver",
            ],
        ),
        (
            "Australia",
            [
                "Australia/Sydney",
                "Australia/Perth",
                "Australia/Darwin",
                "Australia/Brisbane",
                "Australia/Adelaide",
            ],
        ),
        ("Brazil", ["America/Sao_Paulo", "America/Manaus", "America/Rio_Branco"]),
        ("Spain", ["Europe/Madrid", "Atlantic/Canary"]),
        ("Indonesia", ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]),
    ],
)
def test_other_countries_offer_each_of_their_times_of_day_biggest_first(
    typed: str, zones: list[str]
) -> None:
    lookup = find_time_zone(typed, WINTER)
    assert [c.zone for c in lookup.suggestions] == zones


def test_mexico_and_russia_offer_their_zones_in_order() -> None:
    mexico = [c.zone for c in find_time_zone("Mexico", WINTER).suggestions]
    assert mexico[:2] == ["America/Mexico_City", "America/Cancun"]
    assert {"America/Hermosillo", "America/Tijuana"} <= set(mexico)
    russia = [c.place for c in find_time_zone("Russia", WINTER).suggestions]
    assert len(russia) == 11
    assert russia[:3] == ["Moscow Time", "Eastern European Time (Kaliningrad)", "Samara Time"]
    assert russia[-1] == "Kamchatka Time (Petropavlovsk-Kamchatsky)"


def test_a_country_whose_zones_all_keep_one_time_is_settled() -> None:
    lookup = find_time_zone("Argentina", WINTER)
    assert lookup.found is not None
    assert lookup.found.zone == "America/Argentina/Buenos_Aires"
    assert lookup.found.place == "Argentina"


def test_nonsense_finds_nothing() -> None:
    lookup = find_time_zone("xyzzy qwv", WINTER)
    assert lookup.found is None
    assert lookup.suggestions == ()


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("AMERICA/NEW_YORK", "America/New_York"),
        ("america/new york", "America/New_York"),
        ("utc", "UTC"),
        ("Australia/Lord_Howe", "Australia/Lord_Howe"),
    ],
)
def test_an_iana_name_in_any_case_is_taken_as_it_is(typed: str, zone: str) -> None:
    lookup = find_time_zone(typed, WINTER)
    assert lookup.found is not None
    assert lookup.found.zone == zone
    assert lookup.kind == "iana"


@pytest.mark.parametrize(
    ("typed", "offset"),
    [
        ("+2", timedelta(hours=2)),
        ("UTC-5", timedelta(hours=-5)),
        ("utc +2", timedelta(hours=2)),
        ("GMT+05:30", timedelta(hours=5, minutes=30)),
        ("+0545", timedelta(hours=5, minutes=45)),
        ("-03:30", timedelta(hours=-3, minutes=-30)),
        ("−4", timedelta(hours=-4)),  # a typographic minus
        ("Berlin", None),
        ("22:00", None),
    ],
)
def test_offsets_are_read_in_the_usual_spellings(typed: str, offset: timedelta | None) -> None:
    assert parse_offset(typed) == offset


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("+2", "Etc/GMT-2"),  # Etc/GMT signs are inverted
        ("UTC-5", "Etc/GMT+5"),
        ("+0", "UTC"),
        ("+14", "Etc/GMT-14"),
        ("GMT+05:30", "Asia/Kolkata"),
        ("+05:45", "Asia/Kathmandu"),
        ("-03:30", "America/St_Johns"),
    ],
)
def test_an_offset_becomes_a_zone_with_that_offset_today(typed: str, zone: str) -> None:
    lookup = find_time_zone(typed, WINTER)
    assert lookup.found is not None
    assert lookup.found.zone == zone
    expected = parse_offset(typed)
    assert WINTER.astimezone(ZoneInfo(zone)).utcoffset() == expected


def test_a_half_hour_offset_follows_the_season() -> None:
    # Newfoundland is at -02:30 in summer; in winter no place is.
    assert offset_zone(timedelta(hours=-2, minutes=-30), SUMMER) == "America/St_Johns"
    assert offset_zone(timedelta(hours=-2, minutes=-30), WINTER) is None


@pytest.mark.parametrize("typed", ["+15", "-13", "+05:20", "UTC+99"])
def test_an_offset_no_place_uses_is_refused(typed: str) -> None:
    lookup = find_time_zone(typed, WINTER)
    assert lookup.found is None
    assert lookup.bad_offset


def test_a_fixed_offset_zone_is_shown_as_an_offset() -> None:
    assert zone_display_name("Etc/GMT-2", WINTER) == "UTC+02:00"
    assert zone_display_name("Etc/GMT+5", WINTER) == "UTC-05:00"
    assert zone_display_name("Europe/Berlin", WINTER) == "Europe/Berlin"
    assert format_offset(timedelta(hours=-3, minutes=-30)) == "UTC-03:30"


@pytest.mark.parametrize(
    ("latitude", "longitude", "zone"),
    [
        (52.52, 13.405, "Europe/Berlin"),
        (27.7172, 85.324, "Asia/Kathmandu"),
        (-31.5553, 159.0821, "Australia/Lord_Howe"),
        (40.7128, -74.006, "America/New_York"),
    ],
)
def test_a_shared_location_gives_its_zone(latitude: float, longitude: float, zone: str) -> None:
    assert zone_at(latitude, longitude) == zone


def test_an_impossible_location_gives_nothing() -> None:
    assert zone_at(123.0, 13.0) is None


def test_a_lookup_is_fast_once_the_index_is_built() -> None:
    queries = ["Berlin", "Berlln", "Portland", "new yrok", "Frankfrt", "USA", "+05:30", "xyzzy"]
    for query in queries:  # builds the index and loads the zones once
        find_time_zone(query, WINTER)
    rounds = 20
    started = time.perf_counter()
    for _ in range(rounds):
        for query in queries:
            find_time_zone(query, WINTER)
    mean_ms = (time.perf_counter() - started) / (rounds * len(queries)) * 1000
    # Measured about 0.4 ms; the bound leaves room for a busy CI machine.
    assert mean_ms < 5, f"{mean_ms:.2f} ms per lookup"


def test_the_index_built_in_a_child_process_is_the_one_built_here() -> None:
    from bot.features.settings import timezones

    apart = timezones._build_index_apart()
    here = timezones._build_index()
    assert apart.cities == here.cities
    assert apart.by_name == here.by_name and apart.by_alternate == here.by_alternate
    assert apart.fuzzy_by_first == here.fuzzy_by_first
    # Equal positions are one tuple across the tables, in the child's index as here: the
    # alternate names of a city point at one `(position,)` (about 11 MB less in the bot).
    tuples = {
        id(positions): positions
        for table in (apart.by_name, apart.by_alternate, apart.short_names, apart.by_country)
        for positions in table.values()
    }
    assert len(tuples) == len(set(tuples.values())) < len(apart.by_alternate) / 3


def test_without_a_child_process_the_index_is_built_here(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.features.settings import timezones

    monkeypatch.setattr(timezones.sys, "executable", "/nonexistent/python")
    index = timezones._build_index_apart()
    assert index.by_name["berlin"]
    assert "built in-process" in caplog.text


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("LA", "America/Los_Angeles"),  # not Laos
        ("la", "America/Los_Angeles"),
        ("SF", "America/Los_Angeles"),
        ("NYC", "America/New_York"),
        ("DC", "America/New_York"),
        ("D.C.", "America/New_York"),
        ("KL", "Asia/Kuala_Lumpur"),
        ("Laos", "Asia/Vientiane"),  # a country's name still wins
        ("UK", "Europe/London"),
    ],
)
def test_a_big_city_by_its_short_name(typed: str, zone: str) -> None:
    found = find_time_zone(typed, WINTER).found
    assert found is not None, typed
    assert found.zone == zone


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("EST", "America/New_York"),
        ("EDT", "America/New_York"),
        ("pst", "America/Los_Angeles"),
        ("PDT", "America/Los_Angeles"),
        ("MST", "America/Denver"),
        ("BST", "Europe/London"),
        ("CET", "Europe/Berlin"),
        ("CEST", "Europe/Berlin"),
        ("AEST", "Australia/Sydney"),
        ("NZST", "Pacific/Auckland"),
    ],
)
def test_a_zone_abbreviation_is_the_real_zone_with_summer_time(typed: str, zone: str) -> None:
    lookup = find_time_zone(typed, WINTER)
    assert lookup.found is not None, typed
    assert lookup.found.zone == zone
    assert lookup.kind == "abbreviation"
    # The zone keeps summer time: its offset differs between January and July.
    place = ZoneInfo(zone)
    january = datetime(2027, 1, 15, 12, tzinfo=UTC).astimezone(place).utcoffset()
    july = SUMMER.astimezone(place).utcoffset()
    assert january != july


@pytest.mark.parametrize(
    ("typed", "zones"),
    [
        ("CST", {"America/Chicago", "Asia/Shanghai"}),
        ("IST", {"Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"}),
        ("GMT", {"Europe/London", "UTC"}),
    ],
)
def test_an_ambiguous_abbreviation_offers_its_meanings(typed: str, zones: set[str]) -> None:
    lookup = find_time_zone(typed, WINTER)
    assert lookup.found is None
    assert lookup.kind == "abbreviation"
    assert zones <= {choice.zone for choice in lookup.suggestions}
    assert len(lookup.suggestions) <= 3


def test_an_ambiguous_abbreviation_names_each_zone() -> None:
    labels = [choice.label for choice in find_time_zone("CST", WINTER).suggestions]
    assert labels == ["Central Time (America/Chicago)", "China Time (Asia/Shanghai)"]
    assert find_time_zone("IST", WINTER).suggestions[0].zone == "Asia/Kolkata"


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Eastern Time", "America/New_York"),
        ("pacific time", "America/Los_Angeles"),
        ("Central European Summer Time", "Europe/Berlin"),
        ("British Summer Time", "Europe/London"),
        ("India Standard Time", "Asia/Kolkata"),
    ],
)
def test_a_zone_by_its_long_name(typed: str, zone: str) -> None:
    found = find_time_zone(typed, WINTER).found
    assert found is not None, typed
    assert found.zone == zone


# ------------------------------------------------------------------------ in other languages


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Österreich", "Europe/Vienna"),
        ("Oesterreich", "Europe/Vienna"),
        ("Deutschland", "Europe/Berlin"),
        ("Alemania", "Europe/Berlin"),
        ("Suiza", "Europe/Zurich"),
        ("Wien", "Europe/Vienna"),
        ("Viena", "Europe/Vienna"),
        ("München", "Europe/Berlin"),
        ("Muenchen", "Europe/Berlin"),
        ("Mexiko-Stadt", "America/Mexico_City"),
        ("Ciudad de México", "America/Mexico_City"),
        ("Wien, Österreich", "Europe/Vienna"),
    ],
)
def test_places_typed_as_spanish_and_german_speakers_name_them(typed: str, zone: str) -> None:
    found = find_time_zone(typed, WINTER).found
    assert found is not None and found.zone == zone


@pytest.mark.parametrize(
    ("language", "typed", "place"),
    [
        ("de", "Vienna", "Wien, Österreich"),
        ("es", "Wien", "Viena, Austria"),
        ("es", "Berlin", "Berlín, Alemania"),
        ("de", "Munich", "Munich, Deutschland"),  # no German name in the data: kept as it is
        ("en", "Wien", "Vienna, Austria"),
    ],
)
def test_a_place_is_named_in_the_patients_language(language: str, typed: str, place: str) -> None:
    from bot.i18n import use_language

    with use_language(language):
        found = find_time_zone(typed, WINTER).found
    assert found is not None and found.place == place


@pytest.mark.parametrize(
    ("language", "typed", "labels"),
    [
        ("de", "Spanien", ["Mitteleuropäische Zeit (Madrid) (Europe/Madrid)"]),
        ("de", "Russland", ["Moskauer Zeit (Europe/Moscow)"]),
        ("es", "España", ["Hora de Europa central (Madrid) (Europe/Madrid)"]),
        ("es", "Canada", ["Hora oriental (Toronto) (America/Toronto)"]),
        ("en", "Spanien", ["Central European Time (Madrid) (Europe/Madrid)"]),
        ("de", "USA", ["Rocky-Mountains-Zeit (Arizona) (America/Phoenix)"]),
    ],
)
def test_a_countrys_zones_are_offered_with_their_names_in_the_patients_language(
    language: str, typed: str, labels: list[str]
) -> None:
    from bot.i18n import use_language

    with use_language(language):
        lookup = find_time_zone(typed, WINTER)
    assert lookup.kind == "country"
    offered = [choice.label for choice in lookup.suggestions]
    assert all(label in offered for label in labels), offered


@pytest.mark.parametrize(
    ("typed", "country_zone"),
    [
        ("EEUU", "America/New_York"),
        ("EE. UU.", "America/New_York"),
        ("U.S.", "America/New_York"),
        ("U.K.", "Europe/London"),
        ("Gran Bretaña", "Europe/London"),
        ("Großbritannien", "Europe/London"),
        ("Inglaterra", "Europe/London"),
    ],
)
def test_a_country_by_its_everyday_short_or_local_name(typed: str, country_zone: str) -> None:
    lookup = find_time_zone(typed, WINTER)
    assert lookup.kind == "country"
    zones = [lookup.found.zone] if lookup.found else [c.zone for c in lookup.suggestions]
    assert zones[0] == country_zone


@pytest.mark.parametrize(
    ("typed", "big_city_zone", "small_place_zone"),
    [
        ("Colonia", "Europe/Berlin", "America/New_York"),  # Köln in Spanish; a town in NJ
        ("Pekín", "Asia/Shanghai", "America/Chicago"),  # Beijing; Pekin, Illinois
        ("Salisbury", "Africa/Harare", "Europe/London"),  # Harare's old name; the English city
    ],
)
def test_a_big_city_another_language_names_like_a_small_place_is_offered_not_settled(
    typed: str, big_city_zone: str, small_place_zone: str
) -> None:
    lookup = find_time_zone(typed, WINTER)
    assert lookup.found is None
    zones = [choice.zone for choice in lookup.suggestions]
    assert zones[0] == big_city_zone and small_place_zone in zones


def test_a_city_whose_other_name_is_a_big_city_in_the_same_zone_is_still_settled() -> None:
    assert find_time_zone("New Delhi", WINTER).found == ZoneChoice(
        "Asia/Kolkata", "New Delhi, India"
    )


@pytest.mark.parametrize(
    ("language", "zone", "city", "zone_name", "offset"),
    [
        ("en", "America/New_York", "New York", "Eastern Time", ""),
        ("es", "America/New_York", "Nueva York", "hora oriental", ""),
        ("de", "Europe/Vienna", "Wien", "Mitteleuropäische Zeit", ""),
        ("de", "Asia/Kolkata", "Kalkutta", "Indische Normalzeit", ""),
        ("en", "Etc/GMT-2", "", "", "UTC+02:00"),
        ("es", "UTC", "", "", "UTC"),
    ],
)
def test_a_zone_is_named_by_its_city_and_its_cldr_name_in_the_patients_language(
    language: str, zone: str, city: str, zone_name: str, offset: str
) -> None:
    with use_language(language):
        assert zone_names(zone, WINTER) == ZoneNames(city, zone_name, offset)


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("I live in Berlin", "Europe/Berlin"),
        ("near Munich", "Europe/Berlin"),
        ("vivo en Madrid", "Europe/Madrid"),
        ("ich wohne in Köln", "Europe/Berlin"),
        ("outside of Chicago", "America/Chicago"),
    ],
)
def test_a_place_at_the_end_of_a_sentence_is_found(typed: str, zone: str) -> None:
    lookup = find_time_zone(typed, WINTER)
    assert lookup.found is not None and lookup.found.zone == zone


@pytest.mark.parametrize("typed", ["what time is it", "i dont know it", "i am at home"])
def test_a_sentence_ending_in_a_short_word_is_not_a_country_code(typed: str) -> None:
    lookup = find_time_zone(typed, WINTER)
    assert lookup.found is None

"""The numbers in a safety reply fit the patient's country (from their time zone)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, load_settings
from bot.features.safety.numbers import (
    CountryLines,
    SafetyNumbers,
    country_for_zone,
    emergency_number_for,
)

NUMBERS = SafetyNumbers(default_emergency="112", default_crisis_line="your local crisis line")


@pytest.mark.parametrize(
    ("zone", "country", "emergency"),
    [
        ("America/New_York", "US", "911"),
        ("America/Los_Angeles", "US", "911"),
        ("US/Eastern", "US", "911"),  # an old name of America/New_York
        ("America/Toronto", "CA", "911"),
        ("Europe/London", "GB", "999"),
        ("Europe/Dublin", "IE", "999"),
        ("Australia/Sydney", "AU", "000"),
        ("Pacific/Auckland", "NZ", "111"),
        ("Europe/Berlin", "DE", "112"),
        ("Europe/Paris", "FR", "112"),
        ("Asia/Calcutta", "IN", "112"),  # old name of Asia/Kolkata
        ("Asia/Tokyo", "JP", "119"),
    ],
)
def test_the_emergency_number_comes_from_the_patients_country(
    zone: str, country: str, emergency: str
) -> None:
    assert country_for_zone(zone) == country
    numbers = NUMBERS.for_zone(zone)
    assert (numbers.country, numbers.emergency) == (country, emergency)


def test_a_new_york_patient_is_never_told_to_dial_112() -> None:
    numbers = NUMBERS.for_zone("America/New_York")
    assert numbers.emergency == "911"
    assert "988" in numbers.crisis_line
    assert numbers.poison_line is not None and "1-800-222-1222" in numbers.poison_line


@pytest.mark.parametrize(
    ("zone", "crisis", "poison"),
    [
        ("America/Chicago", "988", "1-800-222-1222"),
        ("America/Vancouver", "988", "1-844-764-7669"),
        ("Europe/London", "116 123", "111"),
        ("Europe/Dublin", "116 123", "01 809 2166"),
        ("Australia/Perth", "13 11 14", "13 11 26"),
        ("Pacific/Auckland", "1737", "0800 764 766"),
    ],
)
def test_english_speaking_countries_get_their_crisis_and_poison_lines(
    zone: str, crisis: str, poison: str
) -> None:
    numbers = NUMBERS.for_zone(zone)
    assert crisis in numbers.crisis_line
    assert numbers.poison_line is not None and poison in numbers.poison_line


@pytest.mark.parametrize("zone", [None, "", "Etc/GMT+5", "UTC", "Mars/Olympus_Mons", "../etc"])
def test_no_country_gets_the_operators_defaults(zone: str | None) -> None:
    numbers = NUMBERS.for_zone(zone)
    assert numbers.country is None
    assert (numbers.emergency, numbers.crisis_line) == ("112", "your local crisis line")
    assert numbers.poison_line is None


def test_a_country_without_shipped_lines_gets_its_emergency_number_and_default_lines() -> None:
    numbers = NUMBERS.for_zone("Europe/Berlin")
    assert numbers.emergency == "112"
    assert numbers.crisis_line == "your local crisis line"


def test_the_operators_override_wins() -> None:
    numbers = SafetyNumbers(
        default_emergency="112",
        default_crisis_line="your local crisis line",
        overrides={
            "US": CountryLines(emergency="9-1-1", crisis_line="our own line"),
            "DE": CountryLines(crisis_line="Telefonseelsorge 0800 111 0 111"),
        },
    )
    us = numbers.for_zone("America/New_York")
    assert (us.emergency, us.crisis_line) == ("9-1-1", "our own line")
    assert "1-800-222-1222" in (us.poison_line or "")  # what is not overridden stays
    assert numbers.for_zone("Europe/Berlin").crisis_line == "Telefonseelsorge 0800 111 0 111"


def test_a_region_without_short_number_metadata_has_no_emergency_number() -> None:
    assert emergency_number_for(None) is None
    assert emergency_number_for("ZZ") is None


def _settings(tmp_path: Path, safety: str) -> Settings:
    path = tmp_path / "config.toml"
    path.write_text(f'[telegram]\ntoken = "1:x"\n{safety}', encoding="utf-8")
    return load_settings(path, environ={})


def test_the_config_overrides_a_country(tmp_path: Path) -> None:
    settings = _settings(
        tmp_path,
        '[safety]\nemergency_number = "999"\n'
        '[safety.countries.US]\nemergency = "911"\ncrisis_line = "988, call or text"\n',
    )
    assert settings.safety.emergency_number == "999"
    assert settings.safety.countries["US"].crisis_line == "988, call or text"


@pytest.mark.parametrize(
    ("safety", "expected"),
    [
        ('[safety.countries.XX]\nemergency = "911"\n', "safety.countries: 'XX' is not a country"),
        ('[safety.countries.us]\nemergency = "911"\n', "safety.countries: 'us' is not a country"),
        (
            '[safety.countries.US]\nemergency = "call them"\n',
            "safety.countries.US.emergency: should be a number to dial",
        ),
        ('[safety.countries.US]\nemergncy = "911"\n', "safety.countries.US.emergncy: unknown key"),
        ('[safety]\nemergency_number = ""\n', "safety.emergency_number: should be a number"),
        ('[safety]\ncrisis_line = ""\n', "safety.crisis_line"),
    ],
)
def test_a_wrong_safety_number_names_the_key(tmp_path: Path, safety: str, expected: str) -> None:
    with pytest.raises(ConfigError) as raised:
        _settings(tmp_path, safety)
    assert expected in str(raised.value)

"""The side-effect rules: what counts as severe, early flares (the hold: test_step_up_hold)."""

from __future__ import annotations

from types import SimpleNamespace

from bot.domain.side_effects import (
    ReportedEffects,
    Severity,
    effects_at_least,
    is_early_flare,
    reported_effects,
    side_effect,
)


def checkin(**severities: Severity) -> ReportedEffects:
    return ReportedEffects(dict(severities))


def test_reading_a_stored_check_in() -> None:
    stored = SimpleNamespace(
        vivid_dreams=2, sleep_disturbance=None, nausea=3, symptom_flare=0, symptom_score=4
    )
    reported = reported_effects(stored)
    assert [e.key for e in effects_at_least(reported, Severity.MODERATE)] == [
        "vivid_dreams",
        "nausea",
    ]
    assert [e.key for e in effects_at_least(reported, Severity.SEVERE)] == ["nausea"]
    assert side_effect("nausea").key == "nausea"  # worded by bot/features/checkins/texts.py


def test_a_flare_in_the_first_two_weeks_is_the_early_kind() -> None:
    assert is_early_flare(3) and is_early_flare(14)
    assert not is_early_flare(15) and not is_early_flare(None)

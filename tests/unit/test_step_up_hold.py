"""The step-up hold (issue 13 item 5): one rule over a recent window, settled by two later
check-ins without a moderate or severe side effect."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.adherence import HOLD_WINDOW_DAYS, CheckinEffects, step_up_hold
from bot.domain.side_effects import ReportedEffects, Severity

TODAY = date(2026, 12, 10)


def checkin(days_ago: int, **severities: Severity) -> CheckinEffects:
    return CheckinEffects(TODAY - timedelta(days=days_ago), ReportedEffects(dict(severities)))


def test_a_recent_moderate_effect_holds_the_step() -> None:
    held = step_up_hold([checkin(1, vivid_dreams=Severity.MODERATE)], today=TODAY)
    assert held is not None and held.key == "vivid_dreams"


def test_one_later_check_in_without_effects_does_not_settle_it() -> None:
    recent = [checkin(1), checkin(2, nausea=Severity.SEVERE)]
    held = step_up_hold(recent, today=TODAY)
    assert held is not None and held.key == "nausea"


def test_two_later_check_ins_without_effects_settle_it() -> None:
    recent = [checkin(1), checkin(2, nausea=Severity.MILD), checkin(3, nausea=Severity.SEVERE)]
    assert step_up_hold(recent, today=TODAY) is None


def test_an_old_moderate_effect_no_longer_holds() -> None:
    old = checkin(HOLD_WINDOW_DAYS + 1, symptom_flare=Severity.MODERATE)
    assert step_up_hold([old], today=TODAY) is None
    recent_enough = checkin(HOLD_WINDOW_DAYS, symptom_flare=Severity.MODERATE)
    assert step_up_hold([recent_enough], today=TODAY) is not None


def test_mild_effects_do_not_hold() -> None:
    recent = [checkin(0, nausea=Severity.MILD, vivid_dreams=Severity.MILD)]
    assert step_up_hold(recent, today=TODAY) is None

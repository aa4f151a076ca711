"""The refill estimate follows the patient's current plan step (issue 13 item 4)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from storage.models import Night
from storage.patients import PatientRepository
from tests.conftest import Clock
from tests.e2e.harness import BotHarness

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def liquid_patient(bot: BotHarness, clock: Clock, *, plan: str, start: date) -> int:
    clock.set(NOW)
    with bot.services.db.session() as session:
        patient, _ = PatientRepository(session).get_or_create(bot.chat_id, now=clock())
        patient.timezone = "Europe/Berlin"
        patient.reminder_time = time(22, 0)
        patient.form = "liquid"
        patient.plan = plan
        patient.start_date = start
        patient.setup_completed_at = clock()
        return patient.id


async def test_a_gentle_liquid_plan_before_the_first_dose_counts_its_first_step(
    bot: BotHarness, clock: Clock
) -> None:
    liquid_patient(bot, clock, plan="gentle", start=date(2026, 11, 28))
    saved = await bot.say("/refill 10 ml", contains="Saved")
    # 0.5 mg a night at 1 mg/mL: 10 mL is 20 nights (not 6, as at 1.5 mg).
    assert "about 20 nights" in saved.text
    await bot.run_jobs()
    await bot.sandbox.wait_until_idle()
    assert not [m for m in bot.sandbox.messages(bot.chat_id) if "order your refill" in m.body]


async def test_after_a_plan_change_the_estimate_follows_the_new_dose_not_the_last_night(
    bot: BotHarness, clock: Clock
) -> None:
    patient_id = liquid_patient(bot, clock, plan="standard", start=date(2026, 11, 1))
    with bot.services.db.session() as session:
        for n in range(24):  # nights at 1.5 mg, then 3 mg
            night = date(2026, 11, 1) + timedelta(days=n)
            session.add(
                Night(
                    patient_id=patient_id,
                    local_date=night,
                    due_at=datetime.combine(night, time(21, 0), tzinfo=UTC),
                    dose_mg=Decimal("1.5") if n < 14 else Decimal("3"),
                    step_index=0 if n < 14 else 1,
                    outcome="taken",
                    recorded_at=datetime.combine(night, time(21, 5), tzinfo=UTC),
                )
            )
        # The prescriber changed the plan to a fixed 1 mg: tonight is 1 mg, whatever came before.
        patient = PatientRepository(session).find(bot.chat_id)
        assert patient is not None
        patient.plan = "fixed"
        patient.plan_steps = [{"mg": 1.0, "weeks": None}]
    saved = await bot.say("/refill 30 ml", contains="Saved")
    assert "about 30 nights" in saved.text  # 1 mL a night, not 3

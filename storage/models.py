"""Every table the bot keeps. Each row about a patient hangs off `patients` with
ON DELETE CASCADE, so deleting the patient erases everything about them."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Text,
    Time,
    UniqueConstraint,
    event,
    update,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, Session, UOWTransaction, attributes, mapped_column

from storage.base import Base, UtcDateTime

# SQLite would otherwise hand an erased patient's row ids to the next rows; ids appear in
# buttons, so an old button must never point at somebody's new row.
NEVER_REUSE_IDS = {"sqlite_autoincrement": True}


def _patient_ref() -> ForeignKey:
    return ForeignKey("patients.id", ondelete="CASCADE")


class Patient(Base):
    """One person in a private chat, with their settings as they gave them."""

    __tablename__ = "patients"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    setup_completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    # "/pause 7": reminders come back on by themselves at this moment (None: until /resume).
    paused_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Set when Telegram says the patient blocked the bot; cleared by /start.
    blocked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    timezone: Mapped[str | None] = mapped_column(String(64))
    # The language the bot writes in ("en", "de", ...): chosen with /language, or taken from the
    # Telegram app's language at the first message when the bot offers it (None: not yet known).
    language: Mapped[str | None] = mapped_column(String(8))
    reminder_time: Mapped[time | None] = mapped_column(Time)
    form: Mapped[str | None] = mapped_column(String(16))  # "capsule" | "liquid"
    # The liquid's strength on the bottle's label, mg per mL (None: the usual 1 mg/mL).
    liquid_mg_per_ml: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    plan: Mapped[str | None] = mapped_column(
        String(16)
    )  # "standard" | "gentle" | "fixed" | "custom"
    # For fixed and custom plans: [{"mg": 1.5, "weeks": 2}, ..., {"mg": 4.5, "weeks": null}]
    plan_steps: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    start_date: Mapped[date | None] = mapped_column(Date)
    autoimmune: Mapped[bool | None] = mapped_column(Boolean)
    supply_on_hand: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    # Counted on `supply_counted_at`; what is left now subtracts the doses taken since.
    supply_counted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    supply_warned_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The free-text answer the bot is waiting for (a setup step, a check-in note, ...).
    awaiting: Mapped[str | None] = mapped_column(String(32))
    # The database, not an in-memory job, says when this patient's next reminder is due.
    next_reminder_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    next_checkin_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    # What the check-ins and notices were last planned from (start date, zone, step-ups, ...);
    # when it no longer matches, they are planned again.
    care_plan_key: Mapped[str | None] = mapped_column(String(96))
    # Something the plan depends on changed since (set by `_mark_care_plans_stale` below and
    # at start-up after a settings change): the ticks replan only these patients.
    care_plan_stale: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class Night(Base):
    """One bedtime dose: the reminder sent for it and what the patient recorded."""

    __tablename__ = "nights"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(_patient_ref(), index=True)
    local_date: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    dose_mg: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    step_index: Mapped[int] = mapped_column(SmallInteger, default=0)
    # "sending" (claimed, not yet confirmed sent) | "sent" | "taken" | "skipped" | "missed"
    outcome: Mapped[str] = mapped_column(String(16), default="sending")
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    send_attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    offers_step_up: Mapped[bool] = mapped_column(Boolean, default=False)
    snoozed_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    follow_up_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    follow_up_sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    missed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    recorded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    __table_args__ = (
        UniqueConstraint("patient_id", "local_date"),
        Index("ix_nights_outcome_follow_up_at", "outcome", "follow_up_at"),
        NEVER_REUSE_IDS,
    )


class StepDecision(Base):
    """The patient's answer when a step up was offered: go up, or stay for now."""

    __tablename__ = "step_decisions"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(_patient_ref(), index=True)
    step_index: Mapped[int] = mapped_column(SmallInteger)  # the step that was offered
    decision: Mapped[str] = mapped_column(String(8))  # "up" | "stay"
    decided_on: Mapped[date] = mapped_column(Date)  # the patient's local date
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Correction(Base):
    """A patient's correction of their own record (/undo, /history): what a night or a
    check-in said before and after. Kept beside the record, never folded into it."""

    __tablename__ = "corrections"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(_patient_ref(), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    kind: Mapped[str] = mapped_column(String(16))  # "night" | "checkin"
    local_date: Mapped[date] = mapped_column(Date)  # the night (or check-in) corrected
    before: Mapped[str] = mapped_column(String(16))  # an outcome, or "answered"
    after: Mapped[str] = mapped_column(String(16))  # an outcome, "none" or "withdrawn"
    # The moment the corrected record now holds (a dose taken at), if any.
    recorded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    via: Mapped[str] = mapped_column(String(16))  # "undo" | "history"


class ScreeningAnswer(Base):
    """A yes/no answer to one safety-screening question."""

    __tablename__ = "screening_answers"
    __table_args__ = (UniqueConstraint("patient_id", "topic"), NEVER_REUSE_IDS)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(_patient_ref(), index=True)
    # "opioids" | "liver" | "pregnancy" | "immunosuppressants" | "opioids_cleared"
    topic: Mapped[str] = mapped_column(String(32))
    answer: Mapped[bool | None] = mapped_column(Boolean)  # None: "not sure"
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Checkin(Base):
    """A side-effect check-in: one severity per effect (0 none .. 3 severe) and a 0-10 score."""

    __tablename__ = "checkins"
    __table_args__ = (
        # The tick's claim of unsent check-ins (sent_at IS NULL, oldest first).
        Index("ix_checkins_sent_at_created_at", "sent_at", "created_at"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(_patient_ref(), index=True)
    local_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    skipped_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    vivid_dreams: Mapped[int | None] = mapped_column(SmallInteger)
    sleep_disturbance: Mapped[int | None] = mapped_column(SmallInteger)
    nausea: Mapped[int | None] = mapped_column(SmallInteger)
    symptom_flare: Mapped[int | None] = mapped_column(SmallInteger)
    symptom_score: Mapped[int | None] = mapped_column(SmallInteger)
    note: Mapped[str | None] = mapped_column(Text)


class Notice(Base):
    """A one-off message on a date: a liver-test reminder, a milestone, a refill warning."""

    __tablename__ = "notices"
    __table_args__ = (
        UniqueConstraint("patient_id", "kind"),
        # The tick's claim of due notices: only unsent ones, in due order (not every past one).
        Index(
            "ix_notices_unsent_due_at",
            "due_at",
            postgresql_where=sql_text("sent_at IS NULL AND done_at IS NULL"),
            sqlite_where=sql_text("sent_at IS NULL AND done_at IS NULL"),
        ),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(_patient_ref(), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # e.g. "lft:3", "milestone:week:4", "refill"
    due_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class FaqQuestion(Base):
    """A question a patient asked, how the FAQ answered it and their vote."""

    __tablename__ = "faq_questions"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int | None] = mapped_column(_patient_ref(), index=True)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10))  # "answer" | "clarify" | "unknown" | "safety"
    entry_id: Mapped[str | None] = mapped_column(String(64))
    score: Mapped[float] = mapped_column(Float, default=0.0)
    vote: Mapped[int | None] = mapped_column(SmallInteger)  # +1 / -1
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)  # for the retention


class GroupChat(Base):
    """A group the bot was added to and has told, once, that it works in private chats."""

    __tablename__ = "group_chats"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    notified_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CaregiverLink(Base):
    """A family member a patient asked to follow their nights: an invitation (a one-time
    link, kept only as a hash) until a caregiver opens it, then the link between the two
    chats. Removed when the patient revokes it or the caregiver leaves."""

    __tablename__ = "caregiver_links"
    __table_args__ = (UniqueConstraint("patient_id", "caregiver_chat_id"), NEVER_REUSE_IDS)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(_patient_ref(), index=True)
    # sha256 of the invitation's token; None once it was used.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    patient_name: Mapped[str | None] = mapped_column(String(64))  # as the caregiver reads it
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    caregiver_chat_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    caregiver_name: Mapped[str | None] = mapped_column(String(64))  # as the patient reads it
    # The patient allows this caregiver to see their check-in answers (never their notes).
    shares_checkins: Mapped[bool] = mapped_column(Boolean, default=False)
    # Nights missed up to this moment were told to the caregiver.
    told_missed_until: Mapped[datetime | None] = mapped_column(UtcDateTime)


# ------------------------------------------------------------------ care plans to redo

# What a patient's check-ins and notices are planned from (with their step ups).
CARE_PLAN_INPUTS = ("start_date", "timezone", "autoimmune", "setup_completed_at", "blocked_at")
_INPUT_SET = frozenset(CARE_PLAN_INPUTS)


@event.listens_for(Session, "before_flush")
def _mark_care_plans_stale(session: Session, _flush: UOWTransaction, _instances: Any) -> None:
    """Whatever changes a plan's inputs marks it for the ticks, so no feature has to call in
    and the ticks need not look at every patient."""
    stepped: set[int] = set()
    for row in session.new:
        if isinstance(row, Patient):
            row.care_plan_stale = True
        elif isinstance(row, StepDecision):
            stepped.add(row.patient_id)
    for row in session.dirty:
        if not isinstance(row, Patient):
            continue
        # The reminder wave dirties thousands of patients: look only at attributes it set.
        touched = attributes.instance_state(row).committed_state.keys() & _INPUT_SET
        if any(attributes.get_history(row, name).has_changes() for name in touched):
            row.care_plan_stale = True
    stepped.update(row.patient_id for row in session.deleted if isinstance(row, StepDecision))
    if stepped:
        # On the connection: no autoflush (we are inside a flush).
        session.connection().execute(
            update(Patient).where(Patient.id.in_(stepped)).values(care_plan_stale=True)
        )

"""Safety screening: opioids (and the prescriber's clearance), liver disease, pregnancy,
immunosuppressants, and whether the condition is autoimmune.

The questions are setup steps asked before the first reminder; every answer is saved as
given and can be changed in /settings. A "yes" gets a short explanation from the guide. An
opioid "yes" holds the reminders until the patient confirms their prescriber cleared them.
Nothing here diagnoses or forbids.
"""

from __future__ import annotations

import contextlib
import logging

from sqlalchemy.orm import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler

from bot.context import LdnContext
from bot.features.chat.buttons import callback_args, callback_data
from bot.features.reminders.scheduling import reschedule
from bot.features.screening import texts
from bot.features.setup.handlers import continue_setup
from bot.registry import Registry, SetupStep
from storage.models import Patient
from storage.patients import PatientRepository
from storage.screening import Answers, ScreeningRepository

log = logging.getLogger(__name__)

FEATURE = "screening"
SAFETY_TOPICS = ("opioids", "liver", "pregnancy", "immunosuppressants")
CLEARANCE = "opioids_cleared"
AUTOIMMUNE = "autoimmune"
ALL_TOPICS = (*SAFETY_TOPICS, CLEARANCE, AUTOIMMUNE)

OPIOIDS_NOT_CLEARED = "opioids not cleared by the prescriber"

_VALUES: dict[str, bool | None] = {"yes": True, "no": False, "unsure": None}


def _word(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "unsure"}[value]


def asked_in(answers: Answers, topic: str) -> str:
    """The answers a question about `topic` is asked in, as a short code its buttons carry:
    the topic's own answer ("y", "n", "u", or "-" for none), and for the clearance also the
    opioid answer it is about. A press in another state is refused."""

    def code(name: str) -> str:
        return _word(answers[name])[0] if name in answers else "-"

    return code("opioids") + code(CLEARANCE) if topic == CLEARANCE else code(topic)


# ------------------------------------------------------------------------ the gate


def reminders_gate(session: Session, patient: Patient) -> str | None:
    """Why reminders must wait: an opioid "yes" the prescriber has not cleared.

    Unanswered questions do not hold reminders (a patient who only sends /timezone and /time
    gets tonight's reminder); the reminder then carries `opioid_caution` instead.
    """
    answers = ScreeningRepository(session).answers(patient.id)
    if answers.get("opioids") is True and answers.get(CLEARANCE) is not True:
        return OPIOIDS_NOT_CLEARED
    return None


def opioid_caution(session: Session, patient: Patient) -> str | None:
    """A line for the reminder while the opioid question is still unanswered."""
    if "opioids" in ScreeningRepository(session).answers(patient.id):
        return None
    return texts.OPIOID_CAUTION


def opioids_held(session: Session, patient: Patient) -> bool:
    return reminders_gate(session, patient) == OPIOIDS_NOT_CLEARED


# ------------------------------------------------------------------------ asking


def _yes_no(topic: str, state: str, *, unsure: bool = False) -> InlineKeyboardMarkup:
    row = [
        InlineKeyboardButton(
            texts.YES, callback_data=callback_data(FEATURE, "set", topic, "yes", state)
        ),
        InlineKeyboardButton(
            texts.NO, callback_data=callback_data(FEATURE, "set", topic, "no", state)
        ),
    ]
    if unsure:
        row.append(
            InlineKeyboardButton(
                texts.NOT_SURE,
                callback_data=callback_data(FEATURE, "set", topic, "unsure", state),
            )
        )
    return InlineKeyboardMarkup([row])


def _clearance_buttons(state: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.CLEARED_BUTTON,
                    callback_data=callback_data(FEATURE, "set", CLEARANCE, "yes", state),
                )
            ],
            [
                InlineKeyboardButton(
                    texts.NOT_YET_BUTTON,
                    callback_data=callback_data(FEATURE, "set", CLEARANCE, "no", state),
                )
            ],
        ]
    )


def question(
    topic: str, answers: Answers, *, first: bool = False
) -> tuple[str, InlineKeyboardMarkup]:
    """The text and buttons that ask about `topic`, given the patient's answers now."""
    state = asked_in(answers, topic)
    if topic == CLEARANCE:
        return texts.CLEARANCE_QUESTION, _clearance_buttons(state)
    text = texts.QUESTIONS[topic]
    if first:
        text = f"{texts.INTRO}\n\n{text}"
    return text, _yes_no(topic, state, unsure=topic == AUTOIMMUNE)


async def _answers_of(context: LdnContext, chat_id: int) -> Answers:
    def read(session: Session) -> Answers:
        patient = PatientRepository(session).find(chat_id)
        return ScreeningRepository(session).answers(patient.id) if patient is not None else {}

    return await context.services.db.run(read)


def _asker(topic: str):  # type: ignore[no-untyped-def]
    async def ask(context: LdnContext, chat_id: int) -> None:
        answers = await _answers_of(context, chat_id)
        text, markup = question(topic, answers, first=topic == "opioids")
        await context.bot.send_message(chat_id, text, reply_markup=markup)

    return ask


def _answered(topic: str):  # type: ignore[no-untyped-def]
    def is_done(session: Session, patient: Patient) -> bool:
        answers = ScreeningRepository(session).answers(patient.id)
        if topic == CLEARANCE:
            return answers.get("opioids") is not True or CLEARANCE in answers
        return topic in answers

    return is_done


STEP_ORDERS = {
    "opioids": 60,
    CLEARANCE: 61,
    "liver": 62,
    "pregnancy": 63,
    "immunosuppressants": 64,
    AUTOIMMUNE: 65,
}


# ------------------------------------------------------------------------ answers


def _review_button() -> InlineKeyboardMarkup:
    button = InlineKeyboardButton(
        texts.BACK_TO_REVIEW, callback_data=callback_data(FEATURE, "review")
    )
    return InlineKeyboardMarkup([[button]])


def _confirmation(topic: str, value: bool | None, *, held: bool) -> str:
    if topic == CLEARANCE:
        return texts.CLEARED if value else texts.NOT_CLEARED
    lines = [texts.QUESTIONS[topic], "", f"Your answer: {texts.answer_word(value)}"]
    if value is True and topic in texts.EXPLAIN_YES:
        lines += ["", texts.EXPLAIN_YES[topic]]
    elif topic == "opioids" and not held:
        lines += ["", texts.SAVED]
    return "\n".join(lines)


async def answer(update: Update, context: LdnContext) -> None:
    """A screening button: save the answer, explain a "yes", go on with setup."""
    query = update.callback_query
    assert query is not None and query.message is not None
    args = callback_args(query.data)
    if len(args) not in (2, 3) or args[0] not in ALL_TOPICS or args[1] not in _VALUES:
        await query.answer()
        return
    topic, value = args[0], _VALUES[args[1]]
    if topic != AUTOIMMUNE and value is None:
        await query.answer()
        return
    chat_id = query.message.chat.id
    services = context.services
    now = services.now()

    def save(session: Session) -> tuple[bool, str | None, bool, bool, Answers] | None:
        """(a repeated tap, why the press is refused, reminders held for opioids, still in
        setup, the answers now); None: no patient."""
        patient = PatientRepository(session).find(chat_id)
        if patient is None:
            return None
        answers = ScreeningRepository(session)
        before = answers.answers(patient.id)
        # A second tap of an answer saved since (a quick double tap): nothing to do or say.
        again = (
            topic in before
            and before[topic] == value
            and asked_in(before, topic) != "".join(args[2:])
        )
        refusal = None if again else _stale_press(before, topic, args[2:])
        if refusal is None and not again:
            answers.save(patient.id, topic, value, now=now)
            if topic == "opioids" and value is True:
                answers.forget(patient.id, CLEARANCE)  # a new opioid "yes" needs a new clearance
            if topic == AUTOIMMUNE:
                patient.autoimmune = value
            reschedule(session, patient, now, services.registry)
        held = opioids_held(session, patient)
        return again, refusal, held, patient.setup_completed_at is None, answers.answers(patient.id)

    saved = await services.db.run(save)
    if saved is None:
        await query.answer()
        return
    again, refusal, held, in_setup, current = saved
    if again:
        await query.answer()
        return
    if refusal is not None:
        log.info("refused a screening button pressed after the answers changed")
        await query.answer(refusal, show_alert=True)
        with contextlib.suppress(BadRequest):  # its buttons may be gone already
            await query.edit_message_reply_markup(reply_markup=None)
        return
    log.info("screening answer saved (topic %s)", topic)
    await query.answer()
    markup = None if in_setup else _review_button()
    asks_clearance = topic == "opioids" and value is True
    await query.edit_message_text(
        _confirmation(topic, value, held=held), reply_markup=None if asks_clearance else markup
    )
    if in_setup:
        await continue_setup(context, chat_id)
    elif asks_clearance:
        text, buttons = question(CLEARANCE, current)
        await context.bot.send_message(chat_id, text, reply_markup=buttons)


def _stale_press(answers: Answers, topic: str, asked: list[str]) -> str | None:
    """Why an answer button no longer fits the answers now, or None when it does."""
    if not asked:
        return texts.OUTDATED_BUTTON
    if asked[0] == asked_in(answers, topic):
        return None
    if topic == CLEARANCE and answers.get("opioids") is not True:
        return texts.NOTHING_TO_CLEAR
    return texts.ANSWERED_SINCE


# ------------------------------------------------------------------------ review


def review(session: Session, patient: Patient) -> tuple[str, InlineKeyboardMarkup]:
    """The patient's answers, one button per answer to change it."""
    answers = ScreeningRepository(session).answers(patient.id)
    rows = []
    for topic in ("opioids", CLEARANCE, "liver", "pregnancy", "immunosuppressants", AUTOIMMUNE):
        if topic == CLEARANCE and answers.get("opioids") is not True:
            continue
        shown = texts.answer_word(answers[topic]) if topic in answers else texts.NOT_ANSWERED
        rows.append(
            [
                InlineKeyboardButton(
                    f"{texts.LABELS[topic]}: {shown}",
                    callback_data=callback_data(FEATURE, "change", topic),
                )
            ]
        )
    lines = [texts.REVIEW_TITLE]
    if opioids_held(session, patient):
        lines += ["", texts.REMINDERS_HELD]
    lines += ["", texts.REVIEW_FOOTER]
    return "\n".join(lines), InlineKeyboardMarkup(rows)


async def show_review(update: Update, context: LdnContext) -> None:
    query = update.callback_query
    assert query is not None and query.message is not None
    chat_id = query.message.chat.id

    def review_of(session: Session) -> tuple[str, InlineKeyboardMarkup] | None:
        patient = PatientRepository(session).find(chat_id)
        return review(session, patient) if patient is not None else None

    reviewed = await context.services.db.run(review_of)
    if reviewed is None:
        await query.answer()
        return
    text, markup = reviewed
    await query.answer()
    await context.bot.send_message(chat_id, text, reply_markup=markup)


async def change(update: Update, context: LdnContext) -> None:
    query = update.callback_query
    assert query is not None and query.message is not None
    args = callback_args(query.data)
    await query.answer()
    if len(args) != 1 or args[0] not in ALL_TOPICS:
        return
    text, markup = question(args[0], await _answers_of(context, query.message.chat.id))
    await context.bot.send_message(query.message.chat.id, text, reply_markup=markup)


async def tell_if_held(context: LdnContext, chat_id: int) -> None:
    """At the end of setup: say plainly that reminders wait for the opioid clearance."""

    def held_for_opioids(session: Session) -> bool:
        patient = PatientRepository(session).find(chat_id)
        return patient is not None and opioids_held(session, patient)

    if await context.services.db.run(held_for_opioids):
        await context.bot.send_message(
            chat_id, texts.HELD_AT_END_OF_SETUP, reply_markup=_review_button()
        )


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    for topic, order in STEP_ORDERS.items():
        registry.add_setup_step(
            SetupStep(
                name=f"screening:{topic}", order=order, is_done=_answered(topic), ask=_asker(topic)
            )
        )
    registry.add_reminder_gate(reminders_gate)
    registry.add_reminder_note(opioid_caution)
    registry.on_setup_complete(tell_if_held)
    application.add_handler(CallbackQueryHandler(answer, pattern=r"^screening:set:"))
    application.add_handler(CallbackQueryHandler(show_review, pattern=r"^screening:review$"))
    application.add_handler(CallbackQueryHandler(change, pattern=r"^screening:change:"))

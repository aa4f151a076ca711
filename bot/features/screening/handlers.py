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
import re
from dataclasses import dataclass

from sqlalchemy.orm import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler

from bot.context import LdnContext
from bot.domain.setting_answers import looks_like_a_question
from bot.domain.typed_answers import YesNo, read_yes_no
from bot.features.chat import free_text
from bot.features.chat.texts import expired
from bot.features.reminders.scheduling import reschedule
from bot.features.screening import texts
from bot.features.screening.buttons import CHANGE, REVIEW, SET, SET_UNSTATED
from bot.features.setup.handlers import continue_setup
from bot.i18n import folded
from bot.registry import AwaitingHandler, Registry, SetupStep
from storage.models import Patient
from storage.nights import NightRepository
from storage.patients import PatientRepository
from storage.screening import Answers, ScreeningRepository

log = logging.getLogger(__name__)

SAFETY_TOPICS = ("opioids", "liver", "pregnancy", "immunosuppressants")
CLEARANCE = "opioids_cleared"
AUTOIMMUNE = "autoimmune"
ALL_TOPICS = (*SAFETY_TOPICS, CLEARANCE, AUTOIMMUNE)

OPIOIDS_NOT_CLEARED = "opioids not cleared by the prescriber"

_VALUES: dict[YesNo, bool | None] = {YesNo.YES: True, YesNo.NO: False, YesNo.UNSURE: None}
# While a safety question waits for its answer, `patient.awaiting` is this prefix + its topic.
AWAITING = "screening:"


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
    return texts.opioid_caution()


def opioids_held(session: Session, patient: Patient) -> bool:
    return reminders_gate(session, patient) == OPIOIDS_NOT_CLEARED


# ------------------------------------------------------------------------ asking


def _yes_no(topic: str, state: str, *, unsure: bool = False) -> InlineKeyboardMarkup:
    row = [
        InlineKeyboardButton(texts.yes(), callback_data=SET.data(topic, YesNo.YES, state)),
        InlineKeyboardButton(texts.no(), callback_data=SET.data(topic, YesNo.NO, state)),
    ]
    if unsure:
        row.append(
            InlineKeyboardButton(
                texts.not_sure(), callback_data=SET.data(topic, YesNo.UNSURE, state)
            )
        )
    return InlineKeyboardMarkup([row])


def _clearance_buttons(state: str) -> InlineKeyboardMarkup:
    cleared = SET.data(CLEARANCE, YesNo.YES, state)
    not_yet = SET.data(CLEARANCE, YesNo.NO, state)
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(texts.cleared_button(), callback_data=cleared)],
            [InlineKeyboardButton(texts.not_yet_button(), callback_data=not_yet)],
        ]
    )


def question(
    topic: str, answers: Answers, *, first: bool = False, doses_taken: bool = False
) -> tuple[str, InlineKeyboardMarkup]:
    """The text and buttons that ask about `topic`, given the patient's answers now."""
    state = asked_in(answers, topic)
    if topic == CLEARANCE:
        return texts.clearance_question(doses_taken=doses_taken), _clearance_buttons(state)
    text = texts.question(topic)
    if first:
        text = f"{texts.intro()}\n\n{text}"
    return text, _yes_no(topic, state, unsure=topic == AUTOIMMUNE)


def _question_for(
    session: Session, patient: Patient, topic: str, *, first: bool = False
) -> tuple[str, InlineKeyboardMarkup]:
    """The question about `topic` for this patient, who now waits to answer it (by a button
    or by typing)."""
    patient.awaiting = AWAITING + topic
    answers = ScreeningRepository(session).answers(patient.id)
    doses_taken = topic == CLEARANCE and NightRepository(session).has_taken_a_dose(patient.id)
    return question(topic, answers, first=first, doses_taken=doses_taken)


async def ask_question(
    context: LdnContext, chat_id: int, topic: str, *, first: bool = False, lead: str | None = None
) -> None:
    """Send the question about `topic` (after `lead`, if any) and wait for its answer."""

    def ask(session: Session) -> tuple[str, InlineKeyboardMarkup] | None:
        patient = PatientRepository(session).find(chat_id)
        return _question_for(session, patient, topic, first=first) if patient else None

    asked = await context.services.db.run(ask)
    if asked is None:
        return
    text, markup = asked
    if lead:
        text = f"{lead}\n\n{text}"
    await context.bot.send_message(chat_id, text, reply_markup=markup)


def _asker(topic: str):  # type: ignore[no-untyped-def]
    async def ask(context: LdnContext, chat_id: int) -> None:
        await ask_question(context, chat_id, topic, first=topic == "opioids")

    return ask


def _answered(topic: str):  # type: ignore[no-untyped-def]
    def is_done(session: Session, patient: Patient) -> bool:
        answers = ScreeningRepository(session).answers(patient.id)
        if topic == CLEARANCE:
            return answers.get("opioids") is not True or CLEARANCE in answers
        return topic in answers

    return is_done


def _forget(topic: str):  # type: ignore[no-untyped-def]
    def forget(session: Session, patient: Patient) -> None:
        ScreeningRepository(session).forget(patient.id, topic)

    return forget


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
    button = InlineKeyboardButton(texts.back_to_review(), callback_data=REVIEW.data())
    return InlineKeyboardMarkup([[button]])


def _confirmation(topic: str, value: bool | None, *, held: bool) -> str:
    if topic == CLEARANCE:
        return texts.cleared() if value else texts.not_cleared()
    lines = [texts.question(topic), "", texts.your_answer(value)]
    explained = texts.explain_yes(topic) if value is True else None
    if explained is not None:
        lines += ["", explained]
    elif topic == "opioids" and not held:
        lines += ["", texts.saved()]
    return "\n".join(lines)


@dataclass(frozen=True)
class Saved:
    """What saving one answer did."""

    again: bool  # the same answer tapped twice: nothing to do or say
    refusal: str | None  # why a press from an older message changed nothing
    held: bool  # reminders wait for the opioid clearance
    in_setup: bool

    @property
    def changed(self) -> bool:
        return not self.again and self.refusal is None


async def _save_answer(
    context: LdnContext, chat_id: int, topic: str, value: bool | None, asked: str | None
) -> Saved | None:
    """Save the patient's answer about `topic`; `asked`: the answers a button was asked in
    (a press in another state is refused), None for an answer typed while it was awaited.
    None: no patient."""
    services = context.services
    now = services.now()

    def save(session: Session) -> Saved | None:
        patient = PatientRepository(session).find(chat_id)
        if patient is None:
            return None
        answers = ScreeningRepository(session)
        before = answers.answers(patient.id)
        # A second tap of an answer saved since (a quick double tap): nothing to do or say.
        again = (
            asked is not None
            and topic in before
            and before[topic] == value
            and asked_in(before, topic) != asked
        )
        refusal = None if again or asked is None else _stale_press(before, topic, asked)
        if refusal is None and not again:
            answers.save(patient.id, topic, value, now=now)
            if topic == "opioids" and value is True:
                answers.forget(patient.id, CLEARANCE)  # a new opioid "yes" needs a new clearance
            if topic == AUTOIMMUNE:
                patient.autoimmune = value
            if patient.awaiting is not None and patient.awaiting.startswith(AWAITING):
                patient.awaiting = None
            reschedule(session, patient, now, services.registry)
        held = opioids_held(session, patient)
        return Saved(again, refusal, held, patient.setup_completed_at is None)

    return await services.db.run(save)


async def _go_on(
    context: LdnContext, chat_id: int, saved: Saved, topic: str, value: bool | None
) -> None:
    """After an answer: the next setup question, or the clearance an opioid "yes" needs."""
    if saved.in_setup:
        await continue_setup(context, chat_id)
    elif topic == "opioids" and value is True:
        await ask_question(context, chat_id, CLEARANCE)


def _markup_after(saved: Saved, topic: str, value: bool | None) -> InlineKeyboardMarkup | None:
    asks_clearance = topic == "opioids" and value is True
    return None if saved.in_setup or asks_clearance else _review_button()


async def answer(update: Update, context: LdnContext) -> None:
    """A screening button: save the answer, explain a "yes", go on with setup."""
    query = update.callback_query
    assert query is not None and query.message is not None
    read = SET.read(query.data)
    if read is None or read[0] not in ALL_TOPICS:
        await query.answer(expired())
        return
    topic, choice, asked = read
    if topic != AUTOIMMUNE and choice is YesNo.UNSURE:
        await query.answer(expired())
        return
    value = _VALUES[choice]
    chat_id = query.message.chat.id
    saved = await _save_answer(context, chat_id, topic, value, asked)
    if saved is None or saved.again:
        await query.answer()
        return
    if saved.refusal is not None:
        log.info("refused a screening button pressed after the answers changed")
        await query.answer(saved.refusal, show_alert=True)
        with contextlib.suppress(BadRequest):  # its buttons may be gone already
            await query.edit_message_reply_markup(reply_markup=None)
        return
    log.info("screening answer saved (topic %s)", topic)
    await query.answer()
    await query.edit_message_text(
        _confirmation(topic, value, held=saved.held),
        reply_markup=_markup_after(saved, topic, value),
    )
    await _go_on(context, chat_id, saved, topic, value)


async def outdated(update: Update, context: LdnContext) -> None:
    """An answer button of an older version, without the answers it was asked in."""
    query = update.callback_query
    assert query is not None
    await query.answer(texts.outdated_button(), show_alert=True)
    with contextlib.suppress(BadRequest):
        await query.edit_message_reply_markup(reply_markup=None)


def typed_answer(topic: str) -> AwaitingHandler:
    """Words typed while the question about `topic` waits: "yes", "nope", "sometimes
    tramadol" are that answer; a question goes to the FAQ and anything unclear asks again —
    either way the safety question is asked again with its buttons, so it never scrolls away."""

    async def typed(update: Update, context: LdnContext, text: str) -> None:
        chat = update.effective_chat
        message = update.effective_message
        assert chat is not None and message is not None
        if looks_like_a_question(text):
            await free_text.answer_as_free_text(update, context, text)
            await ask_question(context, chat.id, topic, lead=texts.still_waiting())
            return
        choice = read_yes_no(
            text, unsure_allowed=topic == AUTOIMMUNE, about_opioids=topic == "opioids"
        )
        if choice is None:
            await ask_question(context, chat.id, topic, lead=texts.typed_unclear())
            return
        value = _VALUES[choice]
        saved = await _save_answer(context, chat.id, topic, value, None)
        if saved is None:
            return
        log.info("screening answer saved from typed words (topic %s)", topic)
        await message.reply_text(
            _confirmation(topic, value, held=saved.held),
            reply_markup=_markup_after(saved, topic, value),
        )
        await _go_on(context, chat.id, saved, topic, value)

    return typed


# LDN itself, or a dose of it, in English, Spanish or German: named beside an opioid, a report
# of taking both ("i took my ldn and an oxy an hour ago"), whatever question is open.
_NAMES_LDN = re.compile(r"\b(?:ldn|naltrex\w*|dos[ie]s?|kapsel\w*|capsul\w*)\b")
OPIOID_CO_USE = "opioid-co-use"


def opioid_use_is_the_answer(text: str, concern: str) -> bool:
    """At the opioid question, "sometimes I take tramadol", "a veces tomo tramadol" or
    "manchmal nehme ich Tilidin" is its answer (a yes, with the guide's advice), not the
    co-use red flag the Spanish and German triage read in it. A message that names LDN or a
    dose of it beside the opioid still gets the safety message."""
    if concern != OPIOID_CO_USE or _NAMES_LDN.search(folded(text).casefold()):
        return False
    return read_yes_no(text, unsure_allowed=False, about_opioids=True) is YesNo.YES


def _stale_press(answers: Answers, topic: str, asked: str) -> str | None:
    """Why an answer button no longer fits the answers now, or None when it does."""
    if asked == asked_in(answers, topic):
        return None
    if topic == CLEARANCE and answers.get("opioids") is not True:
        return texts.nothing_to_clear()
    return texts.answered_since()


# ------------------------------------------------------------------------ review


def review(session: Session, patient: Patient) -> tuple[str, InlineKeyboardMarkup]:
    """The patient's answers, one button per answer to change it."""
    answers = ScreeningRepository(session).answers(patient.id)
    rows = []
    for topic in ("opioids", CLEARANCE, "liver", "pregnancy", "immunosuppressants", AUTOIMMUNE):
        if topic == CLEARANCE and answers.get("opioids") is not True:
            continue
        shown = texts.answer_word(answers[topic]) if topic in answers else texts.not_answered()
        rows.append(
            [
                InlineKeyboardButton(
                    texts.review_button(topic, shown), callback_data=CHANGE.data(topic)
                )
            ]
        )
    lines = [texts.review_title()]
    if opioids_held(session, patient):
        lines += ["", texts.reminders_held()]
    lines += ["", texts.review_footer()]
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
    read = CHANGE.read(query.data)
    if read is None or read[0] not in ALL_TOPICS:
        await query.answer(expired())
        return
    await query.answer()
    await ask_question(context, query.message.chat.id, read[0])


async def tell_if_held(context: LdnContext, chat_id: int) -> None:
    """At the end of setup: say plainly that reminders wait for the opioid clearance."""

    def held_for_opioids(session: Session) -> bool:
        patient = PatientRepository(session).find(chat_id)
        return patient is not None and opioids_held(session, patient)

    if await context.services.db.run(held_for_opioids):
        await context.bot.send_message(
            chat_id, texts.held_at_end_of_setup(), reply_markup=_review_button()
        )


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    for topic, order in STEP_ORDERS.items():
        registry.add_setup_step(
            SetupStep(
                name=f"screening:{topic}",
                order=order,
                is_done=_answered(topic),
                ask=_asker(topic),
                forget=_forget(topic),
            )
        )
        registry.when_awaiting(
            AWAITING + topic,
            typed_answer(topic),
            answers_concern=opioid_use_is_the_answer if topic == "opioids" else None,
            ask_again=_asker(topic),
        )
    registry.add_reminder_gate(reminders_gate)
    registry.add_reminder_note(opioid_caution)
    registry.on_setup_complete(tell_if_held)
    application.add_handler(CallbackQueryHandler(answer, pattern=SET.pattern))
    application.add_handler(CallbackQueryHandler(outdated, pattern=SET_UNSTATED.pattern))
    application.add_handler(CallbackQueryHandler(show_review, pattern=REVIEW.pattern))
    application.add_handler(CallbackQueryHandler(change, pattern=CHANGE.pattern))

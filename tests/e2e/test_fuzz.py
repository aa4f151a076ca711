"""Property-based: random texts, commands and forged button data thrown at one running bot.

Whatever arrives, the bot never hits its error handler, every Bot API call it makes is one
Telegram accepts, every text gets a reply a patient can read, and another patient's rows
never change. One bot runs for the whole module on a background event loop; each example is
one update sent through the sandbox.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
import uuid
from collections.abc import Coroutine, Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, select, text
from telegram.ext import CommandHandler

from bot.features.start.menu import COMMANDS, SETTING_COMMANDS
from bot.sandbox import BotApiSandbox
from storage.db import Database, normalise_url
from storage.models import Checkin, FaqQuestion, Night, Notice, Patient
from tests.conftest import NO_POSTGRES, POSTGRES_URL, Clock, make_settings, postgres_schema_url
from tests.e2e.harness import BotHarness, running_bot
from tests.factories import make_patient

T = TypeVar("T")

NEWCOMER = 6101  # /start sent, in the middle of setup
SET_UP = 6102  # a finished setup, seeded directly
VICTIM = 6199  # another patient whose rows must never change
ALL_COMMANDS = [name for name, _ in (*COMMANDS, *SETTING_COMMANDS)] + ["admin", "ask"]

FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # CI-stable: the same examples every run
)


class ErrorsSeen(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class LiveBot:
    """A harness bot on its own event loop thread, driven from synchronous hypothesis tests."""

    def __init__(self, harness: BotHarness, loop: asyncio.AbstractEventLoop) -> None:
        self.harness = harness
        self.loop = loop
        self.errors = ErrorsSeen()
        self.victim_ids: dict[str, list[int]] = {}

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = 30) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def registered_commands(self) -> set[str]:
        return {
            name
            for handlers in self.harness.application.handlers.values()
            for handler in handlers
            if isinstance(handler, CommandHandler)
            for name in handler.commands
        }

    @property
    def sandbox(self) -> BotApiSandbox:
        return self.harness.sandbox

    def victim_rows(self) -> list[tuple[Any, ...]]:
        """Every column of every row about the victim."""
        rows: list[tuple[Any, ...]] = []
        with self.harness.services.db.session() as session:
            victim = session.scalar(select(Patient).where(Patient.chat_id == VICTIM))
            assert victim is not None
            for model in (Patient, Night, Checkin, Notice, FaqQuestion):
                key = model.id if model is Patient else model.patient_id  # type: ignore[attr-defined]
                for row in session.scalars(select(model).where(key == victim.id)):
                    rows.append(
                        (
                            model.__tablename__,
                            *(getattr(row, c.key) for c in model.__table__.columns),
                        )
                    )
        return sorted(rows, key=repr)

    def send(
        self, inject: Any, *, reply_in: int | None = None, answered: str | None = None
    ) -> tuple[int, list[str]]:
        """Inject an update (a callable run on the loop) and wait until the bot is done: for
        the first reply in chat `reply_in`, or the answer to callback query `answered`, then
        for quiet. Returns the sandbox call index before it and the bot's new messages."""
        self.errors.records.clear()
        # Two seconds between examples, as between a patient's messages: inside the flood cap
        # (30 a minute) and Telegram's one message a second in a chat, which the rate limiter
        # then counts by this clock instead of making each example wait in real time.
        clock = self.harness.services.clock
        assert isinstance(clock, Clock)
        clock.advance(seconds=2)
        before_calls = len(self.sandbox.sent)
        before_events = self.sandbox.last_seq
        sandbox = self.sandbox

        async def go() -> None:
            inject()
            if reply_in is not None:
                with contextlib.suppress(AssertionError):  # judged by the caller
                    await sandbox.wait_for_message(reply_in, timeout=10)
            while answered is not None and answered not in sandbox.answered_callbacks:
                if self.errors.records:
                    break
                await asyncio.sleep(0.005)
            # A reply can be several messages with a pause between them (an answer saved, then
            # setup's next question): wait until the bot has no update left to handle.
            application = self.harness.application
            while (  # noqa: ASYNC110 - PTB's counters have no event to wait on
                application.update_queue.qsize()
                or application.update_processor.current_concurrent_updates
            ):
                await asyncio.sleep(0.005)
            quiet = 0.02 if reply_in is not None or answered is not None else 0.1
            await sandbox.wait_until_idle(quiet=quiet, timeout=20)

        self.run(go())
        new = [e.body for e in sandbox._events[before_events:] if e.from_bot]
        return before_calls, new

    def assert_clean(self, since_call: int, victim_before: list[tuple[Any, ...]]) -> None:
        assert not self.errors.records, [r.getMessage() for r in self.errors.records]
        refused = [
            (c.method, c.status, c.error) for c in self.sandbox.sent[since_call:] if c.status != 200
        ]
        assert not refused, f"the Bot API refused what the bot sent: {refused}"
        assert self.victim_rows() == victim_before, "another patient's data changed"


def _seed(harness: BotHarness) -> dict[str, list[int]]:
    now = harness.services.now()
    ids: dict[str, list[int]] = {}
    with harness.services.db.session() as session:
        patients = {}
        for chat in (SET_UP, VICTIM):
            patient = make_patient(
                chat, now, timezone="Europe/Berlin", start_date=date(2026, 11, 1)
            )
            session.add(patient)
            patients[chat] = patient
        session.flush()
        victim = patients[VICTIM]
        night = Night(
            patient_id=victim.id,
            local_date=date(2026, 11, 24),
            due_at=now - timedelta(hours=14),
            dose_mg=Decimal("1.5"),
            outcome="sent",
            sent_at=now - timedelta(hours=14),
            message_id=1,
        )
        question = FaqQuestion(
            patient_id=victim.id, text="victim question", kind="answer", score=1.0, created_at=now
        )
        checkin = Checkin(
            patient_id=victim.id, local_date=date(2026, 11, 25), created_at=now, note="private"
        )
        session.add_all([night, question, checkin])
        session.flush()
        ids = {"night": [night.id], "faq": [question.id], "checkin": [checkin.id]}
    return ids


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """One database per backend for the whole module: numbers too large for a column fail
    differently on each (OverflowError on SQLite, "integer out of range" on PostgreSQL)."""
    if request.param == "sqlite":
        database = Database(f"sqlite:///{tmp_path_factory.mktemp('fuzzdb') / 'fuzz.sqlite3'}")
        try:
            yield database
        finally:
            database.dispose()
        return
    if not POSTGRES_URL:
        pytest.skip(NO_POSTGRES)
    schema = f"fuzz_{uuid.uuid4().hex[:10]}"
    admin = create_engine(normalise_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    database = Database(postgres_schema_url(schema))
    try:
        yield database
    finally:
        database.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="module")
def live_bot(tmp_path_factory: pytest.TempPathFactory, backend: Database) -> Iterator[LiveBot]:
    tmp_path: Path = tmp_path_factory.mktemp("fuzz")
    clock = Clock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    stop: asyncio.Future[None] | None = None
    box: dict[str, Any] = {}

    async def serve() -> None:
        nonlocal stop
        stop = loop.create_future()
        async with running_bot(make_settings(tmp_path), clock=clock, db=backend) as harness:
            box["bot"] = LiveBot(harness, loop)
            ready.set()
            await stop

    def thread_main() -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(serve())
        except BaseException as error:  # surfaced to the test below
            box["error"] = error
            ready.set()

    thread = threading.Thread(target=thread_main, daemon=True)
    thread.start()
    assert ready.wait(60), "the bot did not start"
    if "error" in box:
        raise box["error"]
    live: LiveBot = box["bot"]
    live.victim_ids = live.run(asyncio.to_thread(_seed, live.harness))
    logging.getLogger().addHandler(live.errors)
    live.send(lambda: live.sandbox.send_text(NEWCOMER, "/start"))
    # /start's last message, the time zone question, can come after a quiet spell (the first
    # setup of the process); examples must not start before it.
    live.run(live.sandbox.wait_for_message(NEWCOMER, contains="your time zone", timeout=10))
    try:
        yield live
    finally:
        logging.getLogger().removeHandler(live.errors)
        assert stop is not None
        loop.call_soon_threadsafe(stop.set_result, None)
        thread.join(30)
        loop.close()


# Texts a patient could type: any Unicode (emoji, right-to-left, control characters) and
# pointed payloads. Telegram trims them and never delivers an empty message.
pointed_texts = st.sampled_from(
    [
        "'; DROP TABLE patients; --",
        "1 OR 1=1",
        "<b>bold</b> <script>alert(1)</script> &amp;",
        "*bold* _it_ [link](http://x) `code` ||spoiler||",
        "مرحبا، هل يمكنني تناول الدواء؟",  # right-to-left
        "\u202eevil\u202c what is LDN",
        "💊💊💊 🌙",
        "x" * 4096,
        "é" * 4096,
        "/",
        "what is LDN?\x00\x07\x1b[31m",
        "%s %d {0} {name}",
    ]
)
any_text = st.one_of(pointed_texts, st.text(min_size=1, max_size=600))


def telegram_text(text: str) -> str:
    return text.strip()[:4096]


@FUZZ
@given(text=any_text, chat=st.sampled_from([NEWCOMER, SET_UP]))
def test_any_text_gets_a_readable_reply_and_nothing_breaks(
    live_bot: LiveBot, text: str, chat: int
) -> None:
    text = telegram_text(text)
    assume(text)  # Telegram delivers no empty message: such an example is discarded, not passed
    victim = live_bot.victim_rows()
    command = text.startswith("/")
    since, replies = live_bot.send(
        lambda: live_bot.sandbox.send_text(chat, text), reply_in=None if command else chat
    )
    live_bot.assert_clean(since, victim)
    if not command:
        assert replies, f"no reply to {text!r}"
        assert all(r.strip() for r in replies)
    sent_to_others = {
        c.chat_id for c in live_bot.sandbox.sent[since:] if c.method == "sendMessage"
    } - {chat}
    assert not sent_to_others, f"a message went to another chat: {sent_to_others}"


# Digits that are not 0-9: superscripts and circled numbers ("digits" to str.isdigit, not
# to int()), Arabic-Indic and full-width ones (decimal digits int() reads).
unicode_digits = st.text(alphabet=st.sampled_from("²³¹⁰⁴⁹₂①⑩٣٤٥۷०७７８"), min_size=1, max_size=6)
# Ids no column can hold (SQLite's INTEGER is 64-bit, PostgreSQL's integer 32-bit), negative
# and zero ones.
out_of_range = st.one_of(
    st.integers(2**31, 10**30), st.integers(-(10**30), 0), st.sampled_from([2**31, 2**63, -1, 0])
).map(str)
command_args = st.lists(
    st.one_of(
        st.sampled_from(["0", "-1", "99999999999999999999", "1.5", "22:00", "25:99", "yes", ""]),
        unicode_digits,
        out_of_range,
        st.text(min_size=1, max_size=40).map(lambda s: "".join(s.split())).filter(bool),
    ),
    max_size=4,
)


@FUZZ
@example(command="pause", args=["²"], chat=SET_UP)
@example(command="pause", args=["99999999999999999999"], chat=SET_UP)
@example(command="pause", args=["٣"], chat=SET_UP)
@given(
    command=st.one_of(
        st.sampled_from(ALL_COMMANDS),
        st.from_regex(r"[a-z_]{1,20}", fullmatch=True),
    ),
    args=command_args,
    chat=st.sampled_from([NEWCOMER, SET_UP]),
)
def test_any_command_with_any_arguments_is_handled(
    live_bot: LiveBot, command: str, args: list[str], chat: int
) -> None:
    if command in ("delete",):
        args = [a for a in args if a]  # /delete asks to confirm with a button; still fine
    text = telegram_text(" ".join([f"/{command}", *args]))
    victim = live_bot.victim_rows()
    expects_reply = command in live_bot.registered_commands() and command != "admin"
    since, replies = live_bot.send(
        lambda: live_bot.sandbox.send_text(chat, text), reply_in=chat if expects_reply else None
    )
    live_bot.assert_clean(since, victim)
    if expects_reply:
        assert replies, f"no reply to {text!r}"


def forged_data(ids: dict[str, list[int]]) -> st.SearchStrategy[str]:
    victim_ids = st.sampled_from([i for values in ids.values() for i in values])
    feature = st.sampled_from(["night", "faq", "checkin", "screening", "setup", "settings", "x"])
    action = st.sampled_from(
        ["taken", "skip", "snooze", "up", "stay", "keep", "vote", "pick", "rate", "set", "note"]
    )
    structured = st.builds(
        lambda f, a, i, tail: ":".join([f, a, str(i), *tail]),
        feature,
        action,
        st.one_of(victim_ids, st.integers(-(2**63), 2**63), unicode_digits, out_of_range),
        st.lists(
            st.one_of(
                st.sampled_from(["up", "down", "yes", "no", "3", "opioids", "", "x"]),
                unicode_digits,
                out_of_range,
            ),
            max_size=2,
        ),
    )
    raw = st.text(max_size=64).filter(lambda s: len(s.encode()) <= 64)
    return st.one_of(structured, raw).filter(lambda s: len(s.encode()) <= 64)


@FUZZ
@given(data=st.data(), presser=st.sampled_from(["owner", "stranger"]))
def test_forged_button_presses_touch_nobody_else_and_are_answered(
    live_bot: LiveBot, data: st.DataObject, presser: str
) -> None:
    forged = data.draw(forged_data(live_bot.victim_ids), label="callback_data")
    chat = SET_UP
    sandbox = live_bot.sandbox
    shown = sandbox.messages(chat) or sandbox.messages(NEWCOMER)
    target_chat = chat if sandbox.messages(chat) else NEWCOMER
    message = shown[-1]
    query_id = f"forged{time.monotonic_ns()}"
    user_id = target_chat if presser == "owner" else VICTIM

    def press() -> None:
        push_forged_press(sandbox, query_id, user_id, target_chat, message, forged)

    victim = live_bot.victim_rows()
    since, _ = live_bot.send(press, answered=query_id)
    live_bot.assert_clean(since, victim)
    answered = sandbox.answered_callbacks.get(query_id)
    assert answered is not None, f"press {forged!r} was never answered (spinner left turning)"
    sent_to_victim = [c for c in sandbox.sent[since:] if c.chat_id == VICTIM]
    assert not sent_to_victim


def push_forged_press(
    sandbox: BotApiSandbox, query_id: str, user_id: int, chat_id: int, message: Any, data: str
) -> None:
    """A raw callback_query, as a modified client could send it (the sandbox's tap() only
    presses buttons that exist)."""
    sandbox._open_callbacks.add(query_id)
    sandbox.push_update(
        {
            "callback_query": {
                "id": query_id,
                "from": {"id": user_id, "is_bot": False, "first_name": "Pat"},
                "message": {
                    "message_id": message.message_id,
                    "date": message.date,
                    "chat": {"id": chat_id, "type": "private", "first_name": "Pat"},
                    "from": sandbox.bot_user,
                    "text": message.text or "…",
                },
                "chat_instance": "1",
                "data": data,
            }
        }
    )


# Every callback that carries a number, with each kind of malformed number: a superscript, an
# id too large for the column, a negative and a zero id.
MALFORMED_PRESSES = [
    f"{prefix}{number}{suffix}"
    for prefix, suffix in [
        ("night:taken:", ""),
        ("night:snooze:", ""),
        ("night:up:", ""),
        ("faq:vote:", ":up"),
        ("faq:pick:", ":starting_dose"),
        ("lft:done:", ""),
        ("lft:later:", ""),
        ("checkin:rate:", ":0:1"),
        ("checkin:score:", ":5"),
        ("checkin:skip:", ""),
    ]
    for number in ["²", "٣", "99999999999999999999", str(2**31), "-1", "0"]
] + [f"checkin:rate:{{victim}}:{n}:1" for n in ("²", "99999999999999999999", "-1")]


@pytest.mark.parametrize("forged", MALFORMED_PRESSES)
def test_malformed_numbers_in_buttons_are_answered_quietly(live_bot: LiveBot, forged: str) -> None:
    forged = forged.replace("{victim}", str(live_bot.victim_ids["checkin"][0]))
    sandbox = live_bot.sandbox
    message = sandbox.messages(SET_UP)[-1] if sandbox.messages(SET_UP) else None
    if message is None:
        live_bot.send(lambda: sandbox.send_text(SET_UP, "/help"), reply_in=SET_UP)
        message = sandbox.messages(SET_UP)[-1]
    query_id = f"malformed{time.monotonic_ns()}"

    def press() -> None:
        push_forged_press(sandbox, query_id, SET_UP, SET_UP, message, forged)

    victim = live_bot.victim_rows()
    since, _ = live_bot.send(press, answered=query_id)
    live_bot.assert_clean(since, victim)
    assert query_id in sandbox.answered_callbacks, f"{forged!r} left the spinner turning"


@pytest.mark.parametrize("number", ["²", "٣²", "99999999999999999999", str(2**31), "-3", "0"])
def test_pause_with_a_malformed_number_says_how_to_use_it(live_bot: LiveBot, number: str) -> None:
    victim = live_bot.victim_rows()
    since, replies = live_bot.send(
        lambda: live_bot.sandbox.send_text(SET_UP, f"/pause {number}"), reply_in=SET_UP
    )
    live_bot.assert_clean(since, victim)
    assert replies and "/pause" in replies[-1], replies

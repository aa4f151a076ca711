"""The per-application registry: what the features add when `bot/app.py` registers them.

One `Registry` is made for each Application (in `build_application`) and kept on its
`Services`; each feature's `register(application, registry)` fills it, and the handlers read
it through `context.services.registry`. Nothing here is global, so two Applications in one
process share nothing, and a feature module may import from here without an import cycle.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session
    from telegram import Update
    from telegram.ext import Application

    from bot.context import LdnContext
    from storage.models import Patient

LifecycleHook = Callable[["Application[Any, Any, Any, Any, Any, Any]"], Awaitable[None]]
# (update, context, text) -> None; the feature that set `awaiting` answers it.
AwaitingHandler = Callable[["Update", "LdnContext", str], Awaitable[None]]
# (update, context, text, *, patient_id=None, triaged=False); patient_id when the router already
# looked it up, triaged when it already triaged the text and found nothing.
FreeTextHandler = Callable[..., Awaitable[None]]
# (context, chat_id), once a patient's last setup question is answered.
SetupCompleteHook = Callable[["LdnContext", int], Awaitable[None]]
# A gate says why reminders must not start yet (e.g. opioids not cleared), or None.
ReminderGate = Callable[["Session", "Patient"], str | None]
# A note is a line a reminder must also carry (e.g. a caution while a safety answer is open).
ReminderNote = Callable[["Session", "Patient"], str | None]
# (text, concern id) -> whether the text is the awaited question's own answer rather than the
# red flag the triage read in it ("sometimes I take tramadol" at the opioid question).
ConcernAnswered = Callable[[str, str], bool]


@dataclass(frozen=True)
class SetupStep:
    """One guided-setup question: asked, in `order`, while `is_done` is False."""

    name: str
    order: int
    is_done: Callable[[Session, Patient], bool]
    ask: Callable[[LdnContext, int], Awaitable[None]]  # (context, chat_id)
    # Clears this step's answer when a patient starts setup over (None: nothing to clear).
    forget: Callable[[Session, Patient], None] | None = None


@dataclass
class Registry:
    """Start-up and shutdown hooks, setup steps, awaited-text routes and reminder gates of
    one Application."""

    startup_hooks: list[LifecycleHook] = field(default_factory=list)
    shutdown_hooks: list[LifecycleHook] = field(default_factory=list)
    setup_steps: list[SetupStep] = field(default_factory=list)  # kept in `order`
    setup_complete_hooks: list[SetupCompleteHook] = field(default_factory=list)
    awaiting_routes: dict[str, AwaitingHandler] = field(default_factory=dict)
    # Answers worth keeping even when they raise a red flag (a check-in note belongs in the record).
    kept_after_safety: set[str] = field(default_factory=set)
    # Questions whose own answer may read as a red flag: what counts as the answer there.
    concern_answers: dict[str, ConcernAnswered] = field(default_factory=dict)
    # Questions that can be asked again as they were (after /help, "stop", /start mid-setup).
    askers: dict[str, Callable[[LdnContext, int], Awaitable[None]]] = field(default_factory=dict)
    free_text_fallback: FreeTextHandler | None = None
    reminder_gates: list[ReminderGate] = field(default_factory=list)
    reminder_notes: list[ReminderNote] = field(default_factory=list)

    def at_startup(self, hook: LifecycleHook) -> None:
        if hook not in self.startup_hooks:
            self.startup_hooks.append(hook)

    def at_shutdown(self, hook: LifecycleHook) -> None:
        if hook not in self.shutdown_hooks:
            self.shutdown_hooks.append(hook)

    def add_setup_step(self, step: SetupStep) -> None:
        """Add a setup step; steps are asked in `order`."""
        if any(existing.name == step.name for existing in self.setup_steps):
            return
        self.setup_steps.append(step)
        self.setup_steps.sort(key=lambda s: s.order)

    def on_setup_complete(self, hook: SetupCompleteHook) -> None:
        if hook not in self.setup_complete_hooks:
            self.setup_complete_hooks.append(hook)

    def when_awaiting(
        self,
        name: str,
        handler: AwaitingHandler,
        *,
        also_after_safety_message: bool = False,
        answers_concern: ConcernAnswered | None = None,
        ask_again: Callable[[LdnContext, int], Awaitable[None]] | None = None,
    ) -> None:
        """Route free text to `handler` while a patient's `awaiting` is `name`.

        A red flag always gets the safety message first; with `also_after_safety_message` the
        text is then still given to `handler` (e.g. saved as the note it was typed as). A
        question about the very thing a red flag is about (the opioid question) says with
        `answers_concern` which such texts are its answer and get no safety message.
        `ask_again` asks the question once more, as it was first asked.
        """
        self.awaiting_routes[name] = handler
        if ask_again is not None:
            self.askers[name] = ask_again
        if also_after_safety_message:
            self.kept_after_safety.add(name)
        if answers_concern is not None:
            self.concern_answers[name] = answers_concern

    def set_free_text_fallback(self, handler: FreeTextHandler) -> None:
        """What answers free text nobody is waiting for (the FAQ)."""
        self.free_text_fallback = handler

    def add_reminder_gate(self, gate: ReminderGate) -> None:
        if gate not in self.reminder_gates:
            self.reminder_gates.append(gate)

    def add_reminder_note(self, note: ReminderNote) -> None:
        if note not in self.reminder_notes:
            self.reminder_notes.append(note)

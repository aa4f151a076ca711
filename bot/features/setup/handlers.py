"""Guided setup: each feature registers the steps it needs; setup asks the first one missing.

Every answer is saved as it is given, so an interrupted setup resumes where it stopped.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.context import LdnContext
from storage.models import Patient
from storage.patients import PatientRepository


@dataclass(frozen=True)
class SetupStep:
    name: str
    order: int
    is_done: Callable[[Session, Patient], bool]
    ask: Callable[[LdnContext, int], Awaitable[None]]  # (context, chat_id)


SetupCompleteHook = Callable[[LdnContext, int], Awaitable[None]]

_steps: list[SetupStep] = []
_on_complete: list[SetupCompleteHook] = []


def add_setup_step(step: SetupStep) -> None:
    """Register a setup step; steps are asked in `order`."""
    if any(existing.name == step.name for existing in _steps):
        return
    _steps.append(step)
    _steps.sort(key=lambda s: s.order)


def on_setup_complete(hook: SetupCompleteHook) -> None:
    if hook not in _on_complete:
        _on_complete.append(hook)


def setup_steps() -> tuple[SetupStep, ...]:
    return tuple(_steps)


async def continue_setup(context: LdnContext, chat_id: int) -> None:
    """Ask the next unanswered setup question, or finish setup when none is left."""
    services = context.services

    def next_step(session: Session) -> tuple[SetupStep | None, bool] | None:
        """(the first unanswered step, whether setup is finishing now); None: no patient."""
        patient = PatientRepository(session).find(chat_id)
        if patient is None:
            return None
        missing = next((s for s in _steps if not s.is_done(session, patient)), None)
        finishing = missing is None and patient.setup_completed_at is None
        if finishing:
            patient.setup_completed_at = services.now()
        return missing, finishing

    found = await services.db.run(next_step)
    if found is None:
        return
    missing, finishing = found
    if missing is not None:
        await missing.ask(context, chat_id)
        return
    if finishing:
        for hook in _on_complete:
            await hook(context, chat_id)

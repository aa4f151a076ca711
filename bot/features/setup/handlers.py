"""Guided setup: each feature adds the steps it needs to the Application's registry; setup
asks the first one missing.

Every answer is saved as it is given, so an interrupted setup resumes where it stopped.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.context import LdnContext
from bot.registry import SetupCompleteHook, SetupStep
from storage.patients import PatientRepository

__all__ = ["SetupCompleteHook", "SetupStep", "continue_setup"]


async def continue_setup(context: LdnContext, chat_id: int) -> None:
    """Ask the next unanswered setup question, or finish setup when none is left."""
    services = context.services
    registry = services.registry

    def next_step(session: Session) -> tuple[SetupStep | None, bool] | None:
        """(the first unanswered step, whether setup is finishing now); None: no patient."""
        patient = PatientRepository(session).find(chat_id)
        if patient is None:
            return None
        missing = next((s for s in registry.setup_steps if not s.is_done(session, patient)), None)
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
        for hook in registry.setup_complete_hooks:
            await hook(context, chat_id)

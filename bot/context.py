"""What every handler gets: the typed context and the services built once at start."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Settings
from bot.features.safety.numbers import CountryLines, LocalNumbers, SafetyNumbers
from bot.registry import Registry
from storage.clock import utcnow
from storage.db import Database

if TYPE_CHECKING:
    from faq.multilingual import MultilingualFaq
    from faq.semantic import SentenceEncoder
    from faq.triage import SecondNet
    from storage.patients import AtAGlance


@dataclass
class Services:
    """Created once by the composition root and shared by all handlers."""

    settings: Settings
    db: Database
    clock: Callable[[], datetime] = utcnow
    faq: MultilingualFaq | None = None
    safety_net: SecondNet | None = None  # the triage's semantic net; None: its rules alone
    # The FAQ's sentence encoder (None when off or not installed), shared with the triage.
    encoder: SentenceEncoder | None = None
    # Filled by features at start (metrics, dispatcher state, ...), keyed by feature name.
    extras: dict[str, Any] = field(default_factory=dict)
    # What the features registered (hooks, setup steps, text routes, reminder gates): one per
    # Application, made by build_application.
    registry: Registry = field(default_factory=Registry)

    def now(self) -> datetime:
        return self.clock()

    def safety_numbers(self, zone: str | None) -> LocalNumbers:
        """The emergency, crisis and poison numbers for a patient in time zone `zone`."""
        lookup = self.extras.get("safety_numbers")
        if lookup is None:
            safety = self.settings.safety
            lookup = self.extras["safety_numbers"] = SafetyNumbers(
                default_emergency=safety.emergency_number,
                default_crisis_line=safety.crisis_line,
                default_poison_line=safety.poison_line,
                overrides={
                    code: CountryLines(**lines.model_dump())
                    for code, lines in safety.countries.items()
                },
            )
        return lookup.for_zone(zone)  # type: ignore[no-any-return]


class LdnContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """CallbackContext with the bot's services one attribute away. One is made per update and
    handed to each handler group in turn."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application, chat_id, user_id)
        # The chat's patient as the language look-up read them at the start of this update
        # (bot/features/language), so the free-text router need not read them again; only
        # when `patient_read` (the look-up is skipped while the chat's language is known).
        self.patient_read = False
        self.patient: AtAGlance | None = None

    def read_patient(self, patient: AtAGlance | None) -> None:
        """What the look-up found at the start of this update (None: a stranger)."""
        self.patient_read = True
        self.patient = patient

    @property
    def services(self) -> Services:
        return services_of(self.application)


def services_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    return application.bot_data["services"]  # type: ignore[no-any-return]

"""The side effects the guide names and how bad each was (whether they hold a step up:
`bot.domain.adherence.step_up_hold`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Severity(IntEnum):
    NONE = 0
    MILD = 1
    MODERATE = 2
    SEVERE = 3


@dataclass(frozen=True)
class SideEffect:
    key: str  # the column name on a check-in; worded by bot/features/checkins/texts.py


SIDE_EFFECTS: tuple[SideEffect, ...] = (
    SideEffect("vivid_dreams"),
    SideEffect("sleep_disturbance"),
    SideEffect("nausea"),
    SideEffect("symptom_flare"),
)


@dataclass(frozen=True)
class ReportedEffects:
    """One completed check-in's severities, keyed by SideEffect.key."""

    severities: dict[str, Severity]

    def worst(self) -> tuple[SideEffect, Severity] | None:
        ranked = [(e, self.severities.get(e.key, Severity.NONE)) for e in SIDE_EFFECTS]
        effect, severity = max(ranked, key=lambda pair: pair[1])
        return (effect, severity) if severity > Severity.NONE else None


def reported_effects(checkin: object) -> ReportedEffects:
    """Read severities from anything with one attribute per side effect (a stored check-in)."""
    severities = {}
    for effect in SIDE_EFFECTS:
        value = getattr(checkin, effect.key, None)
        if value is not None:
            severities[effect.key] = Severity(value)
    return ReportedEffects(severities)


def effects_at_least(reported: ReportedEffects, severity: Severity) -> list[SideEffect]:
    """The effects reported at `severity` or worse, in the guide's order."""
    return [e for e in SIDE_EFFECTS if reported.severities.get(e.key, Severity.NONE) >= severity]


def side_effect(key: str) -> SideEffect:
    """The side effect named by its key (a check-in column)."""
    for effect in SIDE_EFFECTS:
        if effect.key == key:
            return effect
    raise KeyError(key)


# The guide: a flare as the immune system recalibrates is expected in the first 1-2 weeks.
EARLY_FLARE_DAYS = 14


def is_early_flare(days_on_ldn: int | None) -> bool:
    """True when a flare falls in the early weeks the guide describes as expected."""
    return days_on_ldn is not None and 0 <= days_on_ldn <= EARLY_FLARE_DAYS

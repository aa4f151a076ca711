"""The side effects the guide names, how bad each was, and when they hold a step up."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum


class Severity(IntEnum):
    NONE = 0
    MILD = 1
    MODERATE = 2
    SEVERE = 3


@dataclass(frozen=True)
class SideEffect:
    key: str  # the column name on a check-in
    label: str  # how the patient reads it


SIDE_EFFECTS: tuple[SideEffect, ...] = (
    SideEffect("vivid_dreams", "Vivid dreams or nightmares"),
    SideEffect("sleep_disturbance", "Sleep disturbance"),
    SideEffect("nausea", "Nausea"),
    SideEffect("symptom_flare", "Symptom flare"),
)

CHECKINS_THAT_HOLD_A_STEP = 3


@dataclass(frozen=True)
class ReportedEffects:
    """One completed check-in's severities, keyed by SideEffect.key."""

    severities: dict[str, Severity]

    def worst(self) -> tuple[SideEffect, Severity] | None:
        ranked = [(e, self.severities.get(e.key, Severity.NONE)) for e in SIDE_EFFECTS]
        effect, severity = max(ranked, key=lambda pair: pair[1])
        return (effect, severity) if severity > Severity.NONE else None


def step_up_hold(recent: Sequence[ReportedEffects]) -> SideEffect | None:
    """The effect that holds a step up: moderate or worse in one of the last 3 check-ins.

    `recent` is newest first; only its first three count.
    """
    for checkin in recent[:CHECKINS_THAT_HOLD_A_STEP]:
        worst = checkin.worst()
        if worst is not None and worst[1] >= Severity.MODERATE:
            return worst[0]
    return None


def reported_effects(checkin: object) -> ReportedEffects:
    """Read severities from anything with one attribute per side effect (a stored check-in)."""
    severities = {}
    for effect in SIDE_EFFECTS:
        value = getattr(checkin, effect.key, None)
        if value is not None:
            severities[effect.key] = Severity(value)
    return ReportedEffects(severities)

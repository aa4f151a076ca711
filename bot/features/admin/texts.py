"""What an operator reads on /admin (operators only; no patient sees these)."""

from __future__ import annotations

from storage.admin import Adherence, PatientCounts

TITLE = "Bot overview"
NO_NIGHTS_YET = "no recorded nights yet"
NO_UNANSWERED = "none asked by that many patients"


def overview(
    patients: PatientCounts,
    adherence_30: Adherence,
    adherence_all: Adherence,
    unanswered: list[tuple[str, int]],
    asked_by: int = 1,
) -> str:
    lines = [
        TITLE,
        "",
        f"Patients: {patients.total}",
        f"  active: {patients.active}",
        f"  paused: {patients.paused}",
        f"  blocked the bot: {patients.blocked}",
        f"  setup not finished: {patients.not_set_up}",
        "",
        "Adherence (doses taken of nights recorded):",
        f"  last 30 days: {_adherence(adherence_30)}",
        f"  all time: {_adherence(adherence_all)}",
        "",
        f"Top unanswered FAQ questions (each asked by {asked_by} or more patients):"
        if asked_by > 1
        else "Top unanswered FAQ questions:",
    ]
    if unanswered:
        lines += [f"  {count}× {_shorten(text)}" for text, count in unanswered]
    else:
        lines.append(f"  {NO_UNANSWERED}")
    return "\n".join(lines)


def _adherence(counts: Adherence) -> str:
    if counts.rate is None:
        return NO_NIGHTS_YET
    return (
        f"{counts.rate:.0%} ({counts.taken} taken, {counts.skipped} skipped, "
        f"{counts.missed} missed)"
    )


def _shorten(text: str, limit: int = 120) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"

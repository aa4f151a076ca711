"""What an operator reads on /admin (operators only; no patient sees these)."""

from __future__ import annotations

from bot.i18n import _
from storage.admin import Adherence, PatientCounts


def overview(
    patients: PatientCounts,
    adherence_30: Adherence,
    adherence_all: Adherence,
    unanswered: list[tuple[str, int]],
    asked_by: int = 1,
) -> str:
    lines = [
        _("Bot overview"),
        "",
        _("Patients: {n}", n=patients.total),
        _("  active: {n}", n=patients.active),
        _("  paused: {n}", n=patients.paused),
        _("  blocked the bot: {n}", n=patients.blocked),
        _("  setup not finished: {n}", n=patients.not_set_up),
        "",
        _("Adherence (doses taken of nights recorded):"),
        _("  last 30 days: {adherence}", adherence=_adherence(adherence_30)),
        _("  all time: {adherence}", adherence=_adherence(adherence_all)),
        "",
        _("Top unanswered FAQ questions (each asked by {n} or more patients):", n=asked_by)
        if asked_by > 1
        else _("Top unanswered FAQ questions:"),
    ]
    if unanswered:
        lines += [
            _("  {count}× {question}", count=count, question=_shorten(text))
            for text, count in unanswered
        ]
    else:
        lines.append(_("  none asked by that many patients"))
    return "\n".join(lines)


def _adherence(counts: Adherence) -> str:
    if counts.rate is None:
        return _("no recorded nights yet")
    return _(
        "{rate:.0%} ({taken} taken, {skipped} skipped, {missed} missed)",
        rate=counts.rate,
        taken=counts.taken,
        skipped=counts.skipped,
        missed=counts.missed,
    )


def _shorten(text: str, limit: int = 120) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"

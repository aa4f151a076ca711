"""How much one chat may make the bot do: at most `per_minute` messages and button taps a
minute, saved up to that many (a patient tapping through setup quickly, or sending a few
messages at once, stays well inside it).

Beyond it, the first message gets one polite "slow down" and the rest are dropped: not
answered, not stored. The allowance comes back at `per_minute` a minute; a chat that is warned
is warned again only once it has been quiet long enough to have its whole allowance back.
Pure: the caller gives the time (seconds, any origin) and the chat.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Literal

Verdict = Literal["answer", "slow_down", "drop"]

# Chats remembered before the ones back at their full allowance are forgotten.
_MAX_CHATS = 10_000


@dataclass
class _Allowance:
    left: float
    at: float
    warned: bool = False


class FloodCap:
    """Per chat: what to do with a message or tap that arrives at `now`."""

    def __init__(self, per_minute: int) -> None:
        if per_minute < 1:
            raise ValueError("per_minute must be at least 1")
        self.per_minute = per_minute
        self._rate = per_minute / 60
        self._chats: dict[Hashable, _Allowance] = {}

    def _refill(self, allowance: _Allowance, now: float) -> None:
        elapsed = max(0.0, now - allowance.at)
        allowance.left = min(self.per_minute, allowance.left + elapsed * self._rate)
        allowance.at = now

    def arrive(self, chat: Hashable, now: float) -> Verdict:
        allowance = self._chats.get(chat)
        if allowance is None:
            if len(self._chats) >= _MAX_CHATS:
                self._forget_full(now)
            allowance = self._chats[chat] = _Allowance(float(self.per_minute), now)
        self._refill(allowance, now)
        if allowance.warned and allowance.left >= self.per_minute:
            allowance.warned = False  # quiet for a while: a new flood gets a new warning
        if allowance.left >= 1:
            allowance.left -= 1
            return "answer"
        if not allowance.warned:
            allowance.warned = True
            return "slow_down"
        return "drop"

    def _forget_full(self, now: float) -> None:
        for chat, allowance in list(self._chats.items()):
            self._refill(allowance, now)
            if allowance.left >= self.per_minute:
                del self._chats[chat]

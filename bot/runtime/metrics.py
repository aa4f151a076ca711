"""Every Prometheus metric the bot exports, in one place.

Each Services gets its own CollectorRegistry (tests build many apps in one process); reach
it with `metrics_of(services)`, which creates it on first use and keeps it in
`services.extras["metrics"]`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from prometheus_client import CollectorRegistry, Counter, Gauge

from bot.context import Services

FAQ_KINDS = ("answer", "clarify", "unknown", "safety")


@dataclass
class BotMetrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)
    # Set by the dispatcher at the end of every tick (services.now()); /healthz reads it.
    last_tick_at: datetime | None = None

    def __post_init__(self) -> None:
        r = self.registry
        self.updates_handled = Counter(
            "ldn_updates_handled", "Telegram updates the bot received and handled", registry=r
        )
        self.reminders_due = Gauge(
            "ldn_reminders_due",
            "Reminders due now and not yet claimed by the dispatcher (refreshed on scrape)",
            registry=r,
        )
        self.reminders_claimed = Counter(
            "ldn_reminders_claimed", "Due reminders the dispatcher claimed to send", registry=r
        )
        self.reminders_sent = Counter(
            "ldn_reminders_sent", "Reminders Telegram accepted", registry=r
        )
        self.reminders_failed = Counter(
            "ldn_reminders_failed",
            "Reminder sends that failed, by reason (blocked, retry, error)",
            ["reason"],
            registry=r,
        )
        self.dispatcher_lag = Gauge(
            "ldn_dispatcher_lag_seconds",
            "Now minus the oldest reminder that is due and not sent (0 when none)",
            registry=r,
        )
        self.dispatcher_last_tick = Gauge(
            "ldn_dispatcher_last_tick_timestamp_seconds",
            "When the reminder dispatcher last finished a tick (Unix time)",
            registry=r,
        )
        self.faq_replies = Counter(
            "ldn_faq_replies",
            "Free-text questions by how the FAQ replied (answer, clarify, unknown, safety)",
            ["kind"],
            registry=r,
        )
        for kind in FAQ_KINDS:
            self.faq_replies.labels(kind)  # exported as 0 before the first question
        for reason in ("blocked", "retry", "error"):
            self.reminders_failed.labels(reason)

    def tick_done(self, now: datetime) -> None:
        """The dispatcher finished a tick (call it with services.now())."""
        self.last_tick_at = now
        self.dispatcher_last_tick.set(now.timestamp())


def metrics_of(services: Services) -> BotMetrics:
    """This bot's metrics, created on first use."""
    metrics = services.extras.get("metrics")
    if metrics is None:
        metrics = services.extras["metrics"] = BotMetrics()
    assert isinstance(metrics, BotMetrics)
    return metrics

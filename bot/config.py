"""The operator's config file: TOML read into typed, validated settings.

Every key but the token is optional. A wrong file stops the bot with one line that names
the key and what is wrong; the token never appears in that line or in any log.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.features.safety.numbers import known_countries

TOKEN_ENV = "LDN_BOT_TOKEN"
DEFAULT_SQLITE_NAME = "ldn-bot.sqlite3"
STATE_DIRECTORY_ENV = "STATE_DIRECTORY"


class ConfigError(Exception):
    """A config problem, worded for the operator in one line."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# A webhook secret shorter than this can be guessed by whoever reaches the port.
MIN_WEBHOOK_SECRET_LENGTH = 16


class WebhookSettings(_Section):
    # Loopback: a TLS-terminating reverse proxy on the same host forwards Telegram's POSTs.
    listen: str = "127.0.0.1"
    port: Annotated[int, Field(ge=1, le=65535)] = 8443
    url: str | None = None
    secret_token: SecretStr | None = None

    @field_validator("secret_token")
    @classmethod
    def _telegram_secret_alphabet(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        secret = value.get_secret_value()
        allowed = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
        if not 1 <= len(secret) <= 256 or not set(secret) <= allowed:
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)")
        return value


class TelegramSettings(_Section):
    token: SecretStr | None = None
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str | None = None
    mode: Literal["polling", "webhook"] = "polling"
    webhook: WebhookSettings = WebhookSettings()
    # Telegram allows about 30 messages a second overall; 0 switches the limiter off.
    messages_per_second: Annotated[float, Field(ge=0)] = 30.0
    # Of that, kept free for replies to patients; nightly bulk sends use the rest. Replies go
    # ahead of bulk sends anyway, so none is needed for them not to wait behind a wave.
    reserved_for_replies_per_second: Annotated[float, Field(ge=0)] = 0.0
    connection_pool_size: Annotated[int, Field(ge=1, le=1024)] = 64
    request_timeout_seconds: Annotated[float, Field(gt=0)] = 15.0
    # The HTTP library PTB talks to Telegram with (aiohttp sends the nightly wave faster).
    http_client: Literal["httpx", "aiohttp"] = "aiohttp"
    # Messages and button taps one chat may send a minute; beyond, one "slow down" and the
    # rest are ignored (not answered, not stored). 0 = no cap.
    flood_cap_per_minute: Annotated[int, Field(ge=0, le=10000)] = 30

    @model_validator(mode="after")
    def _room_for_bulk_sends(self) -> TelegramSettings:
        if 0 < self.messages_per_second <= self.reserved_for_replies_per_second:
            raise ValueError(
                "reserved_for_replies_per_second must be below messages_per_second "
                "(the rest is what reminders and other scheduled messages may use)"
            )
        return self

    @field_validator("token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and ":" not in value.get_secret_value():
            raise ValueError(
                "does not look like a bot token from @BotFather (expected 'digits:letters')"
            )
        return value


class StorageSettings(_Section):
    url: str | None = None
    echo_sql: bool = False
    # The longest any database call may take (a statement, a unit of work, a pool slot);
    # after that the caller gets an error and the patient a short apology, nothing hangs.
    timeout_seconds: Annotated[float, Field(gt=0, le=300)] = 5.0
    connect_timeout_seconds: Annotated[float, Field(ge=1, le=300)] = 5.0


class RemindersSettings(_Section):
    tick_seconds: Annotated[float, Field(gt=0, le=300)] = 15.0
    follow_up_after_minutes: Annotated[int, Field(ge=1, le=600)] = 45
    missed_after_hours: Annotated[float, Field(gt=0, le=20)] = 4.0
    snooze_minutes: Annotated[int, Field(ge=1, le=240)] = 30
    send_concurrency: Annotated[int, Field(ge=1, le=1000)] = 64
    claim_batch: Annotated[int, Field(ge=1, le=10000)] = 500
    claim_lease_seconds: Annotated[int, Field(ge=10, le=3600)] = 120
    send_retries: Annotated[int, Field(ge=0, le=10)] = 3


class CheckinsSettings(_Section):
    enabled: bool = True
    time: dt.time = dt.time(9, 0)
    first_nights: Annotated[int, Field(ge=0, le=90)] = 14
    days_after_step_up: Annotated[int, Field(ge=0, le=30)] = 7
    weekly_every_days: Annotated[int, Field(ge=1, le=60)] = 7


class MonitoringSettings(_Section):
    lft_months: list[Annotated[int, Field(ge=0, le=60)]] = [0, 3, 6]
    remind_later_days: Annotated[int, Field(ge=1, le=60)] = 3
    milestone_weeks: list[Annotated[int, Field(ge=1, le=104)]] = [4, 8, 12]
    autoimmune_milestone_months: list[Annotated[int, Field(ge=1, le=24)]] = [3, 6]
    time: dt.time = dt.time(10, 0)


class RefillsSettings(_Section):
    warn_days_before: Annotated[int, Field(ge=1, le=60)] = 10


def _dialable(value: str) -> str:
    if not re.fullmatch(r"\+?[0-9][0-9 ()-]{0,19}", value.strip()):
        raise ValueError("should be a number to dial, like 911 or 112")
    return value.strip()


_PHONE_NUMBER = Annotated[str, AfterValidator(_dialable)]
_LINE_TEXT = Annotated[str, Field(min_length=1, max_length=200)]


class CountrySafetySettings(_Section):
    """`[safety.countries.XX]`: numbers for patients whose time zone is in country XX."""

    emergency: _PHONE_NUMBER | None = None
    crisis_line: _LINE_TEXT | None = None
    poison_line: _LINE_TEXT | None = None
    animal_poison_line: _LINE_TEXT | None = None


class SafetySettings(_Section):
    # For patients whose country is unknown (no time zone yet, or a UTC offset).
    emergency_number: _PHONE_NUMBER = "112"
    crisis_line: _LINE_TEXT = (
        "your local crisis line (in the US call or text 988; in the UK call 116 123)"
    )
    poison_line: _LINE_TEXT | None = None
    semantic_net: bool = True
    # Per country (ISO code), over the numbers the bot looks up (bot/features/safety/numbers.py).
    countries: dict[str, CountrySafetySettings] = {}

    @field_validator("countries")
    @classmethod
    def _iso_country_codes(
        cls, value: dict[str, CountrySafetySettings]
    ) -> dict[str, CountrySafetySettings]:
        known = known_countries()
        for code in value:
            if code not in known:
                raise ValueError(
                    f"{code!r} is not a country code (use a two-letter ISO code in capitals, "
                    "like US or GB)"
                )
        return value


class FaqSettings(_Section):
    path: Path | None = None
    semantic: bool = True  # the sentence-embedding layer (faq/semantic.py); off = words only


class ObservabilitySettings(_Section):
    port: Annotated[int, Field(ge=0, le=65535)] | None = None
    listen: str = "127.0.0.1"
    log_format: Literal["text", "json"] = "text"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    max_dispatch_lag_seconds: Annotated[float, Field(gt=0)] = 120.0


class AdminSettings(_Section):
    chat_ids: list[int] = []


class PrivacySettings(_Section):
    # Questions typed to the FAQ are deleted this many days after they were asked.
    keep_questions_days: Annotated[int, Field(ge=1, le=3650)] = 180
    # Only each patient's latest questions are kept; older ones go as new ones come.
    keep_questions_per_patient: Annotated[int, Field(ge=1, le=10000)] = 200
    # /admin and `faq report` show a question's text only once this many patients asked it.
    show_questions_asked_by: Annotated[int, Field(ge=1, le=1000)] = 3


class Settings(_Section):
    telegram: TelegramSettings = TelegramSettings()
    storage: StorageSettings = StorageSettings()
    reminders: RemindersSettings = RemindersSettings()
    checkins: CheckinsSettings = CheckinsSettings()
    monitoring: MonitoringSettings = MonitoringSettings()
    refills: RefillsSettings = RefillsSettings()
    safety: SafetySettings = SafetySettings()
    faq: FaqSettings = FaqSettings()
    observability: ObservabilitySettings = ObservabilitySettings()
    admin: AdminSettings = AdminSettings()
    privacy: PrivacySettings = PrivacySettings()

    @model_validator(mode="after")
    def _webhook_needs_url(self) -> Settings:
        if self.telegram.mode == "webhook" and not self.telegram.webhook.url:
            raise ValueError("telegram.webhook.url is required when telegram.mode = 'webhook'")
        return self

    def webhook_problem(self) -> str | None:
        """Why this webhook config would let anyone who reaches the port post updates."""
        if self.telegram.mode != "webhook":
            return None
        secret = self.telegram.webhook.secret_token
        key = "telegram.webhook.secret_token"
        if secret is None:
            return (
                f"{key}: required when telegram.mode = 'webhook' (without it anyone who "
                "reaches the port can post updates as any patient)"
            )
        if len(secret.get_secret_value()) < MIN_WEBHOOK_SECRET_LENGTH:
            return f"{key}: at least {MIN_WEBHOOK_SECRET_LENGTH} characters (a long random string)"
        return None

    @property
    def token(self) -> str:
        if self.telegram.token is None:
            raise ConfigError(f"telegram.token: missing (set it in the file or in ${TOKEN_ENV})")
        return self.telegram.token.get_secret_value()


def _describe(error: ValidationError) -> str:
    problems = []
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"]) or "(file)"
        if item["type"] == "extra_forbidden":
            problems.append(f"{key}: unknown key")
        else:
            message = item["msg"].removeprefix("Value error, ")
            problems.append(f"{key}: {message}")
    return "; ".join(problems)


def default_data_dir(config_dir: Path, environ: dict[str, str]) -> Path:
    """Where the default SQLite file goes: systemd's StateDirectory (`$STATE_DIRECTORY`, the
    first when it names several) when it set one, else beside the config file."""
    state = environ.get(STATE_DIRECTORY_ENV, "").split(":")[0]
    return Path(state) if state else config_dir


def parse_settings(
    data: dict, *, config_dir: Path, environ: dict[str, str] | None = None
) -> Settings:
    """Validate a parsed TOML mapping, filling in the token from the environment and the
    default SQLite file beside the config."""
    environ = dict(os.environ) if environ is None else environ
    telegram = dict(data.get("telegram") or {})
    if environ.get(TOKEN_ENV) and not telegram.get("token"):
        telegram["token"] = environ[TOKEN_ENV]
    data = {**data, "telegram": telegram}
    try:
        settings = Settings.model_validate(data)
    except ValidationError as error:
        raise ConfigError(_describe(error)) from None
    if settings.telegram.token is None:
        raise ConfigError(f"telegram.token: missing (set it in the file or in ${TOKEN_ENV})")
    if problem := settings.webhook_problem():
        raise ConfigError(problem)
    storage = settings.storage
    if storage.url is None:
        data_dir = default_data_dir(config_dir, environ)
        storage = storage.model_copy(update={"url": f"sqlite:///{data_dir / DEFAULT_SQLITE_NAME}"})
    elif storage.url.startswith("sqlite:///") and not storage.url.startswith("sqlite:////"):
        relative = storage.url.removeprefix("sqlite:///")
        if relative and relative != ":memory:":
            storage = storage.model_copy(update={"url": f"sqlite:///{config_dir / relative}"})
    faq = settings.faq
    if faq.path is not None and not faq.path.is_absolute():
        faq = faq.model_copy(update={"path": config_dir / faq.path})
    return settings.model_copy(update={"storage": storage, "faq": faq})


def load_settings(path: Path, *, environ: dict[str, str] | None = None) -> Settings:
    """Read and validate the config file; raise ConfigError with one clear line otherwise."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read it ({error.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None
    return parse_settings(data, config_dir=path.resolve().parent, environ=environ)

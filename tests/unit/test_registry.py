"""Each Application has its own registry: two bots in one process share no setup step, text
route, reminder gate or hook; and a feature module can import from bot.registry (no cycle)."""

from __future__ import annotations

import subprocess
import sys
from datetime import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from bot.app import FEATURES, LdnApplication, build_application, build_services
from bot.context import services_of
from bot.features.reminders.scheduling import why_no_reminders
from bot.registry import Registry, SetupStep
from tests.conftest import make_settings

ONE_QUESTION_FAQ = """
[[entry]]
id = "only-one"
question = "Is this the small FAQ?"
phrasings = ["small faq", "the little faq", "a tiny faq"]
answer = "It is the small FAQ."
tags = ["t"]
section = "Timing"
"""


def _build(tmp_path: Path, name: str, **faq: Any) -> LdnApplication:
    folder = tmp_path / name
    folder.mkdir()
    settings = make_settings(
        folder,
        faq={"semantic": False, **faq},
        safety={"semantic_net": False},
        storage={"url": f"sqlite:///{folder / 'bot.sqlite3'}"},
    )
    return build_application(settings, build_services(settings))


def _registry(application: LdnApplication) -> Registry:
    return services_of(application).registry


def _set_up_patient() -> Any:
    return SimpleNamespace(
        blocked_at=None, paused=False, timezone="Europe/Berlin", reminder_time=time(21, 0)
    )


def test_two_applications_in_one_process_share_nothing(tmp_path: Path) -> None:
    small_faq = tmp_path / "small-faq.toml"
    small_faq.write_text(ONE_QUESTION_FAQ, encoding="utf-8")
    shipped = _build(tmp_path, "shipped")
    small = _build(tmp_path, "small", path=str(small_faq))
    assert len(services_of(small).faq.entries) == 1  # type: ignore[union-attr]
    assert len(services_of(shipped).faq.entries) > 1  # type: ignore[union-attr]

    first, second = _registry(shipped), _registry(small)
    assert first is not second
    # Both bots are whole: the same features registered the same things into each.
    for registry in (first, second):
        assert [s.name for s in registry.setup_steps][:2] == ["timezone", "time"]
        assert "setup:timezone" in registry.awaiting_routes
        assert registry.free_text_fallback is not None
        assert registry.reminder_gates and registry.startup_hooks

    # What is added to one bot (a step, a route, a gate, a hook) stays out of the other.
    async def ask(context: Any, chat_id: int) -> None: ...

    async def answer(update: Any, context: Any, text: str) -> None: ...

    async def hook(application: Any) -> None: ...

    def held(session: Any, patient: Any) -> str:
        return "held in the first bot"

    first.add_setup_step(SetupStep("only-in-first", 99, lambda session, p: False, ask))
    first.when_awaiting("only-in-first", answer)
    first.add_reminder_gate(held)
    first.at_startup(hook)

    assert "only-in-first" not in [s.name for s in second.setup_steps]
    assert "only-in-first" not in second.awaiting_routes
    assert held not in second.reminder_gates
    assert hook not in second.startup_hooks
    # why_no_reminders reads the gates of the registry it is given, and only those.
    patient = _set_up_patient()
    assert (
        why_no_reminders(None, patient, Registry(reminder_gates=[held])) == "held in the first bot"
    )  # type: ignore[arg-type]
    assert why_no_reminders(None, patient, Registry()) is None  # type: ignore[arg-type]


def test_building_another_application_leaves_the_first_as_it_was(tmp_path: Path) -> None:
    first = _registry(_build(tmp_path, "first"))
    routes, steps = dict(first.awaiting_routes), list(first.setup_steps)
    second = _registry(_build(tmp_path, "second"))
    # The first bot still answers with its own handlers, not the second one's.
    assert all(first.awaiting_routes[name] is handler for name, handler in routes.items())
    assert first.awaiting_routes.keys() == routes.keys() == second.awaiting_routes.keys()
    assert first.setup_steps == steps
    assert any(second.awaiting_routes[name] is not handler for name, handler in routes.items())


def test_the_composition_root_lists_every_feature_once() -> None:
    modules = [register.__module__ for register in FEATURES]
    assert modules[0] == "bot.runtime.pacing"
    assert modules[-1] == "bot.features.chat.free_text"
    registers = [(register.__module__, register.__name__) for register in FEATURES]
    assert len(registers) == len(set(registers))


def _fresh_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
        check=False,
    )


def test_the_registry_imports_no_feature_so_features_can_import_it() -> None:
    # In a fresh interpreter: bot.registry alone pulls in no feature module (the old
    # bot/features.py imported them all, so `from bot.features import at_startup` in a
    # feature made `import bot.app` fail with "partially initialized module").
    found = _fresh_python(
        "import sys, bot.registry; "
        "print(sorted(m for m in sys.modules if m.startswith(('bot.features', 'bot.app'))))"
    )
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "[]"
    # A feature imported first, then the composition root: no cycle either way.
    both_ways = _fresh_python(
        "import bot.features.reminders.handlers, bot.features.settings.handlers; "
        "from bot.registry import Registry; import bot.app; print(len(bot.app.FEATURES))"
    )
    assert both_ways.returncode == 0, both_ways.stderr
    assert int(both_ways.stdout) == len(FEATURES)

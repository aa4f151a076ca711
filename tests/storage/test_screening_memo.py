"""Screening answers are memoised per session; writes and rollbacks never leave them stale."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storage.db import Database
from storage.screening import ScreeningRepository
from tests.factories import make_patient

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _patient(db: Database, chat_id: int) -> int:
    with db.session() as session:
        return make_patient(chat_id, NOW, set_up=False, session=session).id


def test_answers_follow_saves_forgets_and_preloads(db: Database) -> None:
    first, second = _patient(db, 1), _patient(db, 2)
    with db.session() as session:
        repo = ScreeningRepository(session)
        assert repo.answers(first) == {}
        repo.save(first, "opioids", True, now=NOW)
        assert repo.answers(first) == {"opioids": True}
        repo.save(first, "opioids", False, now=NOW)
        repo.save(second, "liver", None, now=NOW)
        repo.preload([first, second])
        assert repo.answers(second) == {"liver": None}
        repo.forget(first, "opioids")
        assert repo.answers(first) == {}
        repo.answers(first)["opioids"] = True  # a caller's copy, not the memo
        assert repo.answers(first) == {}


def test_a_rollback_drops_the_memo(db: Database) -> None:
    patient = _patient(db, 3)
    with db.session() as session:
        ScreeningRepository(session).save(patient, "liver", True, now=NOW)
    with pytest.raises(RuntimeError), db.session() as session:
        repo = ScreeningRepository(session)
        repo.forget(patient, "liver")
        assert repo.answers(patient) == {}
        raise RuntimeError("the unit of work fails")
    with db.session() as session:
        assert ScreeningRepository(session).answers(patient) == {"liver": True}

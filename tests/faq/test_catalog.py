from __future__ import annotations

import re
from pathlib import Path

import pytest

from faq.catalog import BOT_SECTION, GUIDE_SECTIONS, FaqError, load_faq

GUIDE = Path("/work/shared/guide/ldn-guide.md")

GOOD_ENTRY = """
[[entry]]
id = "{id}"
question = "{question}"
phrasings = [{phrasings}]
answer = "{answer}"
tags = ["t"]
section = "{section}"
"""


def write_faq(tmp_path: Path, *entries: dict[str, str]) -> Path:
    defaults = {
        "question": "Q?",
        "phrasings": '"one way", "two way", "three way"',
        "answer": "An answer.",
        "section": "Timing",
    }
    text = "".join(GOOD_ENTRY.format(**{**defaults, **entry}) for entry in entries)
    path = tmp_path / "faq.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_faq_loads_with_enough_entries() -> None:
    entries = load_faq()
    assert len(entries) >= 60
    assert all(len(e.phrasings) >= 3 and e.answer and e.tags for e in entries)


def test_every_section_cited_is_a_heading_of_the_guide() -> None:
    headings = {
        re.sub(r"^#+\s*", "", line).strip().replace("\u2019", "'")
        for line in GUIDE.read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    }
    assert set(GUIDE_SECTIONS) <= headings
    assert {e.section for e in load_faq()} <= headings | {BOT_SECTION}


def test_answers_carry_the_guides_key_figures() -> None:
    answers = " ".join(e.answer for e in load_faq())
    for figure in [
        "50mg",
        "1.5",
        "4.5",
        "4 to 6",
        "30-40%",
        "2-4 weeks",
        "4 to 12 weeks",
        "3 to 6 months",
        "7-10 days",
        "$30 to $60",
        "1mg per mL",
        "0.5mg",
        "9pm",
        "6 months",
        "1984",
        "ldnresearchtrust.org",
        "ldnscience.org",
        "Linda Elsegood",
        "ifm.org/find-a-practitioner",
        "/time",
        "/settings",
        "/pause",
        "/resume",
        "/export",
        "/delete",
    ]:
        assert figure in answers, figure


def test_duplicate_id_is_reported_with_the_id(tmp_path: Path) -> None:
    path = write_faq(
        tmp_path,
        {"id": "twice"},
        {"id": "twice", "phrasings": '"other one", "other two", "other three"'},
    )
    with pytest.raises(FaqError, match=r"'twice'.*duplicate id"):
        load_faq(path)


def test_empty_answer_is_reported_with_the_id(tmp_path: Path) -> None:
    with pytest.raises(FaqError, match=r"'silent'.*empty answer"):
        load_faq(write_faq(tmp_path, {"id": "silent", "answer": "  "}))


def test_too_few_phrasings_is_reported(tmp_path: Path) -> None:
    with pytest.raises(FaqError, match=r"'thin'.*at least 3"):
        load_faq(write_faq(tmp_path, {"id": "thin", "phrasings": '"only", "two"'}))


def test_phrasing_shared_by_two_entries_is_reported(tmp_path: Path) -> None:
    path = write_faq(
        tmp_path,
        {"id": "first"},
        {"id": "second", "phrasings": '"One way!", "x y", "z w"'},
    )
    with pytest.raises(FaqError, match=r"'second'.*also used by entry 'first'"):
        load_faq(path)


def test_unknown_section_is_reported(tmp_path: Path) -> None:
    with pytest.raises(FaqError, match=r"'lost'.*unknown guide section"):
        load_faq(write_faq(tmp_path, {"id": "lost", "section": "Chapter 99"}))


def test_missing_and_broken_files_raise_faq_error(tmp_path: Path) -> None:
    with pytest.raises(FaqError, match="not found"):
        load_faq(tmp_path / "nope.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[[entry]\nid = ", encoding="utf-8")
    with pytest.raises(FaqError, match="not valid TOML"):
        load_faq(broken)


def test_answers_only_mention_commands_the_bot_has() -> None:
    import re

    from bot.features.start.menu import COMMANDS, SETTING_COMMANDS

    known = {name for name, _ in COMMANDS} | {name for name, _ in SETTING_COMMANDS}
    for entry in load_faq():
        for command in re.findall(r"(?<![\w.])/([a-z]+)\b", entry.answer):
            assert command in known, (entry.id, command)


def test_data_stored_answer_names_what_the_bot_keeps() -> None:
    answer = next(e for e in load_faq() if e.id == "data-stored").answer.lower()
    for kept in ["chat id", "time zone", "took or skipped", "step up", "check-ins", "notes"]:
        assert kept in answer, kept
    assert "questions you ask" in answer and "/export" in answer and "/delete" in answer

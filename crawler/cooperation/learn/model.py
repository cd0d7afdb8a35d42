"""Logistic models whose weights are data files in this folder, loaded once.

One model today, `party`: is an organisation named in an event's sentence one of its parties?
Trained by `python3 dev.py train`. (A gate over article-level readings was tried and dropped: in
5-fold cross-validation it cost relevance F1 0.913 -> 0.897 for no gain in precision.)
"""

from __future__ import annotations

import contextlib
import json
import math
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).parent
NAMES = ("party",)
THRESHOLD = {"party": 0.5}
_override: dict[str, dict[str, float] | None] = {name: None for name in NAMES}
_accept_all = {name: False for name in NAMES}


class ModelError(RuntimeError):
    """A model file is missing or unreadable."""


def path_of(name: str) -> Path:
    """The model file; COOPWATCH_PARSER_MODELS names another folder (for a retrained or a test model)."""
    return Path(os.environ.get("COOPWATCH_PARSER_MODELS") or FOLDER) / f"{name}.json"


@cache
def _weights(name: str) -> dict[str, float]:
    path = path_of(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in data["weights"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelError(
            f"the parser's model {path} cannot be read ({exc}); rebuild it with `python3 dev.py train`"
        ) from exc


def check() -> None:
    """Load every model now, so that a broken file is one error at start-up."""
    for name in NAMES:
        _weights(name)


def probability(weights: dict[str, float], features: dict[str, float]) -> float:
    z = sum(weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


def score(name: str, features: dict[str, float]) -> float:
    """The model's probability for these features (1.0 while training collects examples)."""
    if _accept_all[name]:
        return 1.0
    override = _override[name]
    return probability(override if override is not None else _weights(name), features)


def accept(name: str, features: dict[str, float]) -> bool:
    return score(name, features) >= THRESHOLD[name]


@contextlib.contextmanager
def accepting_all(*names: str) -> Iterator[None]:
    """Training builds its examples before any model exists."""
    before = dict(_accept_all)
    for name in names or NAMES:
        _accept_all[name] = True
    try:
        yield
    finally:
        _accept_all.update(before)


@contextlib.contextmanager
def weights_of(name: str, weights: dict[str, float]) -> Iterator[None]:
    """Cross-validation: parse with the model of one fold."""
    before = _override[name]
    _override[name] = weights
    try:
        yield
    finally:
        _override[name] = before

"""The gate over article-level readings: a logistic regression whose weights are data (gate.json).

Trained by `python3 dev.py train` (learn/train.py); loaded once, at first use or by `check()`.
"""

from __future__ import annotations

import contextlib
import json
import math
from collections.abc import Iterator
from functools import cache
from pathlib import Path

MODEL = Path(__file__).with_name("gate.json")
THRESHOLD = 0.2
_accept_all = False
_override: dict[str, float] | None = None


class ModelError(RuntimeError):
    """The model file is missing or unreadable."""


@cache
def _weights() -> dict[str, float]:
    try:
        data = json.loads(MODEL.read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in data["weights"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelError(
            f"the parser's model {MODEL} cannot be read ({exc}); rebuild it with `python3 dev.py train`"
        ) from exc


def check() -> None:
    """Load the model now, so that a broken file is one error at start-up."""
    _weights()


def probability(weights: dict[str, float], features: dict[str, float]) -> float:
    z = sum(weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


def accept(features: dict[str, float]) -> bool:
    """Is the reading a real event?"""
    if _accept_all:
        return True
    return probability(_override if _override is not None else _weights(), features) >= THRESHOLD


@contextlib.contextmanager
def weights_of(weights: dict[str, float]) -> Iterator[None]:
    """Cross-validation: parse with the gate of one fold."""
    global _override
    _override, before = weights, _override
    try:
        yield
    finally:
        _override = before


@contextlib.contextmanager
def accepting_all() -> Iterator[None]:
    """Training builds readings before any model exists."""
    global _accept_all
    _accept_all, before = True, _accept_all
    try:
        yield
    finally:
        _accept_all = before

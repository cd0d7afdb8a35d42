"""The annotated sets in ../shared/gold/, and the fixed split that keeps a part unread.

The held-out part is a fifth of `train.jsonl`, drawn per stratum (relevant / not relevant) with a
fixed seed before any rule or model was tuned on that file. It is scored, never read while developing.
`dev.jsonl` and `seeds.jsonl` were read while the first rules were written, so they are always in
the development part.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

SPLIT_SEED = 11  # issue 11; fixed so that the held-out part never changes
HELD_OUT_SHARE = 5  # one in five

Article = dict[str, Any]


def shared_dir() -> Path:
    """../shared beside the repository, or COOPWATCH_SHARED."""
    root = Path(__file__).resolve().parents[3]
    return Path(os.environ.get("COOPWATCH_SHARED", root.parent / "shared"))


def load(path: Path) -> list[Article]:
    """The articles of one annotated file (JSON lines; `text_file` resolved beside it)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if "text" not in row:
                row["text"] = (path.parent / row.pop("text_file")).read_text(encoding="utf-8")
            rows.append(row)
    return rows


def split_train(rows: list[Article]) -> tuple[list[Article], list[Article]]:
    """(development, held out): a fifth of each stratum, by a fixed seed, held out."""
    develop: list[Article] = []
    held: list[Article] = []
    for relevant in (True, False):
        stratum = sorted((r for r in rows if bool(r["relevant"]) is relevant), key=lambda r: r["id"])
        random.Random(f"{SPLIT_SEED}-{relevant}").shuffle(stratum)
        cut = round(len(stratum) / HELD_OUT_SHARE)
        held += stratum[:cut]
        develop += stratum[cut:]
    order = {r["id"]: i for i, r in enumerate(rows)}
    return sorted(develop, key=lambda r: order[r["id"]]), sorted(held, key=lambda r: order[r["id"]])


def sets(shared: Path | None = None) -> dict[str, list[Article]]:
    """The named sets: 'develop' (seeds + dev + four fifths of train) and 'held_out'."""
    gold = (shared or shared_dir()) / "gold"
    develop, held = split_train(load(gold / "train.jsonl"))
    return {
        "develop": load(gold / "seeds.jsonl") + load(gold / "dev.jsonl") + develop,
        "held_out": held,
    }

"""The parser's learned part: retrained deterministically from the annotated sets, loaded with one
clear error when its file is broken."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from crawler.cooperation.learn import model, train
from tests.conftest import ROOT


def test_training_twice_gives_the_committed_model_byte_for_byte(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    assert train.main(["--out", str(first)]) == 0
    assert train.main(["--out", str(second)]) == 0
    for name in model.NAMES:
        made = (first / f"{name}.json").read_bytes()
        assert made == (second / f"{name}.json").read_bytes()
        # the shipped file is what the shipped code and data give: retrain after changing either
        assert made == model.path_of(name).read_bytes(), f"{name}.json is stale: run `python3 dev.py train`"
        data = json.loads(made)
        assert data["trained_on"]["examples"] > 50 and 0 < data["cross_validated"]["f1"] <= 1


def test_a_corrupt_model_file_is_one_clear_error_at_start_up(tmp_path: Path) -> None:
    (tmp_path / "party.json").write_text("{not json", encoding="utf-8")
    env = {**os.environ, "COOPWATCH_PARSER_MODELS": str(tmp_path),
           "COOPWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"}
    done = subprocess.run([sys.executable, "-m", "scheduler", "extract"], check=False, input='{"id": "x", "text": "t"}\n',
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert "party.json" in line and "python3 dev.py train" in line


def test_a_missing_model_file_is_one_clear_error_at_start_up(tmp_path: Path) -> None:
    env = {**os.environ, "COOPWATCH_PARSER_MODELS": str(tmp_path / "nowhere"),
           "COOPWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"}
    story = '{"id": "a", "title": "SATI ký hợp tác với KIAT", "text": "SATI đã ký hợp tác với KIAT."}\n'
    done = subprocess.run([sys.executable, "-m", "scheduler", "extract"], input=story, check=False, env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr and done.stdout == ""
    assert "cannot be read" in done.stderr
    # commands that only read the database do not need the parser's model
    assert subprocess.run([sys.executable, "-m", "scheduler", "status"], check=False, env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120).returncode == 0

#!/usr/bin/env python3
"""One-command setup: create .venv, install coopwatch into it, then run something.

    python3 dev.py test [pytest args]     set up and run the whole test suite
    python3 dev.py start [coopwatch args] set up and run the main job (default: `coopwatch start`)
    python3 dev.py setup                  only set up

Needs nothing but Python 3.11+. The install is redone only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("COOPWATCH_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".coopwatch-installed"


def _wanted_stamp() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def setup() -> None:
    """Create the virtual environment and install the project with its test extras."""
    if sys.version_info < (3, 11):
        sys.exit(f"coopwatch needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not (BIN / "python").exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == _wanted_stamp():
        return
    pip = [str(BIN / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]
    print("installing coopwatch and its dependencies (first run only)", flush=True)
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(_wanted_stamp())


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("start", [])
    setup()
    if command == "setup":
        return 0
    if command == "test":
        cmd = [str(BIN / "python"), "-m", "pytest", *rest]
    elif command == "start":
        cmd = [str(BIN / "coopwatch"), *(rest or ["start"])]
    else:
        sys.exit(__doc__)
    return subprocess.run(cmd, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

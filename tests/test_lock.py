"""The lock files: complete for pyproject.toml, PyPI only, hash-pinned, and what is installed."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
DEV_LOCK = ROOT / "requirements" / "dev.lock"
RUNTIME_LOCK = ROOT / "requirements" / "runtime.lock"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+)(?: ; (?P<marker>[^\\]+?))? \\$")
RELOCK = "pyproject.toml changed without a new lock: run `python3 dev.py lock` and commit requirements/"


def pins(path: Path) -> dict[str, list[tuple[Version, Marker | None]]]:
    """Name -> its pinned versions (a universal lock pins some packages per Python version)."""
    out: dict[str, list[tuple[Version, Marker | None]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            marker = Marker(match["marker"]) if match["marker"] else None
            out.setdefault(canonicalize_name(match["name"]), []).append((Version(match["version"]), marker))
    return out


def project_requirements(*extras: str) -> list[Requirement]:
    """The build backend, the dependencies and the named extras (all of them when none is named)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    optional = project["project"]["optional-dependencies"]
    lines = [*project["build-system"]["requires"], *project["project"]["dependencies"]]
    for extra in extras or optional:
        lines += optional[extra]
    return [Requirement(line) for line in lines]


@pytest.mark.parametrize(("lock", "extras"), [(DEV_LOCK, ()), (RUNTIME_LOCK, ("postgres",))])
def test_the_lock_pins_every_requirement_within_its_range(lock: Path, extras: tuple[str, ...]) -> None:
    locked = pins(lock)
    for requirement in project_requirements(*extras):
        versions = locked.get(canonicalize_name(requirement.name))
        assert versions, f"{lock.name} does not pin {requirement.name}. {RELOCK}"
        for version, _ in versions:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{lock.name} pins {requirement.name}=={version}, outside {requirement}. {RELOCK}"
            )


def test_the_runtime_lock_holds_the_versions_the_suite_ran_with() -> None:
    dev = pins(DEV_LOCK)
    for name, versions in pins(RUNTIME_LOCK).items():
        assert name in dev and set(versions) <= set(dev[name]), f"runtime.lock differs from dev.lock on {name}"


@pytest.mark.parametrize("lock", [DEV_LOCK, RUNTIME_LOCK], ids=lambda p: p.name)
def test_every_pin_has_pypi_hashes_and_nothing_of_this_machine(lock: Path) -> None:
    text = lock.read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])  # after the two header lines
    for entry in entries:
        assert PIN.match(entry.splitlines()[0]), f"not a pin: {entry.splitlines()[0]}"
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), f"no hash for {entry.splitlines()[0]}"
    for local in ("--index-url", "--extra-index-url", "--find-links", "file:", "/opt/", "/work/", "/tmp/"):
        assert local not in text, f"{lock.name} names {local!r}: locks must name PyPI packages only"


def test_the_environment_has_the_locked_versions() -> None:
    """What `dev.py setup` installed is what the lock says (the suite runs on these versions)."""
    wrong = []
    for name, versions in pins(DEV_LOCK).items():
        wanted = [v for v, marker in versions if marker is None or marker.evaluate()]
        if not wanted:
            continue  # not for this platform or Python
        try:
            installed = Version(metadata.version(name))
        except metadata.PackageNotFoundError:
            wrong.append(f"{name} missing (locked {wanted[0]})")
            continue
        if installed not in wanted:
            wrong.append(f"{name} {installed} (locked {wanted[0]})")
    assert not wrong, f"installed versions differ from requirements/dev.lock: {', '.join(wrong)}"

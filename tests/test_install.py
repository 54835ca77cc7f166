"""Reproducible installs: the lock files pin exact versions, keep torch on the CPU build and pull
no CUDA packages (nvidia-*, triton), and they cover every dependency pyproject.toml names."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

import pytest

from tests.conftest import ROOT

LOCKS = ("requirements.lock", "requirements-dev.lock")
_PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+)")


def _pins(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        m = _PIN.match(line)
        if m:
            pins[_canonical(m.group(1))] = m.group(2)
    return pins


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.parametrize("lock", LOCKS)
def test_lock_pins_cpu_torch_and_no_cuda(lock: str) -> None:
    pins = _pins(lock)
    assert pins["torch"] == "2.13.0+cpu"
    cuda = [name for name in pins if name.startswith("nvidia-") or name == "triton"]
    assert cuda == []


@pytest.mark.parametrize("lock", LOCKS)
def test_every_line_is_an_exact_pin(lock: str) -> None:
    lines = [ln for ln in (ROOT / lock).read_text(encoding="utf-8").splitlines() if ln and not ln.startswith(" ")]
    requirements = [ln for ln in lines if not ln.startswith("#")]
    unpinned = [ln for ln in requirements if not _PIN.match(ln)]
    assert requirements and not unpinned, unpinned


def test_locks_cover_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {_canonical(re.split(r"[<>=!~ \[;]", d, maxsplit=1)[0]) for d in project["dependencies"]}
    dev = {_canonical(re.split(r"[<>=!~ \[;]", d, maxsplit=1)[0]) for d in project["optional-dependencies"]["dev"]}
    assert runtime <= set(_pins("requirements.lock")), runtime - set(_pins("requirements.lock"))
    assert runtime | dev <= set(_pins("requirements-dev.lock"))


def test_this_environment_has_no_cuda_packages() -> None:
    names = {_canonical(d.metadata["Name"]) for d in metadata.distributions()}
    assert not {n for n in names if n.startswith("nvidia-") or n == "triton"}
    assert metadata.version("torch").endswith("+cpu")

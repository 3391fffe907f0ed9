"""Shared fixtures. ctest sets PYTHONPATH to the build tree's package, CIVICSIM_SOURCE_DIR to the
sources and CIVICSIM_CLI to the civicsim binary (python/CMakeLists.txt)."""

import os
import subprocess
from pathlib import Path

import pytest

import civicsim

SOURCE_DIR = Path(os.environ.get("CIVICSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
WORKSHOP_TOWN = SOURCE_DIR / "scenarios" / "workshop_town.toml"

#: Small settings that keep every run of the suite well under a second.
DAYS = 40
REPLICATIONS = 2
SEED = 7


@pytest.fixture(scope="session")
def town() -> civicsim.Scenario:
    return civicsim.load_scenario(WORKSHOP_TOWN)


@pytest.fixture(scope="session")
def town_results(town) -> civicsim.Results:
    return civicsim.run(town, seed=SEED, replications=REPLICATIONS, days=DAYS, progress=False)


@pytest.fixture(scope="session")
def cli() -> Path:
    path = os.environ.get("CIVICSIM_CLI")
    if not path:
        pytest.skip("CIVICSIM_CLI is not set (run the tests through ctest)")
    return Path(path)


def run_cli(cli: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(cli), *args], capture_output=True, text=True, timeout=300,
                          check=False)

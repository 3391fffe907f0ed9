#!/usr/bin/python3
"""Builds the civicsim wheel with Debian's python3-build and imports it in a fresh virtual
environment (``--system-site-packages``, for Debian's numpy, pandas, xarray, ...), as a user
would install it. Run by ctest as ``python.wheel``:

    check_wheel.py SOURCE_DIR BUILD_DIR WORK_DIR

The wheel is packed from BUILD_DIR's already-built package (``-C build-dir=BUILD_DIR``), so the
test checks the packaging, not a second compilation. Exits 77 (ctest: skipped) with a message
when python3-build or python3-venv is missing; scripts/setup.sh installs both.
"""

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

SKIP = 77

# Runs inside the venv, from an empty folder, with no PYTHONPATH: only the installed wheel can
# be imported. Checks where civicsim comes from and that it runs.
PROBE = """
import sys, sysconfig
from pathlib import Path
import civicsim
from civicsim import _core
site = Path(sysconfig.get_paths()["platlib"]).resolve()
assert Path(civicsim.__file__).resolve().parent == site / "civicsim", civicsim.__file__
assert Path(_core.__file__).resolve().parent == site / "civicsim", _core.__file__
assert (site / "civicsim" / "py.typed").exists() and (site / "civicsim" / "_core.pyi").exists()
town = civicsim.load_scenario(sys.argv[1])
results = civicsim.run(town, replications=1, days=3, seed=1, progress=False)
assert dict(results.timeseries.sizes) == {"run": 1, "day": 3, "neighbourhood": 4}, results
assert results.summary["reports"].iloc[0] > 0
print(civicsim.__version__)
"""


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    print("+", " ".join(command), flush=True)
    completed = subprocess.run(command, text=True, capture_output=True, **kwargs)
    if completed.returncode != 0:
        sys.exit(f"failed ({completed.returncode}): {' '.join(command)}\n"
                 f"{completed.stdout}\n{completed.stderr}")
    return completed


def main() -> None:
    source, build, work = (Path(a).resolve() for a in sys.argv[1:4])
    missing = [package for package, module in (("python3-build", "build"),
                                               ("python3-venv", "ensurepip"))
               if importlib.util.find_spec(module) is None]
    if missing:
        print(f"SKIPPED: {' and '.join(missing)} not installed (scripts/setup.sh installs them)")
        sys.exit(SKIP)
    if work.exists():
        shutil.rmtree(work)
    dist = work / "dist"
    # Without the test environment's PYTHONPATH, which points at the build tree's package.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PIP_CONFIG_FILE"] = os.devnull  # no local index or wheel folders: the wheel alone
    run([sys.executable, "-m", "build", "--no-isolation", "--wheel", "--outdir", str(dist),
         f"-Cbuild-dir={build}", str(source)], env=env)
    wheels = list(dist.glob("civicsim-*.whl"))
    assert len(wheels) == 1, wheels
    with zipfile.ZipFile(wheels[0]) as wheel:
        names = wheel.namelist()
    packaged = sorted(n.split("/", 1)[1] for n in names if n.startswith("civicsim/"))
    expected = sorted(p.name for p in (source / "python" / "civicsim").iterdir()
                      if p.suffix in (".py", ".pyi") or p.name == "py.typed")
    extension = [n for n in packaged if n.startswith("_core.") and n.endswith(".so")]
    assert len(extension) == 1, packaged
    assert [n for n in packaged if n not in extension] == expected, packaged
    assert not [n for n in names if "__pycache__" in n or n.startswith("tests/")], names

    venv = work / "venv"
    run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], env=env)
    python = venv / "bin" / "python"
    run([str(python), "-m", "pip", "install", "--no-index", "--no-cache-dir", str(wheels[0])],
        env=env)
    empty = work / "empty"
    empty.mkdir()
    probe = run([str(python), "-c", PROBE, str(source / "scenarios" / "workshop_town.toml")],
                env=env, cwd=empty)
    version = probe.stdout.strip()
    assert wheels[0].name.startswith(f"civicsim-{version}-"), (wheels[0].name, version)
    print(f"{wheels[0].name} builds and imports in a fresh virtual environment")


if __name__ == "__main__":
    main()

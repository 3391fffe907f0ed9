"""The PEP 517 build backend of civicsim: a wheel around the CMake build.

The package is an extension (civicsim._core, C++ linked against TBB and HDF5) plus pure-Python
files, and CMake already assembles both in ``<build dir>/python/civicsim``. This backend does
not compile anything itself: it asks CMake to build the target ``civicsim_python`` (configuring a
build directory first if there is none) and packs what CMake assembled into a wheel. So the wheel
holds exactly what the tests ran against, and there is one build description, CMake's.

    /usr/bin/python3 -m build --no-isolation --wheel                  # configures build/wheel
    /usr/bin/python3 -m build --no-isolation --wheel -C build-dir=build   # reuses build/

It needs nothing beyond the standard library, so ``--no-isolation`` works with Debian's
python3-build alone. The wheel is tagged for this interpreter and platform (``linux_x86_64``,
not ``manylinux``: the extension links the system's TBB and HDF5 libraries).
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
import zipfile
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2]
NAME = "civicsim"
#: Zip entries get this date, so that the same files give the same wheel.
EPOCH = (1980, 1, 1, 0, 0, 0)


def _project() -> dict:
    with open(SOURCE / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]


def _version() -> str:
    """The version of CMake's project() (one place for it)."""
    text = (SOURCE / "CMakeLists.txt").read_text()
    match = re.search(r"project\(\s*civicsim\s+VERSION\s+([0-9.]+)", text)
    if not match:
        raise RuntimeError("civicsim_wheel: no project(civicsim VERSION x.y.z) in CMakeLists.txt")
    return match.group(1)


def _tag() -> str:
    interpreter = f"cp{sys.version_info.major}{sys.version_info.minor}"
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return f"{interpreter}-{interpreter}-{platform}"


def _build_dir(config_settings: dict | None) -> Path:
    chosen = (config_settings or {}).get("build-dir")
    path = Path(chosen) if chosen else SOURCE / "build" / "wheel"
    return path if path.is_absolute() else SOURCE / path


def _cmake(*arguments: str) -> None:
    command = ["cmake", *arguments]
    print("civicsim_wheel:", " ".join(command), file=sys.stderr, flush=True)
    subprocess.run(command, check=True, stdout=sys.stderr)


def _build_package(build_dir: Path) -> Path:
    """Builds civicsim_python in `build_dir` (configured first if needed); returns the
    assembled package folder."""
    if not (build_dir / "CMakeCache.txt").exists():
        _cmake("-S", str(SOURCE), "-B", str(build_dir), "-G", "Ninja",
               "-DCMAKE_BUILD_TYPE=Release", "-DCIVICSIM_BUILD_TESTS=OFF",
               f"-DPython3_EXECUTABLE={sys.executable}")
    _cmake("--build", str(build_dir), "--target", "civicsim_python")
    package = build_dir / "python" / NAME
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    if not (package / f"_core{suffix}").exists():
        found = sorted(p.name for p in package.glob("_core*"))
        raise RuntimeError(
            f"civicsim_wheel: {package} has no _core{suffix} for {sys.executable} (found: "
            f"{', '.join(found) or 'nothing'}); that build directory was configured for "
            "another Python")
    return package


def _metadata(version: str) -> str:
    project = _project()
    lines = ["Metadata-Version: 2.1", f"Name: {NAME}", f"Version: {version}",
             f"Summary: {project['description']}",
             f"Requires-Python: {project['requires-python']}"]
    lines += [f"License: {project['license']['text']}"] if "license" in project else []
    lines += [f"Requires-Dist: {d}" for d in project.get("dependencies", [])]
    for extra, requirements in project.get("optional-dependencies", {}).items():
        lines.append(f"Provides-Extra: {extra}")
        lines += [f'Requires-Dist: {r}; extra == "{extra}"' for r in requirements]
    readme = (SOURCE / project["readme"]).read_text() if "readme" in project else ""
    if readme:
        lines.append("Description-Content-Type: text/markdown")
    return "\n".join(lines) + "\n\n" + readme


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def _package_files(package: Path) -> list[Path]:
    keep = re.compile(r".*\.(py|pyi|so)$|py\.typed$")
    return sorted(p for p in package.iterdir() if p.is_file() and keep.match(p.name))


# -- PEP 517 hooks ---------------------------------------------------------------------------------

def get_requires_for_build_wheel(config_settings: dict | None = None) -> list[str]:
    return []


def get_requires_for_build_sdist(config_settings: dict | None = None) -> list[str]:
    return []


def build_wheel(wheel_directory: str, config_settings: dict | None = None,
                metadata_directory: str | None = None) -> str:
    version = _version()
    package = _build_package(_build_dir(config_settings))
    dist_info = f"{NAME}-{version}.dist-info"
    wheel_name = f"{NAME}-{version}-{_tag()}.whl"
    entries: list[tuple[str, bytes]] = [
        (f"{NAME}/{path.name}", path.read_bytes()) for path in _package_files(package)]
    entries.append((f"{dist_info}/METADATA", _metadata(version).encode()))
    entries.append((f"{dist_info}/WHEEL", (
        "Wheel-Version: 1.0\nGenerator: civicsim_wheel\nRoot-Is-Purelib: false\n"
        f"Tag: {_tag()}\n").encode()))
    record = "\n".join([_record_line(n, d) for n, d in entries] + [f"{dist_info}/RECORD,,", ""])
    entries.append((f"{dist_info}/RECORD", record.encode()))
    os.makedirs(wheel_directory, exist_ok=True)
    with zipfile.ZipFile(Path(wheel_directory) / wheel_name, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in entries:
            info = zipfile.ZipInfo(name, EPOCH)
            info.external_attr = (0o755 if name.endswith(".so") else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(info, data)
    return wheel_name


def build_sdist(sdist_directory: str, config_settings: dict | None = None) -> str:
    """The files git tracks, as civicsim-<version>.tar.gz."""
    version = _version()
    listed = subprocess.run(["git", "-C", str(SOURCE), "ls-files", "-z"], check=True,
                            capture_output=True).stdout.decode().split("\0")
    base = f"{NAME}-{version}"
    os.makedirs(sdist_directory, exist_ok=True)
    with tarfile.open(Path(sdist_directory) / f"{base}.tar.gz", "w:gz") as sdist:
        for name in filter(None, listed):
            if (SOURCE / name).is_file():
                sdist.add(SOURCE / name, arcname=f"{base}/{name}", recursive=False)
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        data = _metadata(version).encode()
        info.size = len(data)
        sdist.addfile(info, io.BytesIO(data))
    return f"{base}.tar.gz"

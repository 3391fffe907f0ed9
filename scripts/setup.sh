#!/bin/sh
# Installs the Debian 12 packages civicsim builds and tests with, if any are missing, and the
# browser test's npm package (tests/browser, `npm ci` from its lock file).
# Safe to run repeatedly: it does nothing when everything is present.
set -eu

packages="cmake ninja-build g++ make pkg-config git clang-format clang libclang-rt-14-dev
libboost-random-dev libboost-program-options-dev libtbb-dev libhdf5-dev
libtomlplusplus-dev librandom123-dev nlohmann-json3-dev catch2 libbenchmark-dev pybind11-dev
libjs-chart.js libcpp-httplib-dev
python3-numpy python3-h5py python3-pandas python3-xarray
python3-dev python3-scipy python3-matplotlib python3-tqdm python3-pytest
python3-nbclient python3-nbformat python3-ipykernel python3-ipywidgets python3-build python3-venv
python3-distributed nodejs chromium openmpi-bin libopenmpi-dev"

# The browser test's one npm package (tests/browser/package-lock.json), once the Debian packages
# are there; again whenever the lock file is newer than what is installed.
install_browser_test() {
  dir="$(dirname "$0")/../tests/browser"
  if [ ! -d "$dir/node_modules/playwright-core" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "setup: installing the browser test's npm packages (tests/browser)" >&2
    (cd "$dir" && npm ci --no-audit --no-fund >/dev/null)
  fi
}

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# Debian packages npm apart from nodejs; some Node.js builds bring their own.
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && { install_browser_test; exit 0; }

echo "setup: installing missing Debian packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no package lists yet: refresh them once if the first try fails.
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing >/dev/null \
  || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q --no-install-recommends $missing >/dev/null; }
install_browser_test

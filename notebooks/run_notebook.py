#!/usr/bin/python3
"""Executes a notebook with nbclient, as the tests do: every cell in order, failing on the first
error (a failed assert in a cell fails the test).

    PYTHONPATH=build/python /usr/bin/python3 notebooks/run_notebook.py notebooks/01_quickstart.ipynb

The kernel is this interpreter's: the `python3` kernel spec that Debian's python3-ipykernel
installs if it runs this interpreter, otherwise one written under --kernel-dir. The notebook runs
in --work-dir (so that the files it writes stay out of the sources; an executed copy is saved
there too), with CIVICSIM_SOURCE_DIR
telling it where the scenarios are.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path


def kernel_name(kernel_dir: Path) -> str:
    """A kernel that runs sys.executable: the system's `python3`, or our own one."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec("python3")
        if os.path.realpath(spec.argv[0]) == os.path.realpath(sys.executable):
            return "python3"
    except NoSuchKernel:
        pass
    name = "civicsim-python3"
    spec_dir = kernel_dir / "kernels" / name
    spec_dir.mkdir(parents=True, exist_ok=True)
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (civicsim tests)", "language": "python"}))
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(kernel_dir), *filter(None, [os.environ.get("JUPYTER_PATH")])])
    return name


def client_class():
    """nbclient's client, tolerant of the widget messages of Debian 12's ipywidgets 6.

    nbclient 0.7 mimics a front end for widgets and expects the comm_open of a widget to carry
    its state under data["state"], as ipywidgets 7 and later send it; ipywidgets 6 sends the
    state in a later message. Such widgets are left to the kernel, as without a front end.
    """
    from nbclient import NotebookClient

    class Client(NotebookClient):
        def on_comm_open_jupyter_widget(self, msg):
            if "state" not in msg["content"].get("data", {}):
                return None
            return super().on_comm_open_jupyter_widget(msg)

    return Client


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--work-dir", type=Path,
                        help="where the notebook runs and writes (default: build/notebooks/NAME)")
    parser.add_argument("--kernel-dir", type=Path, default=Path("build/notebooks/kernels"))
    parser.add_argument("--timeout", type=int, default=240, help="seconds allowed per cell")
    args = parser.parse_args()

    import nbformat
    from nbclient.exceptions import CellExecutionError

    notebook_path = args.notebook.resolve()
    os.environ.setdefault("CIVICSIM_SOURCE_DIR", str(notebook_path.parent.parent))
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # debugpy's note on frozen modules
    work_dir = (args.work_dir or Path("build/notebooks") / notebook_path.stem).resolve()
    work_dir.mkdir(parents=True, exist_ok=True)

    notebook = nbformat.read(notebook_path, as_version=4)
    client = client_class()(notebook, timeout=args.timeout,
                            kernel_name=kernel_name(args.kernel_dir.resolve()),
                            resources={"metadata": {"path": str(work_dir)}})
    start = time.monotonic()
    try:
        client.execute()
    except CellExecutionError as error:
        print(f"{notebook_path.name}: a cell failed\n{error}", file=sys.stderr)
        return 1
    finally:
        nbformat.write(notebook, work_dir / notebook_path.name)  # executed copy, for inspection
    cells = sum(1 for c in notebook.cells if c.cell_type == "code")
    print(f"{notebook_path.name}: {cells} code cells ran in {time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Ctrl-C during a run raises KeyboardInterrupt within a second and writes nothing."""

import os
import signal
import subprocess
import sys
import textwrap
import time

CHILD = textwrap.dedent("""\
    import sys, time
    import civicsim
    town = civicsim.load_scenario(sys.argv[1])
    print("running", flush=True)
    try:
        results = civicsim.run(town, replications=200, days=365, progress=False)
        results.to_hdf5(sys.argv[2])
        print("finished", flush=True)
    except KeyboardInterrupt:
        print("interrupted", time.monotonic(), flush=True)
""")


def test_ctrl_c_stops_a_run_within_a_second_and_writes_nothing(tmp_path):
    from conftest import WORKSHOP_TOWN

    out = tmp_path / "never.h5"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(WORKSHOP_TOWN), str(out)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             cwd=tmp_path, env=os.environ.copy())
    try:
        assert child.stdout.readline().strip() == "running"
        time.sleep(1.0)
        sent = time.monotonic()
        child.send_signal(signal.SIGINT)
        stdout, stderr = child.communicate(timeout=30)
    finally:
        child.kill()
    words = stdout.split()
    assert words[:1] == ["interrupted"], (stdout, stderr)
    assert float(words[1]) - sent < 1.0
    assert child.returncode == 0, stderr
    assert list(tmp_path.iterdir()) == []

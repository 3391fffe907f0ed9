"""Runs every case of tests/data/bad/ through the civicsim binary and checks that each is refused
as the reliability guarantees say: exit code 2, a message that locates the problem (the case's
`# expect:` regular expression, which names the file:line:column, `--set #N` or the flag, the key
and what is allowed), and nothing written.

A case is a file whose leading `# args:` and `# expect:` lines are taken off; the rest is copied,
byte for byte, to case.toml in a fresh directory, next to a FIFO (fifo.toml) and an empty
directory (subdir) for the hostile-path cases. `{case}`, `{out}` and `{huge}` in the arguments
are replaced by case.toml, out.h5 and a 100,000-byte value.

A case accepted with a warning (allowed, probably not meant) says `# exit: 0`: the warning must
appear as the `# expect:` expression says, and still nothing may be written.

usage: check_bad_inputs.py CIVICSIM CASES_DIRECTORY WORK_DIRECTORY
"""

import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

MINIMUM_CASES = 40
FIXTURES = ["case.toml", "fifo.toml", "subdir"]


def read_case(path: Path) -> tuple[str, str, int, bytes]:
    data = path.read_bytes()
    fields = {}
    while data.startswith(b"# "):
        line, _, data = data.partition(b"\n")
        key, _, value = line[2:].decode().partition(":")
        fields[key.strip()] = value.strip()
    return fields["args"], fields["expect"], int(fields.get("exit", "2")), data


def check(civicsim: str, case: Path, work: Path) -> list[str]:
    args, expect, exit_code, body = read_case(case)
    directory = work / case.stem
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    (directory / "case.toml").write_bytes(body)
    os.mkfifo(directory / "fifo.toml")
    (directory / "subdir").mkdir()
    argv = [a.replace("{case}", "case.toml").replace("{out}", "out.h5")
             .replace("{huge}", "x" * 100_000) for a in shlex.split(args)]
    try:
        done = subprocess.run([civicsim, *argv], cwd=directory, capture_output=True, timeout=60,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return [f"{case.name}: still running after 60 s"]
    output = (done.stdout + done.stderr).decode(errors="replace")
    problems = []
    if done.returncode != exit_code:
        problems.append(f"exit code {done.returncode}, not {exit_code}")
    if not re.search(expect, output):
        problems.append(f"no message matching {expect!r}")
    left = sorted(p.name for p in directory.iterdir())
    if left != sorted(FIXTURES):
        problems.append(f"files written: {sorted(set(left) - set(FIXTURES))}")
    if (directory / "case.toml").read_bytes() != body:
        problems.append("case.toml was changed")
    if not stat.S_ISFIFO(os.lstat(directory / "fifo.toml").st_mode):
        problems.append("fifo.toml is no longer a FIFO")
    if any((directory / "subdir").iterdir()):
        problems.append("something was written in subdir")
    if not stat.S_ISCHR(os.stat("/dev/null").st_mode):
        problems.append("/dev/null is no longer a device")
    if problems:
        shown = output if len(output) < 2000 else output[:2000] + "..."
        return [f"{case.name}: " + "; ".join(problems) + f"\n  output: {shown}"]
    shutil.rmtree(directory)
    return []


def main() -> int:
    civicsim, cases_directory, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    cases = sorted(cases_directory.glob("*.toml"))
    failures = [f"only {len(cases)} cases; the catalogue needs at least {MINIMUM_CASES}"] \
        if len(cases) < MINIMUM_CASES else []
    for case in cases:
        failures += check(civicsim, case, work)
    for failure in failures:
        print(failure)
    print(f"{len(cases) - len(failures)} of {len(cases)} bad inputs refused as guaranteed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

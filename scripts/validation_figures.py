#!/usr/bin/python3
"""Writes the measured values of the validation tests into docs/validation.md.

Runs the validation test binary with its passing assertions shown, keeps the messages each test
case prints (its measured values), and replaces the block between the markers
`<!-- measured:begin -->` and `<!-- measured:end -->` of docs/validation.md. Run after a change of
the model, from the repository root, once the build is done:

    /usr/bin/python3 scripts/validation_figures.py [build/tests/civicsim_validation_tests]
"""
import re
import subprocess
import sys

DOC = "docs/validation.md"
BEGIN, END = "<!-- measured:begin -->", "<!-- measured:end -->"


def measured(binary):
    out = subprocess.run([binary, "-s"], capture_output=True, text=True).stdout
    cases = {}
    current = None
    for line in out.splitlines():
        if line.startswith("-------"):
            continue
        header = re.match(r"^(\S.*)$", line)
        if header and not line.startswith(("..", "=", "All tests", "test cases", "/", "Filters")):
            if not line.endswith(":") and "PASSED" not in line and "FAILED" not in line:
                current = line.strip()
                continue
        message = re.match(r"^  (\S.*\d.*)$", line)
        # Messages, not the expansions of comparisons ("0.0061 < 0.02", "3 < 10000 (0x2710)").
        if current and message and not re.match(r"^(CHECK|REQUIRE)", message.group(1)) \
                and not re.fullmatch(r"[\d\s.+\-e()x<>=A-Fa-f]+", message.group(1)):
            values = cases.setdefault(current, [])
            if message.group(1) not in values:
                values.append(message.group(1))
    return cases


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "build/tests/civicsim_validation_tests"
    cases = measured(binary)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    lines = [BEGIN, "", f"Measured at commit `{commit}` by `scripts/validation_figures.py`:", ""]
    for name, values in cases.items():
        lines.append(f"- `validation.{name}`: " + "; ".join(values))
    lines += ["", END]
    with open(DOC) as f:
        text = f.read()
    start, stop = text.index(BEGIN), text.index(END) + len(END)
    with open(DOC, "w") as f:
        f.write(text[:start] + "\n".join(lines) + text[stop:])


if __name__ == "__main__":
    main()

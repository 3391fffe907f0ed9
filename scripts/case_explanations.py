#!/usr/bin/python3
"""Answers the seed cases' counter-intuitive results with `civicsim explain`, into docs/cases.md.

For each result below, runs `civicsim explain` on the case (the baseline and the strategy, and
both again with each mechanism that is on switched off, common random numbers) for the days and
replications given, and writes the attribution of the outcome (the total effect, every mechanism's
contribution that is not exactly zero, what is left unattributed, with 95 % intervals) and the
command's own sentence between the markers `<!-- explain:<key>:begin -->` and
`<!-- explain:<key>:end -->` of docs/cases.md. Run from the repository root once the build is done:

    /usr/bin/python3 scripts/case_explanations.py [key ...]
"""
import csv
import math
import subprocess
import sys
import tempfile
from pathlib import Path

DOC = Path("docs/cases.md")
CLI = "build/sim/civicsim"

# key: (scenario, strategy, outcomes, days, replications)
RESULTS = {
    "terrassa-debunking": ("scenarios/terrassa.toml", "official debunking",
                           ["non_police_hours_share"], 365, 3),
    "terrassa-classifier": ("scenarios/terrassa.toml", "classifier triage",
                            ["missed_genuine", "interventions_on_innocents"], 365, 3),
    "london-campaign": ("scenarios/london_hate_crime.toml", "app plus awareness campaign",
                        ["expired"], 365, 3),
}


def number(text, signed=False):
    x = float(text)
    if x != x:
        return "n/a"
    size = abs(x)
    if size == 0:
        return "0"
    digits = 3
    decimals = 0 if size >= 100 else max(0, min(6, digits - 1 - math.floor(math.log10(size))))
    out = f"{x:+,.{decimals}f}" if signed else f"{x:,.{decimals}f}"
    return out.replace("-", "−")


def explain(scenario, strategy, outcomes, days, replications):
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "explain.csv"
        command = [CLI, "explain", scenario, "--strategy", strategy, "--days", str(days),
                   "--replications", str(replications)]
        for o in outcomes:
            command += ["--outcome", o]
        run = subprocess.run(command + ["--threads", "2", "--out", str(out)], capture_output=True,
                             text=True, check=True)
        rows = list(csv.DictReader(out.open()))
    # The command as a reader would type it (this run's threads and temporary file left out).
    shown = " ".join(f'"{a}"' if " " in a else a for a in command[1:])
    sentences = [line.strip()[len("why: "):] for line in run.stdout.splitlines()
                 if line.strip().startswith("why: ")]
    return f"civicsim {shown}", rows, sentences


def block(key, commit):
    scenario, strategy, outcomes, days, replications = RESULTS[key]
    command, rows, sentences = explain(scenario, strategy, outcomes, days, replications)
    lines = [f"Measured at commit `{commit}` by `scripts/case_explanations.py` (`{command}`; "
             "each contribution is the total effect minus the effect left with the mechanism "
             "switched off in both arms, paired by replication, with 95 % intervals; "
             "mechanisms whose contribution is exactly 0 are left out):", ""]
    for outcome in outcomes:
        lines.append(f"- {outcome}:")
        for row in rows:
            if row["outcome"] != outcome:
                continue
            if float(row["mean"]) == 0 and float(row["low"]) == 0 and float(row["high"]) == 0 \
                    and row["part"] not in ("total", "not attributed"):
                continue
            lines.append(f"  - {row['part']}: {number(row['mean'], True)} "
                         f"[{number(row['low'])}, {number(row['high'])}]")
    lines.append("")
    return "\n".join(lines) + "\n" + "\n\n".join(f"> {s}" for s in sentences)


def main():
    chosen = sys.argv[1:] or list(RESULTS)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    for key in chosen:
        print(f"case_explanations: {key}", file=sys.stderr)
        written = block(key, commit)
        text = DOC.read_text()
        begin, end = f"<!-- explain:{key}:begin -->", f"<!-- explain:{key}:end -->"
        start, stop = text.index(begin), text.index(end) + len(end)
        DOC.write_text(text[:start] + f"{begin}\n\n{written}\n\n{end}" + text[stop:])


if __name__ == "__main__":
    main()

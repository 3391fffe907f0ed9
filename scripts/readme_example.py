#!/usr/bin/python3
"""Regenerates the README's example output from a real run of the main job.

Runs `civicsim compare scenarios/workshop_town.toml` as `make run` does, keeps the header, a few
headline outcomes and the footer, and writes them between the markers `<!-- example:begin -->` and
`<!-- example:end -->` of README.md, with the number of outcomes and families shown; then runs the
same comparison with `--robust` (ROBUST below) and writes its robustness table between
`<!-- robust:begin -->` and `<!-- robust:end -->`; then runs `civicsim explain` on the town's rule
triage and writes its output between `<!-- explain-example:begin -->` and
`<!-- explain-example:end -->`. Run from the repository root after a change of the model
(`explain` as the second argument runs only the last part):

    /usr/bin/python3 scripts/readme_example.py [build/sim/civicsim [explain]]
"""
import re
import subprocess
import sys

README = "README.md"
BEGIN, END = "<!-- example:begin -->", "<!-- example:end -->"
# (family, outcome) shown in the excerpt, in the order of the output.
SHOWN = [("trust", "trust_mean"), ("fear of crime", "worried_share"),
         ("response load", "expired"), ("bias", "adoption_gap_language"), ("cost", "total_cost")]
EXPOSURE = ("members vs others", "trust_mean")
ROBUST_BEGIN, ROBUST_END = "<!-- robust:begin -->", "<!-- robust:end -->"
# The robustness example: Workshop Town's comparison at 8 draws of its [[uncertain]] parameters.
ROBUST = ["compare", "scenarios/workshop_town.toml", "--robust", "8", "--replications", "2",
          "--out", "results/workshop_town-robust.h5", "--force"]


def blocks(text):
    """The output's sections: (family, [(outcome, lines)])."""
    families, family = [], None
    for chunk in re.split(r"\n\s*\n", text):
        lines = chunk.strip("\n").splitlines()
        if not lines:
            continue
        head = re.match(r"^== (.*) ==$", lines[0])
        if head:
            family = (head.group(1), [])
            families.append(family)
            lines = lines[1:]
            if not lines:
                continue
        name = re.match(r"^(\w+) \(", lines[0])
        if family and name:
            family[1].append((name.group(1), lines))
    return families


EXPLAIN = ["explain", "scenarios/workshop_town.toml", "--strategy", "rule triage", "--outcome",
           "expired", "--out", "results/workshop_town-explain.csv",
           "--force"]


def replace_between(begin, end, block):
    with open(README) as f:
        text = f.read()
    start, stop = text.index(begin), text.index(end) + len(end)
    with open(README, "w") as f:
        f.write(text[:start] + f"{begin}\n{block}\n{end}" + text[stop:])


def explain_example(civicsim):
    out = subprocess.run([civicsim] + EXPLAIN, check=True, capture_output=True,
                         text=True).stdout
    # The list of switches is long and the same for every outcome: keep the first and last two.
    lines = out.rstrip().splitlines()
    start = lines.index("mechanisms switched off in both arms, one at a time:")
    end = next(i for i in range(start, len(lines)) if not lines[i].strip())
    if end - start > 5:
        lines[start + 3:end - 2] = ["  ..."]
    replace_between("<!-- explain-example:begin -->", "<!-- explain-example:end -->",
                    "```\n$ civicsim " + " ".join(f"'{a}'" if " " in a else a for a in EXPLAIN) +
                    "\n" + "\n".join(lines) + "\n```")


def main():
    civicsim = sys.argv[1] if len(sys.argv) > 1 else "build/sim/civicsim"
    if sys.argv[2:] != ["explain"]:
        compare_example(civicsim)
    explain_example(civicsim)


def compare_example(civicsim):
    out = subprocess.run([civicsim, "compare", "scenarios/workshop_town.toml", "--out",
                          "results/workshop_town.h5", "--report", "results/workshop_town.html",
                          "--force"], check=True, capture_output=True, text=True).stdout
    header = out.split("\n== ", 1)[0].rstrip()
    footer = [line for line in out.splitlines()
              if line.startswith(("* the 95%", "wrote "))]
    sections = blocks(out)
    headline = [f for f in sections if not f[0].startswith("effects where")]
    outcomes = sum(len(f[1]) for f in headline)
    excerpt = [header, ""]
    for family, outcomes_of in sections:
        for name, lines in outcomes_of:
            wanted = (family, name) in SHOWN or (EXPOSURE[0] in family and
                                                 name == EXPOSURE[1])
            if wanted:
                excerpt += [f"== {family} ==", "...", *lines, "..."]
    excerpt += footer[:1] + [""] + footer[1:]
    with open(README) as f:
        text = f.read()
    start, stop = text.index(BEGIN), text.index(END) + len(END)
    block = (f"{BEGIN}\n(trimmed: there are {outcomes} outcomes in {len(headline)} families, then "
             f"the effects where they act)\n\n```\n" + "\n".join(excerpt) + f"\n```\n{END}")
    text = text[:start] + block + text[stop:]

    out = subprocess.run([civicsim, *ROBUST], check=True, capture_output=True, text=True).stdout
    table = out[out.index("== robustness"):out.index("\nwrote ")].rstrip()
    start, stop = text.index(ROBUST_BEGIN), text.index(ROBUST_END) + len(ROBUST_END)
    block = (f"{ROBUST_BEGIN}\n```\n$ civicsim {' '.join(ROBUST)}\n...\n{table}\n```\n"
             f"{ROBUST_END}")
    with open(README, "w") as f:
        f.write(text[:start] + block + text[stop:])


if __name__ == "__main__":
    main()

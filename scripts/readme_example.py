#!/usr/bin/python3
"""Regenerates the README's example output from a real run of the main job.

Runs `civicsim compare scenarios/workshop_town.toml` as `make run` does, keeps the header, a few
headline outcomes and the footer, and writes them between the markers `<!-- example:begin -->` and
`<!-- example:end -->` of README.md, with the number of outcomes and families shown; then runs the
same comparison with `--robust` (ROBUST below) and writes its robustness table between
`<!-- robust:begin -->` and `<!-- robust:end -->`. Run from the repository root after a change of
the model:

    /usr/bin/python3 scripts/readme_example.py [build/sim/civicsim]
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


def main():
    civicsim = sys.argv[1] if len(sys.argv) > 1 else "build/sim/civicsim"
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

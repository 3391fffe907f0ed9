#!/usr/bin/python3
"""How far the headline outcomes move across each parameter's plausible range.

One at a time, every parameter with a plausible range in the schema (``civicsim describe
--json``) is set to the low and to the high end of its range, the scenario (the workshop town by
default) is run for a few replications with the baseline's seeds (common random numbers, so the
difference high - low is measured pairwise, replication by replication), and a Markdown table
lists, for each parameter, the outcomes it moves most, and for each outcome, the parameters that
move it most (docs/sensitivity.md). Run it from the top of the source tree after a build::

    nice -n 15 /usr/bin/python3 scripts/sensitivity.py            # or: make sensitivity

``--keys`` limits the parameters (shell-style patterns), ``--days`` and ``--replications`` the
work; ``--csv`` writes every (parameter, outcome) row. The ranges are read from the schema, so
the table follows the model as it changes: regenerate it with the same command.
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import json
import math
import os
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

#: The headline outcomes the table reports, in the order of their families (models/metrics.cpp);
#: those a build does not record are left out.
OUTCOMES = (
    "trust_mean",
    "fear_mean",
    "worried_share",
    "victimised_share",
    "reporting_rate",
    "expired",
    "response_time_median",
    "non_police_hours_share",
    "interventions_on_innocents",
    "innocent_intervention_disparity",
    "rumour_reach",
    "adoption_share",
    "cohesion",
    "total_cost",
)

# Two-sided 95 % Student-t quantiles by degrees of freedom (1-30); 1.96 beyond.
_T975 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
         2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
         2.060, 2.056, 2.052, 2.048, 2.045, 2.042)


#: Relative size below which a paired difference is floating-point rounding, not an effect.
ROUNDING = 1e-9


def t975(df: int) -> float:
    return _T975[df - 1] if 1 <= df <= len(_T975) else 1.96


# --- The table's logic (pure; tests/scripts/test_sensitivity.py) --------------------------------

@dataclass(frozen=True)
class Effect:
    """One outcome's move from the low to the high end of one parameter's range."""

    key: str
    outcome: str
    baseline: float  # mean over replications, the scenario as written
    low: float       # mean at the low end
    high: float      # mean at the high end
    change: float    # mean paired difference high - low
    half_width: float  # of its 95 % interval (nan with one replication)

    @property
    def none(self) -> bool:
        """No run changed at all: with common random numbers the parameter has no effect here.
        (A change that is NaN, an outcome defined at one end only, is neither none nor beyond
        the noise.)"""
        return self.change == 0.0 and (self.half_width == 0.0 or math.isnan(self.half_width))

    @property
    def beyond_noise(self) -> bool:
        """The 95 % interval of the paired difference excludes 0."""
        return not math.isnan(self.half_width) and abs(self.change) > self.half_width

    @property
    def relative(self) -> float:
        """The change relative to the baseline value (inf when the baseline is 0)."""
        if self.baseline != 0.0:
            return self.change / abs(self.baseline)
        return 0.0 if self.change == 0.0 else math.copysign(math.inf, self.change)


def paired_effect(key: str, outcome: str, baseline: Sequence[float], low: Sequence[float],
                  high: Sequence[float]) -> Effect:
    """The effect of low -> high on an outcome, from per-replication values in replication order
    (replication r of each shares its random numbers)."""
    if not (len(low) == len(high) and len(low) > 0):
        raise ValueError(f"{key}: need as many low as high replications, at least one")
    # An outcome undefined in a run (a median of no response, a ratio of nothing) is NaN; a pair
    # undefined at both ends did not change.
    differences = [0.0 if math.isnan(h) and math.isnan(lo) else h - lo for h, lo in zip(high, low)]
    # Rounding differences (a ratio summed in another order) are not effects.
    differences = [0.0 if abs(d) <= ROUNDING * max(abs(h), abs(lo)) else d
                   for d, h, lo in zip(differences, high, low)]
    n = len(differences)
    change = sum(differences) / n
    if n > 1:
        sd = math.sqrt(sum((d - change) ** 2 for d in differences) / (n - 1))
        half_width = t975(n - 1) * sd / math.sqrt(n)
    else:
        half_width = math.nan
    return Effect(key, outcome, sum(baseline) / len(baseline), sum(low) / n, sum(high) / n,
                  change, half_width)


def ranked(effects: Iterable[Effect]) -> list[Effect]:
    """Effects beyond the replication noise, largest relative change first."""
    return sorted((e for e in effects if e.beyond_noise), key=lambda e: -abs(e.relative))


def number(x: float) -> str:
    """Four significant figures, without exponent for everyday magnitudes."""
    if math.isnan(x):
        return "n/a"
    if x == 0:
        return "0"
    if abs(x) >= 1e4:
        return f"{x:,.0f}"
    if abs(x) >= 1e-4:
        return f"{x:.4g}"
    return f"{x:.12f}".rstrip("0")  # 0.00002, not 2e-05, next to a dash


def percent(x: float) -> str:
    """+878 %, +5.4 %, -0.031 %: two significant figures below 1 %."""
    if math.isinf(x):
        return "from 0"
    p = x * 100
    if abs(p) >= 9.95:
        return f"{p:+.0f} %"
    if abs(p) >= 0.995:
        return f"{p:+.1f} %"
    return f"{float(f'{p:.2g}'):+} %"


def describe_effect(e: Effect) -> str:
    """``trust_mean -2.1 % (0.601 → 0.588)``: the change relative to the baseline, then the
    means at the low and the high end."""
    return f"`{e.outcome}` {percent(e.relative)} ({number(e.low)} → {number(e.high)})"


def range_text(low: Any, high: Any) -> str:
    if isinstance(low, list):
        return "[" + ", ".join(number(x) for x in low) + "] – [" + \
            ", ".join(number(x) for x in high) + "]"
    return f"{number(low)} – {number(high)}"


def value_text(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(number(x) for x in value) + "]"
    return "n/a" if value is None else number(value)


@dataclass(frozen=True)
class Parameter:
    key: str
    value: Any  # in the scenario as run
    low: Any
    high: Any
    source: str
    problem: str = ""  # why it was not run


def by_parameter_table(parameters: Sequence[Parameter], effects: Sequence[Effect],
                       top: int = 3) -> str:
    """One row per parameter: its value and range, and the outcomes it moves most."""
    rows = ["| parameter | value | plausible range | moves most, low → high (relative to the "
            "scenario as written) |", "|---|---|---|---|"]
    for p in parameters:
        own = [e for e in effects if e.key == p.key]
        if p.problem:
            cell = f"not run: {p.problem}"
        elif own and all(e.none for e in own):
            cell = "nothing: no headline outcome changed in any run (unused here)"
        else:
            moved = ranked(own)
            cell = "; ".join(describe_effect(e) for e in moved[:top]) if moved else \
                "nothing beyond the replication noise"
            if len(moved) > top:
                cell += f"; {len(moved) - top} more"
        rows.append(f"| `{p.key}` | {value_text(p.value)} | {range_text(p.low, p.high)} | "
                    f"{cell} |")
    return "\n".join(rows) + "\n"


def by_outcome_table(outcomes: Sequence[str], effects: Sequence[Effect], top: int = 5) -> str:
    """One row per outcome: its baseline value and the parameters that move it most."""
    rows = ["| outcome | scenario as written | moved most by, low → high |", "|---|---|---|"]
    for outcome in outcomes:
        own = [e for e in effects if e.outcome == outcome]
        if not own:
            continue
        moved = ranked(own)
        cell = "; ".join(f"`{e.key}` {percent(e.relative)} ({number(e.low)} → {number(e.high)})"
                         for e in moved[:top]) or "nothing beyond the replication noise"
        if len(moved) > top:
            cell += f"; {len(moved) - top} more"
        rows.append(f"| `{outcome}` | {number(own[0].baseline)} | {cell} |")
    return "\n".join(rows) + "\n"


# --- The schema and the scenario -----------------------------------------------------------------

def ranged_keys(schema: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Keys with a plausible range, outside repeated sections (whose elements are the case's)."""
    return [k for k in schema["keys"] if k.get("plausible") and not k["repeated"]]


def lookup(resolved: Mapping[str, Any], dotted: str) -> Any:
    """The value of a dotted key in a resolved scenario (TOML tables nested by section)."""
    node: Any = resolved
    parts = dotted.split(".")
    i = 0
    while i < len(parts):
        # Section names and keys may themselves contain dots only as nesting; take the longest
        # prefix present at each level.
        for j in range(len(parts), i, -1):
            name = ".".join(parts[i:j])
            if isinstance(node, Mapping) and name in node:
                node, i = node[name], j
                break
        else:
            return None
    return node


def ends(key: Mapping[str, Any], value: Any) -> tuple[Any, Any]:
    """The low and high values to run: one range for every entry of a list, or one per entry;
    integers stay integers."""
    ranges = key["plausible"]
    if key["type"] == "list of floats":
        n = len(value) if isinstance(value, list) else len(ranges)
        pick = (lambda i: ranges[0]) if len(ranges) == 1 else (lambda i: ranges[i])
        return [float(pick(i)[0]) for i in range(n)], [float(pick(i)[1]) for i in range(n)]
    low, high = ranges[0]
    if key["type"] == "integer":
        return int(low), int(high)
    return float(low), float(high)


# --- Running -------------------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", default=str(ROOT / "scenarios" / "workshop_town.toml"))
    parser.add_argument("--strategy", help="start from this [[strategy]] of the scenario instead "
                        "of its baseline (e.g. \"rule triage\" for the triage keys)")
    parser.add_argument("--build", default=str(ROOT / "build"),
                        help="build tree with sim/civicsim and python/ (default: build)")
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--replications", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--keys", nargs="*", default=["*"],
                        help="shell-style patterns of the dotted keys to vary (default: all)")
    parser.add_argument("--top", type=int, default=3, help="outcomes listed per parameter")
    parser.add_argument("--out", default=str(ROOT / "docs" / "sensitivity.md"))
    parser.add_argument("--csv", help="also write every (parameter, outcome) effect as CSV")
    args = parser.parse_args(argv)

    build = Path(args.build)
    sys.path.insert(0, str(build / "python"))
    import civicsim  # noqa: E402  (the package of this build)

    schema = json.loads(subprocess.run([str(build / "sim" / "civicsim"), "describe", "--json"],
                                       check=True, capture_output=True, text=True).stdout)
    keys = [k for k in ranged_keys(schema)
            if any(fnmatch.fnmatchcase(k["key"], pattern) for pattern in args.keys)]
    if not keys:
        parser.error("no key with a plausible range matches --keys")

    started = time.perf_counter()
    scenario = civicsim.load_scenario(args.scenario)
    scenario_name = scenario.name
    if args.strategy:
        chosen = [s for s in scenario.strategies if s.name == args.strategy]
        if not chosen:
            parser.error(f"no [[strategy]] {args.strategy!r} in {args.scenario} (there are: "
                         + ", ".join(repr(s.name) for s in scenario.strategies) + ")")
        # A strategy's overrides are TOML text; with_overrides takes Python values.
        scenario = scenario.with_overrides({key: tomllib.loads(f"v = {text}")["v"]
                                            for key, text in chosen[0].overrides.items()})
        scenario_name += f", strategy \"{args.strategy}\""
    resolved = tomllib.loads(scenario.to_toml())

    def run(overrides: Mapping[str, Any]) -> Any:
        s = scenario.with_overrides(overrides) if overrides else scenario
        summary = civicsim.run(s, days=args.days, replications=args.replications,
                               threads=args.threads, progress=False).summary
        return summary.sort_values("replication")

    base = run({})
    outcomes = [o for o in OUTCOMES if o in base.columns]
    parameters: list[Parameter] = []
    effects: list[Effect] = []
    for i, key in enumerate(keys, 1):
        value = lookup(resolved, key["key"])
        low, high = ends(key, value)
        print(f"[{i}/{len(keys)}] {key['key']}: {range_text(low, high)}", file=sys.stderr,
              flush=True)
        try:
            at_low, at_high = run({key["key"]: low}), run({key["key"]: high})
        except civicsim.ScenarioError as error:
            parameters.append(Parameter(key["key"], value, low, high, key["source"],
                                        str(error).replace("\n", " ")))
            continue
        parameters.append(Parameter(key["key"], value, low, high, key["source"]))
        for outcome in outcomes:
            effects.append(paired_effect(key["key"], outcome, base[outcome].tolist(),
                                         at_low[outcome].tolist(), at_high[outcome].tolist()))
    minutes = (time.perf_counter() - started) / 60

    command = "scripts/sensitivity.py" + ("" if args.keys == ["*"] else " --keys " +
                                          " ".join(args.keys))
    if args.strategy:
        command += f" --strategy '{args.strategy}'"
    text = render(scenario_name=scenario_name, scenario_path=os.path.relpath(args.scenario, ROOT),
                  days=args.days, replications=args.replications, seed=scenario.seed,
                  runs=(1 + 2 * len(parameters)) * args.replications, minutes=minutes,
                  threads=args.threads, command=command, commit=civicsim.git_commit,
                  parameters=parameters, outcomes=outcomes, effects=effects, top=args.top)
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(parameters)} parameters, {minutes:.1f} min)", file=sys.stderr)
    if args.csv:
        with open(args.csv, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["parameter", "outcome", "baseline", "low", "high", "change",
                             "half_width_95", "relative", "beyond_noise"])
            for e in effects:
                writer.writerow([e.key, e.outcome, e.baseline, e.low, e.high, e.change,
                                 e.half_width, e.relative, e.beyond_noise])
    return 0


def render(*, scenario_name: str, scenario_path: str, days: int, replications: int, seed: int,
           runs: int, minutes: float, threads: int, command: str, commit: str,
           parameters: Sequence[Parameter], outcomes: Sequence[str], effects: Sequence[Effect],
           top: int) -> str:
    return (
        f"> Generated by `{command}` (or `make sensitivity`) from the plausible ranges of the "
        "schema; do not edit. The model is still changing: regenerate it rather than quote "
        "it.\n\n"
        "# Sensitivity of the headline outcomes to the plausible ranges\n\n"
        f"{scenario_name} (`{scenario_path}`), as written, {days} days, "
        f"{replications} replications (seed {seed}); each parameter alone at the low and at the "
        "high end of its plausible range (docs/scenario-reference.md, docs/ODD.md \"Sources and "
        "plausible ranges\"), everything else as written. Replication *r* of every run uses the "
        "same random numbers, so the change from low to high is a paired difference. "
        f"{runs} runs took {minutes:.1f} minutes on {threads} threads (commit {commit}).\n\n"
        "A change is listed only when the 95 % interval of the paired difference excludes 0 "
        "(the replication noise); it is given relative to the scenario as written (\"from 0\" "
        "where that is 0), then as the means at the low and the high end. \"Unused here\" "
        "means that no headline outcome of any run changed: the mechanism is off or idle in "
        "this scenario (in the workshop town triage, consultations and the watchdog are off, "
        "and its groups are too small to overload a facilitator), so the range says nothing "
        "here; run the script on a scenario or strategy that uses it (`--scenario`, "
        "`--strategy`). One-at-a-time ends say how far each assumption alone can "
        "move an outcome, not how assumptions interact (for that, `civicsim.sensitivity` "
        "computes Sobol indices).\n\n"
        "## By parameter\n\n"
        + by_parameter_table(parameters, effects, top)
        + "\n## By outcome\n\nThe five parameters whose ranges move each outcome most.\n\n"
        + by_outcome_table(outcomes, effects, 5)
    )


if __name__ == "__main__":
    sys.exit(main())

"""scripts/sensitivity.py: the table's logic with made-up numbers, and one key run end to end
with tiny settings (ctest: scripts.sensitivity)."""

import importlib.util
import math
import os
import sys
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("CIVICSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
_spec = importlib.util.spec_from_file_location("sensitivity_script",
                                               SOURCE_DIR / "scripts" / "sensitivity.py")
sensitivity = importlib.util.module_from_spec(_spec)
sys.modules["sensitivity_script"] = sensitivity  # dataclasses look their module up
_spec.loader.exec_module(sensitivity)


def test_paired_effect_is_the_mean_paired_difference_with_a_t_interval():
    e = sensitivity.paired_effect("k", "trust_mean", [0.5, 0.5, 0.5], [0.4, 0.5, 0.6],
                                  [0.5, 0.6, 0.8])
    assert e.change == pytest.approx((0.1 + 0.1 + 0.2) / 3)
    sd = math.sqrt(((0.1 - e.change) ** 2 * 2 + (0.2 - e.change) ** 2) / 2)
    assert e.half_width == pytest.approx(4.303 * sd / math.sqrt(3))
    assert not e.beyond_noise  # 0.133 against a half-width of 0.143 with 3 replications
    assert e.relative == pytest.approx(e.change / 0.5)
    assert (e.low, e.high) == (pytest.approx(0.5), pytest.approx(0.6333333))


def test_a_steady_difference_exceeds_the_noise():
    e = sensitivity.paired_effect("k", "o", [2, 2], [1.0, 2.0], [1.5, 2.6])
    assert e.change == pytest.approx(0.55)
    assert e.half_width == pytest.approx(12.706 * math.sqrt(0.005) / math.sqrt(2))
    assert not e.beyond_noise  # two replications: t = 12.7
    e = sensitivity.paired_effect("k", "o", [2] * 4, [1.0, 2.0, 3.0, 4.0], [1.5, 2.6, 3.5, 4.6])
    assert e.beyond_noise


def test_noise_no_effect_and_a_zero_baseline():
    noisy = sensitivity.paired_effect("k", "o", [1, 1], [1.0, 2.0], [2.0, 1.0])
    assert not noisy.beyond_noise and not noisy.none
    same = sensitivity.paired_effect("k", "o", [1, 1], [1.0, 2.0], [1.0, 2.0])
    assert same.none and not same.beyond_noise
    single = sensitivity.paired_effect("k", "o", [1], [1.0], [2.0])
    assert math.isnan(single.half_width) and not single.beyond_noise
    from_zero = sensitivity.paired_effect("k", "o", [0, 0], [0.0, 0.0], [2.0, 3.0])
    assert from_zero.relative == math.inf
    assert sensitivity.percent(from_zero.relative) == "from 0"
    with pytest.raises(ValueError):
        sensitivity.paired_effect("k", "o", [1], [1.0, 2.0], [1.0])
    rounding = sensitivity.paired_effect("k", "o", [6.6] * 2, [6.6, 6.6], [6.6 + 1e-15, 6.6])
    assert rounding.none
    nan = math.nan
    undefined = sensitivity.paired_effect("k", "o", [nan, nan], [nan, nan], [nan, nan])
    assert undefined.none  # undefined at both ends in every run: unchanged
    half = sensitivity.paired_effect("k", "o", [nan, nan], [nan, 1.0], [nan, 2.0])
    assert half.change == 0.5 and not half.none
    one_sided = sensitivity.paired_effect("k", "o", [1, 1], [nan, 1.0], [1.0, 2.0])
    assert math.isnan(one_sided.change)
    assert not one_sided.none and not one_sided.beyond_noise


def test_ranked_keeps_what_exceeds_the_noise_largest_relative_change_first():
    small = sensitivity.Effect("a", "o1", 10.0, 10.0, 10.5, 0.5, 0.1)
    large = sensitivity.Effect("a", "o2", 1.0, 1.0, 0.5, -0.5, 0.1)
    noise = sensitivity.Effect("a", "o3", 1.0, 1.0, 3.0, 2.0, 5.0)
    assert sensitivity.ranked([small, noise, large]) == [large, small]


def test_tables_name_the_largest_moves_and_what_did_not_move():
    params = [sensitivity.Parameter("x.a", 0.5, 0.2, 0.8, "assumption"),
              sensitivity.Parameter("x.b", [1.0, 2.0], [0.5, 1.5], [1.5, 2.5], "assumption"),
              sensitivity.Parameter("x.c", 3, 1, 7, "assumption"),
              sensitivity.Parameter("x.d", 1.0, 0.5, 2.0, "assumption", "must be at most 1")]
    effects = [sensitivity.Effect("x.a", "trust_mean", 0.6, 0.62, 0.58, -0.04, 0.01),
               sensitivity.Effect("x.a", "total_cost", 1000.0, 1000.0, 1300.0, 300.0, 10.0),
               sensitivity.Effect("x.b", "trust_mean", 0.6, 0.6, 0.6, 0.001, 0.01),
               sensitivity.Effect("x.c", "trust_mean", 0.6, 0.6, 0.6, 0.0, 0.0)]
    table = sensitivity.by_parameter_table(params, effects, top=1)
    rows = table.splitlines()
    assert rows[2] == ("| `x.a` | 0.5 | 0.2 – 0.8 | `total_cost` +30 % (1000 → 1300); "
                       "1 more |")
    assert "| `x.b` | [1, 2] | [0.5, 1.5] – [1.5, 2.5] | nothing beyond the replication noise |" \
        in rows
    assert "nothing: no headline outcome changed in any run" in rows[4]
    assert "not run: must be at most 1" in rows[5]
    by_outcome = sensitivity.by_outcome_table(["trust_mean", "rumour_reach"], effects)
    assert "| `trust_mean` | 0.6 | `x.a` -6.7 % (0.62 → 0.58) |" in by_outcome
    assert "rumour_reach" not in by_outcome  # no effects recorded for it


def test_ends_and_lookup_follow_the_schema_and_the_resolved_scenario():
    number = {"type": "float", "plausible": [[0.1, 0.4]]}
    assert sensitivity.ends(number, 0.2) == (0.1, 0.4)
    integer = {"type": "integer", "plausible": [[1.0, 7.0]]}
    assert sensitivity.ends(integer, 1) == (1, 7)
    assert isinstance(sensitivity.ends(integer, 1)[0], int)
    every = {"type": "list of floats", "plausible": [[0.5, 1.0]]}
    assert sensitivity.ends(every, [0.8, 0.9, 1.0]) == ([0.5] * 3, [1.0] * 3)
    each = {"type": "list of floats", "plausible": [[0.1, 0.2], [0.3, 0.4]]}
    assert sensitivity.ends(each, [0.15, 0.35]) == ([0.1, 0.3], [0.2, 0.4])
    resolved = {"police": {"report_share": 0.05, "handling_hours": {"hate_crime": 3.0}},
                "behaviour": {"reporting": {"app_uplift": 0.4}}}
    assert sensitivity.lookup(resolved, "police.handling_hours.hate_crime") == 3.0
    assert sensitivity.lookup(resolved, "behaviour.reporting.app_uplift") == 0.4
    assert sensitivity.lookup(resolved, "police.nothing") is None
    schema = {"keys": [{"key": "a.b", "plausible": [[0, 1]], "repeated": False},
                       {"key": "n.c", "plausible": [[0, 1]], "repeated": True},
                       {"key": "a.d", "plausible": None, "repeated": False}]}
    assert [k["key"] for k in sensitivity.ranged_keys(schema)] == ["a.b"]


def test_one_key_end_to_end(tmp_path):
    build = os.environ.get("CIVICSIM_BUILD_DIR")
    if not build:
        pytest.skip("CIVICSIM_BUILD_DIR is not set (run the tests through ctest)")
    out = tmp_path / "sensitivity.md"
    csv_path = tmp_path / "effects.csv"
    assert sensitivity.main(["--build", build, "--keys", "police.report_share", "--days", "40",
                             "--replications", "2", "--threads", "2", "--out", str(out),
                             "--csv", str(csv_path)]) == 0
    text = out.read_text()
    assert "| `police.report_share` | 0.05 | 0.03 – 0.1 |" in text
    assert "## By outcome" in text
    # Fewer report hours leave more reports to expire: the one result this must show.
    rows = csv_path.read_text().splitlines()
    expired = [r for r in rows if r.startswith("police.report_share,expired,")]
    assert len(expired) == 1
    assert float(expired[0].split(",")[5]) < 0  # change high - low


def test_a_strategy_as_the_starting_point(tmp_path):
    build = os.environ.get("CIVICSIM_BUILD_DIR")
    if not build:
        pytest.skip("CIVICSIM_BUILD_DIR is not set (run the tests through ctest)")
    out = tmp_path / "sensitivity.md"
    args = ["--build", build, "--keys", "policy.filtering.rules_minutes", "--days", "30",
            "--replications", "2", "--out", str(out)]
    sensitivity.main(args)
    assert "unused here" in out.read_text()  # the workshop town's baseline does not triage
    sensitivity.main(args + ["--strategy", "rule triage"])
    text = out.read_text()
    assert 'Workshop Town, strategy "rule triage"' in text
    assert "unused here" not in text
    with pytest.raises(SystemExit):
        sensitivity.main(args + ["--strategy", "no such strategy"])

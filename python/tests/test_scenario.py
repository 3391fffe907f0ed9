"""Scenarios from Python: loading, overrides, and errors with the CLI's messages."""

import textwrap

import pytest

import civicsim
from civicsim._scenario import toml_value

from conftest import WORKSHOP_TOWN, run_cli


def cli_problems(stderr: str) -> list[str]:
    """The problem lines the CLI prints, without its closing summary line."""
    lines = stderr.rstrip("\n").split("\n")
    assert lines[-1].startswith("civicsim validate: "), stderr
    assert "nothing was run or written" in lines[-1]
    return lines[:-1]


def test_load_scenario_describes_the_workshop_town(town):
    assert town.name == "Workshop Town"
    assert town.neighbourhoods == ["Market Centre", "Millbrook Estate", "Old Village", "Brook Farms"]
    assert town.residents == 20000
    assert (town.days, town.replications, town.seed) == (365, 4, 20240901)
    assert town.communities == ["majority", "polish"]
    assert [s.name for s in town.strategies] == [
        "no campaigns", "multilingual app", "more officer time", "rule triage", "no facilitators"]
    assert town.strategies[3].overrides == {"policy.filtering.mode": '"rules"'}
    assert "Workshop Town" in repr(town)


def test_with_overrides_returns_a_new_checked_scenario(town):
    changed = town.with_overrides({"police.report_share": 0.08, "scenario.days": 30,
                                   "channels.app.languages": ["english", "polish"],
                                   "policy.outreach.campaign.seniors.enabled": False})
    assert changed.days == 30 and town.days == 365
    assert "report_share = 0.08" in changed.to_toml()
    assert "report_share = 0.05" in town.to_toml()
    assert [s.name for s in changed.strategies] == [s.name for s in town.strategies]
    # The resolved TOML reads back to the same scenario.
    again = civicsim.parse_scenario(changed.to_toml(), "resolved")
    assert again.to_toml() == changed.to_toml()


def test_toml_values():
    assert toml_value(True) == "true"
    assert toml_value(3) == "3"
    assert toml_value(0.1) == "0.1"
    assert toml_value('a "b"') == '"a \\"b\\""'
    assert toml_value(["english", "polish"]) == '["english", "polish"]'
    with pytest.raises(TypeError, match="cannot use a dict"):
        toml_value({"a": 1})


def test_bad_overrides_raise_scenario_error_with_every_problem(town):
    with pytest.raises(civicsim.ScenarioError) as caught:
        town.with_overrides({"police.report_shar": 0.08, "police.report_share": 1.5})
    error = caught.value
    assert isinstance(error, ValueError)
    assert len(error.problems) == 2
    assert [p.key for p in error.problems] == ["police.report_shar", "police.report_share"]
    assert "did you mean" in error.problems[0].message
    assert error.problems[1].value == "1.5"
    assert str(error).split("\n") == [str(p) for p in error.problems]
    assert str(error.problems[0]).startswith("override #1: police.report_shar = 0.08: ")


def test_scenario_error_text_equals_the_cli_for_a_bad_file(tmp_path, cli):
    bad = tmp_path / "bad.toml"
    bad.write_text(WORKSHOP_TOWN.read_text().replace("days = 365", "days = -3").replace(
        "report_share = 0.05", "report_share = 1.5\nofficers_per_day = 3"))
    completed = run_cli(cli, "validate", str(bad))
    assert completed.returncode == 2
    with pytest.raises(civicsim.ScenarioError) as caught:
        civicsim.load_scenario(bad)
    assert len(caught.value.problems) >= 3
    assert str(caught.value).split("\n") == cli_problems(completed.stderr)


def test_scenario_error_text_equals_the_cli_for_set_overrides(cli):
    # The same values as Python gives them: a str is a TOML string, quoted.
    completed = run_cli(cli, "validate", str(WORKSHOP_TOWN), "--set", "police.report_share=2",
                        "--set", 'policy.filtering.mode="clever"')
    assert completed.returncode == 2
    with pytest.raises(civicsim.ScenarioError) as caught:
        civicsim.load_scenario(WORKSHOP_TOWN, {"police.report_share": 2,
                                              "policy.filtering.mode": "clever"})
    assert str(caught.value).split("\n") == cli_problems(completed.stderr)


@pytest.mark.parametrize("content", [None, "[scenario\nname = 1\n", textwrap.dedent("""\
    [scenario]
    name = "x"
    days = "many"
    """)])
def test_unreadable_or_invalid_files_match_the_cli(tmp_path, cli, content):
    path = tmp_path / "scenario.toml"
    if content is not None:
        path.write_text(content)
    completed = run_cli(cli, "validate", str(path))
    assert completed.returncode == 2
    with pytest.raises(civicsim.ScenarioError) as caught:
        civicsim.load_scenario(path)
    assert str(caught.value).split("\n") == cli_problems(completed.stderr)


LATE_PHASE = textwrap.dedent("""\
    [scenario]
    name = "late phases"
    days = 40

    [[neighbourhood]]
    name = "A"
    population = 1000
    density = 100

    [[rollout.phase]]
    name = "pilot"
    start_day = 10

    [[strategy]]
    name = "postponed"
    set = { "rollout.phase.pilot.start_day" = 45 }
    """)


def test_rollout_phases_after_the_last_day_are_warned_about_as_the_cli_does(tmp_path, cli):
    path = tmp_path / "late.toml"
    path.write_text(LATE_PHASE)
    with pytest.warns(civicsim.ScenarioWarning) as caught:
        scenario = civicsim.load_scenario(path)
    messages = [str(w.message) for w in caught]
    assert [str(p) for p in scenario.warnings] == messages
    assert len(messages) == 1 and "(in strategy \"postponed\")" in messages[0]
    # The CLI prints the same line.
    assert messages[0] in run_cli(cli, "validate", str(path)).stderr

    with pytest.warns(civicsim.ScenarioWarning, match="'pilot' starts on day 10"):
        shorter = scenario.with_overrides({"scenario.days": 5})
    assert len(shorter.warnings) == 1  # the strategy's 45 is the same key, warned once
    with pytest.warns(civicsim.ScenarioWarning, match="'pilot' starts on day 10"):
        civicsim.load_scenario(path, {"scenario.days": 5})


def test_a_scenario_without_late_phases_warns_nothing(town, recwarn):
    assert town.with_overrides({"scenario.days": 30}).warnings == []
    assert not [w for w in recwarn if issubclass(w.category, civicsim.ScenarioWarning)]

"""civicsim: an agent-based simulator of civic-technology policies in urban security.

Load a scenario, run it (or compare its strategies, or sweep its parameters) and analyse the
results as xarray and pandas objects::

    import civicsim
    town = civicsim.load_scenario("scenarios/workshop_town.toml")
    results = civicsim.run(town, replications=2, days=90)
    results.timeseries["trust_mean"].mean(["run", "neighbourhood"]).plot()
    results.summary[["trust_mean", "reports"]].describe()

Importing the package has no side effects: nothing is run, configured or printed.
"""

from ._core import ScenarioProblem, WorkTooLargeError, git_commit
from ._core import version as __version__
from ._results import Results, ResultsError, open_results
from ._runner import compare, run, sweep
from ._scenario import (Scenario, ScenarioError, ScenarioWarning, Strategy, load_scenario,
                        parse_scenario)

__all__ = [
    "Results",
    "ResultsError",
    "Scenario",
    "ScenarioError",
    "ScenarioProblem",
    "ScenarioWarning",
    "Strategy",
    "WorkTooLargeError",
    "compare",
    "git_commit",
    "load_scenario",
    "open_results",
    "parse_scenario",
    "run",
    "sweep",
]

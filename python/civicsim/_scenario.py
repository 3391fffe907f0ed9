"""Scenarios: the checked, immutable parameters of a simulation, and overrides of their keys."""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Mapping
from typing import Any, NamedTuple

from . import _core

#: Raised for a scenario that cannot be read or is invalid; a ValueError. ``str(error)`` is every
#: problem, one per line, exactly as the ``civicsim`` CLI prints them; ``error.problems`` is the
#: list of :class:`ScenarioProblem` (location, key, value, message).
ScenarioError = _core.ScenarioError


class ScenarioWarning(UserWarning):
    """Something in a scenario that is allowed but probably not meant: a rollout phase that starts
    after the last day, in the baseline or in a strategy. The ``civicsim`` CLI prints the same
    lines as warnings; :attr:`Scenario.warnings` lists them."""


def _warned(scenario: Scenario, stacklevel: int = 3) -> Scenario:
    """Issues a :class:`ScenarioWarning` for each of the scenario's warnings, at the caller's
    caller (the user's line), and returns the scenario."""
    for problem in scenario.warnings:
        warnings.warn(str(problem), ScenarioWarning, stacklevel=stacklevel)
    return scenario


class Strategy(NamedTuple):
    """A named set of overrides from a ``[[strategy]]`` table."""

    name: str
    description: str
    overrides: dict[str, str]


def toml_value(value: Any) -> str:
    """A Python value as the TOML text of an override (the right-hand side of ``--set``)."""
    if hasattr(value, "item") and not isinstance(value, (list, tuple, str)):
        value = value.item()  # numpy scalars
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(
        f"cannot use a {type(value).__name__} as a scenario value; "
        "give a bool, int, float, str or a list of them"
    )


class Scenario:
    """A checked scenario: immutable parameters and the strategies to compare.

    Make one with :func:`load_scenario` and derive others with :meth:`with_overrides`.
    """

    __slots__ = ("_core",)

    def __init__(self, core: _core.Scenario) -> None:
        self._core = core

    @property
    def name(self) -> str:
        return self._core.name

    @property
    def description(self) -> str:
        return self._core.description

    @property
    def source(self) -> str:
        """The file the scenario was read from."""
        return self._core.source

    @property
    def days(self) -> int:
        return self._core.days

    @property
    def warnings(self) -> list[_core.ScenarioProblem]:
        """What is allowed but probably not meant (a rollout phase that starts after the last
        day, in the baseline or a strategy), each also issued as a :class:`ScenarioWarning` when
        the scenario is loaded or derived."""
        return list(self._core.warnings)

    @property
    def seed(self) -> int:
        return self._core.seed

    @property
    def replications(self) -> int:
        return self._core.replications

    @property
    def neighbourhoods(self) -> list[str]:
        """Names of the neighbourhoods, in the scenario's order."""
        return self._core.neighbourhoods

    @property
    def communities(self) -> list[str]:
        return self._core.communities

    @property
    def residents(self) -> int:
        """Residents simulated, over all neighbourhoods."""
        return self._core.residents

    @property
    def strategies(self) -> list[Strategy]:
        """The ``[[strategy]]`` tables, in file order (the baseline is not among them)."""
        return [Strategy(name, description, dict(overrides))
                for name, description, overrides in self._core.strategies]

    def to_toml(self) -> str:
        """The resolved parameters as a complete scenario file, with its ``[[strategy]]``
        tables: parsing it gives this scenario again (:func:`parse_scenario`)."""
        text = self._core.to_toml()
        for name, description, overrides in self._core.strategies:
            sets = ", ".join(f"{toml_value(key)} = {value}" for key, value in overrides)
            text += (f"\n[[strategy]]\nname = {toml_value(name)}\n"
                     f"description = {toml_value(description)}\nset = {{ {sets} }}\n")
        return text

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:
        # The resolved TOML is the scenario's complete, checked description; a pickle carries
        # it (and the source's name), and unpickling checks it again.
        return (_from_toml, (self.to_toml(), self.source))

    def with_overrides(self, overrides: Mapping[str, Any]) -> Scenario:
        """A new scenario with some keys changed, checked like a file.

        Keys are the dotted keys of ``--set`` (``"police.report_share"``,
        ``"policy.outreach.campaign.seniors.enabled"``, ``"neighbourhood.0.population"``); values
        are Python values (bool, int, float, str, lists). Every problem is reported at once, as a
        :class:`ScenarioError`. The strategies are kept and apply on top of the new baseline.
        """
        pairs = [(str(key), toml_value(value)) for key, value in overrides.items()]
        return _warned(Scenario(self._core.with_overrides(pairs)))

    def __repr__(self) -> str:
        return (f"<Scenario {self.name!r} from {self.source!r}: {len(self.neighbourhoods)} "
                f"neighbourhoods, {self.residents} residents, {self.days} days, "
                f"{self.replications} replication(s), seed {self.seed}, "
                f"{len(self.strategies)} strategies>")


def load_scenario(path: str | os.PathLike[str], overrides: Mapping[str, Any] | None = None
                  ) -> Scenario:
    """Reads and checks a scenario file (TOML); raises :class:`ScenarioError` with every problem.

    ``overrides`` are applied as ``--set`` would be (dotted keys, Python values).
    """
    sets = [f"{key}={toml_value(value)}" for key, value in (overrides or {}).items()]
    return _warned(Scenario(_core.load_scenario(os.fspath(path), sets)))


def parse_scenario(text: str, source_name: str = "<string>") -> Scenario:
    """Checks scenario text, as :func:`load_scenario` checks a file."""
    return _warned(Scenario(_core.parse_scenario(text, source_name)))


def _from_toml(text: str, source: str) -> Scenario:
    """A pickled scenario, read back (see :meth:`Scenario.__reduce__`); its warnings were issued
    when it was first loaded."""
    return Scenario(_core.parse_scenario(text, source))

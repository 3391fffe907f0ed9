"""Results of runs as xarray and pandas objects, read from the C++ core or from a results file."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import xarray as xr

from . import _core

#: The /runs columns every results file has; any other column is a swept parameter.
RUN_COLUMNS = ("run_id", "strategy", "replication", "seed")
#: The /neighbourhoods columns, in the documented order.
NEIGHBOURHOOD_COLUMNS = ("name", "population", "density", "settlement", "deprivation", "cohesion")


class Results:
    """The runs of one command (run, compare or sweep), or of one results file.

    Attributes
    ----------
    timeseries : xarray.Dataset
        One variable per daily metric (named as in the file's ``/timeseries``), dimensions
        ``(run, day, neighbourhood)``; ``neighbourhood`` labelled by name, and ``run`` carrying
        ``run_id``, ``strategy``, ``replication``, ``seed`` and every swept parameter as coordinates.
    summary : pandas.DataFrame
        One row per run: the run columns (``run_id``, ``strategy``, ``replication``, ``seed``), a
        column per swept parameter, then one column per summary metric.
    by_community, by_age_band : xarray.Dataset
        The fairness breakdowns, dimensions ``(run, day, neighbourhood, community)`` and
        ``(run, day, neighbourhood, age_band)``.
    by_exposure : dict of str to xarray.Dataset
        The breakdowns by exposure, keyed ``by_group_membership``, ``by_app_use`` and
        ``by_campaign_target`` (also attributes of those names), dimensions
        ``(run, day, neighbourhood, membership)``, ``(..., app_use)`` and
        ``(..., campaign_target)``, the last one labelled exposed first (``members``,
        ``app users``, ``targets``), then ``others``. A group with nobody in it is NaN.
    exposure_summary : dict of str to xarray.Dataset
        The same keys: each run's last-day values city-wide (each group's own mean over the city),
        dimensions ``(run, membership)`` and so on. :meth:`exposure_differences` compares them
        between strategies.
    neighbourhoods : pandas.DataFrame
        Static attributes of the neighbourhoods, indexed by name.
    strategy_table : pandas.DataFrame
        Name and description of every strategy run, the baseline first.
    swept : list of str
        The swept parameters (dotted keys), each a column of ``summary`` and a coordinate on ``run``.
    attrs : dict
        The scenario (``attrs["scenario"]``, TOML), its name, base seed, and for files the root
        attributes.
    """

    def __init__(self, *, timeseries: xr.Dataset, summary: pd.DataFrame, by_community: xr.Dataset,
                 by_age_band: xr.Dataset, neighbourhoods: pd.DataFrame, attrs: dict[str, Any],
                 swept: list[str], strategy_table: pd.DataFrame,
                 by_exposure: dict[str, xr.Dataset] | None = None,
                 exposure_summary: dict[str, xr.Dataset] | None = None,
                 core: _core.ResultsSet | None = None,
                 path: Path | None = None) -> None:
        self.timeseries = timeseries
        self.summary = summary
        self.by_community = by_community
        self.by_age_band = by_age_band
        self.neighbourhoods = neighbourhoods
        self.attrs = attrs
        self.swept = swept
        self.strategy_table = strategy_table
        self.by_exposure = by_exposure if by_exposure is not None else {}
        self.exposure_summary = exposure_summary if exposure_summary is not None else {}
        self._core = core
        self._path = path

    # -- Construction ----------------------------------------------------------------------------

    @classmethod
    def _from_core(cls, core: _core.ResultsSet, swept: pd.DataFrame | None = None) -> Results:
        runs = pd.DataFrame(core.runs())
        swept = swept if swept is not None else pd.DataFrame(index=runs.index)
        runs = pd.concat([runs, swept.reset_index(drop=True)], axis=1)
        neighbourhoods = pd.DataFrame(core.neighbourhoods())
        attrs = {"scenario": core.scenario_toml, "scenario_name": core.scenario_name,
                 "base_seed": core.base_seed, "command_line": core.command_line,
                 "civicsim_version": _core.version, "git_commit": _core.git_commit,
                 "format_version": _core.results_format_version}
        coords = _coords(runs, neighbourhoods["name"].to_numpy())
        metric_arrays = {
            "timeseries": (_core.daily_metrics(), core.timeseries(), ["run", "day", "neighbourhood"], {}),
            "by_community": (_core.group_metrics(), core.by_community(),
                             ["run", "day", "neighbourhood", "community"],
                             {"community": np.asarray(core.communities, dtype=object)}),
            "by_age_band": (_core.group_metrics(), core.by_age_band(),
                            ["run", "day", "neighbourhood", "age_band"],
                            {"age_band": np.asarray(core.age_bands, dtype=object)}),
        }
        datasets = {}
        for key, (metrics, array, dims, extra) in metric_arrays.items():
            datasets[key] = xr.Dataset(
                {name: (dims, array[m], {"unit": unit, "description": description,
                                         "dimensions": ",".join(dims)})
                 for m, (name, unit, description) in enumerate(metrics)},
                coords={**coords, **extra},
                attrs=attrs)
        by_exposure, exposure_summary = {}, {}
        for e, (name, axis, labels, _) in enumerate(_core.exposures()):
            axis_coords = {axis: np.asarray(labels, dtype=object)}
            by_exposure[name] = _metric_dataset(
                core.by_exposure(e), ["run", "day", "neighbourhood", axis],
                {**coords, **axis_coords}, attrs)
            exposure_summary[name] = _metric_dataset(
                core.exposure_summary(e), ["run", axis],
                {**{k: v for k, v in coords.items() if k != "neighbourhood"}, **axis_coords},
                attrs)
        summary_values = core.summary()
        summary = runs.join(pd.DataFrame(
            {name: summary_values[m] for m, (name, _, _) in enumerate(_core.summary_metrics())}))
        return cls(timeseries=datasets["timeseries"], summary=summary,
                   by_community=datasets["by_community"], by_age_band=datasets["by_age_band"],
                   neighbourhoods=neighbourhoods.set_index("name"), attrs=attrs,
                   swept=list(swept.columns), core=core,
                   strategy_table=pd.DataFrame(core.strategies, columns=["name", "description"]),
                   by_exposure=by_exposure, exposure_summary=exposure_summary)

    @classmethod
    def _from_file(cls, path: Path) -> Results:
        import h5py

        with h5py.File(path, "r") as f:
            attrs = {k: (v.item() if isinstance(v, np.generic) else v) for k, v in f.attrs.items()}
            if attrs.get("format_version") != _core.results_format_version:
                raise ResultsError(
                    f"{path}: results format version {attrs.get('format_version')}, but this "
                    f"civicsim reads version {_core.results_format_version}")
            runs = _table(f["runs"])
            # Known columns first in their documented order, then the swept parameters as found.
            swept = [c for c in runs.columns if c not in RUN_COLUMNS]
            runs = runs[[c for c in RUN_COLUMNS if c in runs.columns] + swept]
            neighbourhoods = _table(f["neighbourhoods"], NEIGHBOURHOOD_COLUMNS)
            strategies = (_table(f["strategies"], ("name", "description")) if "strategies" in f
                          else pd.DataFrame({"name": list(dict.fromkeys(runs["strategy"])),
                                             "description": ""}))
            coords = _coords(runs, neighbourhoods["name"].to_numpy())
            order = {name: i for i, (name, _, _) in enumerate(_core.daily_metrics())}
            timeseries = _dataset(f["timeseries"], coords, attrs, order)
            group_order = {name: i for i, (name, _, _) in enumerate(_core.group_metrics())}
            breakdowns = {}
            for group_name, axis in (("by_community", "community"), ("by_age_band", "age_band")):
                group = f[group_name]
                breakdowns[group_name] = _dataset(
                    group, {**coords, axis: _column(group[axis])}, attrs, group_order, skip=axis)
            by_exposure, exposure_summary = {}, {}
            days = timeseries.sizes["day"]
            for name, axis, labels, _ in _core.exposures():
                axis_coords = {axis: np.asarray(labels, dtype=object)}
                run_coords = {k: v for k, v in coords.items() if k != "neighbourhood"}
                if name in f:  # files written before the exposure breakdowns lack them: NaN
                    by_exposure[name] = _dataset(f[name], {**coords, **axis_coords}, attrs,
                                                 group_order, skip=axis)
                    exposure_summary[name] = _dataset(
                        f["exposure_summary"][name], {**run_coords, **axis_coords}, attrs,
                        group_order, skip=axis)
                    continue
                shape = (len(_core.group_metrics()), len(runs), days, len(neighbourhoods),
                         len(labels))
                by_exposure[name] = _metric_dataset(
                    np.full(shape, np.nan, dtype=np.float32),
                    ["run", "day", "neighbourhood", axis], {**coords, **axis_coords}, attrs)
                exposure_summary[name] = _metric_dataset(
                    np.full((shape[0], len(runs), len(labels)), np.nan),
                    ["run", axis], {**run_coords, **axis_coords}, attrs)
            summary_order = [name for name, _, _ in _core.summary_metrics()]
            present = [n for n in summary_order if n in f["summary"]] + sorted(
                n for n in f["summary"] if n not in summary_order)
            summary = runs.join(pd.DataFrame({n: f["summary"][n][()] for n in present}))
        return cls(timeseries=timeseries, summary=summary, by_community=breakdowns["by_community"],
                   by_age_band=breakdowns["by_age_band"],
                   neighbourhoods=neighbourhoods.set_index("name"), attrs=attrs, swept=swept,
                   strategy_table=strategies, by_exposure=by_exposure,
                   exposure_summary=exposure_summary, path=path)

    # -- Views -----------------------------------------------------------------------------------

    @property
    def by_group_membership(self) -> xr.Dataset:
        """Outcomes of group members and of the others, ``(run, day, neighbourhood, membership)``."""
        return self.by_exposure["by_group_membership"]

    @property
    def by_app_use(self) -> xr.Dataset:
        """Outcomes of app users and of the others, ``(run, day, neighbourhood, app_use)``."""
        return self.by_exposure["by_app_use"]

    @property
    def by_campaign_target(self) -> xr.Dataset:
        """Outcomes of a campaign's targets and of the others,
        ``(run, day, neighbourhood, campaign_target)``."""
        return self.by_exposure["by_campaign_target"]

    @property
    def runs(self) -> pd.DataFrame:
        """One row per run: run_id, strategy, replication, seed and the swept parameters."""
        return self.summary[[c for c in RUN_COLUMNS if c in self.summary.columns] + self.swept]

    @property
    def strategies(self) -> list[str]:
        """Strategies run, in order (``baseline`` first)."""
        return list(dict.fromkeys(self.summary["strategy"]))

    def estimate(self, outcome: str, by: str | list[str] = "strategy",
                 confidence: float = 0.95) -> pd.DataFrame:
        """Mean of a summary outcome over replications, per ``by`` group, with its Student-t
        interval (as the CLI prints it): columns mean, low, high, n."""
        return self.summary.groupby(by, sort=False)[outcome].apply(
            lambda values: _t_interval(values.to_numpy(), confidence)).unstack()

    def differences(self, outcome: str, baseline: str = "baseline",
                    confidence: float = 0.95) -> pd.DataFrame:
        """Per strategy, the mean over replications of (strategy - baseline) for a summary
        outcome, pairing runs by replication (common random numbers), with its Student-t
        interval: columns mean, low, high, n. The baseline itself is left out."""
        table = self.summary.pivot_table(index="replication", columns="strategy",
                                         values=outcome, aggfunc="first", dropna=False)
        rows = {}
        for strategy in self.strategies:
            if strategy == baseline:
                continue
            rows[strategy] = _t_interval((table[strategy] - table[baseline]).to_numpy(), confidence)
        return pd.DataFrame.from_dict(rows, orient="index")

    def exposure_differences(self, exposure: str, outcome: str, baseline: str = "baseline",
                             confidence: float = 0.95) -> pd.DataFrame:
        """Per strategy and group of ``exposure`` (e.g. ``"by_group_membership"``: ``members``,
        ``others``), the mean over replications of (strategy - baseline) of the last day's
        city-wide value of group outcome ``outcome``, paired by replication, with its Student-t
        interval: columns mean, low, high, n, indexed by (strategy, group). So "members' trust
        rose by X while the others' did not" reads off two rows."""
        if exposure not in self.exposure_summary:
            raise KeyError(f"{exposure!r}: not an exposure; known: "
                           f"{', '.join(self.exposure_summary)}")
        dataset = self.exposure_summary[exposure]
        if outcome not in dataset:
            raise KeyError(f"{outcome!r}: not a group outcome; known: "
                           f"{', '.join(dataset.data_vars)}")
        values = dataset[outcome]
        axis = values.dims[-1]
        if baseline not in self.strategies:
            raise KeyError(f"{baseline!r}: not a strategy of these results; known: "
                           f"{', '.join(self.strategies)}")
        rows = {}
        for group in values[axis].values:
            frame = pd.DataFrame({"replication": self.summary["replication"].to_numpy(),
                                  "strategy": self.summary["strategy"].to_numpy(),
                                  "value": values.sel({axis: group}).to_numpy()})
            table = frame.pivot_table(index="replication", columns="strategy", values="value",
                                      aggfunc="first", dropna=False)
            for strategy in self.strategies:
                if strategy == baseline:
                    continue
                rows[(strategy, group)] = _t_interval(
                    (table[strategy] - table[baseline]).to_numpy(), confidence)
        result = pd.DataFrame.from_dict(rows, orient="index")
        if not result.empty:
            result.index = pd.MultiIndex.from_tuples(result.index, names=["strategy", axis])
        return result

    # -- Output ----------------------------------------------------------------------------------

    def to_hdf5(self, path: str | os.PathLike[str], overwrite: bool = False) -> Path:
        """Writes the results file, in the CLI's format (docs/results-format.md), atomically.

        Runs made in Python are written by the same C++ writer as the CLI; swept parameters are
        added as /runs columns before the file gets its final name. Results opened from a file
        are copied. An existing file is replaced only with ``overwrite=True``.
        """
        path = Path(path)
        if path.exists() and not overwrite:
            raise FileExistsError(f"{path}: exists; pass overwrite=True to replace it")
        path.parent.mkdir(parents=True, exist_ok=True)
        if self._core is not None and not self.swept:
            self._core.write(path, overwrite)
            return path
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        try:
            if self._core is not None:
                self._core.write(temporary, True)
                _add_run_columns(Path(temporary), self.runs[self.swept])
            else:
                assert self._path is not None
                shutil.copyfile(self._path, temporary)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        return path

    def __repr__(self) -> str:
        days = self.timeseries.sizes.get("day", 0)
        swept = f", swept {', '.join(self.swept)}" if self.swept else ""
        return (f"<Results {self.attrs.get('scenario_name', '')!r}: {len(self.summary)} runs "
                f"({', '.join(self.strategies)}{swept}) x {days} days x "
                f"{len(self.neighbourhoods)} neighbourhoods>")


#: A results file that is missing, not a civicsim results file, or damaged (a subclass of OSError).
ResultsError = _core.ResultsError


def open_results(path: str | os.PathLike[str]) -> Results:
    """Opens a results file written by the CLI or :meth:`Results.to_hdf5`.

    Raises :class:`ResultsError` (never a crash, a raw ``KeyError`` or ``MemoryError``) for a file
    that is missing, not a civicsim results file, of another format version, or damaged: the C++
    reader checks its structure and its checksums first.
    """
    path = Path(path)
    _core.check_results_file(path)
    try:
        return Results._from_file(path)
    except ResultsError:
        raise
    except (OSError, KeyError, ValueError, TypeError, IndexError, MemoryError) as error:
        raise ResultsError(f"results file '{path}' cannot be read: {error}") from error


# -- Helpers --------------------------------------------------------------------------------------

def _t_interval(values: np.ndarray, confidence: float) -> pd.Series:
    from scipy import stats

    values = values[np.isfinite(values)]
    n = len(values)
    mean = values.mean() if n else np.nan
    if n < 2:
        return pd.Series({"mean": mean, "low": mean, "high": mean, "n": n})
    half = stats.t.ppf(0.5 + confidence / 2, n - 1) * values.std(ddof=1) / np.sqrt(n)
    return pd.Series({"mean": mean, "low": mean - half, "high": mean + half, "n": n})


def _coords(runs: pd.DataFrame, neighbourhood_names: np.ndarray) -> dict[str, Any]:
    coords: dict[str, Any] = {"run": np.arange(len(runs)),
                              "neighbourhood": np.asarray(neighbourhood_names, dtype=object)}
    for name in runs.columns:
        values = runs[name].to_numpy()
        coords[name] = ("run", values.astype(object) if values.dtype.kind in "OUS" else values)
    return coords


def _column(dataset: Any) -> np.ndarray:
    import h5py

    if h5py.check_string_dtype(dataset.dtype) is not None:
        return dataset.asstr()[()].astype(object)
    return dataset[()]


def _table(group: Any, order: tuple[str, ...] = ()) -> pd.DataFrame:
    """A group of 1-D columns as a frame: the columns of `order` first, then the others."""
    names = [n for n in order if n in group] + [n for n in group if n not in order]
    return pd.DataFrame({name: _column(group[name]) for name in names})


def _dataset(group: Any, coords: dict[str, Any], attrs: dict[str, Any], order: dict[str, int],
             skip: str | None = None) -> xr.Dataset:
    names = sorted((n for n in group if n != skip), key=lambda n: (order.get(n, len(order)), n))
    return xr.Dataset(
        {n: (group[n].attrs["dimensions"].split(","), group[n][()],
             {k: str(v) for k, v in group[n].attrs.items()}) for n in names},
        coords=coords, attrs=attrs)


def _metric_dataset(array: np.ndarray, dims: list[str], coords: dict[str, Any],
                    attrs: dict[str, Any]) -> xr.Dataset:
    """One variable per group metric from an array shaped (metric, *dims)."""
    return xr.Dataset(
        {name: (dims, array[m], {"unit": unit, "description": description,
                                 "dimensions": ",".join(dims)})
         for m, (name, unit, description) in enumerate(_core.group_metrics())},
        coords=coords, attrs=attrs)


def _add_run_columns(path: Path, columns: pd.DataFrame) -> None:
    """Adds the swept parameters as /runs columns, named after the parameters."""
    import h5py

    with h5py.File(path, "r+") as f:
        runs = f["runs"]
        for name in columns.columns:
            values = columns[name].to_numpy()
            if values.dtype.kind in "OUS":
                runs.create_dataset(name, data=[str(v) for v in values],
                                    dtype=h5py.string_dtype("utf-8"))
            else:
                runs.create_dataset(name, data=values)

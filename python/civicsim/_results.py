"""Results of runs as xarray and pandas objects, read from the C++ core or from a results file."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
from collections.abc import Mapping, Sequence
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
        ``(run, day, neighbourhood)``; ``day`` numbered from 0, ``neighbourhood`` labelled by
        name, and ``run`` carrying ``run_id``, ``strategy``, ``replication``, ``seed`` and every
        swept parameter as coordinates. In a sweep, ``run`` is indexed by the swept parameters
        and the replication, so ``.sel({"police.report_share": 0.08})`` picks a point's runs;
        :meth:`cube` lays the runs out over the parameters.
    summary : pandas.DataFrame
        One row per run: the run columns (``run_id``, ``strategy``, ``replication``, ``seed``), a
        column per swept parameter, then one column per summary metric. ``summary.attrs``
        holds ``units`` and ``descriptions`` of the metrics, {name: text}.
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
    design : dict or None
        For a sweep, where its points came from: ``{"method": "saltelli", "n": ..., "problem":
        {...}}`` for a design from :mod:`civicsim.sensitivity`, ``{"method": "grid", "grid":
        {...}}`` for a grid, ``{"method": "points"}`` otherwise; also ``"points"``, their count.
        Written to and read from the results file (root attribute ``design``, JSON).
    attrs : dict
        The scenario (``attrs["scenario"]``, TOML), its name, base seed, and for files the root
        attributes.
    """

    def __init__(self, *, timeseries: xr.Dataset, summary: pd.DataFrame, by_community: xr.Dataset,
                 by_age_band: xr.Dataset, neighbourhoods: pd.DataFrame, attrs: dict[str, Any],
                 swept: list[str], strategy_table: pd.DataFrame,
                 by_exposure: dict[str, xr.Dataset] | None = None,
                 exposure_summary: dict[str, xr.Dataset] | None = None,
                 path: Path | None = None, design: dict[str, Any] | None = None) -> None:
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
        self.design = design
        self._path = path
        units = {name: unit for name, unit, _ in _core.summary_metrics()}
        self.summary.attrs["units"] = {c: units[c] for c in summary.columns if c in units}
        descriptions = {name: text for name, _, text in _core.summary_metrics()}
        self.summary.attrs["descriptions"] = {c: descriptions[c] for c in summary.columns
                                              if c in descriptions}

    # -- Construction ----------------------------------------------------------------------------

    @classmethod
    def _from_core(cls, core: _core.ResultsSet, swept: pd.DataFrame | None = None,
                   design: dict[str, Any] | None = None, daily: list[str] | None = None
                   ) -> Results:
        runs = pd.DataFrame(core.runs())
        swept = swept if swept is not None else pd.DataFrame(index=runs.index)
        runs = pd.concat([runs, swept.reset_index(drop=True)], axis=1)
        neighbourhoods = pd.DataFrame(core.neighbourhoods())
        attrs = {"scenario": core.scenario_toml, "scenario_name": core.scenario_name,
                 "base_seed": core.base_seed, "command_line": core.command_line,
                 "civicsim_version": _core.version, "git_commit": _core.git_commit,
                 "format_version": _core.results_format_version}
        coords = _coords(runs, neighbourhoods["name"].to_numpy(), core.days)
        daily_metrics = _core.daily_metrics()
        if daily is not None:  # a sweep that kept some daily series and no breakdowns
            daily_metrics = [m for m in daily_metrics if m[0] in daily]
        group_axes = {"by_community": ("community", core.communities, core.by_community),
                      "by_age_band": ("age_band", core.age_bands, core.by_age_band)}

        def labelled(metrics: list[tuple[str, str, str]], array: np.ndarray | None,
                     dims: list[str], extra: dict[str, Any]) -> xr.Dataset:
            return xr.Dataset(
                {name: (dims, array[m], {"unit": unit, "description": description,
                                         "dimensions": ",".join(dims)})
                 for m, (name, unit, description) in enumerate(metrics)} if metrics else {},
                coords={**coords, **extra}, attrs=attrs)

        # One array at a time from the core, each the only copy kept once labelled.
        datasets = {"timeseries": labelled(
            daily_metrics, core.timeseries() if daily_metrics else None,
            ["run", "day", "neighbourhood"], {})}
        for key, (axis, labels, gather) in group_axes.items():
            datasets[key] = labelled(
                _core.group_metrics() if daily is None else [],
                gather() if daily is None else None, ["run", "day", "neighbourhood", axis],
                {axis: np.asarray(labels, dtype=object)})
        by_exposure, exposure_summary = {}, {}
        for e, (name, axis, labels, _) in enumerate(_core.exposures()):
            axis_coords = {axis: np.asarray(labels, dtype=object)}
            if daily is None:
                by_exposure[name] = _metric_dataset(
                    core.by_exposure(e), ["run", "day", "neighbourhood", axis],
                    {**coords, **axis_coords}, attrs)
            else:
                by_exposure[name] = labelled([], None, ["run", "day", "neighbourhood", axis],
                                             axis_coords)
            exposure_summary[name] = _metric_dataset(
                core.exposure_summary(e), ["run", axis],
                {**_run_coords(coords), **axis_coords}, attrs)
        summary_values = core.summary()
        summary = runs.join(pd.DataFrame(
            {name: summary_values[m] for m, (name, _, _) in enumerate(_core.summary_metrics())}))
        # The arrays above are the only copy kept: the core's runs are released with it.
        keys = list(swept.columns)
        return cls(timeseries=_index_runs(datasets["timeseries"], keys), summary=summary,
                   by_community=_index_runs(datasets["by_community"], keys),
                   by_age_band=_index_runs(datasets["by_age_band"], keys),
                   neighbourhoods=neighbourhoods.set_index("name"), attrs=attrs,
                   swept=keys,
                   strategy_table=pd.DataFrame(core.strategies, columns=["name", "description"]),
                   by_exposure={k: _index_runs(v, keys) for k, v in by_exposure.items()},
                   exposure_summary={k: _index_runs(v, keys)
                                     for k, v in exposure_summary.items()},
                   design=design)

    @classmethod
    def _from_file(cls, path: Path) -> Results:
        import h5py

        with h5py.File(path, "r") as f:
            attrs = {k: (v.item() if isinstance(v, np.generic) else v) for k, v in f.attrs.items()}
            design = json.loads(attrs.pop("design")) if "design" in attrs else None
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
            first = next(iter(f["timeseries"].values()), None)
            coords = _coords(runs, neighbourhoods["name"].to_numpy(),
                             first.shape[1] if first is not None else 0)
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
                run_coords = _run_coords(coords)
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
        return cls(timeseries=_index_runs(timeseries, swept), summary=summary,
                   by_community=_index_runs(breakdowns["by_community"], swept),
                   by_age_band=_index_runs(breakdowns["by_age_band"], swept),
                   neighbourhoods=neighbourhoods.set_index("name"), attrs=attrs, swept=swept,
                   strategy_table=strategies,
                   by_exposure={k: _index_runs(v, swept) for k, v in by_exposure.items()},
                   exposure_summary={k: _index_runs(v, swept)
                                     for k, v in exposure_summary.items()},
                   path=path, design=design)

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

    @property
    def points(self) -> pd.DataFrame:
        """A sweep's points, one row each in sweep order (index ``point``), one column per swept
        parameter; points with equal values are separate points."""
        numbers = point_numbers(self.summary)
        points = self.summary[self.swept].groupby(numbers).first()
        points.index.name = "point"
        return points

    def differences(self, outcome: str, baseline: str = "baseline",
                    confidence: float = 0.95, *,
                    reference: Mapping[str, Any] | int | None = None) -> pd.DataFrame:
        """Paired differences of a summary outcome, with Student-t intervals: columns mean,
        low, high, n (replications paired).

        For a comparison: per strategy, the mean over replications of (strategy - baseline),
        runs paired by replication (common random numbers); the baseline is left out.

        For a sweep: per point, the mean over replications of (point - reference point), runs
        paired by replication (every point uses the same random numbers); ``reference`` is the
        reference point, as ``{swept key: value}`` or as its number in :attr:`points`. Rows are
        indexed by point, with the swept parameters as columns; the reference is left out.
        """
        if outcome not in self.summary.columns:
            raise KeyError(f"{outcome!r}: not a summary outcome of these results")
        if self.swept:
            return self._point_differences(outcome, reference, confidence)
        if reference is not None:
            raise ValueError("differences: reference= is for sweeps; these results compare "
                             f"strategies ({', '.join(self.strategies)}): use baseline=")
        if baseline not in self.strategies:
            raise KeyError(f"{baseline!r}: not a strategy of these results; known: "
                           f"{', '.join(self.strategies)}")
        if len(self.strategies) < 2:
            raise ValueError(f"differences: these results have one strategy ({baseline}) and "
                             "nothing to compare it with; run civicsim.compare(), or sweep "
                             "and give reference=")
        table = self.summary.pivot_table(index="replication", columns="strategy",
                                         values=outcome, aggfunc="first", dropna=False)
        rows = {}
        for strategy in self.strategies:
            if strategy == baseline:
                continue
            rows[strategy] = _t_interval((table[strategy] - table[baseline]).to_numpy(), confidence)
        return pd.DataFrame.from_dict(rows, orient="index")

    def _point_differences(self, outcome: str, reference: Mapping[str, Any] | int | None,
                           confidence: float) -> pd.DataFrame:
        points = self.points
        if reference is None:
            raise ValueError(
                f"differences: these results are a sweep over {', '.join(self.swept)}; give "
                "reference= a point to compare every point with, as {key: value} (e.g. "
                f"{dict(points.iloc[0])}) or its number in results.points")
        if isinstance(reference, Mapping):
            unknown = [k for k in reference if k not in self.swept]
            if unknown:
                raise KeyError(f"differences: {', '.join(unknown)} not swept; swept: "
                               f"{', '.join(self.swept)}")
            match = np.ones(len(points), dtype=bool)
            for key, value in reference.items():
                match &= (points[key] == value).to_numpy()
            found = list(points.index[match])
            if len(found) != 1:
                raise ValueError(f"differences: reference {dict(reference)} matches "
                                 f"{len(found)} points {found}; give one point's number")
            ref = int(found[0])
        else:
            ref = int(reference)
            if ref not in points.index:
                raise IndexError(f"differences: no point {ref}; there are {len(points)}")
        frame = self.summary.assign(point=point_numbers(self.summary))
        table = frame.pivot_table(index="replication", columns="point", values=outcome,
                                  aggfunc="first", dropna=False)
        rows = {p: _t_interval((table[p] - table[ref]).to_numpy(), confidence)
                for p in points.index if p != ref}
        result = points.drop(index=ref).join(pd.DataFrame.from_dict(rows, orient="index"))
        result.attrs["reference"] = {"point": ref, **points.loc[ref].to_dict()}
        return result

    def cube(self, what: str = "timeseries") -> xr.Dataset:
        """A sweep over a grid as a cube: the runs laid out over the swept parameters and the
        replication, dimensions ``(*swept, replication, ...)``. ``what`` is ``"timeseries"``,
        ``"summary"`` (one variable per summary metric), ``"by_community"``, ``"by_age_band"``
        or an exposure (``"by_group_membership"``, ...). Refused for samples that are not a
        full grid (every combination once), where ``.sel`` on the runs is the way in."""
        if not self.swept:
            raise ValueError("cube: these results are not a sweep")
        keys = [*self.swept, "replication"]
        combinations = self.summary[keys].drop_duplicates()
        full = int(np.prod([self.summary[k].nunique() for k in keys]))
        if len(combinations) != len(self.summary) or full != len(self.summary):
            raise ValueError(
                f"cube: the {len(self.summary)} runs are not a full grid over "
                f"{', '.join(keys)} ({full} combinations, {len(combinations)} distinct); select "
                "runs with .sel on the swept coordinates instead")
        if what == "summary":
            metrics = [c for c in self.summary.columns if c in self.summary.attrs["units"]]
            dataset = xr.Dataset(
                {m: ("run", self.summary[m].to_numpy(),
                     {"unit": self.summary.attrs["units"][m],
                      "description": self.summary.attrs["descriptions"][m]}) for m in metrics},
                coords={k: ("run", self.summary[k].to_numpy()) for k in keys}, attrs=self.attrs)
            dataset = dataset.set_index(run=keys)
        else:
            datasets = {"timeseries": self.timeseries, "by_community": self.by_community,
                        "by_age_band": self.by_age_band, **self.by_exposure}
            if what not in datasets:
                raise KeyError(f"cube: {what!r}; give summary or one of {', '.join(datasets)}")
            dataset = datasets[what]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # casts of the (unused) fill value
            cube = dataset.unstack("run")
        return cube.transpose(*keys, ...)

    @classmethod
    def concat(cls, parts: Sequence[Results]) -> Results:
        """The runs of several results of one scenario (parts of a sweep, batches of
        replications) as one, in order, run ids renumbered 0, 1, .... Days, neighbourhoods,
        communities and swept parameters must agree; the attributes are the first part's (the
        command lines are joined), the strategies the union of the parts'."""
        parts = list(parts)
        if not parts:
            raise ValueError("Results.concat: no results to concatenate")
        first = parts[0]
        for i, part in enumerate(parts[1:], start=1):
            for what, mine, theirs in (
                    ("days", first.timeseries.sizes.get("day"), part.timeseries.sizes.get("day")),
                    ("neighbourhoods", list(first.neighbourhoods.index),
                     list(part.neighbourhoods.index)),
                    ("communities", list(first.by_community["community"].values),
                     list(part.by_community["community"].values)),
                    ("swept parameters", first.swept, part.swept),
                    ("scenario", first.attrs.get("scenario_name"), part.attrs.get("scenario_name")),
                    ("summary columns", list(first.summary.columns), list(part.summary.columns))):
                if mine != theirs:
                    raise ValueError(f"Results.concat: part {i} has {what} {theirs}, "
                                     f"part 0 has {mine}")
        swept = first.swept
        total = sum(len(p.summary) for p in parts)

        def join(datasets: list[xr.Dataset]) -> xr.Dataset:
            plain = [_unindex_runs(d, swept) for d in datasets]
            joined = xr.concat(plain, dim="run", combine_attrs="override")
            joined = joined.assign_coords(run=np.arange(total),
                                          run_id=("run", np.arange(total, dtype=np.uint32)))
            return _index_runs(joined, swept)

        summary = pd.concat([p.summary for p in parts], ignore_index=True)
        summary["run_id"] = np.arange(total, dtype=summary["run_id"].dtype)
        strategies = pd.concat([p.strategy_table for p in parts]).drop_duplicates(
            "name").reset_index(drop=True)
        attrs = dict(first.attrs)
        attrs["command_line"] = " + ".join(
            dict.fromkeys(str(p.attrs.get("command_line", "")) for p in parts))
        designs = [p.design for p in parts]
        design = None
        if all(d is not None for d in designs):
            stripped = [{k: v for k, v in d.items() if k != "points"} for d in designs]
            if all(d == stripped[0] for d in stripped):
                design = {**designs[0], "points": sum(d.get("points", 0) for d in designs)}
        return cls(timeseries=join([p.timeseries for p in parts]), summary=summary,
                   by_community=join([p.by_community for p in parts]),
                   by_age_band=join([p.by_age_band for p in parts]),
                   neighbourhoods=first.neighbourhoods, attrs=attrs, swept=list(swept),
                   strategy_table=strategies,
                   by_exposure={k: join([p.by_exposure[k] for p in parts])
                                for k in first.by_exposure},
                   exposure_summary={k: join([p.exposure_summary[k] for p in parts])
                                     for k in first.exposure_summary},
                   design=design)

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

        Everything, swept parameters (as /runs columns, with checksums) and the design (the
        root attribute ``design``) included, is written by the same C++ writer as the CLI's,
        under a temporary name, synced and renamed. Results opened from a file, unchanged, are
        copied the same way. An existing file is replaced only with ``overwrite=True``.
        """
        path = Path(path)
        if path.exists() and not overwrite:
            raise FileExistsError(f"{path}: exists; pass overwrite=True to replace it")
        path.parent.mkdir(parents=True, exist_ok=True)
        copy = self._path is not None and self._path.exists()
        if not copy:
            self._to_core().write(path, overwrite)
            return path
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        try:
            assert self._path is not None
            shutil.copyfile(self._path, temporary)
            with open(temporary, "rb") as copied:
                os.fsync(copied.fileno())
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        return path

    def _to_core(self) -> _core.ResultsSet:
        """The C++ results set of these arrays, for the writer (a transient copy)."""
        kept = [n for n, _, _ in _core.daily_metrics() if n in self.timeseries.data_vars]
        if len(kept) < len(_core.daily_metrics()) or not self.by_community.data_vars:
            raise ValueError(
                f"to_hdf5: these results keep {len(kept)} of the {len(_core.daily_metrics())} "
                "daily series and no breakdowns (a sweep with keep=...); a results file holds "
                "every series: sweep with keep='all' to write one")
        summary_names = [name for name, _, _ in _core.summary_metrics()]
        missing = [n for n in summary_names if n not in self.summary.columns]
        if missing:
            raise ValueError(f"to_hdf5: these results lack the summary metrics "
                             f"{', '.join(missing)} of this civicsim; they cannot be rewritten")

        def stack(dataset: xr.Dataset, names: list[str], dtype: type) -> np.ndarray:
            return np.stack([dataset[n].to_numpy() for n in names]).astype(dtype, copy=False)

        group = [name for name, _, _ in _core.group_metrics()]
        meta = {"command_line": str(self.attrs.get("command_line", "")),
                "scenario_toml": str(self.attrs.get("scenario", "")),
                "scenario_name": str(self.attrs.get("scenario_name", "")),
                "base_seed": int(self.attrs.get("base_seed", 0)),
                "communities": [str(c) for c in self.by_community["community"].values],
                "age_bands": [str(b) for b in self.by_age_band["age_band"].values],
                "strategies": list(zip(self.strategy_table["name"],
                                       self.strategy_table["description"]))}
        runs = {c: self.summary[c].tolist() for c in RUN_COLUMNS}
        neighbourhoods = {"name": [str(n) for n in self.neighbourhoods.index],
                          **{c: self.neighbourhoods[c].tolist()
                             for c in NEIGHBOURHOOD_COLUMNS[1:]}}
        exposures = [name for name, _, _, _ in _core.exposures()]
        arrays = {
            "timeseries": stack(self.timeseries, [n for n, _, _ in _core.daily_metrics()],
                                np.float32),
            "summary": np.stack([self.summary[n].to_numpy(dtype=np.float64)
                                 for n in summary_names]),
            "by_community": stack(self.by_community, group, np.float32),
            "by_age_band": stack(self.by_age_band, group, np.float32),
            "by_exposure": [stack(self.by_exposure[e], group, np.float32) for e in exposures],
            "exposure_summary": [stack(self.exposure_summary[e], group, np.float64)
                                 for e in exposures]}
        if self.design is not None:
            meta["design"] = json.dumps(self.design)
        meta["run_columns"] = [_run_column(name, self.runs[name]) for name in self.swept]
        return _core.results_from_arrays(meta, runs, neighbourhoods, arrays)

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


def point_numbers(summary: pd.DataFrame) -> np.ndarray:
    """The sweep point of each run: runs are in point order, each point's replications
    numbered from 0, so a point starts wherever the replication number does not go up. Points
    are never told apart by their values (two points may have equal ones)."""
    if "replication" not in summary.columns:
        return np.arange(len(summary))
    replication = summary["replication"].to_numpy()
    starts = np.ones(len(replication), dtype=bool)
    starts[1:] = replication[1:] <= replication[:-1]
    return np.cumsum(starts) - 1


def _index_runs(dataset: xr.Dataset, swept: list[str]) -> xr.Dataset:
    """In a sweep, `run` indexed by (swept parameters..., replication), for .sel and cube()."""
    return dataset.set_index(run=[*swept, "replication"]) if swept else dataset


def _unindex_runs(dataset: xr.Dataset, swept: list[str]) -> xr.Dataset:
    if not swept:
        return dataset
    return dataset.reset_index("run").drop_vars("run", errors="ignore")


def _run_coords(coords: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in coords.items() if k not in ("neighbourhood", "day")}


def _coords(runs: pd.DataFrame, neighbourhood_names: np.ndarray, days: int) -> dict[str, Any]:
    coords: dict[str, Any] = {"run": np.arange(len(runs)), "day": np.arange(days),
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


def _run_column(name: str, values: pd.Series) -> tuple[str, str, list[Any]]:
    """A swept parameter as the C++ writer takes it: its name, kind and values."""
    array = values.to_numpy()
    if array.dtype.kind == "b":
        return name, "boolean", [int(v) for v in array]
    if array.dtype.kind in "iu":
        return name, "integer", [int(v) for v in array]
    if array.dtype.kind == "f":
        return name, "real", [float(v) for v in array]
    return name, "text", [str(v) for v in array]

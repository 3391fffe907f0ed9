"""Running scenarios: one scenario's replications, a comparison of its strategies, a sweep."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from . import _core
from ._results import Results
from ._scenario import Scenario, toml_value
from .sensitivity import DESIGN_ATTR

#: Keys a sweep may not vary: every run of a results file has the same days, and a sweep point
#: is replicated by the `replications` argument.
_UNSWEEPABLE = ("scenario.days", "scenario.replications")


def _settings(scenario: Scenario, seed: int | None, replications: int | None,
              days: int | None) -> Scenario:
    """The scenario with the convenience arguments applied as overrides, as the CLI's --seed,
    --replications and --days are, so that they are checked like any other value."""
    overrides = {f"scenario.{key}": value
                 for key, value in (("seed", seed), ("replications", replications), ("days", days))
                 if value is not None}
    return scenario.with_overrides(overrides) if overrides else scenario


def _tqdm_class() -> Any:
    """tqdm.auto's bar: a widget in notebooks, text on terminals. Widgets need ipywidgets 7 or
    later (tqdm sets their style); with older ones (Debian 12 has 6) the text bar is used."""
    from tqdm.auto import tqdm
    from tqdm.autonotebook import tqdm as chosen
    from tqdm.std import tqdm as text

    if chosen is not text:  # in a notebook
        try:
            import ipywidgets

            if int(ipywidgets.__version__.split(".")[0]) < 7:
                return text
        except (ImportError, ValueError):
            return text
    return tqdm


class _Progress:
    """A tqdm bar (tqdm.auto: a widget in notebooks, text on terminals) in resident-days."""

    def __init__(self, enabled: bool, total: int, description: str) -> None:
        self._bar = None
        self._offset = 0
        self._done = 0
        if enabled:
            self._bar = _tqdm_class()(total=total, desc=description, unit="resident-days", unit_scale=True,
                             dynamic_ncols=True)

    def part(self) -> Callable[[int], None] | None:
        """A callback for one C++ call, counting on from where the previous one ended."""
        if self._bar is None:
            return None
        self._offset = self._done

        def update(done: int) -> None:
            assert self._bar is not None
            now = self._offset + done
            self._bar.update(now - self._done)
            self._done = now

        return update

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _call(what: str, *arguments: Any) -> str:
    shown = ", ".join(a for a in arguments if a)
    return f"civicsim.{what}({shown})"


def _keywords(**values: Any) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in values.items() if v is not None)


def run(scenario: Scenario, *, seed: int | None = None, replications: int | None = None,
        days: int | None = None, threads: int | None = None, progress: bool = True,
        allow_large: bool = False) -> Results:
    """Runs the scenario as written (strategy ``baseline``) for its replications.

    ``seed``, ``replications`` and ``days`` override the scenario's own (like the CLI's flags);
    ``threads`` defaults to every core. The results do not depend on the thread count. The GIL
    is released while the simulation runs; Ctrl-C stops it and raises KeyboardInterrupt.
    Work that would exceed this machine's memory or a sane time raises
    :class:`WorkTooLargeError`, with the estimate and the limit, before anything runs, unless
    ``allow_large`` (as the CLI's ``--allow-large``).
    """
    resolved = _settings(scenario, seed, replications, days)
    if not allow_large:
        _core.check_work(resolved._core, resolved.replications, threads)
    bar = _Progress(progress, resolved.residents * resolved.days * resolved.replications,
                    resolved.name)
    try:
        core = _core.run_baseline(resolved._core, threads, bar.part())
    finally:
        bar.close()
    core.command_line = _call("run", repr(scenario.source), _keywords(
        seed=seed, replications=replications, days=days))
    return Results._from_core(core)


def compare(scenario: Scenario, *, seed: int | None = None, replications: int | None = None,
            days: int | None = None, threads: int | None = None, progress: bool = True,
            allow_large: bool = False) -> Results:
    """Runs the baseline and every ``[[strategy]]`` of the scenario, each for the same
    replications with common random numbers: replication r of every strategy uses the same
    random streams, so strategies are compared pairwise (see :meth:`Results.differences`).
    Too large work raises :class:`WorkTooLargeError` unless ``allow_large``, as :func:`run`."""
    resolved = _settings(scenario, seed, replications, days)
    strategies = 1 + len(resolved.strategies)
    if not allow_large:
        _core.check_work(resolved._core, resolved.replications * strategies, threads)
    bar = _Progress(progress,
                    resolved.residents * resolved.days * resolved.replications * strategies,
                    f"{resolved.name}: {strategies} strategies")
    try:
        core = _core.run_comparison(resolved._core, threads, bar.part())
    finally:
        bar.close()
    core.command_line = _call("compare", repr(scenario.source), _keywords(
        seed=seed, replications=replications, days=days))
    return Results._from_core(core)


def _plain(value: Any) -> Any:
    """A value as plain Python (numpy scalars unwrapped), for a design recorded as JSON."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value.item() if hasattr(value, "item") else value


def _points(grid_or_samples: Mapping[str, Iterable[Any]] | pd.DataFrame
            | Iterable[Mapping[str, Any]]) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Sweep points as a frame, one row per point and one column per dotted key, and the
    design they come from: the one a sampler recorded in the frame's attrs (see
    :mod:`civicsim.sensitivity`), a grid, or plain points."""
    if isinstance(grid_or_samples, pd.DataFrame):
        design = dict(grid_or_samples.attrs.get(DESIGN_ATTR) or {"method": "points"})
        points = grid_or_samples.reset_index(drop=True)
    elif isinstance(grid_or_samples, Mapping):
        keys = list(grid_or_samples)
        values = [list(grid_or_samples[k]) for k in keys]
        points = pd.DataFrame(list(itertools.product(*values)), columns=keys)
        design = {"method": "grid", "grid": {k: _plain(v) for k, v in zip(keys, values)}}
    else:
        points = pd.DataFrame(list(grid_or_samples))
        design = {"method": "points"}
    design["points"] = len(points)
    if points.empty or not len(points.columns):
        raise ValueError("sweep: no points to run; give a grid {key: values} or samples")
    for key in points.columns:
        if key in _UNSWEEPABLE:
            raise ValueError(f"sweep: {key} cannot be swept (every run of a sweep has the same "
                             "days; use days= and replications= instead)")
    return points, design


def sweep(scenario: Scenario,
          grid_or_samples: Mapping[str, Iterable[Any]] | pd.DataFrame | Iterable[Mapping[str, Any]],
          *, replications: int | None = None, seed: int | None = None, days: int | None = None,
          threads: int | None = None, progress: bool = True,
          keep: str | Sequence[str] = "all", client: Any = None,
          chunk_points: int | None = None, allow_large: bool = False) -> Results:
    """Runs the scenario at every point of a parameter grid or sample.

    ``grid_or_samples`` is either a grid, ``{dotted key: [values]}`` (every combination is run),
    or samples: a DataFrame (one column per dotted key, as from
    :func:`civicsim.sensitivity.latin_hypercube`) or a list of ``{dotted key: value}``. Each point
    runs ``replications`` replications (default: the scenario's) with the same seeds, so points
    differ by their parameters only (common random numbers). Every point is checked before
    anything runs; then all runs of all points are scheduled together on ``threads`` threads
    (default: every core), with results equal to running the points one by one.
    ``Results.summary`` has a column per swept parameter; its rows are in point
    order, the replications of a point together; points with equal values stay separate points.
    ``Results.design`` records where the points came from (a sampler's design, with its
    problem, or the grid), so that an analysis can check it.

    ``keep`` says what is kept of each run besides its summary values and last-day exposure
    values: ``"all"`` (every daily series and breakdown), ``"summary"`` (nothing more), or a list
    of daily metric names (those series only). Each run is trimmed as soon as it ends, so a large
    sweep's memory stays flat; results that keep less than everything cannot be written with
    :meth:`Results.to_hdf5`.

    ``client``, a ``distributed.Client``, runs the sweep on its Dask cluster instead: the points
    go out in chunks of ``chunk_points`` consecutive points (default: two chunks per worker
    thread), each chunk run with ``threads`` threads (default 1) on a worker, and come back
    joined in point order, with values equal to running the sweep in this process.

    Too large work (every point's runs together) raises :class:`WorkTooLargeError` before
    anything runs, unless ``allow_large``, as :func:`run`.
    """
    base = _settings(scenario, seed, replications, days)
    points, design = _points(grid_or_samples)
    daily_names = [name for name, _, _ in _core.daily_metrics()]
    if isinstance(keep, str):
        if keep not in ("all", "summary"):
            raise ValueError(f"sweep: keep={keep!r}; give 'all', 'summary' or a list of daily "
                             "metric names")
        daily = None if keep == "all" else []
    else:
        unknown = [name for name in keep if name not in daily_names]
        if unknown:
            raise ValueError(f"sweep: keep: {', '.join(map(repr, unknown))} not a daily metric")
        daily = sorted({daily_names.index(name) for name in keep})
    records = points.to_dict(orient="records")
    scenarios = [base.with_overrides(point) for point in records]  # all checked before any run
    if not allow_large:
        _core.check_work(base._core, base.replications * len(scenarios), threads)
    command_line = _call("sweep", repr(scenario.source), repr(list(points.columns)),
                         _keywords(replications=replications, seed=seed, days=days))
    bar = _Progress(progress, base.residents * base.days * base.replications * len(scenarios),
                    f"{base.name}: {len(scenarios)} points")
    try:
        if client is not None:
            results = _sweep_on(client, base, points, daily, threads, chunk_points, bar)
        else:
            results = _sweep_points(base, points, daily, threads, bar.part(), scenarios)
    finally:
        bar.close()
    results.attrs["command_line"] = command_line
    for dataset in (results.timeseries, results.by_community, results.by_age_band,
                    *results.by_exposure.values(), *results.exposure_summary.values()):
        dataset.attrs = results.attrs
    results.design = design
    return results


def _sweep_points(base: Scenario, points: pd.DataFrame, daily: list[int] | None,
                  threads: int | None, progress: Callable[[int], None] | None,
                  scenarios: list[Scenario] | None = None) -> Results:
    """Runs some points of a sweep in this process, all runs scheduled together."""
    if scenarios is None:
        scenarios = [base.with_overrides(point) for point in points.to_dict(orient="records")]
    core = _core.run_sweep(base._core, [s._core for s in scenarios], threads, progress,
                           daily=daily)
    swept = points.loc[points.index.repeat(base.replications)].reset_index(drop=True)
    for key in swept.columns:  # lists (e.g. languages) are kept as their TOML text
        if swept[key].map(lambda v: isinstance(v, (list, tuple))).any():
            swept[key] = swept[key].map(toml_value)
    daily_names = [name for name, _, _ in _core.daily_metrics()]
    kept = None if daily is None else [daily_names[i] for i in daily]
    return Results._from_core(core, swept, None, daily=kept)


def _sweep_on(client: Any, base: Scenario, points: pd.DataFrame, daily: list[int] | None,
              threads: int | None, chunk_points: int | None, bar: _Progress) -> Results:
    """Runs a sweep's points on a Dask cluster, in chunks of consecutive points, and joins the
    chunks in point order. Every run's random streams are keyed by (seed, replication) as in
    this process, so the values are the same wherever a chunk runs."""
    from distributed import as_completed

    if chunk_points is None:
        workers = sum(client.nthreads().values()) or 1
        chunk_points = max(1, -(-len(points) // (2 * workers)))  # two chunks per worker thread
    starts = range(0, len(points), chunk_points)
    chunks = [points.iloc[start:start + chunk_points] for start in starts]
    # One thread per chunk by default: Dask already runs a chunk per worker thread.
    futures = [client.submit(_sweep_points, base, chunk, daily, threads or 1, None, pure=False)
               for chunk in chunks]
    order = {future.key: i for i, future in enumerate(futures)}
    parts: list[Results | None] = [None] * len(chunks)
    update = bar.part()
    done = 0
    try:
        for future in as_completed(futures):
            i = order[future.key]
            parts[i] = future.result()
            done += base.residents * base.days * base.replications * len(chunks[i])
            if update is not None:
                update(done)
    except BaseException:
        client.cancel(futures)
        raise
    return Results.concat([p for p in parts if p is not None])

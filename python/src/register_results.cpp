// Results: the runs of a command as numpy arrays for the civicsim package to label with xarray
// and pandas, and the same HDF5 writer as the CLI.

#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <string_view>
#include <type_traits>

#include "models/exposure.hpp"
#include "models/metrics.hpp"
#include "registrations.hpp"
#include "sim/results/hdf5_reader.hpp"
#include "sim/results/hdf5_writer.hpp"
#include "sim/results/run_result.hpp"

namespace civicsim::python {

namespace {

using results_ptr = std::shared_ptr<sim::results_set>;

py::list metric_list(std::span<const models::metric_info> metrics) {
    py::list list;
    for (const auto& m : metrics)
        list.append(
            py::make_tuple(std::string(m.name), std::string(m.unit), std::string(m.description)));
    return list;
}

/// A per-run [metric][rest...] field of every run as one array shaped (metric, run, rest...).
/// `field` gives (std::invoke) the field of a run: a pointer to the member, or a function.
template <class Field>
auto gather(const sim::results_set& results, Field field, std::size_t metrics,
            std::vector<py::ssize_t> rest) {
    using T =
        typename std::decay_t<std::invoke_result_t<Field, const sim::run_result&>>::value_type;
    std::vector<py::ssize_t> shape{static_cast<py::ssize_t>(metrics),
                                   static_cast<py::ssize_t>(results.runs.size())};
    shape.insert(shape.end(), rest.begin(), rest.end());
    py::array_t<T> array(shape);
    std::size_t block = 1;
    for (const auto r : rest) block *= static_cast<std::size_t>(r);
    T* out = array.mutable_data();
    const std::size_t runs = results.runs.size();
    for (std::size_t run = 0; run < runs; ++run) {
        const auto& values = std::invoke(field, results.runs[run]);
        if (values.size() != metrics * block)
            throw std::invalid_argument("results_set: run " + std::to_string(run) +
                                        " does not have the shape of the first run");
        for (std::size_t m = 0; m < metrics; ++m)
            std::copy_n(values.data() + m * block, block, out + (m * runs + run) * block);
    }
    return array;
}

/// Daily metrics each run holds: all of them, or those a sweep kept (run_retention).
std::size_t kept_daily_metrics(const sim::results_set& r) {
    if (r.runs.empty()) return models::daily_metrics().size();
    const auto& first = r.runs.front();
    const std::size_t block = std::size_t{first.days} * first.neighbourhoods;
    return block == 0 ? models::daily_metrics().size() : first.timeseries.size() / block;
}

std::vector<py::ssize_t> day_neighbourhood(const sim::results_set& r) {
    const auto days = r.runs.empty() ? 0 : r.runs.front().days;
    return {static_cast<py::ssize_t>(days), static_cast<py::ssize_t>(r.neighbourhoods.size())};
}

/// The runs of several results sets of the same scenario (the points of a sweep) as one set,
/// run ids renumbered in order.
results_ptr concatenate(const std::vector<results_ptr>& parts) {
    if (parts.empty()) throw std::invalid_argument("concatenate: no results to concatenate");
    auto joined = std::make_shared<sim::results_set>(*parts.front());
    joined->runs.clear();
    std::uint32_t next_id = 0;
    for (const auto& part : parts)
        for (auto run : part->runs) {
            run.run_id = next_id++;
            joined->runs.push_back(std::move(run));
        }
    return joined;
}

template <class T>
using c_array = py::array_t<T, py::array::c_style | py::array::forcecast>;

/// The inverse of gather: each run's [metric][rest...] field from an array shaped
/// (metric, run, rest...), checked against the expected shape.
template <class T, class Field>
void scatter(const c_array<T>& array, std::string_view what, std::vector<py::ssize_t> shape,
             std::vector<sim::run_result>& runs, Field field) {
    const auto actual = std::vector<py::ssize_t>(array.shape(), array.shape() + array.ndim());
    if (actual != shape) {
        auto text = [](const std::vector<py::ssize_t>& v) {
            std::string t = "(";
            for (std::size_t i = 0; i < v.size(); ++i) t += (i ? ", " : "") + std::to_string(v[i]);
            return t + ")";
        };
        throw std::invalid_argument("results_from_arrays: " + std::string(what) + " has shape " +
                                    text(actual) + ", expected " + text(shape));
    }
    const auto metrics = static_cast<std::size_t>(shape[0]);
    std::size_t block = 1;
    for (std::size_t i = 2; i < shape.size(); ++i) block *= static_cast<std::size_t>(shape[i]);
    const T* in = array.data();
    for (std::size_t run = 0; run < runs.size(); ++run) {
        auto& values = std::invoke(field, runs[run]);
        values.resize(metrics * block);
        for (std::size_t m = 0; m < metrics; ++m)
            std::copy_n(in + (m * runs.size() + run) * block, block, values.data() + m * block);
    }
}

/// A results set from the arrays and tables the civicsim package keeps (the layout of
/// ResultsSet's accessors), so that results held in Python are written by the CLI's writer.
results_ptr results_from_arrays(const py::dict& meta, const py::dict& runs,
                                const py::dict& neighbourhoods, const py::dict& arrays) {
    auto results = std::make_shared<sim::results_set>();
    results->command_line = meta["command_line"].cast<std::string>();
    results->scenario_toml = meta["scenario_toml"].cast<std::string>();
    results->scenario_name = meta["scenario_name"].cast<std::string>();
    results->base_seed = meta["base_seed"].cast<std::uint64_t>();
    results->communities = meta["communities"].cast<std::vector<std::string>>();
    results->age_bands = meta["age_bands"].cast<std::vector<std::string>>();
    results->strategies =
        meta["strategies"].cast<std::vector<std::pair<std::string, std::string>>>();

    const auto names = neighbourhoods["name"].cast<std::vector<std::string>>();
    const auto population = neighbourhoods["population"].cast<std::vector<std::uint32_t>>();
    const auto density = neighbourhoods["density"].cast<std::vector<double>>();
    const auto settlement = neighbourhoods["settlement"].cast<std::vector<std::string>>();
    const auto deprivation = neighbourhoods["deprivation"].cast<std::vector<double>>();
    const auto cohesion = neighbourhoods["cohesion"].cast<std::vector<double>>();
    for (std::size_t i = 0; i < names.size(); ++i)
        results->neighbourhoods.push_back({names[i], population.at(i), density.at(i),
                                           settlement.at(i), deprivation.at(i), cohesion.at(i)});

    const auto run_id = runs["run_id"].cast<std::vector<std::uint32_t>>();
    const auto strategy = runs["strategy"].cast<std::vector<std::string>>();
    const auto replication = runs["replication"].cast<std::vector<std::uint32_t>>();
    const auto seed = runs["seed"].cast<std::vector<std::uint64_t>>();
    const auto timeseries = arrays["timeseries"].cast<c_array<float>>();
    if (timeseries.ndim() != 4)
        throw std::invalid_argument("results_from_arrays: timeseries must be 4-D");
    const auto n_runs = static_cast<py::ssize_t>(run_id.size());
    const auto days = timeseries.shape(2);
    const auto n_hoods = static_cast<py::ssize_t>(names.size());
    results->runs.resize(run_id.size());
    for (std::size_t r = 0; r < run_id.size(); ++r) {
        auto& run = results->runs[r];
        run.run_id = run_id[r];
        run.strategy = strategy.at(r);
        run.replication = replication.at(r);
        run.seed = seed.at(r);
        run.days = static_cast<std::uint32_t>(days);
        run.neighbourhoods = static_cast<std::uint32_t>(n_hoods);
    }
    const auto daily = static_cast<py::ssize_t>(models::daily_metrics().size());
    const auto group = static_cast<py::ssize_t>(models::group_metric_count);
    const auto groups = static_cast<py::ssize_t>(models::exposure_groups);
    scatter(timeseries, "timeseries", {daily, n_runs, days, n_hoods}, results->runs,
            &sim::run_result::timeseries);
    scatter(arrays["summary"].cast<c_array<double>>(), "summary",
            {static_cast<py::ssize_t>(models::summary_metrics().size()), n_runs}, results->runs,
            &sim::run_result::summary);
    scatter(arrays["by_community"].cast<c_array<float>>(), "by_community",
            {group, n_runs, days, n_hoods, static_cast<py::ssize_t>(results->communities.size())},
            results->runs, &sim::run_result::by_community);
    scatter(arrays["by_age_band"].cast<c_array<float>>(), "by_age_band",
            {group, n_runs, days, n_hoods, static_cast<py::ssize_t>(results->age_bands.size())},
            results->runs, &sim::run_result::by_age_band);
    const auto by_exposure = arrays["by_exposure"].cast<std::vector<c_array<float>>>();
    const auto exposure_summary = arrays["exposure_summary"].cast<std::vector<c_array<double>>>();
    if (by_exposure.size() != models::exposure_count ||
        exposure_summary.size() != models::exposure_count)
        throw std::invalid_argument("results_from_arrays: one array per exposure expected");
    for (std::size_t e = 0; e < models::exposure_count; ++e) {
        scatter(by_exposure[e], "by_exposure", {group, n_runs, days, n_hoods, groups},
                results->runs,
                [e](sim::run_result& run) -> std::vector<float>& { return run.by_exposure[e]; });
        scatter(
            exposure_summary[e], "exposure_summary", {group, n_runs, groups}, results->runs,
            [e](sim::run_result& run) -> std::vector<double>& { return run.exposure_summary[e]; });
    }
    // A sweep's parameters as /runs columns and its design, written (with checksums) by the same
    // writer as the CLI's: [(name, "real" | "integer" | "boolean" | "text", values)].
    if (meta.contains("design")) results->design = meta["design"].cast<std::string>();
    if (meta.contains("run_columns"))
        for (const auto& item : meta["run_columns"].cast<py::list>()) {
            const auto entry = item.cast<py::tuple>();
            sim::run_column column;
            column.name = entry[0].cast<std::string>();
            const auto kind = entry[1].cast<std::string>();
            if (kind == "real") {
                column.type = sim::run_column::kind::real;
                column.reals = entry[2].cast<std::vector<double>>();
            } else if (kind == "integer" || kind == "boolean") {
                column.type = kind == "integer" ? sim::run_column::kind::integer
                                                : sim::run_column::kind::boolean;
                column.integers = entry[2].cast<std::vector<std::int64_t>>();
            } else if (kind == "text") {
                column.type = sim::run_column::kind::text;
                column.texts = entry[2].cast<std::vector<std::string>>();
            } else {
                throw std::invalid_argument("results_from_arrays: run column kind '" + kind +
                                            "' is not real, integer, boolean or text");
            }
            results->run_columns.push_back(std::move(column));
        }
    return results;
}

}  // namespace

void register_results(py::module_& m) {
    m.def(
        "daily_metrics", [] { return metric_list(models::daily_metrics()); },
        "[(name, unit, description)] of /timeseries, in recording order");
    m.def(
        "summary_metrics", [] { return metric_list(models::summary_metrics()); },
        "[(name, unit, description)] of /summary, in recording order");
    m.def(
        "group_metrics", [] { return metric_list(models::group_metrics()); },
        "[(name, unit, description)] of /by_community and /by_age_band");
    m.def(
        "exposures",
        [] {
            py::list list;
            for (const auto& e : models::exposures)
                list.append(py::make_tuple(
                    std::string(e.name), std::string(e.axis),
                    py::make_tuple(std::string(e.labels[0]), std::string(e.labels[1])),
                    std::string(e.description)));
            return list;
        },
        "[(name, axis, (exposed, others), description)] of the exposure breakdowns, in order");
    m.def("concatenate", &concatenate, py::arg("parts"),
          "The runs of several results sets as one, run ids renumbered 0, 1, ...");
    m.def("results_from_arrays", &results_from_arrays, py::arg("meta"), py::arg("runs"),
          py::arg("neighbourhoods"), py::arg("arrays"),
          "A ResultsSet from the package's tables and arrays (the accessors' layout), to write.");

    py::class_<sim::results_set, results_ptr>(m, "ResultsSet",
                                              "The runs of one command, ready for a results file.")
        .def_readwrite("command_line", &sim::results_set::command_line)
        .def_readonly("scenario_toml", &sim::results_set::scenario_toml)
        .def_readonly("scenario_name", &sim::results_set::scenario_name)
        .def_readonly("base_seed", &sim::results_set::base_seed)
        .def_readonly("communities", &sim::results_set::communities)
        .def_readonly("age_bands", &sim::results_set::age_bands)
        .def_readonly("strategies", &sim::results_set::strategies)
        .def_property_readonly("run_count", [](const sim::results_set& r) { return r.runs.size(); })
        .def_property_readonly(
            "days",
            [](const sim::results_set& r) { return r.runs.empty() ? 0U : r.runs.front().days; })
        .def(
            "runs",
            [](const sim::results_set& r) {
                const auto n = static_cast<py::ssize_t>(r.runs.size());
                py::array_t<std::uint32_t> run_id(n), replication(n);
                py::array_t<std::uint64_t> seed(n);
                py::list strategy;
                for (py::ssize_t i = 0; i < n; ++i) {
                    const auto& run = r.runs[static_cast<std::size_t>(i)];
                    run_id.mutable_at(i) = run.run_id;
                    replication.mutable_at(i) = run.replication;
                    seed.mutable_at(i) = run.seed;
                    strategy.append(run.strategy);
                }
                py::dict columns;
                columns["run_id"] = run_id;
                columns["strategy"] = strategy;
                columns["replication"] = replication;
                columns["seed"] = seed;
                return columns;
            },
            "The /runs columns: run_id, strategy, replication, seed.")
        .def(
            "neighbourhoods",
            [](const sim::results_set& r) {
                py::list name, population, density, settlement, deprivation, cohesion;
                for (const auto& n : r.neighbourhoods) {
                    name.append(n.name);
                    population.append(n.population);
                    density.append(n.density);
                    settlement.append(n.settlement);
                    deprivation.append(n.deprivation);
                    cohesion.append(n.cohesion);
                }
                py::dict columns;
                columns["name"] = name;
                columns["population"] = population;
                columns["density"] = density;
                columns["settlement"] = settlement;
                columns["deprivation"] = deprivation;
                columns["cohesion"] = cohesion;
                return columns;
            },
            "The /neighbourhoods columns.")
        .def(
            "timeseries",
            [](const sim::results_set& r) {
                return gather(r, &sim::run_result::timeseries, kept_daily_metrics(r),
                              day_neighbourhood(r));
            },
            "float32 (metric, run, day, neighbourhood), metrics in daily_metrics() order (those "
            "kept, for a sweep that kept some).")
        .def(
            "summary",
            [](const sim::results_set& r) {
                return gather(r, &sim::run_result::summary, models::summary_metrics().size(), {});
            },
            "float64 (metric, run), metrics in summary_metrics() order.")
        .def(
            "by_community",
            [](const sim::results_set& r) {
                auto rest = day_neighbourhood(r);
                rest.push_back(static_cast<py::ssize_t>(r.communities.size()));
                return gather(r, &sim::run_result::by_community, models::group_metric_count, rest);
            },
            "float32 (metric, run, day, neighbourhood, community).")
        .def(
            "by_age_band",
            [](const sim::results_set& r) {
                auto rest = day_neighbourhood(r);
                rest.push_back(static_cast<py::ssize_t>(r.age_bands.size()));
                return gather(r, &sim::run_result::by_age_band, models::group_metric_count, rest);
            },
            "float32 (metric, run, day, neighbourhood, age band).")
        .def(
            "by_exposure",
            [](const sim::results_set& r, std::size_t e) {
                if (e >= models::exposure_count)
                    throw py::index_error("by_exposure: exposure " + std::to_string(e) +
                                          " out of range; there are " +
                                          std::to_string(models::exposure_count));
                auto rest = day_neighbourhood(r);
                rest.push_back(static_cast<py::ssize_t>(models::exposure_groups));
                return gather(
                    r,
                    [e](const sim::run_result& run) -> const auto& { return run.by_exposure[e]; },
                    models::group_metric_count, rest);
            },
            py::arg("exposure"),
            "float32 (metric, run, day, neighbourhood, group) of exposures()[exposure]; group 0 "
            "the exposed, 1 the others.")
        .def(
            "exposure_summary",
            [](const sim::results_set& r, std::size_t e) {
                if (e >= models::exposure_count)
                    throw py::index_error("exposure_summary: exposure " + std::to_string(e) +
                                          " out of range; there are " +
                                          std::to_string(models::exposure_count));
                return gather(r,
                              [e](const sim::run_result& run) -> const auto& {
                                  return run.exposure_summary[e];
                              },
                              models::group_metric_count,
                              {static_cast<py::ssize_t>(models::exposure_groups)});
            },
            py::arg("exposure"),
            "float64 (metric, run, group): the last day's values city-wide of "
            "exposures()[exposure].")
        .def(
            "write",
            [](const sim::results_set& r, const std::filesystem::path& path, bool overwrite) {
                py::gil_scoped_release release;
                sim::write_results(path, r, overwrite);
            },
            py::arg("path"), py::arg("overwrite") = false,
            "Writes the HDF5 results file as the CLI does (atomically).");

    py::register_exception<sim::results_error>(m, "ResultsError", PyExc_OSError);

    m.def(
        "check_results_file",
        [](const std::filesystem::path& path) {
            py::gil_scoped_release release;
            sim::probe_results_file(path);
        },
        py::arg("path"),
        "Reads a results file with the C++ reader in a child process, which checks its structure "
        "before reading and its checksums while reading; raises ResultsError for a damaged file "
        "(even one that makes libhdf5 crash) instead of crashing.");
}

}  // namespace civicsim::python

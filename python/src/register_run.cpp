// Running scenarios from Python: the engine runs with the GIL released; a relay hands progress to
// a Python callback and turns Ctrl-C (a pending KeyboardInterrupt) into the run's cancel flag.

#include <pybind11/stl.h>
#include <tbb/info.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>

#include "registrations.hpp"
#include "sim/engine/experiment.hpp"
#include "sim/engine/work_estimate.hpp"
#include "sim/scenario/scenario.hpp"

namespace civicsim::python {

namespace {

using clock_type = std::chrono::steady_clock;

/// Called by the engine after every simulated day, on the thread that called the run, without
/// the GIL. At most once per `interval` it takes the GIL, checks for signals (Ctrl-C) and calls
/// the Python progress callback with the resident-days done so far. A pending exception (a
/// KeyboardInterrupt, or one raised by the callback) cancels the run and is re-raised after it.
class progress_relay {
public:
    progress_relay(py::object callback, double interval_seconds)
        : callback_(std::move(callback)),
          interval_(std::chrono::duration_cast<clock_type::duration>(
              std::chrono::duration<double>(interval_seconds))),
          last_(clock_type::now()) {}

    sim::run_control control() {
        sim::run_control c;
        c.on_day = [this](std::uint64_t resident_days) { on_day(resident_days); };
        c.cancel = &cancel_;
        return c;
    }

    /// Runs `work` without the GIL; re-raises what stopped it, if Python asked it to stop.
    template <class Work>
    auto run(Work&& work) {
        try {
            py::gil_scoped_release release;
            return std::forward<Work>(work)(control());
        } catch (const sim::interrupted&) {
            if (error_) throw *error_;
            throw;
        }
    }

    /// The last report, so that a progress bar ends at its total.
    void finish() {
        if (!callback_.is_none()) callback_(done_);
    }

private:
    void on_day(std::uint64_t resident_days) {
        done_ += resident_days;
        const auto now = clock_type::now();
        if (now - last_ < interval_ || cancel_.load()) return;
        last_ = now;
        py::gil_scoped_acquire acquire;
        try {
            if (PyErr_CheckSignals() != 0) throw py::error_already_set();
            if (!callback_.is_none()) callback_(done_);
        } catch (py::error_already_set& e) {
            error_.emplace(std::move(e));
            cancel_.store(true);
        }
    }

    py::object callback_;
    clock_type::duration interval_;
    clock_type::time_point last_;
    std::uint64_t done_ = 0;
    std::atomic<bool> cancel_{false};
    std::optional<py::error_already_set> error_;
};

unsigned threads_or_default(std::optional<unsigned> threads) {
    return std::max(1U, threads.value_or(static_cast<unsigned>(tbb::info::default_concurrency())));
}

/// Work that exceeds this machine's limits: civicsim.WorkTooLargeError.
class work_too_large : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The CLI's check before any work (sim/engine/work_estimate.hpp), for the Python entry points.
void check_work(const sim::scenario& sc, std::uint64_t runs, std::optional<unsigned> threads) {
    const auto problem =
        sim::work_problem(sim::estimate_work(sc.params, runs, threads_or_default(threads)),
                          sim::machine_limits(), "pass allow_large=True");
    if (!problem.empty()) throw work_too_large("this work " + problem + ". Nothing was run.");
}

std::shared_ptr<sim::results_set> run_baseline(const sim::scenario& sc,
                                               std::optional<unsigned> threads, py::object progress,
                                               double interval) {
    progress_relay relay(std::move(progress), interval);
    const auto params = std::make_shared<const models::parameters>(sc.params);
    auto results = relay.run([&](const sim::run_control& control) {
        return std::make_shared<sim::results_set>(
            sim::run_baseline(params, threads_or_default(threads), control));
    });
    relay.finish();
    return results;
}

std::shared_ptr<sim::results_set> run_comparison(const sim::scenario& sc,
                                                 std::optional<unsigned> threads,
                                                 py::object progress, double interval) {
    progress_relay relay(std::move(progress), interval);
    auto results = relay.run([&](const sim::run_control& control) {
        return std::make_shared<sim::results_set>(
            sim::run_comparison(sc, threads_or_default(threads), control));
    });
    relay.finish();
    return results;
}

std::shared_ptr<sim::results_set> run_sweep(
    const sim::scenario& base, const std::vector<std::shared_ptr<sim::scenario>>& points,
    std::optional<unsigned> threads, py::object progress, double interval,
    std::optional<std::vector<std::size_t>> daily, bool breakdowns) {
    std::vector<std::shared_ptr<const models::parameters>> params;
    for (const auto& point : points)
        params.push_back(std::make_shared<const models::parameters>(point->params));
    sim::run_retention keep;
    if (daily) keep = {false, *daily, breakdowns};
    progress_relay relay(std::move(progress), interval);
    auto results = relay.run([&](const sim::run_control& control) {
        return std::make_shared<sim::results_set>(
            sim::run_sweep(base.params, params, threads_or_default(threads), control, keep));
    });
    relay.finish();
    return results;
}

}  // namespace

void register_run(py::module_& m) {
    m.def(
        "default_threads", [] { return static_cast<unsigned>(tbb::info::default_concurrency()); },
        "Threads used when none are given: every core TBB may use.");
    py::register_exception<work_too_large>(m, "WorkTooLargeError", PyExc_ValueError);
    m.def("check_work", &check_work, py::arg("scenario"), py::arg("runs"),
          py::arg("threads") = py::none(),
          "Raises WorkTooLargeError, with the estimate and the limit, when `runs` runs of the "
          "scenario on `threads` threads would exceed this machine's memory or a sane time.");
    m.def("run_baseline", &run_baseline, py::arg("scenario"), py::arg("threads") = py::none(),
          py::arg("progress") = py::none(), py::arg("interval") = 0.25,
          "Runs the scenario's replications (strategy 'baseline'). progress(resident_days_done) "
          "is called at most once per `interval` seconds; Ctrl-C raises KeyboardInterrupt.");
    m.def("run_sweep", &run_sweep, py::arg("base"), py::arg("points"),
          py::arg("threads") = py::none(), py::arg("progress") = py::none(),
          py::arg("interval") = 0.25, py::arg("daily") = py::none(), py::arg("breakdowns") = false,
          "Runs every point's replications, all scheduled together, run ids point-major. "
          "daily: the indices of the daily metrics to keep (None: keep everything, and "
          "breakdowns is ignored); breakdowns: keep the breakdowns too.");
    m.def("run_comparison", &run_comparison, py::arg("scenario"), py::arg("threads") = py::none(),
          py::arg("progress") = py::none(), py::arg("interval") = 0.25,
          "Runs the baseline and every [[strategy]] with common random numbers.");
}

}  // namespace civicsim::python

// civicsim run FILE: the scenario's replications, a results file and a short outcome table.
// Each replication is kept as it ends (kept_runs.hpp): --resume finishes an interrupted run.

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include "models/metrics.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/kept_runs.hpp"
#include "sim/engine/experiment.hpp"
#include "sim/results/headline.hpp"
#include "sim/results/output_name.hpp"
#include "sim/results/statistics.hpp"
#include "sim/scenario/scenario.hpp"

namespace civicsim::cli {

namespace {

/// The headline outcomes, by family: mean over replications and 95 % interval.
void print_outcomes(std::ostream& out, const std::vector<sim::run_result>& runs) {
    const auto metrics = models::summary_metrics();
    char line[160];
    std::snprintf(line, sizeof line, "%-28s %12s   %-27s %s\n", "outcome", "mean", "95% interval",
                  "unit");
    out << line;
    for (const auto& family : sim::headline_outcomes(runs)) {
        out << family.title << '\n';
        for (const auto metric : family.metrics) {
            const auto m = metric;
            const auto e = sim::estimate_summary(runs, m);
            char interval[64];
            if (e.n == 0)  // no replication has a value: "n/a" once, not as both ends
                std::snprintf(interval, sizeof interval, "n/a");
            else
                std::snprintf(interval, sizeof interval, "[%s, %s]",
                              sim::format_number(e.low).c_str(),
                              sim::format_number(e.high).c_str());
            std::snprintf(line, sizeof line, "  %-26s %12s   %-27s %s\n",
                          std::string(metrics[m].name).c_str(), sim::format_number(e.mean).c_str(),
                          interval, std::string(metrics[m].unit).c_str());
            out << line;
        }
    }
}

}  // namespace

int run_command(const invocation& call) {
    po::options_description options("options");
    add_scenario_options(options);
    options.add_options()("out", po::value<std::string>(),
                          "results file (default results/<scenario name as a slug>.h5)")(
        "force", po::bool_switch(), "overwrite an existing results file")(
        "resume", po::bool_switch(),
        "finish an interrupted run: keep the replications finished in OUT.partial/ and run the "
        "rest");
    po::positional_options_description positional;
    positional.add("scenario", 1);
    po::variables_map vm;
    if (!parse(call,
               "civicsim run FILE [--set key=value]... [--seed N] [--replications R] "
               "[--days D] [--threads T] [--out PATH] [--force] [--resume] [--allow-large]",
               options, positional, vm))
        return ok;

    const unsigned threads = threads_option(vm);  // before the scenario: a flag is cheaper
    const std::filesystem::path file = vm["scenario"].as<std::string>();
    const auto scenario = read_scenario(file, overrides_from(vm));
    const auto params = std::make_shared<const models::parameters>(scenario.params);
    const std::filesystem::path out = vm.count("out")
                                          ? std::filesystem::path(vm["out"].as<std::string>())
                                          : sim::default_output(params->scenario.name, ".h5");

    // Every replication is kept as it ends, so that an interruption loses only those in progress.
    resumable_work work;
    work.command = "run";
    work.noun = "run";
    work.out = out;
    work.header = sim::describe_baseline(*params);
    work.header.sweep_id = work_identity("run", work.header.scenario_toml);
    work.header.sweep_runs = params->scenario.replications;
    work.header.command_line = call.command_line;
    work.jobs = sim::replication_jobs(params, "baseline", 0);
    kept_runs kept(std::move(work), vm["resume"].as<bool>());
    const bool force = vm["force"].as<bool>() || kept.replaces_out();

    check_work(vm, *params, params->scenario.replications, threads);
    // Before the work, so that a run is never wasted.
    check_outputs({{file, "scenario file"}}, {{out, "results file"}}, force,
                  "Nothing was run or written.");
    kept.read_finished();

    const auto residents = models::total_population(*params);
    std::cout << "civicsim run: " << params->scenario.name << ", " << params->scenario.replications
              << " replication(s) x " << params->scenario.days << " days, " << residents
              << " residents in " << params->neighbourhoods.size() << " neighbourhoods, seed "
              << params->scenario.seed << ", " << threads << " thread(s)\n";
    kept.print_resume(std::cout);
    std::cout << std::flush;

    auto results =
        kept.run_rest(threads, residents * params->scenario.days, call.command_line, force, false);
    if (!results) return interrupted;
    kept.write_whole(*results, force);

    std::cout << '\n';
    print_outcomes(std::cout, results->runs);
    std::cout << "\nwrote " << out.string() << " (" << results->runs.size() << " runs, "
              << models::daily_metrics().size() << " daily outcomes x " << params->scenario.days
              << " days x " << params->neighbourhoods.size() << " neighbourhoods, "
              << models::summary_metrics().size() << " summary outcomes per run)\n";
    return ok;
}

}  // namespace civicsim::cli

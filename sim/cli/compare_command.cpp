// civicsim compare FILE: the baseline and every [[strategy]] with common random numbers, a
// results file, a table per headline outcome of each strategy's mean and its paired difference
// from the baseline, and optionally the HTML report. Each run is kept as it ends
// (kept_runs.hpp): --resume finishes an interrupted comparison.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "models/metrics.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/kept_runs.hpp"
#include "sim/engine/experiment.hpp"
#include "sim/engine/explanation.hpp"
#include "sim/report/html_report.hpp"
#include "sim/results/attribution.hpp"
#include "sim/results/exposure_effects.hpp"
#include "sim/results/findings.hpp"
#include "sim/results/headline.hpp"
#include "sim/results/output_name.hpp"
#include "sim/results/robustness.hpp"
#include "sim/results/statistics.hpp"
#include "sim/scenario/scenario.hpp"

namespace civicsim::cli {

namespace {

/// The most draws --robust accepts: each is a whole comparison.
constexpr std::uint64_t max_draws = 10'000;

std::string signed_number(double value) {
    if (std::isnan(value)) return "n/a";
    return (value > 0.0 ? "+" : "") + sim::format_number(value);
}

/// What the comparison found, first, in the report's own sentences (sim/results/findings.hpp).
void print_findings(std::ostream& out, const sim::results_set& results,
                    const models::report_settings& report) {
    std::vector<std::string> names;
    for (const auto& strategy : results.strategies) names.push_back(strategy.first);
    out << "\nfindings (each strategy against the baseline; a change matters when its 95 % "
           "interval excludes zero and it is at least the smallest difference that matters):\n";
    for (const auto& sentence :
         sim::finding_sentences(sim::find_effects(results.runs, names, report), report))
        out << "- " << sentence << '\n';
}

/// Per headline outcome: every strategy's mean over replications and, for all but the baseline,
/// the paired difference from the baseline with its 95 % interval; `*` where it excludes 0.
void print_comparison(std::ostream& out, const sim::results_set& results) {
    const auto metrics = models::summary_metrics();
    const auto& baseline = results.strategies.front().first;
    std::size_t width = 8;
    for (const auto& s : results.strategies) width = std::max(width, s.first.size());
    const int name_width = static_cast<int>(width);
    char line[256];
    for (const auto& family : sim::headline_outcomes(results.runs)) {
        out << "\n== " << family.title << " ==\n";
        for (const auto metric : family.metrics) {
            const auto m = metric;
            const auto direction = sim::better_direction(metric);
            out << '\n' << metrics[m].name << " (" << metrics[m].unit;
            if (direction != sim::better::none)
                out << "; " << sim::to_string(direction) << " is better";
            out << ")\n";
            std::snprintf(line, sizeof line, "  %-*s %12s   %-13s %s\n", name_width, "strategy",
                          "mean", "vs baseline", "95% interval");
            out << line;
            for (const auto& [name, description] : results.strategies) {
                const auto mean = sim::estimate_summary(sim::runs_of(results.runs, name), m);
                if (name == baseline) {
                    std::snprintf(line, sizeof line, "  %-*s %12s\n", name_width, name.c_str(),
                                  sim::format_number(mean.mean).c_str());
                    out << line;
                    continue;
                }
                const auto d = sim::paired_difference(results.runs, m, name, baseline);
                const bool excludes_zero = d.n >= 2 && (d.low > 0.0 || d.high < 0.0);
                const std::string difference = signed_number(d.mean) + (excludes_zero ? " *" : "");
                const std::string interval = d.n == 0 ? "n/a"
                                                      : "[" + sim::format_number(d.low) + ", " +
                                                            sim::format_number(d.high) + "]";
                std::snprintf(line, sizeof line, "  %-*s %12s   %-13s %s\n", name_width,
                              name.c_str(), sim::format_number(mean.mean).c_str(),
                              difference.c_str(), interval.c_str());
                out << line;
            }
        }
    }
    out << "\n* the 95% interval of the paired difference from the baseline excludes 0\n";
}

/// Effects where they act: per exposure with anyone exposed, per group metric, each strategy's
/// last-day city-wide mean for the exposed and for the others, and its paired difference from
/// the baseline, so that "members' trust rose while others' did not" can be read off.
void print_exposure_effects(std::ostream& out, const sim::results_set& results) {
    const auto observed = sim::observed_exposures(results.runs);
    if (observed.empty()) return;
    const auto metrics = models::group_metrics();
    const auto& baseline = results.strategies.front().first;
    std::size_t width = 8;
    for (const auto& s : results.strategies) width = std::max(width, s.first.size());
    const int name_width = static_cast<int>(width);
    char line[320];
    for (const auto e : observed) {
        const auto& exposure = models::exposures[models::to_index(e)];
        out << "\n== effects where they act: " << exposure.labels[sim::exposed_group] << " vs "
            << exposure.labels[sim::others_group] << " (last day, city-wide) ==\n";
        for (const auto m : sim::exposure_metrics(e)) {
            out << '\n' << metrics[m].name << " (" << metrics[m].unit << ")\n";
            std::snprintf(line, sizeof line, "  %-*s %-10s %12s   %-13s %s\n", name_width,
                          "strategy", "group", "mean", "vs baseline", "95% interval");
            out << line;
            for (const auto& [name, description] : results.strategies) {
                const auto runs = sim::runs_of(results.runs, name);
                for (const auto group : {sim::exposed_group, sim::others_group}) {
                    const auto value = sim::exposure_value_of(e, m, group);
                    const auto mean = sim::estimate_of(runs, value);
                    const std::string label(exposure.labels[group]);
                    if (name == baseline) {
                        std::snprintf(line, sizeof line, "  %-*s %-10s %12s\n", name_width,
                                      name.c_str(), label.c_str(),
                                      sim::format_number(mean.mean).c_str());
                        out << line;
                        continue;
                    }
                    const auto d = sim::paired_difference_of(results.runs, value, name, baseline);
                    const bool excludes_zero = d.n >= 2 && (d.low > 0.0 || d.high < 0.0);
                    const std::string difference =
                        signed_number(d.mean) + (excludes_zero ? " *" : "");
                    const std::string interval =
                        "[" + sim::format_number(d.low) + ", " + sim::format_number(d.high) + "]";
                    std::snprintf(line, sizeof line, "  %-*s %-10s %12s   %-13s %s\n", name_width,
                                  name.c_str(), label.c_str(),
                                  sim::format_number(mean.mean).c_str(), difference.c_str(),
                                  interval.c_str());
                    out << line;
                }
            }
        }
    }
}

/// "37 %": a share of draws.
std::string percent(double share) {
    char text[16];
    std::snprintf(text, sizeof text, "%.0f %%", 100.0 * share);
    return text;
}

/// Per tallied outcome, how often each strategy was best over the draws, and how often within the
/// smallest difference that matters of the best.
void print_robustness(std::ostream& out, const sim::robustness_table& table) {
    const auto metrics = models::summary_metrics();
    out << "\n== robustness: " << table.draws() << " Latin-hypercube draw(s) of "
        << table.parameters.size() << " uncertain parameter(s), " << table.replications
        << " replication(s) each ==\n\n";
    for (std::size_t j = 0; j < table.parameters.size(); ++j)
        out << "  " << table.parameters[j] << " from " << sim::format_number(table.low[j]) << " to "
            << sim::format_number(table.high[j]) << '\n';
    std::size_t width = 8;
    for (const auto& s : table.strategies) width = std::max(width, s.size());
    const int name_width = static_cast<int>(width);
    char line[256];
    for (std::size_t o = 0; o < table.outcomes.size(); ++o) {
        const auto m = table.outcomes[o];
        out << '\n'
            << metrics[m].name << " (" << metrics[m].unit << "; "
            << sim::to_string(sim::better_direction(m)) << " is better)\n";
        std::snprintf(line, sizeof line, "  %-*s %6s   %s\n", name_width, "strategy", "best",
                      "within the smallest difference of the best");
        out << line;
        for (std::size_t s = 0; s < table.strategies.size(); ++s) {
            const auto at = s * table.outcomes.size() + o;
            std::snprintf(line, sizeof line, "  %-*s %6s   %s\n", name_width,
                          table.strategies[s].c_str(), percent(table.best_share[at]).c_str(),
                          percent(table.near_best_share[at]).c_str());
            out << line;
        }
    }
    out << "\nbest: share of draws in which the strategy has the best mean (ties are all best)\n";
}

}  // namespace

int compare_command(const invocation& call) {
    po::options_description options("options");
    add_scenario_options(options);
    options.add_options()("out", po::value<std::string>(),
                          "results file (default results/<scenario name as a slug>-compare.h5)")(
        "force", po::bool_switch(), "overwrite existing results and report files")(
        "report", po::value<std::string>(), "also write the HTML report to this file")(
        "resume", po::bool_switch(),
        "finish an interrupted comparison: keep the runs finished in OUT.partial/ and run the "
        "rest")(
        "explain", po::value<std::vector<std::string>>()->composing(),
        "also explain this strategy's effects on the headline outcomes by mechanism, in the "
        "output and the report's Why section (repeatable; see 'civicsim explain')")(
        "robust", po::value<std::string>(),
        "also re-run the comparison at N Latin-hypercube draws of the scenario's [[uncertain]] "
        "parameters and count how often each strategy is best");
    po::positional_options_description positional;
    positional.add("scenario", 1);
    po::variables_map vm;
    if (!parse(call,
               "civicsim compare FILE [--set key=value]... [--seed N] [--replications R] "
               "[--days D] [--threads T] [--out PATH] [--force] [--resume] [--allow-large] "
               "[--report PATH] [--explain STRATEGY]... [--robust N]",
               options, positional, vm))
        return ok;

    const unsigned threads = threads_option(vm);  // before the scenario: a flag is cheaper
    const std::size_t draws = vm.count("robust") ? count_option(vm, "robust", 1, max_draws) : 0;
    const std::string file = vm["scenario"].as<std::string>();
    const auto scenario = read_scenario(file, overrides_from(vm));
    if (scenario.strategies.empty()) {
        std::cerr << "civicsim compare: " << file
                  << " has no [[strategy]] tables, so there is nothing to compare with the "
                     "baseline; add [[strategy]] tables (named sets of overrides, see "
                     "docs/scenario-reference.md) or use 'civicsim run' to run the scenario "
                     "alone. Nothing was run or written.\n";
        return bad_input;
    }
    const auto& params = scenario.params;
    if (draws > 0 && params.uncertain.empty()) {
        std::cerr << "civicsim compare: --robust " << draws << ": " << file
                  << " declares no uncertain parameters, so there is nothing to draw; add "
                     "[[uncertain]] tables, each with key = \"<dotted key>\" and optionally "
                     "range = [low, high] (see docs/scenario-reference.md), or leave out "
                     "--robust. Nothing was run or written.\n";
        return bad_input;
    }
    // Built before any work: a draw that makes the scenario invalid is bad input.
    const auto values = sim::robust_draws(params, draws);
    const auto jobs = sim::robust_jobs(scenario, values);
    const std::filesystem::path out =
        vm.count("out") ? std::filesystem::path(vm["out"].as<std::string>())
                        : sim::default_output(params.scenario.name, "-compare.h5");
    const std::optional<std::filesystem::path> report =
        vm.count("report") ? std::optional<std::filesystem::path>(vm["report"].as<std::string>())
                           : std::nullopt;

    // Every run (a replication of a strategy) is kept as it ends, so that an interruption loses
    // only those in progress; the paired statistics are computed from all of them at the end.
    resumable_work work;
    work.command = "compare";
    work.noun = "comparison";
    work.out = out;
    work.header = sim::describe_comparison(scenario);
    std::string decisive = work.header.scenario_toml;
    for (const auto& s : scenario.strategies)
        decisive += "\n[strategy " + s.name + "] " + s.description + "\n" +
                    sim::to_toml(sim::with_overrides(scenario, s.overrides));
    work.header.sweep_id = work_identity("compare", decisive);
    work.jobs = sim::comparison_jobs(scenario);
    work.header.sweep_runs = static_cast<std::uint32_t>(work.jobs.size());
    work.header.command_line = call.command_line;
    kept_runs kept(std::move(work), vm["resume"].as<bool>());
    const bool force = vm["force"].as<bool>();
    const bool replace = force || kept.replaces_out();

    // --explain: every name a strategy of the scenario, each with the mechanisms on in it.
    std::vector<std::pair<const sim::strategy*, std::vector<sim::active_mechanism>>> explained;
    std::size_t explain_arms = 0;
    if (vm.count("explain"))
        for (const auto& name : vm["explain"].as<std::vector<std::string>>()) {
            const auto it = std::find_if(scenario.strategies.begin(), scenario.strategies.end(),
                                         [&](const auto& s) { return s.name == name; });
            if (it == scenario.strategies.end())
                throw bad_input_error("--explain '" + name + "': " + file +
                                      " has no such [[strategy]]. Nothing was run or written.");
            explained.emplace_back(&*it, sim::active_mechanisms(scenario, *it));
            explain_arms += 2 * explained.back().second.size();
        }
    // The draws' runs and the explanation's arms keep only their summaries: the comparison as
    // written keeps everything.
    const std::uint64_t comparison_runs =
        (scenario.strategies.size() + 1) * params.scenario.replications;
    check_work(vm, params,
               comparison_runs * (1 + draws) + explain_arms * params.scenario.replications, threads,
               comparison_runs);
    // Both files before the work, so that a comparison is never wasted.
    std::vector<planned_output> outputs{{out, "results file", false, kept.replaces_out()}};
    if (report) outputs.push_back({*report, "report", true});
    check_outputs({{file, "scenario file"}}, outputs, force, "Nothing was run or written.");
    kept.read_finished();

    const auto residents = models::total_population(params);
    const auto strategies = static_cast<std::uint32_t>(scenario.strategies.size() + 1);
    const auto replications = params.scenario.replications;
    std::cout << "civicsim compare: " << params.scenario.name << ", baseline + "
              << scenario.strategies.size() << " strateg"
              << (scenario.strategies.size() == 1 ? "y" : "ies") << " x " << replications
              << " replication(s) x " << params.scenario.days << " days, " << residents
              << " residents in " << params.neighbourhoods.size() << " neighbourhoods, seed "
              << params.scenario.seed << ", " << threads << " thread(s)";
    if (draws > 0)
        std::cout << "; and the same at " << draws << " draw(s) of " << params.uncertain.size()
                  << " uncertain parameter(s)";
    std::cout << '\n';
    kept.print_resume(std::cout);
    std::cout << std::flush;

    auto finished =
        kept.run_rest(threads, residents * params.scenario.days, call.command_line, replace, false);
    if (!finished) return interrupted;
    auto& results = *finished;
    if (draws > 0)
        results.robustness =
            run_with_progress(static_cast<std::uint32_t>(strategies * replications * draws),
                              residents * params.scenario.days,
                              [&](const sim::run_control& control) {
                                  sim::results_set drawn;
                                  drawn.robustness = sim::run_robustness(
                                      scenario, values, jobs,
                                      sim::robust_outcomes(params.report, results.runs), threads,
                                      control);
                                  return drawn;
                              })
                .robustness;

    std::vector<sim::report::explanation> explanations;
    for (const auto& [strategy, mechanisms] : explained) {
        std::cout << "\nexplaining '" << strategy->name << "': each of " << mechanisms.size()
                  << " mechanism(s) switched off in the baseline and in the strategy\n"
                  << std::flush;
        const auto arms = run_with_progress(
            static_cast<std::uint32_t>(2 + 2 * mechanisms.size()) * replications,
            residents * params.scenario.days, [&](const sim::run_control& control) {
                return sim::run_explanation(scenario, *strategy, mechanisms, threads, control);
            });
        std::vector<std::string> names;
        for (const auto& m : mechanisms) names.push_back(m.name);
        auto& e = explanations.emplace_back(sim::report::explanation{strategy->name, {}});
        for (const auto m : sim::case_outcomes(params.report, results.runs))
            e.outcomes.push_back(sim::attribute(arms.runs, m, strategy->name, names));
    }
    kept.write_whole(results, replace);

    std::cout << "\nstrategies (every one with the baseline's " << replications
              << " replication(s) and random numbers):\n";
    for (const auto& [name, description] : results.strategies)
        std::cout << "  " << name << ": " << description << '\n';
    print_findings(std::cout, results, params.report);
    print_comparison(std::cout, results);
    print_exposure_effects(std::cout, results);
    for (const auto& e : explanations) {
        std::cout << "\n== why: " << e.strategy << " (see 'civicsim explain') ==\n";
        for (const auto& a : e.outcomes)
            std::cout << "  " << sim::why_sentence(a, e.strategy) << '\n';
    }
    if (draws > 0) print_robustness(std::cout, results.robustness);
    std::cout << "\nwrote " << out.string() << " (" << results.runs.size()
              << " runs: " << strategies << " strategies x " << replications << " replications";
    if (draws > 0) std::cout << "; and the robustness table of " << draws << " draw(s)";
    std::cout << ")\n";
    if (report) {
        const auto html = sim::report::render_html(results, explanations);
        write_then_stop_if_asked("the report '" + report->string() + "'",
                                 [&] { sim::report::write_html(*report, html, force); });
        std::cout << "wrote " << report->string() << " (the HTML report; open it in a browser)\n";
    }
    return ok;
}

}  // namespace civicsim::cli

// civicsim explain FILE --strategy NAME: why a strategy has its effect. The baseline and the
// strategy run as they are and with each mechanism that is on switched off in both (common random
// numbers); each headline outcome's total effect is split into the mechanisms' contributions and
// the part they leave unattributed, printed and optionally written as CSV.

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "models/metrics.hpp"
#include "models/switches.hpp"
#include "sim/cli/commands.hpp"
#include "sim/engine/explanation.hpp"
#include "sim/results/atomic_file.hpp"
#include "sim/results/attribution.hpp"
#include "sim/results/findings.hpp"
#include "sim/results/output_name.hpp"
#include "sim/results/statistics.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/text.hpp"

namespace civicsim::cli {

namespace {

constexpr std::string_view nothing_done = "Nothing was run or written.";

std::string quoted_list(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& n : names) text += (text.empty() ? "'" : ", '") + n + "'";
    return text;
}

/// --outcome: summary outcomes by name, or the scenario's headline outcomes when none is given.
std::vector<std::size_t> chosen_outcomes(const std::vector<std::string>& named,
                                         const models::report_settings& report) {
    const auto metrics = models::summary_metrics();
    std::vector<std::string> known;
    for (const auto& m : metrics) known.emplace_back(m.name);
    std::vector<std::size_t> out;
    for (const auto& name : named) {
        const auto m = models::index_of(metrics, name);
        if (!m)
            throw bad_input_error(
                "--outcome '" + sim::detail::excerpt(name) + "': not a summary outcome" +
                sim::detail::did_you_mean(name, known) +
                "; docs/outcome-reference.md lists them. " + std::string(nothing_done));
        if (std::find(out.begin(), out.end(), *m) == out.end()) out.push_back(*m);
    }
    return out.empty() ? sim::case_outcomes(report, {}) : out;
}

std::string signed_number(double value) {
    return (value > 0.0 ? "+" : "") + sim::format_number(value);
}

std::string estimate_cells(const sim::interval_estimate& e) {
    char line[160];
    std::snprintf(line, sizeof line, "%-13s [%s, %s]",
                  (signed_number(e.mean) + (sim::significant(e) ? " *" : "")).c_str(),
                  sim::format_number(e.low).c_str(), sim::format_number(e.high).c_str());
    return line;
}

void print_attribution(std::ostream& out, const sim::attribution& a, const std::string& strategy) {
    const auto& metric = models::summary_metrics()[a.metric];
    std::size_t width = 24;
    for (const auto& p : a.parts) width = std::max(width, p.mechanism.size());
    const int w = static_cast<int>(width);
    char line[320];
    out << '\n'
        << metric.name << " (" << metric.unit << "), baseline "
        << sim::format_number(a.baseline.mean) << '\n';
    std::snprintf(line, sizeof line, "  %-*s %-13s %s\n", w, "", "effect", "95% interval");
    out << line;
    std::snprintf(line, sizeof line, "  %-*s %s\n", w, "total (strategy - baseline)",
                  estimate_cells(a.total).c_str());
    out << line;
    std::vector<std::string> silent;
    for (const auto& p : a.parts) {
        if (p.contribution.mean == 0.0 && p.contribution.low == 0.0 && p.contribution.high == 0.0) {
            silent.push_back(p.mechanism);
            continue;
        }
        std::snprintf(line, sizeof line, "  %-*s %s\n", w, p.mechanism.c_str(),
                      estimate_cells(p.contribution).c_str());
        out << line;
    }
    std::snprintf(line, sizeof line, "  %-*s %s\n", w, "not attributed",
                  estimate_cells(a.not_attributed).c_str());
    out << line;
    if (!silent.empty()) {
        out << "  exactly 0 through:";
        for (std::size_t k = 0; k < silent.size(); ++k) out << (k ? ", " : " ") << silent[k];
        out << '\n';
    }
    out << "  why: " << sim::why_sentence(a, strategy) << '\n';
}

/// One row per outcome and part: outcome, part, mean, low, high, replications.
std::string attribution_csv(const std::vector<sim::attribution>& attributions) {
    std::ostringstream csv;
    csv << "outcome,part,mean,low,high,replications\n";
    const auto row = [&](std::size_t metric, const std::string& part,
                         const sim::interval_estimate& e) {
        csv << models::summary_metrics()[metric].name << ",\"" << part << "\","
            << sim::detail::format_number(e.mean) << ',' << sim::detail::format_number(e.low) << ','
            << sim::detail::format_number(e.high) << ',' << e.n << '\n';
    };
    for (const auto& a : attributions) {
        row(a.metric, "total", a.total);
        for (const auto& p : a.parts) row(a.metric, p.mechanism, p.contribution);
        row(a.metric, "not attributed", a.not_attributed);
    }
    return csv.str();
}

}  // namespace

int explain_command(const invocation& call) {
    po::options_description options("options");
    add_scenario_options(options);
    options.add_options()("strategy", po::value<std::string>()->required(),
                          "the [[strategy]] whose effect to explain")(
        "outcome", po::value<std::vector<std::string>>()->composing(),
        "a summary outcome to explain (repeatable; default: the scenario's headline outcomes)")(
        "mechanism", po::value<std::vector<std::string>>()->composing(),
        "switch off only this mechanism (repeatable; default: every mechanism that is on)")(
        "out", po::value<std::string>(),
        "attributions as CSV (default results/<scenario name as a slug>-explain.csv)")(
        "force", po::bool_switch(), "overwrite an existing output file");
    po::positional_options_description positional;
    positional.add("scenario", 1);
    po::variables_map vm;
    if (!parse(call,
               "civicsim explain FILE --strategy NAME [--outcome O]... [--mechanism M]... "
               "[--set key=value]... [--seed N] [--replications R] [--days D] [--threads T] "
               "[--out PATH] [--force] [--allow-large]",
               options, positional, vm))
        return ok;

    const unsigned threads = threads_option(vm);
    const std::string file = vm["scenario"].as<std::string>();
    const auto scenario = read_scenario(file, overrides_from(vm));
    const auto& params = scenario.params;
    const std::string wanted = vm["strategy"].as<std::string>();
    std::vector<std::string> names;
    const sim::strategy* chosen = nullptr;
    for (const auto& s : scenario.strategies) {
        names.push_back(s.name);
        if (s.name == wanted) chosen = &s;
    }
    if (chosen == nullptr)
        throw bad_input_error("--strategy '" + sim::detail::excerpt(wanted) + "': " + file +
                              (names.empty() ? " has no [[strategy]] tables"
                                             : " has no such [[strategy]]" +
                                                   sim::detail::did_you_mean(wanted, names) +
                                                   "; its strategies are " + quoted_list(names)) +
                              ". " + std::string(nothing_done));
    const auto outcomes =
        chosen_outcomes(vm.count("outcome") ? vm["outcome"].as<std::vector<std::string>>()
                                            : std::vector<std::string>{},
                        params.report);

    auto mechanisms = sim::active_mechanisms(scenario, *chosen);
    if (vm.count("mechanism")) {
        std::vector<std::string> known, on;
        for (const auto& m : models::mechanism_switches()) known.push_back(m.name);
        for (const auto& m : mechanisms) on.push_back(m.name);
        std::vector<sim::active_mechanism> kept;
        for (const auto& name : vm["mechanism"].as<std::vector<std::string>>()) {
            if (std::find(known.begin(), known.end(), name) == known.end())
                throw bad_input_error(
                    "--mechanism '" + sim::detail::excerpt(name) + "': no such mechanism" +
                    sim::detail::did_you_mean(name, known) + "; the mechanisms are " +
                    quoted_list(known) + ". " + std::string(nothing_done));
            const auto it = std::find_if(mechanisms.begin(), mechanisms.end(),
                                         [&](const auto& m) { return m.name == name; });
            if (it == mechanisms.end())
                throw bad_input_error("--mechanism '" + name +
                                      "' is off in both the baseline and '" + wanted +
                                      "', so switching it off explains nothing; those on are " +
                                      quoted_list(on) + ". " + std::string(nothing_done));
            if (std::none_of(kept.begin(), kept.end(),
                             [&](const auto& m) { return m.name == name; }))
                kept.push_back(*it);
        }
        mechanisms = std::move(kept);
    }

    const std::filesystem::path out =
        vm.count("out") ? std::filesystem::path(vm["out"].as<std::string>())
                        : sim::default_output(params.scenario.name, "-explain.csv");
    const bool force = vm["force"].as<bool>();
    const auto arms = static_cast<std::uint32_t>(2 + 2 * mechanisms.size());
    const auto replications = params.scenario.replications;
    check_work(vm, params, std::uint64_t{arms} * replications, threads);
    check_outputs({{file, "scenario file"}}, {{out, "attribution file"}}, force, nothing_done);

    const auto residents = models::total_population(params);
    std::cout << "civicsim explain: " << params.scenario.name << ", '" << wanted
              << "' against the baseline, with each of " << mechanisms.size()
              << " mechanism(s) switched off in both: " << arms << " arms x " << replications
              << " replication(s) x " << params.scenario.days << " days, " << residents
              << " residents, seed " << params.scenario.seed << ", " << threads << " thread(s)\n"
              << std::flush;
    const auto results = run_with_progress(arms * replications, residents * params.scenario.days,
                                           [&](const sim::run_control& control) {
                                               return sim::run_explanation(
                                                   scenario, *chosen, mechanisms, threads, control);
                                           });

    std::vector<std::string> mechanism_names;
    for (const auto& m : mechanisms) mechanism_names.push_back(m.name);
    std::vector<sim::attribution> attributions;
    for (const auto m : outcomes)
        attributions.push_back(sim::attribute(results.runs, m, wanted, mechanism_names));
    const auto csv = attribution_csv(attributions);
    write_then_stop_if_asked("the attribution file '" + out.string() + "'", [&] {
        sim::write_atomically({out, force, "attribution file"}, csv);
    });

    std::cout << "\nmechanisms switched off in both arms, one at a time:\n";
    for (const auto& m : mechanisms) {
        std::cout << "  " << m.name << " (docs/ODD.md " << m.odd_section << "):";
        for (const auto& [key, value] : m.off) std::cout << ' ' << key << '=' << value;
        std::cout << '\n';
    }
    for (const auto& a : attributions) print_attribution(std::cout, a, wanted);
    std::cout << "\n* the 95% interval, paired over replications, excludes 0. A contribution is "
                 "the total minus the effect left with the mechanism switched off; 'not "
                 "attributed' is the total minus every contribution (interactions).\n";
    std::cout << "\nwrote " << out.string() << " (" << results.runs.size() << " runs: " << arms
              << " arms x " << replications << " replications)\n";
    return ok;
}

}  // namespace civicsim::cli

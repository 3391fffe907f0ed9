// civicsim sweep FILE --design design.csv: the scenario at every point of a design, all runs of
// all points scheduled together, and one results file with the swept parameters as /runs
// columns: the file civicsim.sweep writes from Python for the same points.
//
// Finished runs are kept as they end (kept_runs.hpp, in batches every --keep-every seconds), so
// an interruption loses only the runs in progress and --resume runs the rest. --shard i/N runs
// every N-th run, for job arrays; civicsim merge joins the shards. The design is a CSV file of
// points, or a TOML file that makes them (a grid, a Latin hypercube or Saltelli's Sobol sample).
//
// Under mpirun, every process reads and checks the same command, the runs are handed out one at
// a time to whichever process asks (process_group), every process writes its runs to the
// folder, and the first joins them: the folder on a file system every node sees.

#include <toml++/toml.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "sim/cli/commands.hpp"
#include "sim/cli/kept_runs.hpp"
#include "sim/cli/process_group.hpp"
#include "sim/engine/design.hpp"
#include "sim/engine/experiment.hpp"
#include "sim/engine/latin_hypercube.hpp"
#include "sim/results/output_name.hpp"
#include "sim/scenario/scenario.hpp"

namespace civicsim::cli {

namespace {

/// A design: the dotted keys of its header and one row of cells (TOML values) per point, where
/// each row comes from (for messages), and how the points were made (the results file's
/// `design` attribute, JSON).
struct design_table {
    std::vector<std::string> keys;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> locations;
    nlohmann::json method;  ///< null for a design listed point by point
};

[[noreturn]] void design_problem(const std::string& location, const std::string& message) {
    throw sim::scenario_error({{location, "", "", message}});
}

void check_sweepable(const std::string& key, const std::string& location) {
    if (key.empty()) design_problem(location, "empty key");
    if (key == "scenario.days" || key == "scenario.replications")
        design_problem(location, key +
                                     " cannot be swept (every run of a sweep has the same days; "
                                     "use --days and --replications)");
}

/// Reads a CSV file (RFC 4180: commas, double quotes around cells that hold commas, quotes or
/// line breaks, "" for a quote inside them). Every row must have the header's number of cells.
design_table read_design(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) design_problem(path, "cannot read the design file");
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();

    std::vector<std::vector<std::string>> records;
    std::vector<std::size_t> lines;
    std::vector<std::string> record;
    std::string cell;
    bool quoted = false;
    bool empty_line = true;
    std::size_t line = 1;
    std::size_t record_line = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n') ++line;
                cell += c;
            }
            continue;
        }
        if (c == '"') {
            quoted = true;
            empty_line = false;
        } else if (c == ',') {
            record.push_back(std::move(cell));
            cell.clear();
            empty_line = false;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            if (!empty_line || !cell.empty()) {
                record.push_back(std::move(cell));
                records.push_back(std::move(record));
                lines.push_back(record_line);
            }
            cell.clear();
            record.clear();
            empty_line = true;
            record_line = ++line;
        } else {
            cell += c;
            empty_line = false;
        }
    }
    if (quoted) design_problem(path + ":" + std::to_string(record_line), "unterminated quote");
    if (!empty_line || !cell.empty()) {
        record.push_back(std::move(cell));
        records.push_back(std::move(record));
        lines.push_back(record_line);
    }
    if (records.size() < 2)
        design_problem(path, "a design needs a header of dotted keys and at least one point");

    design_table design;
    design.keys = records.front();
    for (const auto& key : design.keys) check_sweepable(key, path + ":" + std::to_string(lines[0]));
    for (std::size_t r = 1; r < records.size(); ++r) {
        if (records[r].size() != design.keys.size())
            design_problem(path + ":" + std::to_string(lines[r]),
                           std::to_string(records[r].size()) + " cells, but the header has " +
                               std::to_string(design.keys.size()) + " keys");
        design.rows.push_back(records[r]);
        design.locations.push_back(path + ":" + std::to_string(lines[r]));
    }
    return design;
}

/// A real number as a TOML float that reads back to the same double.
std::string toml_real(double value) {
    char text[64];
    const auto end = std::to_chars(text, text + sizeof text, value).ptr;
    std::string cell(text, end);
    if (cell.find_first_of(".eEn") == std::string::npos) cell += ".0";  // "3" would be an integer
    return cell;
}

/// A design made from a specification (a TOML file) rather than listed point by point:
///     method = "latin_hypercube"        # or "sobol" (Saltelli's sample) or "grid"
///     points = 32                       # latin_hypercube: points; sobol: base rows n
///     seed = 1                          # latin_hypercube only (default 1)
///     [parameters]
///     "police.report_share" = [0.02, 0.12]          # a range (latin_hypercube, sobol)
///     "policy.filtering.mode" = ["none", "rules"]   # the values (grid)
/// The points, and the design recorded with the results, are those civicsim.sensitivity would
/// describe: SALib's problem and layout.
design_table read_design_spec(const std::string& path) {
    toml::table spec;
    try {
        spec = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        const auto& at = e.source().begin;
        design_problem(path + ":" + std::to_string(at.line) + ":" + std::to_string(at.column),
                       std::string(e.description()));
    }
    const auto where = [&](const toml::node& node) {
        const auto& at = node.source().begin;
        return path + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
    };
    for (const auto& [key, node] : spec)
        if (key != "method" && key != "points" && key != "seed" && key != "parameters")
            design_problem(where(node), "unknown key '" + std::string(key.str()) +
                                            "' (a design has method, points, seed and "
                                            "[parameters])");
    const auto* method_node = spec.get_as<std::string>("method");
    const std::string method = method_node != nullptr ? method_node->get() : "";
    if (method != "latin_hypercube" && method != "sobol" && method != "grid")
        design_problem(method_node != nullptr ? where(*method_node) : path,
                       "method must be \"latin_hypercube\", \"sobol\" or \"grid\"");
    const auto* parameters = spec.get_as<toml::table>("parameters");
    if (parameters == nullptr || parameters->empty())
        design_problem(path, "a [parameters] table with at least one dotted key is needed");
    const bool grid = method == "grid";
    for (const auto& key : {"points", "seed"}) {
        const auto* node = spec.get(key);
        if (node == nullptr) continue;
        const auto* integer = node->as_integer();
        if (grid || (std::string(key) == "seed" && method == "sobol"))
            design_problem(where(*node),
                           std::string(key) + " has no meaning for method \"" + method + "\"");
        if (integer == nullptr || integer->get() < (std::string(key) == "points" ? 2 : 0) ||
            integer->get() > 1'000'000)
            design_problem(where(*node), std::string(key) + " must be a whole number from " +
                                             (std::string(key) == "points" ? "2" : "0") +
                                             " to 1000000");
    }

    design_table design;
    std::vector<std::vector<std::string>> levels;  // grid: each parameter's values as TOML
    nlohmann::json names = nlohmann::json::array(), bounds = nlohmann::json::array();
    nlohmann::json grid_values = nlohmann::json::object();
    std::vector<std::pair<double, double>> ranges;
    for (const auto& [dotted, node] : *parameters) {
        const std::string key(dotted.str());
        check_sweepable(key, where(node));
        design.keys.push_back(key);
        const auto* values = node.as_array();
        if (values == nullptr || values->empty())
            design_problem(where(node), key + ": give " +
                                            (grid ? "its values, e.g. [0.02, 0.05, 0.08]"
                                                  : "its range, [low, high]"));
        if (grid) {
            auto& cells = levels.emplace_back();
            auto& listed = grid_values[key] = nlohmann::json::array();
            for (const auto& value : *values) {
                if (const auto* text = value.as_string()) {
                    std::ostringstream quoted;
                    quoted << *text;
                    cells.push_back(quoted.str());
                    listed.push_back(text->get());
                } else if (const auto* whole = value.as_integer()) {
                    cells.push_back(std::to_string(whole->get()));
                    listed.push_back(whole->get());
                } else if (const auto* real = value.as_floating_point()) {
                    cells.push_back(toml_real(real->get()));
                    listed.push_back(real->get());
                } else if (const auto* flag = value.as_boolean()) {
                    cells.push_back(flag->get() ? "true" : "false");
                    listed.push_back(flag->get());
                } else {
                    design_problem(where(value), key +
                                                     ": a grid's values are numbers, text or "
                                                     "true/false");
                }
            }
            continue;
        }
        const auto number = [](const toml::node& n) -> std::optional<double> {
            if (const auto* whole = n.as_integer()) return static_cast<double>(whole->get());
            if (const auto* real = n.as_floating_point()) return real->get();
            return std::nullopt;
        };
        const auto low = values->size() == 2 ? number(*values->get(0)) : std::nullopt;
        const auto high = values->size() == 2 ? number(*values->get(1)) : std::nullopt;
        if (!low || !high || !std::isfinite(*low) || !std::isfinite(*high) || !(*low < *high))
            design_problem(where(node), key +
                                            ": the range must be [low, high], two finite "
                                            "numbers with low < high");
        ranges.emplace_back(*low, *high);
        names.push_back(key);
        bounds.push_back({*low, *high});
    }

    const auto parameter_count = design.keys.size();
    if (grid) {
        std::vector<std::size_t> sizes;
        for (const auto& cells : levels) sizes.push_back(cells.size());
        for (const auto& point : sim::grid(sizes)) {
            auto& row = design.rows.emplace_back();
            for (std::size_t k = 0; k < parameter_count; ++k) row.push_back(levels[k][point[k]]);
        }
        design.method = {{"method", "grid"}, {"grid", grid_values}};
    } else {
        const auto* points_node = spec.get_as<std::int64_t>("points");
        if (points_node == nullptr)
            design_problem(path, "points is needed: the number of " +
                                     std::string(method == "sobol" ? "base rows n (n * (d + 2) "
                                                                     "points are run)"
                                                                   : "points"));
        const auto n = static_cast<std::size_t>(points_node->get());
        const nlohmann::json problem = {
            {"num_vars", parameter_count}, {"names", names}, {"bounds", bounds}};
        sim::unit_points unit;
        if (method == "sobol") {
            if (parameter_count > sim::saltelli_max_parameters())
                design_problem(path, "sobol takes at most " +
                                         std::to_string(sim::saltelli_max_parameters()) +
                                         " parameters");
            unit = sim::saltelli(n, parameter_count);
            design.method = {
                {"method", "saltelli"}, {"layout", "salib"}, {"n", n}, {"problem", problem}};
        } else {
            const auto* seed = spec.get_as<std::int64_t>("seed");
            const auto seed_value = seed != nullptr ? static_cast<std::uint64_t>(seed->get()) : 1;
            unit = sim::latin_hypercube(n, parameter_count, seed_value);
            design.method = {{"method", "latin_hypercube"},
                             {"n", n},
                             {"seed", seed_value},
                             {"problem", problem}};
        }
        for (const auto& point : unit) {
            auto& row = design.rows.emplace_back();
            for (std::size_t k = 0; k < parameter_count; ++k)
                row.push_back(
                    toml_real(ranges[k].first + point[k] * (ranges[k].second - ranges[k].first)));
        }
    }
    design.method["points"] = design.rows.size();
    for (std::size_t r = 0; r < design.rows.size(); ++r)
        design.locations.push_back(path + " (point " + std::to_string(r + 1) + ")");
    return design;
}

/// A cell as TOML, if it is a TOML value; a cell that is not (a bare word) is a string, as in
/// --set.
std::optional<toml::table> toml_cell(const std::string& cell) {
    try {
        auto parsed = toml::parse("value = " + cell);
        if (parsed.size() == 1 && parsed.contains("value")) return parsed;
    } catch (const toml::parse_error&) {
    }
    return std::nullopt;
}

/// A column's values for /runs, typed as a table read by pandas would be: whole numbers as
/// integers, numbers as reals, true/false as booleans, anything else as text (a TOML string
/// as its value, a list as its TOML text).
sim::run_column typed_column(const design_table& design, std::size_t k,
                             std::uint32_t replications) {
    using kind = sim::run_column::kind;
    std::vector<std::optional<toml::table>> values;
    bool integers = true, numbers = true, booleans = true;
    for (const auto& row : design.rows) {
        auto value = toml_cell(row[k]);
        const toml::node* node = value ? value->get("value") : nullptr;
        integers = integers && node != nullptr && node->is_integer();
        numbers = numbers && node != nullptr && (node->is_integer() || node->is_floating_point());
        booleans = booleans && node != nullptr && node->is_boolean();
        values.push_back(std::move(value));
    }
    sim::run_column column;
    column.name = design.keys[k];
    column.type =
        integers ? kind::integer : (numbers ? kind::real : (booleans ? kind::boolean : kind::text));
    for (std::size_t r = 0; r < design.rows.size(); ++r) {
        const toml::node* node = values[r] ? values[r]->get("value") : nullptr;
        for (std::uint32_t i = 0; i < replications; ++i) switch (column.type) {
                case kind::integer: column.integers.push_back(*node->value<std::int64_t>()); break;
                case kind::real: column.reals.push_back(*node->value<double>()); break;
                case kind::boolean: column.integers.push_back(*node->value<bool>() ? 1 : 0); break;
                case kind::text:
                    column.texts.push_back(node != nullptr && node->is_string()
                                               ? *node->value<std::string>()
                                               : design.rows[r][k]);
                    break;
            }
    }
    return column;
}

/// --shard i/N: the i-th of N shares of the runs (1 <= i <= N); run j belongs to share
/// j mod N + 1, so that every share gets points from the whole design.
struct shard_choice {
    std::uint32_t index = 1;
    std::uint32_t count = 1;
    bool holds(std::uint32_t run_id) const { return run_id % count + 1 == index; }
    std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};

shard_choice shard_option(const std::string& text, std::uint32_t runs) {
    const auto slash = text.find('/');
    shard_choice shard;
    const auto number = [&](std::string_view digits, std::uint32_t& value) {
        const auto [end, error] =
            std::from_chars(digits.data(), digits.data() + digits.size(), value);
        return error == std::errc() && end == digits.data() + digits.size() && !digits.empty();
    };
    const std::string_view all(text);
    if (slash == std::string::npos || !number(all.substr(0, slash), shard.index) ||
        !number(all.substr(slash + 1), shard.count) || shard.count == 0 || shard.index == 0 ||
        shard.index > shard.count)
        throw bad_input_error("--shard '" + text +
                              "' is not i/N with 1 <= i <= N (e.g. --shard 3/8 for the third of "
                              "eight shares). Nothing was run or written.");
    if (shard.count > runs)
        throw bad_input_error("--shard " + text + " gets no runs: the sweep has " +
                              std::to_string(runs) + " runs, so use at most " +
                              std::to_string(runs) + " shards. Nothing was run or written.");
    return shard;
}

/// What decides a sweep's values besides the build: the resolved base scenario (seed, days and
/// replications included) and the design's cells. Parts of one sweep share it.
std::string sweep_identity(const std::string& scenario_toml, const design_table& design) {
    std::string text = scenario_toml;
    // Unit and record separators cannot occur in a design's cells as read.
    for (const auto& key : design.keys) text += key + '\x1f';
    for (const auto& row : design.rows) {
        text += '\x1e';
        for (const auto& cell : row) text += cell + '\x1f';
    }
    return work_identity("sweep", text);
}

}  // namespace

int sweep_command(const invocation& call) {
    const process_group group;
    // The other processes of an mpirun launch run quietly; the first one speaks for all.
    std::ostringstream quiet;
    const std::unique_ptr<std::streambuf, void (*)(std::streambuf*)> restore_output(
        group.leader() ? nullptr : std::cout.rdbuf(quiet.rdbuf()),
        [](std::streambuf* original) { std::cout.rdbuf(original); });

    po::options_description options("options");
    add_scenario_options(options);
    options.add_options()("design", po::value<std::string>()->required(),
                          "the points: a CSV file (a header of dotted keys, one row per point), or "
                          "a TOML file making them (method = \"grid\", \"latin_hypercube\" or "
                          "\"sobol\"; see docs/scaling.md)")(
        "out", po::value<std::string>(),
        "results file (default results/<scenario name as a slug>-sweep.h5, or "
        "...-sweep-shard-i-of-N.h5 with --shard)")("force", po::bool_switch(),
                                                   "overwrite an existing results file")(
        "resume", po::bool_switch(),
        "finish an interrupted sweep: keep the runs finished in OUT.partial/ and run the rest")(
        "keep-every", po::value<std::string>(),
        "seconds between writes of finished runs to OUT.partial/ (default 2; 0 writes each run "
        "as it ends): a kill loses at most the runs of the last interval")(
        "shard", po::value<std::string>(),
        "i/N: run only the i-th of N shares of the runs (run j is in share j mod N + 1), for a "
        "job array; civicsim merge joins the shards");
    po::positional_options_description positional;
    positional.add("scenario", 1);
    po::variables_map vm;
    if (!parse(call,
               "civicsim sweep FILE --design design.csv [--set key=value]... [--seed N] "
               "[--replications R] [--days D] [--threads T] [--out PATH] [--force] [--resume] "
               "[--shard i/N] [--keep-every S] [--allow-large]",
               options, positional, vm))
        return ok;

    // Before the scenario: a flag is cheaper. Processes of one machine share its cores.
    const auto keep_every = std::chrono::seconds(
        vm.count("keep-every") != 0 ? count_option(vm, "keep-every", 0, 86400) : 2);
    const unsigned threads =
        vm.count("threads") != 0
            ? threads_option(vm)
            : std::max(1U, default_threads() / static_cast<unsigned>(group.on_this_machine()));
    const std::filesystem::path file = vm["scenario"].as<std::string>();
    const auto base = read_scenario(file, overrides_from(vm));
    const auto design_path = vm["design"].as<std::string>();
    const bool specified = std::filesystem::path(design_path).extension() == ".toml";
    const auto design = specified ? read_design_spec(design_path) : read_design(design_path);

    // Every point is checked, and every problem reported, before anything runs.
    std::vector<std::shared_ptr<const models::parameters>> points;
    std::vector<sim::scenario_problem> problems;
    for (std::size_t r = 0; r < design.rows.size(); ++r) {
        std::vector<std::pair<std::string, std::string>> overrides;
        for (std::size_t k = 0; k < design.keys.size(); ++k)
            overrides.emplace_back(design.keys[k], design.rows[r][k]);
        try {
            points.push_back(
                std::make_shared<const models::parameters>(sim::with_overrides(base, overrides)));
        } catch (const sim::scenario_error& e) {
            for (auto p : e.problems()) {
                p.location = design.locations[r];
                problems.push_back(std::move(p));
            }
        }
    }
    if (!problems.empty()) throw sim::scenario_error(std::move(problems));

    const auto& params = base.params;
    const auto jobs = sim::sweep_jobs(params, points);
    const auto runs = static_cast<std::uint32_t>(jobs.size());
    const bool sharded = vm.count("shard") > 0;
    const auto shard = sharded ? shard_option(vm["shard"].as<std::string>(), runs) : shard_choice{};
    const std::string suffix = sharded ? "-sweep-shard-" + std::to_string(shard.index) + "-of-" +
                                             std::to_string(shard.count) + ".h5"
                                       : "-sweep.h5";
    const std::filesystem::path out = vm.count("out")
                                          ? std::filesystem::path(vm["out"].as<std::string>())
                                          : sim::default_output(params.scenario.name, suffix);

    // The description every part of the sweep carries, and every run's /runs values.
    resumable_work work;
    work.command = "sweep";
    work.noun = "sweep";
    work.other_inputs = "the design, ";
    work.out = out;
    work.header = sim::describe_baseline(params);
    // Listed points are recorded as Python's json.dumps writes them, for the same file.
    work.header.design =
        design.method.is_null()
            ? "{\"method\": \"points\", \"points\": " + std::to_string(points.size()) + "}"
            : design.method.dump();
    work.header.sweep_id = sweep_identity(work.header.scenario_toml, design);
    work.header.sweep_runs = runs;
    work.header.command_line = call.command_line;
    for (std::size_t k = 0; k < design.keys.size(); ++k)
        work.columns.push_back(typed_column(design, k, params.scenario.replications));
    work.jobs = jobs;
    work.keep_every = keep_every;
    work.group = &group;
    if (sharded) {
        work.shard = shard.text();
        work.selected = [shard](std::uint32_t id) { return shard.holds(id); };
    }
    kept_runs kept(std::move(work), vm["resume"].as<bool>());
    const bool replace = vm["force"].as<bool>() || kept.replaces_out();

    check_work(vm, params, kept.selected(), threads);
    // Before the work, so that a sweep is never wasted.
    check_outputs({{file, "scenario file"}, {design_path, "design file"}}, {{out, "results file"}},
                  replace, "Nothing was run or written.");
    kept.read_finished();

    const auto residents = models::total_population(params);
    std::cout << "civicsim sweep: " << params.scenario.name << ", " << points.size() << " points x "
              << params.scenario.replications << " replication(s) x " << params.scenario.days
              << " days, " << residents << " residents in " << params.neighbourhoods.size()
              << " neighbourhoods, seed " << params.scenario.seed << ", " << threads
              << " thread(s)";
    if (group.size() > 1) std::cout << " in each of " << group.size() << " processes";
    if (sharded) std::cout << "; shard " << shard.text() << ": " << kept.selected() << " runs";
    std::cout << '\n';
    kept.print_resume(std::cout);
    std::cout << std::flush;

    auto results = kept.run_rest(threads, residents * params.scenario.days, call.command_line,
                                 replace, sharded);
    // Every process ends with the first one's exit code; only the first writes.
    if (!group.leader()) return group.leaders(ok);
    if (!results) return group.leaders(interrupted);
    kept.write_whole(*results, replace);

    std::cout << "\nwrote " << out.string() << " (";
    if (results->partial())
        std::cout << "shard " << shard.text() << ": " << results->runs.size() << " of the " << runs
                  << " runs; civicsim merge joins the shards";
    else
        std::cout << results->runs.size() << " runs: " << points.size() << " points x "
                  << params.scenario.replications << " replication(s)";
    std::cout << "; swept";
    for (const auto& key : design.keys) std::cout << ' ' << key;
    std::cout << ")\n";
    if (group.size() > 1) {
        std::cout << "runs per process:";
        const auto& handed = kept.runs_per_process();
        for (std::size_t p = 0; p < handed.size(); ++p)
            std::cout << (p == 0 ? " " : ", ") << handed[p];
        std::cout << '\n';
    }
    return group.leaders(ok);
}

}  // namespace civicsim::cli

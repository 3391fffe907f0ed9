// civicsim sweep FILE --design design.csv: the scenario at every point of a design, all runs of
// all points scheduled together, and one results file with the swept parameters as /runs
// columns: the file civicsim.sweep writes from Python for the same points.
//
// Every run is also written, as soon as it ends, to a file of its own in a folder beside the
// results file (OUT.partial/run-<id>.h5, each written whole under a temporary name and renamed,
// as every results file is). HDF5 keeps its metadata in memory and updates it in place, so a
// results file that is being written when the process is killed can be left unreadable;
// finished files renamed into place cannot. So a kill -9 loses only the runs in progress, and
// --resume reads the folder and runs the rest. Ctrl-C or SIGTERM also leaves the results file
// itself with the finished runs, marked incomplete. --shard i/N runs every N-th run, for job
// arrays; civicsim merge joins the shards.

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "sim/cli/commands.hpp"
#include "sim/engine/experiment.hpp"
#include "sim/results/hdf5_reader.hpp"
#include "sim/results/hdf5_writer.hpp"
#include "sim/results/output_name.hpp"
#include "sim/results/sweep_parts.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/version.hpp"

namespace civicsim::cli {

namespace {

/// A design: the dotted keys of its header and one row of cells per point, with the line each
/// row starts on (for messages).
struct design_table {
    std::vector<std::string> keys;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> lines;
};

[[noreturn]] void design_problem(const std::string& location, const std::string& message) {
    throw sim::scenario_error({{location, "", "", message}});
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
    for (const auto& key : design.keys) {
        if (key.empty()) design_problem(path + ":" + std::to_string(lines[0]), "empty key");
        if (key == "scenario.days" || key == "scenario.replications")
            design_problem(path + ":" + std::to_string(lines[0]),
                           key +
                               " cannot be swept (every run of a sweep has the same days; use "
                               "--days and --replications)");
    }
    for (std::size_t r = 1; r < records.size(); ++r) {
        if (records[r].size() != design.keys.size())
            design_problem(path + ":" + std::to_string(lines[r]),
                           std::to_string(records[r].size()) + " cells, but the header has " +
                               std::to_string(design.keys.size()) + " keys");
        design.rows.push_back(records[r]);
        design.lines.push_back(lines[r]);
    }
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

/// What decides a sweep's values: the build, the resolved base scenario (seed, days and
/// replications included) and the design's cells. Parts of one sweep share it.
std::string sweep_identity(const std::string& scenario_toml, const design_table& design) {
    std::string text = "civicsim sweep\n";
    text += civicsim::version;
    text += ' ';
    text += civicsim::git_commit;
    text += "\nformat " + std::to_string(sim::results_format_version) + "\n" + scenario_toml;
    // Unit and record separators cannot occur in a design's cells as read.
    for (const auto& key : design.keys) text += key + '\x1f';
    for (const auto& row : design.rows) {
        text += '\x1e';
        for (const auto& cell : row) text += cell + '\x1f';
    }
    return sim::fingerprint(text);
}

bool is_run_file(const std::filesystem::path& path) {
    const auto name = path.filename().string();
    return name.starts_with("run-") && name.ends_with(".h5") && name.size() > 7 &&
           std::all_of(name.begin() + 4, name.end() - 3,
                       [](char c) { return c >= '0' && c <= '9'; });
}

std::filesystem::path run_file(const std::filesystem::path& folder, std::uint32_t run_id) {
    return folder / ("run-" + std::to_string(run_id) + ".h5");
}

/// The finished runs in an interrupted sweep's folder, each checked to belong to this sweep and
/// to this shard.
std::vector<sim::sweep_part> finished_runs(const std::filesystem::path& folder,
                                           const std::string& sweep_id, const shard_choice& shard,
                                           const std::string& how_to_start_again) {
    std::vector<sim::sweep_part> parts;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.is_regular_file() && is_run_file(entry.path())) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
        sim::results_set part;
        try {
            part = sim::read_sweep_part(path);
        } catch (const sim::results_read_error& e) {
            throw bad_input_error(std::string(e.what()) + "; " + how_to_start_again);
        }
        if (part.sweep_id != sweep_id)
            throw bad_input_error(path.string() +
                                  " holds a run of another sweep (the scenario, the design, "
                                  "--set, --seed, --days, --replications or the civicsim build "
                                  "differ from this command's); " +
                                  how_to_start_again);
        for (const auto& run : part.runs)
            if (!shard.holds(run.run_id))
                throw bad_input_error(path.string() + " holds run " + std::to_string(run.run_id) +
                                      ", which is not in shard " + shard.text() + "; " +
                                      how_to_start_again);
        parts.push_back({path.string(), std::move(part)});
    }
    return parts;
}

}  // namespace

int sweep_command(const invocation& call) {
    po::options_description options("options");
    add_scenario_options(options);
    options.add_options()("design", po::value<std::string>()->required(),
                          "the points: a CSV file, a header of dotted keys and one row per point")(
        "out", po::value<std::string>(),
        "results file (default results/<scenario name as a slug>-sweep.h5, or "
        "...-sweep-shard-i-of-N.h5 with --shard)")("force", po::bool_switch(),
                                                   "overwrite an existing results file")(
        "resume", po::bool_switch(),
        "finish an interrupted sweep: keep the runs finished in OUT.partial/ and run the rest")(
        "shard", po::value<std::string>(),
        "i/N: run only the i-th of N shares of the runs (run j is in share j mod N + 1), for a "
        "job array; civicsim merge joins the shards");
    po::positional_options_description positional;
    positional.add("scenario", 1);
    po::variables_map vm;
    if (!parse(call,
               "civicsim sweep FILE --design design.csv [--set key=value]... [--seed N] "
               "[--replications R] [--days D] [--threads T] [--out PATH] [--force] [--resume] "
               "[--shard i/N] [--allow-large]",
               options, positional, vm))
        return ok;

    const unsigned threads = threads_option(vm);  // before the scenario: a flag is cheaper
    const std::filesystem::path file = vm["scenario"].as<std::string>();
    const auto base = read_scenario(file, overrides_from(vm));
    const auto design_path = vm["design"].as<std::string>();
    const auto design = read_design(design_path);

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
                p.location = design_path + ":" + std::to_string(design.lines[r]);
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
    const bool resume = vm["resume"].as<bool>();
    std::filesystem::path folder = out;
    folder += ".partial";

    // The description every part of the sweep carries, and every run's /runs values.
    auto header = sim::describe_baseline(params);
    header.design = "{\"method\": \"points\", \"points\": " + std::to_string(points.size()) + "}";
    header.sweep_id = sweep_identity(header.scenario_toml, design);
    header.sweep_runs = runs;
    header.command_line = call.command_line;
    std::vector<sim::run_column> columns;
    for (std::size_t k = 0; k < design.keys.size(); ++k)
        columns.push_back(typed_column(design, k, params.scenario.replications));

    std::error_code error;
    const auto folder_status = std::filesystem::symlink_status(folder, error);
    const bool has_folder = std::filesystem::exists(folder_status);
    const std::string start_again = "remove " + folder.string() + " to start the sweep again.";
    if (has_folder && !std::filesystem::is_directory(folder_status))
        throw bad_input_error(folder.string() +
                              " is in the way: civicsim sweep keeps finished runs in a folder of "
                              "that name. Nothing was run or written.");
    // A folder without finished runs (killed before the first ended) has nothing to keep.
    bool has_runs = false;
    if (has_folder)
        for (const auto& entry : std::filesystem::directory_iterator(folder))
            has_runs = has_runs || is_run_file(entry.path());
    if (has_runs && !resume)
        throw bad_input_error("the runs an interrupted sweep finished are in " + folder.string() +
                              ": add --resume to keep them and run the rest, or " + start_again +
                              " Nothing was run or written.");
    // --resume may replace what an interruption left under OUT: part of this very sweep.
    bool replace = vm["force"].as<bool>();
    if (resume && !replace && std::filesystem::is_regular_file(out, error)) {
        try {
            sim::probe_results_file(out, 120, true);  // a crash inside libhdf5 ends a child
            const auto earlier = sim::read_sweep_part(out);
            replace = earlier.partial() && earlier.sweep_id == header.sweep_id &&
                      earlier.shard == (sharded ? shard.text() : "");
        } catch (const sim::results_read_error&) {
        }
    }

    std::uint64_t selected = 0;
    for (std::uint32_t id = 0; id < runs; ++id) selected += shard.holds(id) ? 1 : 0;
    check_work(vm, params, selected, threads);
    // Before the work, so that a sweep is never wasted.
    check_outputs({{file, "scenario file"}, {design_path, "design file"}}, {{out, "results file"}},
                  replace, "Nothing was run or written.");

    auto parts = has_folder ? finished_runs(folder, header.sweep_id, shard, start_again)
                            : std::vector<sim::sweep_part>{};
    std::vector<bool> done(runs, false);
    std::size_t finished = 0;
    for (const auto& part : parts)
        for (const auto& run : part.results.runs) {
            finished += done[run.run_id] ? 0 : 1;
            done[run.run_id] = true;
        }
    std::vector<sim::run_job> remaining;
    for (std::uint32_t id = 0; id < runs; ++id)
        if (shard.holds(id) && !done[id]) remaining.push_back(jobs[id]);

    const auto residents = models::total_population(params);
    std::cout << "civicsim sweep: " << params.scenario.name << ", " << points.size() << " points x "
              << params.scenario.replications << " replication(s) x " << params.scenario.days
              << " days, " << residents << " residents in " << params.neighbourhoods.size()
              << " neighbourhoods, seed " << params.scenario.seed << ", " << threads
              << " thread(s)";
    if (sharded) std::cout << "; shard " << shard.text() << ": " << selected << " runs";
    std::cout << '\n';
    if (resume)
        std::cout << (has_folder
                          ? "resuming: " + std::to_string(finished) + " of " +
                                std::to_string(selected) + " runs were finished in " +
                                folder.string()
                          : "nothing to resume (no " + folder.string() + "): running every run")
                  << '\n';
    std::cout << std::flush;

    std::filesystem::create_directories(folder);
    std::mutex journal;  // HDF5 (Debian's build) is not thread-safe: one run file at a time
    const auto keep_run = [&](std::size_t, const sim::run_result& run) {
        const std::lock_guard lock(journal);
        sim::write_results(run_file(folder, run.run_id), sim::sweep_part_of(header, columns, {run}),
                           true);
    };
    std::vector<sim::run_result> fresh;
    bool stopped = false;
    try {
        run_with_progress(static_cast<std::uint32_t>(remaining.size()),
                          residents * params.scenario.days, [&](const sim::run_control& control) {
                              fresh = sim::run_batch(remaining, threads, control, {}, keep_run);
                              return sim::results_set{};
                          });
    } catch (const sim::interrupted&) {
        stopped = true;
    }
    if (stopped) {
        // Every finished run is in the folder; the results file gets them too, marked incomplete.
        auto kept = finished_runs(folder, header.sweep_id, shard, start_again);
        std::size_t runs_kept = 0;
        for (const auto& part : kept) runs_kept += part.results.runs.size();
        if (runs_kept < selected) {
            std::cerr << "\ncivicsim sweep: interrupted; ";
            if (kept.empty()) {
                std::filesystem::remove(folder, error);  // empty: nothing was finished
                std::cerr << "no run had finished, so nothing was written.\n";
                return interrupted;
            }
            auto partial = sim::join_sweep_parts(std::move(kept), true);
            partial.shard = sharded ? shard.text() : "";
            partial.command_line = call.command_line;
            sim::write_results(out, partial, replace);
            std::cerr << partial.runs.size() << " of " << selected << " runs finished. They are in "
                      << out.string() << " (marked incomplete) and " << folder.string()
                      << "; the same command with --resume runs the rest.\n";
            return interrupted;
        }
        parts = std::move(kept);  // the signal came as the last run ended: finish the file
    }

    if (!fresh.empty())
        parts.push_back({"this run", sim::sweep_part_of(header, columns, std::move(fresh))});
    auto results = sim::join_sweep_parts(std::move(parts), sharded);
    results.shard = sharded ? shard.text() : "";
    if (!results.partial()) results.sweep_id.clear();  // a whole sweep's file, as ever
    results.command_line = call.command_line;
    sim::write_results(out, results, replace);
    std::filesystem::remove_all(folder, error);  // everything it held is in the results file

    std::cout << "\nwrote " << out.string() << " (";
    if (results.partial())
        std::cout << "shard " << shard.text() << ": " << results.runs.size() << " of the " << runs
                  << " runs; civicsim merge joins the shards";
    else
        std::cout << results.runs.size() << " runs: " << points.size() << " points x "
                  << params.scenario.replications << " replication(s)";
    std::cout << "; swept";
    for (const auto& key : design.keys) std::cout << ' ' << key;
    std::cout << ")\n";
    return ok;
}

}  // namespace civicsim::cli

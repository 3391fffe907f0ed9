#include "sim/results/sweep_parts.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <utility>

namespace civicsim::sim {

namespace {

void append_value(run_column& to, const run_column& from, std::size_t row) {
    switch (from.type) {
        case run_column::kind::real: to.reals.push_back(from.reals[row]); break;
        case run_column::kind::text: to.texts.push_back(from.texts[row]); break;
        case run_column::kind::integer:
        case run_column::kind::boolean: to.integers.push_back(from.integers[row]); break;
    }
}

run_column empty_like(const run_column& column) {
    run_column empty;
    empty.name = column.name;
    empty.type = column.type;
    return empty;
}

/// "3, 4, 7 and 2 more": the first few of a list of run ids, for a message.
std::string some_ids(const std::vector<std::uint32_t>& ids) {
    constexpr std::size_t shown = 8;
    std::string text;
    for (std::size_t i = 0; i < std::min(ids.size(), shown); ++i)
        text += (i ? ", " : "") + std::to_string(ids[i]);
    if (ids.size() > shown) text += " and " + std::to_string(ids.size() - shown) + " more";
    return text;
}

}  // namespace

std::string fingerprint(const std::string& text) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a, 64 bits
    for (const unsigned char c : text) {
        hash ^= c;
        hash *= 0x100000001b3ULL;
    }
    char digits[17];
    std::snprintf(digits, sizeof digits, "%016llx", static_cast<unsigned long long>(hash));
    return digits;
}

results_set sweep_part_of(const results_set& header, const std::vector<run_column>& columns,
                          std::vector<run_result> runs) {
    results_set part = header;
    part.runs.clear();
    part.run_columns.clear();
    for (const auto& column : columns) {
        auto values = empty_like(column);
        for (const auto& run : runs) append_value(values, column, run.run_id);
        part.run_columns.push_back(std::move(values));
    }
    part.runs = std::move(runs);
    return part;
}

results_set join_sweep_parts(std::vector<sweep_part> parts, bool allow_missing) {
    if (parts.empty()) throw join_error("no parts to join");
    const auto& first = parts.front();
    const auto sweep_runs = first.results.sweep_runs;
    if (first.results.sweep_id.empty() || sweep_runs == 0)
        throw join_error(first.name +
                         " is not part of a sweep (a whole results file, or one written before "
                         "sweeps could be split); only shards and interrupted sweeps are joined");
    for (const auto& part : parts) {
        const auto& r = part.results;
        if (r.sweep_id != first.results.sweep_id || r.sweep_runs != sweep_runs)
            throw join_error(part.name + " is part of another sweep than " + first.name +
                             " (sweep " + (r.sweep_id.empty() ? "none" : r.sweep_id) + " of " +
                             std::to_string(r.sweep_runs) + " runs, not " + first.results.sweep_id +
                             " of " + std::to_string(sweep_runs) +
                             "): the scenario, the design, the options or the civicsim build "
                             "differ");
        bool same_columns = r.run_columns.size() == first.results.run_columns.size();
        for (std::size_t k = 0; same_columns && k < r.run_columns.size(); ++k)
            same_columns = r.run_columns[k].name == first.results.run_columns[k].name &&
                           r.run_columns[k].type == first.results.run_columns[k].type;
        if (!same_columns || r.scenario_toml != first.results.scenario_toml ||
            r.design != first.results.design)
            throw join_error(part.name + " and " + first.name +
                             " have the same sweep id but different scenarios or /runs columns "
                             "(is one of them damaged?)");
    }

    // Where each run is: its part and row, found once; a run found twice is an error.
    constexpr auto nowhere = std::numeric_limits<std::size_t>::max();
    std::vector<std::pair<std::size_t, std::size_t>> where(sweep_runs, {nowhere, 0});
    for (std::size_t p = 0; p < parts.size(); ++p)
        for (std::size_t row = 0; row < parts[p].results.runs.size(); ++row) {
            const auto id = parts[p].results.runs[row].run_id;
            if (id >= sweep_runs)
                throw join_error(parts[p].name + " has run " + std::to_string(id) +
                                 " of a sweep of " + std::to_string(sweep_runs) + " runs");
            if (where[id].first != nowhere)
                throw join_error("run " + std::to_string(id) + " is in both " +
                                 parts[where[id].first].name + " and " + parts[p].name +
                                 "; each run must come from one part (were shards of different "
                                 "--shard counts mixed, or a shard given twice?)");
            where[id] = {p, row};
        }
    std::vector<std::uint32_t> missing;
    for (std::uint32_t id = 0; id < sweep_runs; ++id)
        if (where[id].first == nowhere) missing.push_back(id);
    if (!missing.empty() && !allow_missing)
        throw join_error(std::to_string(missing.size()) + " of the sweep's " +
                         std::to_string(sweep_runs) + " runs are in none of the parts (run " +
                         some_ids(missing) + "); give every shard, or finish them first");

    results_set whole = first.results;
    whole.runs.clear();
    whole.shard.clear();
    for (auto& column : whole.run_columns) column = empty_like(column);
    for (std::uint32_t id = 0; id < sweep_runs; ++id) {
        const auto [p, row] = where[id];
        if (p == nowhere) continue;
        for (std::size_t k = 0; k < whole.run_columns.size(); ++k)
            append_value(whole.run_columns[k], parts[p].results.run_columns[k], row);
        whole.runs.push_back(std::move(parts[p].results.runs[row]));
    }
    return whole;
}

}  // namespace civicsim::sim

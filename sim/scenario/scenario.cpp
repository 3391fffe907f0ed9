#include "sim/scenario/scenario.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <tuple>

#include <toml++/toml.h>

#include "sim/scenario/document.hpp"
#include "sim/scenario/reader.hpp"
#include "sim/scenario/text.hpp"

namespace civicsim::sim {

namespace {

std::string all_problems(const std::vector<scenario_problem>& problems) {
    std::string text;
    for (const auto& problem : problems) {
        if (!text.empty()) text += '\n';
        text += problem.to_string();
    }
    return text;
}

/// Problems in file order (line, column), then --set overrides in order, then the rest.
void sort_problems(std::vector<scenario_problem>& problems, std::string_view source) {
    const auto rank = [source](const scenario_problem& p) {
        const auto number_after = [&p](std::size_t start, std::size_t& end) {
            std::size_t n = 0;
            const auto* first = p.location.data() + start;
            const auto [ptr, ec] = std::from_chars(first, p.location.data() + p.location.size(), n);
            end = static_cast<std::size_t>(ptr - p.location.data());
            return ec == std::errc{} ? n : 0;
        };
        std::size_t end = 0;
        const std::string prefix = std::string(source) + ":";
        if (p.location.starts_with(prefix)) {
            const std::size_t line = number_after(prefix.size(), end);
            const std::size_t column = end < p.location.size() ? number_after(end + 1, end) : 0;
            return std::tuple{0, line, column};
        }
        if (p.location.starts_with("--set #"))
            return std::tuple{1, number_after(7, end), std::size_t{0}};
        return std::tuple{2, std::size_t{0}, std::size_t{0}};
    };
    std::stable_sort(problems.begin(), problems.end(),
                     [&rank](const auto& a, const auto& b) { return rank(a) < rank(b); });
}

void apply_set_overrides(detail::document& doc, const std::vector<std::string>& set_overrides,
                         detail::problem_list& problems) {
    for (std::size_t i = 0; i < set_overrides.size(); ++i) {
        const std::string location = "--set #" + std::to_string(i + 1);
        const std::string& text = set_overrides[i];
        const auto equals = text.find('=');
        if (equals == std::string::npos) {
            problems.push_back(
                {location, text, "", "expected key=value, e.g. --set police.report_share=0.08"});
            continue;
        }
        const auto key = detail::trim(std::string_view(text).substr(0, equals));
        const auto value_text = detail::trim(std::string_view(text).substr(equals + 1));
        const auto value = detail::parse_value(value_text);
        detail::assign(doc, key, *value.get("value"), std::string(value_text), location, problems);
    }
}

/// Rollout phases that start after the scenario's last day never apply. Allowed, not refused:
/// a case with late phases is run shortened with --set scenario.days=... on purpose.
std::vector<scenario_problem> late_phases(const detail::document& doc,
                                          const models::parameters& params) {
    const auto& fields = schema::table().fields;
    const auto& sections = schema::table().sections;
    std::vector<scenario_problem> warnings;
    for (std::size_t fi = 0; fi < fields.size(); ++fi) {
        if (sections[fields[fi].section].path != "rollout.phase" || fields[fi].key != "start_day")
            continue;
        for (std::size_t e = 0; e < params.rollout.phases.size(); ++e) {
            const auto& phase = params.rollout.phases[e];
            if (phase.start_day < params.scenario.days) continue;
            const auto given = doc.values.find({fi, e});
            const auto location = given != doc.values.end() ? given->second.location
                                                            : doc.tables[fields[fi].section][e];
            warnings.push_back(
                {location, schema::key_of(fields[fi], e), std::to_string(phase.start_day),
                 "rollout phase '" + phase.name + "' starts on day " +
                     std::to_string(phase.start_day) + ", after the scenario's last day (day " +
                     std::to_string(params.scenario.days - 1) +
                     " of scenario.days = " + std::to_string(params.scenario.days) +
                     ", counted from 0), so it never applies"});
        }
    }
    return warnings;
}

/// Keys every strategy shares with the baseline: the comparison pairs replication r of each
/// strategy with the baseline's, and the results file has one days axis.
constexpr std::array<std::string_view, 3> fixed_for_strategies{"scenario.seed", "scenario.days",
                                                               "scenario.replications"};

/// Applies each strategy's overrides to a copy of the scenario and reports what breaks, at the
/// strategy's lines. Checks that need the whole scenario run only when the scenario itself is
/// sound; otherwise every strategy would repeat its problems. A strategy that moves a rollout
/// phase past the last day is warned about, as the baseline would be (`warnings` holds the
/// baseline's, which are not repeated for each strategy).
void check_strategies(const detail::document& doc,
                      const std::vector<detail::strategy_entry>& strategies, bool scenario_sound,
                      detail::problem_list& problems, std::vector<scenario_problem>& warnings) {
    const auto baseline_warnings = warnings.size();
    const auto warned_in_baseline = [&](const std::string& key) {
        return std::any_of(warnings.begin(), warnings.begin() + baseline_warnings,
                           [&](const scenario_problem& w) { return w.key == key; });
    };
    for (const auto& entry : strategies) {
        detail::document copy = doc;
        detail::problem_list found;
        for (std::size_t i = 0; i < entry.value.overrides.size(); ++i) {
            const auto& [key, value_text] = entry.value.overrides[i];
            if (key.starts_with("uncertain.")) {
                found.push_back({entry.override_locations[i], key, detail::excerpt(value_text),
                                 "a strategy cannot change the [[uncertain]] tables: every "
                                 "strategy is compared at the same draws of the same uncertain "
                                 "parameters (set them in the scenario or with --set)"});
                continue;
            }
            if (std::find(fixed_for_strategies.begin(), fixed_for_strategies.end(), key) !=
                fixed_for_strategies.end()) {
                found.push_back(
                    {entry.override_locations[i], key, detail::excerpt(value_text),
                     "a strategy cannot change " + key +
                         ": every strategy runs the baseline's days, seed and "
                         "replications, so that replication r of each shares its "
                         "random numbers (set it in [scenario] or on the command line)"});
                continue;
            }
            const auto value = detail::parse_value(value_text);
            detail::assign(copy, key, *value.get("value"), value_text, entry.override_locations[i],
                           found);
        }
        // Overrides that could not be applied are reported; the others are still checked.
        if (scenario_sound) {
            const auto built = detail::build(copy, found);
            if (built && found.empty()) {
                for (auto& warning : late_phases(copy, *built)) {
                    if (warned_in_baseline(warning.key)) continue;
                    warning.message += " (in strategy " + detail::quote(entry.value.name) + ")";
                    warnings.push_back(std::move(warning));
                }
            }
        }
        for (auto& problem : found) {
            problem.message += " (in strategy " + detail::quote(entry.value.name) + ")";
            problems.push_back(std::move(problem));
        }
    }
}

/// Where the file (or --set) gave key `key` of [[uncertain]] table `e`, or the table itself.
std::string uncertain_location(const detail::document& doc, std::size_t e, std::string_view key) {
    const auto& t = schema::table();
    for (std::size_t fi = 0; fi < t.fields.size(); ++fi) {
        if (t.sections[t.fields[fi].section].path != "uncertain" || t.fields[fi].key != key)
            continue;
        if (const auto it = doc.values.find({fi, e}); it != doc.values.end())
            return it->second.location;
        return doc.tables[t.fields[fi].section][e];
    }
    return doc.start_location;
}

/// Checks every [[uncertain]] table against the schema (the key names a float of the model,
/// once; its range lies inside what the key allows) and gives each table without a range its
/// key's plausible range.
void check_uncertain(const detail::document& doc, models::parameters& params,
                     detail::problem_list& problems) {
    const auto& t = schema::table();
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> seen;  // key -> first table
    for (std::size_t e = 0; e < params.uncertain.size(); ++e) {
        auto& entry = params.uncertain[e];
        const std::string key_key = "uncertain." + std::to_string(e) + ".key";
        const std::string range_key = "uncertain." + std::to_string(e) + ".range";
        const auto at_key = uncertain_location(doc, e, "key");
        const auto fail = [&](const std::string& message) {
            problems.push_back({at_key, key_key, detail::quote(entry.key), message});
        };
        const auto target = detail::resolve(doc, entry.key);
        if (const auto* message = std::get_if<std::string>(&target)) {
            fail("names no key of the scenario: " + *message);
            continue;
        }
        const auto named = std::get<std::pair<std::size_t, std::size_t>>(target);
        const auto& f = t.fields[named.first];
        const auto& section = t.sections[f.section].path;
        if (section == "scenario" || section == "report" || section == "uncertain") {
            fail("cannot be uncertain: [" + section +
                 "] describes the run and the report, not the town; choose a parameter of the "
                 "model (a float of docs/scenario-reference.md)");
            continue;
        }
        if (f.kind != schema::value_kind::floating) {
            fail("holds " + schema::kind_phrase(f.kind) +
                 "; only a key that holds a single number (a float of "
                 "docs/scenario-reference.md) can be uncertain");
            continue;
        }
        if (const auto [earlier, first] = seen.try_emplace(named, e); !first) {
            fail("is declared uncertain twice (also by [[uncertain]] number " +
                 std::to_string(earlier->second) + "); declare each key once");
            continue;
        }
        if (std::isnan(entry.low)) {
            const auto plausible = schema::plausible_of(f, 0);
            if (!plausible) {
                fail("has no plausible range in docs/scenario-reference.md (its value is " +
                     std::string(f.role == schema::key_role::model ? "sourced"
                                                                   : "a case input or convention") +
                     "); give range = [low, high]");
                continue;
            }
            entry.low = plausible->low;
            entry.high = plausible->high;
        }
        for (const double end : {entry.low, entry.high}) {
            if (const auto problem = schema::check_value(f, end); !problem.empty()) {
                problems.push_back({uncertain_location(doc, e, "range"), range_key,
                                    "[" + detail::format_number(entry.low) + ", " +
                                        detail::format_number(entry.high) + "]",
                                    "goes outside what " + entry.key + " allows: it " + problem});
                break;
            }
        }
    }
}

}  // namespace

std::string scenario_problem::to_string() const {
    // Key and value shortened: a 5 MB value is not echoed whole.
    std::string text = location + ": ";
    if (!key.empty())
        text += detail::excerpt(key) + (value.empty() ? "" : " = " + detail::excerpt(value)) + ": ";
    return text + message;
}

scenario_error::scenario_error(std::vector<scenario_problem> problems)
    : std::runtime_error(all_problems(problems)), problems_(std::move(problems)) {}

scenario load_scenario(const std::filesystem::path& file,
                       const std::vector<std::string>& set_overrides) {
    const auto fail = [&file](std::string message) {
        return scenario_error({{file.string(), "", "", std::move(message)}});
    };
    // Examined before it is opened: opening a FIFO waits for a writer, and /dev/zero never ends.
    std::error_code error;
    const auto status = std::filesystem::status(file, error);
    if (!std::filesystem::exists(status)) {
        throw fail("no such file; give the path of a scenario .toml file");
    }
    if (std::filesystem::is_directory(status)) {
        throw fail("is a directory; give the path of a scenario .toml file");
    }
    if (!std::filesystem::is_regular_file(status)) {
        throw fail(
            "is not a regular file (a device, FIFO or socket); give the path of a scenario "
            ".toml file");
    }
    const auto size = std::filesystem::file_size(file, error);
    if (!error && size > max_scenario_bytes) {
        throw fail("is " + std::to_string(size) + " bytes; a scenario file may have at most " +
                   std::to_string(max_scenario_bytes) + " bytes");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) throw fail("cannot be opened for reading (check its permissions)");
    // Read with the limit too: a file can grow while it is read, and some report no size.
    std::string text;
    std::array<char, 65536> chunk{};
    while (in && text.size() <= max_scenario_bytes) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) throw fail("could not be read to the end");
    if (text.size() > max_scenario_bytes) {
        throw fail("has more than " + std::to_string(max_scenario_bytes) +
                   " bytes; a scenario file may have at most that many");
    }
    return parse_scenario(text, file.string(), set_overrides);
}

scenario parse_scenario(std::string_view toml_text, std::string_view source_name,
                        const std::vector<std::string>& set_overrides) {
    toml::table root;
    try {
        root = toml::parse(toml_text, std::string(source_name));
    } catch (const toml::parse_error& e) {
        // toml++ stops at the first syntax error; nothing else can be checked without a tree.
        throw scenario_error({{detail::location_of(source_name, e.source().begin), "", "",
                               "TOML syntax error: " + std::string(e.description())}});
    }
    detail::problem_list problems;
    auto [doc, strategies, strategy_problems] =
        detail::read_document(root, source_name, toml_text, problems);
    apply_set_overrides(doc, set_overrides, problems);
    auto params = detail::build(doc, problems);
    if (params) check_uncertain(doc, *params, problems);
    const bool sound = problems.empty();
    std::vector<scenario_problem> warnings;
    if (sound) warnings = late_phases(doc, *params);
    check_strategies(doc, strategies, sound, problems, warnings);
    problems.insert(problems.end(), strategy_problems.begin(), strategy_problems.end());
    if (!problems.empty()) {
        sort_problems(problems, source_name);
        throw scenario_error(std::move(problems));
    }
    scenario result{std::string(source_name), std::move(*params), {}, std::move(warnings)};
    for (auto& entry : strategies) result.strategies.push_back(std::move(entry.value));
    return result;
}

namespace {

/// The scenario's document with `overrides` assigned (located as "override #i"), and its
/// parameters; throws scenario_error with every problem.
std::pair<detail::document, models::parameters> overridden(
    const scenario& base, const std::vector<std::pair<std::string, std::string>>& overrides) {
    detail::document doc = detail::document_of(base.params, base.source);
    detail::problem_list problems;
    for (std::size_t i = 0; i < overrides.size(); ++i) {
        const auto& [key, value_text] = overrides[i];
        const auto value = detail::parse_value(value_text);
        detail::assign(doc, key, *value.get("value"), value_text,
                       "override #" + std::to_string(i + 1), problems);
    }
    auto params = detail::build(doc, problems);
    if (!problems.empty()) throw scenario_error(std::move(problems));
    return {std::move(doc), std::move(*params)};
}

}  // namespace

models::parameters with_overrides(
    const scenario& base, const std::vector<std::pair<std::string, std::string>>& overrides) {
    return overridden(base, overrides).second;
}

scenario derive_scenario(const scenario& base,
                         const std::vector<std::pair<std::string, std::string>>& overrides) {
    auto [doc, params] = overridden(base, overrides);
    auto warnings = late_phases(doc, params);
    // The strategies, checked again on the new baseline (they were sound on the old one).
    std::vector<detail::strategy_entry> strategies;
    for (const auto& s : base.strategies)
        strategies.push_back({s, std::vector<std::string>(s.overrides.size(), base.source)});
    detail::problem_list problems;
    check_strategies(doc, strategies, true, problems, warnings);
    if (!problems.empty()) throw scenario_error(std::move(problems));
    return {base.source, std::move(params), base.strategies, std::move(warnings)};
}

}  // namespace civicsim::sim

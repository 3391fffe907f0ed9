#pragma once
// Workshop mode without the network: the presets a trainer starts from, the levers the page shows
// (generated from the schema's types, ranges and units), and the comparison of two strategies A
// and B that the page asks for, checked key by key. sim/workshop/server.* puts these behind HTTP.

#include <atomic>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"

namespace civicsim::sim::workshop {

/// A request the API refuses: which field, and what is allowed. Sent back as
/// {"error": message, "field": field} with HTTP status `status`.
class api_error : public std::runtime_error {
public:
    api_error(std::string field, const std::string& message, int status = 400)
        : std::runtime_error(message), field_(std::move(field)), status_(status) {}
    const std::string& field() const noexcept { return field_; }
    int status() const noexcept { return status_; }

private:
    std::string field_;
    int status_;
};

/// A scenario the page can start from: a seed case or the workshop town, embedded in the binary.
struct preset {
    std::string name;   ///< the file's stem: "workshop_town"
    std::string title;  ///< scenario.name
    sim::scenario scenario;
};

/// The presets: those added by add_preset, then the embedded ones (read and checked once, the
/// workshop town first).
const std::vector<preset>& presets();

/// Puts a scenario of the user's first among the presets (`civicsim serve FILE`), replacing a
/// preset of the same name. Call before serving: the list is not guarded against concurrent use.
void add_preset(preset p);

/// The preset called `name`, or nullptr.
const preset* find_preset(std::string_view name);

/// The residents a preset is run with by default: its own, scaled down to about this many so
/// that a comparison answers within a second. Rates are per resident, so they do not change.
inline constexpr std::uint32_t default_residents = 20000;

/// One control of the page: a scenario key a strategy may set.
struct lever {
    std::string key;    ///< dotted, as in a [[strategy]] table: "police.report_share"
    std::string label;  ///< what the page calls it
    std::string kind;   ///< "boolean", "number", "integer" or "choice"
    double min = 0.0, max = 1.0, step = 0.01;  ///< numbers: the slider's range
    std::vector<std::string> choices;          ///< choices
    std::string unit;
    std::string description;  ///< the schema's
    nlohmann::json value;     ///< the preset's
};

/// The levers for `p`: the main policy keys, plus a switch for each of the preset's campaigns.
std::vector<lever> levers(const preset& p);

/// The outcomes the page shows, in order: trust, fear, response load, fairness, cost.
const std::vector<std::string>& shown_outcomes();

/// The limits of a request.
inline constexpr std::uint32_t min_days = 30, max_days = 730;
inline constexpr std::uint32_t min_replications = 2, max_replications = 8;
inline constexpr std::uint32_t min_residents = 1000, max_residents = 100000;

/// A checked comparison request.
struct comparison_request {
    const preset* base = nullptr;
    std::uint32_t days = 365;
    std::uint32_t replications = 4;
    std::uint32_t residents = default_residents;
    std::vector<std::pair<std::string, std::string>> a, b;  ///< overrides: key, TOML value
};

/// Checks a request body: {"preset": name, "days", "replications", "residents", "a": {key:
/// value}, "b": {key: value}}; only these fields and each preset's lever keys are accepted, every
/// value checked against the lever's type and range and then against the whole scenario. Throws
/// api_error naming the first field that is wrong.
comparison_request parse_request(const nlohmann::json& body);

/// The scenario each side runs: the preset scaled to the request's residents, with its days,
/// replications and the side's overrides. Throws api_error when the scenario refuses them.
models::parameters side_parameters(const comparison_request& request,
                                   const std::vector<std::pair<std::string, std::string>>& side,
                                   const char* field);

/// Runs A and B with common random numbers (the same seed, replication by replication) and
/// returns per shown outcome A, B and B − A with 95 % intervals, the daily means of trust, fear
/// and the queue, the last day's values per neighbourhood, and both sides as a scenario TOML with
/// [[strategy]] tables ("A" the baseline). `cancel` stops the runs (sim::interrupted is thrown).
nlohmann::json compare(const comparison_request& request, unsigned threads,
                       const std::atomic<bool>* cancel = nullptr);

/// The scenario file that reproduces a comparison with `civicsim compare`: side A as the
/// scenario, side B as a [[strategy]] named "B".
std::string comparison_toml(const comparison_request& request);

}  // namespace civicsim::sim::workshop

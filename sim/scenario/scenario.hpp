#pragma once
// Scenario files: a TOML file (plus --set overrides) checked against the schema of schema.hpp and
// frozen into models::parameters. Every problem is reported at once, with where it is, the
// dotted key, the value as written and what is allowed.

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/parameters.hpp"

namespace civicsim::sim {

/// One thing wrong with a scenario.
struct scenario_problem {
    std::string location;  ///< "path:line:column", "--set #2" or "override #1"
    std::string key;       ///< dotted key, elements of arrays by index: "neighbourhood.1.density"
    std::string value;     ///< as written; may be empty
    std::string message;   ///< what is wrong and what is allowed

    /// "path:3:7: police.report_share = 1.5: must be between 0 and 1".
    std::string to_string() const;
};

/// Thrown when a scenario cannot be read or is invalid; carries every problem found.
class scenario_error : public std::runtime_error {
public:
    explicit scenario_error(std::vector<scenario_problem> problems);
    /// The problems, in the order they appear in the file, then the --set overrides.
    const std::vector<scenario_problem>& problems() const noexcept { return problems_; }

private:
    std::vector<scenario_problem> problems_;
};

/// A named set of overrides of the scenario's keys, from a [[strategy]] table.
struct strategy {
    std::string name;
    std::string description;
    std::vector<std::pair<std::string, std::string>> overrides;  ///< dotted key, value as TOML
};

/// A checked scenario: immutable parameters and the strategies to compare.
struct scenario {
    std::string source;  ///< file path or name
    models::parameters params;
    std::vector<strategy> strategies;
    /// Allowed but probably not meant (a rollout phase that starts after the last day): the
    /// commands print them and go on.
    std::vector<scenario_problem> warnings;
};

/// The largest scenario file load_scenario reads (a 10,000-neighbourhood city is about 5 MB).
inline constexpr std::size_t max_scenario_bytes = 16 * 1024 * 1024;

/// Reads and checks a scenario file (a regular file of at most max_scenario_bytes); `set_overrides`
/// are "key=value" strings from --set.
scenario load_scenario(const std::filesystem::path& file,
                       const std::vector<std::string>& set_overrides = {});

/// Checks scenario text; `source_name` names it in problem locations.
scenario parse_scenario(std::string_view toml_text, std::string_view source_name,
                        const std::vector<std::string>& set_overrides = {});

/// The scenario's parameters with (dotted key, TOML value) overrides, checked like a file.
models::parameters with_overrides(
    const scenario& base, const std::vector<std::pair<std::string, std::string>>& overrides);

/// The scenario with (dotted key, TOML value) overrides of its baseline, checked like a file: its
/// strategies kept (and checked again on the new baseline), its warnings those of the result.
scenario derive_scenario(const scenario& base,
                         const std::vector<std::pair<std::string, std::string>>& overrides);

/// The parameters as a complete scenario file, every key given except rollout switches left
/// unset (which stay unset by being left out); parse_scenario reads it back to the same
/// parameters.
std::string to_toml(const models::parameters& params);

/// The whole schema as Markdown (docs/scenario-reference.md).
std::string describe_markdown();

/// The whole schema as JSON, one object per key (dotted key, section, type, unit, default,
/// allowed min and max, plausible ranges, role, whether it is an assumption, source), for
/// programs such as scripts/sensitivity.py.
std::string describe_json();

}  // namespace civicsim::sim

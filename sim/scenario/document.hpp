#pragma once
// The keys a scenario gives, between reading and freezing: first the file, then the --set
// overrides, then (for a strategy) its own overrides. Each value remembers where it was given,
// so that checks needing several keys can still point at the right line.

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <toml++/toml.h>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/schema.hpp"

namespace civicsim::sim::detail {

using problem_list = std::vector<scenario_problem>;

/// A value given for one key of one element.
struct assignment {
    schema::value value;
    std::string text;      ///< as written, for messages
    std::string location;  ///< "file:line:column", "--set #2"
};

struct document {
    /// Starts with no values and no elements in repeated sections; single sections are
    /// located at `start` until the reader finds their table.
    explicit document(std::string start);

    std::string start_location;  ///< where problems without a better place are reported
    /// Per section, where each element's table begins (one entry for a single section).
    std::vector<std::vector<std::string>> tables;
    /// Values given, by (field index, element).
    std::map<std::pair<std::size_t, std::size_t>, assignment> values;
    /// Keys given with a value of the wrong type: already reported, so neither "missing" nor
    /// checked together with others.
    std::set<std::pair<std::size_t, std::size_t>> rejected;

    std::size_t elements(std::size_t section) const { return tables[section].size(); }
    /// Names the elements of a repeated section were given ("" when none).
    std::vector<std::string> names(std::size_t section) const;
};

/// Converts a TOML value to the kind a key expects (integers are accepted where floats are);
/// on failure, a message such as `expected a number, got string "abc"`.
std::variant<schema::value, std::string> convert(const toml::node& node, schema::value_kind kind);

/// Reads the right-hand side of `--set key=value` or of an override: a TOML value if it is one,
/// else a bare string (so that `--set scenario.name=test` works). The value is under "value".
toml::table parse_value(std::string_view text);

/// Canonical TOML text of a value node.
std::string toml_text(const toml::node& node);

/// The (field index, element) a dotted key names (array elements by index or name), or why it
/// names none.
std::variant<std::pair<std::size_t, std::size_t>, std::string> resolve(const document& doc,
                                                                       std::string_view key);

/// Sets a dotted key (array elements by index or name) to a value, or reports why not.
void assign(document& doc, std::string_view key, const toml::node& node, std::string text,
            std::string location, problem_list& problems);

/// Checks the values one by one, then together, and freezes them into parameters; nothing when
/// any problem was found.
std::optional<models::parameters> build(const document& doc, problem_list& problems);

/// A document that gives every key of `params` explicitly, each located at `location`.
document document_of(const models::parameters& params, const std::string& location);

}  // namespace civicsim::sim::detail

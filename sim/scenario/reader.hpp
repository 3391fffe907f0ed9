#pragma once
// Reads a parsed TOML file into a document: every key is matched against the schema, every value
// converted to the kind its key expects, and every mismatch reported with its line and column.

#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "sim/scenario/document.hpp"
#include "sim/scenario/scenario.hpp"

namespace civicsim::sim::detail {

/// A [[strategy]] table as read, with where each of its overrides was written.
struct strategy_entry {
    strategy value;
    std::vector<std::string> override_locations;  ///< aligned with value.overrides
};

struct read_result {
    document doc;
    std::vector<strategy_entry> strategies;
    /// Problems in the [[strategy]] tables themselves, kept apart because they do not make the
    /// scenario unsound.
    problem_list strategy_problems;
};

/// "source:line:column".
std::string location_of(std::string_view source, const toml::source_position& position);

/// Matches the file against the schema; problems are appended, nothing is thrown.
read_result read_document(const toml::table& root, std::string_view source, std::string_view text,
                          problem_list& problems);

}  // namespace civicsim::sim::detail

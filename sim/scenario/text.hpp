#pragma once
// Small text helpers shared by the scenario reader, the schema and the generators: spelling
// suggestions, number formatting that round-trips, and TOML string quoting.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace civicsim::sim::detail {

/// Edit distance with adjacent transpositions (optimal string alignment), case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// Words longer than this get no suggestion: no key or name is nearly as long.
inline constexpr std::size_t max_suggestion_length = 256;

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates);

/// "; did you mean \"x\"?" for the closest candidate, or "" when none is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// Shortest text that reads back as the same double ("0.8", "445", "1e-05").
std::string format_number(double x);

/// Six significant digits, for sums and other computed numbers in messages ("1.1").
std::string format_rounded(double x);

/// Like format_number, but always a TOML float ("1.0", not "1").
std::string format_toml_float(double x);

/// A TOML basic string, quoted and escaped.
std::string quote(std::string_view s);

/// The longest text excerpt() returns whole.
inline constexpr std::size_t excerpt_limit = 80;

/// `text` for a message: whole up to excerpt_limit bytes, else its start (whole UTF-8 characters)
/// followed by "... (N bytes)", so that a 5 MB value is not echoed back whole.
std::string excerpt(std::string_view text);

std::string join(const std::vector<std::string>& parts, std::string_view separator);

/// `parts`, each quoted, separated by ", ".
std::string join_quoted(const std::vector<std::string>& parts);

/// `text` as a Markdown table cell: a `|` inside a cell is written `\|`, or it would end the cell.
std::string markdown_cell(std::string_view text);

/// `s` without leading and trailing blanks.
std::string_view trim(std::string_view s);

}  // namespace civicsim::sim::detail

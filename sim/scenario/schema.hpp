#pragma once
// The scenario schema: every key a scenario file may hold, declared once (schema.cpp) with its
// type, unit, allowed range, default, description, source, and how it reads and writes the
// parameter structs of models/parameters.hpp. The reader, the --set overrides, the validation,
// to_toml and describe_markdown are all driven by this one table.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "models/parameters.hpp"

namespace civicsim::sim::schema {

/// What a key holds; the order matches the alternatives of `value`.
enum class value_kind : std::uint8_t {
    boolean,
    integer,
    floating,
    string,
    string_list,
    float_list,
    float_table  ///< a list of rows, each a list of numbers
};

/// A checked value of one key, before it is stored into the parameter structs.
using value = std::variant<bool, std::int64_t, double, std::string, std::vector<std::string>,
                           std::vector<double>, std::vector<std::vector<double>>>;

/// One end of an allowed interval.
struct bound {
    double limit = 0.0;
    bool inclusive = true;
};

/// Allowed interval of a number, or of every entry of a list (or table) of numbers.
struct value_range {
    std::optional<bound> min;
    std::optional<bound> max;
};

/// A closed interval [low, high].
struct interval {
    double low = 0.0;
    double high = 0.0;
};

/// What a key is, for the rule that every model assumption states where its value plausibly lies
/// (docs/ODD.md, "Sources and plausible ranges").
enum class key_role : std::uint8_t {
    /// A parameter of the model: its source is a checkable reference, or it is an assumption and
    /// then has a plausible range.
    model,
    /// Describes the case rather than the model: names, days, seed, replications, the
    /// neighbourhoods, campaigns and rollout phases, launch days, the force's staffing. The
    /// scenario gives its value from local data or plans; there is nothing to be uncertain about.
    case_input,
    /// A definition, not a belief about the world: the reference point of a logit, a threshold
    /// that defines a counted outcome. Moving it renames rather than changes the model.
    convention,
};

/// Constraints on a list as a whole.
struct list_shape {
    std::size_t min_items = 0;
    std::size_t max_items = std::numeric_limits<std::size_t>::max();
    bool unique = false;
    bool sums_to_one = false;  ///< for a table: each row
};

/// A table of the file: `[police]` (one) or `[[neighbourhood]]` (repeated, an array of tables).
struct section {
    std::string path;  ///< dotted, e.g. "behaviour.reporting"
    bool repeated = false;
    std::size_t min_elements = 0;  ///< repeated sections only
    /// Repeated sections only: more is refused before any other check, which would take
    /// minutes on 65,536 tables.
    std::size_t max_elements = 10'000;
    std::string description;
    /// Every key of a section that describes the case (the scenario, neighbourhoods, campaigns,
    /// rollout phases) is a case input, whatever its declaration says.
    bool case_inputs = false;
    /// Number of elements in the parameters (repeated sections only).
    std::function<std::size_t(const models::parameters&)> count;
    /// Makes room for n default elements (repeated sections only).
    std::function<void(models::parameters&, std::size_t)> resize;
};

/// Writes a checked value into element `element` of the field's section; returns a problem
/// message, empty when the value was stored.
using setter = std::function<std::string(models::parameters&, std::size_t element, const value&)>;
using getter = std::function<value(const models::parameters&, std::size_t element)>;
/// Whether the parameters hold a value for an optional key (one whose absence means something
/// the value cannot say, such as a rollout switch left unset).
using presence = std::function<bool(const models::parameters&, std::size_t element)>;
/// A check that needs other keys (list lengths, unique names, day order), run once every value
/// is stored; `assigned` says whether the file gave the key. Returns a problem message or "".
using cross_check =
    std::function<std::string(const models::parameters&, std::size_t element, bool assigned)>;

/// The most residents a scenario may have in all: resident ids are 32 bits, and the largest
/// value means "no resident".
inline constexpr std::uint64_t max_total_population = 4'294'967'294;

/// One key of one section.
struct field {
    std::size_t section = 0;  ///< index into table().sections
    std::string key;          ///< dotted, relative to the section: "incident_rate.hate_crime"
    value_kind kind = value_kind::floating;
    std::string unit;
    value_range range;
    list_shape shape;
    bool required = false;
    std::string default_note;  ///< shown instead of the default when it depends on other keys
    std::string allowed_note;  ///< allowed values the range cannot express
    std::string description;
    std::string source;  ///< a checkable reference (DOI, URL, survey), or "assumption"
    key_role role = key_role::model;
    /// Where the value plausibly lies, narrower than `range`: empty for none; one interval for a
    /// number (or every entry of a list); one per entry for a list of fixed length.
    std::vector<interval> plausible;
    setter set;
    getter get;
    cross_check check;  ///< optional
    /// Set only for optional keys: when it says false, to_toml and document_of leave the key
    /// out, and reading the result back leaves it absent again.
    presence given;
};

struct schema_table {
    std::vector<section> sections;
    std::vector<field> fields;  ///< grouped by section, in the order of `sections`
};

/// The schema, built on first use.
const schema_table& table();

/// Whether the source calls the value an assumption (or gives none), in whole or in part.
bool is_assumption(const field& f);

/// Whether the rule requires a plausible range of the field: a number or list of numbers of the
/// model (not a case input or a convention) whose source is an assumption. Switches, names and
/// choices (booleans, strings) have no range to give.
bool needs_plausible(const field& f);

/// The plausible interval of entry `entry` of the field (0 for a number), if it has one.
std::optional<interval> plausible_of(const field& f, std::size_t entry);

/// "0.2–0.5", or "0.7–0.9, 0.5–0.8, ..." per entry; "" without a range.
std::string plausible_notation(const field& f);

/// "[police]" or "[[neighbourhood]]".
std::string header(const section& s);

/// The dotted key of a field in one element: "police.report_share", "neighbourhood.1.density".
std::string key_of(const field& f, std::size_t element);

/// What a value of this kind is, for messages: "a number", "a list of strings".
std::string kind_phrase(value_kind kind);

/// Short type name for the reference: "float", "list of strings".
std::string kind_name(value_kind kind);

/// "must be between 0 and 1", or "" when anything goes.
std::string range_phrase(const value_range& range);

/// Interval notation for the reference: "[0, 1]", "> 0", "(0, 24]".
std::string range_notation(const value_range& range);

/// The value as TOML text: `0.5`, `"x"`, `["a", "b"]`.
std::string to_toml_text(const value& v);

/// Checks a value against the field's range and list shape; returns a problem message or "".
std::string check_value(const field& f, const value& v);

/// Names of the keys a [[strategy]] table may hold, and what each means.
struct strategy_key {
    std::string key;
    std::string type;
    std::string description;
};
const std::vector<strategy_key>& strategy_keys();

}  // namespace civicsim::sim::schema

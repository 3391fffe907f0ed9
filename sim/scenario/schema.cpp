#include "sim/scenario/schema.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <type_traits>
#include <utility>

#include "models/mechanisms.hpp"
#include "models/types.hpp"
#include "sim/scenario/text.hpp"

namespace civicsim::sim::schema {

// The declarations below name only the properties a key has (C++20 designated initialisers);
// the rest keep their member defaults on purpose. GCC 12 warns about every omitted member.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace {

using detail::did_you_mean;
using detail::format_number;
using detail::format_toml_float;
using detail::join;
using detail::join_quoted;
using detail::quote;
using models::parameters;

value_range between(double lo, double hi) { return {bound{lo, true}, bound{hi, true}}; }
value_range open_between(double lo, double hi) { return {bound{lo, false}, bound{hi, false}}; }
value_range above_up_to(double lo, double hi) { return {bound{lo, false}, bound{hi, true}}; }
value_range at_least(double lo) { return {bound{lo, true}, std::nullopt}; }
value_range above(double lo) { return {bound{lo, false}, std::nullopt}; }
const value_range share = between(0.0, 1.0);
/// A price in euros: at most a billion, beyond anything a city pays per hour, report, day or
/// consultation, so that every cost a run adds up stays finite.
const value_range euros = between(0.0, 1e9);

/// A plausible range of a number, or of every entry of a list.
std::vector<interval> plausibly(double low, double high) { return {interval{low, high}}; }

/// Everything a declaration says besides its key and its binding to a struct member.
struct about {
    std::string unit;
    value_range range;
    std::string description;
    std::string source;
    std::vector<interval> plausible;
    key_role role = key_role::model;
    bool required = false;
    list_shape shape;
    std::string default_note;
    std::string allowed_note;
    cross_check check;
};

std::string entries(std::size_t n) { return std::to_string(n) + (n == 1 ? " entry" : " entries"); }

std::string too_large(std::uint64_t max) {
    return "is too large; it must be at most " + std::to_string(max);
}

// --- Name resolution shared by the reference keys -------------------------------------------

std::vector<std::string> names_of(const std::vector<models::neighbourhood_params>& list) {
    std::vector<std::string> names;
    for (const auto& n : list) names.push_back(n.name);
    return names;
}

template <std::size_t N>
std::vector<std::string> names_of(const std::array<std::string_view, N>& list) {
    return {list.begin(), list.end()};
}

/// Index of `name` in `allowed`, or a message naming what is allowed.
std::variant<std::size_t, std::string> find_name(const std::string& name,
                                                 const std::vector<std::string>& allowed,
                                                 const std::string& what) {
    const auto it = std::find(allowed.begin(), allowed.end(), name);
    if (it != allowed.end()) return static_cast<std::size_t>(it - allowed.begin());
    return "unknown " + what + " " + quote(detail::excerpt(name)) + did_you_mean(name, allowed) +
           " (allowed: " + join_quoted(allowed) + ")";
}

/// Indices of `names` in `allowed`, or the first problem.
std::variant<std::vector<std::size_t>, std::string> find_names(
    const std::vector<std::string>& names, const std::vector<std::string>& allowed,
    const std::string& what) {
    std::vector<std::size_t> indices;
    for (const auto& name : names) {
        auto found = find_name(name, allowed, what);
        if (auto* message = std::get_if<std::string>(&found)) return *message;
        indices.push_back(std::get<std::size_t>(found));
    }
    return indices;
}

std::string unique_name_problem(const std::vector<std::string>& names, std::size_t element,
                                const std::string& what,
                                std::optional<std::size_t> first_index = std::nullopt) {
    const std::string& name = names[element];
    if (name.empty()) return "must not be empty: a " + what + " is addressed by its name";
    if (std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return "must not be a number: dotted keys would read it as an index";
    }
    for (std::size_t j = 0; j < element; ++j) {
        if (names[j] == name) {
            return "duplicate name: " + what + " " + std::to_string(first_index.value_or(j)) +
                   " is also called " + quote(detail::excerpt(name)) + "; names must be unique";
        }
    }
    return {};
}

/// Shares aligned with a list of the scenario (languages, communities) need one entry each.
std::string aligned_shares_problem(const std::vector<double>& shares,
                                   const std::vector<std::string>& names, bool assigned,
                                   const std::string& list_key) {
    if (!assigned && names.size() > 1) {
        return "is required because " + list_key + " has " + entries(names.size()) + " (" +
               join_quoted(names) + "); give one share per entry";
    }
    if (assigned && shares.size() != names.size()) {
        return "has " + entries(shares.size()) + " but " + list_key + " has " +
               std::to_string(names.size()) + " (" + join_quoted(names) +
               "); give one share per entry, in that order";
    }
    return {};
}

/// scenario.language_by_community needs one row per community and one share per language.
std::string language_table_problem(const models::scenario_settings& scenario) {
    const auto& rows = scenario.language_by_community;
    if (rows.size() != scenario.communities.size()) {
        return "has " + std::to_string(rows.size()) + (rows.size() == 1 ? " row" : " rows") +
               " but scenario.communities has " + entries(scenario.communities.size()) + " (" +
               join_quoted(scenario.communities) + "); give one row per community, in that order";
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (rows[r].size() != scenario.languages.size()) {
            return "row " + std::to_string(r + 1) + " (" + quote(scenario.communities[r]) +
                   ") has " + entries(rows[r].size()) + " but scenario.languages has " +
                   std::to_string(scenario.languages.size()) + " (" +
                   join_quoted(scenario.languages) +
                   "); give one share per language, in that order";
        }
    }
    return {};
}

/// Language names written as indices into scenario.languages.
std::string set_language_indices(const parameters& p, std::vector<std::uint8_t>& target,
                                 const value& v) {
    auto found =
        find_names(std::get<std::vector<std::string>>(v), p.scenario.languages, "language");
    if (auto* message = std::get_if<std::string>(&found)) return *message;
    target.clear();
    for (const auto index : std::get<std::vector<std::size_t>>(found)) {
        target.push_back(static_cast<std::uint8_t>(index));
    }
    return {};
}

value language_names(const parameters& p, const std::vector<std::uint8_t>& indices) {
    std::vector<std::string> names;
    for (const auto index : indices) {
        names.push_back(index < p.scenario.languages.size() ? p.scenario.languages[index]
                                                            : "#" + std::to_string(index));
    }
    return names;
}

/// Neighbourhood names written as one flag per neighbourhood; an empty list means all of them.
std::string set_neighbourhood_flags(const parameters& p, std::vector<std::uint8_t>& flags,
                                    const value& v) {
    const auto& names = std::get<std::vector<std::string>>(v);
    const auto neighbourhoods = names_of(p.neighbourhoods);
    auto found = find_names(names, neighbourhoods, "neighbourhood");
    if (auto* message = std::get_if<std::string>(&found)) return *message;
    flags.assign(neighbourhoods.size(), names.empty() ? 1 : 0);
    for (const auto index : std::get<std::vector<std::size_t>>(found)) flags[index] = 1;
    return {};
}

value neighbourhood_names(const parameters& p, const std::vector<std::uint8_t>& flags) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < flags.size() && i < p.neighbourhoods.size(); ++i) {
        if (flags[i] != 0) names.push_back(p.neighbourhoods[i].name);
    }
    return names;
}

/// Age-band names written as a bit mask (bit b: band b); an empty list gives `empty_mask`.
std::string set_age_band_mask(std::uint8_t& mask, const value& v, std::uint8_t empty_mask) {
    const auto& names = std::get<std::vector<std::string>>(v);
    auto found = find_names(names, names_of(models::age_band_names), "age band");
    if (auto* message = std::get_if<std::string>(&found)) return *message;
    mask = names.empty() ? empty_mask : 0;
    for (const auto band : std::get<std::vector<std::size_t>>(found)) {
        mask = static_cast<std::uint8_t>(mask | (1U << band));
    }
    return {};
}

value age_band_names_of(std::uint8_t mask) {
    std::vector<std::string> names;
    for (std::size_t band = 0; band < models::age_band_count; ++band) {
        if ((mask >> band) & 1U) names.emplace_back(models::age_band_names[band]);
    }
    return names;
}

const std::string age_band_list = "\"16-29\", \"30-49\", \"50-64\", \"65+\"";

/// Declares the fields of one section. `Locate` maps (parameters, element) to the struct that
/// holds the section, for both const and mutable parameters, so one lambda serves getter and
/// setter alike.
template <class Struct, class Locate>
class section_declarer {
public:
    section_declarer(schema_table& table, std::size_t section, Locate locate)
        : table_(table), section_(section), locate_(locate) {}

    void boolean(std::string key, bool Struct::*member, about a) {
        add(
            std::move(key), value_kind::boolean, std::move(a),
            [locate = locate_, member](parameters& p, std::size_t e, const value& v) {
                locate(p, e).*member = std::get<bool>(v);
                return std::string{};
            },
            [locate = locate_, member](const parameters& p, std::size_t e) -> value {
                return locate(p, e).*member;
            });
    }

    template <class Integer>
    void integer(std::string key, Integer Struct::*member, about a) {
        add(std::move(key), value_kind::integer, std::move(a), integer_setter(member),
            [locate = locate_, member](const parameters& p, std::size_t e) -> value {
                return static_cast<std::int64_t>(locate(p, e).*member);
            });
    }

    void number(std::string key, double Struct::*member, about a) {
        add(
            std::move(key), value_kind::floating, std::move(a),
            [locate = locate_, member](parameters& p, std::size_t e, const value& v) {
                locate(p, e).*member = std::get<double>(v);
                return std::string{};
            },
            [locate = locate_, member](const parameters& p, std::size_t e) -> value {
                return locate(p, e).*member;
            });
    }

    void text(std::string key, std::string Struct::*member, about a) {
        add(
            std::move(key), value_kind::string, std::move(a),
            [locate = locate_, member](parameters& p, std::size_t e, const value& v) {
                locate(p, e).*member = std::get<std::string>(v);
                return std::string{};
            },
            [locate = locate_, member](const parameters& p, std::size_t e) -> value {
                return locate(p, e).*member;
            });
    }

    void text_list(std::string key, std::vector<std::string> Struct::*member, about a) {
        add(
            std::move(key), value_kind::string_list, std::move(a),
            [locate = locate_, member](parameters& p, std::size_t e, const value& v) {
                locate(p, e).*member = std::get<std::vector<std::string>>(v);
                return std::string{};
            },
            [locate = locate_, member](const parameters& p, std::size_t e) -> value {
                return locate(p, e).*member;
            });
    }

    /// A list of numbers held in a std::vector<double> or a fixed-size std::array<double, N>.
    template <class Container>
    void number_list(std::string key, Container Struct::*member, about a) {
        if constexpr (!std::is_same_v<Container, std::vector<double>>) {
            a.shape.min_items = a.shape.max_items = std::tuple_size_v<Container>;
        }
        add(
            std::move(key), value_kind::float_list, std::move(a),
            [locate = locate_, member](parameters& p, std::size_t e, const value& v) {
                const auto& numbers = std::get<std::vector<double>>(v);
                auto& target = locate(p, e).*member;
                if constexpr (std::is_same_v<Container, std::vector<double>>) {
                    target = numbers;
                } else {
                    std::copy(numbers.begin(), numbers.end(), target.begin());
                }
                return std::string{};
            },
            [locate = locate_, member](const parameters& p, std::size_t e) -> value {
                const auto& source = locate(p, e).*member;
                return std::vector<double>(source.begin(), source.end());
            });
    }

    /// An optional table of numbers, one row per entry of some scenario list. Left out it stays
    /// empty, and to_toml leaves it out too.
    void number_table(std::string key, std::vector<std::vector<double>> Struct::*member, about a) {
        add(
            std::move(key), value_kind::float_table, std::move(a),
            [locate = locate_, member](parameters& p, std::size_t e, const value& v) {
                locate(p, e).*member = std::get<std::vector<std::vector<double>>>(v);
                return std::string{};
            },
            [locate = locate_, member](const parameters& p, std::size_t e) -> value {
                return locate(p, e).*member;
            });
        table_.fields.back().given = [locate = locate_, member](const parameters& p,
                                                                std::size_t e) {
            return !(locate(p, e).*member).empty();
        };
    }

    /// One float key per category: `<prefix>.serious_crime`, ... A per_category array has the
    /// true incident categories; a per_report_category array adds suspicious_person.
    /// `sources` and `plausible`, where given, replace the source and the plausible range of one
    /// category's key.
    template <std::size_t N>
    void per_category_number(const std::string& prefix, std::array<double, N> Struct::*member,
                             const about& a, const std::array<std::string, N>& sources = {},
                             const std::array<interval, N>& plausible = {}) {
        static_assert(N == models::category_count || N == models::report_category_count);
        for (std::size_t c = 0; c < N; ++c) {
            add(
                category_key(prefix, c), value_kind::floating,
                for_category(a, sources[c], plausible[c]),
                [locate = locate_, member, c](parameters& p, std::size_t e, const value& v) {
                    (locate(p, e).*member)[c] = std::get<double>(v);
                    return std::string{};
                },
                [locate = locate_, member, c](const parameters& p, std::size_t e) -> value {
                    return (locate(p, e).*member)[c];
                });
        }
    }

    /// One integer key per category, as per_category_number.
    template <class Integer, std::size_t N>
    void per_category_integer(const std::string& prefix, std::array<Integer, N> Struct::*member,
                              const about& a) {
        static_assert(N == models::category_count || N == models::report_category_count);
        for (std::size_t c = 0; c < N; ++c) {
            add(
                category_key(prefix, c), value_kind::integer, a,
                [locate = locate_, member, c](parameters& p, std::size_t e, const value& v) {
                    const auto n = std::get<std::int64_t>(v);
                    constexpr auto max = std::numeric_limits<Integer>::max();
                    if (static_cast<std::uint64_t>(n) > max) return too_large(max);
                    (locate(p, e).*member)[c] = static_cast<Integer>(n);
                    return std::string{};
                },
                [locate = locate_, member, c](const parameters& p, std::size_t e) -> value {
                    return static_cast<std::int64_t>((locate(p, e).*member)[c]);
                });
        }
    }

    /// One string key per category naming a value of an enumeration, as choice().
    template <class Enum, std::size_t Names, std::size_t N>
    void per_category_choice(const std::string& prefix, std::array<Enum, N> Struct::*member,
                             const std::array<std::string_view, Names>& names, std::string what,
                             about a) {
        static_assert(N == models::category_count || N == models::report_category_count);
        if (a.allowed_note.empty()) a.allowed_note = join_quoted(names_of(names));
        for (std::size_t c = 0; c < N; ++c) {
            add(
                category_key(prefix, c), value_kind::string, a,
                [locate = locate_, member, names, what, c](parameters& p, std::size_t e,
                                                           const value& v) {
                    auto found = find_name(std::get<std::string>(v), names_of(names), what);
                    if (auto* message = std::get_if<std::string>(&found)) return *message;
                    (locate(p, e).*member)[c] = static_cast<Enum>(std::get<std::size_t>(found));
                    return std::string{};
                },
                [locate = locate_, member, names, c](const parameters& p, std::size_t e) -> value {
                    const auto index = models::to_index((locate(p, e).*member)[c]);
                    return index < Names ? std::string(names[index]) : "#" + std::to_string(index);
                });
        }
    }

    /// A string key naming one value of an enumeration; `names` are in the enumerators' order.
    /// A wrong name is reported with the closest allowed one.
    template <class Enum, std::size_t N>
    void choice(std::string key, Enum Struct::*member, const std::array<std::string_view, N>& names,
                std::string what, about a) {
        if (a.allowed_note.empty()) a.allowed_note = join_quoted(names_of(names));
        add(
            std::move(key), value_kind::string, std::move(a),
            [locate = locate_, member, names, what](parameters& p, std::size_t e, const value& v) {
                auto found = find_name(std::get<std::string>(v), names_of(names), what);
                if (auto* message = std::get_if<std::string>(&found)) return *message;
                locate(p, e).*member = static_cast<Enum>(std::get<std::size_t>(found));
                return std::string{};
            },
            [locate = locate_, member, names](const parameters& p, std::size_t e) -> value {
                const auto index = models::to_index(locate(p, e).*member);
                return index < N ? std::string(names[index]) : "#" + std::to_string(index);
            });
    }

    /// An optional switch: true sets it on, false off, and a key left out leaves it unset, which
    /// to_toml preserves by leaving the key out too.
    void toggle(std::string key, models::rollout_phase::toggle Struct::*member, about a) {
        using state = models::rollout_phase::toggle;
        if (a.default_note.empty()) a.default_note = "unset";
        if (a.allowed_note.empty()) {
            a.allowed_note =
                "true (switch on) or false (switch off); leave it out to leave it "
                "as it was";
        }
        add(
            std::move(key), value_kind::boolean, std::move(a),
            [locate = locate_, member](parameters& p, std::size_t e, const value& v) {
                locate(p, e).*member = std::get<bool>(v) ? state::on : state::off;
                return std::string{};
            },
            [locate = locate_, member](const parameters& p, std::size_t e) -> value {
                return locate(p, e).*member == state::on;
            });
        table_.fields.back().given = [locate = locate_, member](const parameters& p,
                                                                std::size_t e) {
            return locate(p, e).*member != state::unset;
        };
    }

    /// A key whose stored form differs from its written form (names resolved to indices or
    /// bit masks); `write` and `read` see the whole parameters for the names to resolve against.
    template <class Write, class Read>
    void custom(std::string key, value_kind kind, about a, Write write, Read read) {
        add(
            std::move(key), kind, std::move(a),
            [locate = locate_, write](parameters& p, std::size_t e, const value& v) {
                return write(p, locate(p, e), v);
            },
            [locate = locate_, read](const parameters& p, std::size_t e) -> value {
                return read(p, locate(p, e));
            });
    }

private:
    static std::string category_key(const std::string& prefix, std::size_t c) {
        return prefix + "." + std::string(models::category_names[c]);
    }

    static about for_category(about a, const std::string& source, interval plausible) {
        if (!source.empty()) a.source = source;
        if (plausible.high > plausible.low) a.plausible = {plausible};
        return a;
    }

    template <class Integer>
    setter integer_setter(Integer Struct::*member) const {
        return [locate = locate_, member](parameters& p, std::size_t e, const value& v) {
            const auto n = std::get<std::int64_t>(v);
            constexpr auto max = std::numeric_limits<Integer>::max();
            // The declared range is checked first; the member's width sets a further limit.
            if (n < 0) return std::string("must be at least 0");
            if (static_cast<std::uint64_t>(n) > max) return too_large(max);
            locate(p, e).*member = static_cast<Integer>(n);
            return std::string{};
        };
    }

    void add(std::string key, value_kind kind, about a, setter set, getter get) {
        field f;
        f.section = section_;
        f.key = std::move(key);
        f.kind = kind;
        f.unit = std::move(a.unit);
        f.range = a.range;
        f.shape = a.shape;
        f.required = a.required;
        f.default_note = std::move(a.default_note);
        f.allowed_note = std::move(a.allowed_note);
        f.description = std::move(a.description);
        f.source = std::move(a.source);
        f.role = table_.sections[section_].case_inputs ? key_role::case_input : a.role;
        f.plausible = std::move(a.plausible);
        f.set = std::move(set);
        f.get = std::move(get);
        f.check = std::move(a.check);
        table_.fields.push_back(std::move(f));
    }

    schema_table& table_;
    std::size_t section_;
    Locate locate_;
};

template <class Struct, class Locate>
section_declarer<Struct, Locate> declare(schema_table& table, section s, Locate locate) {
    table.sections.push_back(std::move(s));
    return section_declarer<Struct, Locate>(table, table.sections.size() - 1, locate);
}

// --- The declarations ----------------------------------------------------------------------

void declare_scenario(schema_table& t) {
    using S = models::scenario_settings;
    auto s = declare<S>(
        t,
        {.path = "scenario",
         .description = "What the run is called, how long it lasts, and the "
                        "languages and communities the neighbourhoods refer to.",
         .case_inputs = true},
        [](auto& p, std::size_t) -> auto& { return p.scenario; });
    s.text("name", &S::name,
           {.description = "Name of the scenario, shown in results.", .required = true});
    s.text("description", &S::description, {.description = "Free text for the reader."});
    s.integer("days", &S::days,
              {.unit = "days", .range = between(1, 36500), .description = "Length of a run."});
    s.integer("seed", &S::seed,
              {.range = at_least(0),
               .description = "Random seed; replication r uses the stream (seed, r)."});
    s.integer("replications", &S::replications,
              {.range = between(1, 10000),
               .description = "Independent runs with different random streams."});
    s.text_list("languages", &S::languages,
                {.description = "Languages spoken; neighbourhoods give a share per language, "
                                "the app and campaigns refer to them by name.",
                 .shape = {.min_items = 1, .max_items = models::max_languages, .unique = true}});
    s.text_list("communities", &S::communities,
                {.description = "Communities (e.g. majority, a migrant minority); the first is "
                                "the majority. Neighbourhoods give a share per community.",
                 .shape = {.min_items = 1, .max_items = models::max_communities, .unique = true}});
    s.number_table(
        "language_by_community", &S::language_by_community,
        {.unit = "share",
         .range = share,
         .description =
             "Languages spoken within each community: one row per community of "
             "scenario.communities, in that order, each row one share per language of "
             "scenario.languages. A resident's language is then drawn from their community's "
             "row, so a neighbourhood's languages follow its community_shares, and no "
             "neighbourhood may give language_shares. Left out, each neighbourhood's "
             "language_shares apply to all its residents whatever their community.",
         .source = "a scenario input: main language by origin from a local census or survey",
         .shape = {.min_items = 1, .max_items = models::max_communities, .sums_to_one = true},
         .default_note = "absent (languages from each neighbourhood's language_shares)",
         .allowed_note = "one row per scenario.communities, one share per scenario.languages",
         .check = [](const parameters& p, std::size_t, bool assigned) {
             if (!assigned) return std::string{};
             return language_table_problem(p.scenario);
         }});
}

void declare_neighbourhood(schema_table& t) {
    using N = models::neighbourhood_params;
    auto n = declare<N>(
        t,
        {.path = "neighbourhood",
         .repeated = true,
         .min_elements = 1,
         .description = "One table per neighbourhood, at least one. Address one in a dotted key "
                        "by index or name: `neighbourhood.0.population`, "
                        "`neighbourhood.Old Town.population`.",
         .case_inputs = true,
         .count = [](const parameters& p) { return p.neighbourhoods.size(); },
         .resize = [](parameters& p, std::size_t count) { p.neighbourhoods.resize(count); }},
        [](auto& p, std::size_t i) -> auto& { return p.neighbourhoods[i]; });
    n.text("name", &N::name,
           {.description = "Unique name, used in campaign targets and dotted keys.",
            .required = true,
            .check = [](const parameters& p, std::size_t e, bool assigned) {
                if (!assigned) return std::string{};  // reported as missing already
                // Without copying the names for each neighbourhood, which made 10,000 of them
                // take minutes.
                const auto& name = p.neighbourhoods[e].name;
                for (std::size_t j = 0; j < e; ++j)
                    if (p.neighbourhoods[j].name == name)
                        return unique_name_problem({p.neighbourhoods[j].name, name}, 1,
                                                   "neighbourhood", j);
                return unique_name_problem({name}, 0, "neighbourhood");
            }});
    n.integer("population", &N::population,
              {.unit = "residents",
               .range = between(1, 100'000'000),
               .description = "Residents aged 16 and over.",
               .required = true,
               .allowed_note = "all neighbourhoods together at most " +
                               std::to_string(max_total_population) + " (a resident id is 32 bits)",
               .check = [](const parameters& p, std::size_t e, bool) {
                   // Once, on the last neighbourhood: the sum is what overflows.
                   if (e + 1 != p.neighbourhoods.size()) return std::string{};
                   const auto total = models::total_population(p);
                   if (total <= max_total_population) return std::string{};
                   return "the neighbourhoods' populations add up to " + std::to_string(total) +
                          "; all together at most " + std::to_string(max_total_population) +
                          " residents are allowed (a resident id is 32 bits)";
               }});
    n.number("density", &N::density,
             {.unit = "inhabitants/km²",
              .range = above(0),
              .description = "Sets the settlement type: at least 3000 is urban, at least 500 "
                             "suburban, below that rural.",
              .required = true});
    n.number_list("age_shares", &N::age_shares,
                  {.unit = "share",
                   .range = share,
                   .description = "Share of residents per age band 16-29, 30-49, 50-64, 65+.",
                   .source = "illustrative; use local census",
                   .shape = {.sums_to_one = true}});
    n.number_list("digital_literacy", &N::digital_literacy,
                  {.unit = "share",
                   .range = share,
                   .description = "Share with basic digital skills per age band 16-29, 30-49, "
                                  "50-64, 65+.",
                   .source = "Eurostat, Skills for the digital age: 16-24 0.80, 25-34 ~0.70, "
                             "65-74 ~0.30"});
    n.number_list(
        "language_shares", &N::language_shares,
        {.unit = "share",
         .range = share,
         .description = "Share of residents per language of scenario.languages, in that order.",
         .shape = {.sums_to_one = true},
         .default_note = "[1.0] with one language; required with more, unless "
                         "scenario.language_by_community is given",
         .allowed_note = "one per scenario.languages; not with scenario.language_by_community",
         .check = [](const parameters& p, std::size_t e, bool assigned) {
             if (!p.scenario.language_by_community.empty()) {
                 return assigned ? "cannot be given with scenario.language_by_community, which "
                                   "draws each resident's language from their community's row; "
                                   "remove one of them"
                                 : std::string{};
             }
             auto problem =
                 aligned_shares_problem(p.neighbourhoods[e].language_shares, p.scenario.languages,
                                        assigned, "scenario.languages");
             if (!assigned && !problem.empty())
                 problem += ", or give scenario.language_by_community";
             return problem;
         }});
    // Left out of the resolved scenario when the languages come from the communities' rows.
    t.fields.back().given = [](const parameters& p, std::size_t) {
        return p.scenario.language_by_community.empty();
    };
    n.number_list(
        "community_shares", &N::community_shares,
        {.unit = "share",
         .range = share,
         .description = "Share of residents per community of scenario.communities, in that order.",
         .shape = {.sums_to_one = true},
         .default_note = "[1.0] with one community; required with more",
         .allowed_note = "one per scenario.communities",
         .check = [](const parameters& p, std::size_t e, bool assigned) {
             return aligned_shares_problem(p.neighbourhoods[e].community_shares,
                                           p.scenario.communities, assigned,
                                           "scenario.communities");
         }});
    n.number("deprivation", &N::deprivation,
             {.unit = "index", .range = share, .description = "Deprivation index."});
    n.number(
        "cohesion", &N::cohesion,
        {.unit = "index", .range = share, .description = "Social cohesion (collective efficacy)."});
    n.number("fear_baseline", &N::fear_baseline,
             {.unit = "share",
              .range = share,
              .description = "Mean resting fear of crime: the level fear returns to without "
                             "crime, alerts or talk of it; victimisation, exposure, rumours and "
                             "contagion raise fear above it.",
              .source = "assumption; with behaviour.fear.contagion "
                        "calibrated, the default gives ~30% worried (EU ICS 2005 via EFUS)"});
    n.per_category_number(
        "incident_rate", &N::incident_rate,
        {.unit = "per 1,000 residents per year",
         // 100 incidents a resident a year; far above any city's, and low enough that a day's
         // Poisson draw stays within its integer type.
         .range = between(0, 100'000),
         .description = "True incidents of this category per 1,000 residents per year.",
         .source = "illustrative; ONS 2012 ASB 2.4M vs recorded crime 3.8M; NYC 311 / "
                   "FixMyStreet mix for public-service issues"});
}

void declare_police(schema_table& t) {
    using P = models::police_params;
    auto s = declare<P>(
        t,
        {.path = "police",
         .description = "Officer time and how it is shared between citizen reports, online "
                        "presence and patrol; what it costs; and how reports are handled, by "
                        "report category (the five incident categories and suspicious_person, "
                        "a report about a person that describes no offence)."},
        [](auto& p, std::size_t) -> auto& { return p.police; });
    const std::string shares_note =
        "report_share + online_share + patrol_share (+ police.intelligence.monitoring_share when "
        "on) ≤ 1";
    s.number("residents_per_officer", &P::residents_per_officer,
             {.unit = "residents",
              .range = at_least(1),
              .description = "Residents per police officer (at least 1: no more officers than "
                             "residents).",
              .source = "England & Wales 2014: 445",
              .role = key_role::case_input});
    s.number("officer_hours_per_day", &P::officer_hours_per_day,
             {.unit = "hours",
              .range = above_up_to(0, 24),
              .description = "Working hours per officer per day, averaged over the week.",
              .source = "a 38.5-hour week spread over seven days",
              .role = key_role::case_input});
    s.number("report_share", &P::report_share,
             {.unit = "share",
              .range = share,
              .description = "Share of officer hours given to citizen reports (triage and "
                             "response).",
              .source = "assumption; calibrate locally",
              .plausible = plausibly(0.03, 0.1),
              .allowed_note = shares_note});
    s.number("online_share", &P::online_share,
             {.unit = "share",
              .range = share,
              .description = "Share of officer hours given to official posts and to watching "
                             "social media: it picks up reports posted there and debunks "
                             "rumours.",
              .source = "assumption: about 0.3-7 minutes per officer-day online",
              .plausible = plausibly(0.001, 0.02),
              .allowed_note = shares_note});
    s.number("patrol_share", &P::patrol_share,
             {.unit = "share",
              .range = share,
              .description = "Share of officer hours on patrol, shared between neighbourhoods "
                             "as [police.patrol] says.",
              .source = "assumption",
              .plausible = plausibly(0.15, 0.45),
              .allowed_note = shares_note,
              .check = [](const parameters& p, std::size_t, bool) -> std::string {
                  const auto& police = p.police;
                  // Monitoring public posts (police.intelligence) takes hours of its own when on.
                  const auto& intelligence = models::params_of<models::intelligence>(p);
                  const double monitoring =
                      intelligence.enabled ? intelligence.monitoring_share : 0.0;
                  const double sum =
                      police.report_share + police.online_share + police.patrol_share + monitoring;
                  if (sum <= 1.0 + 1e-9) return {};
                  return "report_share (" + format_number(police.report_share) +
                         ") + online_share (" + format_number(police.online_share) +
                         ") + patrol_share (" + format_number(police.patrol_share) + ")" +
                         (intelligence.enabled ? " + police.intelligence.monitoring_share (" +
                                                     format_number(monitoring) + ")"
                                               : std::string{}) +
                         " = " + detail::format_rounded(sum) +
                         ", more than 1; they are shares of the same officer hours";
              }});
    s.number("hourly_cost", &P::hourly_cost,
             {.unit = "euros per officer hour",
              .range = euros,
              .description = "Cost of one officer hour, for the cost of response, triage, "
                             "online presence and patrol.",
              .source = "assumption",
              .plausible = plausibly(30, 70)});
    s.per_category_number("handling_hours", &P::handling_hours,
                          {.unit = "hours",
                           .range = above(0),
                           .description = "Officer hours to handle one report.",
                           .source = "assumption"},
                          {}, {{{2, 8}, {1, 4}, {0.5, 2}, {0.25, 1}, {1.5, 6}, {0.5, 3}}});
    s.per_category_number("expiry_days", &P::expiry_days,
                          {.unit = "days",
                           .range = above(0),
                           .description = "Reports waiting longer expire unanswered.",
                           .source = "assumption, after the UK force grading (emergency 15 min, "
                                     "priority 60 min, scheduled 48 h)"},
                          {}, {{{1, 3}, {3, 14}, {3, 14}, {7, 28}, {1, 7}, {1, 7}}});
    s.per_category_choice(
        "grade", &P::grade, models::response_grade_names, "response grade",
        {.description = "Response grade of the category, for the response outcomes by grade; its "
                        "target (emergency 15 min, priority 60 min, scheduled 48 h) is the "
                        "default of target_hours.",
         .source = "UK force grading (Suffolk); which category takes which grade is an "
                   "assumption: serious crime emergency (or priority, when reported after the "
                   "fact), hate crime and suspicious persons priority, the rest scheduled"});
    s.per_category_number(
        "target_hours", &P::target_hours,
        {.unit = "hours",
         .range = above(0),
         .description = "Response target, from filing to the start of handling: a report "
                        "answered later is a late contact, which costs trust "
                        "(behaviour.trust.late_weight), and misses its grade's target.",
         .source = "UK force grading: emergency 15 min, priority 60 min, scheduled 48 h (Suffolk, "
                   "SOURCES), by the category's grade; dissatisfaction with responses slower "
                   "than expected: Brandl & Horvath 1991, NCJRS 66602"});
    s.per_category_integer("priority", &P::priority,
                           {.range = between(0, 255),
                            .description = "Queue priority; higher is handled first.",
                            .source = "UK force grading"});

    using A = models::patrol_params;
    auto patrol = declare<A>(
        t,
        {.path = "police.patrol",
         .description = "How the patrol hours (police.patrol_share) are shared between "
                        "neighbourhoods, and how patrols discover incidents nobody reported."},
        [](auto& p, std::size_t) -> auto& { return p.police.patrol; });
    const std::string ensign =
        "Ensign et al. 2018, Runaway feedback loops in predictive policing (FAT*)";
    patrol.choice(
        "allocation", &A::allocation, models::patrol_allocation_names, "patrol allocation",
        {.description = "\"uniform\" ignores incidents; \"predictive\" follows recorded "
                        "incidents, which patrols themselves discover, so it can run away "
                        "towards one neighbourhood; \"corrected\" weights each discovered "
                        "incident by 1 / P(patrol) to recover the true shares.",
         .source = ensign + "; Lum & Isaac 2016, To predict and serve?"});
    patrol.number("discovery_rate", &A::discovery_rate,
                  {.unit = "per patrol hour per 1,000 residents",
                   .range = at_least(0),
                   .description = "P(an incident is discovered by patrol) = 1 - exp(-rate × "
                                  "patrol hours per 1,000 residents of the neighbourhood that "
                                  "day).",
                   .source = "model assumption; mechanism from " + ensign,
                   .plausible = plausibly(0.01, 0.2)});
    patrol.boolean("use_reports", &A::use_reports,
                   {.description = "Whether the predictive and corrected allocations count "
                                   "reported incidents as well as discovered ones.",
                    .source = ensign});
    patrol.number("memory", &A::memory,
                  {.unit = "weight per day",
                   .range = above_up_to(0, 1),
                   .description = "Weight of yesterday's counts in the allocation counts; 1 "
                                  "keeps every day (cumulative counts, Ensign et al.'s urn), "
                                  "lower values forget the past geometrically.",
                   .source = ensign});
}

void declare_channels(schema_table& t) {
    using C = models::channel_params;
    auto channels = declare<C>(
        t,
        {.path = "channels",
         .description = "Costs the reporting channels share: serving languages beyond the "
                        "first. Each channel has its own table below: [channels.app], "
                        "[channels.phone_desk], [channels.groups], [channels.social_media]."},
        [](auto& p, std::size_t) -> auto& { return p.channels; });
    channels.number("translation_cost_per_report", &C::translation_cost_per_report,
                    {.unit = "euros",
                     .range = euros,
                     .description = "Cost of translating one report filed in a language other "
                                    "than the first of scenario.languages.",
                     .source = "assumption",
                     .plausible = plausibly(5, 40)});
    channels.number("language_cost_per_day", &C::language_cost_per_day,
                    {.unit = "euros per language per channel per day",
                     .range = euros,
                     .description = "Running cost of each language beyond the first that a "
                                    "channel supports (the app, the phone desk).",
                     .source = "assumption",
                     .plausible = plausibly(10, 100)});

    using A = models::app_params;
    auto app = declare<A>(
        t, {.path = "channels.app", .description = "The reporting app, next to the phone desk."},
        [](auto& p, std::size_t) -> auto& { return p.channels.app; });
    app.boolean("enabled", &A::enabled,
                {.description = "Whether the app exists; false switches the mechanism off (a "
                                "rollout phase may still switch it on in its neighbourhoods)."});
    app.integer("launch_day", &A::launch_day,
                {.unit = "day",
                 .range = at_least(0),
                 .description = "Day of the run on which the app becomes available.",
                 .role = key_role::case_input});
    app.custom(
        "languages", value_kind::string_list,
        {.description = "Languages the app supports; residents speaking none of them cannot "
                        "use it.",
         .shape = {.min_items = 1, .unique = true},
         .default_note = "the first of scenario.languages",
         .allowed_note = "names from scenario.languages"},
        [](parameters& p, A& a, const value& v) { return set_language_indices(p, a.languages, v); },
        [](const parameters& p, const A& a) { return language_names(p, a.languages); });

    using D = models::phone_desk_params;
    auto desk = declare<D>(
        t,
        {.path = "channels.phone_desk",
         .description = "The police phone line and front desk: always open, in the languages "
                        "it has interpreters for."},
        [](auto& p, std::size_t) -> auto& { return p.channels.phone_desk; });
    desk.custom(
        "languages", value_kind::string_list,
        {.description = "Languages the phone desk has interpreters for.",
         .shape = {.min_items = 1, .unique = true},
         .default_note = "the first of scenario.languages",
         .allowed_note = "names from scenario.languages"},
        [](parameters& p, D& d, const value& v) { return set_language_indices(p, d.languages, v); },
        [](const parameters& p, const D& d) { return language_names(p, d.languages); });
    desk.number("unsupported_factor", &D::unsupported_factor,
                {.unit = "share",
                 .range = share,
                 .description = "A resident whose language the desk does not support reports "
                                "with this share of their usual probability.",
                 .source = "assumption",
                 .plausible = plausibly(0.2, 0.8)});

    using G = models::group_channel_params;
    auto groups = declare<G>(
        t,
        {.path = "channels.groups",
         .description = "Neighbourhood chat groups (WhatsApp-style) that residents join and "
                        "report through; whether a group has a facilitator is "
                        "[policy.moderation]'s matter."},
        [](auto& p, std::size_t) -> auto& { return p.channels.groups; });
    const std::string group_sizes =
        "FA-TAMTAM counts (piunotizie.it, ravennawebtv.it): groups of ~55-67; Dutch groups ~40 "
        "(surveillance-and-society field study)";
    groups.boolean("enabled", &G::enabled,
                   {.description = "Whether neighbourhood groups exist; false switches the "
                                   "mechanism off (a rollout phase may still switch them on in "
                                   "its neighbourhoods).",
                    .source = "Mols & Pridmore 2019; FA-TAMTAM"});
    groups.integer("launch_day", &G::launch_day,
                   {.unit = "day",
                    .range = at_least(0),
                    .description = "Day of the run from which residents can join groups.",
                    .role = key_role::case_input});
    groups.number("join_rate", &G::join_rate,
                  {.unit = "per year",
                   .range = at_least(0),
                   .description = "Yearly hazard of joining a neighbourhood group, for "
                                  "residents with basic digital skills.",
                   .source = "model assumption; FA-TAMTAM: 2,000-2,200 members among ~90,000 "
                             "inhabitants",
                   .plausible = plausibly(0.002, 0.02)});
    groups.integer("target_size", &G::target_size,
                   {.unit = "members",
                    .range = at_least(2),
                    .description = "A new group opens in the neighbourhood when every group has "
                                   "this many members.",
                    .source = group_sizes,
                    .plausible = plausibly(40, 67)});
    groups.integer("size_cap", &G::size_cap,
                   {.unit = "members",
                    .range = at_least(2),
                    .description = "Largest possible group.",
                    .source = "WhatsApp's cap of 256",
                    .allowed_note = "at least target_size",
                    .check = [](const parameters& p, std::size_t, bool) -> std::string {
                        const auto& g = p.channels.groups;
                        if (g.size_cap >= g.target_size) return {};
                        return "must be at least target_size (" + std::to_string(g.target_size) +
                               "): a group must be able to reach the size at which the next one "
                               "opens";
                    }});
    groups.number("messages_per_member", &G::messages_per_member,
                  {.unit = "messages per member per day",
                   .range = at_least(0),
                   .description = "Chat messages besides reports, which a facilitator has to "
                                  "read too.",
                   .source = "assumption",
                   .plausible = plausibly(0.05, 1)});

    using S = models::social_media_params;
    auto social = declare<S>(
        t,
        {.path = "channels.social_media",
         .description = "Public social media: residents without the app or a group may report "
                        "by a post, which the police see only through their online hours."},
        [](auto& p, std::size_t) -> auto& { return p.channels.social_media; });
    social.boolean("enabled", &S::enabled,
                   {.description = "Whether residents post reports and news on public social "
                                   "media; false switches the mechanism off."});
    social.number_list("use_share", &S::use_share,
                       {.unit = "share",
                        .range = share,
                        .description = "Share using social media per age band 16-29, 30-49, "
                                       "50-64, 65+.",
                        .source = "Eurostat-like; model assumption",
                        .plausible = {{0.75, 0.95}, {0.55, 0.85}, {0.35, 0.65}, {0.15, 0.45}}});
    social.number("report_share", &S::report_share,
                  {.unit = "share",
                   .range = share,
                   .description = "Share of users without the app or a group who report by a "
                                  "public post rather than by phone or desk.",
                   .source = "model assumption; Terrassa takes reports over social media",
                   .plausible = plausibly(0.02, 0.25)});
    social.number("pickup_per_online_hour", &S::pickup_per_online_hour,
                  {.unit = "per online officer hour per 1,000 residents",
                   .range = at_least(0),
                   .description = "P(the police see a post) = 1 - exp(-k × official online hours "
                                  "per 1,000 residents); posts they miss are ignored.",
                   .source = "assumption",
                   .plausible = plausibly(3, 30)});
    social.number("visibility", &S::visibility,
                  {.unit = "share",
                   .range = share,
                   .description = "Share of the neighbourhood's social-media users who see a "
                                  "given post (news, alerts, rumours).",
                   .source = "assumption",
                   .plausible = plausibly(0.01, 0.3)});
}

void declare_behaviour(schema_table& t) {
    using I = models::incident_params;
    auto incidents = declare<I>(
        t, {.path = "behaviour.incidents", .description = "Who sees an incident."},
        [](auto& p, std::size_t) -> auto& { return p.incidents; });
    incidents.per_category_number("witnesses_mean", &I::witnesses_mean,
                                  {.unit = "people",
                                   .range = at_least(0),
                                   .description = "Mean number of witnesses (Poisson).",
                                   .source = "model assumption",
                                   .plausible = plausibly(0.3, 3)});

    using R = models::reporting_params;
    auto reporting = declare<R>(
        t,
        {.path = "behaviour.reporting",
         .description = "Whether a victim or witness reports: a logit model around a base rate."},
        [](auto& p, std::size_t) -> auto& { return p.reporting; });
    reporting.per_category_number(
        "base_rate", &R::base_rate,
        {.unit = "probability",
         .range = open_between(0, 1),
         .description = "Probability that a victim reports, at the reference trust, cohesion "
                        "and deprivation."},
        {"CSEW 2009/10: burglary 0.80", "CSEW 2009/10: vandalism 0.35", "model assumption",
         "model assumption", "MOPAC 2015: up to 52% unreported"},
        {interval{}, interval{}, interval{0.1, 0.4}, interval{0.1, 0.4}, interval{}});
    const std::string goudriaan =
        "Goudriaan: seriousness and cohesion raise reporting, disadvantage lowers it";
    reporting.number("trust_effect", &R::trust_effect,
                     {.unit = "logit per unit",
                      .range = between(-10, 10),
                      .description = "Logit added per unit of trust above the reference.",
                      .source = goudriaan + "; size: assumption",
                      .plausible = plausibly(0.5, 4)});
    reporting.number("cohesion_effect", &R::cohesion_effect,
                     {.unit = "logit per unit",
                      .range = between(-10, 10),
                      .description = "Logit added per unit of cohesion above the reference.",
                      .source = goudriaan + "; size: assumption",
                      .plausible = plausibly(0.25, 2)});
    reporting.number("deprivation_effect", &R::deprivation_effect,
                     {.unit = "logit per unit",
                      .range = between(-10, 10),
                      .description = "Logit per unit of deprivation above the reference (the "
                                     "model subtracts it).",
                      .source = goudriaan + "; size: assumption",
                      .plausible = plausibly(0.25, 2)});
    reporting.number(
        "reference_trust", &R::reference_trust,
        {.range = share,
         .description = "Trust at which base_rate applies.",
         .source = "convention: the defaults of initial trust, cohesion and deprivation",
         .role = key_role::convention});
    reporting.number(
        "reference_cohesion", &R::reference_cohesion,
        {.range = share,
         .description = "Cohesion at which base_rate applies.",
         .source = "convention: the defaults of initial trust, cohesion and deprivation",
         .role = key_role::convention});
    reporting.number(
        "reference_deprivation", &R::reference_deprivation,
        {.range = share,
         .description = "Deprivation at which base_rate applies.",
         .source = "convention: the defaults of initial trust, cohesion and deprivation",
         .role = key_role::convention});
    reporting.number("witness_factor", &R::witness_factor,
                     {.unit = "share",
                      .range = share,
                      .description = "A witness reports with this share of a victim's "
                                     "probability.",
                      .source = "assumption",
                      .plausible = plausibly(0.1, 0.5)});
    reporting.number(
        "app_uplift", &R::app_uplift,
        {.unit = "logit",
         .range = between(-5, 5),
         .description = "Logit added when the reporter uses the app or a neighbourhood group.",
         .source = "assumption: an easier channel raises reporting, by at most about 1 logit",
         .plausible = plausibly(0, 1)});

    using D = models::adoption_params;
    auto adoption = declare<D>(
        t,
        {.path = "behaviour.adoption",
         .description = "Bass diffusion of the app among residents who can use it (basic digital "
                        "skills and a supported language)."},
        [](auto& p, std::size_t) -> auto& { return p.adoption; });
    const std::string bass = "Bass 1969; Sultan, Farley & Lehmann 1990: 0.03 / 0.38";
    adoption.number("p", &D::p,
                    {.unit = "per year",
                     .range = between(0, 10),
                     .description = "Innovation coefficient.",
                     .source = bass});
    adoption.number("q", &D::q,
                    {.unit = "per year",
                     .range = between(0, 10),
                     .description = "Imitation coefficient.",
                     .source = bass});

    using T = models::trust_params;
    auto trust = declare<T>(
        t,
        {.path = "behaviour.trust",
         .description = "Trust in the police and how contacts change it."},
        [](auto& p, std::size_t) -> auto& { return p.trust; });
    const std::string skogan =
        "Skogan 2006, Asymmetry in the impact of encounters with police, Policing & Society "
        "16(2), doi:10.1080/10439460600662098";
    trust.number("initial_mean", &T::initial_mean,
                 {.unit = "share",
                  .range = open_between(0, 1),
                  .description = "Mean of the Beta distribution of resting trust: where each "
                                 "resident's trust starts and returns to.",
                  .source = "OECD Trust Survey 2021: 72% trust the police"});
    trust.number("initial_concentration", &T::initial_concentration,
                 {.range = above(0),
                  .description = "Concentration (alpha + beta) of that Beta distribution.",
                  .source = "assumption",
                  .plausible = plausibly(4, 20)});
    trust.number(
        "half_life_days", &T::half_life_days,
        {.unit = "days",
         .range = above(0),
         .description = "Days for half the gap between trust and its resting level to close "
                        "when nothing happens (applied every 7 days).",
         .source = "assumption; trust is sticky and shocks last over a year: "
                   "Oliveira et al. 2021, doi:10.1007/s10940-020-09478-2",
         .plausible = plausibly(180, 1095)});
    trust.number("positive_contact", &T::positive_contact,
                 {.unit = "trust",
                  .range = share,
                  .description = "Trust gained from a good contact; a bad one loses "
                                 "negative_weight times as much.",
                  .source = "assumption",
                  .plausible = plausibly(0.005, 0.05)});
    trust.number("negative_weight", &T::negative_weight,
                 {.range = between(0, 100),
                  .description = "Weight of a bad contact relative to a good one.",
                  .source = skogan + ": 4-14",
                  .plausible = plausibly(4, 14)});
    trust.number("procedural_quality", &T::procedural_quality,
                 {.unit = "share",
                  .range = share,
                  .description = "Share of answered reports the reporter experiences as fairly "
                                 "handled; the others count as bad contacts.",
                  .source = "assumption; well-received contacts improve "
                            "perceived fairness: Bradford, Jackson & Stanko 2009, "
                            "doi:10.1093/police/pap005",
                  .plausible = plausibly(0.6, 0.95)});
    trust.number("late_weight", &T::late_weight,
                 {.unit = "share",
                  .range = share,
                  .description = "A report answered after its police.target_hours counts as a "
                                 "bad contact of this weight.",
                  .source = "assumption; responses slower than expected "
                            "dissatisfy: Brandl & Horvath 1991, NCJRS 66602",
                  .plausible = plausibly(0.25, 1)});
    trust.number("trusting_threshold", &T::trusting_threshold,
                 {.range = share,
                  .description = "Trust above which a resident counts as trusting.",
                  .role = key_role::convention});
    trust.number("vicarious_weight", &T::vicarious_weight,
                 {.unit = "share",
                  .range = share,
                  .description = "Those who hear of a contact feel this share of its trust "
                                 "change: members of the reporter's group, and those who hear of "
                                 "a stop of an innocent person.",
                  .source = "assumption; vicarious experience shapes "
                            "attitudes: Rosenbaum et al. 2005, doi:10.1177/1098611104271085",
                  .plausible = plausibly(0.05, 0.5)});
    trust.integer("stop_hearers", &T::stop_hearers,
                  {.unit = "residents",
                   .range = between(0, 10000),
                   .description = "Members of the stopped person's community in the "
                                  "neighbourhood who hear of a police stop of an innocent "
                                  "person (after a handled suspicious-person report); for the "
                                  "person it is a bad contact.",
                   .source = "assumption; stops lower legitimacy of those who "
                             "experience or see them: Tyler, Fagan & Geller 2014, "
                             "https://scholarship.law.columbia.edu/faculty_scholarship/1890",
                   .plausible = plausibly(5, 100)});

    using Vi = models::victimisation_params;
    auto victimisation = declare<Vi>(
        t,
        {.path = "behaviour.victimisation",
         .description = "Who is victimised: unequal risk, so that a few residents suffer much of "
                        "the crime and repeat victimisation appears."},
        [](auto& p, std::size_t) -> auto& { return p.victimisation; });
    victimisation.number(
        "risk_shape", &Vi::risk_shape,
        {.range = above(0),
         .description = "Shape of the Gamma (mean 1) of each resident's relative risk; smaller "
                        "concentrates victimisation on fewer residents.",
         .source = "calibrated: 0.5 gives 16% of a year's victims victimised more than once, "
                   "within CSEW 2012/13's 7-25% by offence (ONS, Focus on Property Crime "
                   "2012/13, ch. 2); see docs/validation.md",
         .plausible = plausibly(0.3, 1)});
    victimisation.number_list(
        "age_risk", &Vi::age_risk,
        {.range = at_least(0),
         .description = "Relative risk per age band 16-29, 30-49, 50-64, 65+.",
         .source = "assumption; direction: ONS, victims aged 55+ have "
                   "lower odds than those 16-24 (Crime Survey for England and Wales 2023)",
         .plausible = plausibly(0.3, 2.5)});

    using Pr = models::prevention_params;
    auto prevention = declare<Pr>(
        t,
        {.path = "behaviour.prevention",
         .description = "Crime prevention: patrols and neighbourhood groups change how many "
                        "incidents happen, not only how many are known."},
        [](auto& p, std::size_t) -> auto& { return p.prevention; });
    prevention.boolean("enabled", &Pr::enabled,
                       {.description = "Crime prevention by patrols and groups; false switches "
                                       "the mechanism off: incident rates ignore them."});
    prevention.number(
        "reference_patrol_hours", &Pr::reference_patrol_hours,
        {.unit = "patrol hours per 1,000 residents per day",
         .range = above(0),
         .description = "Patrol hours at which neighbourhood.incident_rate holds; the default is "
                        "the default staffing (445 residents per officer, 5.5 h a day, 30% on "
                        "patrol).",
         .role = key_role::convention});
    prevention.per_category_number(
        "patrol_elasticity", &Pr::patrol_elasticity,
        {.range = between(-2, 0),
         .description = "Incidents scale as (patrol hours / reference) to this power.",
         .source = "assumption; crime falls with police numbers, violent "
                   "more than property: Chalfin & McCrary 2018, doi:10.1162/REST_a_00694; "
                   "hot spots policing cuts crime and diffuses benefits: Braga et al. 2019, "
                   "doi:10.1002/cl2.1046",
         .plausible = plausibly(-0.5, 0)});
    prevention.number(
        "patrol_ratio_limit", &Pr::patrol_ratio_limit,
        {.range = at_least(1),
         .description = "The ratio of a neighbourhood's patrol hours to the reference is held "
                        "within [1/limit, limit] before the elasticity applies: the elasticity, "
                        "estimated on modest changes of police numbers, is not extrapolated to "
                        "neighbourhoods patrols all but leave.",
         .source = "assumption",
         .plausible = plausibly(1.5, 4)});
    prevention.per_category_number(
        "watch_reduction", &Pr::watch_reduction,
        {.unit = "share",
         .range = share,
         .description = "Share of incidents prevented where groups fully cover the "
                        "neighbourhood.",
         .source = "Bennett, Holloway & Farrington 2008, doi:10.4073/csr.2008.18: crime 16-26% "
                   "lower (odds ratio 1.19-1.36); 0.16 for crimes with a victim, 0 elsewhere",
         .plausible = plausibly(0, 0.3)});
    prevention.number(
        "watch_full_coverage", &Pr::watch_full_coverage,
        {.unit = "share",
         .range = open_between(0, 1),
         .description = "Share of residents in groups at which a neighbourhood counts as fully "
                        "covered by a watch.",
         .source = "assumption",
         .plausible = plausibly(0.05, 0.3)});

    using F = models::fear_params;
    auto fear = declare<F>(
        t,
        {.path = "behaviour.fear",
         .description = "Fear of crime: a resting level, shocks, and decay."},
        [](auto& p, std::size_t) -> auto& { return p.fear; });
    const std::string prieto = "Prieto Curiel & Bishop 2017, Modelling the fear of crime";
    fear.number("concentration", &F::concentration,
                {.range = above(0),
                 .description = "Beta concentration of resting fear around the neighbourhood's "
                                "fear_baseline.",
                 .source = "assumption",
                 .plausible = plausibly(3, 12)});
    fear.number("decay", &F::decay,
                {.unit = "per day",
                 .range = share,
                 .description = "Share of the gap to resting fear closed per day.",
                 .source = prieto,
                 .plausible = plausibly(0.005, 0.05)});
    fear.number("victim_shock", &F::victim_shock,
                {.unit = "share",
                 .range = share,
                 .description = "Share of the distance to 1 added on victimisation.",
                 .source = prieto,
                 .plausible = plausibly(0.1, 0.5)});
    fear.number("witness_shock", &F::witness_shock,
                {.unit = "share",
                 .range = share,
                 .description = "Same, for witnesses.",
                 .source = prieto,
                 .plausible = plausibly(0.02, 0.2)});
    fear.number("exposure_shock", &F::exposure_shock,
                {.unit = "share",
                 .range = share,
                 .description = "Same, per serious or hate incident per 1,000 residents in the "
                                "neighbourhood that day.",
                 .source = prieto,
                 .plausible = plausibly(0.0005, 0.005)});
    fear.number(
        "contagion", &F::contagion,
        {.unit = "per day",
         .range = share,
         .description = "Share of the distance to 1 added per day per unit of the "
                        "neighbourhood's mean fear the day before: fear spreads by talk "
                        "with fearful neighbours.",
         .source = "calibrated to EU ICS 2005 via EFUS (~30% worried); mechanism: " + prieto +
                   ", doi:10.1098/rspa.2017.0156; most fear is second-hand: "
                   "Skogan & Maxfield 1981, NCJ 78899",
         .plausible = plausibly(0.012, 0.02)});
    fear.number("patrol_reassurance", &F::patrol_reassurance,
                {.unit = "per patrol hour per 1,000 residents",
                 .range = share,
                 .description = "Added to the daily decay of fear where patrols go.",
                 .source = "assumption; foot patrols lowered fear without "
                           "changing crime: Police Foundation 1981, The Newark Foot Patrol "
                           "Experiment",
                 .plausible = plausibly(0, 0.005)});
    fear.number_list("age_fear", &F::age_fear,
                     {.range = at_least(0),
                      .description = "Resting fear per age band 16-29, 30-49, 50-64, 65+, as a "
                                     "multiple of the neighbourhood's fear_baseline.",
                      .source = "1 for all: sex predicts fear more than age (Ferraro 1995, NCJ "
                                "154033); set it for a local survey",
                      .plausible = plausibly(0.8, 1.3)});
    fear.number("worried_threshold", &F::worried_threshold,
                {.range = share,
                 .description = "Fear above which a resident counts as worried.",
                 .role = key_role::convention});

    using N = models::information_params;
    auto information = declare<N>(
        t,
        {.path = "behaviour.information",
         .description = "Crime news, alerts and official posts reaching residents through "
                        "groups and social media, and the fear they add."},
        [](auto& p, std::size_t) -> auto& { return p.information; });
    const std::string media =
        "Prieto Curiel & Bishop 2017 (alerts in the fear model); Intravia et al. 2017 (2nd): "
        "social media raise fear mainly among those who felt safe";
    information.boolean("enabled", &N::enabled,
                        {.description = "Whether news and alerts reach residents and raise "
                                        "fear; false switches the mechanism off."});
    information.number("alert_fear", &N::alert_fear,
                       {.unit = "share",
                        .range = share,
                        .description = "Fear shock per alert seen, times (1 - fear): those who "
                                       "felt safe are shaken most.",
                        .source = media + "; size: assumption",
                        .plausible = plausibly(0.002, 0.03)});
    information.number("overload_threshold", &N::overload_threshold,
                       {.unit = "alerts per day",
                        .range = at_least(0),
                        .description = "Alerts seen per day above which overload adds "
                                       "overload_fear.",
                        .source = "model assumption; Fetterman (govtech.com, 2nd): app users "
                                  "perceive more crime than there is",
                        .plausible = plausibly(2, 15)});
    information.number("overload_fear", &N::overload_fear,
                       {.unit = "share",
                        .range = share,
                        .description = "Extra fear shock on a day of overload, times (1 - fear).",
                        .source = "assumption",
                        .plausible = plausibly(0.005, 0.05)});

    using U = models::rumour_params;
    auto rumours = declare<U>(
        t,
        {.path = "behaviour.rumours",
         .description = "Rumours and fake news spreading by word of mouth, over a social-media "
                        "follower network and in groups, Maki-Thompson style: a spreader tells "
                        "the ignorant and falls silent on meeting those who already know; the "
                        "police correct false rumours they see."},
        [](auto& p, std::size_t) -> auto& { return p.rumours; });
    const std::string maki = "Daley & Kendall 1965; Maki & Thompson 1973";
    rumours.boolean("enabled", &U::enabled,
                    {.description = "Whether rumours start and spread; false switches the "
                                    "mechanism off.",
                     .source = maki});
    rumours.choice(
        "structure", &U::structure, models::rumour_structure_names, "rumour structure",
        {.description = "Who hears from whom. \"network\": word of mouth among the "
                        "neighbourhood's residents, posts seen by a user's followers (a "
                        "heavy-tailed number) and read by a group's members; hearers pass it on "
                        "with share_probability and spreaders forget: most rumours die small, a "
                        "few reach far. \"well_mixed\": every online resident can tell every "
                        "other and every hearer spreads (Maki-Thompson: about 80 % hear each "
                        "rumour).",
         .source = "network: Goel et al. 2016 (cascade structure), Kwak et al. 2010 (follower "
                   "counts); well_mixed: " +
                   maki + "; Sudbury 1985"});
    rumours.number("start_rate", &U::start_rate,
                   {.unit = "per 10,000 residents per 30 days",
                    .range = at_least(0),
                    .description = "New rumours started in a neighbourhood.",
                    .source = "assumption",
                    .plausible = plausibly(0.05, 1)});
    rumours.number("false_share", &U::false_share,
                   {.unit = "share",
                    .range = share,
                    .description = "Share of rumours that are false.",
                    .source = "assumption",
                    .plausible = plausibly(0.2, 0.8)});
    rumours.number("contact_rate", &U::contact_rate,
                   {.unit = "contacts per spreader per day",
                    .range = at_least(0),
                    .description = "How many residents a spreader tells a day by word of mouth "
                                   "(network), or in all (well_mixed, true rumours).",
                    .source = maki + "; rate: assumption",
                    .plausible = plausibly(0.3, 3)});
    rumours.number("false_multiplier", &U::false_multiplier,
                   {.unit = "factor",
                    .range = at_least(0),
                    .description = "A false rumour's share probability (network), or contact "
                                   "rate (well_mixed), relative to a true one's.",
                    .source = "Vosoughi, Roy & Aral 2018: false news 70 % more likely to be "
                              "retweeted"});
    rumours.number("outgroup_share", &U::outgroup_share,
                   {.unit = "share",
                    .range = share,
                    .description = "Share of false rumours that blame a minority community.",
                    .source = "model assumption; Mols & Pridmore 2019 on ethnic profiling",
                    .plausible = plausibly(0.2, 0.8)});
    rumours.number("fear_shock", &U::fear_shock,
                   {.unit = "share",
                    .range = share,
                    .description = "Fear added on hearing a rumour, times (1 - fear).",
                    .source = "assumption",
                    .plausible = plausibly(0.01, 0.15)});
    rumours.number("prejudice_shock", &U::prejudice_shock,
                   {.unit = "share",
                    .range = share,
                    .description = "Prejudice added on hearing a rumour that blames a minority, "
                                   "times (1 - prejudice).",
                    .source = "assumption",
                    .plausible = plausibly(0.01, 0.15)});
    rumours.number("debunk_per_online_hour", &U::debunk_per_online_hour,
                   {.unit = "per online officer hour per 1,000 residents",
                    .range = at_least(0),
                    .description = "well_mixed only: daily chance that a spreader stops, per "
                                   "official online hour per 1,000 residents.",
                    .source = "assumption",
                    .plausible = plausibly(0.005, 0.1)});
    rumours.number("share_probability", &U::share_probability,
                   {.unit = "share",
                    .range = share,
                    .description = "network: chance that a resident who hears a true rumour "
                                   "passes it on (posts it, tells others); false_multiplier "
                                   "times more for a false one.",
                    .source = "assumption: with the defaults a true rumour's spreader makes "
                              "about 0.7 new spreaders, a false one's about 1.2 (docs/ODD.md "
                              "7.12)",
                    .plausible = plausibly(0.03, 0.3)});
    rumours.number("forget_rate", &U::forget_rate,
                   {.unit = "per day",
                    .range = share,
                    .description = "network: daily chance that a spreader stops of their own "
                                   "accord (forgets, loses interest).",
                    .source = "assumption (forgetting: Zhao et al. 2012, Physica A); a mean of "
                              "about three days of talk",
                    .plausible = plausibly(0.1, 1)});
    rumours.number("followers_scale", &U::followers_scale,
                   {.unit = "users",
                    .range = above(0),
                    .description = "network: scale of the Lomax distribution of how many users "
                                   "of the neighbourhood see a user's post; its mean is scale / "
                                   "(exponent - 2) less the rounding, about 6 with the defaults.",
                    .source = "assumption",
                    .plausible = plausibly(0.5, 5)});
    rumours.number("followers_exponent", &U::followers_exponent,
                   {.unit = "exponent",
                    .range = above(1),
                    .description = "network: tail exponent of that distribution (density ~ "
                                   "k^-exponent): the smaller, the more users with a large "
                                   "local following.",
                    .source = "Kwak et al. 2010 (WWW, doi:10.1145/1772690.1772751): a power law "
                              "of exponent 2.276 fits follower counts; local followings: "
                              "assumption",
                    .plausible = plausibly(2, 3)});
    rumours.number("detection_per_online_hour", &U::detection_per_online_hour,
                   {.unit = "per online officer hour per 1,000 residents",
                    .range = at_least(0),
                    .description = "network: chance that the police see a given public post "
                                   "about a rumour = 1 - exp(-this x officers' online hours per "
                                   "1,000 residents that day); the first post of a false rumour "
                                   "they see makes them post a correction.",
                    .source = "assumption: officers skimming about 20 posts a minute among about "
                              "one post per resident per day",
                    .plausible = plausibly(0.2, 5)});
    rumours.number("police_follower_share", &U::police_follower_share,
                   {.unit = "share",
                    .range = share,
                    .description = "network: share of social-media users who follow the police "
                                   "account and so read its corrections: spreaders among them "
                                   "stop, and those who have not heard the rumour will not "
                                   "believe it.",
                    .source = "assumption",
                    .plausible = plausibly(0.05, 0.4)});

    using J = models::prejudice_params;
    auto prejudice = declare<J>(
        t,
        {.path = "behaviour.prejudice",
         .description = "Out-group suspicion: bounded-confidence (Deffuant) encounters inside "
                        "groups, raised by fear, and the suspicious-person reports it drives."},
        [](auto& p, std::size_t) -> auto& { return p.prejudice; });
    const std::string deffuant =
        "Deffuant et al. 2000: epsilon 0.2-0.5, mu 0.5; consensus for epsilon ≥ 0.5";
    prejudice.boolean("enabled", &J::enabled,
                      {.description = "Whether prejudice moves and drives suspicious-person "
                                      "reports; false switches the mechanism off."});
    prejudice.number("initial_mean", &J::initial_mean,
                     {.unit = "share",
                      .range = open_between(0, 1),
                      .description = "Mean of the Beta distribution of initial prejudice.",
                      .source = "assumption",
                      .plausible = plausibly(0.1, 0.4)});
    prejudice.number("initial_concentration", &J::initial_concentration,
                     {.range = above(0),
                      .description = "Concentration (alpha + beta) of that Beta distribution.",
                      .source = "assumption",
                      .plausible = plausibly(2, 20)});
    prejudice.number("epsilon", &J::epsilon,
                     {.range = share,
                      .description = "Confidence bound: two members move towards each other only "
                                     "if their prejudice differs by less than this.",
                      .source = deffuant,
                      .plausible = plausibly(0.2, 0.5)});
    prejudice.number("mu", &J::mu,
                     {.range = between(0, 0.5),
                      .description = "Convergence: each moves by mu times the gap (0.5 meets in "
                                     "the middle).",
                      .source = deffuant});
    prejudice.number("interactions_per_member", &J::interactions_per_member,
                     {.unit = "per member per day",
                      .range = at_least(0),
                      .description = "Pairwise encounters inside a group, per member per day.",
                      .source = "assumption",
                      .plausible = plausibly(0.02, 0.5)});
    prejudice.number("fear_effect", &J::fear_effect,
                     {.unit = "per day",
                      .range = share,
                      .description = "Daily rise of prejudice: fear × (1 - prejudice) × this.",
                      .source = "assumption",
                      .plausible = plausibly(0.0005, 0.005)});
    prejudice.number("decay", &J::decay,
                     {.unit = "per day",
                      .range = share,
                      .description = "Daily return of prejudice towards initial_mean, so that "
                                     "fear raises it to a balance rather than to 1.",
                      .source = "assumption",
                      .plausible = plausibly(0.003, 0.03)});
    prejudice.number("suspicious_rate", &J::suspicious_rate,
                     {.unit = "probability per day",
                      .range = share,
                      .description = "Daily chance of a suspicious-person report about a "
                                     "minority member: rate × fear × prejudice, for majority "
                                     "members only.",
                      .source = "model assumption; Mols & Pridmore 2019, van Steden & Mehlbaum: "
                                "groups slide into ethnic profiling",
                      .plausible = plausibly(2e-05, 0.0005)});

    using V = models::vigilantism_params;
    auto vigilantism = declare<V>(
        t,
        {.path = "behaviour.vigilantism",
         .description = "Naming-and-shaming posts and vigilante acts after Epstein's "
                        "civil-violence rule: a rumour spreader acts if grievance - own risk "
                        "aversion × P(arrest) > threshold, with grievance = fear × (1 - trust) and "
                        "P(arrest) = 1 - exp(-k × officers / (1 + others acting)) within sight. A "
                        "shaming post frightens its target; a physical act is an incident of the "
                        "next day (a hate crime when the rumour blamed the out-group). Off by "
                        "default: no data calibrates the act rate yet."},
        [](auto& p, std::size_t) -> auto& { return p.vigilantism; });
    const std::string epstein =
        "Epstein 2002, Modeling civil violence, PNAS 99(suppl 3):7243-7250, "
        "https://doi.org/10.1073/pnas.092080199";
    vigilantism.boolean("enabled", &V::enabled,
                        {.description = "Whether residents turn rumours into shaming posts and "
                                        "vigilante acts; false switches the mechanism off (the "
                                        "default, until the act rate is calibrated)."});
    vigilantism.number("k", &V::k,
                       {.range = above(0),
                        .description = "Arrest-probability constant: with k = 2.3, P(arrest) = "
                                       "0.9 with one officer in sight per resident acting.",
                        .source = epstein + " (k = 2.3)"});
    vigilantism.number("threshold", &V::threshold,
                       {.range = at_least(0),
                        .description = "Net grievance above which a resident may act.",
                        .source = epstein + " (threshold 0.1)"});
    vigilantism.number("risk_aversion", &V::risk_aversion,
                       {.range = at_least(0),
                        .description = "Mean risk aversion; each resident's own is a fixed "
                                       "trait, uniform on [0, 2 × mean].",
                        .source = epstein + " (risk aversion uniform on [0, 1]: mean 0.5)"});
    vigilantism.number("vision_residents", &V::vision_residents,
                       {.unit = "residents",
                        .range = above(0),
                        .description = "Residents within a resident's sight: officers present "
                                       "and residents acting are counted over an area of this "
                                       "many residents of the neighbourhood.",
                        .source = "assumption (Epstein's vision, in residents)",
                        .plausible = plausibly(20, 1000)});
    vigilantism.number("act_probability", &V::act_probability,
                       {.unit = "probability per day",
                        .range = share,
                        .description = "Daily chance that a rumour spreader over the threshold "
                                       "acts.",
                        .source = "assumption (no data calibrates it)",
                        .plausible = plausibly(0.0005, 0.01)});
    vigilantism.number("shaming_share", &V::shaming_share,
                       {.unit = "share",
                        .range = share,
                        .description = "Share of acts that are naming-and-shaming posts rather "
                                       "than physical acts.",
                        .source = "model assumption; Mols & Pridmore 2019",
                        .plausible = plausibly(0.6, 0.95)});
    vigilantism.number("innocent_share", &V::innocent_share,
                       {.unit = "share",
                        .range = share,
                        .description = "Share of acts on true rumours that hit an innocent "
                                       "person (acts on false rumours always do).",
                        .source = "assumption",
                        .plausible = plausibly(0.1, 0.5)});
    vigilantism.number("target_fear", &V::target_fear,
                       {.unit = "share",
                        .range = share,
                        .description = "Fear shock to the target of a published shaming post, as "
                                       "a share of the distance to full fear.",
                        .source = "assumption (as behaviour.fear.witness_shock)",
                        .plausible = plausibly(0.05, 0.3)});
}

void declare_policy(schema_table& t) {
    using M = models::moderation_params;
    auto moderation = declare<M>(
        t,
        {.path = "policy.moderation",
         .description = "Police-trained facilitators of the neighbourhood groups (FA-TAMTAM): "
                        "a facilitator filters and enriches members' reports, routes municipal "
                        "issues away from the police, stops rumours and shaming posts, and runs "
                        "activities. Quality rises with training and falls with overload and "
                        "burnout."},
        [](auto& p, std::size_t) -> auto& { return p.policy.moderation; });
    const std::string tamtam =
        "FA-TAMTAM (piunotizie.it; ravennawebtv.it): the group leader filters reports, may call "
        "the reporter back, then forwards to the local police operations room";
    const std::string groups_lit = "Mols & Pridmore 2019; van Steden & Mehlbaum";
    moderation.boolean("enabled", &M::enabled,
                       {.description = "Whether groups get facilitators; false switches the "
                                       "mechanism off and every group is an open chat (a rollout "
                                       "phase may still switch facilitators on in its "
                                       "neighbourhoods).",
                        .source = tamtam});
    moderation.number("facilitated_share", &M::facilitated_share,
                      {.unit = "share",
                       .range = share,
                       .description = "Share of groups that have a facilitator.",
                       .source = "model assumption; FA-TAMTAM: every group has a leader",
                       .plausible = plausibly(0.7, 1)});
    moderation.number("training_hours", &M::training_hours,
                      {.unit = "hours",
                       .range = at_least(0),
                       .description = "Police training each facilitator receives.",
                       .source = "assumption",
                       .plausible = plausibly(8, 40)});
    moderation.number("training_scale", &M::training_scale,
                      {.unit = "hours",
                       .range = above(0),
                       .description = "Training level = 1 - exp(-training_hours / "
                                      "training_scale).",
                       .source = "assumption",
                       .plausible = plausibly(10, 40)});
    moderation.number("capacity", &M::capacity,
                      {.unit = "messages per day",
                       .range = above(0),
                       .description = "Messages (reports and chat) a facilitator can handle a "
                                      "day; more is overload.",
                       .source = "assumption: a volunteer facilitator reads 20-80 messages a day",
                       .plausible = plausibly(20, 80)});
    moderation.number("base_quality", &M::base_quality,
                      {.unit = "probability",
                       .range = share,
                       .description = "Precision and recall of an untrained facilitator's "
                                      "filtering.",
                       .source = "assumption",
                       .plausible = plausibly(0.4, 0.75)});
    moderation.number(
        "max_quality", &M::max_quality,
        {.unit = "probability",
         .range = share,
         .description = "Precision and recall of a fully trained facilitator who is not "
                        "overloaded.",
         .source = "assumption",
         .plausible = plausibly(0.85, 0.99),
         .allowed_note = "at least base_quality",
         .check = [](const parameters& p, std::size_t, bool) -> std::string {
             const auto& m = p.policy.moderation;
             if (m.max_quality >= m.base_quality) return {};
             return "must be at least base_quality (" + format_number(m.base_quality) +
                    "): training cannot make a facilitator worse";
         }});
    moderation.number("burnout_rate", &M::burnout_rate,
                      {.unit = "per day per unit of overload",
                       .range = at_least(0),
                       .description = "Burnout gained per day, per unit of load above capacity.",
                       .source = "assumption",
                       .plausible = plausibly(0.01, 0.2)});
    moderation.number("recovery_rate", &M::recovery_rate,
                      {.unit = "per day",
                       .range = at_least(0),
                       .description = "Burnout lost per day without overload.",
                       .source = "assumption",
                       .plausible = plausibly(0.005, 0.05)});
    moderation.number("rumour_stop", &M::rumour_stop,
                      {.unit = "probability",
                       .range = share,
                       .description = "Chance that a fully trained facilitator stops a rumour "
                                      "in the group.",
                       .source = "assumption",
                       .plausible = plausibly(0.5, 0.95)});
    moderation.number("shaming_removal", &M::shaming_removal,
                      {.unit = "probability",
                       .range = share,
                       .description = "Chance that a fully trained facilitator removes a "
                                      "naming-and-shaming post.",
                       .source = "model assumption; " + groups_lit,
                       .plausible = plausibly(0.6, 0.99)});
    moderation.number("answer_trust_gain", &M::answer_trust_gain,
                      {.unit = "trust per answered report",
                       .range = share,
                       .description = "Trust gained by every member of a facilitated group when a "
                                      "report posted in it is answered (handled, or routed to the "
                                      "municipality), the facilitator having followed it up; times "
                                      "the facilitator's training level and (1 - overload).",
                       .source = "assumption; " + tamtam,
                       .plausible = plausibly(0.0005, 0.01)});
    moderation.number("cohesion_gain", &M::cohesion_gain,
                      {.unit = "per day per member share",
                       .range = share,
                       .description = "Daily cohesion gain of a neighbourhood, per share of its "
                                      "residents in facilitated groups, from group activities.",
                       .source = groups_lit +
                                 ": groups build cohesion more than they prevent "
                                 "crime" +
                                 "; size: assumption",
                       .plausible = plausibly(5e-05, 0.001)});
    moderation.number("volunteer_rate", &M::volunteer_rate,
                      {.unit = "probability per day",
                       .range = share,
                       .description = "Daily chance that a member of a group with a fully "
                                      "trained facilitator becomes a volunteer.",
                       .source = "assumption",
                       .plausible = plausibly(0.0001, 0.002)});
    moderation.number("cost_per_training_hour", &M::cost_per_training_hour,
                      {.unit = "euros",
                       .range = euros,
                       .description = "Cost of one hour of facilitator training.",
                       .source = "assumption",
                       .plausible = plausibly(20, 80)});

    using F = models::filtering_params;
    auto filtering = declare<F>(
        t,
        {.path = "policy.filtering",
         .description = "Police triage of incoming reports before they are queued."},
        [](auto& p, std::size_t) -> auto& { return p.policy.filtering; });
    filtering.choice(
        "mode", &F::mode, models::triage_mode_names, "triage mode",
        {.description = "\"none\" queues every report, first come first served; \"rules\" "
                        "routes by category, merges duplicates and orders by severity; "
                        "\"classifier\" drops reports it scores as irrelevant, with the accuracy "
                        "and threshold below.",
         .source = "Terrassa (multichannel reporting, municipal categories); model "
                   "assumption"});
    filtering.number("rules_minutes", &F::rules_minutes,
                     {.unit = "officer minutes per report",
                      .range = at_least(0),
                      .description = "Time to triage one report by rules.",
                      .source = "assumption",
                      .plausible = plausibly(1, 6)});
    filtering.number("classifier_minutes", &F::classifier_minutes,
                     {.unit = "officer minutes per report",
                      .range = at_least(0),
                      .description = "Time to check one classified report.",
                      .source = "assumption",
                      .plausible = plausibly(0.2, 2)});
    filtering.number("accuracy", &F::accuracy,
                     {.unit = "probability",
                      .range = between(0.5, 1),
                      .description = "Classifier accuracy at threshold 0.5.",
                      .source = "assumption",
                      .plausible = plausibly(0.7, 0.95)});
    filtering.number("threshold", &F::threshold,
                     {.range = open_between(0, 1),
                      .description = "Classifier score threshold; higher filters more.",
                      .source = "assumption",
                      .plausible = plausibly(0.3, 0.7)});
    filtering.number("minority_gap", &F::minority_gap,
                     {.unit = "probability",
                      .range = between(0, 0.5),
                      .description = "Accuracy lost on reports by or about minority members: a "
                                     "source of algorithmic bias.",
                      .source = "Lum & Isaac 2016, To predict and serve? (bias in police data); "
                                "size a model assumption",
                      .plausible = plausibly(0, 0.1)});
    filtering.integer("duplicate_window_days", &F::duplicate_window_days,
                      {.unit = "days",
                       .range = at_least(0),
                       .description = "Reports of the same incident within this many days are "
                                      "merged into the one already queued (rules and "
                                      "classifier): a report filed on day d merges with one "
                                      "queued on day q when q <= d < q + window, so 0 never "
                                      "merges and 1 merges same-day duplicates.",
                       .source = "model assumption",
                       .plausible = plausibly(1, 7)});

    using P = models::participation_params;
    auto participation = declare<P>(
        t,
        {.path = "policy.participation",
         .description = "Decidim/CitizenLab-style consultations: participants vote on "
                        "neighbourhood priorities, which steer part of the patrol hours."},
        [](auto& p, std::size_t) -> auto& { return p.policy.participation; });
    const std::string decidim = "Decidim, CitizenLab (seed factsheet); size a model assumption";
    participation.boolean("enabled", &P::enabled,
                          {.description = "Whether consultations are held; false switches the "
                                          "mechanism off (a rollout phase may still switch them "
                                          "on in its neighbourhoods).",
                           .source = decidim});
    participation.integer("period_days", &P::period_days,
                          {.unit = "days",
                           .range = at_least(1),
                           .description = "Days between consultations.",
                           .source = "assumption",
                           .plausible = plausibly(30, 180)});
    participation.number("base_rate", &P::base_rate,
                         {.unit = "share",
                          .range = share,
                          .description = "Share of app users who take part in a consultation.",
                          .source = decidim,
                          .plausible = plausibly(0.01, 0.15)});
    participation.number_list("age_factor", &P::age_factor,
                              {.unit = "factor",
                               .range = at_least(0),
                               .description = "Participation multiplier per age band 16-29, "
                                              "30-49, 50-64, 65+.",
                               .source = "assumption",
                               .plausible = {{0.5, 1}, {0.8, 1.2}, {0.9, 1.4}, {0.6, 1.2}}});
    participation.number("offline_factor", &P::offline_factor,
                         {.unit = "factor",
                          .range = share,
                          .description = "Residents who cannot take part online (no basic digital "
                                         "skills, no app, or a language the app lacks) take part "
                                         "at this factor of base_rate.",
                          .source = "assumption",
                          .plausible = plausibly(0.05, 0.5)});
    participation.custom(
        "outreach_age_bands", value_kind::string_list,
        {.description = "Age bands that consultation outreach reaches; empty or absent means "
                        "none.",
         .source = "model assumption",
         .shape = {.unique = true},
         .default_note = "none",
         .allowed_note = age_band_list},
        [](parameters&, P& part, const value& v) {
            return set_age_band_mask(part.outreach_age_band_mask, v, 0);
        },
        [](const parameters&, const P& part) {
            return age_band_names_of(part.outreach_age_band_mask);
        });
    participation.boolean("outreach_low_literacy", &P::outreach_low_literacy,
                          {.description = "Whether outreach also reaches residents without basic "
                                          "digital skills (e.g. paper ballots, assisted "
                                          "sessions).",
                           .source = "model assumption"});
    participation.number("outreach_boost", &P::outreach_boost,
                         {.unit = "factor",
                          .range = at_least(1),
                          .description = "Participation multiplier for residents reached by "
                                         "outreach.",
                          .source = "assumption",
                          .plausible = plausibly(1.5, 5)});
    participation.number("patrol_vote_share", &P::patrol_vote_share,
                         {.unit = "share",
                          .range = share,
                          .description = "Share of patrol hours allocated by the last vote "
                                         "rather than by [police.patrol].",
                          .source = "assumption",
                          .plausible = plausibly(0.05, 0.5)});
    participation.number("trust_gain", &P::trust_gain,
                         {.unit = "trust",
                          .range = share,
                          .description = "Trust gained by a participant.",
                          .source = "assumption",
                          .plausible = plausibly(0.005, 0.05)});
    participation.number("cost_per_consultation", &P::cost_per_consultation,
                         {.unit = "euros",
                          .range = euros,
                          .description = "Cost of running one consultation.",
                          .source = "assumption",
                          .plausible = plausibly(2000, 20000)});
}

void declare_campaign(schema_table& t) {
    using C = models::campaign_params;
    auto c = declare<C>(
        t,
        {.path = "policy.outreach.campaign",
         .repeated = true,
         .description = "Outreach campaigns that make residents aware of the app. Address one "
                        "in a dotted key by index or name: "
                        "`policy.outreach.campaign.seniors.enabled`.",
         .case_inputs = true,
         .count = [](const parameters& p) { return p.policy.outreach.campaigns.size(); },
         .resize =
             [](parameters& p, std::size_t count) {
                 // Absent `neighbourhoods` means all of them, so the flags start set.
                 p.policy.outreach.campaigns.resize(count);
                 for (auto& campaign : p.policy.outreach.campaigns) {
                     campaign.neighbourhood_targeted.assign(p.neighbourhoods.size(), 1);
                 }
             }},
        [](auto& p, std::size_t i) -> auto& { return p.policy.outreach.campaigns[i]; });
    c.text("name", &C::name,
           {.description = "Unique name, used in dotted keys.",
            .required = true,
            .check = [](const parameters& p, std::size_t e, bool assigned) {
                if (!assigned) return std::string{};  // reported as missing already
                std::vector<std::string> names;
                for (const auto& campaign : p.policy.outreach.campaigns) {
                    names.push_back(campaign.name);
                }
                return unique_name_problem(names, e, "campaign");
            }});
    c.boolean("enabled", &C::enabled,
              {.description = "Switch the campaign off without deleting it."});
    c.custom(
        "neighbourhoods", value_kind::string_list,
        {.description = "Neighbourhoods targeted; empty or absent means all.",
         .shape = {.unique = true},
         .default_note = "all",
         .allowed_note = "names of [[neighbourhood]] tables"},
        [](parameters& p, C& campaign, const value& v) {
            return set_neighbourhood_flags(p, campaign.neighbourhood_targeted, v);
        },
        [](const parameters& p, const C& campaign) {
            return neighbourhood_names(p, campaign.neighbourhood_targeted);
        });
    c.custom(
        "age_bands", value_kind::string_list,
        {.description = "Age bands targeted; empty or absent means all.",
         .shape = {.unique = true},
         .default_note = "all",
         .allowed_note = age_band_list},
        [](parameters&, C& campaign, const value& v) {
            return set_age_band_mask(campaign.age_band_mask, v, 0xF);
        },
        [](const parameters&, const C& campaign) {
            return age_band_names_of(campaign.age_band_mask);
        });
    c.custom(
        "languages", value_kind::string_list,
        {.description = "Languages the campaign is run in; empty or absent means all.",
         .shape = {.unique = true},
         .default_note = "all",
         .allowed_note = "names from scenario.languages"},
        [](parameters& p, C& campaign, const value& v) -> std::string {
            const auto& names = std::get<std::vector<std::string>>(v);
            auto found = find_names(names, p.scenario.languages, "language");
            if (auto* message = std::get_if<std::string>(&found)) return *message;
            const auto& indices = std::get<std::vector<std::size_t>>(found);
            // Listing every language is the same campaign as listing none: all bits set, so
            // that the mask reads back identically from to_toml.
            if (names.empty() || indices.size() == p.scenario.languages.size()) {
                campaign.language_mask = 0xFFFFFFFF;
                return {};
            }
            campaign.language_mask = 0;
            for (const auto index : indices) campaign.language_mask |= 1U << index;
            return {};
        },
        [](const parameters& p, const C& campaign) -> value {
            std::vector<std::string> names;
            for (std::size_t i = 0; i < p.scenario.languages.size() && i < models::max_languages;
                 ++i) {
                if ((campaign.language_mask >> i) & 1U) names.push_back(p.scenario.languages[i]);
            }
            return names;
        });
    c.integer("start_day", &C::start_day,
              {.unit = "day", .range = at_least(0), .description = "First day of the campaign."});
    c.integer("end_day", &C::end_day,
              {.unit = "day",
               .range = at_least(0),
               .description = "Day the campaign stops (exclusive).",
               .allowed_note = "greater than start_day",
               .check = [](const parameters& p, std::size_t e, bool) -> std::string {
                   const auto& campaign = p.policy.outreach.campaigns[e];
                   if (campaign.end_day > campaign.start_day) return {};
                   return "must be greater than start_day (" + std::to_string(campaign.start_day) +
                          "); end_day is exclusive";
               }});
    c.number("daily_reach", &C::daily_reach,
             {.unit = "probability per day",
              .range = share,
              .description = "Chance that a targeted resident who is not yet aware becomes aware "
                             "today."});
    c.number("adoption_boost", &C::adoption_boost,
             {.unit = "per year",
              .range = at_least(0),
              .description = "Added to the yearly Bass adoption hazard of residents reached."});
    c.number("cost_per_day", &C::cost_per_day,
             {.unit = "euros", .range = euros, .description = "Running cost."});
}

void declare_rollout(schema_table& t) {
    using R = models::rollout_phase;
    auto r = declare<R>(
        t,
        {.path = "rollout.phase",
         .repeated = true,
         .description = "Dated steps of the rollout. From its start_day, a phase switches the "
                        "channels and policies it names on (true) or off (false) in its "
                        "neighbourhoods; switches it leaves out stay as they were. Phases apply "
                        "in file order, on top of the settings of [channels.app], "
                        "[channels.groups], [policy.moderation] and [policy.participation]. "
                        "Address one in a dotted key by index or name: "
                        "`rollout.phase.pilot.start_day`.",
         .case_inputs = true,
         .count = [](const parameters& p) { return p.rollout.phases.size(); },
         .resize =
             [](parameters& p, std::size_t count) {
                 // Absent `neighbourhoods` means all of them, so the flags start set.
                 p.rollout.phases.resize(count);
                 for (auto& phase : p.rollout.phases) {
                     phase.neighbourhood_targeted.assign(p.neighbourhoods.size(), 1);
                 }
             }},
        [](auto& p, std::size_t i) -> auto& { return p.rollout.phases[i]; });
    r.text("name", &R::name,
           {.description = "Unique name, used in dotted keys.",
            .required = true,
            .check = [](const parameters& p, std::size_t e, bool assigned) {
                if (!assigned) return std::string{};  // reported as missing already
                std::vector<std::string> names;
                for (const auto& phase : p.rollout.phases) names.push_back(phase.name);
                return unique_name_problem(names, e, "rollout phase");
            }});
    r.integer("start_day", &R::start_day,
              {.unit = "day",
               .range = at_least(0),
               .description = "First day on which the phase's switches apply."});
    r.custom(
        "neighbourhoods", value_kind::string_list,
        {.description = "Neighbourhoods the phase applies to; empty or absent means all.",
         .shape = {.unique = true},
         .default_note = "all",
         .allowed_note = "names of [[neighbourhood]] tables"},
        [](parameters& p, R& phase, const value& v) {
            return set_neighbourhood_flags(p, phase.neighbourhood_targeted, v);
        },
        [](const parameters& p, const R& phase) {
            return neighbourhood_names(p, phase.neighbourhood_targeted);
        });
    r.toggle("app", &R::app, {.description = "Switches the reporting app on or off."});
    r.toggle("groups", &R::groups,
             {.description = "Switches neighbourhood groups on or off (residents can join)."});
    r.toggle("facilitators", &R::facilitators,
             {.description = "Switches facilitators for the groups on or off."});
    r.toggle("participation", &R::participation,
             {.description = "Switches consultations on or off."});
}

// The mechanisms of models/mechanisms/ declare their own keys (models/mechanism.hpp); each becomes
// a section here, with nothing restated.
void declare_mechanisms(schema_table& t) {
    models::for_each_mechanism(models::all_mechanisms{}, [&]<class M, std::size_t I>() {
        using P = typename M::params;
        auto section = declare<P>(
            t, {.path = std::string(M::section), .description = std::string(M::description)},
            [](auto& p, std::size_t) -> auto& { return models::params_of<M>(p); });
        for (const auto& f : M::fields) {
            about a{.unit = std::string(f.unit),
                    .range = {bound{f.min, !f.min_open}, bound{f.max, !f.max_open}},
                    .description = std::string(f.description),
                    .source = std::string(f.source)};
            if (f.plausible) a.plausible = plausibly(f.plausible->low, f.plausible->high);
            std::visit(
                [&](auto member) {
                    using member_type = std::remove_cvref_t<decltype(std::declval<P&>().*member)>;
                    if constexpr (std::is_same_v<member_type, bool>) {
                        a.range = {};
                        section.boolean(std::string(f.key), member, std::move(a));
                    } else if constexpr (std::is_same_v<member_type, double>) {
                        section.number(std::string(f.key), member, std::move(a));
                    } else {
                        section.integer(std::string(f.key), member, std::move(a));
                    }
                },
                f.member);
        }
    });
}

void declare_report(schema_table& t) {
    using R = models::report_settings;
    auto r = declare<R>(
        t,
        {.path = "report",
         .description =
             "The planner's question, for the report: the outcomes that decide the case, the "
             "smallest difference in each that would change a decision, and what may be spent. "
             "The report opens with findings on these outcomes and marks a strategy's difference "
             "only where it is both significant and at least the smallest that matters. Nothing "
             "here changes a run.",
         .case_inputs = true},
        [](auto& p, std::size_t) -> auto& { return p.report; });
    const auto metrics = models::summary_metrics();
    std::vector<std::string> outcome_names;
    for (const auto& m : metrics) outcome_names.emplace_back(m.name);
    r.custom(
        "outcomes", value_kind::string_list,
        {.description = "Headline outcomes of the case, by summary outcome name "
                        "(docs/outcome-reference.md), in the order the findings take them.",
         .shape = {.min_items = 1, .max_items = 8, .unique = true},
         .default_note = "the headline outcomes of every family",
         .allowed_note = "names of summary outcomes"},
        [outcome_names](const parameters&, R& report, const value& v) {
            const auto& names = std::get<std::vector<std::string>>(v);
            auto found = find_names(names, outcome_names, "outcome");
            if (auto* message = std::get_if<std::string>(&found)) return *message;
            report.outcomes = names;
            return std::string{};
        },
        [](const parameters&, const R& report) -> value { return report.outcomes; });
    t.fields.back().given = [](const parameters& p, std::size_t) {
        return !p.report.outcomes.empty();
    };
    r.custom(
        "budget", value_kind::floating,
        {.unit = "euros",
         .range = at_least(0),
         .description = "Spending over the run beyond the baseline's that the case can afford; "
                        "the decision table marks strategies that cost more.",
         .default_note = "none"},
        [](const parameters&, R& report, const value& v) {
            report.budget = std::get<double>(v);
            return std::string{};
        },
        [](const parameters&, const R& report) -> value { return report.budget; });
    t.fields.back().given = [](const parameters& p, std::size_t) {
        return !std::isnan(p.report.budget);
    };
    for (std::size_t m = 0; m < metrics.size(); ++m) {
        const auto smallest = metrics[m].smallest_difference;
        const std::string unit(metrics[m].unit);
        r.custom(
            "smallest_difference." + std::string(metrics[m].name), value_kind::floating,
            {.unit = unit,
             .range = at_least(0),
             .description = "The smallest difference in " + std::string(metrics[m].name) + " (" +
                            std::string(metrics[m].description) + ") that would change a decision.",
             .default_note = smallest.relative ? format_number(100.0 * smallest.amount) +
                                                     " % of the baseline's value"
                                               : format_number(smallest.amount)},
            [m](const parameters&, R& report, const value& v) {
                report.smallest_difference.resize(models::summary_metrics().size(),
                                                  std::numeric_limits<double>::quiet_NaN());
                report.smallest_difference[m] = std::get<double>(v);
                return std::string{};
            },
            [m, smallest](const parameters&, const R& report) -> value {
                if (m < report.smallest_difference.size() &&
                    !std::isnan(report.smallest_difference[m]))
                    return report.smallest_difference[m];
                return smallest.relative ? std::numeric_limits<double>::quiet_NaN()
                                         : smallest.amount;
            });
        t.fields.back().given = [m](const parameters& p, std::size_t) {
            return m < p.report.smallest_difference.size() &&
                   !std::isnan(p.report.smallest_difference[m]);
        };
    }
}

void declare_uncertain(schema_table& t) {
    using U = models::uncertain_parameter;
    auto u = declare<U>(
        t,
        {.path = "uncertain",
         .repeated = true,
         .max_elements = 64,
         .description =
             "Parameters the planner is unsure of, for `civicsim compare --robust N`, which "
             "re-runs the comparison (the baseline and every strategy, with common random "
             "numbers) at N Latin-hypercube draws of them and counts how often each strategy is "
             "best on each headline outcome. A key must hold a number of the model (a float of "
             "this reference outside [scenario] and [report]) and may be declared once. A "
             "strategy that sets an uncertain key keeps its own value in every draw; strategies "
             "cannot change these tables. Nothing here changes a run.",
         .case_inputs = true,
         .count = [](const parameters& p) { return p.uncertain.size(); },
         .resize = [](parameters& p, std::size_t count) { p.uncertain.resize(count); }},
        [](auto& p, std::size_t i) -> auto& { return p.uncertain[i]; });
    u.text("key", &U::key,
           {.description = "The dotted key of the uncertain parameter, as in `--set`, e.g. "
                           "`behaviour.trust.negative_weight` or "
                           "`neighbourhood.centre.deprivation`.",
            .required = true,
            .allowed_note = "a float key of this reference"});
    u.custom(
        "range", value_kind::float_list,
        {.description = "The lowest and highest value to draw, inside what the key allows.",
         .shape = {.min_items = 2, .max_items = 2},
         .default_note = "the key's plausible range (required for a key without one)",
         .allowed_note = "[low, high] with low < high",
         .check =
             [](const parameters& p, std::size_t e, bool assigned) {
                 if (!assigned || p.uncertain[e].low < p.uncertain[e].high) return std::string{};
                 return std::string("must be [low, high] with low below high");
             }},
        [](const parameters&, U& entry, const value& v) {
            const auto& range = std::get<std::vector<double>>(v);
            entry.low = range[0];
            entry.high = range[1];
            return std::string{};
        },
        [](const parameters&, const U& entry) -> value {
            return std::vector<double>{entry.low, entry.high};
        });
    t.fields.back().given = [](const parameters& p, std::size_t e) {
        return !std::isnan(p.uncertain[e].low);
    };
}

schema_table build_table() {
    schema_table t;
    // Order matters: a section's setters may resolve names declared by an earlier section
    // (campaign neighbourhoods, app languages).
    declare_scenario(t);
    declare_neighbourhood(t);
    declare_police(t);
    declare_channels(t);
    declare_behaviour(t);
    declare_policy(t);
    declare_campaign(t);
    declare_rollout(t);
    declare_mechanisms(t);
    declare_report(t);
    declare_uncertain(t);
    return t;
}

std::string bound_phrase(const bound& b, bool lower) {
    const std::string limit = format_number(b.limit);
    if (lower) return (b.inclusive ? "at least " : "greater than ") + limit;
    return (b.inclusive ? "at most " : "less than ") + limit;
}

std::string check_number(const value_range& range, double x) {
    if (!std::isfinite(x)) return "must be a finite number";
    const bool low =
        range.min && (range.min->inclusive ? x < range.min->limit : x <= range.min->limit);
    const bool high =
        range.max && (range.max->inclusive ? x > range.max->limit : x >= range.max->limit);
    return low || high ? range_phrase(range) : std::string{};
}

std::string sum_problem(const std::vector<double>& shares) {
    double sum = 0.0;
    for (const double x : shares) sum += x;
    if (std::abs(sum - 1.0) > 1e-3) {
        return "must sum to 1, but they sum to " + detail::format_rounded(sum);
    }
    return {};
}

std::string check_list_size(const list_shape& shape, std::size_t size) {
    if (shape.min_items == shape.max_items && size != shape.min_items) {
        return "must have exactly " + entries(shape.min_items) + ", not " + std::to_string(size);
    }
    if (size < shape.min_items) return "must have at least " + entries(shape.min_items);
    if (size > shape.max_items) {
        return "must have at most " + entries(shape.max_items) + ", not " + std::to_string(size);
    }
    return {};
}

}  // namespace

#pragma GCC diagnostic pop

const schema_table& table() {
    static const schema_table instance = build_table();
    return instance;
}

bool is_assumption(const field& f) {
    std::string source = f.source;
    std::transform(source.begin(), source.end(), source.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return source.empty() || source.find("assumption") != std::string::npos;
}

bool needs_plausible(const field& f) {
    const bool numeric = f.kind == value_kind::integer || f.kind == value_kind::floating ||
                         f.kind == value_kind::float_list;
    return numeric && f.role == key_role::model && is_assumption(f);
}

std::optional<interval> plausible_of(const field& f, std::size_t entry) {
    if (f.plausible.empty()) return std::nullopt;
    if (f.plausible.size() == 1) return f.plausible.front();
    if (entry < f.plausible.size()) return f.plausible[entry];
    return std::nullopt;
}

std::string plausible_notation(const field& f) {
    // Plain decimals ("0.00005", not "5e-05"), which read unambiguously next to a dash.
    const auto decimal = [](double x) {
        std::array<char, 64> buffer{};
        const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), x,
                                          std::chars_format::fixed);
        return std::string(buffer.data(), result.ptr);
    };
    std::vector<std::string> parts;
    for (const auto& i : f.plausible) parts.push_back(decimal(i.low) + "–" + decimal(i.high));
    return join(parts, ", ");
}

std::string header(const section& s) {
    return s.repeated ? "[[" + s.path + "]]" : "[" + s.path + "]";
}

std::string key_of(const field& f, std::size_t element) {
    const section& s = table().sections[f.section];
    return s.repeated ? s.path + "." + std::to_string(element) + "." + f.key : s.path + "." + f.key;
}

std::string kind_phrase(value_kind kind) {
    switch (kind) {
        case value_kind::boolean: return "true or false";
        case value_kind::integer: return "an integer";
        case value_kind::floating: return "a number";
        case value_kind::string: return "a string";
        case value_kind::string_list: return "a list of strings";
        case value_kind::float_list: return "a list of numbers";
        case value_kind::float_table: return "a list of lists of numbers";
    }
    return {};
}

std::string kind_name(value_kind kind) {
    switch (kind) {
        case value_kind::boolean: return "bool";
        case value_kind::integer: return "integer";
        case value_kind::floating: return "float";
        case value_kind::string: return "string";
        case value_kind::string_list: return "list of strings";
        case value_kind::float_list: return "list of floats";
        case value_kind::float_table: return "list of lists of floats";
    }
    return {};
}

std::string range_phrase(const value_range& range) {
    if (range.min && range.max && range.min->inclusive && range.max->inclusive) {
        return "must be between " + format_number(range.min->limit) + " and " +
               format_number(range.max->limit);
    }
    std::vector<std::string> parts;
    if (range.min) parts.push_back(bound_phrase(*range.min, true));
    if (range.max) parts.push_back(bound_phrase(*range.max, false));
    return parts.empty() ? std::string{} : "must be " + join(parts, " and ");
}

std::string range_notation(const value_range& range) {
    if (range.min && range.max) {
        return (range.min->inclusive ? "[" : "(") + format_number(range.min->limit) + ", " +
               format_number(range.max->limit) + (range.max->inclusive ? "]" : ")");
    }
    if (range.min) return (range.min->inclusive ? "≥ " : "> ") + format_number(range.min->limit);
    if (range.max) return (range.max->inclusive ? "≤ " : "< ") + format_number(range.max->limit);
    return {};
}

std::string to_toml_text(const value& v) {
    struct visitor {
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(std::int64_t n) const { return std::to_string(n); }
        std::string operator()(double x) const { return format_toml_float(x); }
        std::string operator()(const std::string& s) const { return quote(s); }
        std::string operator()(const std::vector<std::string>& list) const {
            return "[" + join_quoted(list) + "]";
        }
        std::string operator()(const std::vector<double>& list) const {
            std::vector<std::string> parts;
            for (const double x : list) parts.push_back(format_toml_float(x));
            return "[" + join(parts, ", ") + "]";
        }
        std::string operator()(const std::vector<std::vector<double>>& rows) const {
            std::vector<std::string> parts;
            for (const auto& row : rows) parts.push_back((*this)(row));
            return "[" + join(parts, ", ") + "]";
        }
    };
    return std::visit(visitor{}, v);
}

std::string check_value(const field& f, const value& v) {
    if (const auto* n = std::get_if<std::int64_t>(&v)) {
        return check_number(f.range, static_cast<double>(*n));
    }
    if (const auto* x = std::get_if<double>(&v)) return check_number(f.range, *x);
    if (const auto* numbers = std::get_if<std::vector<double>>(&v)) {
        if (auto problem = check_list_size(f.shape, numbers->size()); !problem.empty()) {
            return problem;
        }
        for (std::size_t i = 0; i < numbers->size(); ++i) {
            if (auto problem = check_number(f.range, (*numbers)[i]); !problem.empty()) {
                return "entry " + std::to_string(i + 1) + " (" + format_number((*numbers)[i]) +
                       ") " + problem;
            }
        }
        if (f.shape.sums_to_one) return sum_problem(*numbers);
        return {};
    }
    if (const auto* rows = std::get_if<std::vector<std::vector<double>>>(&v)) {
        if (auto problem = check_list_size(f.shape, rows->size()); !problem.empty()) {
            return problem;
        }
        for (std::size_t r = 0; r < rows->size(); ++r) {
            const auto& row = (*rows)[r];
            const std::string where = "row " + std::to_string(r + 1);
            for (std::size_t i = 0; i < row.size(); ++i) {
                if (auto problem = check_number(f.range, row[i]); !problem.empty()) {
                    return where + ", entry " + std::to_string(i + 1) + " (" +
                           format_number(row[i]) + ") " + problem;
                }
            }
            if (f.shape.sums_to_one) {
                if (auto problem = sum_problem(row); !problem.empty()) {
                    return where + " " + problem;
                }
            }
        }
        return {};
    }
    if (const auto* names = std::get_if<std::vector<std::string>>(&v)) {
        if (auto problem = check_list_size(f.shape, names->size()); !problem.empty()) {
            return problem;
        }
        if (f.shape.unique) {
            for (std::size_t i = 0; i < names->size(); ++i) {
                for (std::size_t j = 0; j < i; ++j) {
                    if ((*names)[i] == (*names)[j]) {
                        return "lists " + quote((*names)[i]) + " twice; entries must be unique";
                    }
                }
            }
        }
    }
    return {};
}

const std::vector<strategy_key>& strategy_keys() {
    static const std::vector<strategy_key> keys{
        {"name", "string",
         "Required, unique, not \"baseline\" (the scenario without overrides has that name)."},
        {"description", "string", "Free text for the reader."},
        {"set", "table",
         "Dotted keys of this reference and their values, e.g. `set = { \"police.report_share\" "
         "= 0.08 }`; nested tables are flattened into dotted keys."},
    };
    return keys;
}

}  // namespace civicsim::sim::schema

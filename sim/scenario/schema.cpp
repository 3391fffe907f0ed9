#include "sim/scenario/schema.hpp"

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <utility>

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

value_range between(double lo, double hi) {
    return {bound{lo, true}, bound{hi, true}};
}
value_range open_between(double lo, double hi) {
    return {bound{lo, false}, bound{hi, false}};
}
value_range above_up_to(double lo, double hi) {
    return {bound{lo, false}, bound{hi, true}};
}
value_range at_least(double lo) {
    return {bound{lo, true}, std::nullopt};
}
value_range above(double lo) {
    return {bound{lo, false}, std::nullopt};
}
const value_range share = between(0.0, 1.0);

/// Everything a declaration says besides its key and its binding to a struct member.
struct about {
    std::string unit;
    value_range range;
    std::string description;
    std::string source;
    bool required = false;
    list_shape shape;
    std::string default_note;
    std::string allowed_note;
    cross_check check;
};

std::string entries(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " entry" : " entries");
}

std::string too_large(std::uint64_t max) {
    return "is too large; it must be at most " + std::to_string(max);
}

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

    /// One float key per incident category: `<prefix>.serious_crime`, ...
    void per_category_number(const std::string& prefix,
                             models::per_category<double> Struct::*member, const about& a,
                             const models::per_category<std::string>& sources = {}) {
        for (std::size_t c = 0; c < models::category_count; ++c) {
            add(
                category_key(prefix, c), value_kind::floating, for_category(a, sources, c),
                [locate = locate_, member, c](parameters& p, std::size_t e, const value& v) {
                    (locate(p, e).*member)[c] = std::get<double>(v);
                    return std::string{};
                },
                [locate = locate_, member, c](const parameters& p, std::size_t e) -> value {
                    return (locate(p, e).*member)[c];
                });
        }
    }

    /// One integer key per incident category.
    template <class Integer>
    void per_category_integer(const std::string& prefix,
                              models::per_category<Integer> Struct::*member, const about& a) {
        for (std::size_t c = 0; c < models::category_count; ++c) {
            add(
                category_key(prefix, c), value_kind::integer, for_category(a, {}, c),
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

    static about for_category(about a, const models::per_category<std::string>& sources,
                              std::size_t c) {
        if (!sources[c].empty()) a.source = sources[c];
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
    return "unknown " + what + " " + quote(name) + did_you_mean(name, allowed) +
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
                                const std::string& what) {
    const std::string& name = names[element];
    if (name.empty()) return "must not be empty: a " + what + " is addressed by its name";
    if (std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return "must not be a number: dotted keys would read it as an index";
    }
    for (std::size_t j = 0; j < element; ++j) {
        if (names[j] == name) {
            return "duplicate name: " + what + " " + std::to_string(j) + " is also called " +
                   quote(name) + "; names must be unique";
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

// --- The declarations ----------------------------------------------------------------------

void declare_scenario(schema_table& t) {
    using S = models::scenario_settings;
    auto s = declare<S>(
        t,
        {.path = "scenario",
         .description = "What the run is called, how long it lasts, and the "
                        "languages and communities the neighbourhoods refer to."},
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
         .count = [](const parameters& p) { return p.neighbourhoods.size(); },
         .resize = [](parameters& p, std::size_t count) { p.neighbourhoods.resize(count); }},
        [](auto& p, std::size_t i) -> auto& { return p.neighbourhoods[i]; });
    n.text("name", &N::name,
           {.description = "Unique name, used in campaign targets and dotted keys.",
            .required = true,
            .check = [](const parameters& p, std::size_t e, bool assigned) {
                if (!assigned) return std::string{};  // reported as missing already
                return unique_name_problem(names_of(p.neighbourhoods), e, "neighbourhood");
            }});
    n.integer("population", &N::population,
              {.unit = "residents",
               .range = between(1, 100'000'000),
               .description = "Residents aged 16 and over.",
               .required = true});
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
         .default_note = "[1.0] with one language; required with more",
         .allowed_note = "one per scenario.languages",
         .check = [](const parameters& p, std::size_t e, bool assigned) {
             return aligned_shares_problem(p.neighbourhoods[e].language_shares,
                                           p.scenario.languages, assigned, "scenario.languages");
         }});
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
              .description = "Mean resting fear of crime.",
              .source = "EU ICS 2005 via EFUS: ~30% worried vs ~15% victimised"});
    n.per_category_number(
        "incident_rate", &N::incident_rate,
        {.unit = "per 1,000 residents per year",
         .range = at_least(0),
         .description = "True incidents of this category per 1,000 residents per year.",
         .source = "illustrative; ONS 2012 ASB 2.4M vs recorded crime 3.8M; NYC 311 / "
                   "FixMyStreet mix for public-service issues"});
}

void declare_police(schema_table& t) {
    using P = models::police_params;
    auto s = declare<P>(
        t,
        {.path = "police",
         .description = "Officer time for citizen reports and how reports are "
                        "handled, by incident category."},
        [](auto& p, std::size_t) -> auto& { return p.police; });
    s.number("residents_per_officer", &P::residents_per_officer,
             {.unit = "residents",
              .range = above(0),
              .description = "Residents per police officer.",
              .source = "England & Wales 2014: 445"});
    s.number("officer_hours_per_day", &P::officer_hours_per_day,
             {.unit = "hours",
              .range = above_up_to(0, 24),
              .description = "Working hours per officer per day, averaged over the week."});
    s.number("report_share", &P::report_share,
             {.unit = "share",
              .range = share,
              .description = "Share of officer hours given to citizen reports.",
              .source = "model assumption; calibrate locally"});
    s.per_category_number("handling_hours", &P::handling_hours,
                          {.unit = "hours",
                           .range = above(0),
                           .description = "Officer hours to handle one report.",
                           .source = "model assumption"});
    s.per_category_number("expiry_days", &P::expiry_days,
                          {.unit = "days",
                           .range = above(0),
                           .description = "Reports waiting longer expire unanswered.",
                           .source = "inspired by UK grading: emergency 15 min, priority 60 "
                                     "min, scheduled 48 h"});
    s.per_category_integer("priority", &P::priority,
                           {.range = between(0, 255),
                            .description = "Queue priority; higher is handled first.",
                            .source = "UK force grading"});
}

void declare_app(schema_table& t) {
    using A = models::app_params;
    auto s = declare<A>(
        t, {.path = "channels.app", .description = "The reporting app, next to the phone desk."},
        [](auto& p, std::size_t) -> auto& { return p.channels.app; });
    s.boolean("enabled", &A::enabled, {.description = "Whether the app exists at all."});
    s.integer("launch_day", &A::launch_day,
              {.unit = "day",
               .range = at_least(0),
               .description = "Day of the run on which the app becomes available."});
    s.custom(
        "languages", value_kind::string_list,
        {.description = "Languages the app supports; residents speaking none of them cannot "
                        "use it.",
         .shape = {.min_items = 1, .unique = true},
         .default_note = "the first of scenario.languages",
         .allowed_note = "names from scenario.languages"},
        [](parameters& p, A& app, const value& v) -> std::string {
            auto found =
                find_names(std::get<std::vector<std::string>>(v), p.scenario.languages, "language");
            if (auto* message = std::get_if<std::string>(&found)) return *message;
            app.languages.clear();
            for (const auto index : std::get<std::vector<std::size_t>>(found)) {
                app.languages.push_back(static_cast<std::uint8_t>(index));
            }
            return {};
        },
        [](const parameters& p, const A& app) -> value {
            std::vector<std::string> names;
            for (const auto index : app.languages) {
                names.push_back(index < p.scenario.languages.size() ? p.scenario.languages[index]
                                                                    : "#" + std::to_string(index));
            }
            return names;
        });
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
                                   .source = "model assumption"});

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
         "model assumption", "MOPAC 2015: up to 52% unreported"});
    const std::string goudriaan =
        "Goudriaan: seriousness and cohesion raise reporting, disadvantage lowers it";
    reporting.number("trust_effect", &R::trust_effect,
                     {.unit = "logit per unit",
                      .range = between(-10, 10),
                      .description = "Logit added per unit of trust above the reference.",
                      .source = goudriaan});
    reporting.number("cohesion_effect", &R::cohesion_effect,
                     {.unit = "logit per unit",
                      .range = between(-10, 10),
                      .description = "Logit added per unit of cohesion above the reference.",
                      .source = goudriaan});
    reporting.number("deprivation_effect", &R::deprivation_effect,
                     {.unit = "logit per unit",
                      .range = between(-10, 10),
                      .description = "Logit per unit of deprivation above the reference (the "
                                     "model subtracts it).",
                      .source = goudriaan});
    reporting.number("reference_trust", &R::reference_trust,
                     {.range = share, .description = "Trust at which base_rate applies."});
    reporting.number("reference_cohesion", &R::reference_cohesion,
                     {.range = share, .description = "Cohesion at which base_rate applies."});
    reporting.number("reference_deprivation", &R::reference_deprivation,
                     {.range = share, .description = "Deprivation at which base_rate applies."});
    reporting.number("witness_factor", &R::witness_factor,
                     {.unit = "share",
                      .range = share,
                      .description = "A witness reports with this share of a victim's "
                                     "probability."});
    reporting.number("app_uplift", &R::app_uplift,
                     {.unit = "logit",
                      .range = between(-5, 5),
                      .description = "Logit added when the reporter can use the app.",
                      .source = "model assumption"});

    using D = models::adoption_params;
    auto adoption = declare<D>(
        t,
        {.path = "behaviour.adoption",
         .description = "Bass diffusion of the app among residents who can use it (basic digital skills and a supported language)."},
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
    trust.number("initial_mean", &T::initial_mean,
                 {.unit = "share",
                  .range = open_between(0, 1),
                  .description = "Mean of the Beta distribution of initial trust.",
                  .source = "OECD Trust Survey 2021: 72% trust the police"});
    trust.number("initial_concentration", &T::initial_concentration,
                 {.range = above(0),
                  .description = "Concentration (alpha + beta) of that Beta distribution."});
    trust.number("positive_contact", &T::positive_contact,
                 {.unit = "trust",
                  .range = share,
                  .description = "Trust gained from a good contact; a bad one loses "
                                 "negative_weight times as much."});
    trust.number("negative_weight", &T::negative_weight,
                 {.range = between(0, 100),
                  .description = "Weight of a bad contact relative to a good one.",
                  .source = "Skogan 2006: 4, range 4-14"});
    trust.number(
        "trusting_threshold", &T::trusting_threshold,
        {.range = share, .description = "Trust above which a resident counts as trusting."});

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
                                "fear_baseline."});
    fear.number("decay", &F::decay,
                {.unit = "per day",
                 .range = share,
                 .description = "Share of the gap to resting fear closed per day.",
                 .source = prieto});
    fear.number("victim_shock", &F::victim_shock,
                {.unit = "share",
                 .range = share,
                 .description = "Share of the distance to 1 added on victimisation.",
                 .source = prieto});
    fear.number(
        "witness_shock", &F::witness_shock,
        {.unit = "share", .range = share, .description = "Same, for witnesses.", .source = prieto});
    fear.number("exposure_shock", &F::exposure_shock,
                {.unit = "share",
                 .range = share,
                 .description = "Same, per serious or hate incident per 1,000 residents in the "
                                "neighbourhood that day.",
                 .source = prieto});
    fear.number("worried_threshold", &F::worried_threshold,
                {.range = share, .description = "Fear above which a resident counts as worried."});
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
        [](parameters& p, C& campaign, const value& v) -> std::string {
            const auto& names = std::get<std::vector<std::string>>(v);
            const auto neighbourhoods = names_of(p.neighbourhoods);
            auto found = find_names(names, neighbourhoods, "neighbourhood");
            if (auto* message = std::get_if<std::string>(&found)) return *message;
            campaign.neighbourhood_targeted.assign(neighbourhoods.size(), names.empty() ? 1 : 0);
            for (const auto index : std::get<std::vector<std::size_t>>(found)) {
                campaign.neighbourhood_targeted[index] = 1;
            }
            return {};
        },
        [](const parameters& p, const C& campaign) -> value {
            std::vector<std::string> names;
            for (std::size_t i = 0; i < campaign.neighbourhood_targeted.size(); ++i) {
                if (campaign.neighbourhood_targeted[i] != 0 && i < p.neighbourhoods.size()) {
                    names.push_back(p.neighbourhoods[i].name);
                }
            }
            return names;
        });
    c.custom(
        "age_bands", value_kind::string_list,
        {.description = "Age bands targeted; empty or absent means all.",
         .shape = {.unique = true},
         .default_note = "all",
         .allowed_note = "\"16-29\", \"30-49\", \"50-64\", \"65+\""},
        [](parameters&, C& campaign, const value& v) -> std::string {
            const auto& names = std::get<std::vector<std::string>>(v);
            auto found = find_names(names, names_of(models::age_band_names), "age band");
            if (auto* message = std::get_if<std::string>(&found)) return *message;
            campaign.age_band_mask = names.empty() ? 0xF : 0;
            for (const auto band : std::get<std::vector<std::size_t>>(found)) {
                campaign.age_band_mask =
                    static_cast<std::uint8_t>(campaign.age_band_mask | (1U << band));
            }
            return {};
        },
        [](const parameters&, const C& campaign) -> value {
            std::vector<std::string> names;
            for (std::size_t band = 0; band < models::age_band_count; ++band) {
                if ((campaign.age_band_mask >> band) & 1U) {
                    names.emplace_back(models::age_band_names[band]);
                }
            }
            return names;
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
            for (std::size_t i = 0; i < p.scenario.languages.size() && i < models::max_languages; ++i) {
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
             {.unit = "euros", .range = at_least(0), .description = "Running cost."});
}

schema_table build_table() {
    schema_table t;
    // Order matters: a section's setters may resolve names declared by an earlier section
    // (campaign neighbourhoods, app languages).
    declare_scenario(t);
    declare_neighbourhood(t);
    declare_police(t);
    declare_app(t);
    declare_behaviour(t);
    declare_campaign(t);
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

std::string header(const section& s) {
    return s.repeated ? "[[" + s.path + "]]" : "[" + s.path + "]";
}

std::string key_of(const field& f, std::size_t element) {
    const section& s = table().sections[f.section];
    return s.repeated ? s.path + "." + std::to_string(element) + "." + f.key : s.path + "." + f.key;
}

std::string kind_phrase(value_kind kind) {
    switch (kind) {
        case value_kind::boolean:
            return "true or false";
        case value_kind::integer:
            return "an integer";
        case value_kind::floating:
            return "a number";
        case value_kind::string:
            return "a string";
        case value_kind::string_list:
            return "a list of strings";
        case value_kind::float_list:
            return "a list of numbers";
    }
    return {};
}

std::string kind_name(value_kind kind) {
    switch (kind) {
        case value_kind::boolean:
            return "bool";
        case value_kind::integer:
            return "integer";
        case value_kind::floating:
            return "float";
        case value_kind::string:
            return "string";
        case value_kind::string_list:
            return "list of strings";
        case value_kind::float_list:
            return "list of floats";
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
        if (f.shape.sums_to_one) {
            double sum = 0.0;
            for (const double x : *numbers) sum += x;
            if (std::abs(sum - 1.0) > 1e-3) {
                return "must sum to 1, but they sum to " + detail::format_rounded(sum);
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

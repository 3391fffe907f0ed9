#pragma once
// What a mechanism is (docs/architecture.md): one unit of the model, in a folder of its own under
// models/mechanisms/, that declares everything about itself as plain data, so that the rest of
// the program reads it instead of restating it.
//
// A mechanism M is a struct with
//   static constexpr std::string_view name;         // "watchdog"
//   static constexpr std::string_view section;      // its table in a scenario file, dotted
//   static constexpr std::string_view description;  // for the scenario reference
//   using params = ...;                              // with `bool enabled` and defaults
//   static constexpr std::array<param_field<params>, N> fields;  // key, unit, range, doc, source
//   using state = ...;                               // per neighbourhood, default-constructible
//   enum class stream_purpose : std::uint64_t { ... };  // its kinds of draw
//   static constexpr std::array<daily_metric_def, D> daily;      // per day and neighbourhood
//   static constexpr std::array<summary_metric_def, S> summary;  // per run, with reduction
//   static void step(const params&, state&, neighbourhood_day&);
// and its entry in models/mechanisms.hpp; the concept `mechanism_unit` below checks the shape. The
// engine calls `step` once a day per neighbourhood,
// after the police have responded and before attitudes are tallied, for every mechanism whose
// `enabled` is true, in list order; a mechanism that is off draws nothing and records zeros.

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>
#include <variant>

#include "models/metrics.hpp"
#include "models/random.hpp"
#include "models/streams.hpp"
#include "models/types.hpp"

namespace civicsim::models {

struct residents;

/// Where a parameter's value plausibly lies, [low, high]: a source's range, or the modellers'
/// judgement for an assumption. Narrower than the allowed range; the default lies inside it.
struct plausible_range {
    double low = 0.0;
    double high = 0.0;
};

/// One scenario key of a mechanism: its name in the section, the member it sets, and what the
/// scenario reference shows. Numbers are checked against [min, max] (ends open where said). Every
/// number whose source is an assumption needs a plausible range (docs/ODD.md, "Sources and
/// plausible ranges").
template <class Params>
struct param_field {
    std::string_view key;
    std::variant<bool Params::*, double Params::*, std::uint32_t Params::*> member;
    std::string_view unit;
    double min = 0.0;
    double max = 1.0;
    bool min_open = false;
    bool max_open = false;
    std::string_view description;
    std::string_view source;  ///< a checkable reference (DOI or URL), or "assumption"
    std::optional<plausible_range> plausible = std::nullopt;
};

/// A daily outcome of a mechanism, recorded per day and neighbourhood.
struct daily_metric_def {
    std::string_view name;
    std::string_view unit;
    std::string_view description;
};

/// How a run's summary value comes from a daily outcome (indices into the mechanism's `daily`).
enum class reduction : std::uint8_t {
    total,            ///< summed over days and neighbourhoods
    final_sum,        ///< summed over neighbourhoods on the last day
    final_share,      ///< population-weighted mean over neighbourhoods on the last day
    ratio_of_totals,  ///< total of `of` / total of `per` (0 when the latter is 0)
};

/// A summary outcome of a mechanism: what it means, how it is reduced, which way is better, and
/// the family it is shown in (a headline outcome when the family is not `none`).
struct summary_metric_def {
    std::string_view name;
    std::string_view unit;
    std::string_view description;
    reduction how = reduction::total;
    std::size_t of = 0;   ///< index into the mechanism's daily metrics
    std::size_t per = 0;  ///< for ratio_of_totals
    better direction = better::none;
    outcome_family family = outcome_family::none;
    /// The smallest difference that matters (the report's default for this outcome).
    difference_that_matters smallest_difference{};
};

/// What happened in one neighbourhood today that mechanisms may react to: the outputs of the
/// linking rules (models/links.hpp) for the day.
struct day_events {
    std::uint32_t innocent_stops = 0;   ///< interventions on innocent residents after reports
    std::uint32_t dropped_reports = 0;  ///< police matters dropped, filtered or never seen
    // Social-media monitoring at today's intake (models/mechanisms/intelligence).
    double monitoring_hours = 0.0;  ///< the neighbourhood's share of the monitoring hours
    std::uint32_t posts_read = 0;   ///< its public posts read by monitoring officers
    std::uint32_t leads = 0;        ///< of which police matters only monitoring brought in
    std::span<const std::uint32_t> authors_read{};  ///< their authors (a resident may repeat)
};

/// What mechanisms exert on the linking rules of the following days, one neighbourhood's worth.
/// Each mechanism may only make its factor smaller; the engine resets them each day to 1.
struct day_effects {
    /// Multiplies the chance that a handled suspicious-person report leads to a stop.
    double innocent_stop_factor = 1.0;
};

/// The view of one neighbourhood's day a mechanism's step works on.
struct neighbourhood_day {
    std::uint32_t day = 0;
    neighbourhood_id home{};
    std::uint32_t first = 0;  ///< its residents are [first, last)
    std::uint32_t last = 0;
    residents& people;
    stream_key key;
    std::size_t mechanism = 0;  ///< the mechanism's position in the list (for its streams)
    const day_events& events;
    day_effects& effects;
    std::span<float> metrics;  ///< the mechanism's daily metrics for today, set to 0 before

    /// The stream of one purpose of the calling mechanism, for one entity, today.
    template <class Purpose>
    stream open(Purpose purpose, std::uint64_t entity) const noexcept {
        return mechanism_stream(mechanism, static_cast<std::uint64_t>(purpose), "")
            .open(key, day, entity);
    }
};

/// The shape of a mechanism, as the header comment lists it; a list entry that lacks a member
/// fails to compile here, naming what is missing.
template <class M>
concept mechanism_unit = requires(const typename M::params& p, typename M::state& s,
                                  neighbourhood_day& today) {
    { M::name } -> std::convertible_to<std::string_view>;
    { M::section } -> std::convertible_to<std::string_view>;
    { M::description } -> std::convertible_to<std::string_view>;
    { p.enabled } -> std::convertible_to<bool>;
    { M::fields[0] } -> std::convertible_to<param_field<typename M::params>>;
    { M::daily[0] } -> std::convertible_to<daily_metric_def>;
    { M::summary[0] } -> std::convertible_to<summary_metric_def>;
    requires std::default_initializable<typename M::state>;
    requires std::is_enum_v<typename M::stream_purpose>;
    M::step(p, s, today);
};

}  // namespace civicsim::models

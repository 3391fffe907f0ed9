#pragma once
// A citizens' watchdog of police misconduct (docs/ODD.md §7.19): residents who record and publish
// stops of innocent people and police matters the police dropped. A published case lowers the
// trust of the residents who see it on social media; a share of published cases leads to a
// corrective action (a review, a briefing, a change of practice) that makes stops of innocent
// people rarer for a while and that residents who see it credit to the police. Off by default.

#include <array>
#include <cstdint>
#include <string_view>

#include "models/mechanism.hpp"

namespace civicsim::models {

struct watchdog_params {
    bool enabled = false;
    double members_per_1000 = 2.0;    ///< watchdog members per 1,000 residents
    double record_rate = 0.5;         ///< P(recorded) = 1 - exp(-record_rate * members per 1,000)
    double visibility = 0.05;         ///< share of social-media users who see a published item
    double trust_loss = 0.02;         ///< share of trust lost on seeing a case
    double corrective_share = 0.1;    ///< share of published cases followed by corrective action
    double corrective_effect = 0.1;   ///< each action cuts the stop rate by this share
    double min_stop_factor = 0.5;     ///< actions cannot cut the stop rate below this share
    double recovery_days = 180.0;     ///< half-life of an action's effect, days
    double action_trust_gain = 0.01;  ///< share of distrust recovered on seeing an action
};

/// One neighbourhood's watchdog: how much of the stop rate corrective actions have removed.
struct watchdog_state {
    double stop_factor = 1.0;
};

struct watchdog {
    static constexpr std::string_view name = "watchdog";
    static constexpr std::string_view section = "behaviour.watchdog";
    static constexpr std::string_view description =
        "A citizens' watchdog of police misconduct: residents record and publish stops of "
        "innocent people and police matters the police dropped (filtered by triage or expired "
        "unanswered). Residents who see a published case on social media lose trust; a share of "
        "published cases leads to corrective action that makes stops of innocent people rarer, "
        "and residents who see an action regain some trust.";

    using params = watchdog_params;
    using state = watchdog_state;

    static constexpr std::array<param_field<params>, 10> fields{{
        {"enabled", &params::enabled, "", 0, 1, false, false,
         "Whether the watchdog records and publishes misconduct; false switches the mechanism "
         "off.",
         ""},
        {"members_per_1000", &params::members_per_1000, "residents per 1,000", 0, 100, false, false,
         "Active watchdog members per 1,000 residents of each neighbourhood.", "assumption",
         plausible_range{0.5, 10}},
        {"record_rate", &params::record_rate, "per member per 1,000", 0, 100, false, false,
         "P(a misconduct event is recorded and published) = 1 - exp(-record_rate x members per "
         "1,000).",
         "assumption", plausible_range{0.1, 2}},
        {"visibility", &params::visibility, "share", 0, 1, false, false,
         "Share of the neighbourhood's social-media users who see a given published case or "
         "action.",
         "assumption, as channels.social_media.visibility", plausible_range{0.01, 0.3}},
        {"trust_loss", &params::trust_loss, "share", 0, 1, false, false,
         "Share of their trust a resident loses on a day they see a published case.",
         "direction: Weitzer 2002, J. Crim. Justice 30(5):397-408, "
         "https://www.ojp.gov/ncjrs/virtual-library/abstracts/"
         "incidents-police-misconduct-and-public-opinion; short-term vicarious effects: Nagel & "
         "Nivette 2022, https://doi.org/10.1007/s11292-022-09508-y; size: assumption",
         plausible_range{0.005, 0.05}},
        {"corrective_share", &params::corrective_share, "share", 0, 1, false, false,
         "Share of published cases followed by a corrective action.", "assumption",
         plausible_range{0.02, 0.3}},
        {"corrective_effect", &params::corrective_effect, "share", 0, 1, false, false,
         "Each corrective action multiplies the neighbourhood's rate of stops of innocent people "
         "by (1 - corrective_effect).",
         "assumption", plausible_range{0.02, 0.3}},
        {"min_stop_factor", &params::min_stop_factor, "share", 0, 1, false, false,
         "Corrective actions cannot bring the rate of stops of innocent people below this share "
         "of its rate without them.",
         "assumption", plausible_range{0.2, 0.9}},
        {"recovery_days", &params::recovery_days, "days", 0, 36500, true, false,
         "Half-life of a corrective action's effect: the stop rate drifts back to its full "
         "value.",
         "assumption", plausible_range{30, 730}},
        {"action_trust_gain", &params::action_trust_gain, "share", 0, 1, false, false,
         "Share of their distrust (1 - trust) a resident regains on a day they see a corrective "
         "action.",
         "assumption", plausible_range{0, 0.05}},
    }};

    enum class stream_purpose : std::uint64_t { recording, viewing };

    /// Daily outcomes, in this order.
    enum daily_index : std::size_t { events, published, actions, viewers, stop_factor };
    static constexpr std::array<daily_metric_def, 5> daily{{
        {"watchdog_events", "events/day",
         "misconduct events the watchdog could record: stops of innocents, police matters filtered "
         "or expired"},
        {"watchdog_published", "cases/day", "misconduct cases recorded and published"},
        {"watchdog_actions", "actions/day", "corrective actions after published cases"},
        {"watchdog_viewers", "residents/day", "residents who saw a published case"},
        {"watchdog_stop_factor", "share",
         "rate of stops of innocent people as a share of its rate without corrective action"},
    }};
    static constexpr std::array<summary_metric_def, 4> summary{{
        {"watchdog_published", "cases", "misconduct cases published over the run", reduction::total,
         published, 0, better::none, outcome_family::accountability},
        {"watchdog_published_share", "share", "share of misconduct events published",
         reduction::ratio_of_totals, published, events, better::none,
         outcome_family::accountability, absolute_difference(0.01)},
        {"watchdog_actions", "actions", "corrective actions over the run", reduction::total,
         actions, 0, better::higher, outcome_family::accountability},
        {"watchdog_stop_factor", "share",
         "rate of stops of innocent people as a share of its rate without corrective action, last "
         "day",
         reduction::final_share, stop_factor, 0, better::lower, outcome_family::accountability,
         absolute_difference(0.01)},
    }};

    static void step(const params& p, state& s, neighbourhood_day& today);
};

/// P(a misconduct event is recorded and published) with `members_per_1000` members.
double watchdog_record_probability(const watchdog_params& p) noexcept;

/// The stop factor a day later: drifted back towards 1 with half-life recovery_days, then cut by
/// `actions` corrective actions, not below min_stop_factor (nor above 1).
double watchdog_next_stop_factor(double factor, std::uint32_t actions,
                                 const watchdog_params& p) noexcept;

}  // namespace civicsim::models

#pragma once
// Intelligence from social media (docs/ODD.md §7.20): a share of officer hours goes to systematic
// monitoring of the city's public posts. Monitoring reads as many of the day's posts as its hours
// allow; a post about a police matter that the police's ordinary watching missed becomes a lead
// and joins the queue the same day, by an "intelligence" route, as a picked-up post would. Its
// price is privacy: every post read has an author, and residents whose posts were read once are
// monitored from then on and, by an assumed chilling effect, less willing to report by a public
// post. Off by default.
//
// The reading itself happens at police intake (sim/engine/world.cpp intake_phase), where the
// day's posts reach the police: a lead must join the queue before officers work it, which the
// mechanism step (after the response) cannot do. What it reads is decided by the pure functions
// below; the step keeps the privacy account (who is monitored) and the daily outcomes.

#include <array>
#include <cstdint>
#include <string_view>

#include "models/mechanism.hpp"

namespace civicsim::models {

struct parameters;

struct intelligence_params {
    bool enabled = false;
    double monitoring_share = 0.02;  ///< share of officer hours monitoring public posts
    double posts_per_hour = 30.0;    ///< public posts an officer reads and assesses in an hour
    double chilling_effect = 0.1;    ///< monitored residents' willingness to post a report cut by
};

/// One neighbourhood's privacy account.
struct intelligence_state {
    std::uint32_t monitored = 0;  ///< distinct residents whose posts have been read so far
};

struct intelligence {
    static constexpr std::string_view name = "intelligence";
    static constexpr std::string_view section = "police.intelligence";
    static constexpr std::string_view description =
        "Intelligence from social media: officers spend a share of their hours systematically "
        "reading the city's public posts. Posts about police matters that the ordinary watching "
        "of social media missed become leads and join the queue the same day. Every post read "
        "has an author: residents whose posts were read are monitored from then on, and are "
        "less willing to report by a public post (chilling effect). The monitoring hours count "
        "in the officer cost.";

    using params = intelligence_params;
    using state = intelligence_state;

    static constexpr std::array<param_field<params>, 4> fields{{
        {"enabled", &params::enabled, "", 0, 1, false, false,
         "Whether officers monitor public posts; false switches the mechanism off (no hours, no "
         "leads, nobody monitored).",
         ""},
        {"monitoring_share", &params::monitoring_share, "share of officer hours", 0, 1, false,
         false,
         "Share of all officer hours spent monitoring public social-media posts, on top of "
         "police.online_share (official posts and casual watching); counted in the officer "
         "cost.",
         "assumption (a strategy lever)", plausible_range{0.005, 0.05}},
        {"posts_per_hour", &params::posts_per_hour, "posts per officer hour", 0, 10000, true, false,
         "Public posts an officer reads and assesses in an hour of monitoring (one to six "
         "minutes a post, with searches and look-ups of places and names).",
         "assumption", plausible_range{10, 60}},
        {"chilling_effect", &params::chilling_effect, "share", 0, 1, false, false,
         "Share by which a monitored resident's probability of reporting an incident by a "
         "public post falls (they do not report it at all).",
         "direction: Stoycheff 2016, Journalism & Mass Communication Quarterly 93(2):296-311, "
         "https://doi.org/10.1177/1077699016630255 (reminders of online surveillance lower "
         "willingness to voice opinions online, for political opinions in a survey experiment); "
         "size for reporting incidents: assumption",
         plausible_range{0, 0.3}},
    }};

    /// Whether monitoring reads a public post: a report (entity: its index in the run) or a shaming
    /// post (entity: neighbourhood << 32 | its position in the neighbourhood's day).
    enum class stream_purpose : std::uint64_t { reading_reports, reading_shaming };

    /// Daily outcomes, in this order.
    enum daily_index : std::size_t {
        hours,
        posts_read,
        leads,
        newly_monitored,
        monitored_share,
    };
    static constexpr std::array<daily_metric_def, 5> daily{{
        {"intelligence_hours", "officer hours/day",
         "officer hours spent monitoring public posts (the city's, by population share)"},
        {"intelligence_posts_processed", "posts/day",
         "public posts from the neighbourhood read by monitoring officers"},
        {"intelligence_leads", "reports/day",
         "posts about police matters the ordinary watching missed, found by monitoring and "
         "queued"},
        {"intelligence_newly_monitored", "residents/day",
         "residents whose posts were read for the first time"},
        {"intelligence_monitored_share", "share",
         "share of residents whose posts have been read since the start"},
    }};
    static constexpr std::array<summary_metric_def, 5> summary{{
        {"intelligence_hours", "officer hours", "officer hours spent monitoring public posts",
         reduction::total, hours, 0, better::lower, outcome_family::cost},
        {"intelligence_posts_processed", "posts", "public posts read by monitoring officers",
         reduction::total, posts_read, 0, better::lower, outcome_family::accountability},
        {"intelligence_leads", "reports",
         "police matters posted publicly that only monitoring brought to the police",
         reduction::total, leads, 0, better::higher, outcome_family::load},
        {"intelligence_residents_monitored", "residents",
         "distinct residents whose posts were read over the run", reduction::total, newly_monitored,
         0, better::lower, outcome_family::accountability},
        {"intelligence_monitored_share", "share",
         "share of residents whose posts were read over the run, last day", reduction::final_share,
         monitored_share, 0, better::lower, outcome_family::accountability,
         absolute_difference(0.001)},
    }};

    static void step(const params& p, state& s, neighbourhood_day& today);
};

/// Officer hours a day spent monitoring public posts, city-wide (0 when off).
double monitoring_hours_per_day(const parameters& params) noexcept;

/// The same per 1,000 residents: what the monitoring adds to the officers' online hours, e.g. to
/// the hours that detect rumours (models::online_hours_per_1000).
double monitoring_hours_per_1000(const parameters& params) noexcept;

/// Share of the day's public posts monitoring reads: posts_per_hour x hours over the posts, at
/// most 1; 0 without posts or hours.
double monitoring_coverage(double hours, double posts, double posts_per_hour) noexcept;

/// A monitored resident's factor on the probability of reporting by a public post.
double chilled_access(const intelligence_params& p) noexcept;

}  // namespace civicsim::models

#pragma once
// What the engine keeps of a run, split by how long it lives: the fixed layout of residents in
// blocks, each neighbourhood's state carried from day to day, and each neighbourhood's scratch of
// one day (rebuilt every day; the recorder reads it at the end of the day). Run totals and the
// record itself belong to the recorder (sim/engine/recorder.hpp).

#include <cstdint>
#include <vector>

#include "models/attitudes.hpp"
#include "models/groups.hpp"
#include "models/incidents.hpp"
#include "models/mechanism.hpp"
#include "models/mechanisms.hpp"
#include "models/parameters.hpp"
#include "models/population.hpp"
#include "models/reporting.hpp"
#include "models/rollout.hpp"
#include "models/rumours.hpp"
#include "models/vigilantism.hpp"

namespace civicsim::sim {

/// A fixed block of residents of one neighbourhood, the unit of parallel work over residents.
struct resident_block {
    std::uint16_t neighbourhood = 0;
    models::resident_range range;
    std::vector<models::stratum> strata;   ///< the block's residents, sorted into strata
    std::vector<std::uint32_t> members;    ///< its residents in a group, in joining order
    std::uint32_t social_media_users = 0;  ///< a fixed attribute, counted once
};

/// One neighbourhood's state, carried from one day to the next.
struct neighbourhood_state {
    double cohesion = 0.0;
    models::group_registry groups;  ///< this neighbourhood's groups; residents.group indexes it
    std::vector<std::vector<std::uint32_t>> members;  ///< residents of each group, in joining order
    std::size_t first_block = 0;                      ///< index of its first block
    models::rumour rumour;                            ///< the current (or last) rumour
    models::rumour_spread spread;                     ///< its current spreaders
    /// The residents among whom the current rumour is, every spreader included: well mixed, its
    /// online audience, fixed at its start; in a network, those it has reached so far (heard it,
    /// or were immunised by a correction), in that order.
    std::vector<std::uint32_t> audience;
    std::uint32_t social_media_users = 0;      ///< residents using social media (a fixed attribute)
    models::all_mechanisms::state mechanisms;  ///< the mechanisms' state
    models::day_effects effects;               ///< what they exert from the next day on
    models::risk_table victims;                ///< every resident, by risk
    models::risk_table hate_targets;           ///< minority members, by risk
    double fear_mean = 0.0;                    ///< at the end of the last day
    std::vector<models::pending_act> pending_acts;  ///< physical acts, tomorrow's incidents
    std::uint32_t actors = 0;                       ///< residents who acted the last day
};

/// One neighbourhood's day: set by the phases, read by later phases and by the recorder.
struct neighbourhood_today {
    models::local_policy policy;
    double patrol_hours = 0.0;
    double patrol_per_1000 = 0.0;  ///< patrol hours per 1,000 residents (0 without residents)
    double discovery_probability = 0.0;
    std::vector<std::uint32_t> joined;  ///< today's joiners
    models::incident_batch incidents;
    std::vector<std::uint8_t> outcomes;
    models::per_category<int> incident_counts{};
    models::per_category<int> reported_counts{};  ///< incidents reported at least once
    models::victimisation_count victimisations;
    int discovered = 0;  ///< police matters found by patrols
    int reported_incidents = 0, reported_police_incidents = 0, rumours_started = 0;
    bool rumour_ended = false;
    int interventions = 0;                               ///< on innocents
    double rumour_days = 0.0, rumour_reach = 0.0;        ///< of the rumour that ended today
    bool rumour_false = false, rumour_debunked = false;  ///< likewise
    int rumours_debunked = 0;  ///< false rumours the police detected and corrected today
    int shaming_posts = 0, shaming_removed = 0, vigilante_acts = 0, acts_on_innocents = 0;
    std::vector<std::uint32_t> shaming_authors;  ///< of shaming posts published on social media
    std::vector<models::report> new_reports;
    std::vector<double> group_posts;        ///< per group
    std::vector<double> group_trust_delta;  ///< per group: vicarious contacts, answers
    std::vector<std::uint32_t> newly_heard;
    double social_posts = 0.0;
    double training_hours = 0.0;
    double triage_hours = 0.0;
    double cohesion_gain = 0.0;
    int participants = 0;
    std::uint32_t dropped_reports = 0;  ///< police matters filtered or expired
    // Social-media monitoring at intake (models/mechanisms/intelligence).
    std::uint32_t posts_read = 0, leads = 0;
    std::vector<std::uint32_t> authors_read;  ///< of the posts read, in reading order
    std::vector<float> mechanism_metrics;     ///< in daily_metrics() order after the engine's own
};

/// The city's day, from the serial phases.
struct city_today {
    std::vector<std::uint32_t> closed_at_intake;  ///< reports closed at intake today
    std::vector<std::uint32_t> closed;            ///< reports closed by the queue today
    std::vector<double> officer_hours;            ///< per neighbourhood, handling its reports
    std::vector<double> non_police_hours;         ///< per neighbourhood, of which non-police
};

}  // namespace civicsim::sim

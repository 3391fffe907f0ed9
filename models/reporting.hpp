#pragma once
// The reporting decision (Goudriaan: seriousness and cohesion raise reporting, disadvantage lowers
// it; trust raises it) and the channel a report travels by.

#include <cstdint>
#include <vector>

#include "models/incidents.hpp"
#include "models/parameters.hpp"
#include "models/population.hpp"
#include "models/random.hpp"
#include "models/rollout.hpp"

namespace civicsim::models {

/// A report to the police. Every report reaches exactly one final status (types.hpp).
struct report {
    resident_id reporter{};
    neighbourhood_id neighbourhood{};
    incident_category category{};
    channel via{};
    report_status status = report_status::filed;
    std::uint16_t day_filed = 0;
    std::uint16_t day_closed = 0;
    float hour_filed = 0.0F;      ///< time of day it reached the police, hours in [0, 24)
    float response_hours = 0.0F;  ///< set when handled: hours from filing to start of handling
    /// Run-wide number of the incident reported; duplicate reports of one incident share it.
    /// `no_index` for a report about no incident (suspicious-person reports).
    std::uint32_t incident = no_index;
    std::uint8_t target_community = 0;  ///< suspicious-person reports: the community described
};

/// A resident's way to the police today, and how much of their willingness survives it.
struct channel_choice {
    channel via = channel::phone_desk;
    double access = 1.0;  ///< multiplies the reporting probability (language barriers)
};

/// The channel a resident reports by, in the order of DESIGN.md §3: their neighbourhood group if
/// they are in one and groups run here; else the app if adopted and usable; else, for a
/// social-media user, a public post with probability social_media.report_share (one draw); else
/// phone or desk, at `unsupported_factor` of the probability when the desk lacks their language.
channel_choice choose_channel(std::uint8_t flags, std::uint8_t language, bool in_group,
                              const local_policy& local, const parameters& params, stream& s);

/// P(report) for the person first affected by an incident:
/// logit P = logit(base_rate[c]) + bT (trust - T0) + bC (cohesion - C0) - bD (deprivation - D0)
///           + app_uplift (when reporting by app or group).
double reporting_probability(incident_category c, double trust, double cohesion, double deprivation,
                             channel via, const reporting_params& params) noexcept;

/// Per-incident outcome bits written by decide_reports.
namespace incident_outcome {
inline constexpr std::uint8_t reported = 1U << 0;              ///< at least one report
inline constexpr std::uint8_t complainant_reported = 1U << 1;  ///< by the victim/first witness
}  // namespace incident_outcome

/// Decides, for each incident of `batch`, who reports it: the complainant (the victim or, for a
/// victimless incident, the first witness) with their probability, and independently each other
/// witness with witness_factor times theirs; every one who decides files a report, so an incident
/// can be reported more than once (duplicates share `first_incident + k`). Incident k draws from
/// its own stream (streams::report_decisions, entity home << 32 | k), so strategies that change
/// reporting still share every other incident's draws. Appends reports to `out` and one outcome
/// byte per incident to `outcomes`; returns the number of reports appended.
std::size_t decide_reports(const incident_batch& batch, const residents& people,
                           neighbourhood_id home, const local_policy& local, double cohesion,
                           const parameters& params, std::uint32_t day, stream_key key,
                           std::uint32_t first_incident, std::vector<report>& out,
                           std::vector<std::uint8_t>& outcomes);

}  // namespace civicsim::models

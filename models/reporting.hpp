#pragma once
// The reporting decision (Goudriaan: seriousness and cohesion raise reporting, disadvantage lowers
// it; trust raises it) and the channel a report travels by.

#include <cstdint>
#include <vector>

#include "models/incidents.hpp"
#include "models/parameters.hpp"
#include "models/population.hpp"
#include "models/random.hpp"

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
    float response_hours = 0.0F;  ///< set when handled
};

/// The channel a resident would report by today: the app if adopted and usable, else phone/desk.
channel choose_channel(std::uint8_t flags, std::uint8_t language, const app_params& app,
                       std::uint32_t day) noexcept;

/// P(report) for the person first affected by an incident:
/// logit P = logit(base_rate[c]) + bT (trust - T0) + bC (cohesion - C0) - bD (deprivation - D0)
///           + app_uplift (when reporting by app).
double reporting_probability(incident_category c, double trust, const neighbourhood_params& home,
                             channel via, const reporting_params& params) noexcept;

/// Decides, for each incident of `batch`, whether it is reported and by whom: the victim (or, for
/// victimless categories, the first witness) decides first; if they do not report, each further
/// witness reports with witness_factor times their own probability. At most one report per
/// incident. Incident k of the batch draws from its own stream (reporting, day, home << 32 | k),
/// so that strategies which change reporting still share every other incident's draws.
/// Appends reports to `out`; returns how many were appended.
std::size_t decide_reports(const incident_batch& batch, const residents& people,
                           neighbourhood_id home, const parameters& params, std::uint32_t day,
                           stream_key key, std::vector<report>& out);

}  // namespace civicsim::models

#pragma once
// True incidents: Poisson counts per neighbourhood and category, with victims drawn in proportion
// to their risk (models/victimisation.hpp) and witnesses uniformly from the neighbourhood's
// residents; hate crimes target minority members.

#include <cstdint>
#include <vector>

#include "models/parameters.hpp"
#include "models/population.hpp"
#include "models/random.hpp"
#include "models/victimisation.hpp"

namespace civicsim::models {

/// Categories whose incidents have a victim; incivility and public-service issues only have
/// people who notice them (the first of whom acts as the complainant).
inline constexpr per_category<bool> has_victim{true, true, false, false, true};

/// One neighbourhood-day of incidents, flat so that a day allocates nothing once warmed up.
struct incident_batch {
    std::vector<incident_category> category;
    std::vector<std::uint32_t> victim;         ///< resident index, or no_index
    std::vector<std::uint32_t> witness_begin;  ///< incident k's witnesses: [begin[k], begin[k+1])
    std::vector<std::uint32_t> witnesses;      ///< resident indices

    std::size_t size() const noexcept { return category.size(); }
    void clear() noexcept;
};

/// Appends an incident of `category` with `victim` and no witnesses (an act of a resident, not a
/// draw of the day's rates).
void add_incident(incident_batch& batch, incident_category category, std::uint32_t victim);

/// Expected incidents of each category in one neighbourhood-day:
/// incident_rate[c] * factor[c] * population / per_thousand / days_per_year, where `factor` is
/// today's prevention factor (models/victimisation.hpp).
per_category<double> expected_incidents(const neighbourhood_params& home,
                                        const per_category<double>& factor) noexcept;

/// Who can be victimised in one neighbourhood: every resident, and the minority members (hate
/// crime), each in proportion to risk.
struct victim_pool {
    resident_range range;
    const risk_table* everyone = nullptr;
    const risk_table* minority = nullptr;
};

/// Draws today's incidents of one neighbourhood into `out` (cleared first).
void generate_incidents(const victim_pool& pool, const neighbourhood_params& home,
                        const per_category<double>& factor, const incident_params& params,
                        stream& s, incident_batch& out);

}  // namespace civicsim::models

#pragma once
// Who is victimised, and how many incidents there are to suffer.
//
// Risk is unequal: each resident carries a relative risk, a Gamma of mean 1 times an age factor,
// so that victimisation counts are negative binomial and a few residents suffer a large share of
// incidents, repeat victimisation included (Farrell & Pease 1993; Tseloni & Pease). A victim is
// drawn in proportion to risk. Residents start with a history: whether, and how long ago, they
// were last victimised in the year before the run, drawn from their own expected rate, so that
// "victimised in the last year" is at its level from the first day. Patrols and neighbourhood
// groups change the number of incidents (crime prevention).

#include <cstdint>
#include <span>
#include <vector>

#include "models/parameters.hpp"
#include "models/population.hpp"
#include "models/random.hpp"
#include "models/types.hpp"

namespace civicsim::models {

/// A resident's relative risk: Gamma(risk_shape) / risk_shape times the age band's factor.
float initial_risk(stream& s, age_band band, const victimisation_params& p);

/// Expected incidents with a victim per resident of average risk per year in a neighbourhood:
/// the sum of incident_rate over the categories that have a victim (hate crime excluded: it
/// targets minority members only), per resident.
double yearly_victimisations(const neighbourhood_params& home) noexcept;

/// Day stamps of victimisation (residents::victimised_on) reach a year before day 0: the stamp
/// of day d (d >= -history_days) is d + history_days + 1; 0 means never.
inline constexpr std::uint32_t history_days = 365;
constexpr std::uint16_t victimisation_stamp(std::int64_t day) noexcept {
    return static_cast<std::uint16_t>(day + history_days + 1);
}
/// Whether a stamp falls within the year up to and including `day`.
constexpr bool victimised_within_year(std::uint16_t stamp, std::uint32_t day) noexcept {
    return stamp > day + 1;  // stamp(day - 364) = day + 2
}

/// The stamp of a resident's last victimisation in the year before the run, or `never`: with
/// `rate` expected victimisations a year, P(at least one) = 1 - exp(-rate), and the time since
/// the last is the truncated exponential of that rate (at most 364 days, so that it counts as
/// within the year on day 0). Takes exactly two draws.
std::uint16_t initial_victimisation(stream& s, double rate) noexcept;

/// Cumulative risk of a list of residents, to draw victims in proportion to risk with one
/// uniform draw and a binary search.
class risk_table {
public:
    risk_table() = default;
    /// Over residents [begin, end).
    risk_table(std::span<const float> risk, std::uint32_t begin, std::uint32_t end);
    /// Over the listed residents.
    risk_table(std::span<const float> risk, std::span<const resident_id> members);
    bool empty() const noexcept { return cumulative_.empty(); }
    /// A resident drawn in proportion to risk; one uniform draw.
    std::uint32_t draw(stream& s) const noexcept;

private:
    std::vector<double> cumulative_;
    std::vector<std::uint32_t> who_;  ///< empty for a contiguous range starting at first_
    std::uint32_t first_ = 0;
};

/// Today's multiplier of each category's incident rate in a neighbourhood: patrols as a power
/// law of their hours per 1,000 residents against the reference (an elasticity, Chalfin &
/// McCrary 2018), the ratio held within [1/patrol_ratio_limit, patrol_ratio_limit], times
/// 1 - watch_reduction * coverage, coverage = min(1, member share /
/// watch_full_coverage) (Bennett, Holloway & Farrington 2008). 1 everywhere when disabled.
per_category<double> prevention_factor(double patrol_hours_per_1000, double member_share,
                                       const prevention_params& p) noexcept;

}  // namespace civicsim::models

#pragma once
// App awareness and adoption: a Bass-type hazard (Bass 1969) gated by access, with outreach
// campaigns that make their target group aware and raise its hazard while they run.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "models/languages.hpp"
#include "models/parameters.hpp"
#include "models/population.hpp"

namespace civicsim::models {

/// Whether a resident can use the app at all: basic digital skills and a supported language.
bool has_app_access(std::uint8_t flags, std::uint8_t language, const app_params& app) noexcept;

/// has_app_access with the app's languages looked up once, for the loops over every resident.
class app_access {
public:
    explicit app_access(const app_params& app) noexcept : supported_(app.languages) {}
    bool operator()(std::uint8_t flags, std::uint8_t language) const noexcept {
        return ((flags & resident_flag::literate) != 0) & supported_[language];  // no branch
    }

private:
    language_table supported_;
};

/// The app is available to anyone on `day`.
constexpr bool app_live(const app_params& app, std::uint32_t day) noexcept {
    return app.enabled && day >= app.launch_day;
}

/// A campaign is switched on and running on `day`, wherever it targets.
constexpr bool campaign_running(const campaign_params& c, std::uint32_t day) noexcept {
    return c.enabled && day >= c.start_day && day < c.end_day;
}

/// The age bands and languages of a campaign (its age_band_mask and language_mask) include age
/// band `band` and `language`: the one targeting rule of the adoption step and of the breakdown
/// by campaign target (models/exposure.hpp).
constexpr bool targets_band_and_language(std::uint8_t age_band_mask, std::uint32_t language_mask,
                                         std::size_t band, std::uint8_t language) noexcept {
    return (age_band_mask & (1U << band)) != 0 && language < 32 &&
           (language_mask & (1U << language)) != 0;
}

/// The campaign targets neighbourhood `n` (an absent flag means it does not).
bool campaign_targets(const campaign_params& c, neighbourhood_id n) noexcept;

/// A campaign is running in `neighbourhood` on `day`.
bool campaign_active(const campaign_params& c, neighbourhood_id n, std::uint32_t day) noexcept;

/// What the adoption step needs to know about one neighbourhood today.
struct adoption_day {
    std::uint32_t day = 0;
    bool app_live = false;
    double adopter_share = 0.0;  ///< adopters / residents with access, at the start of the day
};

/// One day of awareness and adoption for the residents of one neighbourhood (or part of it).
/// A resident targeted by a running campaign becomes aware with the campaign's daily reach (with
/// several campaigns, with 1 - the product of their misses); a resident with access who has not
/// adopted adopts with the daily probability 1 - exp(-hazard / days_per_year) of the yearly hazard
/// p + q * adopter_share + (sum of the boosts of running campaigns that target them, if aware).
/// Both are exponential clocks (models/clocks.hpp): the day's hazards are spent from the
/// resident's awareness_clock and adoption_clock, and nothing is drawn. An adopter's clocks are
/// retired, so the next event of each kind never comes.
/// The work is done stratum by stratum (models/population.hpp), where targeting and the app's
/// language are constant: the passes over a stratum's residents are straight-line code.
void update_adoption(residents& people, std::span<const stratum> strata, neighbourhood_id home,
                     const adoption_day& today, const parameters& params);

/// The same over `range`, whatever its order: its strata are worked out first.
void update_adoption(residents& people, resident_range range, neighbourhood_id home,
                     const adoption_day& today, const parameters& params);

/// Each neighbourhood's part of today's campaign spending: a campaign's daily cost is split
/// between the neighbourhoods it targets in proportion to their population.
std::vector<double> campaign_cost_by_neighbourhood(const parameters& params, std::uint32_t day);

}  // namespace civicsim::models

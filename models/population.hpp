#pragma once
// Residents as a structure of arrays, grouped by neighbourhood, and their initialisation.

#include <cstdint>
#include <span>
#include <vector>

#include "models/parameters.hpp"
#include "models/random.hpp"
#include "models/types.hpp"

namespace civicsim::models {

/// Bits of `residents::flags`.
namespace resident_flag {
inline constexpr std::uint8_t literate = 1U << 0;      ///< has basic digital skills
inline constexpr std::uint8_t aware = 1U << 1;         ///< knows the app exists
inline constexpr std::uint8_t adopter = 1U << 2;       ///< has adopted the app
inline constexpr std::uint8_t social_media = 1U << 3;  ///< uses public social media
inline constexpr std::uint8_t volunteer = 1U << 4;     ///< volunteers in neighbourhood activities
inline constexpr std::uint8_t facilitator = 1U << 5;   ///< trained by the police to run a group
/// Posts read by police monitoring of social media (models/mechanisms/intelligence).
inline constexpr std::uint8_t monitored = 1U << 6;
}  // namespace resident_flag

/// Maki–Thompson state of a resident for their neighbourhood's current rumour.
enum class rumour_state : std::uint8_t { ignorant, spreader, stifler };

/// Day stamp meaning "never".
inline constexpr std::uint16_t never = 0;

/// One column per state variable, narrow types; row i is resident_id{i}. 53 bytes a resident.
struct residents {
    std::vector<std::uint16_t> neighbourhood;
    std::vector<age_band> age;
    std::vector<std::uint8_t> community;  ///< index into scenario communities; 0 is the majority
    std::vector<std::uint8_t> language;   ///< index into scenario languages
    std::vector<std::uint8_t> flags;      ///< resident_flag bits
    std::vector<float> trust;             ///< trust in the police, [0, 1]
    std::vector<float> resting_trust;     ///< the level trust returns to, [0, 1]
    std::vector<float> fear;              ///< fear of crime, [0, 1]
    std::vector<float> resting_fear;      ///< the level fear decays back to, [0, 1]
    std::vector<float> risk;              ///< relative risk of victimisation, mean about 1
    /// Stamp of the last day victimised (models/victimisation.hpp), or `never`.
    std::vector<std::uint16_t> victimised_on;
    std::vector<float> prejudice;      ///< out-group suspicion, [0, 1]
    std::vector<std::uint32_t> group;  ///< index of the resident's group, or no_index
    std::vector<rumour_state> rumour;  ///< state for the neighbourhood's current rumour
    // Exponential clocks (models/clocks.hpp): hazard left before the next event of each kind.
    std::vector<float> awareness_clock;  ///< until a campaign makes the resident aware
    std::vector<float> adoption_clock;   ///< until the resident adopts the app
    std::vector<float> join_clock;       ///< until the resident joins a group
    std::vector<float> suspicion_clock;  ///< until the next suspicious-person report

    std::size_t size() const noexcept { return trust.size(); }
    /// Calls `f` on every column. A new column must be added here, or sort_into_strata and
    /// resize would leave it behind.
    template <class F>
    void for_each_column(F&& f) {
        f(neighbourhood), f(age), f(community), f(language), f(flags), f(trust), f(fear);
        f(resting_trust), f(resting_fear), f(risk), f(victimised_on), f(prejudice), f(group);
        f(rumour);
        f(awareness_clock), f(adoption_clock), f(join_clock), f(suspicion_clock);
    }
    void resize(std::size_t n);
    /// Bytes of state one resident takes: the sum of the columns' element sizes.
    static constexpr std::size_t bytes_per_resident() noexcept;
};

constexpr std::size_t residents::bytes_per_resident() noexcept {
    return sizeof(decltype(neighbourhood)::value_type) + sizeof(decltype(age)::value_type) +
           sizeof(decltype(community)::value_type) + sizeof(decltype(language)::value_type) +
           sizeof(decltype(flags)::value_type) + sizeof(decltype(trust)::value_type) +
           sizeof(decltype(fear)::value_type) + sizeof(decltype(resting_trust)::value_type) +
           sizeof(decltype(resting_fear)::value_type) + sizeof(decltype(risk)::value_type) +
           sizeof(decltype(victimised_on)::value_type) + sizeof(decltype(prejudice)::value_type) +
           sizeof(decltype(group)::value_type) + sizeof(decltype(rumour)::value_type) +
           sizeof(decltype(awareness_clock)::value_type) +
           sizeof(decltype(adoption_clock)::value_type) + sizeof(decltype(join_clock)::value_type) +
           sizeof(decltype(suspicion_clock)::value_type);
}

/// Residents [begin, end) all live in one neighbourhood.
struct resident_range {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::uint32_t size() const noexcept { return end - begin; }
};

/// Residents of one range who share a community, an age band and a language: what a day's pass
/// over them can treat as constant (campaign targeting, app access by language, the breakdowns).
struct stratum {
    resident_range range;
    std::uint8_t community = 0;
    age_band age = age_band::y16_29;
    std::uint8_t language = 0;
};

/// The runs of consecutive residents of `range` with equal community, age band and language, in
/// order. Any order of residents gives correct strata; sort_into_strata makes them few.
std::vector<stratum> strata_of(const residents& people, resident_range range);

/// Reorders residents [range.begin, range.end) by community, then age band, then language, ties
/// kept in order, moving every column with them. It only relabels residents: call it before the
/// first day and before anything keeps resident indices (groups, minority lists).
void sort_into_strata(residents& people, resident_range range);

struct population {
    residents people;
    std::vector<resident_range> neighbourhoods;  ///< one range per neighbourhood, in order
    /// Residents of a minority community, per neighbourhood (hate-crime targets).
    std::vector<std::vector<resident_id>> minority_members;
};

/// Lays out the columns and neighbourhood ranges for `params`, without drawing anything.
population allocate_population(const parameters& params);

/// The shares a member of `community` living in `home` draws their language from: the
/// community's row of scenario.language_by_community when the scenario gives one, else the
/// neighbourhood's language_shares.
std::span<const double> language_shares_of(const parameters& params,
                                           const neighbourhood_params& home,
                                           std::size_t community) noexcept;

/// Draws the attributes of residents [range.begin, range.end) of one neighbourhood, and the first
/// threshold of each of their clocks. Each resident draws from its own stream, so any split of the
/// range gives the same population.
void initialise_residents(residents& people, neighbourhood_id home, resident_range range,
                          const parameters& params, stream_key key);

/// Index lists of minority members, once the population is initialised.
void index_minority_members(population& pop);

/// Draws an index from `shares` (which sum to 1) with one uniform draw.
std::size_t draw_category(std::span<const double> shares, double u) noexcept;

}  // namespace civicsim::models

#include "models/population.hpp"

#include <algorithm>
#include <type_traits>

#include "models/attitudes.hpp"
#include "models/beta.hpp"
#include "models/clocks.hpp"
#include "models/police.hpp"
#include "models/prejudice.hpp"
#include "models/streams.hpp"
#include "models/victimisation.hpp"

namespace civicsim::models {

void residents::resize(std::size_t n) {
    for_each_column([n](auto& column) { column.resize(n); });
    std::fill(group.begin(), group.end(), no_index);
}

std::vector<stratum> strata_of(const residents& people, resident_range range) {
    std::vector<stratum> out;
    for (std::uint32_t i = range.begin; i < range.end; ++i) {
        if (!out.empty()) {
            auto& last = out.back();
            if (last.community == people.community[i] && last.age == people.age[i] &&
                last.language == people.language[i]) {
                last.range.end = i + 1;
                continue;
            }
        }
        out.push_back({{i, i + 1}, people.community[i], people.age[i], people.language[i]});
    }
    return out;
}

void sort_into_strata(residents& people, resident_range range) {
    const auto key = [&](std::uint32_t i) {
        return (static_cast<std::uint32_t>(people.community[i]) << 16) |
               (static_cast<std::uint32_t>(to_index(people.age[i])) << 8) | people.language[i];
    };
    // (key, index) pairs are all distinct, so a plain sort of them is the stable sort by key.
    std::vector<std::uint64_t> keyed(range.size());
    for (std::uint32_t k = 0; k < range.size(); ++k)
        keyed[k] = (static_cast<std::uint64_t>(key(range.begin + k)) << 32) | (range.begin + k);
    std::sort(keyed.begin(), keyed.end());
    std::vector<std::uint32_t> order(range.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = static_cast<std::uint32_t>(keyed[k]);
    people.for_each_column([&](auto& column) {
        using value = typename std::decay_t<decltype(column)>::value_type;
        std::vector<value> moved(order.size());
        for (std::size_t k = 0; k < order.size(); ++k) moved[k] = column[order[k]];
        std::copy(moved.begin(), moved.end(), column.begin() + range.begin);
    });
}

population allocate_population(const parameters& params) {
    population pop;
    std::uint32_t next = 0;
    for (const auto& n : params.neighbourhoods) {
        pop.neighbourhoods.push_back({next, next + n.population});
        next += n.population;
    }
    pop.people.resize(next);
    pop.minority_members.resize(params.neighbourhoods.size());
    return pop;
}

std::size_t draw_category(std::span<const double> shares, double u) noexcept {
    // Shares that sum to a hair below 1 in floating point leave u no category; it then falls to
    // the last category with a positive share, never to one the scenario gave none.
    double cumulative = 0.0;
    std::size_t last_positive = 0;
    for (std::size_t i = 0; i < shares.size(); ++i) {
        if (shares[i] <= 0.0) continue;
        cumulative += shares[i];
        last_positive = i;
        if (u < cumulative) return i;
    }
    return last_positive;
}

std::span<const double> language_shares_of(const parameters& params,
                                           const neighbourhood_params& home,
                                           std::size_t community) noexcept {
    const auto& by_community = params.scenario.language_by_community;
    if (community < by_community.size()) return by_community[community];
    return home.language_shares;
}

void initialise_residents(residents& people, neighbourhood_id home_id, resident_range range,
                          const parameters& params, stream_key key) {
    const auto& home = params.neighbourhoods[index(home_id)];
    const double yearly = yearly_victimisations(home);
    // Residents start where fear settles under the neighbourhood's expected shocks, not at rest,
    // so that the first months are not a climb from rest (patrols spread evenly at the start).
    const auto field = settled_field(home, patrol_hours_per_1000(params), params);
    for (std::uint32_t i = range.begin; i < range.end; ++i) {
        stream s = streams::resident_attributes.open(key, 0, i);
        const auto band = draw_category(home.age_shares, s.uniform());
        people.neighbourhood[i] = index(home_id);
        people.age[i] = static_cast<age_band>(band);
        const auto community = draw_category(home.community_shares, s.uniform());
        people.community[i] = static_cast<std::uint8_t>(community);
        people.language[i] = static_cast<std::uint8_t>(
            draw_category(language_shares_of(params, home, community), s.uniform()));
        people.flags[i] = s.bernoulli(home.digital_literacy[band]) ? resident_flag::literate : 0;
        people.trust[i] = static_cast<float>(
            beta_from_mean(s, params.trust.initial_mean, params.trust.initial_concentration));
        people.resting_trust[i] = people.trust[i];
        people.resting_fear[i] = static_cast<float>(beta_from_mean(
            s, home.fear_baseline * params.fear.age_fear[band], params.fear.concentration));
        if (s.bernoulli(params.channels.social_media.use_share[band]))
            people.flags[i] |= resident_flag::social_media;
        // Risk is drawn after prejudice (the order of the draws keeps every other attribute's
        // stream); starting fear needs it, so prejudice settles on that fear afterwards.
        const float drawn_prejudice = initial_prejudice(s, params.prejudice);
        people.group[i] = no_index;
        people.rumour[i] = rumour_state::ignorant;
        people.awareness_clock[i] = exponential_threshold(s);
        people.adoption_clock[i] = exponential_threshold(s);
        people.join_clock[i] = exponential_threshold(s);
        people.suspicion_clock[i] = exponential_threshold(s);
        people.risk[i] = initial_risk(s, people.age[i], params.victimisation);
        people.victimised_on[i] = initial_victimisation(s, people.risk[i] * yearly);
        people.fear[i] = starting_fear(people.resting_fear[i], people.risk[i], field);
        people.prejudice[i] = settled_prejudice(drawn_prejudice, people.fear[i], params.prejudice);
    }
}

void index_minority_members(population& pop) {
    for (std::size_t n = 0; n < pop.neighbourhoods.size(); ++n) {
        auto& members = pop.minority_members[n];
        members.clear();
        const auto range = pop.neighbourhoods[n];
        for (std::uint32_t i = range.begin; i < range.end; ++i)
            if (pop.people.community[i] != 0) members.push_back(resident_id{i});
    }
}

}  // namespace civicsim::models

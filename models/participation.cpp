#include "models/participation.hpp"
#include "models/languages.hpp"
#include "models/streams.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace civicsim::models {

bool consultation_day(std::uint32_t day, const participation_params& p) noexcept {
    return p.period_days > 0 && day > 0 && day % p.period_days == 0;
}

bool reached_by_outreach(age_band a, bool literate, const participation_params& p) noexcept {
    const bool band_targeted = (p.outreach_age_band_mask & (1U << to_index(a))) != 0;
    return band_targeted || (p.outreach_low_literacy && !literate);
}

double participation_probability(age_band a, bool literate, bool app_user, bool language_supported,
                                 const participation_params& p) noexcept {
    double probability = p.base_rate * p.age_factor[to_index(a)];
    if (!(literate && app_user && language_supported)) probability *= p.offline_factor;
    if (reached_by_outreach(a, literate, p)) probability *= p.outreach_boost;
    return std::clamp(probability, 0.0, 1.0);
}

vote empty_vote(std::size_t neighbourhoods) {
    return {std::vector<double>(neighbourhoods, 0.0),
            std::vector<std::uint32_t>(neighbourhoods, 0)};
}

void take_part(residents& people, resident_range range, neighbourhood_id home, std::uint32_t day,
               const std::vector<std::uint8_t>& supported_languages, const parameters& params,
               stream_key key, vote& out) {
    const auto& p = params.policy.participation;
    double& weight = out.weight.at(index(home));
    std::uint32_t& participants = out.participants.at(index(home));
    for (std::uint32_t i = range.begin; i < range.end; ++i) {
        stream s = streams::consultation.open(key, day, i);
        const bool literate = (people.flags[i] & resident_flag::literate) != 0;
        const bool app_user = (people.flags[i] & resident_flag::adopter) != 0;
        const bool language_supported = supports(supported_languages, people.language[i]);
        const double probability =
            participation_probability(people.age[i], literate, app_user, language_supported, p);
        if (!s.bernoulli(probability)) continue;
        weight += static_cast<double>(people.fear[i]);
        ++participants;
        people.trust[i] =
            static_cast<float>(std::min(1.0, static_cast<double>(people.trust[i]) + p.trust_gain));
    }
}

std::vector<double> blend_patrol_shares(const std::vector<double>& allocation_shares,
                                        const vote& last_vote, double patrol_vote_share) {
    if (last_vote.weight.empty()) return allocation_shares;
    if (last_vote.weight.size() != allocation_shares.size())
        throw std::invalid_argument(
            "blend_patrol_shares: the vote covers " + std::to_string(last_vote.weight.size()) +
            " neighbourhoods, the allocation " + std::to_string(allocation_shares.size()));
    double total = 0.0;
    for (const double w : last_vote.weight) total += w;
    if (!(total > 0.0)) return allocation_shares;
    const double v = std::clamp(patrol_vote_share, 0.0, 1.0);
    std::vector<double> shares(allocation_shares.size());
    for (std::size_t n = 0; n < shares.size(); ++n)
        shares[n] = (1.0 - v) * allocation_shares[n] + v * last_vote.weight[n] / total;
    return shares;
}

}  // namespace civicsim::models

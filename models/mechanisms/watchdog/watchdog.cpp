#include "models/mechanisms/watchdog/watchdog.hpp"

#include <algorithm>
#include <cmath>

#include "models/population.hpp"

namespace civicsim::models {

double watchdog_record_probability(const watchdog_params& p) noexcept {
    return -std::expm1(-p.record_rate * p.members_per_1000);
}

double watchdog_next_stop_factor(double factor, std::uint32_t actions,
                                 const watchdog_params& p) noexcept {
    const double recovered = 1.0 - (1.0 - factor) * std::exp2(-1.0 / p.recovery_days);
    const double cut =
        recovered * std::pow(1.0 - p.corrective_effect, static_cast<double>(actions));
    return std::clamp(cut, p.min_stop_factor, 1.0);
}

// Each event is recorded with one draw, and each published case leads to an action with another,
// from the neighbourhood's recording stream; each social-media user draws once whether they saw
// any of the day's cases and once whether they saw any action, from their own viewing stream, and
// only on days with something to see.
void watchdog::step(const params& p, state& s, neighbourhood_day& today) {
    const std::uint32_t events = today.events.innocent_stops + today.events.dropped_reports;
    auto record = today.open(stream_purpose::recording, index(today.home));
    const double recorded = watchdog_record_probability(p);
    std::uint32_t published = 0, actions = 0;
    for (std::uint32_t e = 0; e < events; ++e) published += record.bernoulli(recorded) ? 1U : 0U;
    for (std::uint32_t c = 0; c < published; ++c)
        actions += record.bernoulli(p.corrective_share) ? 1U : 0U;

    std::uint32_t viewers = 0;
    if (published > 0 || actions > 0) {
        const double sees_case = 1.0 - std::pow(1.0 - p.visibility, static_cast<double>(published));
        const double sees_action = 1.0 - std::pow(1.0 - p.visibility, static_cast<double>(actions));
        auto& people = today.people;
        for (std::uint32_t i = today.first; i < today.last; ++i) {
            if ((people.flags[i] & resident_flag::social_media) == 0) continue;
            auto view = today.open(stream_purpose::viewing, i);
            double trust = people.trust[i];
            if (view.bernoulli(sees_case)) {
                trust -= p.trust_loss * trust;
                ++viewers;
            }
            if (view.bernoulli(sees_action)) trust += p.action_trust_gain * (1.0 - trust);
            people.trust[i] = static_cast<float>(clamp_unit(trust));
        }
    }

    s.stop_factor = watchdog_next_stop_factor(s.stop_factor, actions, p);
    today.effects.innocent_stop_factor =
        std::min(today.effects.innocent_stop_factor, s.stop_factor);
    today.metrics[daily_index::events] = static_cast<float>(events);
    today.metrics[daily_index::published] = static_cast<float>(published);
    today.metrics[daily_index::actions] = static_cast<float>(actions);
    today.metrics[daily_index::viewers] = static_cast<float>(viewers);
    today.metrics[daily_index::stop_factor] = static_cast<float>(s.stop_factor);
}

}  // namespace civicsim::models

#include "models/rollout.hpp"

#include "models/outreach.hpp"

namespace civicsim::models {

namespace {

void apply(rollout_phase::toggle t, bool& switch_) {
    if (t == rollout_phase::toggle::on) switch_ = true;
    if (t == rollout_phase::toggle::off) switch_ = false;
}

}  // namespace

local_policy policy_on(const parameters& params, neighbourhood_id n, std::uint32_t day) noexcept {
    local_policy policy;
    policy.app = app_live(params.channels.app, day);
    const auto& groups = params.channels.groups;
    policy.groups = groups.enabled && day >= groups.launch_day;
    policy.facilitators = params.policy.moderation.enabled;
    policy.participation = params.policy.participation.enabled;
    for (const auto& phase : params.rollout.phases) {
        if (day < phase.start_day) continue;
        if (index(n) >= phase.neighbourhood_targeted.size() ||
            phase.neighbourhood_targeted[index(n)] == 0)
            continue;
        apply(phase.app, policy.app);
        apply(phase.groups, policy.groups);
        apply(phase.facilitators, policy.facilitators);
        apply(phase.participation, policy.participation);
    }
    return policy;
}

}  // namespace civicsim::models

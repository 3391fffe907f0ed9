#include "models/triage.hpp"

#include <algorithm>

namespace civicsim::models {

bool recent_incidents::contains(std::uint32_t incident, std::uint32_t day) const noexcept {
    if (incident == no_index) return false;
    const auto at = last_queued_.find(incident);
    if (at == last_queued_.end()) return false;
    const std::uint32_t queued = at->second;
    return queued <= day && day - queued < window_days_;
}

void recent_incidents::record(std::uint32_t incident, std::uint32_t day) {
    if (incident == no_index || window_days_ == 0) return;
    auto [at, inserted] = last_queued_.try_emplace(incident, day);
    if (!inserted) at->second = std::max(at->second, day);
}

void recent_incidents::forget_before(std::uint32_t day) {
    std::erase_if(last_queued_, [&](const auto& entry) {
        return entry.second <= day && day - entry.second >= window_days_;
    });
}

double classifier_pass_probability(bool police_matter, bool minority_involved,
                                   const filtering_params& p) noexcept {
    const double acc =
        std::clamp(p.accuracy - (minority_involved ? p.minority_gap : 0.0), 0.0, 1.0);
    const double threshold = std::clamp(p.threshold, 0.0, 1.0);
    // σ(±logit(acc) − logit(t)) written as odds, so that acc or t at 0 or 1 give 0 or 1 exactly.
    const double right = police_matter ? acc : 1.0 - acc;
    const double pass = right * (1.0 - threshold);
    const double block = (1.0 - right) * threshold;
    if (pass + block <= 0.0) return 0.5;  // acc and threshold both certain and opposed
    return pass / (pass + block);
}

triage_decision triage(const report& r, bool minority_involved, const filtering_params& p,
                       const recent_incidents& recent, stream& s) {
    triage_decision d;
    switch (p.mode) {
        case triage_mode::none: return d;
        case triage_mode::rules:
            d.minutes = p.rules_minutes;
            d.perceived_police_matter = r.category != incident_category::public_service;
            break;
        case triage_mode::classifier: {
            d.minutes = p.classifier_minutes;
            const double pass =
                classifier_pass_probability(is_police_matter(r.category), minority_involved, p);
            d.perceived_police_matter = s.bernoulli(pass);
            break;
        }
    }
    if (!d.perceived_police_matter)
        d.status = r.category == incident_category::public_service ? report_status::routed_municipal
                                                                   : report_status::filtered;
    else if (recent.contains(r.incident, r.day_filed))
        d.status = report_status::merged;
    return d;
}

per_report_category<std::uint8_t> effective_priority(const police_params& police,
                                                     triage_mode mode) noexcept {
    if (mode != triage_mode::none) return police.priority;
    per_report_category<std::uint8_t> equal{};
    equal.fill(0);
    return equal;
}

}  // namespace civicsim::models

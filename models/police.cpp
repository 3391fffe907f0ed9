#include "models/police.hpp"

#include <algorithm>
#include <numeric>

namespace civicsim::models {

double officer_hours_per_day(const parameters& params) noexcept {
    const auto residents = static_cast<double>(total_population(params));
    const double officers = residents / params.police.residents_per_officer;
    return officers * params.police.officer_hours_per_day;
}

double online_hours_per_1000(const parameters& params) noexcept {
    return officer_hours_per_day(params) * params.police.online_share * per_thousand /
           static_cast<double>(total_population(params));
}

double patrol_hours_per_1000(const parameters& params) noexcept {
    const auto residents = static_cast<double>(total_population(params));
    return residents > 0.0 ? officer_hours_per_day(params) * params.police.patrol_share *
                                 per_thousand / residents
                           : 0.0;
}

double report_hours_per_day(const parameters& params) noexcept {
    return officer_hours_per_day(params) * params.police.report_share;
}

double response_hours(std::uint32_t day_filed, std::uint32_t day,
                      double share_of_day_used) noexcept {
    return 24.0 * (static_cast<double>(day) - static_cast<double>(day_filed)) +
           24.0 * std::clamp(share_of_day_used, 0.0, 1.0);
}

police_queue::police_queue(const police_params& params) : police_queue(params, params.priority) {}

police_queue::police_queue(const police_params& params,
                           const per_report_category<std::uint8_t>& priority)
    : params_(&params), level_of_category_(report_category_count) {
    // Distinct priorities, highest first; categories sharing a priority share a level.
    std::vector<std::uint8_t> distinct(priority.begin(), priority.end());
    std::sort(distinct.begin(), distinct.end(), std::greater<>());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (std::size_t c = 0; c < report_category_count; ++c) {
        const auto at = std::find(distinct.begin(), distinct.end(), priority[c]);
        level_of_category_[c] = static_cast<std::uint8_t>(at - distinct.begin());
    }
    levels_.resize(distinct.size());
}

void police_queue::enqueue(std::vector<report>& reports, std::uint32_t report_index) {
    auto& rep = reports[report_index];
    rep.status = report_status::queued;
    levels_[level_of_category_[to_index(rep.category)]].push_back(report_index);
}

std::size_t police_queue::size() const noexcept {
    return std::accumulate(levels_.begin(), levels_.end(), std::size_t{0},
                           [](std::size_t n, const auto& level) { return n + level.size(); });
}

std::vector<std::uint32_t> police_queue::waiting() const {
    std::vector<std::uint32_t> all;
    for (const auto& level : levels_) all.insert(all.end(), level.begin(), level.end());
    return all;
}

police_queue::day_result police_queue::work(std::vector<report>& reports, std::uint32_t day,
                                            double hours, std::vector<std::uint32_t>& closed,
                                            std::span<double> hours_by_neighbourhood) {
    day_result result;
    const auto today = static_cast<std::uint16_t>(day);

    for (auto& level : levels_) {
        std::deque<std::uint32_t> kept;
        for (const std::uint32_t r : level) {
            auto& rep = reports[r];
            const double waited = static_cast<double>(day) - rep.day_filed;
            if (waited <= params_->expiry_days[to_index(rep.category)]) {
                kept.push_back(r);
                continue;
            }
            rep.status = report_status::expired;
            rep.day_closed = today;
            closed.push_back(r);
            ++result.expired;
        }
        level.swap(kept);
    }

    // Yesterday's overrun comes out of today's hours; an overrun larger than a day's hours keeps
    // being repaid on the following days.
    const double available = hours - overrun_;
    result.hours_available = std::max(0.0, available);
    double used = 0.0;
    for (auto& level : levels_) {
        while (!level.empty() && used < result.hours_available) {
            const std::uint32_t r = level.front();
            level.pop_front();
            auto& rep = reports[r];
            const double share_used =
                result.hours_available > 0.0 ? used / result.hours_available : 0.0;
            const double cost = params_->handling_hours[to_index(rep.category)];
            rep.status = report_status::handled;
            rep.day_closed = today;
            rep.response_hours = static_cast<float>(response_hours(rep.day_filed, day, share_used));
            hours_by_neighbourhood[index(rep.neighbourhood)] += cost;
            closed.push_back(r);
            used += cost;
            ++result.handled;
        }
    }
    overrun_ = available < 0.0 ? -available : std::max(0.0, used - available);
    result.hours_used = used;
    return result;
}

}  // namespace civicsim::models

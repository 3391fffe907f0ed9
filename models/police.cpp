#include "models/police.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
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

double response_hours(const report& r, double start) noexcept {
    return start - clock_hours(r.day_filed, r.hour_filed);
}

bool within_target(const report& r, const police_params& params) noexcept {
    return r.response_hours <= params.target_hours[to_index(r.category)];
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
                                            std::span<double> hours_by_neighbourhood,
                                            std::span<double> non_police_by_neighbourhood) {
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

    result.hours_available = std::max(0.0, hours);
    if (result.hours_available <= 0.0) return result;  // nobody on report duty today

    // Posts staffed today: as many as the hours need round the clock. When there are fewer than
    // yesterday, the posts that come free first are the ones stood down, so that work in hand
    // is finished.
    const auto posts =
        static_cast<std::size_t>(std::max(1.0, std::ceil(result.hours_available / 24.0)));
    const double day_start = clock_hours(day, 0.0), day_end = clock_hours(day + 1, 0.0);
    if (posts_.size() > posts) {
        std::stable_sort(posts_.begin(), posts_.end(),
                         [](const post& a, const post& b) { return a.free_at > b.free_at; });
        posts_.resize(posts);
    }
    posts_.resize(posts, post{day_start, 0.0, 0, false});
    double used = 0.0;
    const auto count_worked = [&](post& p, double worked) {
        hours_by_neighbourhood[p.neighbourhood] += worked;
        if (p.non_police && !non_police_by_neighbourhood.empty())
            non_police_by_neighbourhood[p.neighbourhood] += worked;
        used += worked;
        p.unworked -= worked;
    };
    // Work carried over from earlier days: today's part of what is left, in proportion to the
    // clock time it still takes.
    for (auto& p : posts_) {
        if (p.unworked > 0.0)
            count_worked(p, p.free_at <= day_end ? p.unworked
                                                 : p.unworked * (24.0 / (p.free_at - day_start)));
        p.free_at = std::max(p.free_at, day_start);
    }
    const double rate = result.hours_available / (24.0 * static_cast<double>(posts));

    const auto filed_at = [&](std::uint32_t r) {
        return clock_hours(reports[r].day_filed, reports[r].hour_filed);
    };
    for (;;) {
        const auto at_post =
            std::min_element(posts_.begin(), posts_.end(),
                             [](const post& a, const post& b) { return a.free_at < b.free_at; });
        post& p = *at_post;
        const double now = p.free_at;
        if (now >= day_end) break;
        std::deque<std::uint32_t>* take = nullptr;
        double next_filed = day_end;
        for (auto& level : levels_) {
            if (level.empty()) continue;
            const double at = filed_at(level.front());
            if (at <= now) {
                take = &level;
                break;
            }
            next_filed = std::min(next_filed, at);
        }
        if (take == nullptr) {
            if (next_filed >= day_end) break;  // nothing more is filed today
            p.free_at = next_filed;
            continue;
        }
        const std::uint32_t r = take->front();
        take->pop_front();
        auto& rep = reports[r];
        const double cost = params_->handling_hours[to_index(rep.category)];
        rep.status = report_status::handled;
        rep.day_closed = today;
        rep.response_hours = static_cast<float>(response_hours(rep, now));
        closed.push_back(r);
        ++result.handled;
        p.free_at = now + cost / rate;
        p.neighbourhood = index(rep.neighbourhood);
        p.non_police = !is_police_matter(rep.category);
        p.unworked = cost;
        count_worked(p, p.free_at <= day_end ? cost : rate * (day_end - now));
    }
    result.hours_used = used;
    return result;
}

}  // namespace civicsim::models

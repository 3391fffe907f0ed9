#pragma once
// The police queue: reports wait by priority (first come, first served within a priority),
// officers work them within the hours they have for citizen reports, and reports waiting past
// their category's limit expire unanswered.

#include <cstdint>
#include <deque>
#include <span>
#include <vector>

#include "models/parameters.hpp"
#include "models/reporting.hpp"

namespace civicsim::models {

/// Officer hours per day in the whole scenario, before they are split between duties.
double officer_hours_per_day(const parameters& params) noexcept;

/// Officers' online hours per day per 1,000 residents (official posts, watching social media).
double online_hours_per_1000(const parameters& params) noexcept;

/// Patrol hours per 1,000 residents a day, were they spread evenly over the city.
double patrol_hours_per_1000(const parameters& params) noexcept;

/// Officer hours per day available for citizen reports, for the whole scenario.
double report_hours_per_day(const parameters& params) noexcept;

/// Hours after filing, to the nearest part of a day: a report handled on day d after a share u of
/// that day's report hours were used waited 24 (d - filed) + 24 u hours.
double response_hours(std::uint32_t day_filed, std::uint32_t day,
                      double share_of_day_used) noexcept;

class police_queue {
public:
    /// Keeps a reference to `params`, which must outlive the queue; levels follow params.priority.
    explicit police_queue(const police_params& params);
    /// Levels follow `priority` instead (all equal: first come, first served).
    police_queue(const police_params& params, const per_report_category<std::uint8_t>& priority);
    explicit police_queue(police_params&&) = delete;
    police_queue(police_params&&, const per_report_category<std::uint8_t>&) = delete;

    /// Puts reports[report_index] at the back of its priority level and marks it queued.
    void enqueue(std::vector<report>& reports, std::uint32_t report_index);
    std::size_t size() const noexcept;
    /// Reports waiting, in the order officers would take them.
    std::vector<std::uint32_t> waiting() const;

    struct day_result {
        double hours_available = 0.0;  ///< this day's hours, less yesterday's overrun
        double hours_used = 0.0;
        std::size_t handled = 0;
        std::size_t expired = 0;
    };

    /// One day: first expire reports older than their limit, then handle reports in priority
    /// order while hours remain. A report started with too few hours left is finished, and the
    /// overrun is taken from the next day's hours. Appends the index of every report closed today
    /// to `closed` (expired first, then handled, each in queue order) and adds the hours spent to
    /// `hours_by_neighbourhood`.
    day_result work(std::vector<report>& reports, std::uint32_t day, double hours,
                    std::vector<std::uint32_t>& closed, std::span<double> hours_by_neighbourhood);

private:
    const police_params* params_;
    std::vector<std::uint8_t> level_of_category_;  ///< index into levels_, highest priority first
    std::vector<std::deque<std::uint32_t>> levels_;
    double overrun_ = 0.0;
};

}  // namespace civicsim::models

#pragma once
// The police queue: reports wait by priority (first come, first served within a priority, by the
// time they arrived), officers work them within the hours they have for citizen reports, spread
// over the day, and reports waiting past their category's limit expire unanswered.

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

/// The run's clock in hours at `hour` of day `day`.
constexpr double clock_hours(std::uint32_t day, double hour) noexcept {
    return 24.0 * static_cast<double>(day) + hour;
}

/// Hours from a report's filing (day_filed, hour_filed) to `start`, on the run's clock.
double response_hours(const report& r, double start) noexcept;

/// Whether a handled report was answered within its category's target (police.target_hours).
bool within_target(const report& r, const police_params& params) noexcept;

class police_queue {
public:
    /// Keeps a reference to `params`, which must outlive the queue; levels follow params.priority.
    explicit police_queue(const police_params& params);
    /// Levels follow `priority` instead (all equal: first come, first served).
    police_queue(const police_params& params, const per_report_category<std::uint8_t>& priority);
    explicit police_queue(police_params&&) = delete;
    police_queue(police_params&&, const per_report_category<std::uint8_t>&) = delete;

    /// Puts reports[report_index] at the back of its priority level and marks it queued.
    /// Reports must be enqueued in the order they were filed (day, then hour_filed).
    void enqueue(std::vector<report>& reports, std::uint32_t report_index);
    std::size_t size() const noexcept;
    /// Reports waiting, in the order officers would take them.
    std::vector<std::uint32_t> waiting() const;

    struct day_result {
        double hours_available = 0.0;  ///< this day's report hours
        double hours_used = 0.0;       ///< handling hours worked today
        std::size_t handled = 0;
        std::size_t expired = 0;
    };

    /// One day: first expire reports older than their limit, then handle reports as officers
    /// come free. The day's `hours` are worked by ceil(hours / 24) officer posts (at least one)
    /// staffed round the clock, each doing hours / (24 posts) of work per clock hour. A free
    /// post takes the front report of the highest priority level among those filed by then, or
    /// waits for the next to be filed; a report takes its handling hours of work, and a post
    /// busy past midnight goes on the next day. A report's response time runs from its filing to
    /// the start of its handling. Appends the index of every report closed today to `closed`
    /// (expired first, in queue order, then handled, in the order started) and adds the hours
    /// worked today to `hours_by_neighbourhood` (the report's neighbourhood): a report's hours
    /// count on the days its post works on it, spread evenly over that clock time, so a day
    /// uses no more than its hours (unless they fell since the work began), and work still in
    /// hand when the run ends is not counted. The hours worked on reports that are not police
    /// matters are also added to `non_police_by_neighbourhood`, when given.
    day_result work(std::vector<report>& reports, std::uint32_t day, double hours,
                    std::vector<std::uint32_t>& closed, std::span<double> hours_by_neighbourhood,
                    std::span<double> non_police_by_neighbourhood = {});

private:
    const police_params* params_;
    std::vector<std::uint8_t> level_of_category_;  ///< index into levels_, highest priority first
    std::vector<std::deque<std::uint32_t>> levels_;
    /// An officer post staffed round the clock, and the report in hand.
    struct post {
        double free_at = 0.0;             ///< the run's clock hour at which the post is next free
        double unworked = 0.0;            ///< hours of the report in hand not yet counted as worked
        std::uint32_t neighbourhood = 0;  ///< of the report in hand
        bool non_police = false;          ///< the report in hand is not a police matter
    };
    std::vector<post> posts_;
};

}  // namespace civicsim::models

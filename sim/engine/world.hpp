#pragma once
// One simulated world: the population, the police queue and every report, stepped a day at a
// time. Within a phase, work is split across TBB tasks over fixed blocks of residents (or over
// neighbourhoods); partial sums are kept per block and combined in block order, and every draw
// comes from the stream of the resident or neighbourhood it concerns, so a day's result does not
// depend on the number of threads.

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "models/incidents.hpp"
#include "models/metrics.hpp"
#include "models/parameters.hpp"
#include "models/police.hpp"
#include "models/population.hpp"
#include "models/random.hpp"
#include "models/reporting.hpp"

namespace civicsim::sim {

class world {
public:
    /// Residents per block of parallel work; fixed, so that block sums do not depend on threads.
    static constexpr std::uint32_t block_size = 8192;

    world(std::shared_ptr<const models::parameters> params, models::stream_key key);

    /// Runs the next day through every phase and records its outcomes.
    void step();

    /// Days completed so far.
    std::uint32_t days_done() const noexcept { return day_; }
    const models::parameters& params() const noexcept { return *params_; }
    const models::population& population() const noexcept { return pop_; }
    const std::vector<models::report>& reports() const noexcept { return reports_; }
    const models::police_queue& queue() const noexcept { return queue_; }

    /// The last day's outcomes, row-major [metric][neighbourhood] in models::daily_metrics() order.
    std::span<const float> last_day() const noexcept { return last_day_; }
    /// Officer hours available for reports per day and used so far, over the whole run.
    double hours_available_total() const noexcept { return hours_available_total_; }
    double hours_used_total() const noexcept { return hours_used_total_; }

private:
    struct block {
        std::uint16_t neighbourhood;
        models::resident_range range;
    };
    /// Counts one block contributes to the day's record.
    struct block_tally {
        double trust = 0.0, fear = 0.0;
        std::uint32_t trusting = 0, worried = 0, victimised = 0, aware = 0, adopters = 0;
        std::uint32_t with_access = 0;
        std::array<std::uint32_t, models::age_band_count> residents_by_band{};
        std::array<std::uint32_t, models::age_band_count> adopters_by_band{};
    };
    /// What happened in one neighbourhood today, before the police phase.
    struct neighbourhood_day {
        models::incident_batch incidents;
        models::per_category<int> incident_counts{};
        std::vector<models::report> new_reports;
    };

    void outreach_phase();
    void incident_phase();
    void police_phase();
    void attitude_phase();
    void record();
    float& metric(models::daily_metric m, std::size_t neighbourhood);

    std::shared_ptr<const models::parameters> params_;
    models::stream_key key_;
    std::uint32_t day_ = 0;
    models::population pop_;
    std::vector<block> blocks_;
    std::vector<block_tally> tallies_;
    std::vector<neighbourhood_day> today_;
    std::vector<models::report> reports_;
    models::police_queue queue_;
    std::vector<std::uint32_t> closed_today_;
    std::vector<double> hours_by_neighbourhood_;
    std::vector<std::uint32_t> open_by_neighbourhood_;
    std::vector<double> adopter_share_;  ///< per neighbourhood, at the end of the last day
    std::vector<float> last_day_;
    double hours_available_total_ = 0.0;
    double hours_used_total_ = 0.0;
};

}  // namespace civicsim::sim

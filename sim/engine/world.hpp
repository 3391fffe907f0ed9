#pragma once
// One simulated world: the population, its groups, rumours, the police queue and every report,
// stepped a day at a time through the phases of DESIGN.md §3 (docs/architecture.md). The world
// schedules: each phase calls the model's functions (models/) on the state it owns
// (sim/engine/state.hpp), and the recorder (sim/engine/recorder.hpp) keeps the figures. Within a
// phase, work is split across TBB tasks over fixed blocks of residents or over neighbourhoods;
// partial sums are kept per block (or neighbourhood) and combined in order, and every draw comes
// from the stream of the resident, neighbourhood, group or report it concerns, so a day's result
// does not depend on the number of threads.

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "models/parameters.hpp"
#include "models/participation.hpp"
#include "models/patrol.hpp"
#include "models/police.hpp"
#include "models/population.hpp"
#include "models/random.hpp"
#include "models/reporting.hpp"
#include "models/triage.hpp"
#include "sim/engine/recorder.hpp"
#include "sim/engine/state.hpp"

namespace civicsim::sim {

class world {
public:
    /// Residents per block of parallel work; fixed, so that block sums do not depend on threads.
    static constexpr std::uint32_t block_size = 8192;
    /// Bins of the trust histogram used for quantiles.
    static constexpr std::size_t trust_bins = recorder::trust_bins;

    world(std::shared_ptr<const models::parameters> params, models::stream_key key);

    /// Runs the next day through every phase and records its outcomes; in a build configured
    /// with -DCIVICSIM_INVARIANTS=ON, then checks the invariants.
    void step();

    /// Throws models::invariant_error if the state breaks an invariant of models/invariants.hpp
    /// (each resident's probabilities, the population, every report's status). Costly: every
    /// resident and every report of the run.
    void check_invariants() const;

    /// The phases of a day, in order, as named in benchmarks and `civicsim bench`.
    static constexpr std::size_t phase_count = 11;
    static constexpr std::array<std::string_view, phase_count> phase_names{
        "policy", "outreach", "groups",     "incidents", "information", "moderation",
        "intake", "response", "mechanisms", "attitudes", "record"};
    /// Wall-clock seconds spent in each phase so far (for profiling; not part of any result).
    std::span<const double> phase_seconds() const noexcept { return phase_seconds_; }

    /// Days completed so far.
    std::uint32_t days_done() const noexcept { return day_; }
    const models::parameters& params() const noexcept { return *params_; }
    const models::population& population() const noexcept { return pop_; }
    const std::vector<models::report>& reports() const noexcept { return reports_; }
    const models::police_queue& queue() const noexcept { return queue_; }

    /// The last day's outcomes, row-major [metric][neighbourhood] in models::daily_metrics() order.
    std::span<const float> last_day() const noexcept { return recorder_.last_day(); }
    /// The last day's fairness outcomes, [metric][neighbourhood][community] and [..][age band].
    std::span<const float> last_day_by_community() const noexcept {
        return recorder_.last_day_by_community();
    }
    std::span<const float> last_day_by_age_band() const noexcept {
        return recorder_.last_day_by_age_band();
    }
    /// The last day's outcomes by exposure, [metric][neighbourhood][exposed, others].
    std::span<const float> last_day_by_exposure(models::exposure e) const noexcept {
        return recorder_.last_day_by_exposure(e);
    }
    /// The same city-wide, [metric][exposed, others].
    std::span<const float> last_day_by_exposure_city(models::exposure e) const noexcept {
        return recorder_.last_day_by_exposure_city(e);
    }
    /// Run-wide figures the summary needs beyond the daily series.
    const run_totals& totals() const noexcept { return recorder_.totals(); }

private:
    void policy_phase();
    void outreach_phase();
    void group_phase();
    void incident_phase();
    void information_phase();
    void act_on_rumour(std::size_t h, std::uint32_t actors_yesterday, models::stream& moderation);
    void moderation_phase();
    void intake_phase();
    void response_phase();
    void mechanism_phase();
    void attitude_phase();
    void record();
    void intervene_on_innocent(std::uint32_t report_index);

    // Fixed for the run.
    std::shared_ptr<const models::parameters> params_;
    models::stream_key key_;
    std::size_t communities_ = 1;
    // State carried from day to day.
    std::uint32_t day_ = 0;
    models::population pop_;
    std::vector<resident_block> blocks_;
    std::vector<neighbourhood_state> places_;
    std::vector<models::report> reports_;
    models::police_queue queue_;
    models::recent_incidents recent_;
    models::patrol_state patrol_;
    models::vote last_vote_;
    std::uint32_t next_incident_ = 0;
    std::vector<std::uint32_t> open_by_neighbourhood_;  ///< reports waiting in the queue
    // Today's scratch.
    std::vector<neighbourhood_today> today_;
    city_today city_;
    std::vector<std::vector<models::report>> block_reports_;  ///< suspicious-person reports
    // The figures.
    recorder recorder_;
    std::array<double, phase_count> phase_seconds_{};
};

}  // namespace civicsim::sim

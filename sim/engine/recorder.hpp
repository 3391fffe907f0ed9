#pragma once
// The record of one run: what the engine counts during a day, the tallies of each block of
// residents, the day's outcomes per neighbourhood (and by community, age band and exposure) in
// models::daily_metrics() order, their costs, and the run totals the summary needs. The world
// schedules and owns the state; the recorder only reads it and keeps figures.

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "models/exposure.hpp"
#include "models/languages.hpp"
#include "models/parameters.hpp"
#include "models/population.hpp"
#include "models/reporting.hpp"
#include "sim/engine/state.hpp"

namespace civicsim::sim {

/// How many residents have each flag bit the daily record counts set.
struct flag_counts {
    std::uint32_t aware = 0, adopters = 0, volunteers = 0, literate = 0, literate_adopters = 0;
};

/// Run-wide figures the summary needs beyond the daily series.
struct run_totals {
    double report_hours_available = 0.0;  ///< officer hours for reports, before triage
    double report_hours_used = 0.0;
    double non_police_hours = 0.0;
    std::uint32_t rumours_ended = 0;
    double rumour_days = 0.0;   ///< summed start-to-end days of ended rumours
    double rumour_reach = 0.0;  ///< summed reach (share of residents) of ended rumours
    /// One ended rumour: its reach, whether it was false and whether the police corrected it.
    struct ended_rumour {
        float reach = 0.0F;
        bool is_false = false;
        bool debunked = false;
    };
    std::vector<ended_rumour> rumours;  ///< every rumour that ended, in the order they ended
    std::vector<double> interventions_by_community;  ///< on innocents, city-wide
};

class recorder {
public:
    /// Bins of the trust histogram used for quantiles.
    static constexpr std::size_t trust_bins = 200;

    explicit recorder(const models::parameters& params);
    /// Counts every block's kept figures from the residents as they are before the first day.
    void start(std::span<const resident_block> blocks, const models::residents& people);

    // Events, counted where they happen. Each neighbourhood's are counted by its own task only.
    /// An incident with a complainant of `community` and `band`, reported at least once or not.
    void count_incident(std::size_t neighbourhood, std::uint8_t community, models::age_band band,
                        bool reported);
    /// `count` true police-matter incidents (for the crime share).
    void count_police_incidents(std::size_t neighbourhood, int count) {
        places_[neighbourhood].true_police_incidents += static_cast<std::uint64_t>(count);
    }
    /// A stop of an innocent member of `community`, `band`.
    void count_stop(std::size_t neighbourhood, std::uint8_t community, models::age_band band);
    /// The same incident for the exposure breakdowns: by what `complainant` is exposed to today.
    void count_incident_by_exposure(std::size_t neighbourhood, const models::residents& people,
                                    std::uint32_t complainant, bool reported);
    /// The same stop for the exposure breakdowns: by what `stopped` is exposed to today.
    void count_stop_by_exposure(std::size_t neighbourhood, const models::residents& people,
                                std::uint32_t stopped);
    run_totals& totals() noexcept { return totals_; }
    const run_totals& totals() const noexcept { return totals_; }

    /// Tallies block `b` once its residents' attitudes for the day are final; `alerts` is the
    /// number of alerts its residents saw today; `all_trust_moved` when every resident's trust
    /// may have changed (trust relaxation), which counts trust afresh. Blocks may be tallied in
    /// parallel.
    void tally_block(std::size_t b, const resident_block& block, const models::residents& people,
                     std::uint32_t day, double alerts, bool all_trust_moved);

    /// Writes the day's outcomes from the tallies and the neighbourhoods' day.
    void record(std::uint32_t day, std::span<const resident_block> blocks,
                std::span<const neighbourhood_state> places,
                std::span<const neighbourhood_today> today, const city_today& city,
                const std::vector<models::report>& reports, const models::residents& people,
                std::span<const std::uint32_t> open_reports);

    /// The last day's outcomes, row-major [metric][neighbourhood] in models::daily_metrics() order.
    std::span<const float> last_day() const noexcept { return last_day_; }
    /// The last day's fairness outcomes, [metric][neighbourhood][community] and [..][age band].
    std::span<const float> last_day_by_community() const noexcept { return by_community_; }
    std::span<const float> last_day_by_age_band() const noexcept { return by_age_band_; }
    /// The last day's outcomes by exposure `e`, [metric][neighbourhood][exposed, others].
    std::span<const float> last_day_by_exposure(models::exposure e) const noexcept {
        return by_exposure_[models::to_index(e)];
    }
    /// The same city-wide, [metric][exposed, others]: the group's own mean, not a mean of the
    /// neighbourhoods'.
    std::span<const float> last_day_by_exposure_city(models::exposure e) const noexcept {
        return by_exposure_city_[models::to_index(e)];
    }
    /// Adopters among residents who could adopt (literate, in a language the app speaks), at the
    /// end of the last day recorded.
    double adopter_share(std::size_t neighbourhood) const noexcept {
        return adopter_share_[neighbourhood];
    }

private:
    /// Sums over the members of one community or age band, for the fairness breakdowns.
    struct group_sums {
        double trust = 0.0, fear = 0.0;
        std::uint32_t adopters = 0, residents = 0;
        void add(const group_sums& o) noexcept {
            trust += o.trust;
            fear += o.fear;
            adopters += o.adopters;
            residents += o.residents;
        }
    };
    /// Run-long counts for one community or age band of one neighbourhood.
    struct group_counts {
        std::uint32_t incidents = 0;      ///< with a complainant in the group
        std::uint32_t reported = 0;       ///< of those, reported at least once
        std::uint32_t interventions = 0;  ///< on innocent members of the group
        void add(const group_counts& o) noexcept {
            incidents += o.incidents;
            reported += o.reported;
            interventions += o.interventions;
        }
    };
    /// An exposure's two groups: the exposed, the others.
    template <class T>
    using exposure_split =
        std::array<std::array<T, models::exposure_groups>, models::exposure_count>;
    /// Run-long counts of one neighbourhood.
    struct place_counts {
        std::vector<group_counts> by_community;
        std::array<group_counts, models::age_band_count> by_band{};
        exposure_split<group_counts> by_exposure{};
        std::uint64_t true_police_incidents = 0;
    };
    /// Counts one block contributes to the day's record.
    struct block_tally {
        explicit block_tally(std::size_t communities = 1) : by_community(communities) {}
        void add(const block_tally& o);
        double trust = 0.0, fear = 0.0, prejudice = 0.0, alerts = 0.0;
        std::uint32_t trusting = 0, worried = 0, victimised = 0, aware = 0, adopters = 0;
        std::uint32_t with_access = 0, group_members = 0, volunteers = 0;
        std::array<std::uint32_t, 2> adopters_by_language{},
            residents_by_language{};  ///< first/other
        std::array<std::uint32_t, 2> adopters_by_literacy{},
            residents_by_literacy{};  ///< without/with
        std::array<std::uint32_t, trust_bins> trust_histogram{};
        std::vector<group_sums> by_community;
        std::array<group_sums, models::age_band_count> by_band{};
        exposure_split<group_sums> by_exposure{};
    };
    /// A block's figures of what changes for few residents a day, as of the values in
    /// tallied_trust_ and tallied_flags_: trust moves with contacts, group members, consultations
    /// and interventions, the flags with awareness, adoption and volunteering. They are updated
    /// from the residents that changed instead of recounting the block.
    struct kept_tally {
        std::array<std::uint32_t, trust_bins> histogram{};  ///< of trust
        std::uint32_t trusting = 0;            ///< residents with trust > trusting_threshold
        std::vector<double> trust_by_stratum;  ///< trust summed over each of the block's strata
        std::vector<double> adopter_trust_by_stratum;  ///< and over its adopters
        std::vector<flag_counts> flags_by_stratum;
    };

    void tally_afresh(std::size_t b, const resident_block& block, const models::residents& people);
    void update_kept_tally(std::size_t b, const resident_block& block,
                           const models::residents& people);
    float& metric(models::daily_metric m, std::size_t neighbourhood);
    /// Writes one neighbourhood's fairness breakdown into `table` ([metric][neighbourhood][group]),
    /// of `rows` neighbourhoods (0: every neighbourhood; 1: the city-wide table).
    void write_breakdown(std::vector<float>& table, std::size_t neighbourhood,
                         std::span<const group_sums> sums, std::span<const group_counts> counts,
                         std::size_t rows = 0);

    const models::parameters& params_;
    std::size_t communities_ = 1;
    std::size_t neighbourhoods_ = 0;
    models::language_table app_speaks_;  ///< languages the app supports
    std::vector<block_tally> tallies_;
    std::vector<kept_tally> kept_;
    std::vector<float> tallied_trust_;         ///< each resident's trust when last tallied
    std::vector<std::uint8_t> tallied_flags_;  ///< and flags
    std::vector<place_counts> places_;
    std::vector<double> adopter_share_;
    std::vector<float> last_day_;
    std::vector<float> by_community_;
    std::vector<float> by_age_band_;
    std::array<std::vector<float>, models::exposure_count> by_exposure_;
    std::array<std::vector<float>, models::exposure_count> by_exposure_city_;
    run_totals totals_;
};

}  // namespace civicsim::sim

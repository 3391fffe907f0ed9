#pragma once
// One simulated world: the population, its groups, rumours, the police queue and every report,
// stepped a day at a time through the phases of DESIGN.md §3. Within a phase, work is split
// across TBB tasks over fixed blocks of residents or over neighbourhoods; partial sums are kept
// per block (or neighbourhood) and combined in order, and every draw comes from the stream of the
// resident, neighbourhood, group or report it concerns, so a day's result does not depend on the
// number of threads.

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "models/groups.hpp"
#include "models/incidents.hpp"
#include "models/mechanism.hpp"
#include "models/mechanisms.hpp"
#include "models/metrics.hpp"
#include "models/parameters.hpp"
#include "models/participation.hpp"
#include "models/patrol.hpp"
#include "models/police.hpp"
#include "models/population.hpp"
#include "models/random.hpp"
#include "models/reporting.hpp"
#include "models/rollout.hpp"
#include "models/rumours.hpp"
#include "models/triage.hpp"

namespace civicsim::sim {

/// How many residents have each flag bit the daily record counts set.
struct flag_counts {
    std::uint32_t aware = 0, adopters = 0, volunteers = 0, literate = 0, literate_adopters = 0;
};

class world {
public:
    /// Residents per block of parallel work; fixed, so that block sums do not depend on threads.
    static constexpr std::uint32_t block_size = 8192;
    /// Bins of the trust histogram used for quantiles.
    static constexpr std::size_t trust_bins = 200;

    world(std::shared_ptr<const models::parameters> params, models::stream_key key);

    /// Runs the next day through every phase and records its outcomes.
    void step();

    /// The phases of a day, in order, as named in benchmarks and `civicsim bench`.
    static constexpr std::size_t phase_count = 11;
    static constexpr std::array<std::string_view, phase_count> phase_names{
        "policy",   "outreach", "groups",     "incidents", "information", "moderation",
        "intake",   "response", "mechanisms", "attitudes", "record"};
    /// Wall-clock seconds spent in each phase so far (for profiling; not part of any result).
    std::span<const double> phase_seconds() const noexcept { return phase_seconds_; }

    /// Days completed so far.
    std::uint32_t days_done() const noexcept { return day_; }
    const models::parameters& params() const noexcept { return *params_; }
    const models::population& population() const noexcept { return pop_; }
    const std::vector<models::report>& reports() const noexcept { return reports_; }
    const models::police_queue& queue() const noexcept { return queue_; }

    /// The last day's outcomes, row-major [metric][neighbourhood] in models::daily_metrics() order.
    std::span<const float> last_day() const noexcept { return last_day_; }
    /// The last day's fairness outcomes, [metric][neighbourhood][community] and [..][age band].
    std::span<const float> last_day_by_community() const noexcept { return by_community_; }
    std::span<const float> last_day_by_age_band() const noexcept { return by_age_band_; }

    /// Run-wide figures the summary needs beyond the daily series.
    struct run_totals {
        double report_hours_available = 0.0;  ///< officer hours for reports, before triage
        double report_hours_used = 0.0;
        double non_police_hours = 0.0;
        std::uint32_t rumours_ended = 0;
        double rumour_days = 0.0;   ///< summed start-to-end days of ended rumours
        double rumour_reach = 0.0;  ///< summed reach (share of residents) of ended rumours
        std::vector<double> interventions_by_community;  ///< on innocents, city-wide
    };
    const run_totals& totals() const noexcept { return totals_; }

private:
    struct block {
        std::uint16_t neighbourhood;
        models::resident_range range;
        std::vector<models::stratum> strata;  ///< the block's residents, sorted into strata
        std::vector<std::uint32_t> members;   ///< its residents in a group, in joining order
        std::uint32_t social_media_users = 0;  ///< a fixed attribute, counted once
    };
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
    };
    /// Counts one block contributes to the day's record.
    struct block_tally {
        explicit block_tally(std::size_t communities = 1) : by_community(communities) {}
        void add(const block_tally& o);
        double trust = 0.0, fear = 0.0, prejudice = 0.0, alerts = 0.0;
        std::uint32_t trusting = 0, worried = 0, victimised = 0, aware = 0, adopters = 0;
        std::uint32_t with_access = 0, group_members = 0, volunteers = 0;
        std::array<std::uint32_t, 2> adopters_by_language{}, residents_by_language{};  ///< first/other
        std::array<std::uint32_t, 2> adopters_by_literacy{}, residents_by_literacy{};  ///< without/with
        std::array<std::uint32_t, trust_bins> trust_histogram{};
        std::vector<group_sums> by_community;
        std::array<group_sums, models::age_band_count> by_band{};
    };
    /// Dynamic state and today's events of one neighbourhood.
    struct neighbourhood_state {
        models::local_policy policy;
        double cohesion = 0.0;
        models::group_registry groups;  ///< this neighbourhood's groups; residents.group indexes it
        std::vector<std::vector<std::uint32_t>> members;  ///< residents of each group, in joining order
        std::vector<std::uint32_t> joined;                ///< today's joiners
        std::size_t first_block = 0;                      ///< index of its first block
        models::rumour rumour;
        std::vector<std::uint32_t> audience;
        double patrol_hours = 0.0;
        double discovery_probability = 0.0;
        // Cumulative fairness counters, by community and by age band.
        std::vector<group_counts> community_counts;
        std::array<group_counts, models::age_band_count> band_counts{};
        std::uint64_t true_police_incidents = 0;  ///< cumulative, for the crime share
        // Today.
        models::incident_batch incidents;
        std::vector<std::uint8_t> outcomes;
        models::per_category<int> incident_counts{};
        int discovered = 0;  ///< police matters found by patrols
        int reported_incidents = 0, reported_police_incidents = 0, rumours_started = 0;
        bool rumour_ended = false;
        int interventions = 0;  ///< on innocents, today
        double rumour_days = 0.0, rumour_reach = 0.0;
        int shaming_posts = 0, shaming_removed = 0, vigilante_acts = 0, acts_on_innocents = 0;
        std::vector<models::report> new_reports;
        std::vector<double> group_posts;        ///< per group
        std::vector<double> group_trust_delta;  ///< per group: vicarious contacts, answers
        std::vector<std::uint32_t> interventions_today;  ///< per community
        std::vector<std::uint32_t> newly_heard;
        double social_posts = 0.0;
        double training_hours = 0.0;
        double triage_hours = 0.0;
        double cohesion_gain = 0.0;
        int participants = 0;
        std::uint32_t dropped_reports = 0;  ///< police matters dropped, filtered or unseen today
        // The mechanisms of models/mechanisms.hpp: their state, today's outcomes (in
        // daily_metrics() order after the engine's own) and what they exert on the links.
        models::all_mechanisms::state mechanisms;
        std::vector<float> mechanism_metrics;
        models::day_effects effects;
    };

    void policy_phase();
    void outreach_phase();
    void group_phase();
    void incident_phase();
    void information_phase();
    void moderation_phase();
    void intake_phase();
    void response_phase();
    void mechanism_phase();
    void attitude_phase();
    void record();
    void intervene_on_innocent(std::uint32_t report_index);
    float& metric(models::daily_metric m, std::size_t neighbourhood);
    /// Writes one neighbourhood's fairness breakdown into `table` ([metric][neighbourhood][group]).
    void write_breakdown(std::vector<float>& table, std::size_t neighbourhood,
                         std::span<const group_sums> sums, std::span<const group_counts> counts);

    std::shared_ptr<const models::parameters> params_;
    models::stream_key key_;
    std::uint32_t day_ = 0;
    std::size_t communities_ = 1;
    models::population pop_;
    std::vector<block> blocks_;
    std::vector<block_tally> tallies_;
    /// A block's figures of what changes for few residents a day, as of the values in
    /// tallied_trust_ and tallied_flags_: trust moves with contacts, group members, consultations
    /// and interventions, the flags with awareness, adoption and volunteering. The attitude phase
    /// updates these from the residents that changed instead of recounting the block.
    struct kept_tally {
        std::array<std::uint32_t, trust_bins> histogram{};  ///< of trust
        std::uint32_t trusting = 0;              ///< residents with trust > trusting_threshold
        std::vector<double> trust_by_stratum;    ///< trust summed over each of the block's strata
        std::vector<flag_counts> flags_by_stratum;
    };
    std::vector<kept_tally> kept_;
    std::vector<float> tallied_trust_;         ///< each resident's trust when last tallied
    std::vector<std::uint8_t> tallied_flags_;  ///< and flags
    void tally_afresh(std::size_t block);      ///< counts a block's kept figures afresh
    void update_kept_tally(std::size_t block);  ///< from the residents that changed
    std::vector<std::vector<models::report>> block_reports_;  ///< suspicious-person reports
    std::vector<neighbourhood_state> hoods_;
    std::vector<models::report> reports_;
    models::police_queue queue_;
    models::recent_incidents recent_;
    models::patrol_state patrol_;
    models::vote last_vote_;
    std::uint32_t next_incident_ = 0;
    std::vector<std::uint32_t> closed_today_;
    std::vector<std::uint32_t> closed_at_intake_;
    std::vector<double> hours_by_neighbourhood_;
    std::vector<double> non_police_hours_;
    std::vector<std::uint32_t> open_by_neighbourhood_;
    std::vector<double> adopter_share_;  ///< per neighbourhood, at the end of the last day
    std::vector<float> last_day_;
    std::vector<float> by_community_;
    std::vector<float> by_age_band_;
    run_totals totals_;
    std::array<double, phase_count> phase_seconds_{};
};

}  // namespace civicsim::sim

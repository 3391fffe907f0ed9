#pragma once
// Police triage of incoming reports (DESIGN.md §3 step 6): everything queued, routing by rules, or
// a classifier whose errors may differ between communities — a source of algorithmic bias.

#include <cstdint>
#include <unordered_map>

#include "models/parameters.hpp"
#include "models/random.hpp"
#include "models/reporting.hpp"

namespace civicsim::models {

/// Incidents with a report queued in the last few days, so that triage can merge duplicates.
/// A report filed on day d duplicates one queued on day q when q <= d < q + window_days: window 1
/// merges same-day duplicates only, window 0 never merges.
class recent_incidents {
public:
    explicit recent_incidents(std::uint32_t window_days) noexcept : window_days_(window_days) {}

    /// A report of `incident` was queued within the window before (or on) `day`.
    bool contains(std::uint32_t incident, std::uint32_t day) const noexcept;
    /// Remembers that a report of `incident` was queued on `day`; `no_index` is ignored.
    void record(std::uint32_t incident, std::uint32_t day);
    /// Drops incidents whose window has closed by `day`, to keep the memory small.
    void forget_before(std::uint32_t day);
    std::size_t size() const noexcept { return last_queued_.size(); }

private:
    std::uint32_t window_days_;
    std::unordered_map<std::uint32_t, std::uint32_t> last_queued_;  ///< incident -> day queued
};

/// What triage did with one report.
struct triage_decision {
    /// filed (goes to the queue), filtered, routed_municipal or merged.
    report_status status = report_status::filed;
    double minutes = 0.0;                 ///< officer minutes spent on triage
    bool perceived_police_matter = true;  ///< what triage took the report for
};

/// P(the classifier passes a report as a police matter): σ(±logit(acc) − logit(threshold)), + for
/// police matters and − for the rest, with acc = accuracy − minority_gap for minority-involved
/// reports (so at threshold 0.5 recall is acc and the false-positive rate 1 − acc).
double classifier_pass_probability(bool police_matter, bool minority_involved,
                                   const filtering_params& p) noexcept;

/// Triage of one report. none: queued, no minutes, no draws. rules: rules_minutes; public-service
/// reports routed to the municipality, duplicates of a recently queued incident merged, the rest
/// (suspicious-person reports included: rules cannot tell them apart) queued. classifier:
/// classifier_minutes and exactly one draw; a report judged no police matter is routed if it is a
/// public-service issue and filtered otherwise, duplicates merged as by rules. The caller records
/// every report this returns `filed` for in `recent` (and enqueues it).
/// `minority_involved`: the report is by or about a minority member.
triage_decision triage(const report& r, bool minority_involved, const filtering_params& p,
                       const recent_incidents& recent, stream& s);

/// Queue priorities under a triage mode: without triage every report is first come first served
/// (all priorities equal); with it, the police grading.
per_report_category<std::uint8_t> effective_priority(const police_params& police,
                                                     triage_mode mode) noexcept;

}  // namespace civicsim::models

#pragma once
// The model's mechanisms as a planner can remove them: for each, the scenario keys that switch it
// off and leave the rest of the model as it is (the "Switch off" line of its section in
// docs/ODD.md §7, which a test holds to this list). `civicsim explain` switches each one off in
// both arms of a comparison to see how much of a strategy's effect flows through it.
//
// Keys of repeated tables are written without an index (`policy.outreach.campaign.enabled`) and
// mean every element. A mechanism unit of models/mechanisms.hpp is switched off by its `enabled`,
// so its entry comes from the list and is never restated here.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/mechanisms.hpp"

namespace civicsim::models {

/// One mechanism and how to remove it.
struct mechanism_switch {
    std::string name;         ///< short, for tables and sentences: "official debunking"
    std::string odd_section;  ///< its section of docs/ODD.md: "7.12"
    /// (dotted key, value as TOML) that switch it off, all together.
    std::vector<std::pair<std::string, std::string>> off;
};

/// A section of docs/ODD.md §7 with a Switch off line but no entry in mechanism_switches(), and
/// why: what it describes cannot be removed by keys while the rest of the model still runs.
struct unswitched_section {
    std::string_view odd_section;
    std::string_view reason;
};

inline constexpr unswitched_section unswitched_sections[] = {
    {"7.2", "a rollout phase's switches cannot be unset by an override, only left out of the file"},
    {"7.10", "without incidents there is nothing left to report, handle or fear"},
    {"7.15", "the queue itself has no switch"},
};

/// Every mechanism that can be switched off, in the order of docs/ODD.md §7.
inline const std::vector<mechanism_switch>& mechanism_switches() {
    static const std::vector<mechanism_switch> list = [] {
        std::vector<mechanism_switch> switches{
            {"patrol feedback", "7.3", {{"police.patrol.allocation", "\"uniform\""}}},
            {"patrol discovery", "7.3", {{"police.patrol.discovery_rate", "0"}}},
            {"app", "7.4", {{"channels.app.enabled", "false"}}},
            {"campaigns", "7.4", {{"policy.outreach.campaign.enabled", "false"}}},
            {"suspicious-person reports", "7.5", {{"behaviour.prejudice.suspicious_rate", "0"}}},
            {"groups", "7.6", {{"channels.groups.enabled", "false"}}},
            {"consultations", "7.7", {{"policy.participation.enabled", "false"}}},
            {"prejudice encounters", "7.8", {{"behaviour.prejudice.interactions_per_member", "0"}}},
            {"moderation", "7.9", {{"policy.moderation.enabled", "false"}}},
            {"witness reports", "7.11", {{"behaviour.reporting.witness_factor", "0"}}},
            {"trust feedback on reporting", "7.11", {{"behaviour.reporting.trust_effect", "0"}}},
            {"social media", "7.11", {{"channels.social_media.enabled", "false"}}},
            {"rumours", "7.12", {{"behaviour.rumours.enabled", "false"}}},
            {"official debunking",
             "7.12",
             {{"behaviour.rumours.detection_per_online_hour", "0"},
              {"behaviour.rumours.debunk_per_online_hour", "0"}}},
            {"vigilantism", "7.13", {{"behaviour.vigilantism.enabled", "false"}}},
            {"triage", "7.14", {{"policy.filtering.mode", "\"none\""}}},
            {"classifier bias", "7.14", {{"policy.filtering.minority_gap", "0"}}},
            {"alerts", "7.16", {{"behaviour.information.enabled", "false"}}},
            {"trust contacts", "7.17", {{"behaviour.trust.positive_contact", "0"}}},
            {"vicarious trust", "7.17", {{"behaviour.trust.vicarious_weight", "0"}}},
        };
        // The mechanism units, after the built-in submodels as in the ODD (7.19 onwards).
        std::size_t section = 19;
        for_each_mechanism(all_mechanisms{}, [&]<class M, std::size_t>() {
            switches.push_back({std::string(M::name),
                                "7." + std::to_string(section++),
                                {{std::string(M::section) + ".enabled", "false"}}});
        });
        return switches;
    }();
    return list;
}

}  // namespace civicsim::models

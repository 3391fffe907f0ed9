#include "sim/results/attribution.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "models/metrics.hpp"
#include "sim/results/findings.hpp"

namespace civicsim::sim {

namespace {

/// Per replication, the value of `metric` in the runs of `arm`.
std::map<std::uint32_t, double> values_of(const std::vector<run_result>& runs, std::size_t metric,
                                          const std::string& arm) {
    std::map<std::uint32_t, double> values;
    for (const auto& run : runs)
        if (run.strategy == arm && metric < run.summary.size())
            values[run.replication] = run.summary[metric];
    return values;
}

}  // namespace

std::string arm_name(const std::string& strategy, const std::string& without) {
    return without.empty() ? strategy : strategy + " without " + without;
}

attribution attribute(const std::vector<run_result>& runs, std::size_t metric,
                      const std::string& strategy, const std::vector<std::string>& mechanisms) {
    const auto baseline = values_of(runs, metric, arm_name("baseline"));
    const auto with = values_of(runs, metric, arm_name(strategy));
    std::vector<std::map<std::uint32_t, double>> baseline_without, strategy_without;
    for (const auto& m : mechanisms) {
        baseline_without.push_back(values_of(runs, metric, arm_name("baseline", m)));
        strategy_without.push_back(values_of(runs, metric, arm_name(strategy, m)));
    }
    // The replications every arm has, with finite values: each estimate pairs the same ones.
    std::vector<std::uint32_t> replications;
    for (const auto& [r, value] : baseline) {
        // (r by value: clang 14 cannot capture a structured binding)
        const auto finite_in = [&, r = r](const std::map<std::uint32_t, double>& arm) {
            const auto it = arm.find(r);
            return it != arm.end() && std::isfinite(it->second);
        };
        bool everywhere = std::isfinite(value) && finite_in(with);
        for (std::size_t k = 0; k < mechanisms.size(); ++k)
            everywhere =
                everywhere && finite_in(baseline_without[k]) && finite_in(strategy_without[k]);
        if (everywhere) replications.push_back(r);
    }

    attribution a;
    a.metric = metric;
    std::vector<double> base_values, totals, rest;
    for (const auto r : replications) {
        base_values.push_back(baseline.at(r));
        totals.push_back(with.at(r) - baseline.at(r));
    }
    a.baseline = estimate_mean(base_values);
    a.total = estimate_mean(totals);
    rest = totals;
    for (std::size_t k = 0; k < mechanisms.size(); ++k) {
        std::vector<double> remaining, part;
        for (std::size_t i = 0; i < replications.size(); ++i) {
            const auto r = replications[i];
            remaining.push_back(strategy_without[k].at(r) - baseline_without[k].at(r));
            part.push_back(totals[i] - remaining.back());
            rest[i] -= part.back();
        }
        a.parts.push_back({mechanisms[k], estimate_mean(remaining), estimate_mean(part)});
    }
    a.not_attributed = estimate_mean(rest);
    std::stable_sort(a.parts.begin(), a.parts.end(), [](const auto& x, const auto& y) {
        return std::fabs(x.contribution.mean) > std::fabs(y.contribution.mean);
    });
    return a;
}

bool mostly_through(const attribution& a, const contribution& part) noexcept {
    return significant(a.total) && significant(part.contribution) &&
           (part.contribution.mean > 0.0) == (a.total.mean > 0.0) &&
           std::fabs(part.contribution.mean) >= 0.5 * std::fabs(a.total.mean);
}

std::string why_sentence(const attribution& a, const std::string& strategy) {
    const auto m = a.metric;
    std::string text = strategy;
    if (a.total.n > 0 && a.total.mean == 0.0 && a.total.low == 0.0 && a.total.high == 0.0) {
        text += " does not change " + plain_name(m) +
                " at all: with common random numbers, its runs and the baseline's are identical "
                "there.";
    } else if (!significant(a.total)) {
        text += " changes " + plain_name(m) + " by " + plain_difference(m, a.total.mean) + " (" +
                interval_words(m, a.total) +
                "), not clearly different from nothing, so there is no effect to explain.";
    } else {
        outcome_effect effect;
        effect.metric = m;
        effect.baseline = a.baseline;
        effect.strategy = {a.baseline.mean + a.total.mean, 0.0, 0.0, a.total.n};
        effect.difference = a.total;
        text += " " + change_clause(effect);
        const auto part_words = [&](const contribution& part) {
            return part.mechanism + " (" + plain_difference(m, part.contribution.mean) + "; " +
                   interval_words(m, part.contribution) + ")";
        };
        const auto listed = [&](const std::vector<const contribution*>& parts) {
            std::string list;
            for (std::size_t k = 0; k < parts.size(); ++k)
                list += (k == 0                  ? ""
                         : k + 1 == parts.size() ? " and "
                                                 : ", ") +
                        part_words(*parts[k]);
            return list;
        };
        std::vector<const contribution*> major, shown;
        for (const auto& part : a.parts) {
            if (mostly_through(a, part)) major.push_back(&part);
            if (significant(part.contribution) && shown.size() < 3) shown.push_back(&part);
        }
        if (major.size() == 1) {
            text += ", mostly through " + part_words(*major.front());
            std::vector<const contribution*> others;
            for (const auto* part : shown)
                if (part != major.front()) others.push_back(part);
            text += others.empty() ? "." : ", and through " + listed(others) + ".";
        } else if (major.size() > 1)
            text += "; switching off any one of " + listed(major) +
                    " removes most of it: they bring it about together.";
        else if (!shown.empty())
            text += ", through " + listed(shown) + ".";
        else
            text += ", through no single mechanism that switching off can show.";
        if (significant(a.not_attributed))
            text += " The contributions leave " + plain_difference(m, a.not_attributed.mean) +
                    " unattributed (" + interval_words(m, a.not_attributed) +
                    "): the mechanisms act together, not one by one.";
    }
    text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    return text;
}

}  // namespace civicsim::sim

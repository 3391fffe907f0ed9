#include "sim/results/robustness.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "sim/results/findings.hpp"
#include "sim/results/headline.hpp"
#include "sim/results/statistics.hpp"

namespace civicsim::sim {

standing standing_of(std::span<const double> means, models::better direction, double smallest) {
    standing result{std::vector<bool>(means.size(), false), std::vector<bool>(means.size(), false)};
    // A score that is higher where the outcome is better.
    const auto score = [direction](double mean) {
        switch (direction) {
            case models::better::higher: return mean;
            case models::better::lower: return -mean;
            case models::better::nearer_zero: return -std::fabs(mean);
            case models::better::none: break;
        }
        return std::numeric_limits<double>::quiet_NaN();
    };
    double top = -std::numeric_limits<double>::infinity();
    bool any = false;
    for (const double mean : means) {
        const double s = score(mean);
        if (std::isnan(s)) continue;
        top = std::max(top, s);
        any = true;
    }
    if (!any) return result;
    for (std::size_t i = 0; i < means.size(); ++i) {
        const double s = score(means[i]);
        if (std::isnan(s)) continue;
        result.best[i] = s == top;
        result.near_best[i] = s == top || top - s < smallest;
    }
    return result;
}

std::vector<std::size_t> robust_outcomes(const models::report_settings& report,
                                         const std::vector<run_result>& runs) {
    auto outcomes = case_outcomes(report, runs);
    std::erase_if(outcomes,
                  [](std::size_t m) { return better_direction(m) == models::better::none; });
    return outcomes;
}

void tally_shares(robustness_table& table) {
    const std::size_t strategies = table.strategies.size(), outcomes = table.outcomes.size();
    table.best_share.assign(strategies * outcomes, 0.0);
    table.near_best_share.assign(strategies * outcomes, 0.0);
    if (table.draws() == 0) return;
    std::vector<double> means(strategies);
    for (std::size_t d = 0; d < table.draws(); ++d) {
        for (std::size_t o = 0; o < outcomes; ++o) {
            for (std::size_t s = 0; s < strategies; ++s) means[s] = table.mean(d, s, o);
            const auto place = standing_of(means, better_direction(table.outcomes[o]),
                                           table.smallest[d * outcomes + o]);
            for (std::size_t s = 0; s < strategies; ++s) {
                table.best_share[s * outcomes + o] += place.best[s] ? 1.0 : 0.0;
                table.near_best_share[s * outcomes + o] += place.near_best[s] ? 1.0 : 0.0;
            }
        }
    }
    const double draws = static_cast<double>(table.draws());
    for (auto& share : table.best_share) share /= draws;
    for (auto& share : table.near_best_share) share /= draws;
}

robustness_table tally_draws(std::span<const run_result> runs,
                             const std::vector<models::uncertain_parameter>& parameters,
                             const std::vector<std::vector<double>>& values,
                             const std::vector<std::string>& strategies, std::uint32_t replications,
                             const std::vector<std::size_t>& outcomes,
                             const models::report_settings& report) {
    robustness_table table;
    for (const auto& p : parameters) {
        table.parameters.push_back(p.key);
        table.low.push_back(p.low);
        table.high.push_back(p.high);
    }
    table.values = values;
    table.strategies = strategies;
    table.outcomes = outcomes;
    table.replications = replications;
    const std::size_t per_draw = strategies.size() * replications;
    if (runs.size() != values.size() * per_draw)
        throw std::invalid_argument("tally_draws: expected " +
                                    std::to_string(values.size() * per_draw) + " runs, got " +
                                    std::to_string(runs.size()));
    std::vector<double> sample(replications);
    for (std::size_t d = 0; d < values.size(); ++d) {
        for (std::size_t s = 0; s < strategies.size(); ++s) {
            const auto first = runs.begin() + static_cast<std::ptrdiff_t>(
                                                  (d * strategies.size() + s) * replications);
            for (const auto o : outcomes) {
                for (std::uint32_t r = 0; r < replications; ++r) sample[r] = first[r].summary.at(o);
                table.means.push_back(estimate_mean(sample).mean);
            }
        }
        for (std::size_t o = 0; o < outcomes.size(); ++o)
            table.smallest.push_back(smallest_difference(report, outcomes[o], table.mean(d, 0, o)));
    }
    tally_shares(table);
    return table;
}

}  // namespace civicsim::sim

#include "sim/engine/run.hpp"

#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/metrics.hpp"
#include "sim/engine/world.hpp"

namespace civicsim::sim {

using models::daily_metric;
using models::summary_metric;

run_result run_simulation(std::shared_ptr<const models::parameters> params, const run_identity& id,
                          const run_control& control) {
    const auto& p = *params;
    world w(params, models::stream_key{id.seed, id.replication});
    run_result result;
    result.run_id = id.run_id;
    result.strategy = id.strategy;
    result.replication = id.replication;
    result.seed = id.seed;
    result.days = p.scenario.days;
    result.neighbourhoods = static_cast<std::uint32_t>(p.neighbourhoods.size());
    result.timeseries.resize(models::daily_metric_count * result.days * result.neighbourhoods);

    const std::uint64_t residents = w.population().people.size();
    for (std::uint32_t d = 0; d < result.days; ++d) {
        if (control.cancel != nullptr && control.cancel->load()) throw interrupted();
        w.step();
        const auto day = w.last_day();
        for (std::size_t m = 0; m < models::daily_metric_count; ++m)
            std::copy_n(day.begin() + static_cast<std::ptrdiff_t>(m * result.neighbourhoods),
                        result.neighbourhoods,
                        result.timeseries.begin() +
                            static_cast<std::ptrdiff_t>((m * result.days + d) * result.neighbourhoods));
        if (control.on_day) control.on_day(residents);
    }

    std::vector<float> response_hours;
    for (const auto& r : w.reports())
        if (r.status == models::report_status::handled) response_hours.push_back(r.response_hours);
    result.summary = summarise(p, result, std::move(response_hours), w.hours_available_total(),
                               w.hours_used_total());
    return result;
}

std::vector<run_result> run_replications(std::shared_ptr<const models::parameters> params,
                                         const std::string& strategy, std::uint32_t first_run_id,
                                         unsigned threads, const run_control& control) {
    tbb::task_arena arena(static_cast<int>(std::max(1U, threads)));
    std::vector<run_result> runs;
    for (std::uint32_t r = 0; r < params->scenario.replications; ++r) {
        const run_identity id{first_run_id + r, strategy, r, params->scenario.seed};
        arena.execute([&] { runs.push_back(run_simulation(params, id, control)); });
    }
    return runs;
}

namespace {

double quantile(std::vector<float>& values, double q) {
    if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
    const auto k = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size()))) - 1;
    const auto at = values.begin() + static_cast<std::ptrdiff_t>(std::min(k, values.size() - 1));
    std::nth_element(values.begin(), at, values.end());
    return *at;
}

}  // namespace

std::vector<double> summarise(const models::parameters& params, const run_result& run,
                              std::vector<float> response_hours, double hours_available,
                              double hours_used) {
    std::vector<double> s(models::summary_metric_count, 0.0);
    const auto at = [&](summary_metric m) -> double& { return s[static_cast<std::size_t>(m)]; };
    const auto metric = [](daily_metric m) { return static_cast<std::size_t>(m); };
    if (run.days == 0) return s;
    const std::size_t last = run.days - 1;

    // Shares on the last day, weighted by neighbourhood population.
    double residents = 0.0;
    for (const auto& n : params.neighbourhoods) residents += n.population;
    const auto final_share = [&](daily_metric m) {
        double sum = 0.0;
        for (std::size_t h = 0; h < run.neighbourhoods; ++h)
            sum += static_cast<double>(run.at(metric(m), last, h)) * params.neighbourhoods[h].population;
        return residents > 0.0 ? sum / residents : 0.0;
    };
    const auto total = [&](daily_metric m) {
        double sum = 0.0;
        for (std::size_t d = 0; d < run.days; ++d)
            for (std::size_t h = 0; h < run.neighbourhoods; ++h) sum += run.at(metric(m), d, h);
        return sum;
    };

    at(summary_metric::trust_mean) = final_share(daily_metric::trust_mean);
    at(summary_metric::trusting_share) = final_share(daily_metric::trusting_share);
    at(summary_metric::fear_mean) = final_share(daily_metric::fear_mean);
    at(summary_metric::worried_share) = final_share(daily_metric::worried_share);
    at(summary_metric::victimised_share) = final_share(daily_metric::victimised_share);
    at(summary_metric::aware_share) = final_share(daily_metric::aware_share);
    at(summary_metric::adoption_share) = final_share(daily_metric::adoption_share);
    at(summary_metric::incidents) = total(daily_metric::incidents);
    at(summary_metric::reports) = total(daily_metric::reports);
    const double reports = at(summary_metric::reports);
    at(summary_metric::reporting_rate) =
        at(summary_metric::incidents) > 0.0 ? reports / at(summary_metric::incidents) : 0.0;
    at(summary_metric::app_report_share) = reports > 0.0 ? total(daily_metric::reports_app) / reports : 0.0;
    at(summary_metric::handled) = total(daily_metric::handled);
    at(summary_metric::expired) = total(daily_metric::expired);
    double open = 0.0;
    for (std::size_t h = 0; h < run.neighbourhoods; ++h)
        open += run.at(metric(daily_metric::queue_length), last, h);
    at(summary_metric::open_at_end) = open;
    at(summary_metric::response_time_median) = quantile(response_hours, 0.5);
    at(summary_metric::response_time_p90) = quantile(response_hours, 0.9);
    at(summary_metric::officer_utilisation) = hours_available > 0.0 ? hours_used / hours_available : 0.0;
    at(summary_metric::campaign_cost) = total(daily_metric::campaign_cost);
    return s;
}

}  // namespace civicsim::sim

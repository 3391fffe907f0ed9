#include "sim/engine/run.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

#include "models/fairness.hpp"
#include "models/mechanism.hpp"
#include "models/metrics.hpp"
#include "models/rumours.hpp"
#include "sim/engine/parallel.hpp"
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
    const std::size_t n = result.neighbourhoods;
    const std::size_t communities = std::max<std::size_t>(1, p.scenario.communities.size());
    result.timeseries.resize(models::daily_metrics().size() * result.days * n);
    result.by_community.resize(models::group_metric_count * result.days * n * communities);
    result.by_age_band.resize(models::group_metric_count * result.days * n *
                              models::age_band_count);
    for (auto& table : result.by_exposure)
        table.resize(models::group_metric_count * result.days * n * models::exposure_groups);

    // Copies one day's [metric][rest] table into the run's [metric][day][rest] table.
    const auto store = [&](std::span<const float> day, std::vector<float>& table,
                           std::size_t metrics, std::size_t d) {
        const std::size_t rest = day.size() / metrics;
        for (std::size_t m = 0; m < metrics; ++m)
            std::copy_n(day.begin() + static_cast<std::ptrdiff_t>(m * rest), rest,
                        table.begin() + static_cast<std::ptrdiff_t>((m * result.days + d) * rest));
    };
    const std::uint64_t residents = w.population().people.size();
    for (std::uint32_t d = 0; d < result.days; ++d) {
        if (control.cancel != nullptr && control.cancel->load()) throw interrupted();
        w.step();
        store(w.last_day(), result.timeseries, models::daily_metrics().size(), d);
        store(w.last_day_by_community(), result.by_community, models::group_metric_count, d);
        store(w.last_day_by_age_band(), result.by_age_band, models::group_metric_count, d);
        for (std::size_t e = 0; e < models::exposure_count; ++e)
            store(w.last_day_by_exposure(static_cast<models::exposure>(e)), result.by_exposure[e],
                  models::group_metric_count, d);
        if (control.on_day) control.on_day(residents);
    }
    result.summary = summarise(p, result, w);
    for (std::size_t e = 0; e < models::exposure_count; ++e) {
        const auto city = w.last_day_by_exposure_city(static_cast<models::exposure>(e));
        result.exposure_summary[e].assign(city.begin(), city.end());
    }
    return result;
}

namespace {

/// Trims a finished run to what `keep` retains, releasing the memory of the rest.
void retain(run_result& run, const run_retention& keep) {
    if (keep.all) return;
    const std::size_t block = static_cast<std::size_t>(run.days) * run.neighbourhoods;
    std::vector<float> kept(keep.daily.size() * block);
    for (std::size_t k = 0; k < keep.daily.size(); ++k)
        std::copy_n(run.timeseries.begin() + static_cast<std::ptrdiff_t>(keep.daily[k] * block),
                    block, kept.begin() + static_cast<std::ptrdiff_t>(k * block));
    run.timeseries = std::move(kept);
    if (!keep.breakdowns) {
        std::vector<float>().swap(run.by_community);
        std::vector<float>().swap(run.by_age_band);
        for (auto& table : run.by_exposure) std::vector<float>().swap(table);
    }
}

}  // namespace

std::vector<run_result> run_batch(
    std::span<const run_job> jobs, unsigned threads, const run_control& control,
    const run_retention& keep,
    const std::function<void(std::size_t job, const run_result& run)>& on_run_end) {
    for (const auto index : keep.daily)
        if (index >= models::daily_metrics().size())
            throw std::invalid_argument("run_batch: daily metric " + std::to_string(index) +
                                        " does not exist");
    const std::size_t count = jobs.size();
    std::vector<run_result> runs(count);  // filled in place: job order at any thread count

    // Progress goes to the caller's on_day only from the calling thread (which takes part in the
    // parallel_for): the CLI's progress bar is not thread-safe, and Python handles signals only
    // on its main thread. Runs on other threads leave their resident-days in `pending`.
    const auto caller = std::this_thread::get_id();
    std::atomic<std::uint64_t> pending{0};
    const auto forward = [&] {
        if (const auto done = pending.exchange(0); done > 0) control.on_day(done);
    };
    // Set on cancellation or when a run fails, so that every other run stops after its day.
    std::atomic<bool> stop{false};
    const auto cancelled = [&] { return control.cancel != nullptr && control.cancel->load(); };
    std::mutex failure_mutex;
    std::exception_ptr failure;  // the first error, not the `interrupted` it causes elsewhere

    run_control each;
    each.cancel = &stop;
    each.on_day = [&](std::uint64_t resident_days) {
        if (control.on_day) {
            pending.fetch_add(resident_days, std::memory_order_relaxed);
            if (std::this_thread::get_id() == caller) forward();
        }
        if (cancelled()) stop.store(true);  // after forwarding: the callback may have cancelled
    };

    tbb::task_arena arena(static_cast<int>(std::max(1U, threads)));
    arena.execute([&] {
        const fork_join_marks marks;
        // One job per task (grain 1): a sweep's runs differ in length, and each is long.
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count, 1),
                          task_body([&](const tbb::blocked_range<std::size_t>& range) {
                              marks.task_begins();
                              for (auto j = range.begin(); j != range.end(); ++j) {
                                  if (stop.load() || cancelled()) {
                                      stop.store(true);
                                      break;
                                  }
                                  try {
                                      // Isolated, so that a thread waiting for the run's own
                                      // parallel work does not start another whole run meanwhile:
                                      // that would keep more worlds alive than there are threads
                                      // and hold this run back until the other one ends.
                                      tbb::this_task_arena::isolate([&] {
                                          runs[j] =
                                              run_simulation(jobs[j].params, jobs[j].id, each);
                                          retain(runs[j], keep);
                                      });
                                      if (on_run_end) on_run_end(j, runs[j]);
                                  } catch (...) {
                                      const std::lock_guard lock(failure_mutex);
                                      if (!failure) failure = std::current_exception();
                                      stop.store(true);
                                  }
                              }
                              marks.task_ends();
                          }),
                          tbb::simple_partitioner{});
    });
    if (failure) std::rethrow_exception(failure);
    if (stop.load()) throw interrupted();
    if (control.on_day) forward();
    return runs;
}

std::vector<run_job> replication_jobs(std::shared_ptr<const models::parameters> params,
                                      const std::string& strategy, std::uint32_t first_run_id) {
    std::vector<run_job> jobs;
    for (std::uint32_t r = 0; r < params->scenario.replications; ++r)
        jobs.push_back(
            {params, run_identity{first_run_id + r, strategy, r, params->scenario.seed}});
    return jobs;
}

std::vector<run_result> run_replications(std::shared_ptr<const models::parameters> params,
                                         const std::string& strategy, std::uint32_t first_run_id,
                                         unsigned threads, const run_control& control) {
    return run_batch(replication_jobs(std::move(params), strategy, first_run_id), threads, control);
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
                              const world& w) {
    std::vector<double> s(models::summary_metrics().size(), 0.0);
    const auto at = [&](summary_metric m) -> double& { return s[static_cast<std::size_t>(m)]; };
    const auto metric = [](auto m) { return static_cast<std::size_t>(m); };
    if (run.days == 0) return s;
    const std::size_t last = run.days - 1;
    const double nan = std::numeric_limits<double>::quiet_NaN();

    // Shares on the last day, weighted by neighbourhood population, over the neighbourhoods where
    // they are defined (a gap needs both its groups); NaN where none is.
    const auto final_share = [&](auto m) {
        double sum = 0.0, weight = 0.0;
        for (std::size_t h = 0; h < run.neighbourhoods; ++h) {
            const auto value = static_cast<double>(run.at(metric(m), last, h));
            if (std::isnan(value)) continue;
            sum += value * params.neighbourhoods[h].population;
            weight += params.neighbourhoods[h].population;
        }
        return weight > 0.0 ? sum / weight : nan;
    };
    const auto final_sum = [&](auto m) {
        double sum = 0.0;
        for (std::size_t h = 0; h < run.neighbourhoods; ++h) sum += run.at(metric(m), last, h);
        return sum;
    };
    const auto total = [&](auto m) {
        double sum = 0.0;
        for (std::size_t d = 0; d < run.days; ++d)
            for (std::size_t h = 0; h < run.neighbourhoods; ++h) sum += run.at(metric(m), d, h);
        return sum;
    };
    // A rate of nothing (no incidents, no reports, no hours) is undefined, not 0.
    const auto ratio = [nan](double a, double b) { return b > 0.0 ? a / b : nan; };

    at(summary_metric::trust_mean) = final_share(daily_metric::trust_mean);
    at(summary_metric::trusting_share) = final_share(daily_metric::trusting_share);
    at(summary_metric::fear_mean) = final_share(daily_metric::fear_mean);
    at(summary_metric::worried_share) = final_share(daily_metric::worried_share);
    at(summary_metric::victimised_share) = final_share(daily_metric::victimised_share);
    at(summary_metric::repeat_victimisation_share) =
        ratio(total(daily_metric::repeat_victimisations), total(daily_metric::victimisations));
    at(summary_metric::fear_risk_gap) = final_share(daily_metric::fear_risk_gap);
    at(summary_metric::prejudice_mean) = final_share(daily_metric::prejudice_mean);
    at(summary_metric::aware_share) = final_share(daily_metric::aware_share);
    at(summary_metric::adoption_share) = final_share(daily_metric::adoption_share);
    at(summary_metric::adoption_gap_age) = final_share(daily_metric::adoption_share_16_29) -
                                           final_share(daily_metric::adoption_share_65_plus);
    at(summary_metric::adoption_gap_language) = final_share(daily_metric::adoption_gap_language);
    at(summary_metric::group_member_share) = final_share(daily_metric::group_member_share);
    at(summary_metric::groups) = final_sum(daily_metric::groups);
    at(summary_metric::cohesion) = final_share(daily_metric::cohesion);
    at(summary_metric::volunteer_share) = final_share(daily_metric::volunteer_share);

    at(summary_metric::incidents) = total(daily_metric::incidents);
    at(summary_metric::reports) = total(daily_metric::reports);
    at(summary_metric::hate_crime_reports) = total(daily_metric::reports_hate_crime);
    const double reports = at(summary_metric::reports);
    const double incidents = at(summary_metric::incidents);
    at(summary_metric::reporting_rate) = ratio(reports, incidents);
    double reported_incidents = 0.0;
    for (std::size_t d = 0; d < run.days; ++d)
        for (std::size_t h = 0; h < run.neighbourhoods; ++h) {
            const double share = run.at(metric(daily_metric::incidents_reported_share), d, h);
            if (std::isfinite(share))
                reported_incidents += share * run.at(metric(daily_metric::incidents), d, h);
        }
    at(summary_metric::incidents_reported_share) = ratio(reported_incidents, incidents);
    for (std::size_t c = 0; c < models::category_count; ++c) {
        const auto offset = [c](auto first) {
            return static_cast<decltype(first)>(static_cast<std::size_t>(first) + c);
        };
        at(offset(summary_metric::reported_share_serious_crime)) =
            ratio(total(offset(daily_metric::reported_serious_crime)),
                  total(offset(daily_metric::incidents_serious_crime)));
    }
    at(summary_metric::app_report_share) = ratio(total(daily_metric::reports_app), reports);
    for (std::size_t c = 0; c < models::channel_count; ++c)
        at(static_cast<summary_metric>(
            static_cast<std::size_t>(summary_metric::reports_per_year_phone_desk) + c)) =
            run.days > 0 ? total(static_cast<daily_metric>(
                               static_cast<std::size_t>(daily_metric::reports_phone_desk) + c)) *
                               models::days_per_year / static_cast<double>(run.days)
                         : std::numeric_limits<double>::quiet_NaN();
    double app_reports = 0.0, app_public_service = 0.0;
    for (const auto& r : w.reports()) {
        if (r.via != models::channel::app) continue;
        ++app_reports;
        app_public_service += r.category == models::incident_category::public_service ? 1.0 : 0.0;
    }
    at(summary_metric::app_public_service_share) = ratio(app_public_service, app_reports);
    at(summary_metric::handled) = total(daily_metric::handled);
    at(summary_metric::expired) = total(daily_metric::expired);
    at(summary_metric::moderated) = total(daily_metric::moderated);
    at(summary_metric::filtered) = total(daily_metric::filtered);
    at(summary_metric::routed_municipal) = total(daily_metric::routed_municipal);
    at(summary_metric::missed_genuine) = total(daily_metric::missed_genuine);
    at(summary_metric::open_at_end) = final_sum(daily_metric::queue_length);

    std::vector<float> response_hours;
    for (const auto& r : w.reports())
        if (r.status == models::report_status::handled) response_hours.push_back(r.response_hours);
    at(summary_metric::response_time_median) = quantile(response_hours, 0.5);
    at(summary_metric::response_time_p90) = quantile(response_hours, 0.9);
    // By grade: response times of the handled reports, and the share of those the queue closed
    // (handled or expired) that were handled within their target.
    const auto& police = w.params().police;
    for (std::size_t g = 0; g < models::response_grade_count; ++g) {
        std::vector<float> hours;
        double closed = 0.0, on_target = 0.0;
        for (const auto& r : w.reports()) {
            if (models::to_index(police.grade[models::to_index(r.category)]) != g) continue;
            if (r.status == models::report_status::handled) {
                hours.push_back(r.response_hours);
                ++closed;
                on_target += models::within_target(r, police) ? 1.0 : 0.0;
            } else if (r.status == models::report_status::expired) {
                ++closed;
            }
        }
        const auto grade = [g](summary_metric first) {
            return static_cast<summary_metric>(static_cast<std::size_t>(first) + g);
        };
        at(grade(summary_metric::response_time_median_emergency)) = quantile(hours, 0.5);
        at(grade(summary_metric::response_time_p90_emergency)) = quantile(hours, 0.9);
        at(grade(summary_metric::on_target_share_emergency)) = ratio(on_target, closed);
    }
    const auto& totals = w.totals();
    at(summary_metric::officer_utilisation) =
        ratio(totals.report_hours_used, totals.report_hours_available);
    at(summary_metric::non_police_hours_share) =
        ratio(totals.non_police_hours, totals.report_hours_used);
    at(summary_metric::triage_hours) = total(daily_metric::triage_hours);
    double gap = 0.0;
    for (std::size_t h = 0; h < run.neighbourhoods; ++h)
        gap += std::abs(run.at(metric(daily_metric::patrol_share), last, h) -
                        run.at(metric(daily_metric::crime_share), last, h));
    at(summary_metric::patrol_crime_gap) = gap / 2.0;

    at(summary_metric::interventions_on_innocents) =
        total(daily_metric::interventions_on_innocents);
    // Disparity: each community's stops against its share of the residents where they happened.
    const std::size_t communities = totals.interventions_by_community.size();
    std::vector<double> stops_here(run.neighbourhoods, 0.0);
    std::vector<double> living(run.neighbourhoods * communities, 0.0);
    const auto& people = w.population().people;
    for (std::size_t h = 0; h < run.neighbourhoods; ++h) {
        for (std::size_t d = 0; d < run.days; ++d)
            stops_here[h] += run.at(metric(daily_metric::interventions_on_innocents), d, h);
        const auto range = w.population().neighbourhoods[h];
        for (std::uint32_t i = range.begin; i < range.end; ++i)
            living[h * communities + std::min<std::size_t>(people.community[i], communities - 1)] +=
                1.0;
    }
    at(summary_metric::innocent_intervention_disparity) =
        models::stop_disparity(totals.interventions_by_community, stops_here, living);

    at(summary_metric::rumours_started) = total(daily_metric::rumours_started);
    at(summary_metric::rumour_reach) =
        totals.rumours_ended > 0 ? totals.rumour_reach / totals.rumours_ended : nan;
    at(summary_metric::time_to_debunk) =
        totals.rumours_ended > 0 ? totals.rumour_days / totals.rumours_ended : nan;
    {  // The distribution of reach over the rumours that ended, and its split by truth.
        std::vector<float> reaches;
        double reach_of[2] = {0.0, 0.0}, count_of[2] = {0.0, 0.0}, far = 0.0;
        for (const auto& r : totals.rumours) {
            reaches.push_back(r.reach);
            reach_of[r.is_false ? 1 : 0] += r.reach;
            count_of[r.is_false ? 1 : 0] += 1.0;
            far += r.reach > models::far_reach_share ? 1.0 : 0.0;
        }
        at(summary_metric::rumour_reach_false) = ratio(reach_of[1], count_of[1]);
        at(summary_metric::rumour_reach_true) = ratio(reach_of[0], count_of[0]);
        at(summary_metric::rumour_reach_p90) = quantile(reaches, 0.9);
        at(summary_metric::rumours_far_share) =
            ratio(far, static_cast<double>(totals.rumours.size()));
    }
    at(summary_metric::rumours_debunked) = total(daily_metric::rumours_debunked);
    at(summary_metric::shaming_posts) = total(daily_metric::shaming_posts);
    at(summary_metric::shaming_removed) = total(daily_metric::shaming_removed);
    at(summary_metric::vigilante_acts) = total(daily_metric::vigilante_acts);
    at(summary_metric::acts_on_innocents) = total(daily_metric::acts_on_innocents);
    at(summary_metric::participants) = total(daily_metric::participants);

    at(summary_metric::campaign_cost) = total(daily_metric::campaign_cost);
    at(summary_metric::training_cost) = total(daily_metric::training_cost);
    at(summary_metric::translation_cost) = total(daily_metric::translation_cost);
    at(summary_metric::officer_cost) = total(daily_metric::officer_cost);
    at(summary_metric::participation_cost) = total(daily_metric::participation_cost);
    at(summary_metric::total_cost) =
        at(summary_metric::campaign_cost) + at(summary_metric::training_cost) +
        at(summary_metric::translation_cost) + at(summary_metric::officer_cost) +
        at(summary_metric::participation_cost);

    // The mechanisms' outcomes, each by the reduction its table declares.
    const auto reductions = models::mechanism_summary_reductions();
    for (std::size_t k = 0; k < reductions.size(); ++k) {
        const auto& r = reductions[k];
        double& value = s[models::core_summary_metric_count + k];
        switch (static_cast<models::reduction>(r.how)) {
            case models::reduction::total: value = total(r.of); break;
            case models::reduction::final_sum: value = final_sum(r.of); break;
            case models::reduction::final_share: value = final_share(r.of); break;
            case models::reduction::ratio_of_totals: {
                // 0 when the latter is 0, as models/mechanism.hpp declares.
                const double per = total(r.per);
                value = per > 0.0 ? total(r.of) / per : 0.0;
                break;
            }
        }
    }
    return s;
}

}  // namespace civicsim::sim

#include "sim/engine/world.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "models/attitudes.hpp"
#include "models/outreach.hpp"

namespace civicsim::sim {

using models::daily_metric;
using models::resident_flag::adopter;
using models::resident_flag::aware;

namespace {

/// Runs body(i) for i in [0, n) as TBB tasks, one index per task.
template <class Body>
void for_each_index(std::size_t n, const Body& body) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                          for (std::size_t i = r.begin(); i != r.end(); ++i) body(i);
                      },
                      tbb::simple_partitioner());
}

constexpr std::size_t metric_index(daily_metric m) { return static_cast<std::size_t>(m); }

}  // namespace

world::world(std::shared_ptr<const models::parameters> params, models::stream_key key)
    : params_(std::move(params)),
      key_(key),
      pop_(models::allocate_population(*params_)),
      queue_(params_->police) {
    const auto& p = *params_;
    if (p.scenario.days > std::numeric_limits<std::uint16_t>::max() - 1)
        throw std::invalid_argument("world: days must fit the 16-bit day stamps of reports");
    const std::size_t n = p.neighbourhoods.size();
    for (std::size_t h = 0; h < n; ++h) {
        const auto range = pop_.neighbourhoods[h];
        for (std::uint32_t b = range.begin; b < range.end; b += block_size)
            blocks_.push_back({static_cast<std::uint16_t>(h), {b, std::min(range.end, b + block_size)}});
    }
    tallies_.resize(blocks_.size());
    today_.resize(n);
    hours_by_neighbourhood_.assign(n, 0.0);
    open_by_neighbourhood_.assign(n, 0);
    adopter_share_.assign(n, 0.0);
    last_day_.assign(models::daily_metric_count * n, 0.0F);

    for_each_index(blocks_.size(), [&](std::size_t b) {
        models::initialise_residents(pop_.people, models::neighbourhood_id{blocks_[b].neighbourhood},
                                     blocks_[b].range, p, key_);
    });
    models::index_minority_members(pop_);
}

void world::step() {
    if (day_ >= std::numeric_limits<std::uint16_t>::max() - 1)
        throw std::out_of_range("world: no more days fit the 16-bit day stamps of reports");
    outreach_phase();
    incident_phase();
    police_phase();
    attitude_phase();
    record();
    ++day_;
}

void world::outreach_phase() {
    const bool live = models::app_live(params_->channels.app, day_);
    for_each_index(blocks_.size(), [&](std::size_t b) {
        const auto& blk = blocks_[b];
        const models::adoption_day today{day_, live, adopter_share_[blk.neighbourhood]};
        models::update_adoption(pop_.people, blk.range, models::neighbourhood_id{blk.neighbourhood},
                                today, *params_, key_);
    });
}

void world::incident_phase() {
    for_each_index(today_.size(), [&](std::size_t h) {
        auto& t = today_[h];
        const auto home = models::neighbourhood_id{static_cast<std::uint16_t>(h)};
        const auto& where = params_->neighbourhoods[h];
        models::stream s(key_, models::phase::incidents, day_, h);
        models::generate_incidents(pop_.neighbourhoods[h], pop_.minority_members[h], where,
                                   params_->incidents, s, t.incidents);
        t.incident_counts = {};
        for (const auto c : t.incidents.category) ++t.incident_counts[models::to_index(c)];
        t.new_reports.clear();
        models::decide_reports(t.incidents, pop_.people, home, *params_, day_, key_, t.new_reports);
        models::apply_incidents(t.incidents, pop_.people, day_, params_->fear);
    });
}

void world::police_phase() {
    // Today's reports join the queue in a random order drawn from the city's police stream:
    // neither the neighbourhoods' order in the file nor which task finished first decides who
    // waits longer.
    const auto first_new = static_cast<std::uint32_t>(reports_.size());
    for (const auto& t : today_) reports_.insert(reports_.end(), t.new_reports.begin(), t.new_reports.end());
    models::stream order(key_, models::phase::police, day_, 0);
    for (auto i = static_cast<std::uint32_t>(reports_.size()); i > first_new + 1; --i) {
        const auto j = first_new + static_cast<std::uint32_t>(order.below(i - first_new));
        std::swap(reports_[i - 1], reports_[j]);
    }
    for (auto r = first_new; r < reports_.size(); ++r) {
        queue_.enqueue(reports_, r);
        ++open_by_neighbourhood_[models::index(reports_[r].neighbourhood)];
    }
    std::fill(hours_by_neighbourhood_.begin(), hours_by_neighbourhood_.end(), 0.0);
    closed_today_.clear();
    const double capacity = models::report_hours_per_day(*params_);
    const auto result = queue_.work(reports_, day_, capacity, closed_today_, hours_by_neighbourhood_);
    hours_available_total_ += capacity;
    hours_used_total_ += result.hours_used;

    // Contacts move the reporter's trust, in the order the reports were closed.
    auto& people = pop_.people;
    for (const auto r : closed_today_) {
        const auto& rep = reports_[r];
        const auto who = models::index(rep.reporter);
        people.trust[who] = models::after_contact(
            people.trust[who], rep.status == models::report_status::handled, params_->trust);
        --open_by_neighbourhood_[models::index(rep.neighbourhood)];
    }
}

void world::attitude_phase() {
    const auto& p = *params_;
    std::vector<double> exposure(today_.size());
    for (std::size_t h = 0; h < today_.size(); ++h)
        exposure[h] = models::neighbourhood_exposure(today_[h].incident_counts,
                                                     p.neighbourhoods[h].population, p.fear);
    const auto& app = p.channels.app;
    const auto recent = static_cast<int>(day_) + 1 - 365;  // victimised_on stamps are day + 1
    for_each_index(blocks_.size(), [&](std::size_t b) {
        const auto& blk = blocks_[b];
        auto& people = pop_.people;
        block_tally tally;
        for (std::uint32_t i = blk.range.begin; i < blk.range.end; ++i) {
            people.fear[i] = models::after_day(people.fear[i], people.resting_fear[i], p.fear.decay,
                                               exposure[blk.neighbourhood]);
            const auto flags = people.flags[i];
            const auto band = models::to_index(people.age[i]);
            tally.trust += people.trust[i];
            tally.fear += people.fear[i];
            tally.trusting += people.trust[i] > p.trust.trusting_threshold;
            tally.worried += people.fear[i] > p.fear.worried_threshold;
            tally.victimised += people.victimised_on[i] != models::never &&
                                static_cast<int>(people.victimised_on[i]) > recent;
            tally.aware += (flags & aware) != 0;
            tally.adopters += (flags & adopter) != 0;
            tally.with_access += models::has_app_access(flags, people.language[i], app);
            ++tally.residents_by_band[band];
            tally.adopters_by_band[band] += (flags & adopter) != 0;
        }
        tallies_[b] = tally;
    });
}

float& world::metric(daily_metric m, std::size_t neighbourhood) {
    return last_day_[metric_index(m) * today_.size() + neighbourhood];
}

void world::record() {
    const std::size_t n = today_.size();
    std::fill(last_day_.begin(), last_day_.end(), 0.0F);
    std::vector<block_tally> sums(n);
    for (std::size_t b = 0; b < blocks_.size(); ++b) {
        auto& s = sums[blocks_[b].neighbourhood];
        const auto& t = tallies_[b];
        s.trust += t.trust;
        s.fear += t.fear;
        s.trusting += t.trusting;
        s.worried += t.worried;
        s.victimised += t.victimised;
        s.aware += t.aware;
        s.adopters += t.adopters;
        s.with_access += t.with_access;
        for (std::size_t a = 0; a < models::age_band_count; ++a) {
            s.residents_by_band[a] += t.residents_by_band[a];
            s.adopters_by_band[a] += t.adopters_by_band[a];
        }
    }
    const auto share = [](double part, double whole) {
        return whole > 0.0 ? static_cast<float>(part / whole) : 0.0F;
    };
    const auto cost = models::campaign_cost_by_neighbourhood(*params_, day_);
    for (std::size_t h = 0; h < n; ++h) {
        const auto& s = sums[h];
        const double residents = pop_.neighbourhoods[h].size();
        metric(daily_metric::trust_mean, h) = share(s.trust, residents);
        metric(daily_metric::trusting_share, h) = share(s.trusting, residents);
        metric(daily_metric::fear_mean, h) = share(s.fear, residents);
        metric(daily_metric::worried_share, h) = share(s.worried, residents);
        metric(daily_metric::victimised_share, h) = share(s.victimised, residents);
        metric(daily_metric::aware_share, h) = share(s.aware, residents);
        metric(daily_metric::adoption_share, h) = share(s.adopters, residents);
        constexpr std::array by_band{daily_metric::adoption_share_16_29, daily_metric::adoption_share_30_49,
                                     daily_metric::adoption_share_50_64, daily_metric::adoption_share_65_plus};
        for (std::size_t a = 0; a < models::age_band_count; ++a)
            metric(by_band[a], h) = share(s.adopters_by_band[a], s.residents_by_band[a]);
        adopter_share_[h] = s.with_access > 0 ? static_cast<double>(s.adopters) / s.with_access : 0.0;

        int incidents = 0;
        for (std::size_t c = 0; c < models::category_count; ++c) {
            const int count = today_[h].incident_counts[c];
            incidents += count;
            metric(static_cast<daily_metric>(metric_index(daily_metric::incidents_serious_crime) + c), h) =
                static_cast<float>(count);
        }
        metric(daily_metric::incidents, h) = static_cast<float>(incidents);
        for (const auto& r : today_[h].new_reports) {
            metric(daily_metric::reports, h) += 1.0F;
            metric(static_cast<daily_metric>(metric_index(daily_metric::reports_serious_crime) +
                                             models::to_index(r.category)), h) += 1.0F;
            metric(r.via == models::channel::app ? daily_metric::reports_app : daily_metric::reports_phone_desk, h) += 1.0F;
        }
        metric(daily_metric::queue_length, h) = static_cast<float>(open_by_neighbourhood_[h]);
        metric(daily_metric::officer_hours, h) = static_cast<float>(hours_by_neighbourhood_[h]);
        metric(daily_metric::campaign_cost, h) = static_cast<float>(cost[h]);
    }

    std::vector<double> response_sum(n, 0.0);
    for (const auto r : closed_today_) {
        const auto& rep = reports_[r];
        const auto h = models::index(rep.neighbourhood);
        if (rep.status == models::report_status::handled) {
            metric(daily_metric::handled, h) += 1.0F;
            response_sum[h] += rep.response_hours;
        } else {
            metric(daily_metric::expired, h) += 1.0F;
        }
    }
    for (std::size_t h = 0; h < n; ++h) {
        const float handled = metric(daily_metric::handled, h);
        metric(daily_metric::response_time_mean, h) =
            handled > 0.0F ? static_cast<float>(response_sum[h] / handled)
                           : std::numeric_limits<float>::quiet_NaN();
    }
}

}  // namespace civicsim::sim

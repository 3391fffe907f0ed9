#include "sim/engine/recorder.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include "models/languages.hpp"
#include "models/links.hpp"
#include "models/metrics.hpp"
#include "models/outreach.hpp"
#include "models/participation.hpp"
#include "models/police.hpp"
#include "models/victimisation.hpp"
#include "sim/engine/parallel.hpp"

namespace civicsim::sim {

using models::daily_metric;
using models::group_metric;
using models::report_status;
namespace flag = models::resident_flag;

namespace {

constexpr std::size_t metric_index(daily_metric m) { return static_cast<std::size_t>(m); }

/// How many of n residents have each counted flag bit set. Run once per stratum at construction
/// and for each resident whose flags changed (the kept tally), so a plain loop.
flag_counts count_flags(const std::uint8_t* flags, std::size_t n) {
    static_assert(flag::literate == 1U << 0 && flag::aware == 1U << 1 && flag::adopter == 1U << 2 &&
                  flag::volunteer == 1U << 4);
    flag_counts c;
    for (std::size_t k = 0; k < n; ++k) {
        const std::uint32_t f = flags[k];
        c.literate += f & 1U;
        c.aware += (f >> 1) & 1U;
        c.adopters += (f >> 2) & 1U;
        c.volunteers += (f >> 4) & 1U;
        c.literate_adopters += f & (f >> 2) & 1U;
    }
    return c;
}

/// The float sum of term(0), ..., term(m - 1) in one fixed order, whatever the optimisation level:
/// term j goes to lane j % Lanes (the last m % Lanes terms to lane 0), and the lanes are added in
/// lane order. This is the order GCC's vectoriser gave the `omp simd reduction` loops these sums
/// used to be (4 lanes for a float column, 16 for a float column masked by a byte column, at -O2
/// and -O3 on x86-64), so Release values are unchanged; unoptimised and sanitizer builds, which
/// did not vectorise, summed in index order and drifted in the ninth digit (docs/reliability.md).
/// Written as whole groups of Lanes, the loop still vectorises.
template <std::size_t Lanes, class Term>
float lane_sum(std::size_t m, Term term) {
    std::array<float, Lanes> lane{};
    const std::size_t whole = m - m % Lanes;
    for (std::size_t j = 0; j < whole; j += Lanes)
        for (std::size_t l = 0; l < Lanes; ++l) lane[l] += term(j + l);
    for (std::size_t j = whole; j < m; ++j) lane[0] += term(j);
    float partial = 0.0F;
    for (const float v : lane) partial += v;
    return partial;
}

/// Sum of n values in [0, 1]: in float over chunks of 256, in 4 lanes (so that the rounding stays
/// near float's own), then in double.
double sum_of(const float* x, std::size_t n) {
    double sum = 0.0;
    for (std::size_t c = 0; c < n; c += 256) {
        const float* const chunk = x + c;
        sum += lane_sum<4>(std::min<std::size_t>(256, n - c),
                           [chunk](std::size_t j) { return chunk[j]; });
    }
    return sum;
}

/// Sum of the n values of x whose flags have flag bit `Bit` set, in the same chunks as sum_of and
/// 16 lanes. The bit is a 0/1 factor, not a branch, so that the loop vectorises.
template <std::uint8_t Bit>
double masked_sum_of(const float* x, const std::uint8_t* flags, std::size_t n) {
    static_assert(std::has_single_bit(Bit));
    constexpr int shift = std::countr_zero(Bit);
    double sum = 0.0;
    for (std::size_t c = 0; c < n; c += 256) {
        const float* const chunk = x + c;
        const std::uint8_t* const chunk_flags = flags + c;
        sum += lane_sum<16>(std::min<std::size_t>(256, n - c), [chunk, chunk_flags](std::size_t j) {
            return chunk[j] * static_cast<float>((chunk_flags[j] >> shift) & 1U);
        });
    }
    return sum;
}

}  // namespace

recorder::recorder(const models::parameters& params)
    : params_(params),
      communities_(std::max<std::size_t>(1, params.scenario.communities.size())),
      neighbourhoods_(params.neighbourhoods.size()),
      app_speaks_(params.channels.app.languages),
      places_(params.neighbourhoods.size()),
      adopter_share_(params.neighbourhoods.size(), 0.0),
      last_day_(models::daily_metrics().size() * params.neighbourhoods.size(), 0.0F),
      by_community_(models::group_metric_count * params.neighbourhoods.size() * communities_, 0.0F),
      by_age_band_(
          models::group_metric_count * params.neighbourhoods.size() * models::age_band_count,
          0.0F) {
    for (auto& place : places_) place.by_community.assign(communities_, {});
    for (std::size_t e = 0; e < models::exposure_count; ++e) {
        by_exposure_[e].assign(
            models::group_metric_count * neighbourhoods_ * models::exposure_groups, 0.0F);
        // NaN until a day is recorded: no day, no value.
        by_exposure_city_[e].assign(models::group_metric_count * models::exposure_groups,
                                    std::numeric_limits<float>::quiet_NaN());
    }
    totals_.interventions_by_community.assign(communities_, 0.0);
}

void recorder::start(std::span<const resident_block> blocks, const models::residents& people) {
    tallies_.assign(blocks.size(), block_tally(communities_));
    kept_.assign(blocks.size(), {});
    tallied_trust_ = people.trust;
    tallied_flags_ = people.flags;
    for_each_index(blocks.size(), [&](std::size_t b) { tally_afresh(b, blocks[b], people); });
}

void recorder::count_incident(std::size_t neighbourhood, std::uint8_t community,
                              models::age_band band, bool reported) {
    auto& place = places_[neighbourhood];
    for (auto* counts : {&place.by_community[community], &place.by_band[models::to_index(band)]}) {
        ++counts->incidents;
        counts->reported += reported;
    }
}

void recorder::count_stop(std::size_t neighbourhood, std::uint8_t community,
                          models::age_band band) {
    auto& place = places_[neighbourhood];
    ++place.by_community[community].interventions;
    ++place.by_band[models::to_index(band)].interventions;
    totals_.interventions_by_community[community] += 1.0;
}

void recorder::count_incident_by_exposure(std::size_t neighbourhood,
                                          const models::residents& people,
                                          std::uint32_t complainant, bool reported) {
    auto& split = places_[neighbourhood].by_exposure;
    for (std::size_t e = 0; e < models::exposure_count; ++e) {
        const bool exposed =
            models::exposed(params_, people, complainant, static_cast<models::exposure>(e));
        auto& counts = split[e][exposed ? 0 : 1];
        ++counts.incidents;
        counts.reported += reported;
    }
}

void recorder::count_stop_by_exposure(std::size_t neighbourhood, const models::residents& people,
                                      std::uint32_t stopped) {
    auto& split = places_[neighbourhood].by_exposure;
    for (std::size_t e = 0; e < models::exposure_count; ++e) {
        const bool exposed =
            models::exposed(params_, people, stopped, static_cast<models::exposure>(e));
        ++split[e][exposed ? 0 : 1].interventions;
    }
}

namespace {

/// The trust histogram's bin of a trust value in [0, 1]: the same float arithmetic everywhere.
std::size_t trust_bin(float trust) noexcept {
    constexpr auto top = static_cast<float>(recorder::trust_bins - 1);
    return static_cast<std::size_t>(
        std::min(top, trust * static_cast<float>(recorder::trust_bins)));
}

}  // namespace

void recorder::tally_afresh(std::size_t b, const resident_block& blk,
                            const models::residents& people) {
    const float* const trust = people.trust.data() + blk.range.begin;
    const std::uint8_t* const flags = people.flags.data() + blk.range.begin;
    const auto threshold = static_cast<float>(params_.trust.trusting_threshold);
    auto& t = kept_[b];
    t = kept_tally{};
    for (std::uint32_t k = 0; k < blk.range.size(); ++k) {
        ++t.histogram[trust_bin(trust[k])];
        t.trusting += trust[k] > threshold ? 1U : 0U;
    }
    for (const auto& st : blk.strata) {
        const std::size_t from = st.range.begin - blk.range.begin;
        t.trust_by_stratum.push_back(sum_of(trust + from, st.range.size()));
        t.adopter_trust_by_stratum.push_back(
            masked_sum_of<flag::adopter>(trust + from, flags + from, st.range.size()));
        t.flags_by_stratum.push_back(count_flags(flags + from, st.range.size()));
    }
}

namespace {

/// Moves one resident's flags in `c` from what they were to what they are (counted as
/// count_flags counts them).
void recount(flag_counts& c, std::uint8_t was, std::uint8_t now) {
    const auto before = count_flags(&was, 1), after = count_flags(&now, 1);
    c.aware = c.aware - before.aware + after.aware;
    c.adopters = c.adopters - before.adopters + after.adopters;
    c.volunteers = c.volunteers - before.volunteers + after.volunteers;
    c.literate = c.literate - before.literate + after.literate;
    c.literate_adopters = c.literate_adopters - before.literate_adopters + after.literate_adopters;
}

/// Calls `changed(j)` for each j in [0, n) where now and then differ, in order, after a wide
/// byte compare of chunks of 64 has skipped the chunks where nothing did.
template <class T, class Changed>
void for_each_change(const T* now, const T* then, std::size_t n, Changed&& changed) {
    for (std::size_t c = 0; c < n; c += 64) {
        const std::size_t m = std::min<std::size_t>(64, n - c);
        if (std::memcmp(now + c, then + c, m * sizeof(T)) == 0) continue;
        for (std::size_t j = c; j < c + m; ++j)
            if (std::memcmp(now + j, then + j, sizeof(T)) != 0) changed(j);
    }
}

}  // namespace

// Moves only the residents whose trust or flags changed since they were last tallied: trust from
// its old bin, count and sum to its new ones, flags from their old counts to the new. The sums
// change by exact float differences added in double, in resident order: the same at any thread
// count. A 0 that became -0 changes no figure.
void recorder::update_kept_tally(std::size_t b, const resident_block& blk,
                                 const models::residents& people) {
    const float* const trust = people.trust.data() + blk.range.begin;
    float* const trust_then = tallied_trust_.data() + blk.range.begin;
    const std::uint8_t* const flags = people.flags.data() + blk.range.begin;
    std::uint8_t* const flags_then = tallied_flags_.data() + blk.range.begin;
    const auto threshold = static_cast<float>(params_.trust.trusting_threshold);
    auto& t = kept_[b];
    for (std::size_t s = 0; s < blk.strata.size(); ++s) {
        const std::size_t from = blk.strata[s].range.begin - blk.range.begin;
        const std::size_t size = blk.strata[s].range.size();
        const float* const now = trust + from;
        float* const then = trust_then + from;
        for_each_change(now, then, size, [&](std::size_t j) {
            const float was = then[j];
            then[j] = now[j];
            --t.histogram[trust_bin(was)];
            ++t.histogram[trust_bin(now[j])];
            t.trusting = t.trusting - (was > threshold ? 1U : 0U) + (now[j] > threshold ? 1U : 0U);
            t.trust_by_stratum[s] += static_cast<double>(now[j]) - static_cast<double>(was);
            if ((flags_then[from + j] & flag::adopter) != 0)  // as tallied: flags follow below
                t.adopter_trust_by_stratum[s] +=
                    static_cast<double>(now[j]) - static_cast<double>(was);
        });
        const std::uint8_t* const flags_now = flags + from;
        std::uint8_t* const flags_was = flags_then + from;
        for_each_change(flags_now, flags_was, size, [&](std::size_t j) {
            recount(t.flags_by_stratum[s], flags_was[j], flags_now[j]);
            const bool adopted_now = (flags_now[j] & flag::adopter) != 0;
            if (adopted_now != ((flags_was[j] & flag::adopter) != 0))
                t.adopter_trust_by_stratum[s] +=
                    adopted_now ? static_cast<double>(then[j]) : -static_cast<double>(then[j]);
            flags_was[j] = flags_now[j];
        });
    }
}

// Fear, prejudice and trust drift for every resident; each block tallies the day's record.
// This loop touches every resident every day. It runs in passes over a block's columns: the
// passes every resident takes are straight-line code the compiler vectorises (models/passes.cpp
// and `omp simd`, with -fopenmp-simd: no OpenMP runtime). Group members are reached through the
// block's member list, the breakdowns stratum by stratum, and trust's figures and the flag
// counts from the residents that changed (the kept tally). What is the same for a neighbourhood
// is worked out first.

// The day's tallies of one block, once fear, prejudice and trust are final. Counts are plain
// loops: integer counts vectorise without a pragma, and faster, since `omp simd reduction` keeps a
// private array per lane. Fear and prejudice sums, and the kept trust sums and flag counts, go
// stratum by stratum, where community, age band and language are constant: the breakdowns by
// community, age band, language and literacy need no lookup.
void recorder::tally_block(std::size_t b, const resident_block& blk,
                           const models::residents& people, std::uint32_t day, double alerts,
                           bool all_trust_moved) {
    const std::uint32_t begin = blk.range.begin, n = blk.range.size();
    const float* const fear = people.fear.data() + begin;
    const float* const prejudice = people.prejudice.data() + begin;
    const std::uint8_t* const flags = people.flags.data() + begin;
    const std::uint16_t* const victimised_on = people.victimised_on.data() + begin;
    // Victimised within the last year: a stamp above day + 1 (models/victimisation.hpp).
    const auto recent = static_cast<std::uint16_t>(day + 1);
    const auto worried_threshold = static_cast<float>(params_.fear.worried_threshold);
    block_tally tally(communities_);
    tally.alerts = alerts;
    std::uint32_t worried = 0, victimised = 0;
    for (std::uint32_t k = 0; k < n; ++k) worried += fear[k] > worried_threshold ? 1U : 0U;
    for (std::uint32_t k = 0; k < n; ++k) victimised += victimised_on[k] > recent ? 1U : 0U;
    tally.worried = worried;
    tally.victimised = victimised;
    tally.group_members = static_cast<std::uint32_t>(blk.members.size());
    if (all_trust_moved) {
        std::copy_n(people.trust.data() + begin, n, tallied_trust_.data() + begin);
        std::copy_n(people.flags.data() + begin, n, tallied_flags_.data() + begin);
        tally_afresh(b, blk, people);
    } else {
        update_kept_tally(b, blk, people);
    }
    const auto& kept = kept_[b];
    tally.trusting = kept.trusting;
    tally.trust_histogram = kept.histogram;

    for (std::size_t s = 0; s < blk.strata.size(); ++s) {
        const auto& st = blk.strata[s];
        const std::size_t from = st.range.begin - begin, size = st.range.size();
        const double trust_sum = kept.trust_by_stratum[s], fear_sum = sum_of(fear + from, size);
        const double prejudice_sum = sum_of(prejudice + from, size);
        const auto& set = kept.flags_by_stratum[s];
        const std::uint32_t aware = set.aware, adopters = set.adopters, volunteers = set.volunteers;
        const std::uint32_t literate = set.literate, literate_adopters = set.literate_adopters;
        tally.trust += trust_sum;
        tally.fear += fear_sum;
        tally.prejudice += prejudice_sum;
        tally.aware += aware;
        tally.adopters += adopters;
        tally.volunteers += volunteers;
        tally.with_access += app_speaks_[st.language] ? literate : 0U;
        const std::size_t language_class = st.language != 0 ? 1 : 0;
        tally.adopters_by_language[language_class] += adopters;
        tally.residents_by_language[language_class] += st.range.size();
        tally.adopters_by_literacy[1] += literate_adopters;
        tally.adopters_by_literacy[0] += adopters - literate_adopters;
        tally.residents_by_literacy[1] += literate;
        tally.residents_by_literacy[0] += st.range.size() - literate;
        const group_sums sums{trust_sum, fear_sum, adopters, st.range.size()};
        tally.by_community[st.community].add(sums);
        tally.by_band[models::to_index(st.age)].add(sums);

        // Exposure, stratum by stratum where it can be: a campaign's targets are whole strata,
        // app users a kept count and trust sum, and their fear one masked pass (none where no
        // one or everyone in the stratum has adopted).
        const auto home = models::neighbourhood_id{blk.neighbourhood};
        auto& targeted = tally.by_exposure[models::to_index(models::exposure::campaign_target)];
        targeted[models::campaign_target(params_, home, st.age, st.language) ? 0 : 1].add(sums);
        const double adopter_fear =
            adopters == 0      ? 0.0
            : adopters == size ? fear_sum
                               : masked_sum_of<flag::adopter>(fear + from, flags + from, size);
        const group_sums users{kept.adopter_trust_by_stratum[s], adopter_fear, adopters, adopters};
        auto& app_use = tally.by_exposure[models::to_index(models::exposure::app_use)];
        app_use[0].add(users);
        app_use[1].add({trust_sum - users.trust, fear_sum - users.fear, 0,
                        static_cast<std::uint32_t>(size) - adopters});
    }
    // Group members from the block's list, the others by difference.
    group_sums members;
    for (const auto i : blk.members) {
        members.trust += people.trust[i];
        members.fear += people.fear[i];
        members.adopters += (people.flags[i] & flag::adopter) != 0 ? 1U : 0U;
    }
    members.residents = static_cast<std::uint32_t>(blk.members.size());
    auto& membership = tally.by_exposure[models::to_index(models::exposure::group_membership)];
    membership[0] = members;
    membership[1] = {tally.trust - members.trust, tally.fear - members.fear,
                     tally.adopters - members.adopters, n - members.residents};
    tallies_[b] = std::move(tally);
}

float& recorder::metric(daily_metric m, std::size_t neighbourhood) {
    return last_day_[metric_index(m) * neighbourhoods_ + neighbourhood];
}

void recorder::block_tally::add(const block_tally& o) {
    trust += o.trust;
    fear += o.fear;
    prejudice += o.prejudice;
    alerts += o.alerts;
    trusting += o.trusting;
    worried += o.worried;
    victimised += o.victimised;
    aware += o.aware;
    adopters += o.adopters;
    with_access += o.with_access;
    group_members += o.group_members;
    volunteers += o.volunteers;
    for (std::size_t k = 0; k < 2; ++k) {
        adopters_by_language[k] += o.adopters_by_language[k];
        residents_by_language[k] += o.residents_by_language[k];
        adopters_by_literacy[k] += o.adopters_by_literacy[k];
        residents_by_literacy[k] += o.residents_by_literacy[k];
    }
    for (std::size_t k = 0; k < trust_bins; ++k) trust_histogram[k] += o.trust_histogram[k];
    for (std::size_t c = 0; c < by_community.size(); ++c) by_community[c].add(o.by_community[c]);
    for (std::size_t a = 0; a < by_band.size(); ++a) by_band[a].add(o.by_band[a]);
    for (std::size_t e = 0; e < by_exposure.size(); ++e)
        for (std::size_t g = 0; g < models::exposure_groups; ++g)
            by_exposure[e][g].add(o.by_exposure[e][g]);
}

void recorder::write_breakdown(std::vector<float>& table, std::size_t neighbourhood,
                               std::span<const group_sums> sums,
                               std::span<const group_counts> counts, std::size_t rows) {
    const std::size_t groups = sums.size(), places = rows == 0 ? neighbourhoods_ : rows;
    const auto at = [&](group_metric m, std::size_t g) -> float& {
        return table[(static_cast<std::size_t>(m) * places + neighbourhood) * groups + g];
    };
    // A group with no members here has no mean: NaN, as docs/results-format.md says.
    const auto share = [](double part, double whole) {
        return whole > 0.0 ? static_cast<float>(part / whole)
                           : std::numeric_limits<float>::quiet_NaN();
    };
    for (std::size_t g = 0; g < groups; ++g) {
        const double members = sums[g].residents;
        at(group_metric::trust_mean, g) = share(sums[g].trust, members);
        at(group_metric::fear_mean, g) = share(sums[g].fear, members);
        at(group_metric::adoption_share, g) = share(sums[g].adopters, members);
        at(group_metric::reporting_rate, g) = share(counts[g].reported, counts[g].incidents);
        at(group_metric::interventions_on_innocents, g) =
            share(models::per_thousand * counts[g].interventions, members);
    }
}

namespace {

/// Value below which a share q of the histogram's mass lies (bin midpoints).
float histogram_quantile(const std::array<std::uint32_t, recorder::trust_bins>& histogram,
                         std::uint64_t total, double q) {
    if (total == 0) return std::numeric_limits<float>::quiet_NaN();
    const auto target = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(total)));
    std::uint64_t seen = 0;
    for (std::size_t k = 0; k < histogram.size(); ++k) {
        seen += histogram[k];
        if (seen >= std::max<std::uint64_t>(1, target))
            return static_cast<float>((static_cast<double>(k) + 0.5) / recorder::trust_bins);
    }
    return 1.0F;
}

}  // namespace

void recorder::record(std::uint32_t day, std::span<const resident_block> blocks,
                      std::span<const neighbourhood_state> places,
                      std::span<const neighbourhood_today> today, const city_today& city,
                      const std::vector<models::report>& reports, const models::residents& people,
                      std::span<const std::uint32_t> open_reports) {
    const auto& p = params_;
    const std::size_t n = neighbourhoods_;
    std::fill(last_day_.begin(), last_day_.end(), 0.0F);
    std::vector<block_tally> sums(n, block_tally(communities_));
    for (std::size_t b = 0; b < blocks.size(); ++b) sums[blocks[b].neighbourhood].add(tallies_[b]);
    const auto share = [](double part, double whole) {
        return whole > 0.0 ? static_cast<float>(part / whole) : 0.0F;
    };
    const auto set = [&](daily_metric m, std::size_t h, double v) {
        metric(m, h) = static_cast<float>(v);
    };

    // City-wide figures that neighbourhood metrics are shares of.
    const auto campaign_cost = models::campaign_cost_by_neighbourhood(p, day);
    const double residents = static_cast<double>(models::total_population(p));
    const double all_hours = models::officer_hours_per_day(p);
    double patrol_total = 0.0;
    std::uint64_t police_incidents_total = 0;
    int consultations_live = 0;
    double live_population = 0.0;
    for (std::size_t h = 0; h < n; ++h) {
        patrol_total += today[h].patrol_hours;
        police_incidents_total += places_[h].true_police_incidents;
        if (today[h].participants > 0 || (today[h].policy.participation &&
                                          models::consultation_day(day, p.policy.participation))) {
            ++consultations_live;
            live_population += p.neighbourhoods[h].population;
        }
    }
    std::size_t extra_languages = 0;
    if (p.channels.app.languages.size() > 1) extra_languages += p.channels.app.languages.size() - 1;
    if (p.channels.phone_desk.languages.size() > 1)
        extra_languages += p.channels.phone_desk.languages.size() - 1;

    for (std::size_t h = 0; h < n; ++h) {
        const auto& s = sums[h];
        const auto& place = places[h];
        const auto& hood = today[h];
        const double population = p.neighbourhoods[h].population;
        const double population_share = residents > 0.0 ? population / residents : 0.0;
        set(daily_metric::trust_mean, h, share(s.trust, population));
        std::uint64_t counted = 0;
        for (const auto c : s.trust_histogram) counted += c;
        metric(daily_metric::trust_p10, h) = histogram_quantile(s.trust_histogram, counted, 0.1);
        metric(daily_metric::trust_p50, h) = histogram_quantile(s.trust_histogram, counted, 0.5);
        metric(daily_metric::trust_p90, h) = histogram_quantile(s.trust_histogram, counted, 0.9);
        set(daily_metric::trusting_share, h, share(s.trusting, population));
        set(daily_metric::fear_mean, h, share(s.fear, population));
        set(daily_metric::worried_share, h, share(s.worried, population));
        set(daily_metric::victimised_share, h, share(s.victimised, population));
        set(daily_metric::fear_risk_gap, h,
            share(s.worried, population) - share(s.victimised, population));
        set(daily_metric::prejudice_mean, h, share(s.prejudice, population));
        set(daily_metric::alerts_mean, h, share(s.alerts, population));
        set(daily_metric::aware_share, h, share(s.aware, population));
        set(daily_metric::adoption_share, h, share(s.adopters, population));
        constexpr std::array by_band{
            daily_metric::adoption_share_16_29, daily_metric::adoption_share_30_49,
            daily_metric::adoption_share_50_64, daily_metric::adoption_share_65_plus};
        // A share of an empty group, or a gap with one, is undefined: NaN, not 0.
        const auto group_share = [&](double part, double whole) {
            return whole > 0.0 ? share(part, whole) : std::numeric_limits<float>::quiet_NaN();
        };
        for (std::size_t a = 0; a < models::age_band_count; ++a)
            set(by_band[a], h, group_share(s.by_band[a].adopters, s.by_band[a].residents));
        set(daily_metric::adoption_gap_language, h,
            group_share(s.adopters_by_language[0], s.residents_by_language[0]) -
                group_share(s.adopters_by_language[1], s.residents_by_language[1]));
        set(daily_metric::adoption_gap_literacy, h,
            group_share(s.adopters_by_literacy[1], s.residents_by_literacy[1]) -
                group_share(s.adopters_by_literacy[0], s.residents_by_literacy[0]));
        adopter_share_[h] =
            s.with_access > 0 ? static_cast<double>(s.adopters) / s.with_access : 0.0;
        set(daily_metric::group_member_share, h, share(s.group_members, population));
        set(daily_metric::volunteer_share, h, share(s.volunteers, population));
        set(daily_metric::groups, h, static_cast<double>(place.groups.groups.size()));
        double facilitated = 0.0, burnout = 0.0;
        for (const auto& g : place.groups.groups)
            if (g.facilitated) {
                facilitated += 1.0;
                burnout += g.burnout;
            }
        set(daily_metric::facilitated_groups, h, facilitated);
        set(daily_metric::facilitator_burnout, h, facilitated > 0.0 ? burnout / facilitated : 0.0);
        set(daily_metric::cohesion, h, place.cohesion);
        set(daily_metric::participants, h, hood.participants);

        int incidents = 0;
        for (std::size_t c = 0; c < models::category_count; ++c) {
            const int count = hood.incident_counts[c];
            incidents += count;
            set(static_cast<daily_metric>(metric_index(daily_metric::incidents_serious_crime) + c),
                h, count);
            set(static_cast<daily_metric>(metric_index(daily_metric::reported_serious_crime) + c),
                h, hood.reported_counts[c]);
        }
        set(daily_metric::incidents, h, incidents);
        set(daily_metric::incidents_reported_share, h,
            incidents > 0 ? static_cast<double>(hood.reported_incidents) / incidents
                          : std::numeric_limits<double>::quiet_NaN());
        set(daily_metric::incidents_discovered, h, hood.discovered);
        set(daily_metric::victimisations, h, hood.victimisations.victims);
        set(daily_metric::repeat_victimisations, h, hood.victimisations.repeats);
        double translation = 0.0;
        for (const auto& r : hood.new_reports) {
            metric(daily_metric::reports, h) += 1.0F;
            metric(static_cast<daily_metric>(metric_index(daily_metric::reports_serious_crime) +
                                             models::to_index(r.category)),
                   h) += 1.0F;
            metric(static_cast<daily_metric>(metric_index(daily_metric::reports_phone_desk) +
                                             models::to_index(r.via)),
                   h) += 1.0F;
            const auto language = people.language[models::index(r.reporter)];
            const bool translated =
                language != 0 && ((r.via == models::channel::app &&
                                   models::supports(p.channels.app.languages, language)) ||
                                  (r.via == models::channel::phone_desk &&
                                   models::supports(p.channels.phone_desk.languages, language)));
            translation += translated ? p.channels.translation_cost_per_report : 0.0;
        }
        set(daily_metric::queue_length, h, open_reports[h]);
        set(daily_metric::officer_hours, h, city.officer_hours[h]);
        set(daily_metric::non_police_hours, h, city.non_police_hours[h]);
        set(daily_metric::triage_hours, h, hood.triage_hours);
        set(daily_metric::patrol_hours, h, hood.patrol_hours);
        set(daily_metric::patrol_share, h,
            patrol_total > 0.0 ? hood.patrol_hours / patrol_total : 0.0);
        set(daily_metric::crime_share, h,
            police_incidents_total > 0 ? static_cast<double>(places_[h].true_police_incidents) /
                                             static_cast<double>(police_incidents_total)
                                       : 0.0);
        set(daily_metric::interventions_on_innocents, h, hood.interventions);
        set(daily_metric::rumours_started, h, hood.rumours_started);
        set(daily_metric::rumour_reach, h, share(place.rumour.heard, population));
        set(daily_metric::rumour_spreaders, h, place.rumour.active ? place.rumour.spreaders : 0);
        set(daily_metric::rumours_debunked, h, hood.rumours_debunked);
        set(daily_metric::shaming_posts, h, hood.shaming_posts);
        set(daily_metric::shaming_removed, h, hood.shaming_removed);
        set(daily_metric::vigilante_acts, h, hood.vigilante_acts);
        set(daily_metric::acts_on_innocents, h, hood.acts_on_innocents);

        set(daily_metric::campaign_cost, h, campaign_cost[h]);
        set(daily_metric::training_cost, h,
            hood.training_hours * p.policy.moderation.cost_per_training_hour);
        set(daily_metric::translation_cost, h,
            translation + p.channels.language_cost_per_day * static_cast<double>(extra_languages) *
                              population_share);
        const double duty_hours =
            (all_hours * p.police.online_share + models::monitoring_hours_per_day(p)) *
                population_share +
            hood.patrol_hours;
        set(daily_metric::officer_cost, h,
            (city.officer_hours[h] + hood.triage_hours + duty_hours) * p.police.hourly_cost);
        set(daily_metric::participation_cost, h,
            consultations_live > 0 && live_population > 0.0 && hood.policy.participation &&
                    models::consultation_day(day, p.policy.participation)
                ? p.policy.participation.cost_per_consultation * population / live_population
                : 0.0);

        for (std::size_t k = 0; k < hood.mechanism_metrics.size(); ++k)
            last_day_[(models::core_daily_metric_count + k) * n + h] = hood.mechanism_metrics[k];

        write_breakdown(by_community_, h, s.by_community, places_[h].by_community);
        write_breakdown(by_age_band_, h, s.by_band, places_[h].by_band);
        for (std::size_t e = 0; e < models::exposure_count; ++e)
            write_breakdown(by_exposure_[e], h, s.by_exposure[e], places_[h].by_exposure[e]);
    }
    // City-wide by exposure: each group's own sums and counts over every neighbourhood.
    for (std::size_t e = 0; e < models::exposure_count; ++e) {
        std::array<group_sums, models::exposure_groups> city_sums{};
        std::array<group_counts, models::exposure_groups> city_counts{};
        for (std::size_t h = 0; h < n; ++h)
            for (std::size_t g = 0; g < models::exposure_groups; ++g) {
                city_sums[g].add(sums[h].by_exposure[e][g]);
                city_counts[g].add(places_[h].by_exposure[e][g]);
            }
        write_breakdown(by_exposure_city_[e], 0, city_sums, city_counts, 1);
    }

    std::vector<double> response_sum(n, 0.0);
    const auto count_closed = [&](std::uint32_t r) {
        const auto& rep = reports[r];
        const auto h = models::index(rep.neighbourhood);
        switch (rep.status) {
            case report_status::handled:
                metric(daily_metric::handled, h) += 1.0F;
                response_sum[h] += rep.response_hours;
                break;
            case report_status::expired: metric(daily_metric::expired, h) += 1.0F; break;
            case report_status::moderated: metric(daily_metric::moderated, h) += 1.0F; break;
            case report_status::filtered: metric(daily_metric::filtered, h) += 1.0F; break;
            case report_status::routed_municipal:
                metric(daily_metric::routed_municipal, h) += 1.0F;
                break;
            case report_status::merged: metric(daily_metric::merged, h) += 1.0F; break;
            case report_status::ignored: metric(daily_metric::ignored, h) += 1.0F; break;
            default: break;
        }
        if (models::genuine_police_matter(rep) &&
            (rep.status == report_status::moderated || rep.status == report_status::filtered ||
             rep.status == report_status::ignored))
            metric(daily_metric::missed_genuine, h) += 1.0F;
    };
    for (const auto r : city.closed_at_intake) count_closed(r);
    for (const auto r : city.closed) count_closed(r);
    for (std::size_t h = 0; h < n; ++h) {
        const float handled = metric(daily_metric::handled, h);
        metric(daily_metric::response_time_mean, h) =
            handled > 0.0F ? static_cast<float>(response_sum[h] / handled)
                           : std::numeric_limits<float>::quiet_NaN();
    }
}

}  // namespace civicsim::sim

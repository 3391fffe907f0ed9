#pragma once
// Vocabulary of the domain: strong ids and the small enumerations every submodel shares.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace civicsim::models {

/// Index of a resident in the population columns.
enum class resident_id : std::uint32_t {};
/// Index of a neighbourhood in the scenario's list.
enum class neighbourhood_id : std::uint16_t {};

constexpr std::uint32_t index(resident_id id) noexcept { return static_cast<std::uint32_t>(id); }
constexpr std::uint16_t index(neighbourhood_id id) noexcept {
    return static_cast<std::uint16_t>(id);
}

/// Type of `no_index`, an index meaning "no such resident, group or incident" in a
/// std::uint32_t column. It converts to std::uint32_t only so that it can be stored, compares equal
/// to that stored value and nothing else, and has no order: `index < no_index` does not compile.
struct no_index_t {
    static constexpr std::uint32_t value = 0xFFFFFFFF;
    constexpr operator std::uint32_t() const noexcept { return value; }  // NOLINT: stored as is
    friend constexpr bool operator==(std::uint32_t index, no_index_t) noexcept {
        return index == value;
    }
    friend void operator<=>(std::uint32_t, no_index_t) = delete;
};
/// Index meaning "no such resident, group or incident": `people.group[i] == no_index`.
inline constexpr no_index_t no_index{};

/// Age bands of DESIGN.md §3 (16–29, 30–49, 50–64, 65+).
enum class age_band : std::uint8_t { y16_29, y30_49, y50_64, y65_plus };
/// x clamped to [0, 1] (NaN stays NaN, as with std::clamp). Written as selects on values, not
/// std::clamp's references, so that loops over residents that use it vectorise.
constexpr double clamp_unit(double x) noexcept { return x < 0.0 ? 0.0 : (x > 1.0 ? 1.0 : x); }
constexpr float clamp_unit(float x) noexcept { return x < 0.0F ? 0.0F : (x > 1.0F ? 1.0F : x); }

inline constexpr std::size_t age_band_count = 4;
inline constexpr std::array<std::string_view, age_band_count> age_band_names{"16-29", "30-49",
                                                                             "50-64", "65+"};

/// What happened, as the police would classify it. The first `category_count` are true
/// incidents; `suspicious_person` exists only as a report (driven by fear and prejudice, never by
/// an incident), so report-level arrays have `report_category_count` entries.
enum class incident_category : std::uint8_t {
    serious_crime,
    minor_offence,
    incivility,
    public_service,  ///< debris, bins, potholes: a municipal matter
    hate_crime,
    suspicious_person,  ///< a report about a person, not an incident
};
inline constexpr std::size_t category_count = 5;
inline constexpr std::size_t report_category_count = 6;
inline constexpr std::array<std::string_view, report_category_count> category_names{
    "serious_crime",  "minor_offence", "incivility",
    "public_service", "hate_crime",    "suspicious_person"};

/// Police matters are crimes and anti-social behaviour; public-service issues belong to the
/// municipality and suspicious-person reports describe no offence.
constexpr bool is_police_matter(incident_category c) noexcept {
    return c != incident_category::public_service && c != incident_category::suspicious_person;
}

/// Response grades of UK police forces (emergency 15 min, priority 60 min, scheduled 48 h).
enum class response_grade : std::uint8_t { emergency, priority, scheduled };
inline constexpr std::size_t response_grade_count = 3;
inline constexpr std::array<std::string_view, response_grade_count> response_grade_names{
    "emergency", "priority", "scheduled"};
/// The grades' targets in hours from the call to attendance (UK force grading, Suffolk).
inline constexpr std::array<double, response_grade_count> response_grade_target_hours{0.25, 1.0,
                                                                                      48.0};

/// How a report travels.
enum class channel : std::uint8_t { phone_desk, app, group, social_media };
inline constexpr std::size_t channel_count = 4;
inline constexpr std::array<std::string_view, channel_count> channel_names{"phone_desk", "app",
                                                                           "group", "social_media"};

/// Life cycle of a report. `filed` and `queued` are open; every other status is final.
enum class report_status : std::uint8_t {
    filed,
    queued,
    handled,           ///< answered by an officer
    expired,           ///< waited past its limit unanswered
    moderated,         ///< dropped by a group's facilitator
    filtered,          ///< dropped by police triage
    routed_municipal,  ///< sent to municipal services (by a facilitator or triage)
    merged,            ///< a duplicate of a report already queued, merged into it by triage
    ignored,           ///< a social-media post the police never saw
};
inline constexpr std::size_t report_status_count = 9;
inline constexpr std::array<std::string_view, report_status_count> report_status_names{
    "filed",    "queued",           "handled", "expired", "moderated",
    "filtered", "routed_municipal", "merged",  "ignored"};
constexpr bool is_final(report_status s) noexcept {
    return s != report_status::filed && s != report_status::queued;
}

/// Days in a year, the unit of yearly rates (a rate r a year is r / days_per_year a day) and the
/// length of "the last year".
inline constexpr double days_per_year = 365.0;
/// The scale of figures given per 1,000 residents (or members): x among n is x * per_thousand / n.
inline constexpr double per_thousand = 1000.0;

/// Languages fit the bits of a campaign's language mask; communities a byte column.
inline constexpr std::size_t max_languages = 32;
inline constexpr std::size_t max_communities = 8;

template <class E>
constexpr std::size_t to_index(E e) noexcept {
    return static_cast<std::size_t>(e);
}

}  // namespace civicsim::models

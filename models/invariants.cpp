#include "models/invariants.hpp"

#include <array>
#include <cmath>
#include <sstream>
#include <string_view>
#include <vector>

namespace civicsim::models {

namespace {

std::string message(std::string_view invariant, std::uint32_t day, std::size_t neighbourhood,
                    const std::string& detail) {
    std::ostringstream out;
    out << "invariant '" << invariant << "' broken on day " << day << " in neighbourhood "
        << neighbourhood << ": " << detail;
    return out.str();
}

bool is_probability(float x) noexcept { return x >= 0.0F && x <= 1.0F; }  // false for NaN

}  // namespace

invariant_error::invariant_error(std::string_view invariant, std::uint32_t day,
                                 std::size_t neighbourhood, const std::string& detail)
    : std::logic_error(message(invariant, day, neighbourhood, detail)) {}

void check_residents(const residents& people, resident_range range, std::size_t neighbourhood,
                     std::uint32_t day) {
    struct column {
        std::string_view name;
        const std::vector<float>* values;
    };
    const std::array<column, 5> columns{{{"trust", &people.trust},
                                         {"resting_trust", &people.resting_trust},
                                         {"fear", &people.fear},
                                         {"resting_fear", &people.resting_fear},
                                         {"prejudice", &people.prejudice}}};
    for (auto i = range.begin; i < range.end; ++i) {
        if (people.neighbourhood[i] != neighbourhood)
            throw invariant_error("resident in its neighbourhood", day, neighbourhood,
                                  "resident " + std::to_string(i) +
                                      " is recorded in neighbourhood " +
                                      std::to_string(people.neighbourhood[i]));
        for (const auto& c : columns) {
            const float x = (*c.values)[i];
            if (!is_probability(x)) {
                std::ostringstream detail;
                detail << c.name << " of resident " << i << " is " << x
                       << "; a probability is finite and in [0, 1]";
                throw invariant_error("probabilities in [0, 1]", day, neighbourhood, detail.str());
            }
        }
    }
}

void check_population(const population& pop, std::size_t expected_total, std::uint32_t day) {
    std::uint32_t next = 0;
    for (std::size_t h = 0; h < pop.neighbourhoods.size(); ++h) {
        const auto range = pop.neighbourhoods[h];
        if (range.begin != next || range.end < range.begin)
            throw invariant_error("population conserved", day, h,
                                  "its residents are [" + std::to_string(range.begin) + ", " +
                                      std::to_string(range.end) + "), expected to start at " +
                                      std::to_string(next));
        next = range.end;
    }
    if (next != expected_total || pop.people.size() != expected_total)
        throw invariant_error("population conserved", day, pop.neighbourhoods.size(),
                              std::to_string(next) + " residents in the neighbourhoods and " +
                                  std::to_string(pop.people.size()) + " in the columns, " +
                                  std::to_string(expected_total) + " at the start");
}

void check_reports(std::span<const report> reports,
                   std::span<const std::uint32_t> open_by_neighbourhood, std::uint32_t day) {
    std::vector<std::uint32_t> open(open_by_neighbourhood.size(), 0);
    for (std::size_t r = 0; r < reports.size(); ++r) {
        const auto& rep = reports[r];
        const std::size_t h = index(rep.neighbourhood);
        const auto where = [&] { return "report " + std::to_string(r) + " "; };
        if (h >= open.size())
            throw invariant_error("report in a neighbourhood", day, h,
                                  where() + "names a neighbourhood that does not exist");
        const auto status = to_index(rep.status);
        if (status >= report_status_count)
            throw invariant_error("every report in exactly one status", day, h,
                                  where() + "has no known status (" + std::to_string(status) + ")");
        if (rep.status == report_status::filed)
            throw invariant_error("every report in exactly one status", day, h,
                                  where() +
                                      "is still 'filed' at the end of the day: neither "
                                      "queued nor closed");
        if (rep.status == report_status::queued) {
            ++open[h];
        } else if (rep.day_closed < rep.day_filed || rep.day_closed > day) {
            throw invariant_error("every report in exactly one status", day, h,
                                  where() + "is '" + std::string(report_status_names[status]) +
                                      "' but was closed on day " + std::to_string(rep.day_closed) +
                                      ", filed on day " + std::to_string(rep.day_filed));
        }
    }
    for (std::size_t h = 0; h < open.size(); ++h)
        if (open[h] != open_by_neighbourhood[h])
            throw invariant_error("every report in exactly one status", day, h,
                                  std::to_string(open[h]) +
                                      " reports queued, but the queue "
                                      "counts " +
                                      std::to_string(open_by_neighbourhood[h]));
}

}  // namespace civicsim::models

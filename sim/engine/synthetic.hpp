#pragma once
// A generated city for benchmarks and engine tests: default parameters, neighbourhoods of about
// 10,000 residents that alternate between urban, suburban and rural profiles, two languages and
// two communities, one outreach campaign, and every mechanism switched on (groups with
// facilitators, rule triage, consultations, predictive patrols, rumours, prejudice, vigilantism).

#include <cstdint>

#include "models/parameters.hpp"

namespace civicsim::sim {

models::parameters synthetic_city(std::uint32_t residents, std::uint32_t days);

}  // namespace civicsim::sim

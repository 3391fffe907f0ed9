#include "sim/results/output_name.hpp"

namespace civicsim::sim {

std::string file_slug(std::string_view name) {
    std::string slug;
    bool pending_separator = false;
    for (const char c : name) {
        const bool digit = c >= '0' && c <= '9';
        const bool upper = c >= 'A' && c <= 'Z';
        const bool lower = c >= 'a' && c <= 'z';
        if (!digit && !upper && !lower) {
            pending_separator = !slug.empty();  // none at the start
            continue;
        }
        if (slug.size() + (pending_separator ? 2 : 1) > max_slug_length) break;
        if (pending_separator) slug += '_';
        pending_separator = false;
        slug += upper ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return slug.empty() ? "scenario" : slug;
}

std::filesystem::path default_output(std::string_view scenario_name, std::string_view suffix) {
    return std::filesystem::path("results") / (file_slug(scenario_name) + std::string(suffix));
}

}  // namespace civicsim::sim

#pragma once
// Where a command writes when it is not told: a file under results/ named after the scenario.
// The scenario's name is free text ("Workshop Town", "../../etc"), so it is turned into a slug
// that cannot leave results/, make directories, or hide the file.

#include <filesystem>
#include <string>
#include <string_view>

namespace civicsim::sim {

/// The longest slug default_output makes, so that the file name stays below every file system's
/// limit whatever the scenario is called.
inline constexpr std::size_t max_slug_length = 64;

/// `name` as a file name: ASCII letters and digits lower-cased, every other run of characters
/// one '_', none at either end, at most max_slug_length characters; "scenario" when nothing is
/// left. "Workshop Town" gives "workshop_town", "../../escaped/outside" gives "escaped_outside".
std::string file_slug(std::string_view name);

/// results/<slug of scenario_name><suffix>, e.g. results/workshop_town-compare.h5.
std::filesystem::path default_output(std::string_view scenario_name, std::string_view suffix);

}  // namespace civicsim::sim

#pragma once
// Files the workshop server serves, embedded at build time by sim/workshop/embed_files.cmake so
// that the page works without a network and the binary needs no file at run time: the page
// itself and the preset scenarios (the workshop town and the seed cases of scenarios/).

#include <span>
#include <string_view>

namespace civicsim::sim::workshop {

struct embedded_file {
    std::string_view name;  ///< the file's stem: "page", "workshop_town"
    std::string_view text;
};

/// sim/workshop/page.html.
std::string_view page_html() noexcept;

/// The preset scenarios, in file-name order.
std::span<const embedded_file> embedded_scenarios() noexcept;

}  // namespace civicsim::sim::workshop

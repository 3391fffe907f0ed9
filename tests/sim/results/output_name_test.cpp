#include "sim/results/output_name.hpp"

#include <catch2/catch.hpp>

#include <string>

using civicsim::sim::default_output;
using civicsim::sim::file_slug;
using civicsim::sim::max_slug_length;

TEST_CASE("a scenario name becomes a slug of letters, digits and underscores", "[output]") {
    CHECK(file_slug("Workshop Town") == "workshop_town");
    CHECK(file_slug("Romagna Faentina (FA-TAMTAM) 2024") == "romagna_faentina_fa_tamtam_2024");
    CHECK(file_slug("  spaced  out  ") == "spaced_out");
    CHECK(file_slug("Nürnberg") == "n_rnberg");  // bytes of UTF-8 are not kept
}

TEST_CASE("a slug cannot leave results/, make directories or hide the file", "[output]") {
    CHECK(file_slug("../../escaped/outside") == "escaped_outside");
    CHECK(file_slug("/etc/passwd") == "etc_passwd");
    CHECK(file_slug(".hidden") == "hidden");
    CHECK(file_slug("..") == "scenario");
    CHECK(file_slug("") == "scenario");
    CHECK(file_slug("///") == "scenario");
    CHECK(default_output("../../escaped/outside", ".h5") == "results/escaped_outside.h5");
    CHECK(default_output("", "-compare.h5") == "results/scenario-compare.h5");
    CHECK(default_output("Workshop Town", "-compare.h5") == "results/workshop_town-compare.h5");
}

TEST_CASE("a slug is at most max_slug_length characters and ends with no separator", "[output]") {
    const std::string huge(5'000'000, 'a');
    CHECK(file_slug(huge) == std::string(max_slug_length, 'a'));
    // A separator that would fall on the last place is dropped with what follows.
    const std::string edge = std::string(max_slug_length - 1, 'b') + " c";
    CHECK(file_slug(edge) == std::string(max_slug_length - 1, 'b'));
}

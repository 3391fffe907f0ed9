// The schema table itself: complete, consistent, and read from the parameter defaults.

#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "sim/scenario/schema.hpp"
#include "sim/scenario/text.hpp"

namespace schema = civicsim::sim::schema;
namespace detail = civicsim::sim::detail;

namespace {

const schema::field& field_named(const std::string& section, const std::string& key) {
    const auto& t = schema::table();
    for (const auto& f : t.fields) {
        if (t.sections[f.section].path == section && f.key == key) return f;
    }
    FAIL("no field " << section << "." << key);
    throw;
}

}  // namespace

TEST_CASE("Every schema key is unique, described and bound", "[scenario]") {
    const auto& t = schema::table();
    std::set<std::string> keys;
    for (const auto& f : t.fields) {
        const std::string key = t.sections[f.section].path + "." + f.key;
        INFO(key);
        CHECK(keys.insert(key).second);
        CHECK_FALSE(f.description.empty());
        CHECK(f.set);
        CHECK(f.get);
    }
    CHECK(keys.size() > 60);
}

TEST_CASE("Per-category keys are generated for every category", "[scenario]") {
    for (const auto category : civicsim::models::category_names) {
        const std::string name(category);
        CHECK(field_named("neighbourhood", "incident_rate." + name).kind ==
              schema::value_kind::floating);
        CHECK(field_named("police", "priority." + name).kind == schema::value_kind::integer);
        CHECK(field_named("behaviour.reporting", "base_rate." + name).range.min->inclusive ==
              false);
    }
    CHECK(field_named("behaviour.reporting", "base_rate.serious_crime").source ==
          "CSEW 2009/10: burglary 0.80");
}

TEST_CASE("Schema getters read the defaults of models/parameters.hpp", "[scenario]") {
    civicsim::models::parameters defaults;
    defaults.neighbourhoods.resize(1);
    CHECK(std::get<double>(field_named("police", "residents_per_officer").get(defaults, 0)) ==
          445.0);
    CHECK(std::get<std::int64_t>(
              field_named("police", "priority.serious_crime").get(defaults, 0)) == 4);
    CHECK(std::get<std::vector<double>>(
              field_named("neighbourhood", "age_shares").get(defaults, 0)) ==
          std::vector<double>{0.22, 0.33, 0.25, 0.20});
    CHECK(std::get<std::vector<std::string>>(
              field_named("channels.app", "languages").get(defaults, 0)) ==
          std::vector<std::string>{"majority"});
}

TEST_CASE("Values are checked against ranges and list shapes", "[scenario]") {
    const auto& deprivation = field_named("neighbourhood", "deprivation");
    CHECK(schema::check_value(deprivation, 0.0).empty());
    CHECK(schema::check_value(deprivation, 1.0).empty());
    CHECK(schema::check_value(deprivation, 1.0001) == "must be between 0 and 1");
    CHECK(schema::check_value(deprivation, std::nan("")) == "must be a finite number");
    const auto& languages = field_named("scenario", "languages");
    CHECK(schema::check_value(languages, std::vector<std::string>{}) ==
          "must have at least 1 entry");
    CHECK(schema::check_value(languages, std::vector<std::string>{"a", "a"}) ==
          "lists \"a\" twice; entries must be unique");
    CHECK(schema::range_notation(field_named("police", "officer_hours_per_day").range) ==
          "(0, 24]");
}

TEST_CASE("Suggestions tolerate a third of the word wrong", "[scenario]") {
    CHECK(detail::edit_distance("population", "populaton") == 1);
    CHECK(detail::edit_distance("seed", "sede") == 1);  // a transposition counts once
    CHECK(detail::did_you_mean("dayz", {"days", "seed"}) == "; did you mean \"days\"?");
    CHECK(detail::did_you_mean("x", {"days", "seed"}).empty());
    CHECK(detail::format_toml_float(1.0) == "1.0");
    CHECK(detail::format_toml_float(0.1) == "0.1");
    CHECK(detail::quote("a\"b\n") == "\"a\\\"b\\n\"");
}

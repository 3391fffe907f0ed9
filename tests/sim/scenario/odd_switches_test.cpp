// docs/ODD.md's "Switch off" lines (§7) against the registry of models/switches.hpp, which
// `civicsim explain` switches: every registered key is a scenario key, written with its value in
// the Switch off line of the mechanism's section; every section with a Switch off line is either
// registered or listed as unswitched, with its reason.

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "models/switches.hpp"
#include "sim/scenario/schema.hpp"

namespace schema = civicsim::sim::schema;
namespace models = civicsim::models;

namespace {

/// §7's Switch off paragraphs, by section number ("7.12").
std::map<std::string, std::string> switch_off_lines() {
    std::ifstream in(std::string(CIVICSIM_SOURCE_DIR) + "/docs/ODD.md");
    REQUIRE(in.good());
    std::map<std::string, std::string> lines;
    const std::regex heading(R"(^### (7\.\d+) )");
    std::string line, section, paragraph;
    bool in_switch = false;
    while (std::getline(in, line)) {
        std::smatch match;
        if (std::regex_search(line, match, heading)) section = match[1];
        if (line.rfind("## 8 ", 0) == 0) break;
        if (line.rfind("**Switch off:**", 0) == 0) in_switch = true;
        if (in_switch && line.empty()) {
            lines[section] += paragraph;
            paragraph.clear();
            in_switch = false;
        }
        if (in_switch) paragraph += line + " ";
    }
    return lines;
}

/// Whether `text` names `key = value` in backticks, by the whole dotted key or a tail of it (the
/// ODD shortens keys of the section it is in: `trust_effect = 0`).
bool names_switch(const std::string& text, const std::string& key, const std::string& value) {
    for (std::size_t from = 0; from != std::string::npos;) {
        if (text.find("`" + key.substr(from) + " = " + value + "`") != std::string::npos)
            return true;
        from = key.find('.', from);
        if (from != std::string::npos) ++from;
    }
    return false;
}

std::set<std::string> schema_keys() {
    std::set<std::string> keys;
    const auto& table = schema::table();
    for (const auto& f : table.fields) keys.insert(table.sections[f.section].path + "." + f.key);
    return keys;
}

}  // namespace

TEST_CASE("every switch of models/switches.hpp is in its ODD section's Switch off line",
          "[odd][switches]") {
    const auto lines = switch_off_lines();
    const auto keys = schema_keys();
    std::set<std::string> names;
    for (const auto& m : models::mechanism_switches()) {
        INFO(m.name << " (ODD " << m.odd_section << ")");
        CHECK(names.insert(m.name).second);
        REQUIRE_FALSE(m.off.empty());
        const auto line = lines.find(m.odd_section);
        REQUIRE(line != lines.end());
        for (const auto& [key, value] : m.off) {
            INFO(key << " = " << value);
            CHECK(keys.count(key) == 1);
            CHECK(names_switch(line->second, key, value));
        }
    }
}

TEST_CASE("every ODD section with a Switch off line is registered or says why not",
          "[odd][switches]") {
    const auto lines = switch_off_lines();
    REQUIRE(lines.size() >= 17);
    std::set<std::string> registered;
    for (const auto& m : models::mechanism_switches()) registered.insert(m.odd_section);
    std::set<std::string> unswitched;
    for (const auto& u : models::unswitched_sections) {
        unswitched.insert(std::string(u.odd_section));
        CHECK_FALSE(u.reason.empty());
        CHECK(lines.count(std::string(u.odd_section)) == 1);
        CHECK(registered.count(std::string(u.odd_section)) == 0);
    }
    for (const auto& [section, text] : lines) {
        INFO("ODD " << section << ": " << text);
        CHECK(registered.count(section) + unswitched.count(section) == 1);
    }
}

// docs/ODD.md's parameter tables (§7) against the schema: every key a row names exists, and the
// plausible ranges a row gives are the schema's, in the order of its keys; every key with a
// plausible range has a row.

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "models/types.hpp"
#include "sim/scenario/schema.hpp"

namespace schema = civicsim::sim::schema;

namespace {

std::string odd_text() {
    std::ifstream in(std::string(CIVICSIM_SOURCE_DIR) + "/docs/ODD.md");
    REQUIRE(in.good());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// §7's parameter tables (those headed "| key |"), each as its rows.
std::vector<std::vector<std::string>> parameter_tables(const std::string& odd) {
    const auto begin = odd.find("\n## 7 ");
    const auto end = odd.find("\n## 8 ");
    REQUIRE(begin != std::string::npos);
    REQUIRE(end != std::string::npos);
    std::vector<std::vector<std::string>> tables;
    bool in_table = false;
    std::istringstream lines(odd.substr(begin, end - begin));
    std::string line;
    while (std::getline(lines, line)) {
        if (line.rfind("| key |", 0) == 0) {
            tables.emplace_back();
            in_table = true;
        } else if (line.rfind('|', 0) != 0) {
            in_table = false;
        } else if (in_table && line.rfind("| `", 0) == 0) {
            tables.back().push_back(line);
        }
    }
    return tables;
}

struct key_index {
    std::map<std::string, const schema::field*> by_key;  ///< "police.report_share"
    std::set<std::string> sections;
};

key_index index_schema() {
    key_index index;
    const auto& t = schema::table();
    for (const auto& f : t.fields) {
        index.by_key[t.sections[f.section].path + "." + f.key] = &f;
    }
    for (const auto& s : t.sections) index.sections.insert(s.path);
    return index;
}

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

/// The category suffix of a per-category key (".suspicious_person"), or "".
std::string category_suffix(const std::string& key) {
    for (std::size_t c = 0; c < civicsim::models::report_category_count; ++c) {
        const std::string suffix = "." + std::string(civicsim::models::category_names[c]);
        if (ends_with(key, suffix)) return suffix;
    }
    return {};
}

/// The section a full key belongs to: the longest section path it starts with.
std::string section_of(const key_index& index, const std::string& key) {
    std::string best;
    for (const auto& s : index.sections) {
        if (key.rfind(s + ".", 0) == 0 && s.size() > best.size()) best = s;
    }
    return best;
}

/// Resolves the keys of a row's first cell. A full key (`police.report_share`) sets the section;
/// a short one (`mu`) is read in the section of the key before it, in this row or the rows
/// above in the same table, and takes that key's category (`priority` after
/// `police.handling_hours.suspicious_person`). `prefix.*` stands for every category.
std::vector<std::string> resolve(const key_index& index, const std::string& cell,
                                 std::string& section, std::string& category) {
    std::vector<std::string> keys;
    static const std::regex token("`([^`]+)`");
    for (auto it = std::sregex_iterator(cell.begin(), cell.end(), token);
         it != std::sregex_iterator(); ++it) {
        std::string name = (*it)[1];
        const bool all_categories = ends_with(name, ".*");
        if (all_categories) name.resize(name.size() - 2);
        std::string full;
        if (!section_of(index, name).empty()) {
            full = name;
            section = section_of(index, name);
        } else {
            full = section + "." + name;
            if (!all_categories && !index.by_key.contains(full) && !category.empty()) {
                full += category;
            }
        }
        if (all_categories) {
            int found = 0;
            for (std::size_t c = 0; c < civicsim::models::report_category_count; ++c) {
                const std::string key =
                    full + "." + std::string(civicsim::models::category_names[c]);
                if (index.by_key.contains(key)) {
                    keys.push_back(key);
                    ++found;
                }
            }
            INFO("`" << name << ".*` in: " << cell);
            CHECK(found > 0);
            category.clear();
            continue;
        }
        INFO("`" << name << "` (read as " << full << ") in: " << cell);
        CHECK(index.by_key.contains(full));
        keys.push_back(full);
        category = category_suffix(full);
    }
    return keys;
}

/// Every "a–b" after "plausible range(s)" in the row, up to the next ";" or "|".
std::vector<schema::interval> ranges_in(const std::string& row) {
    std::vector<schema::interval> found;
    static const std::regex phrase("plausible ranges?([^;|]*)");
    // A range's ends may be negative ("-0.5–0": an elasticity).
    static const std::regex pair("(-?[0-9]+(?:\\.[0-9]+)?)\\s*(?:–|-)\\s*(-?[0-9]+(?:\\.[0-9]+)?)");
    for (auto it = std::sregex_iterator(row.begin(), row.end(), phrase);
         it != std::sregex_iterator(); ++it) {
        const std::string text = (*it)[1];
        for (auto p = std::sregex_iterator(text.begin(), text.end(), pair);
             p != std::sregex_iterator(); ++p) {
            found.push_back({std::stod((*p)[1]), std::stod((*p)[2])});
        }
    }
    return found;
}

bool same(double a, double b) { return std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b)); }

}  // namespace

TEST_CASE("docs/ODD.md's parameter rows give the schema's plausible ranges", "[scenario]") {
    const auto index = index_schema();
    const auto tables = parameter_tables(odd_text());
    REQUIRE(tables.size() > 15);
    std::set<std::string> covered;
    for (const auto& rows : tables) {
        std::string section;  // short keys are read in the table's own sections
        std::string category;
        for (const auto& row : rows) {
            INFO(row);
            const auto second_bar = row.find('|', 1);
            REQUIRE(second_bar != std::string::npos);
            const auto keys = resolve(index, row.substr(1, second_bar - 1), section, category);
            std::vector<schema::interval> expected;
            for (const auto& key : keys) {
                covered.insert(key);
                const auto it = index.by_key.find(key);
                if (it == index.by_key.end()) continue;
                for (const auto& i : it->second->plausible) expected.push_back(i);
            }
            const auto given = ranges_in(row);
            REQUIRE(given.size() == expected.size());
            for (std::size_t i = 0; i < given.size(); ++i) {
                INFO("range " << i + 1);
                CHECK(same(given[i].low, expected[i].low));
                CHECK(same(given[i].high, expected[i].high));
            }
        }
    }
    // Every key with a plausible range has its row.
    for (const auto& [key, f] : index.by_key) {
        if (f->plausible.empty()) continue;
        INFO(key << " has a plausible range in the schema but no row in docs/ODD.md §7");
        CHECK(covered.contains(key));
    }
}

TEST_CASE("The ODD table reader resolves short keys and reads ranges", "[scenario]") {
    const auto index = index_schema();
    std::string section;
    std::string category;
    CHECK(resolve(index, "`behaviour.prejudice.epsilon` $\\varepsilon$ / `mu` $\\mu$", section,
                  category) ==
          std::vector<std::string>{"behaviour.prejudice.epsilon", "behaviour.prejudice.mu"});
    CHECK(resolve(index, "`police.handling_hours.suspicious_person` / `expiry_days`", section,
                  category) == std::vector<std::string>{"police.handling_hours.suspicious_person",
                                                        "police.expiry_days.suspicious_person"});
    CHECK(resolve(index, "`behaviour.reporting.base_rate.*`", section, category).size() == 5);
    CHECK(resolve(index, "`witness_factor`", section, category) ==
          std::vector<std::string>{"behaviour.reporting.witness_factor"});
    const auto ranges =
        ranges_in("| x | 1 | assumption; plausible ranges 0.2–0.8 / 1-3; Smith 2-4 |");
    REQUIRE(ranges.size() == 2);
    CHECK(ranges[1].low == 1.0);
    CHECK(ranges[1].high == 3.0);
}

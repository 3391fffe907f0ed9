// docs/results-format.md lists every metric with its unit and description by hand. These tests
// keep that page true: a metric added, renamed or re-described in models/metrics.cpp fails here
// until the page is updated.

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "models/metrics.hpp"

namespace {

std::string results_format_doc() {
    std::ifstream in(std::string(CIVICSIM_SOURCE_DIR) + "/docs/results-format.md");
    REQUIRE(in.good());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The table rows (`| \`name\` | ...`) between `heading` and the next heading of any level.
std::vector<std::string> metric_rows(const std::string& doc, const std::string& heading) {
    const auto start = doc.find("\n" + heading + "\n");
    REQUIRE(start != std::string::npos);
    const auto end = doc.find("\n#", start + heading.size() + 1);
    std::istringstream section(doc.substr(start, end - start));
    std::vector<std::string> rows;
    for (std::string line; std::getline(section, line);)
        if (line.rfind("| `", 0) == 0) rows.push_back(line);
    return rows;
}

/// `text` as a Markdown table cell: a `|` inside a cell is written `\|`, or it would end the cell.
std::string table_cell(std::string_view text) {
    std::string cell;
    for (const char c : text) {
        if (c == '|') cell += '\\';
        cell += c;
    }
    return cell;
}

void check_table(const std::string& heading,
                 std::span<const civicsim::models::metric_info> metrics) {
    const auto rows = metric_rows(results_format_doc(), heading);
    REQUIRE(rows.size() == metrics.size());
    for (std::size_t i = 0; i < metrics.size(); ++i) {
        const auto& metric = metrics[i];
        INFO("metric " << metric.name);
        CHECK(rows[i] == "| `" + std::string(metric.name) + "` | " + table_cell(metric.unit) +
                             " | " + table_cell(metric.description) + " |");
    }
}

}  // namespace

TEST_CASE("the results format doc lists every daily metric with its unit and description",
          "[results]") {
    check_table("### Daily metrics", civicsim::models::daily_metrics());
}

TEST_CASE("the results format doc lists every summary metric with its unit and description",
          "[results]") {
    check_table("### Summary metrics", civicsim::models::summary_metrics());
}

TEST_CASE("the results format doc lists every group metric with its unit and description",
          "[results]") {
    check_table("### Group metrics", civicsim::models::group_metrics());
}

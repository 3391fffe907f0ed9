#include "sim/results/hdf5_writer.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <regex>
#include <string>
#include <vector>

#include "models/exposure.hpp"
#include "models/metrics.hpp"
#include "sim/version.hpp"
#include "tests/sim/results/hdf5_file.hpp"
#include "tests/sim/scratch_files.hpp"

using namespace civicsim::sim;
namespace fs = std::filesystem;
using civicsim::models::daily_metric;
using civicsim::models::daily_metrics;
using civicsim::models::group_metric;
using civicsim::models::group_metric_count;
using civicsim::models::summary_metrics;
using civicsim::sim::test::hdf5_reader;

namespace {

constexpr std::uint32_t days = 3;
constexpr std::uint32_t neighbourhoods = 2;
constexpr std::size_t nan_run = 1;
constexpr std::size_t nan_day = 0;
constexpr std::size_t nan_neighbourhood = 1;
constexpr auto nan_metric = static_cast<std::size_t>(daily_metric::response_time_mean);

// Sizes distinct from each other and from days and neighbourhoods, so that a swapped axis shows.
const std::vector<std::string> communities{"majority", "polish", "türkçe", "somali", "urdu"};
const std::vector<std::string> age_bands{"16-29", "30-49", "50-64", "65+"};

/// The two breakdowns of the group metrics, as the file and run_result name them.
struct breakdown {
    const char* group;  ///< "/by_community"
    const char* axis;   ///< the last dimension, and the name of its labels dataset
    const std::vector<std::string>* labels;
    std::vector<float> run_result::*values;
    float sign;  ///< tells the two breakdowns' values apart
};
const breakdown by_community{"/by_community", "community", &communities, &run_result::by_community,
                             1.0f};
const breakdown by_age_band{"/by_age_band", "age_band", &age_bands, &run_result::by_age_band,
                            -1.0f};

// A community absent from a neighbourhood has no rate: NaN, like the timeseries.
constexpr std::size_t group_nan_run = 0;
constexpr auto group_nan_metric = static_cast<std::size_t>(group_metric::reporting_rate);
constexpr std::size_t group_nan_day = 2;
constexpr std::size_t group_nan_neighbourhood = 0;
constexpr std::size_t group_nan_group = 4;

const std::string scenario_toml =
    "name = \"two districts\"\n"
    "seed = 18446744073709551615\n"
    "[strategy.app]\n"
    "languages = [\"nl\", \"tr\"]\n";

// Distinct in every index, so that a transposed or shifted write cannot go unnoticed.
float expected_timeseries(std::size_t run, std::size_t metric, std::size_t day,
                          std::size_t neighbourhood) {
    if (run == nan_run && metric == nan_metric && day == nan_day &&
        neighbourhood == nan_neighbourhood)
        return std::numeric_limits<float>::quiet_NaN();
    return static_cast<float>(1000 * run + 10 * metric + day) +
           0.25f * static_cast<float>(neighbourhood);
}

float expected_group_value(const breakdown& kind, std::size_t run, std::size_t metric,
                           std::size_t day, std::size_t neighbourhood, std::size_t group) {
    if (&kind == &by_community && run == group_nan_run && metric == group_nan_metric &&
        day == group_nan_day && neighbourhood == group_nan_neighbourhood &&
        group == group_nan_group)
        return std::numeric_limits<float>::quiet_NaN();
    return kind.sign * static_cast<float>(10000 * run + 1000 * metric + 100 * day +
                                          10 * neighbourhood + group + 1);
}

std::vector<float> make_breakdown(const breakdown& kind, std::size_t run) {
    const std::size_t groups = kind.labels->size();
    std::vector<float> values(group_metric_count * days * neighbourhoods * groups);
    for (std::size_t metric = 0; metric < group_metric_count; ++metric)
        for (std::size_t day = 0; day < days; ++day)
            for (std::size_t place = 0; place < neighbourhoods; ++place)
                for (std::size_t group = 0; group < groups; ++group)
                    values[((metric * days + day) * neighbourhoods + place) * groups + group] =
                        expected_group_value(kind, run, metric, day, place, group);
    return values;
}

// Exposure breakdowns: negative and scaled apart from the other two; the campaign's targets are
// empty (NaN) city-wide, as in a scenario without campaigns.
float expected_exposure_value(std::size_t exposure, std::size_t run, std::size_t metric,
                              std::size_t day, std::size_t neighbourhood, std::size_t group) {
    return -static_cast<float>(100000 * (exposure + 1) + 10000 * run + 1000 * metric + 100 * day +
                               10 * neighbourhood + group + 1);
}

double expected_exposure_summary(std::size_t exposure, std::size_t run, std::size_t metric,
                                 std::size_t group) {
    if (exposure == civicsim::models::to_index(civicsim::models::exposure::campaign_target) &&
        group == 0)
        return std::numeric_limits<double>::quiet_NaN();
    return 1000.0 * static_cast<double>(exposure) + 100.0 * static_cast<double>(run) +
           10.0 * static_cast<double>(metric) + static_cast<double>(group) + 0.125;
}

void add_exposures(run_result& result, std::size_t run) {
    constexpr std::size_t groups = civicsim::models::exposure_groups;
    for (std::size_t e = 0; e < civicsim::models::exposure_count; ++e) {
        auto& daily = result.by_exposure[e];
        daily.resize(group_metric_count * days * neighbourhoods * groups);
        for (std::size_t metric = 0; metric < group_metric_count; ++metric)
            for (std::size_t day = 0; day < days; ++day)
                for (std::size_t place = 0; place < neighbourhoods; ++place)
                    for (std::size_t group = 0; group < groups; ++group)
                        daily[((metric * days + day) * neighbourhoods + place) * groups + group] =
                            expected_exposure_value(e, run, metric, day, place, group);
        for (std::size_t metric = 0; metric < group_metric_count; ++metric)
            for (std::size_t group = 0; group < groups; ++group)
                result.exposure_summary[e].push_back(
                    expected_exposure_summary(e, run, metric, group));
    }
}

double expected_summary(std::size_t run, std::size_t metric) {
    return -1.5e6 * static_cast<double>(run + 1) + static_cast<double>(metric) / 3.0;
}

results_set make_results() {
    results_set results;
    results.command_line = "civicsim run scenarios/two.toml --output out/two.h5 --force";
    results.scenario_toml = scenario_toml;
    results.scenario_name = "two districts";
    results.base_seed = 18446744073709551615ULL;  // the largest uint64: no silent narrowing
    results.neighbourhoods = {{"Centrum", 12000, 8500.5, "urban", 0.4, 0.6},
                              {"Zuidoost-Süd", 3100, 450.25, "rural", 0.2, 0.7}};
    results.communities = communities;
    results.age_bands = age_bands;
    results.strategies = {{"baseline", "the scenario as written"},
                          {"app_with_outreach", "Launch the app with outreach in türkçe & <nl>."},
                          {"unrun", ""}};
    const std::vector<std::string> strategies{"baseline", "app_with_outreach"};
    for (std::uint32_t run = 0; run < 2; ++run) {
        run_result result;
        result.run_id = 7 + run;
        result.strategy = strategies[run];
        result.replication = 3 * run + 1;
        result.seed = 0xF000'0000'0000'0000ULL + run;
        result.days = days;
        result.neighbourhoods = neighbourhoods;
        result.timeseries.resize(daily_metrics().size() * days * neighbourhoods);
        for (std::size_t metric = 0; metric < daily_metrics().size(); ++metric)
            for (std::size_t day = 0; day < days; ++day)
                for (std::size_t place = 0; place < neighbourhoods; ++place)
                    result.timeseries[(metric * days + day) * neighbourhoods + place] =
                        expected_timeseries(run, metric, day, place);
        for (std::size_t metric = 0; metric < summary_metrics().size(); ++metric)
            result.summary.push_back(expected_summary(run, metric));
        result.by_community = make_breakdown(by_community, run);
        result.by_age_band = make_breakdown(by_age_band, run);
        add_exposures(result, run);
        results.runs.push_back(result);
    }
    return results;
}

/// An empty directory of its own under the test scratch area.
fs::path fresh_directory(const std::string& name) {
    return civicsim::test::fresh_directory("results", name);
}
using civicsim::test::contents;
using civicsim::test::entries;
using civicsim::test::write_text;

std::string message_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const results_error& error) {
        return error.what();
    }
    FAIL("no results_error was thrown");
    return {};
}

std::time_t parse_utc(const std::string& text) {
    std::tm utc{};
    REQUIRE(strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &utc) != nullptr);
    return timegm(&utc);
}

using civicsim::test::file_size_limit;

/// Sends this process's stderr to a file until destroyed; shows whether HDF5 printed anything.
class stderr_capture {
public:
    explicit stderr_capture(fs::path file) : file_(std::move(file)) {
        std::fflush(stderr);
        saved_ = ::dup(STDERR_FILENO);
        const int descriptor = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(descriptor, STDERR_FILENO);
        ::close(descriptor);
    }
    stderr_capture(const stderr_capture&) = delete;
    stderr_capture& operator=(const stderr_capture&) = delete;
    ~stderr_capture() { restore(); }
    std::string text() {
        restore();
        return contents(file_);
    }

private:
    void restore() {
        if (saved_ < 0) return;
        std::fflush(stderr);
        ::dup2(saved_, STDERR_FILENO);
        ::close(saved_);
        saved_ = -1;
    }
    fs::path file_;
    int saved_ = -1;
};

}  // namespace

TEST_CASE("the results file carries the provenance of the command as root attributes",
          "[results]") {
    const auto path = fresh_directory("root") / "results.h5";
    const std::time_t before = std::time(nullptr);
    write_results(path, make_results(), false);
    const std::time_t after = std::time(nullptr);

    const hdf5_reader file(path);
    CHECK(file.string_attribute("/", "civicsim_version") == civicsim::version);
    CHECK(file.string_attribute("/", "git_commit") == civicsim::git_commit);
    CHECK(file.string_attribute("/", "command_line") ==
          "civicsim run scenarios/two.toml --output out/two.h5 --force");
    CHECK(file.string_attribute("/", "scenario") == scenario_toml);
    CHECK(file.string_attribute("/", "scenario_name") == "two districts");
    CHECK(file.number_attribute<std::uint64_t>("/", "base_seed", H5T_STD_U64LE,
                                               H5T_NATIVE_UINT64) == 18446744073709551615ULL);
    CHECK(file.number_attribute<int>("/", "format_version", H5T_STD_I32LE, H5T_NATIVE_INT) == 2);
    CHECK(results_format_version == 2);

    const std::string created = file.string_attribute("/", "created");
    CHECK(std::regex_match(created, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
    CHECK(parse_utc(created) >= before - 1);
    CHECK(parse_utc(created) <= after + 1);
}

TEST_CASE("the results file has one row per run in the runs columns", "[results]") {
    const auto path = fresh_directory("runs") / "results.h5";
    write_results(path, make_results(), false);

    const hdf5_reader file(path);
    CHECK(file.members("/") == std::vector<std::string>{"by_age_band", "by_app_use",
                                                        "by_campaign_target", "by_community",
                                                        "by_group_membership", "exposure_summary",
                                                        "neighbourhoods", "runs", "strategies",
                                                        "summary", "timeseries"});
    CHECK(file.members("/runs") ==
          std::vector<std::string>{"replication", "run_id", "seed", "strategy"});
    CHECK(file.has_type("/runs/run_id", H5T_STD_U32LE));
    CHECK(file.values<std::uint32_t>("/runs/run_id", H5T_NATIVE_UINT32) ==
          std::vector<std::uint32_t>{7, 8});
    CHECK(file.strings("/runs/strategy") ==
          std::vector<std::string>{"baseline", "app_with_outreach"});
    CHECK(file.has_type("/runs/replication", H5T_STD_U32LE));
    CHECK(file.values<std::uint32_t>("/runs/replication", H5T_NATIVE_UINT32) ==
          std::vector<std::uint32_t>{1, 4});
    CHECK(file.has_type("/runs/seed", H5T_STD_U64LE));
    CHECK(file.values<std::uint64_t>("/runs/seed", H5T_NATIVE_UINT64) ==
          std::vector<std::uint64_t>{0xF000'0000'0000'0000ULL, 0xF000'0000'0000'0001ULL});
}

TEST_CASE("the strategies are stored as name and description columns, baseline first",
          "[results]") {
    const auto path = fresh_directory("strategies") / "results.h5";
    write_results(path, make_results(), false);

    const hdf5_reader file(path);
    CHECK(file.members("/strategies") == std::vector<std::string>{"description", "name"});
    CHECK(file.strings("/strategies/name") ==
          std::vector<std::string>{"baseline", "app_with_outreach", "unrun"});
    CHECK(file.strings("/strategies/description") ==
          std::vector<std::string>{"the scenario as written",
                                   "Launch the app with outreach in türkçe & <nl>.", ""});
}

TEST_CASE("every daily metric is a chunked, compressed float32 timeseries that round-trips",
          "[results]") {
    const auto path = fresh_directory("timeseries") / "results.h5";
    write_results(path, make_results(), false);

    const hdf5_reader file(path);
    const auto metrics = civicsim::models::daily_metrics();
    CHECK(file.members("/timeseries").size() == metrics.size());
    for (std::size_t metric = 0; metric < metrics.size(); ++metric) {
        const std::string dataset = "/timeseries/" + std::string(metrics[metric].name);
        INFO(dataset);
        REQUIRE(file.exists(dataset));
        CHECK(file.shape(dataset) == std::vector<hsize_t>{2, days, neighbourhoods});
        CHECK(file.has_type(dataset, H5T_IEEE_F32LE));
        const auto storage = file.storage(dataset);
        CHECK(storage.chunked);
        CHECK(storage.chunk == std::vector<hsize_t>{1, days, neighbourhoods});
        CHECK(storage.filters == std::vector<H5Z_filter_t>{H5Z_FILTER_SHUFFLE, H5Z_FILTER_DEFLATE,
                                                           H5Z_FILTER_FLETCHER32});
        CHECK(storage.deflate_level == 4);
        CHECK(file.string_attribute(dataset, "unit") == metrics[metric].unit);
        CHECK(file.string_attribute(dataset, "description") == metrics[metric].description);
        CHECK(file.string_attribute(dataset, "dimensions") == "run,day,neighbourhood");

        const auto values = file.values<float>(dataset, H5T_NATIVE_FLOAT);
        for (std::size_t run = 0; run < 2; ++run)
            for (std::size_t day = 0; day < days; ++day)
                for (std::size_t place = 0; place < neighbourhoods; ++place) {
                    const float stored = values[(run * days + day) * neighbourhoods + place];
                    const float expected = expected_timeseries(run, metric, day, place);
                    if (std::isnan(expected))
                        CHECK(std::isnan(stored));
                    else
                        CHECK(stored == expected);
                }
    }
}

TEST_CASE("a NaN in the timeseries is stored as NaN, not as zero or a fill value", "[results]") {
    const auto path = fresh_directory("nan") / "results.h5";
    write_results(path, make_results(), false);

    const auto values =
        hdf5_reader(path).values<float>("/timeseries/response_time_mean", H5T_NATIVE_FLOAT);
    const std::size_t nan_index = (nan_run * days + nan_day) * neighbourhoods + nan_neighbourhood;
    CHECK(std::isnan(values[nan_index]));
    CHECK(std::count_if(values.begin(), values.end(), [](float v) { return std::isnan(v); }) == 1);
}

TEST_CASE("every summary metric is a float64 column with one value per run", "[results]") {
    const auto path = fresh_directory("summary") / "results.h5";
    write_results(path, make_results(), false);

    const hdf5_reader file(path);
    const auto metrics = civicsim::models::summary_metrics();
    CHECK(file.members("/summary").size() == metrics.size());
    for (std::size_t metric = 0; metric < metrics.size(); ++metric) {
        const std::string dataset = "/summary/" + std::string(metrics[metric].name);
        INFO(dataset);
        CHECK(file.shape(dataset) == std::vector<hsize_t>{2});
        CHECK(file.has_type(dataset, H5T_IEEE_F64LE));
        CHECK(file.string_attribute(dataset, "unit") == metrics[metric].unit);
        CHECK(file.string_attribute(dataset, "description") == metrics[metric].description);
        CHECK(file.values<double>(dataset, H5T_NATIVE_DOUBLE) ==
              std::vector<double>{expected_summary(0, metric), expected_summary(1, metric)});
    }
}

namespace {

/// Reads back one breakdown: its labels, and every group metric as a chunked, compressed float32
/// array of shape (run, day, neighbourhood, group) with its attributes and values.
void check_breakdown(const hdf5_reader& file, const breakdown& kind) {
    const auto metrics = civicsim::models::group_metrics();
    const std::string group(kind.group);
    const std::size_t groups = kind.labels->size();

    std::vector<std::string> expected_members{kind.axis};
    for (const auto& metric : metrics) expected_members.emplace_back(metric.name);
    std::sort(expected_members.begin(), expected_members.end());
    CHECK(file.members(group) == expected_members);

    const std::string labels = group + "/" + kind.axis;
    CHECK(file.shape(labels) == std::vector<hsize_t>{groups});
    CHECK(file.strings(labels) == *kind.labels);

    for (std::size_t metric = 0; metric < metrics.size(); ++metric) {
        const std::string dataset = group + "/" + std::string(metrics[metric].name);
        INFO(dataset);
        REQUIRE(file.exists(dataset));
        CHECK(file.shape(dataset) == std::vector<hsize_t>{2, days, neighbourhoods, groups});
        CHECK(file.has_type(dataset, H5T_IEEE_F32LE));
        const auto storage = file.storage(dataset);
        CHECK(storage.chunked);
        CHECK(storage.chunk == std::vector<hsize_t>{1, days, neighbourhoods, groups});
        CHECK(storage.filters == std::vector<H5Z_filter_t>{H5Z_FILTER_SHUFFLE, H5Z_FILTER_DEFLATE,
                                                           H5Z_FILTER_FLETCHER32});
        CHECK(storage.deflate_level == 4);
        CHECK(file.string_attribute(dataset, "unit") == metrics[metric].unit);
        CHECK(file.string_attribute(dataset, "description") == metrics[metric].description);
        CHECK(file.string_attribute(dataset, "dimensions") ==
              "run,day,neighbourhood," + std::string(kind.axis));

        const auto values = file.values<float>(dataset, H5T_NATIVE_FLOAT);
        REQUIRE(values.size() == 2 * days * neighbourhoods * groups);
        std::size_t mismatches = 0;
        for (std::size_t run = 0; run < 2; ++run)
            for (std::size_t day = 0; day < days; ++day)
                for (std::size_t place = 0; place < neighbourhoods; ++place)
                    for (std::size_t g = 0; g < groups; ++g) {
                        const float stored =
                            values[((run * days + day) * neighbourhoods + place) * groups + g];
                        const float expected =
                            expected_group_value(kind, run, metric, day, place, g);
                        const bool same =
                            std::isnan(expected) ? std::isnan(stored) : stored == expected;
                        if (!same) {
                            ++mismatches;
                            UNSCOPED_INFO("run " << run << " day " << day << " neighbourhood "
                                                 << place << " group " << g << ": stored " << stored
                                                 << ", expected " << expected);
                        }
                    }
        CHECK(mismatches == 0);
    }
}

}  // namespace

TEST_CASE("every group metric is broken down by community, with the community labels",
          "[results]") {
    const auto path = fresh_directory("by_community") / "results.h5";
    write_results(path, make_results(), false);
    check_breakdown(hdf5_reader(path), by_community);
}

TEST_CASE("every group metric is broken down by age band, with the age band labels", "[results]") {
    const auto path = fresh_directory("by_age_band") / "results.h5";
    write_results(path, make_results(), false);
    check_breakdown(hdf5_reader(path), by_age_band);
}

TEST_CASE("a NaN in a breakdown is stored as NaN, and only there", "[results]") {
    const auto path = fresh_directory("group_nan") / "results.h5";
    write_results(path, make_results(), false);

    const hdf5_reader file(path);
    const auto values = file.values<float>("/by_community/reporting_rate", H5T_NATIVE_FLOAT);
    const std::size_t groups = communities.size();
    const std::size_t nan_index =
        ((group_nan_run * days + group_nan_day) * neighbourhoods + group_nan_neighbourhood) *
            groups +
        group_nan_group;
    CHECK(std::isnan(values[nan_index]));
    CHECK(std::count_if(values.begin(), values.end(), [](float v) { return std::isnan(v); }) == 1);
    const auto by_age = file.values<float>("/by_age_band/reporting_rate", H5T_NATIVE_FLOAT);
    CHECK(std::none_of(by_age.begin(), by_age.end(), [](float v) { return std::isnan(v); }));
}

TEST_CASE("every group metric is broken down by exposure, with a city-wide last-day summary",
          "[results]") {
    const auto path = fresh_directory("by_exposure") / "results.h5";
    write_results(path, make_results(), false);
    const hdf5_reader file(path);
    const auto metrics = civicsim::models::group_metrics();
    constexpr std::size_t groups = civicsim::models::exposure_groups;
    CHECK(file.members("/exposure_summary") ==
          std::vector<std::string>{"by_app_use", "by_campaign_target", "by_group_membership"});
    const std::vector<std::vector<std::string>> labels{
        {"members", "others"}, {"app users", "others"}, {"targets", "others"}};
    const std::vector<std::string> axes{"membership", "app_use", "campaign_target"};
    for (std::size_t e = 0; e < civicsim::models::exposure_count; ++e) {
        const std::string name(civicsim::models::exposures[e].name);
        const std::string group = "/" + name, summary = "/exposure_summary/" + name;
        INFO(group);
        CHECK(axes[e] == civicsim::models::exposures[e].axis);
        std::vector<std::string> members{axes[e]};
        for (const auto& metric : metrics) members.emplace_back(metric.name);
        std::sort(members.begin(), members.end());
        CHECK(file.members(group) == members);
        CHECK(file.members(summary) == members);
        CHECK(file.strings(group + "/" + axes[e]) == labels[e]);
        CHECK(file.strings(summary + "/" + axes[e]) == labels[e]);
        for (std::size_t metric = 0; metric < metrics.size(); ++metric) {
            const std::string daily = group + "/" + std::string(metrics[metric].name);
            INFO(daily);
            CHECK(file.shape(daily) == std::vector<hsize_t>{2, days, neighbourhoods, groups});
            CHECK(file.has_type(daily, H5T_IEEE_F32LE));
            const auto storage = file.storage(daily);
            CHECK(storage.chunk == std::vector<hsize_t>{1, days, neighbourhoods, groups});
            CHECK(file.string_attribute(daily, "unit") == metrics[metric].unit);
            CHECK(file.string_attribute(daily, "dimensions") == "run,day,neighbourhood," + axes[e]);
            const auto values = file.values<float>(daily, H5T_NATIVE_FLOAT);
            REQUIRE(values.size() == 2 * days * neighbourhoods * groups);
            std::size_t mismatches = 0;
            for (std::size_t run = 0; run < 2; ++run)
                for (std::size_t day = 0; day < days; ++day)
                    for (std::size_t place = 0; place < neighbourhoods; ++place)
                        for (std::size_t g = 0; g < groups; ++g)
                            mismatches +=
                                values[((run * days + day) * neighbourhoods + place) * groups +
                                       g] != expected_exposure_value(e, run, metric, day, place, g);
            CHECK(mismatches == 0);

            const std::string last = summary + "/" + std::string(metrics[metric].name);
            INFO(last);
            CHECK(file.shape(last) == std::vector<hsize_t>{2, groups});
            CHECK(file.has_type(last, H5T_IEEE_F64LE));
            CHECK(file.string_attribute(last, "unit") == metrics[metric].unit);
            CHECK(file.string_attribute(last, "dimensions") == "run," + axes[e]);
            const auto city = file.values<double>(last, H5T_NATIVE_DOUBLE);
            REQUIRE(city.size() == 2 * groups);
            for (std::size_t run = 0; run < 2; ++run)
                for (std::size_t g = 0; g < groups; ++g) {
                    const double expected = expected_exposure_summary(e, run, metric, g);
                    if (std::isnan(expected))
                        CHECK(std::isnan(city[run * groups + g]));
                    else
                        CHECK(city[run * groups + g] == expected);
                }
        }
    }
}

TEST_CASE("the neighbourhoods are stored as columns with units", "[results]") {
    const auto path = fresh_directory("neighbourhoods") / "results.h5";
    write_results(path, make_results(), false);

    const hdf5_reader file(path);
    CHECK(file.strings("/neighbourhoods/name") ==
          std::vector<std::string>{"Centrum", "Zuidoost-Süd"});
    CHECK(file.has_type("/neighbourhoods/population", H5T_STD_U32LE));
    CHECK(file.values<std::uint32_t>("/neighbourhoods/population", H5T_NATIVE_UINT32) ==
          std::vector<std::uint32_t>{12000, 3100});
    CHECK(file.string_attribute("/neighbourhoods/population", "unit") == "inhabitants");
    CHECK(file.has_type("/neighbourhoods/density", H5T_IEEE_F64LE));
    CHECK(file.values<double>("/neighbourhoods/density", H5T_NATIVE_DOUBLE) ==
          std::vector<double>{8500.5, 450.25});
    CHECK(file.string_attribute("/neighbourhoods/density", "unit") == "inhabitants/km²");
    CHECK(file.strings("/neighbourhoods/settlement") == std::vector<std::string>{"urban", "rural"});
    CHECK(file.values<double>("/neighbourhoods/deprivation", H5T_NATIVE_DOUBLE) ==
          std::vector<double>{0.4, 0.2});
    CHECK(file.string_attribute("/neighbourhoods/deprivation", "unit") == "index [0,1]");
    CHECK(file.values<double>("/neighbourhoods/cohesion", H5T_NATIVE_DOUBLE) ==
          std::vector<double>{0.6, 0.7});
    CHECK(file.string_attribute("/neighbourhoods/cohesion", "unit") == "index [0,1]");
}

TEST_CASE("an existing results file is kept unless overwrite is asked for", "[results]") {
    const auto directory = fresh_directory("existing");
    const auto path = directory / "results.h5";
    const std::string old_contents = "not an HDF5 file, but somebody's earlier results";
    write_text(path, old_contents);

    SECTION("without overwrite, writing is refused and the old file is left byte for byte") {
        const auto message = message_of([&] { write_results(path, make_results(), false); });
        CHECK_THAT(message, Catch::Contains(path.string()) && Catch::Contains("already exists") &&
                                Catch::Contains("--force"));
        CHECK(contents(path) == old_contents);
        CHECK(entries(directory) == std::vector<std::string>{"results.h5"});
    }
    SECTION("with overwrite, the old file is replaced by the new results") {
        write_results(path, make_results(), true);
        CHECK(hdf5_reader(path).string_attribute("/", "scenario_name") == "two districts");
        CHECK(entries(directory) == std::vector<std::string>{"results.h5"});
    }
    SECTION("check_writable refuses it the same way, and accepts it with overwrite") {
        const auto message = message_of([&] { check_writable(path, false); });
        CHECK_THAT(message, Catch::Contains(path.string()) && Catch::Contains("--force"));
        CHECK_NOTHROW(check_writable(path, true));
        CHECK(contents(path) == old_contents);
        CHECK(entries(directory) == std::vector<std::string>{"results.h5"});
    }
}

TEST_CASE("missing parent directories are created and no temporary file is left", "[results]") {
    const auto directory = fresh_directory("parents");
    const auto path = directory / "a" / "b" / "results.h5";

    CHECK_NOTHROW(check_writable(path, false));
    CHECK(fs::is_directory(directory / "a" / "b"));
    CHECK(entries(directory / "a" / "b").empty());

    write_results(path, make_results(), false);
    CHECK(entries(directory / "a" / "b") == std::vector<std::string>{"results.h5"});
}

TEST_CASE("a directory that cannot be created is reported with the results path", "[results]") {
    const auto directory = fresh_directory("blocked");
    write_text(directory / "plain_file", "a regular file where a directory should be");
    const auto path = directory / "plain_file" / "results.h5";

    const auto written = message_of([&] { write_results(path, make_results(), false); });
    CHECK_THAT(written, Catch::Contains(path.string()) &&
                            Catch::Contains((directory / "plain_file").string()) &&
                            Catch::Contains("cannot create directory"));
    const auto checked = message_of([&] { check_writable(path, true); });
    CHECK(checked == written);
    CHECK(entries(directory) == std::vector<std::string>{"plain_file"});
}

TEST_CASE("a path naming a directory is refused", "[results]") {
    const auto directory = fresh_directory("is_directory");
    const auto message = message_of([&] { write_results(directory, make_results(), true); });
    CHECK_THAT(message, Catch::Contains(directory.string()) && Catch::Contains("directory"));
    CHECK(entries(directory).empty());
}

TEST_CASE("a write that fails part way reports the OS reason and leaves no trace", "[results]") {
    const auto directory = fresh_directory("full_disk");
    const auto path = directory / "results.h5";
    const std::string old_contents = "earlier results";
    write_text(path, old_contents);
    H5E_auto2_t printer_before = nullptr;
    void* printer_data_before = nullptr;
    H5Eget_auto2(H5E_DEFAULT, &printer_before, &printer_data_before);

    std::string message;
    std::string printed;
    {
        stderr_capture capture(fs::path(CIVICSIM_TEST_TMP) / "results" / "full_disk.stderr");
        {
            const file_size_limit limit(2048);  // far smaller than the file
            try {
                write_results(path, make_results(), true);
            } catch (const results_error& error) {
                message = error.what();
            }
        }
        printed = capture.text();
    }

    CHECK_THAT(message, Catch::Contains(path.string()) && Catch::Contains("File too large"));
    CHECK(printed.empty());  // one message from us, no HDF5 error stack on stderr
    CHECK(contents(path) == old_contents);
    CHECK(entries(directory) == std::vector<std::string>{"results.h5"});
    CHECK(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL) == 0);  // nothing left open on the error path
    H5E_auto2_t printer_after = nullptr;
    void* printer_data_after = nullptr;
    H5Eget_auto2(H5E_DEFAULT, &printer_after, &printer_data_after);
    CHECK(printer_after == printer_before);  // the caller's HDF5 error printing is restored
}

TEST_CASE("an inconsistent results set is a programming error that names the difference",
          "[results]") {
    const auto directory = fresh_directory("invalid");
    const auto path = directory / "results.h5";
    auto results = make_results();
    std::string expected;

    SECTION("a timeseries of the wrong size") {
        results.runs[1].timeseries.pop_back();
        expected = "runs[1] (run_id 8) has " +
                   std::to_string(daily_metrics().size() * days * neighbourhoods - 1) +
                   " timeseries values, expected " +
                   std::to_string(daily_metrics().size() * days * neighbourhoods);
    }
    SECTION("a summary of the wrong size") {
        results.runs[0].summary.push_back(0.0);
        expected = "runs[0] (run_id 7) has " + std::to_string(summary_metrics().size() + 1) +
                   " summary values, expected " + std::to_string(summary_metrics().size());
    }
    SECTION("a community breakdown of the wrong size") {
        results.runs[1].by_community.pop_back();
        const auto size = group_metric_count * days * neighbourhoods * communities.size();
        expected = "runs[1] (run_id 8) has " + std::to_string(size - 1) +
                   " by_community values, expected " + std::to_string(size) + " (" +
                   std::to_string(group_metric_count) + " group metrics x 3 days x 2 " +
                   "neighbourhoods x 5 communities)";
    }
    SECTION("an age band breakdown of the wrong size") {
        results.runs[0].by_age_band.push_back(0.0f);
        const auto size = group_metric_count * days * neighbourhoods * age_bands.size();
        expected = "runs[0] (run_id 7) has " + std::to_string(size + 1) +
                   " by_age_band values, expected " + std::to_string(size) + " (" +
                   std::to_string(group_metric_count) + " group metrics x 3 days x 2 " +
                   "neighbourhoods x 4 age bands)";
    }
    SECTION("an exposure breakdown of the wrong size") {
        results.runs[1].by_exposure[1].pop_back();
        const auto size = group_metric_count * days * neighbourhoods * 2;
        expected = "runs[1] (run_id 8) has " + std::to_string(size - 1) +
                   " by_app_use values, expected " + std::to_string(size) + " (" +
                   std::to_string(group_metric_count) + " group metrics x 3 days x 2 " +
                   "neighbourhoods x 2 groups)";
    }
    SECTION("an exposure summary of the wrong size") {
        results.runs[0].exposure_summary[2].clear();
        expected =
            "runs[0] (run_id 7) has 0 exposure_summary values for by_campaign_target, "
            "expected " +
            std::to_string(group_metric_count * 2) + " (" + std::to_string(group_metric_count) +
            " group metrics x 2 groups)";
    }
    SECTION("more community labels than the breakdown has communities") {
        results.communities.push_back("roma");
        const auto size = group_metric_count * days * neighbourhoods * communities.size();
        expected = "runs[0] (run_id 7) has " + std::to_string(size) +
                   " by_community values, expected " +
                   std::to_string(group_metric_count * days * neighbourhoods * 6) + " (" +
                   std::to_string(group_metric_count) + " group metrics x 3 days x 2 " +
                   "neighbourhoods x 6 communities)";
    }
    SECTION("no community labels") {
        results.communities.clear();
        expected = "no communities";
    }
    SECTION("no age band labels") {
        results.age_bands.clear();
        expected = "no age bands";
    }
    SECTION("runs of different lengths") {
        results.runs[1].days = days + 1;
        expected = "runs[1] (run_id 8) has 4 days but runs[0] has 3";
    }
    SECTION("a run over a different set of neighbourhoods") {
        results.neighbourhoods.pop_back();
        expected = "runs[0] (run_id 7) has 2 neighbourhoods but the results set describes 1";
    }
    SECTION("no strategies") {
        results.strategies.clear();
        expected = "no strategies";
    }
    SECTION("a run of a strategy that is not listed") {
        results.strategies.erase(results.strategies.begin() + 1);
        expected =
            "runs[1] (run_id 8) ran strategy 'app_with_outreach', which the results set's "
            "strategies do not list";
    }
    SECTION("a strategy listed twice") {
        results.strategies.push_back({"baseline", "again"});
        expected = "strategy 'baseline' is listed twice";
    }
    SECTION("no runs at all") {
        results.runs.clear();
        expected = "no runs";
    }
    CHECK_THROWS_WITH(write_results(path, results, false), Catch::Contains(expected));
    CHECK_THROWS_AS(write_results(path, results, false), std::invalid_argument);
    CHECK(entries(directory).empty());
}

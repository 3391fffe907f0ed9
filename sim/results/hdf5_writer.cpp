#include "sim/results/hdf5_writer.hpp"

#include <array>
#include <cstdint>
#include <ctime>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "models/metrics.hpp"
#include "sim/results/atomic_file.hpp"
#include "sim/results/hdf5_handle.hpp"
#include "sim/version.hpp"

namespace civicsim::sim {

namespace fs = std::filesystem;

namespace {

constexpr unsigned deflate_level = 4;
constexpr std::size_t core_increment = std::size_t{1} << 20;  // growth step of the in-memory file
constexpr std::string_view timeseries_dimensions = "run,day,neighbourhood";
constexpr std::string_view by_community_dimensions = "run,day,neighbourhood,community";
constexpr std::string_view by_age_band_dimensions = "run,day,neighbourhood,age_band";

// Appending rather than `"'" + path.string()`, which trips GCC 12's false -Wrestrict alarm.
std::string quoted(const fs::path& path) {
    std::string text = "'";
    text += path.string();
    text += '\'';
    return text;
}

// ------------------------------------------------------------------------------------------------
// The results set must be rectangular: every run has the same days and neighbourhoods, and its
// flat vectors the sizes run_result documents. Anything else is a bug in the caller.

void require(bool condition, const std::string& what) {
    if (!condition) throw std::invalid_argument("results_set: " + what);
}

void validate_run(const run_result& run, std::size_t index, std::uint32_t days,
                  std::size_t neighbourhoods) {
    const std::string label =
        "runs[" + std::to_string(index) + "] (run_id " + std::to_string(run.run_id) + ")";
    require(run.days == days, label + " has " + std::to_string(run.days) +
                                  " days but runs[0] has " + std::to_string(days) +
                                  "; all runs must have the same days");
    require(run.neighbourhoods == neighbourhoods,
            label + " has " + std::to_string(run.neighbourhoods) +
                " neighbourhoods but the results set describes " + std::to_string(neighbourhoods));
    const std::size_t expected = models::daily_metrics().size() * days * neighbourhoods;
    require(run.timeseries.size() == expected,
            label + " has " + std::to_string(run.timeseries.size()) +
                " timeseries values, expected " + std::to_string(expected) + " (" +
                std::to_string(models::daily_metrics().size()) + " daily metrics x " +
                std::to_string(days) + " days x " + std::to_string(neighbourhoods) +
                " neighbourhoods)");
    require(run.summary.size() == models::summary_metrics().size(),
            label + " has " + std::to_string(run.summary.size()) + " summary values, expected " +
                std::to_string(models::summary_metrics().size()) + " (one per summary metric)");
}

/// A group breakdown (by_community, by_age_band) of one run: [metric][day][neighbourhood][group].
void validate_breakdown(const run_result& run, std::size_t index, const char* field,
                        std::size_t size, std::size_t groups, const char* group_noun) {
    const std::size_t expected =
        models::group_metric_count * run.days * run.neighbourhoods * groups;
    require(size == expected, "runs[" + std::to_string(index) + "] (run_id " +
                                  std::to_string(run.run_id) + ") has " + std::to_string(size) +
                                  " " + field + " values, expected " + std::to_string(expected) +
                                  " (" + std::to_string(models::group_metric_count) +
                                  " group metrics x " + std::to_string(run.days) + " days x " +
                                  std::to_string(run.neighbourhoods) + " neighbourhoods x " +
                                  std::to_string(groups) + " " + group_noun + ")");
}

void validate(const results_set& results) {
    require(!results.runs.empty(), "no runs; a results file holds at least one");
    if (results.sweep_runs != 0) {
        require(results.runs.size() <= results.sweep_runs, std::to_string(results.runs.size()) +
                                                               " runs of a sweep of " +
                                                               std::to_string(results.sweep_runs));
        require(!results.partial() || !results.sweep_id.empty(),
                "part of a sweep without a sweep_id");
        for (const auto& run : results.runs)
            require(run.run_id < results.sweep_runs,
                    "run_id " + std::to_string(run.run_id) + " outside a sweep of " +
                        std::to_string(results.sweep_runs) + " runs");
    }
    for (const auto& column : results.run_columns) {
        require(!column.name.empty() && column.name.find('/') == std::string::npos &&
                    column.name != "run_id" && column.name != "strategy" &&
                    column.name != "replication" && column.name != "seed",
                "run column '" + column.name + "' cannot be a /runs column name");
        require(column.size() == results.runs.size(),
                "run column '" + column.name + "' has " + std::to_string(column.size()) +
                    " values for " + std::to_string(results.runs.size()) + " runs");
    }
    if (const auto& r = results.robustness; r.draws() > 0) {
        const std::size_t parameters = r.parameters.size(), strategies = r.strategies.size(),
                          outcomes = r.outcomes.size();
        require(r.low.size() == parameters && r.high.size() == parameters,
                "robustness: a range for every parameter");
        for (const auto& point : r.values)
            require(point.size() == parameters, "robustness: a value of every parameter per draw");
        require(r.means.size() == r.draws() * strategies * outcomes &&
                    r.smallest.size() == r.draws() * outcomes &&
                    r.best_share.size() == strategies * outcomes &&
                    r.near_best_share.size() == strategies * outcomes,
                "robustness: means, smallest differences and shares of the wrong size");
        for (const auto m : r.outcomes)
            require(m < models::summary_metrics().size(), "robustness: an unknown outcome");
    }
    require(!results.neighbourhoods.empty(), "no neighbourhoods");
    require(!results.communities.empty(),
            "no communities; the by_community breakdown needs at least one community label");
    require(!results.age_bands.empty(),
            "no age bands; the by_age_band breakdown needs at least one age band label");
    require(!results.strategies.empty(), "no strategies; /strategies lists at least the baseline");
    for (std::size_t i = 0; i < results.strategies.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            require(results.strategies[i].first != results.strategies[j].first,
                    "strategy '" + results.strategies[i].first + "' is listed twice");
    const std::uint32_t days = results.runs.front().days;
    require(days > 0, "runs[0] has 0 days");
    for (std::size_t i = 0; i < results.runs.size(); ++i) {
        const auto& run = results.runs[i];
        validate_run(run, i, days, results.neighbourhoods.size());
        bool listed = false;
        for (const auto& strategy : results.strategies)
            listed = listed || strategy.first == run.strategy;
        require(listed, "runs[" + std::to_string(i) + "] (run_id " + std::to_string(run.run_id) +
                            ") ran strategy '" + run.strategy +
                            "', which the results set's strategies do not list");
        validate_breakdown(run, i, "by_community", run.by_community.size(),
                           results.communities.size(), "communities");
        validate_breakdown(run, i, "by_age_band", run.by_age_band.size(), results.age_bands.size(),
                           "age bands");
        for (std::size_t e = 0; e < models::exposure_count; ++e) {
            const std::string name(models::exposures[e].name);
            validate_breakdown(run, i, name.c_str(), run.by_exposure[e].size(),
                               models::exposure_groups, "groups");
            const std::size_t expected = models::group_metric_count * models::exposure_groups;
            require(run.exposure_summary[e].size() == expected,
                    "runs[" + std::to_string(i) + "] (run_id " + std::to_string(run.run_id) +
                        ") has " + std::to_string(run.exposure_summary[e].size()) +
                        " exposure_summary values for " + name + ", expected " +
                        std::to_string(expected) + " (" +
                        std::to_string(models::group_metric_count) + " group metrics x " +
                        std::to_string(models::exposure_groups) + " groups)");
        }
    }
}

// ------------------------------------------------------------------------------------------------
// Errors. HDF5 prints its whole error stack to stderr by default; the writer turns that off and
// condenses the stack into one reason inside its own exception instead.

/// A step of writing the file failed; write_results adds the file name and rethrows results_error.
class write_failure : public std::runtime_error {
public:
    using runtime_error::runtime_error;
};

// The innermost entry of the error stack is the most specific one.
std::string hdf5_reason() {
    std::string innermost;
    H5Ewalk2(
        H5E_DEFAULT, H5E_WALK_DOWNWARD,
        [](unsigned, const H5E_error2_t* entry, void* out) -> herr_t {
            if (entry->desc != nullptr) *static_cast<std::string*>(out) = entry->desc;
            return 0;
        },
        &innermost);
    H5Eclear2(H5E_DEFAULT);
    return innermost.empty() ? std::string("unknown HDF5 error") : innermost;
}

/// Returns `result` (an id or a status) unless HDF5 signalled failure with a negative value.
template <class T>
T check(T result, const std::string& action) {
    if (result < 0) throw write_failure(action + ": " + hdf5_reason());
    return result;
}

// ------------------------------------------------------------------------------------------------
// Types. The file types are fixed little-endian so that a file means the same on any machine.

template <class T>
struct hdf5_type;
template <>
struct hdf5_type<float> {
    static hid_t file() { return H5T_IEEE_F32LE; }
    static hid_t memory() { return H5T_NATIVE_FLOAT; }
};
template <>
struct hdf5_type<double> {
    static hid_t file() { return H5T_IEEE_F64LE; }
    static hid_t memory() { return H5T_NATIVE_DOUBLE; }
};
template <>
struct hdf5_type<std::uint32_t> {
    static hid_t file() { return H5T_STD_U32LE; }
    static hid_t memory() { return H5T_NATIVE_UINT32; }
};
template <>
struct hdf5_type<std::uint64_t> {
    static hid_t file() { return H5T_STD_U64LE; }
    static hid_t memory() { return H5T_NATIVE_UINT64; }
};
template <>
struct hdf5_type<std::int64_t> {
    static hid_t file() { return H5T_STD_I64LE; }
    static hid_t memory() { return H5T_NATIVE_INT64; }
};
template <>
struct hdf5_type<std::int32_t> {
    static hid_t file() { return H5T_STD_I32LE; }
    static hid_t memory() { return H5T_NATIVE_INT32; }
};

// Variable-length, so that a long scenario TOML fits in an attribute (fixed-size attributes are
// limited to 64 KiB) and h5py reads every string as `str`.
hdf5::datatype utf8_string_type() {
    hdf5::datatype type(check(H5Tcopy(H5T_C_S1), "creating the string type"));
    check(H5Tset_size(type.get(), H5T_VARIABLE), "creating the string type");
    check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "creating the string type");
    return type;
}

// ------------------------------------------------------------------------------------------------
// Attributes and columns. `owner` is the object's path in the file, for messages.

void write_attribute(hid_t object, const std::string& owner, const char* name,
                     std::string_view value) {
    const std::string action = "writing attribute '" + std::string(name) + "' of " + owner;
    const auto type = utf8_string_type();
    const hdf5::dataspace space(check(H5Screate(H5S_SCALAR), action));
    const hdf5::attribute attribute(
        check(H5Acreate2(object, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), action));
    const std::string text(value);
    const char* pointer = text.c_str();
    check(H5Awrite(attribute.get(), type.get(), &pointer), action);
}

template <class T>
requires std::is_arithmetic_v<T>
void write_attribute(hid_t object, const std::string& owner, const char* name, T value) {
    const std::string action = "writing attribute '" + std::string(name) + "' of " + owner;
    const hdf5::dataspace space(check(H5Screate(H5S_SCALAR), action));
    const hdf5::attribute attribute(
        check(H5Acreate2(object, name, hdf5_type<T>::file(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
              action));
    check(H5Awrite(attribute.get(), hdf5_type<T>::memory(), &value), action);
}

void write_metric_attributes(hid_t dataset, const std::string& path,
                             const models::metric_info& metric) {
    write_attribute(dataset, path, "unit", metric.unit);
    write_attribute(dataset, path, "description", metric.description);
}

hdf5::group create_group(hid_t file, const std::string& path) {
    return hdf5::group(check(H5Gcreate2(file, path.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                             "creating group " + path));
}

/// A 1-D dataset; numbers (`checksum`) are stored in one chunk with HDF5's Fletcher-32
/// checksum, which needs a chunked layout (and so a non-empty column).
hdf5::dataset create_column(hid_t file, const std::string& path, hid_t type, std::size_t length,
                            bool checksum) {
    const hsize_t extent = length;
    const hdf5::dataspace space(
        check(H5Screate_simple(1, &extent, nullptr), "creating dataset " + path));
    hdf5::property_list properties(check(H5Pcreate(H5P_DATASET_CREATE), "creating " + path));
    if (checksum && length > 0) {
        check(H5Pset_chunk(properties.get(), 1, &extent), "creating " + path);
        check(H5Pset_fletcher32(properties.get()), "creating " + path);
    }
    return hdf5::dataset(check(H5Dcreate2(file, path.c_str(), type, space.get(), H5P_DEFAULT,
                                          properties.get(), H5P_DEFAULT),
                               "creating dataset " + path));
}

/// Writes a 1-D dataset and returns it, open, for any further attributes.
template <class T>
hdf5::dataset write_column(hid_t file, const std::string& path, const std::vector<T>& values,
                           std::string_view unit = {}) {
    auto dataset = create_column(file, path, hdf5_type<T>::file(), values.size(), true);
    check(H5Dwrite(dataset.get(), hdf5_type<T>::memory(), H5S_ALL, H5S_ALL, H5P_DEFAULT,
                   values.data()),
          "writing " + path);
    if (!unit.empty()) write_attribute(dataset.get(), path, "unit", unit);
    return dataset;
}

void write_column(hid_t file, const std::string& path, const std::vector<std::string>& values) {
    const auto type = utf8_string_type();
    const auto dataset = create_column(file, path, type.get(), values.size(), false);
    std::vector<const char*> pointers;
    pointers.reserve(values.size());
    for (const auto& value : values) pointers.push_back(value.c_str());
    check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
          "writing " + path);
}

/// One field of every record, as a column.
template <class Record, class T>
std::vector<T> column_of(const std::vector<Record>& records, T Record::*field) {
    std::vector<T> values;
    values.reserve(records.size());
    for (const auto& record : records) values.push_back(record.*field);
    return values;
}

// ------------------------------------------------------------------------------------------------
// The groups of the file, in the order docs/results-format.md describes them.

std::string utc_now_iso8601() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    std::array<char, sizeof "2000-01-01T00:00:00Z"> text{};
    std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text.data();
}

}  // namespace

std::string incomplete_note(const results_set& results) {
    // Which command's runs: only a sweep has shards and a design; a comparison has strategies.
    const bool sweep = !results.shard.empty() || !results.design.empty();
    const bool comparison = !sweep && results.strategies.size() > 1;
    const std::string work = sweep ? "sweep" : (comparison ? "comparison" : "civicsim run");
    const std::string command = sweep ? "sweep" : (comparison ? "compare" : "run");
    std::string note = "holds " + std::to_string(results.runs.size()) + " of the " +
                       std::to_string(results.sweep_runs) + " runs of a " + work;
    note += results.shard.empty()
                ? " (an interrupted " + work + ": the same civicsim " + command +
                      " command with --resume finishes it)"
                : " (shard " + results.shard + ": civicsim merge joins the shards)";
    return note;
}

namespace {

void write_root_attributes(hid_t file, const results_set& results) {
    const std::string root = "/";
    write_attribute(file, root, "civicsim_version", civicsim::version);
    write_attribute(file, root, "git_commit", civicsim::git_commit);
    write_attribute(file, root, "command_line", results.command_line);
    write_attribute(file, root, "scenario", results.scenario_toml);
    write_attribute(file, root, "scenario_name", results.scenario_name);
    write_attribute(file, root, "base_seed", results.base_seed);
    write_attribute(file, root, "created", utc_now_iso8601());
    write_attribute(file, root, "format_version", std::int32_t{results_format_version});
    if (!results.design.empty()) write_attribute(file, root, "design", results.design);
    // The marker readers look for; the other three let `civicsim merge` and --resume check
    // that parts belong together (a sweep of one run has parts that are whole).
    if (results.partial()) write_attribute(file, root, "incomplete", incomplete_note(results));
    if (!results.sweep_id.empty() && results.sweep_runs != 0) {
        write_attribute(file, root, "sweep_id", results.sweep_id);
        write_attribute(file, root, "sweep_runs", results.sweep_runs);
        if (!results.shard.empty()) write_attribute(file, root, "shard", results.shard);
    }
}

void write_runs(hid_t file, const results_set& results) {
    const auto group = create_group(file, "/runs");
    write_column(file, "/runs/run_id", column_of(results.runs, &run_result::run_id));
    write_column(file, "/runs/strategy", column_of(results.runs, &run_result::strategy));
    write_column(file, "/runs/replication", column_of(results.runs, &run_result::replication));
    write_column(file, "/runs/seed", column_of(results.runs, &run_result::seed));
    for (const auto& column : results.run_columns) {
        const auto path = "/runs/" + column.name;
        switch (column.type) {
            case run_column::kind::real: write_column(file, path, column.reals); break;
            case run_column::kind::integer: write_column(file, path, column.integers); break;
            case run_column::kind::text: write_column(file, path, column.texts); break;
            case run_column::kind::boolean: {
                // As numpy's bool is stored (by h5py): an 8-bit enum of FALSE and TRUE.
                const hdf5::datatype type(check(H5Tenum_create(H5T_NATIVE_INT8), path));
                for (const std::int8_t value : {std::int8_t{0}, std::int8_t{1}})
                    check(H5Tenum_insert(type.get(), value ? "TRUE" : "FALSE", &value), path);
                std::vector<std::int8_t> values(column.integers.begin(), column.integers.end());
                const auto dataset = create_column(file, path, type.get(), values.size(), true);
                check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT,
                               values.data()),
                      "writing " + path);
                break;
            }
        }
    }
}

void write_strategies(hid_t file, const results_set& results) {
    const auto group = create_group(file, "/strategies");
    std::vector<std::string> names;
    std::vector<std::string> descriptions;
    for (const auto& [name, description] : results.strategies) {
        names.push_back(name);
        descriptions.push_back(description);
    }
    write_column(file, "/strategies/name", names);
    write_column(file, "/strategies/description", descriptions);
}

/// Chunks of one run, `(1, per_run...)`: readers select runs (a strategy, a replication) far more
/// often than days, and one metric of one run is one contiguous block of run_result.
hdf5::property_list one_run_chunks(const std::string& group, const std::vector<hsize_t>& per_run) {
    const std::string action = "setting up chunking and compression of " + group;
    hdf5::property_list properties(check(H5Pcreate(H5P_DATASET_CREATE), action));
    std::vector<hsize_t> chunk{1};
    chunk.insert(chunk.end(), per_run.begin(), per_run.end());
    check(H5Pset_chunk(properties.get(), static_cast<int>(chunk.size()), chunk.data()), action);
    // Shuffle puts bytes of equal significance together, which deflate compresses much better.
    check(H5Pset_shuffle(properties.get()), action);
    check(H5Pset_deflate(properties.get(), deflate_level), action);
    // Last in the pipeline, so that the checksum covers the compressed bytes as stored: a
    // flipped byte on disk fails the read instead of giving wrong values.
    check(H5Pset_fletcher32(properties.get()), action);
    return properties;
}

/// One dataset `<group>/<metric>` per metric, shaped `(run, per_run...)`, float32 or float64 as
/// the values are. `values` gives (std::invoke) the run_result field holding them row-major as
/// [metric][per_run...]: a pointer to the member, or a function of the run.
template <class Values>
void write_per_run_metrics(hid_t file, const results_set& results, const std::string& group,
                           std::span<const models::metric_info> metrics,
                           const std::vector<hsize_t>& per_run, Values values,
                           std::string_view dimensions) {
    using value_type =
        typename std::decay_t<std::invoke_result_t<Values, const run_result&>>::value_type;
    const auto properties = one_run_chunks(group, per_run);
    const std::string action = "creating the dataspaces of " + group;
    std::vector<hsize_t> shape{results.runs.size()};
    shape.insert(shape.end(), per_run.begin(), per_run.end());
    const int rank = static_cast<int>(shape.size());
    const hdf5::dataspace file_space(check(H5Screate_simple(rank, shape.data(), nullptr), action));
    std::vector<hsize_t> one_run{1};
    one_run.insert(one_run.end(), per_run.begin(), per_run.end());
    const hdf5::dataspace run_space(check(H5Screate_simple(rank, one_run.data(), nullptr), action));
    std::size_t block_size = 1;
    for (const hsize_t extent : per_run) block_size *= extent;

    for (std::size_t metric = 0; metric < metrics.size(); ++metric) {
        const std::string path = group + "/" + std::string(metrics[metric].name);
        const hdf5::dataset dataset(
            check(H5Dcreate2(file, path.c_str(), hdf5_type<value_type>::file(), file_space.get(),
                             H5P_DEFAULT, properties.get(), H5P_DEFAULT),
                  "creating dataset " + path));
        // One metric of one run is one contiguous block: exactly one chunk of the dataset.
        for (std::size_t run = 0; run < results.runs.size(); ++run) {
            std::vector<hsize_t> start(shape.size(), 0);
            start[0] = run;
            check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr,
                                      one_run.data(), nullptr),
                  "selecting run " + std::to_string(run) + " of " + path);
            const value_type* block =
                std::invoke(values, results.runs[run]).data() + metric * block_size;
            check(H5Dwrite(dataset.get(), hdf5_type<value_type>::memory(), run_space.get(),
                           file_space.get(), H5P_DEFAULT, block),
                  "writing " + path);
        }
        write_metric_attributes(dataset.get(), path, metrics[metric]);
        write_attribute(dataset.get(), path, "dimensions", dimensions);
    }
}

void write_timeseries(hid_t file, const results_set& results) {
    const auto group = create_group(file, "/timeseries");
    write_per_run_metrics(file, results, "/timeseries", models::daily_metrics(),
                          {results.runs.front().days, results.neighbourhoods.size()},
                          &run_result::timeseries, timeseries_dimensions);
}

void write_summary(hid_t file, const results_set& results) {
    const auto group = create_group(file, "/summary");
    const auto metrics = models::summary_metrics();
    for (std::size_t metric = 0; metric < metrics.size(); ++metric) {
        const std::string path = "/summary/" + std::string(metrics[metric].name);
        std::vector<double> values;
        values.reserve(results.runs.size());
        for (const auto& run : results.runs) values.push_back(run.summary[metric]);
        const auto dataset = write_column(file, path, values);
        write_metric_attributes(dataset.get(), path, metrics[metric]);
    }
}

/// `/<name>/<metric>` for every group metric, and the labels of the group axis as `/<name>/<axis>`,
/// the axis being the last name in `dimensions`.
void write_breakdown(hid_t file, const results_set& results, const std::string& name,
                     const std::vector<std::string>& labels, std::vector<float> run_result::*values,
                     std::string_view dimensions) {
    const std::string group_path = "/" + name;
    const auto group = create_group(file, group_path);
    write_per_run_metrics(file, results, group_path, models::group_metrics(),
                          {results.runs.front().days, results.neighbourhoods.size(), labels.size()},
                          values, dimensions);
    const std::string axis(dimensions.substr(dimensions.rfind(',') + 1));
    write_column(file, group_path + "/" + axis, labels);
}

void write_breakdowns(hid_t file, const results_set& results) {
    write_breakdown(file, results, "by_community", results.communities, &run_result::by_community,
                    by_community_dimensions);
    write_breakdown(file, results, "by_age_band", results.age_bands, &run_result::by_age_band,
                    by_age_band_dimensions);
}

/// `/<exposure>/<metric>` and its labels as write_breakdown writes them, for every exposure, and
/// its last-day city-wide values as `/exposure_summary/<exposure>/<metric>`, shaped (run, group).
void write_exposure_breakdowns(hid_t file, const results_set& results) {
    const auto summary_group = create_group(file, "/exposure_summary");
    for (std::size_t e = 0; e < models::exposure_count; ++e) {
        const auto& exposure = models::exposures[e];
        const std::vector<std::string> labels(exposure.labels.begin(), exposure.labels.end());
        const std::string name(exposure.name), axis(exposure.axis);
        const auto daily = [e](const run_result& run) -> const std::vector<float>& {
            return run.by_exposure[e];
        };
        const std::string group_path = "/" + name;
        const auto group = create_group(file, group_path);
        write_per_run_metrics(
            file, results, group_path, models::group_metrics(),
            {results.runs.front().days, results.neighbourhoods.size(), labels.size()}, daily,
            "run,day,neighbourhood," + axis);
        write_column(file, group_path + "/" + axis, labels);

        const auto last_day = [e](const run_result& run) -> const std::vector<double>& {
            return run.exposure_summary[e];
        };
        const std::string summary_path = "/exposure_summary/" + name;
        const auto summary = create_group(file, summary_path);
        write_per_run_metrics(file, results, summary_path, models::group_metrics(), {labels.size()},
                              last_day, "run," + axis);
        write_column(file, summary_path + "/" + axis, labels);
    }
}

void write_neighbourhoods(hid_t file, const results_set& results) {
    const auto group = create_group(file, "/neighbourhoods");
    const auto& records = results.neighbourhoods;
    write_column(file, "/neighbourhoods/name", column_of(records, &neighbourhood_record::name));
    write_column(file, "/neighbourhoods/population",
                 column_of(records, &neighbourhood_record::population), "inhabitants");
    write_column(file, "/neighbourhoods/density",
                 column_of(records, &neighbourhood_record::density), "inhabitants/km²");
    write_column(file, "/neighbourhoods/settlement",
                 column_of(records, &neighbourhood_record::settlement));
    write_column(file, "/neighbourhoods/deprivation",
                 column_of(records, &neighbourhood_record::deprivation), "index [0,1]");
    write_column(file, "/neighbourhoods/cohesion",
                 column_of(records, &neighbourhood_record::cohesion), "index [0,1]");
}

/// A float64 dataset of any shape, row-major, in one chunk with a checksum.
void write_array(hid_t file, const std::string& path, const std::vector<double>& values,
                 const std::vector<hsize_t>& shape, std::string_view dimensions) {
    const std::string action = "creating dataset " + path;
    const hdf5::dataspace space(
        check(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr), action));
    hdf5::property_list properties(check(H5Pcreate(H5P_DATASET_CREATE), action));
    check(H5Pset_chunk(properties.get(), static_cast<int>(shape.size()), shape.data()), action);
    check(H5Pset_fletcher32(properties.get()), action);
    const hdf5::dataset dataset(check(H5Dcreate2(file, path.c_str(), H5T_IEEE_F64LE, space.get(),
                                                 H5P_DEFAULT, properties.get(), H5P_DEFAULT),
                                      action));
    check(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
          "writing " + path);
    write_attribute(dataset.get(), path, "dimensions", dimensions);
}

/// /robustness, for a comparison with --robust only.
void write_robustness(hid_t file, const results_set& results) {
    const auto& r = results.robustness;
    if (r.draws() == 0) return;
    const auto group = create_group(file, "/robustness");
    const hsize_t draws = r.draws(), parameters = r.parameters.size(),
                  strategies = r.strategies.size(), outcomes = r.outcomes.size();
    write_column(file, "/robustness/parameter", r.parameters);
    write_column(file, "/robustness/low", r.low);
    write_column(file, "/robustness/high", r.high);
    std::vector<double> values;
    for (const auto& point : r.values) values.insert(values.end(), point.begin(), point.end());
    write_array(file, "/robustness/value", values, {draws, parameters}, "draw,parameter");
    write_column(file, "/robustness/strategy", r.strategies);
    std::vector<std::string> names;
    for (const auto m : r.outcomes) names.emplace_back(models::summary_metrics()[m].name);
    write_column(file, "/robustness/outcome", names);
    write_column(file, "/robustness/replications", std::vector<std::uint32_t>{r.replications});
    write_array(file, "/robustness/mean", r.means, {draws, strategies, outcomes},
                "draw,strategy,outcome");
    write_array(file, "/robustness/smallest_difference", r.smallest, {draws, outcomes},
                "draw,outcome");
    write_array(file, "/robustness/best_share", r.best_share, {strategies, outcomes},
                "strategy,outcome");
    write_array(file, "/robustness/near_best_share", r.near_best_share, {strategies, outcomes},
                "strategy,outcome");
}

// HDF5 1.10 cannot close a file whose last flush failed (a full disk): the id stays open, its
// descriptor leaks, and a second H5Fclose crashes. So HDF5 builds the file in memory (the core
// driver without a backing store) and an atomic_file puts the bytes on disk, where a failure is a
// plain errno and cleaning up is ours. The cost is memory: the compressed image, briefly twice.
// `name` is only the name HDF5 gives the file; HDF5 opens nothing on disk under it.
std::vector<unsigned char> build_image(const results_set& results, const fs::path& name) {
    const std::string action = "building the file in memory";
    const hdf5::property_list access(check(H5Pcreate(H5P_FILE_ACCESS), action));
    check(H5Pset_fapl_core(access.get(), core_increment, false), action);
    const hdf5::file file(
        check(H5Fcreate(name.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, access.get()), action));
    write_root_attributes(file.get(), results);
    write_runs(file.get(), results);
    write_strategies(file.get(), results);
    write_timeseries(file.get(), results);
    write_summary(file.get(), results);
    write_breakdowns(file.get(), results);
    write_exposure_breakdowns(file.get(), results);
    write_neighbourhoods(file.get(), results);
    write_robustness(file.get(), results);
    check(H5Fflush(file.get(), H5F_SCOPE_LOCAL), action);
    const auto size = check(H5Fget_file_image(file.get(), nullptr, 0), action);
    std::vector<unsigned char> image(static_cast<std::size_t>(size));
    check(H5Fget_file_image(file.get(), image.data(), image.size()), action);
    return image;
}

output_file results_file(const fs::path& path, bool overwrite) {
    return {path, overwrite, "results file"};
}

}  // namespace

void check_writable(const fs::path& path, bool overwrite) {
    check_output_writable(results_file(path, overwrite));
}

void write_results(const fs::path& path, const results_set& results, bool overwrite) {
    validate(results);
    atomic_file file(results_file(path, overwrite));
    const hdf5::quiet_errors quiet;
    try {
        // HDF5 names the in-memory file after the temporary one, which no other writer uses.
        const auto image = build_image(results, file.temporary());
        file.write(std::as_bytes(std::span(image)));
    } catch (const write_failure& failure) {
        throw results_error("cannot write results file " + quoted(path) + ": " + failure.what());
    }
    file.publish();
}

}  // namespace civicsim::sim

#include "sim/results/hdf5_reader.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <new>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "models/metrics.hpp"
#include "sim/results/hdf5_handle.hpp"

namespace civicsim::sim {

namespace fs = std::filesystem;

namespace {

/// What a reader needs to say about one file: its name in every message.
class reader {
public:
    explicit reader(const fs::path& path) : path_(path) {
        std::error_code error;
        if (!fs::exists(path, error)) fail("does not exist");
        if (fs::is_directory(path, error)) fail("is a directory, not a results file");
        const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
        if (is_hdf5 <= 0) fail("is not an HDF5 file, so not a civicsim results file");
        if (!fs::is_regular_file(path, error)) fail("is not a regular file");
        file_size_ = fs::file_size(path, error);
        if (error) fail("cannot be examined: " + error.message());
        file_ = hdf5::file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
        if (!file_.valid()) fail("cannot be opened (is it readable, or is it damaged?)");
    }

    [[noreturn]] void fail(const std::string& what) const {
        std::string text = "results file '";
        text += path_.string();
        text += "' ";
        text += what;
        throw results_read_error(text);
    }

    bool exists(const std::string& object) const {
        for (auto end = object.find('/', 1);; end = object.find('/', end + 1)) {
            if (H5Lexists(file_.get(), object.substr(0, end).c_str(), H5P_DEFAULT) <= 0)
                return false;
            if (end == std::string::npos) return true;
        }
    }

    bool has_attribute(const char* name) const {
        return H5Aexists_by_name(file_.get(), "/", name, H5P_DEFAULT) > 0;
    }

    std::string string_attribute(const char* name) const {
        const hdf5::attribute attribute(
            H5Aopen_by_name(file_.get(), "/", name, H5P_DEFAULT, H5P_DEFAULT));
        if (!attribute.valid()) fail("has no root attribute '" + std::string(name) + "'");
        // One variable-length string, checked before reading: H5Aread writes one pointer per
        // element, and a damaged dataspace of many elements would overrun `text`.
        const hdf5::datatype stored(H5Aget_type(attribute.get()));
        if (H5Tget_class(stored.get()) != H5T_STRING || H5Tis_variable_str(stored.get()) <= 0 ||
            elements_of_attribute(attribute.get()) != 1)
            fail("has a root attribute '" + std::string(name) +
                 "' that is not one variable-length string (is the file damaged?)");
        const hdf5::datatype memory = string_type();
        char* text = nullptr;
        if (H5Aread(attribute.get(), memory.get(), &text) < 0)
            fail("has a root attribute '" + std::string(name) + "' that is not a string");
        std::string value = text == nullptr ? "" : text;
        H5free_memory(text);
        return value;
    }

    template <class T>
    T number_attribute(const char* name, hid_t memory_type) const {
        const hdf5::attribute attribute(
            H5Aopen_by_name(file_.get(), "/", name, H5P_DEFAULT, H5P_DEFAULT));
        if (!attribute.valid()) fail("has no root attribute '" + std::string(name) + "'");
        const hdf5::datatype stored(H5Aget_type(attribute.get()));
        const auto type_class = H5Tget_class(stored.get());
        if ((type_class != H5T_INTEGER && type_class != H5T_FLOAT) ||
            elements_of_attribute(attribute.get()) != 1)
            fail("has a root attribute '" + std::string(name) +
                 "' that is not one number (is the file damaged?)");
        T value{};
        if (H5Aread(attribute.get(), memory_type, &value) < 0)
            fail("has a root attribute '" + std::string(name) + "' that is not a number");
        return value;
    }

    std::vector<hsize_t> shape(const std::string& dataset_path) const {
        const auto dataset = open(dataset_path);
        const hdf5::dataspace space(H5Dget_space(dataset.get()));
        const int rank = H5Sget_simple_extent_ndims(space.get());
        if (rank < 0 || rank > max_rank) fail("has an unreadable dataset " + dataset_path);
        std::vector<hsize_t> extent(static_cast<std::size_t>(rank));
        if (H5Sget_simple_extent_dims(space.get(), extent.data(), nullptr) < 0)
            fail("has an unreadable dataset " + dataset_path);
        return extent;
    }

    template <class T>
    std::vector<T> values(const std::string& dataset_path, hid_t memory_type) const {
        const auto dataset = open(dataset_path);
        const hdf5::datatype stored(H5Dget_type(dataset.get()));
        const auto type_class = H5Tget_class(stored.get());
        if (type_class != H5T_INTEGER && type_class != H5T_FLOAT)
            fail("has a dataset " + dataset_path + " that does not hold numbers");
        std::vector<T> data(checked_count(dataset, dataset_path, sizeof(T)));
        if (H5Dread(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()) < 0)
            fail("has a dataset " + dataset_path +
                 " that cannot be read as numbers (its checksum or layout is wrong: the file is "
                 "damaged)");
        return data;
    }

    std::vector<std::string> strings(const std::string& dataset_path) const {
        const auto dataset = open(dataset_path);
        const hdf5::datatype stored(H5Dget_type(dataset.get()));
        if (H5Tget_class(stored.get()) != H5T_STRING || H5Tis_variable_str(stored.get()) <= 0)
            fail("has a dataset " + dataset_path + " that does not hold variable-length strings");
        const hdf5::datatype memory = string_type();
        std::vector<char*> pointers(checked_count(dataset, dataset_path, sizeof(char*)), nullptr);
        if (H5Dread(dataset.get(), memory.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()) <
            0)
            fail("has a dataset " + dataset_path + " that cannot be read as strings");
        std::vector<std::string> text;
        text.reserve(pointers.size());
        for (char* pointer : pointers) {
            text.emplace_back(pointer == nullptr ? "" : pointer);
            H5free_memory(pointer);
        }
        return text;
    }

    /// The names of a group's members, in name order.
    std::vector<std::string> members(const std::string& group_path) const {
        std::vector<std::string> names;
        hsize_t index = 0;
        const auto collect = [](hid_t, const char* name, const H5L_info_t*, void* out) -> herr_t {
            static_cast<std::vector<std::string>*>(out)->emplace_back(name);
            return 0;
        };
        if (H5Literate_by_name(file_.get(), group_path.c_str(), H5_INDEX_NAME, H5_ITER_INC, &index,
                               collect, &names, H5P_DEFAULT) < 0)
            fail("has an unreadable group " + group_path);
        return names;
    }

    /// A column of booleans stored as an 8-bit enum of FALSE and TRUE, as 0 and 1.
    std::vector<std::int8_t> enum_values(const std::string& dataset_path) const {
        const auto dataset = open(dataset_path);
        hdf5::datatype memory(H5Tenum_create(H5T_NATIVE_INT8));
        for (const std::int8_t value : {std::int8_t{0}, std::int8_t{1}})
            H5Tenum_insert(memory.get(), value ? "TRUE" : "FALSE", &value);
        std::vector<std::int8_t> data(checked_count(dataset, dataset_path, 1));
        if (H5Dread(dataset.get(), memory.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()) < 0)
            fail("has a dataset " + dataset_path + " that cannot be read as booleans");
        return data;
    }

    H5T_class_t type_class(const std::string& dataset_path) const {
        const auto dataset = open(dataset_path);
        const hdf5::datatype stored(H5Dget_type(dataset.get()));
        return H5Tget_class(stored.get());
    }

private:
    static hdf5::datatype string_type() {
        hdf5::datatype type(H5Tcopy(H5T_C_S1));
        H5Tset_size(type.get(), H5T_VARIABLE);
        H5Tset_cset(type.get(), H5T_CSET_UTF8);
        return type;
    }

    hdf5::dataset open(const std::string& dataset_path) const {
        hdf5::dataset dataset(H5Dopen2(file_.get(), dataset_path.c_str(), H5P_DEFAULT));
        if (!dataset.valid()) fail("has no dataset " + dataset_path);
        return dataset;
    }

    static hssize_t elements_of_attribute(hid_t attribute) {
        const hdf5::dataspace space(H5Aget_space(attribute));
        return space.valid() ? H5Sget_simple_extent_npoints(space.get()) : -1;
    }

    /// The number of elements of a dataset, checked against what the file can hold before
    /// anything is allocated for them: a damaged shape asked for terabytes (bad_alloc). Deflate
    /// expands at most about 1,032 times, so no honest dataset holds more bytes than that many
    /// times the file's size.
    std::size_t checked_count(const hdf5::dataset& dataset, const std::string& dataset_path,
                              std::size_t element_size) const {
        std::uint64_t n = 1;
        for (const hsize_t extent : shape(dataset_path)) {
            if (extent != 0 && n > max_elements / extent)
                fail("has a dataset " + dataset_path + " of an impossible size (damaged?)");
            n *= extent;
        }
        const std::uint64_t room = (file_size_ + 4096) * max_expansion;
        if (n > room / std::max<std::size_t>(element_size, 1))
            fail("has a dataset " + dataset_path + " of " + std::to_string(n) +
                 " elements, more than a file of " + std::to_string(file_size_) +
                 " bytes can hold (damaged?)");
        const hdf5::dataspace space(H5Dget_space(dataset.get()));
        if (H5Sget_simple_extent_npoints(space.get()) != static_cast<hssize_t>(n))
            fail("has an unreadable dataset " + dataset_path);
        return static_cast<std::size_t>(n);
    }

    static constexpr int max_rank = 8;
    static constexpr std::uint64_t max_elements = std::uint64_t{1} << 40;
    static constexpr std::uint64_t max_expansion = 1100;

    fs::path path_;
    std::uintmax_t file_size_ = 0;
    hdf5::file file_;
};

/// One column of /runs or /neighbourhoods, checked to have `rows` rows.
template <class T>
std::vector<T> column(const reader& file, const std::string& path, hid_t memory_type,
                      std::size_t rows) {
    auto data = file.values<T>(path, memory_type);
    if (data.size() != rows)
        file.fail("has " + std::to_string(data.size()) + " rows in " + path + " but " +
                  std::to_string(rows) + " expected");
    return data;
}

std::vector<std::string> string_column(const reader& file, const std::string& path,
                                       std::size_t rows) {
    auto data = file.strings(path);
    if (data.size() != rows)
        file.fail("has " + std::to_string(data.size()) + " rows in " + path + " but " +
                  std::to_string(rows) + " expected");
    return data;
}

/// Reads every metric of `group` (shape (run, per_run...)) into each run's flat vector, metric
/// after metric; a metric missing from the file (written by a version with fewer metrics) is NaN.
/// `values` gives (std::invoke) that vector of a run: a pointer to the member, or a function.
template <class Values>
void read_per_run_metrics(const reader& file, results_set& results, const std::string& group,
                          std::span<const models::metric_info> metrics,
                          const std::vector<hsize_t>& per_run, Values values) {
    using vector = std::decay_t<std::invoke_result_t<Values, run_result&>>;
    using value_type = typename vector::value_type;
    const hid_t memory_type =
        std::is_same_v<value_type, float> ? H5T_NATIVE_FLOAT : H5T_NATIVE_DOUBLE;
    std::size_t block = 1;
    for (const hsize_t extent : per_run) block *= static_cast<std::size_t>(extent);
    std::vector<hsize_t> expected{results.runs.size()};
    expected.insert(expected.end(), per_run.begin(), per_run.end());
    for (auto& run : results.runs)
        std::invoke(values, run)
            .assign(metrics.size() * block, std::numeric_limits<value_type>::quiet_NaN());
    for (std::size_t metric = 0; metric < metrics.size(); ++metric) {
        const std::string path = group + "/" + std::string(metrics[metric].name);
        if (!file.exists(path)) continue;
        if (file.shape(path) != expected)
            file.fail("has a dataset " + path + " of the wrong shape");
        const auto data = file.values<value_type>(path, memory_type);
        for (std::size_t run = 0; run < results.runs.size(); ++run)
            std::copy_n(data.begin() + static_cast<std::ptrdiff_t>(run * block), block,
                        std::invoke(values, results.runs[run]).begin() +
                            static_cast<std::ptrdiff_t>(metric * block));
    }
}

/// /robustness (written by compare --robust), each dataset checked against the others' sizes.
void read_robustness(const reader& file, robustness_table& table) {
    table.parameters = file.strings("/robustness/parameter");
    const std::size_t parameters = table.parameters.size();
    table.low = column<double>(file, "/robustness/low", H5T_NATIVE_DOUBLE, parameters);
    table.high = column<double>(file, "/robustness/high", H5T_NATIVE_DOUBLE, parameters);
    table.strategies = file.strings("/robustness/strategy");
    for (const auto& name : file.strings("/robustness/outcome")) {
        const auto m = models::index_of(models::summary_metrics(), name);
        if (!m) file.fail("has an unknown outcome '" + name + "' in /robustness/outcome");
        table.outcomes.push_back(*m);
    }
    table.replications =
        column<std::uint32_t>(file, "/robustness/replications", H5T_NATIVE_UINT32, 1).front();
    const auto shaped = [&file](const std::string& path, std::vector<hsize_t> expected) {
        if (file.shape(path) != expected)
            file.fail("has a dataset " + path + " of the wrong shape");
        return file.values<double>(path, H5T_NATIVE_DOUBLE);
    };
    const hsize_t draws = file.shape("/robustness/value").at(0);
    const hsize_t strategies = table.strategies.size(), outcomes = table.outcomes.size();
    const auto values = shaped("/robustness/value", {draws, parameters});
    for (std::size_t d = 0; d < draws; ++d)
        table.values.emplace_back(
            values.begin() + static_cast<std::ptrdiff_t>(d * parameters),
            values.begin() + static_cast<std::ptrdiff_t>((d + 1) * parameters));
    table.means = shaped("/robustness/mean", {draws, strategies, outcomes});
    table.smallest = shaped("/robustness/smallest_difference", {draws, outcomes});
    table.best_share = shaped("/robustness/best_share", {strategies, outcomes});
    table.near_best_share = shaped("/robustness/near_best_share", {strategies, outcomes});
}

}  // namespace

namespace {

results_set read_checked(const fs::path& path, results_provenance& provenance, bool allow_partial);

results_set read_guarded(const fs::path& path, results_provenance& provenance, bool allow_partial) {
    // Every failure is a results_read_error naming the file: HDF5's own, and a damaged size that
    // slipped past the checks and asked for more memory than there is.
    try {
        return read_checked(path, provenance, allow_partial);
    } catch (const results_read_error&) {
        throw;
    } catch (const std::bad_alloc&) {
        throw results_read_error("results file '" + path.string() +
                                 "' asks for more memory than there is to read it (damaged?)");
    } catch (const std::length_error&) {
        throw results_read_error("results file '" + path.string() +
                                 "' has a dataset of an impossible size (damaged?)");
    }
}

/// The swept parameters: every /runs column beyond the four every file has, typed as stored.
std::vector<run_column> read_run_columns(const reader& file, std::size_t runs) {
    std::vector<run_column> columns;
    for (const auto& name : file.members("/runs")) {
        if (name == "run_id" || name == "strategy" || name == "replication" || name == "seed")
            continue;
        const std::string path = "/runs/" + name;
        run_column swept;
        swept.name = name;
        switch (file.type_class(path)) {
            case H5T_STRING:
                swept.type = run_column::kind::text;
                swept.texts = string_column(file, path, runs);
                break;
            case H5T_FLOAT:
                swept.type = run_column::kind::real;
                swept.reals = column<double>(file, path, H5T_NATIVE_DOUBLE, runs);
                break;
            case H5T_INTEGER:
                swept.type = run_column::kind::integer;
                swept.integers = column<std::int64_t>(file, path, H5T_NATIVE_INT64, runs);
                break;
            case H5T_ENUM: {  // a boolean, as the writer and h5py store numpy's bool
                swept.type = run_column::kind::boolean;
                const auto values = file.enum_values(path);
                if (values.size() != runs)
                    file.fail("has " + std::to_string(values.size()) + " rows in " + path +
                              " but " + std::to_string(runs) + " expected");
                swept.integers.assign(values.begin(), values.end());
                break;
            }
            default: file.fail("has a /runs column " + path + " of a type civicsim does not write");
        }
        columns.push_back(std::move(swept));
    }
    return columns;
}

}  // namespace

results_set read_results(const fs::path& path, results_provenance& provenance) {
    return read_guarded(path, provenance, false);
}

results_set read_sweep_part(const fs::path& path) {
    results_provenance ignored;
    return read_guarded(path, ignored, true);
}

namespace {

results_set read_checked(const fs::path& path, results_provenance& provenance, bool allow_partial) {
    const hdf5::quiet_errors quiet;
    const reader file(path);
    if (!file.has_attribute("format_version") || !file.exists("/runs"))
        file.fail(
            "is an HDF5 file but not a civicsim results file (it has no format_version "
            "attribute or no /runs group)");
    provenance.format_version = file.number_attribute<int>("format_version", H5T_NATIVE_INT);
    if (provenance.format_version != results_format_version)
        file.fail("has format version " + std::to_string(provenance.format_version) +
                  "; this civicsim reads version " + std::to_string(results_format_version));
    provenance.civicsim_version = file.string_attribute("civicsim_version");
    provenance.git_commit = file.string_attribute("git_commit");
    provenance.created = file.string_attribute("created");

    results_set results;
    results.command_line = file.string_attribute("command_line");
    results.scenario_toml = file.string_attribute("scenario");
    results.scenario_name = file.string_attribute("scenario_name");
    results.base_seed = file.number_attribute<std::uint64_t>("base_seed", H5T_NATIVE_UINT64);

    const auto run_ids = file.values<std::uint32_t>("/runs/run_id", H5T_NATIVE_UINT32);
    const std::size_t runs = run_ids.size();
    if (runs == 0) file.fail("has no runs");
    const auto strategies = string_column(file, "/runs/strategy", runs);
    const auto replications =
        column<std::uint32_t>(file, "/runs/replication", H5T_NATIVE_UINT32, runs);
    const auto seeds = column<std::uint64_t>(file, "/runs/seed", H5T_NATIVE_UINT64, runs);

    const auto names = file.strings("/neighbourhoods/name");
    const std::size_t places = names.size();
    const auto population =
        column<std::uint32_t>(file, "/neighbourhoods/population", H5T_NATIVE_UINT32, places);
    const auto density = column<double>(file, "/neighbourhoods/density", H5T_NATIVE_DOUBLE, places);
    const auto settlement = string_column(file, "/neighbourhoods/settlement", places);
    const auto deprivation =
        column<double>(file, "/neighbourhoods/deprivation", H5T_NATIVE_DOUBLE, places);
    const auto cohesion =
        column<double>(file, "/neighbourhoods/cohesion", H5T_NATIVE_DOUBLE, places);
    for (std::size_t k = 0; k < places; ++k)
        results.neighbourhoods.push_back(
            {names[k], population[k], density[k], settlement[k], deprivation[k], cohesion[k]});

    if (file.exists("/strategies")) {
        const auto strategy_names = file.strings("/strategies/name");
        const auto descriptions =
            string_column(file, "/strategies/description", strategy_names.size());
        for (std::size_t i = 0; i < strategy_names.size(); ++i)
            results.strategies.emplace_back(strategy_names[i], descriptions[i]);
    } else {
        for (const auto& name : strategies) {
            bool known = false;
            for (const auto& s : results.strategies) known = known || s.first == name;
            if (!known) results.strategies.emplace_back(name, "");
        }
    }
    results.communities = file.strings("/by_community/community");
    results.age_bands = file.strings("/by_age_band/age_band");

    // Days from the first daily metric's shape; every other dataset must agree with it.
    const std::string first = "/timeseries/" + std::string(models::daily_metrics()[0].name);
    const auto extent = file.shape(first);
    if (extent.size() != 3 || extent[0] != runs || extent[2] != places)
        file.fail("has a dataset " + first +
                  " whose shape does not match /runs and /neighbourhoods");
    const auto days = static_cast<std::uint32_t>(extent[1]);

    results.runs.resize(runs);
    for (std::size_t i = 0; i < runs; ++i) {
        auto& run = results.runs[i];
        run.run_id = run_ids[i];
        run.strategy = strategies[i];
        run.replication = replications[i];
        run.seed = seeds[i];
        run.days = days;
        run.neighbourhoods = static_cast<std::uint32_t>(places);
    }
    read_per_run_metrics(file, results, "/timeseries", models::daily_metrics(), {days, places},
                         &run_result::timeseries);
    read_per_run_metrics(file, results, "/by_community", models::group_metrics(),
                         {days, places, results.communities.size()}, &run_result::by_community);
    read_per_run_metrics(file, results, "/by_age_band", models::group_metrics(),
                         {days, places, results.age_bands.size()}, &run_result::by_age_band);
    // The exposure breakdowns; a file written before them reads as all NaN (no group known).
    for (std::size_t e = 0; e < models::exposure_count; ++e) {
        const std::string name(models::exposures[e].name);
        read_per_run_metrics(
            file, results, "/" + name, models::group_metrics(),
            {days, places, models::exposure_groups},
            [e](run_result& run) -> std::vector<float>& { return run.by_exposure[e]; });
        read_per_run_metrics(
            file, results, "/exposure_summary/" + name, models::group_metrics(),
            {models::exposure_groups},
            [e](run_result& run) -> std::vector<double>& { return run.exposure_summary[e]; });
    }

    results.run_columns = read_run_columns(file, runs);
    if (file.has_attribute("design")) results.design = file.string_attribute("design");
    if (file.has_attribute("sweep_runs")) {
        results.sweep_runs = file.number_attribute<std::uint32_t>("sweep_runs", H5T_NATIVE_UINT32);
        results.sweep_id = file.has_attribute("sweep_id") ? file.string_attribute("sweep_id") : "";
        if (file.has_attribute("shard")) results.shard = file.string_attribute("shard");
    }
    if (file.has_attribute("incomplete") && !results.partial())
        file.fail("is marked incomplete but does not say of which sweep (is it damaged?)");
    if (results.partial() && !allow_partial)
        file.fail(incomplete_note(results) +
                  ", so it is not a whole results file; finish or join it first");

    if (file.exists("/robustness")) read_robustness(file, results.robustness);

    const auto summary = models::summary_metrics();
    for (auto& run : results.runs)
        run.summary.assign(summary.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t metric = 0; metric < summary.size(); ++metric) {
        const std::string dataset = "/summary/" + std::string(summary[metric].name);
        if (!file.exists(dataset)) continue;
        const auto data = column<double>(file, dataset, H5T_NATIVE_DOUBLE, runs);
        for (std::size_t i = 0; i < runs; ++i) results.runs[i].summary[metric] = data[i];
    }
    return results;
}

}  // namespace

void probe_results_file(const fs::path& path, unsigned seconds, bool sweep_part) {
    int channel[2];
    if (::pipe(channel) != 0)
        throw results_read_error("cannot check results file '" + path.string() + "': no pipe");
    const pid_t child = ::fork();
    if (child < 0) {
        ::close(channel[0]);
        ::close(channel[1]);
        throw results_read_error("cannot check results file '" + path.string() + "': no fork");
    }
    if (child == 0) {
        ::close(channel[0]);
        // The caller's handler for SIGALRM (Python's, which only sets a flag; a fuzzer's or a test
        // runner's timer) or a blocked SIGALRM would keep the alarm from ending a hung read.
        ::signal(SIGALRM, SIG_DFL);
        sigset_t alarm_only;
        ::sigemptyset(&alarm_only);
        ::sigaddset(&alarm_only, SIGALRM);
        ::sigprocmask(SIG_UNBLOCK, &alarm_only, nullptr);
        ::alarm(seconds);
        int code = 0;
        std::string message;
        try {
            if (sweep_part)
                read_sweep_part(path);
            else
                read_results(path);
        } catch (const std::exception& e) {
            message = e.what();
            code = 2;
        }
        for (std::size_t sent = 0; sent < message.size();) {
            const auto n = ::write(channel[1], message.data() + sent, message.size() - sent);
            if (n <= 0) break;
            sent += static_cast<std::size_t>(n);
        }
        ::_exit(code);  // no destructors or atexit handlers of the parent's state
    }
    ::close(channel[1]);
    std::string message;
    char buffer[4096];
    for (ssize_t n; (n = ::read(channel[0], buffer, sizeof buffer)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        message.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(channel[0]);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return;
    if (WIFEXITED(status) && !message.empty()) throw results_read_error(message);
    const std::string what =
        WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM
            ? "reading it took more than " + std::to_string(seconds) + " s"
            : "reading it made the HDF5 library fail (" +
                  std::string(WIFSIGNALED(status) ? ::strsignal(WTERMSIG(status))
                                                  : "an unexpected exit") +
                  ")";
    throw results_read_error("results file '" + path.string() + "' is damaged: " + what);
}

results_set read_results(const fs::path& path) {
    results_provenance ignored;
    return read_results(path, ignored);
}

}  // namespace civicsim::sim

#pragma once
// Test-only: reads back what the results writer stored, through the HDF5 C API, so that the tests
// check the file itself rather than the writer's idea of it. Failures are Catch2 failures.

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/results/hdf5_handle.hpp"

namespace civicsim::sim::test {

/// How a dataset is stored: layout, chunk shape and the filters in its pipeline.
struct storage_info {
    bool chunked = false;
    std::vector<hsize_t> chunk;
    std::vector<H5Z_filter_t> filters;
    unsigned deflate_level = 0;  ///< 0 when there is no deflate filter
};

class hdf5_reader {
public:
    explicit hdf5_reader(const std::filesystem::path& path)
        : file_(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT)) {
        REQUIRE(file_.valid());
    }

    /// Whether `path` (absolute, e.g. "/timeseries/trust_mean") names an object in the file.
    bool exists(const std::string& path) const {
        // H5Lexists needs every intermediate link to exist, so check them one by one.
        for (auto end = path.find('/', 1);; end = path.find('/', end + 1)) {
            if (H5Lexists(file_.get(), path.substr(0, end).c_str(), H5P_DEFAULT) <= 0) return false;
            if (end == std::string::npos) return true;
        }
    }

    /// Names of the members of group `path`, in HDF5's (alphabetical) order.
    std::vector<std::string> members(const std::string& path) const {
        const hdf5::group group(H5Gopen2(file_.get(), path.c_str(), H5P_DEFAULT));
        REQUIRE(group.valid());
        H5G_info_t info{};
        REQUIRE(H5Gget_info(group.get(), &info) >= 0);
        std::vector<std::string> names;
        for (hsize_t i = 0; i < info.nlinks; ++i) {
            const auto length = H5Lget_name_by_idx(group.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i,
                                                   nullptr, 0, H5P_DEFAULT);
            REQUIRE(length >= 0);
            std::string name(static_cast<std::size_t>(length), '\0');
            H5Lget_name_by_idx(group.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(),
                               name.size() + 1, H5P_DEFAULT);
            names.push_back(name);
        }
        return names;
    }

    /// A variable-length UTF-8 string attribute of the object at `object`.
    std::string string_attribute(const std::string& object, const char* name) const {
        const auto attribute = open_attribute(object, name);
        const hdf5::datatype type(H5Aget_type(attribute.get()));
        REQUIRE(H5Tis_variable_str(type.get()) > 0);
        REQUIRE(H5Tget_cset(type.get()) == H5T_CSET_UTF8);
        char* text = nullptr;
        REQUIRE(H5Aread(attribute.get(), type.get(), &text) >= 0);
        std::string value = text == nullptr ? "" : text;
        H5free_memory(text);
        return value;
    }

    /// A numeric attribute, read as T after checking that it is stored as `stored_type`.
    template <class T>
    T number_attribute(const std::string& object, const char* name, hid_t stored_type,
                       hid_t memory_type) const {
        const auto attribute = open_attribute(object, name);
        const hdf5::datatype type(H5Aget_type(attribute.get()));
        REQUIRE(H5Tequal(type.get(), stored_type) > 0);
        T value{};
        REQUIRE(H5Aread(attribute.get(), memory_type, &value) >= 0);
        return value;
    }

    std::vector<hsize_t> shape(const std::string& dataset_path) const {
        const auto dataset = open_dataset(dataset_path);
        const hdf5::dataspace space(H5Dget_space(dataset.get()));
        const int rank = H5Sget_simple_extent_ndims(space.get());
        REQUIRE(rank >= 0);
        std::vector<hsize_t> extent(static_cast<std::size_t>(rank));
        H5Sget_simple_extent_dims(space.get(), extent.data(), nullptr);
        return extent;
    }

    /// Whether the dataset is stored with exactly the file type `type`.
    bool has_type(const std::string& dataset_path, hid_t type) const {
        const auto dataset = open_dataset(dataset_path);
        const hdf5::datatype stored(H5Dget_type(dataset.get()));
        return H5Tequal(stored.get(), type) > 0;
    }

    /// The whole dataset, flattened in row-major order, converted to `memory_type`.
    template <class T>
    std::vector<T> values(const std::string& dataset_path, hid_t memory_type) const {
        const auto dataset = open_dataset(dataset_path);
        std::vector<T> data(element_count(dataset_path));
        REQUIRE(H5Dread(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()) >=
                0);
        return data;
    }

    /// A 1-D column of variable-length UTF-8 strings.
    std::vector<std::string> strings(const std::string& dataset_path) const {
        const auto dataset = open_dataset(dataset_path);
        const hdf5::datatype type(H5Dget_type(dataset.get()));
        REQUIRE(H5Tis_variable_str(type.get()) > 0);
        REQUIRE(H5Tget_cset(type.get()) == H5T_CSET_UTF8);
        std::vector<char*> pointers(element_count(dataset_path), nullptr);
        REQUIRE(H5Dread(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT,
                        pointers.data()) >= 0);
        std::vector<std::string> text;
        for (char* pointer : pointers) {
            text.emplace_back(pointer == nullptr ? "" : pointer);
            H5free_memory(pointer);
        }
        return text;
    }

    storage_info storage(const std::string& dataset_path) const {
        const auto dataset = open_dataset(dataset_path);
        const hdf5::property_list properties(H5Dget_create_plist(dataset.get()));
        storage_info info;
        info.chunked = H5Pget_layout(properties.get()) == H5D_CHUNKED;
        if (info.chunked) {
            info.chunk.resize(shape(dataset_path).size());
            H5Pget_chunk(properties.get(), static_cast<int>(info.chunk.size()), info.chunk.data());
        }
        const int filter_count = H5Pget_nfilters(properties.get());
        for (int i = 0; i < filter_count; ++i) {
            unsigned flags = 0;
            std::size_t parameter_count = 1;
            unsigned parameters[1] = {0};
            unsigned configuration = 0;
            const H5Z_filter_t filter =
                H5Pget_filter2(properties.get(), static_cast<unsigned>(i), &flags, &parameter_count,
                               parameters, 0, nullptr, &configuration);
            info.filters.push_back(filter);
            if (filter == H5Z_FILTER_DEFLATE) info.deflate_level = parameters[0];
        }
        return info;
    }

private:
    hdf5::attribute open_attribute(const std::string& object, const char* name) const {
        INFO("attribute '" << name << "' of " << object);
        hdf5::attribute attribute(
            H5Aopen_by_name(file_.get(), object.c_str(), name, H5P_DEFAULT, H5P_DEFAULT));
        REQUIRE(attribute.valid());
        return attribute;
    }

    hdf5::dataset open_dataset(const std::string& path) const {
        INFO("dataset " << path);
        hdf5::dataset dataset(H5Dopen2(file_.get(), path.c_str(), H5P_DEFAULT));
        REQUIRE(dataset.valid());
        return dataset;
    }

    std::size_t element_count(const std::string& dataset_path) const {
        std::size_t count = 1;
        for (const hsize_t extent : shape(dataset_path)) count *= extent;
        return count;
    }

    hdf5::file file_;
};

}  // namespace civicsim::sim::test

#pragma once
// Owning wrappers for HDF5 identifiers. Every hid_t the results code opens lives in one of these,
// so that a throw halfway through writing a file still closes everything it opened.

#include <hdf5.h>

#include <utility>

namespace civicsim::sim::hdf5 {

/// Owns one HDF5 identifier and closes it with `close_function`; a negative id owns nothing.
template <herr_t (*close_function)(hid_t)>
class handle {
public:
    handle() noexcept = default;
    explicit handle(hid_t id) noexcept : id_(id) {}
    handle(const handle&) = delete;
    handle& operator=(const handle&) = delete;
    handle(handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
    handle& operator=(handle&& other) noexcept {
        if (this != &other) {
            close();
            id_ = std::exchange(other.id_, H5I_INVALID_HID);
        }
        return *this;
    }
    ~handle() { close(); }

    /// The identifier, for passing to HDF5 calls; the handle keeps ownership.
    hid_t get() const noexcept { return id_; }
    /// Whether the handle owns an open identifier.
    bool valid() const noexcept { return id_ >= 0; }
    /// Closes now and says whether HDF5 succeeded: the destructor has no way to report a failure,
    /// and closing a file is where buffered data reaches the disk.
    bool close() noexcept {
        if (id_ < 0) return true;
        const herr_t status = close_function(std::exchange(id_, H5I_INVALID_HID));
        return status >= 0;
    }

private:
    hid_t id_ = H5I_INVALID_HID;
};

using file = handle<H5Fclose>;
using group = handle<H5Gclose>;
using dataset = handle<H5Dclose>;
using dataspace = handle<H5Sclose>;
using datatype = handle<H5Tclose>;
using attribute = handle<H5Aclose>;
using property_list = handle<H5Pclose>;

/// While alive, HDF5 does not print its error stack to stderr (the reader and the writer turn
/// failures into one message of their own); the previous handler is restored afterwards.
class quiet_errors {
public:
    quiet_errors() noexcept {
        H5Eget_auto2(H5E_DEFAULT, &saved_function_, &saved_data_);
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    }
    quiet_errors(const quiet_errors&) = delete;
    quiet_errors& operator=(const quiet_errors&) = delete;
    ~quiet_errors() { H5Eset_auto2(H5E_DEFAULT, saved_function_, saved_data_); }

private:
    H5E_auto2_t saved_function_ = nullptr;
    void* saved_data_ = nullptr;
};

}  // namespace civicsim::sim::hdf5

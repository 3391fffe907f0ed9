#pragma once
// The root of the errors of civicsim's files: results written or read, and the report.

#include <stdexcept>

namespace civicsim::sim {

/// A results file (or the report on one) that cannot be written or read: the message names the
/// file and the reason.
class results_error : public std::runtime_error {
public:
    using runtime_error::runtime_error;
};

}  // namespace civicsim::sim

// civicsim._core: the thin binding of the simulator. The `civicsim` package builds its API
// (xarray and pandas results, progress bars, sweeps, sensitivity analysis) on top of this.

#include "registrations.hpp"
#include "sim/results/hdf5_writer.hpp"
#include "sim/version.hpp"

PYBIND11_MODULE(_core, m) {
    namespace py = pybind11;
    m.doc() = "civicsim's C++ core: scenarios, runs and results (use the civicsim package)";
    m.attr("version") = civicsim::version;
    m.attr("git_commit") = civicsim::git_commit;
    m.attr("results_format_version") = civicsim::sim::results_format_version;
    civicsim::python::register_scenario(m);
    civicsim::python::register_run(m);
    civicsim::python::register_results(m);
}

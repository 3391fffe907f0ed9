#pragma once
// The registration functions of civicsim._core, one per concept, wired together in module.cpp.

#include <pybind11/pybind11.h>

namespace civicsim::python {

namespace py = pybind11;

/// Scenario, ScenarioProblem, ScenarioError, load_scenario, parse_scenario.
void register_scenario(py::module_& m);
/// run_baseline, run_comparison, default_threads: the engine, with the GIL released.
void register_run(py::module_& m);
/// ResultsSet (arrays for xarray/pandas, the HDF5 writer), metric lists, concatenate.
void register_results(py::module_& m);

}  // namespace civicsim::python

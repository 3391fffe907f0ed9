// Scenarios: loading and checking files, overrides, and scenario_error as civicsim.ScenarioError.

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <memory>

#include "registrations.hpp"
#include "sim/scenario/scenario.hpp"

namespace civicsim::python {

namespace {

using scenario_ptr = std::shared_ptr<sim::scenario>;

/// The Python exception type, created once per interpreter; deliberately never freed (it lives
/// as long as the module).
py::handle scenario_error_type;

void translate_scenario_error(std::exception_ptr error) {
    try {
        if (error) std::rethrow_exception(error);
    } catch (const sim::scenario_error& e) {
        // The message is the CLI's, one problem per line; the problems are also given one by one.
        py::object instance = scenario_error_type(py::str(e.what()));
        instance.attr("problems") = py::cast(e.problems());
        PyErr_SetObject(scenario_error_type.ptr(), instance.ptr());
    }
}

scenario_ptr with_overrides(const sim::scenario& base,
                            const std::vector<std::pair<std::string, std::string>>& overrides) {
    return std::make_shared<sim::scenario>(sim::derive_scenario(base, overrides));
}

}  // namespace

void register_scenario(py::module_& m) {
    scenario_error_type = PyErr_NewExceptionWithDoc(
        "civicsim.ScenarioError",
        "A scenario that cannot be read or is invalid. str() gives every problem, one per line, "
        "as the civicsim CLI prints them; .problems lists them as ScenarioProblem objects.",
        PyExc_ValueError, nullptr);
    if (!scenario_error_type) throw py::error_already_set();
    m.attr("ScenarioError") = scenario_error_type;
    py::register_exception_translator(translate_scenario_error);

    py::class_<sim::scenario_problem>(m, "ScenarioProblem", "One thing wrong with a scenario.")
        .def_readonly("location", &sim::scenario_problem::location,
                      "'path:line:column', '--set #2' or 'override #1'")
        .def_readonly("key", &sim::scenario_problem::key, "dotted key; may be empty")
        .def_readonly("value", &sim::scenario_problem::value, "the value as written; may be empty")
        .def_readonly("message", &sim::scenario_problem::message,
                      "what is wrong and what is allowed")
        .def("__str__", &sim::scenario_problem::to_string)
        .def("__repr__", [](const sim::scenario_problem& p) {
            return "<ScenarioProblem " + p.to_string() + ">";
        });

    py::class_<sim::scenario, scenario_ptr>(m, "Scenario", "A checked, immutable scenario.")
        .def_property_readonly("source", [](const sim::scenario& s) { return s.source; })
        .def_property_readonly(
            "warnings", [](const sim::scenario& s) { return s.warnings; },
            "What is allowed but probably not meant (a rollout phase after the last day), as "
            "ScenarioProblem objects; the civicsim CLI prints them as warnings.")
        .def_property_readonly("name",
                               [](const sim::scenario& s) { return s.params.scenario.name; })
        .def_property_readonly("description",
                               [](const sim::scenario& s) { return s.params.scenario.description; })
        .def_property_readonly("days",
                               [](const sim::scenario& s) { return s.params.scenario.days; })
        .def_property_readonly("seed",
                               [](const sim::scenario& s) { return s.params.scenario.seed; })
        .def_property_readonly(
            "replications", [](const sim::scenario& s) { return s.params.scenario.replications; })
        .def_property_readonly("communities",
                               [](const sim::scenario& s) { return s.params.scenario.communities; })
        .def_property_readonly("languages",
                               [](const sim::scenario& s) { return s.params.scenario.languages; })
        .def_property_readonly("neighbourhoods",
                               [](const sim::scenario& s) {
                                   std::vector<std::string> names;
                                   for (const auto& n : s.params.neighbourhoods)
                                       names.push_back(n.name);
                                   return names;
                               })
        .def_property_readonly(
            "residents",
            [](const sim::scenario& s) { return civicsim::models::total_population(s.params); })
        .def_property_readonly(
            "strategies",
            [](const sim::scenario& s) {
                py::list strategies;
                for (const auto& st : s.strategies)
                    strategies.append(py::make_tuple(st.name, st.description, st.overrides));
                return strategies;
            },
            "[(name, description, [(dotted key, TOML value)])] from the [[strategy]] tables")
        .def(
            "to_toml", [](const sim::scenario& s) { return sim::to_toml(s.params); },
            "The resolved parameters as a complete scenario file (without the strategies).")
        .def("with_overrides", &with_overrides, py::arg("overrides"),
             "A new scenario with (dotted key, TOML value) overrides, checked like a file; the "
             "strategies are kept and apply on top of the new baseline.");

    m.def(
        "load_scenario",
        [](const std::filesystem::path& file, const std::vector<std::string>& set_overrides) {
            return scenario_ptr(
                std::make_shared<sim::scenario>(sim::load_scenario(file, set_overrides)));
        },
        py::arg("path"), py::arg("set_overrides") = std::vector<std::string>{},
        "Reads and checks a scenario file; set_overrides are 'key=value' strings as with --set.");
    m.def(
        "parse_scenario",
        [](std::string_view text, std::string_view source_name,
           const std::vector<std::string>& set_overrides) {
            return scenario_ptr(std::make_shared<sim::scenario>(
                sim::parse_scenario(text, source_name, set_overrides)));
        },
        py::arg("text"), py::arg("source_name") = "<string>",
        py::arg("set_overrides") = std::vector<std::string>{}, "Checks scenario text.");
}

}  // namespace civicsim::python

// civicsim report RESULTS.h5 --html PATH: the planners' HTML report on an existing results file.

#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/report/html_report.hpp"
#include "sim/results/hdf5_reader.hpp"

namespace civicsim::cli {

int report_command(const invocation& call) {
    po::options_description options("options");
    options.add_options()("results", po::value<std::string>()->required(),
                          "results file (HDF5) written by run or compare")(
        "html", po::value<std::string>()->required(), "the HTML report to write")(
        "force", po::bool_switch(), "overwrite an existing report");
    po::positional_options_description positional;
    positional.add("results", 1);
    po::variables_map vm;
    if (!parse(call, "civicsim report RESULTS.h5 --html PATH [--force]", options, positional, vm))
        return ok;

    const std::filesystem::path input = vm["results"].as<std::string>();
    const std::filesystem::path html = vm["html"].as<std::string>();
    const bool force = vm["force"].as<bool>();
    // Before reading, so that a large file is not read for a page that cannot be written.
    check_outputs({{input, "results file it reports on"}}, {{html, "report", true}}, force,
                  "Nothing was written.");
    sim::results_set results;
    try {
        sim::probe_results_file(input);  // a crash inside libhdf5 ends a child, not this
        results = sim::read_results(input);
    } catch (const sim::results_read_error& e) {
        std::cerr << "civicsim report: " << e.what() << "; nothing was written.\n";
        return bad_input;
    }
    const auto page = sim::report::render_html(results);
    write_then_stop_if_asked("the report '" + html.string() + "'",
                             [&] { sim::report::write_html(html, page, force); });
    std::cout << "wrote " << html.string() << " (the HTML report on " << results.scenario_name
              << ": " << results.strategies.size() << " strateg"
              << (results.strategies.size() == 1 ? "y" : "ies") << ", " << results.runs.size()
              << " runs; open it in a browser)\n";
    return ok;
}

}  // namespace civicsim::cli

#include <tbb/info.h>

#include <iostream>

#include "sim/cli/commands.hpp"

namespace civicsim::cli {

bool parse(const invocation& call, const std::string& usage, const po::options_description& options,
           const po::positional_options_description& positional, po::variables_map& vm) {
    po::options_description all(options);
    all.add_options()("help,h", "show this help");
    po::store(po::command_line_parser(call.args).options(all).positional(positional).run(), vm);
    if (vm.count("help") != 0) {
        std::cout << "usage: " << usage << "\n\n" << all << '\n';
        return false;
    }
    po::notify(vm);
    return true;
}

unsigned default_threads() {
    return static_cast<unsigned>(std::max(1, tbb::info::default_concurrency()));
}

}  // namespace civicsim::cli

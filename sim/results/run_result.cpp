#include "sim/results/run_result.hpp"

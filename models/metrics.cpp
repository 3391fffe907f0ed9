#include "models/metrics.hpp"

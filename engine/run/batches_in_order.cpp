// How many threads a run uses (batches_in_order.hpp).
#include "engine/run/batches_in_order.hpp"

#include <algorithm>

namespace regla {

unsigned thread_count(unsigned requested) {
  return requested ? requested : std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace regla

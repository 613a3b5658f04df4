// The optimal string alignment distance: Levenshtein's edits, plus the swap of two neighbouring
// characters, the commonest slip in typing an option ("--as-fo").
#include "did_you_mean.hpp"

#include <algorithm>
#include <cstddef>

namespace regla::cli {
namespace {

std::size_t edits_between(const std::string& a, const std::string& b) {
  // distance[i][j]: the edits between the first i characters of a and the first j of b.
  std::vector<std::vector<std::size_t>> distance(a.size() + 1,
                                                 std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i)
    distance[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j)
    distance[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t replaced = distance[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      distance[i][j] = std::min({distance[i - 1][j] + 1, distance[i][j - 1] + 1, replaced});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        distance[i][j] = std::min(distance[i][j], distance[i - 2][j - 2] + 1);
    }
  }
  return distance[a.size()][b.size()];
}

}  // namespace

std::optional<std::string> closest_name(const std::string& word,
                                        const std::vector<std::string>& names) {
  std::size_t allowed = std::max<std::size_t>(1, word.size() / 3);
  std::optional<std::string> closest;
  std::size_t fewest = allowed + 1;
  for (const std::string& name : names) {
    std::size_t edits = edits_between(word, name);
    if (edits < fewest) {
      fewest = edits;
      closest = name;
    }
  }
  return closest;
}

}  // namespace regla::cli

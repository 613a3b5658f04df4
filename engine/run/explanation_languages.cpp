// The languages of explanations, as the message catalog lists them.
#include "engine/messages/catalog.hpp"
#include "regla/evaluation.hpp"

namespace regla {

std::vector<std::string> explanation_languages() {
  std::vector<std::string> codes;
  for (const messages::Language* language : messages::languages())
    codes.emplace_back(language->code());
  return codes;
}

}  // namespace regla

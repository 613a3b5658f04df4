// The message catalog: every language gives every message, with the placeholders English gives
// it, and a language is found by its code or refused with the codes the engine knows.
#include "engine/messages/catalog.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace regla::messages {
namespace {

// The placeholders of a text, such as {"{0}", "{1}"}, sorted, each as often as it occurs.
std::vector<std::string> placeholders(std::string_view text) {
  std::vector<std::string> found;
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    if (text[i] == '{' && text[i + 1] >= '0' && text[i + 1] <= '9' && text[i + 2] == '}')
      found.emplace_back(text.substr(i, 3));
  }
  std::ranges::sort(found);
  return found;
}

TEST(MessageCatalog, EnglishComesFirstAndEveryCodeIsDistinct) {
  ASSERT_FALSE(languages().empty());
  EXPECT_EQ(languages()[0]->code(), "en");
  std::set<std::string_view> codes;
  for (const Language* language : languages())
    EXPECT_TRUE(codes.insert(language->code()).second) << language->code();
}

TEST(MessageCatalog, EveryLanguageGivesEveryMessageWithEnglishsPlaceholders) {
  const Language& english = language("en");
  for (const Language* language : languages()) {
    for (std::size_t key = 0; key < message_count; ++key) {
      auto message = static_cast<Message>(key);
      SCOPED_TRACE(std::string(language->code()) + ", message " + std::to_string(key) + ": " +
                   std::string(english[message]));
      EXPECT_FALSE((*language)[message].empty());
      EXPECT_EQ(placeholders((*language)[message]), placeholders(english[message]));
    }
  }
}

TEST(MessageCatalog, AnUnknownLanguageIsRefusedWithTheKnownOnes) {
  EXPECT_EQ(&language("es"), languages()[1]);
  try {
    language("fr");
    FAIL() << "'fr' was found";
  } catch (const std::invalid_argument& error) {
    EXPECT_EQ(std::string(error.what()),
              "unknown language 'fr': the engine speaks " + language_codes(", "));
  }
  EXPECT_EQ(language_codes("|"), "en|es");
}

TEST(MessageCatalog, FillPutsEachValueInItsPlaceholder) {
  EXPECT_EQ(fill("{1} after {0}", {"a", "b"}), "b after a");
  EXPECT_EQ(fill("{0}, {0}", {"x"}), "x, x");
  // A value is not read again for placeholders, and text without them stays as it is.
  EXPECT_EQ(fill("[{0}]", {"{0}"}), "[{0}]");
  EXPECT_EQ(fill("{ 0} {x}", {"v"}), "{ 0} {x}");
  EXPECT_EQ(fill("the end {", {}), "the end {");
}

TEST(MessageCatalog, TheBudgetMessageIsInTheAskedLanguage) {
  EXPECT_EQ(fill(language("en")[Message::needs_more], {"3"}), "needs 3 more");
  EXPECT_EQ(fill(language("es")[Message::needs_more], {"3"}), "faltan 3");
}

}  // namespace
}  // namespace regla::messages

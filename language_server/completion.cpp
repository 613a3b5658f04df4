// textDocument/completion: what may be written at the cursor.
#include "language_server/features.hpp"

namespace regla::language_server {
namespace {

// The protocol's CompletionItemKind numbers.
int item_kind(analysis::CompletionKind kind) {
  using analysis::CompletionKind;
  switch (kind) {
    case CompletionKind::field:
      return 5;
    case CompletionKind::rule:
      return 3;  // Function
    case CompletionKind::decision:
      return 3;
    case CompletionKind::parameter:
      return 21;  // Constant
    case CompletionKind::table:
      return 7;  // Class
    case CompletionKind::program:
      return 9;  // Module
    case CompletionKind::enum_value:
      return 20;  // EnumMember
    case CompletionKind::keyword:
      return 14;
    case CompletionKind::local:
      return 6;  // Variable
    case CompletionKind::shape:
      return 22;  // Struct
  }
  return 1;
}

}  // namespace

nlohmann::json completion(Session& session, const nlohmann::json& params) {
  DocumentPlace place = session.place_in(params);
  nlohmann::json items = nlohmann::json::array();
  for (const analysis::Completion& found : place.analysis->completions(place.file, place.at))
    items.push_back(
        {{"label", found.label}, {"kind", item_kind(found.kind)}, {"detail", found.detail}});
  return items;
}

}  // namespace regla::language_server

// textDocument/documentSymbol: the declarations of a file, fields and columns inside theirs.
#include "language_server/features.hpp"
#include "language_server/request_error.hpp"

namespace regla::language_server {
namespace {

// The protocol's SymbolKind numbers.
int symbol_kind(analysis::SymbolKind kind) {
  using analysis::SymbolKind;
  switch (kind) {
    case SymbolKind::program:
      return 2;  // Module
    case SymbolKind::shape:
      return 23;  // Struct
    case SymbolKind::field:
      return 8;  // Field
    case SymbolKind::parameter:
      return 14;  // Constant
    case SymbolKind::table:
      return 5;  // Class
    case SymbolKind::column:
      return 8;
    case SymbolKind::rule:
      return 12;  // Function
    case SymbolKind::decision:
      return 12;
    case SymbolKind::local:
      return 13;  // Variable
  }
  return 13;
}

nlohmann::json symbol_of(Session& session, const std::string& folder,
                         const analysis::DeclaredSymbol& symbol) {
  nlohmann::json children = nlohmann::json::array();
  for (const analysis::DeclaredSymbol& child : symbol.children)
    children.push_back(symbol_of(session, folder, child));
  return {{"name", symbol.name},
          {"detail", analysis::spelling_of(symbol.kind)},
          {"kind", symbol_kind(symbol.kind)},
          {"range", location_of(session, folder, symbol.range)["range"]},
          {"selectionRange", location_of(session, folder, symbol.name_range)["range"]},
          {"children", std::move(children)}};
}

}  // namespace

nlohmann::json document_symbols(Session& session, const nlohmann::json& params) {
  std::string uri = document_uri(params);
  std::string folder = session.folder_of(uri);
  nlohmann::json symbols = nlohmann::json::array();
  for (const analysis::DeclaredSymbol& symbol :
       session.analysis_of_folder(folder).symbols(session.file_in_folder(uri)))
    symbols.push_back(symbol_of(session, folder, symbol));
  return symbols;
}

}  // namespace regla::language_server

// regla serve --rules DIR [--host H] [--port P] [--threads N] [--token-file FILE] [limits...]
#include <fstream>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "input_files.hpp"
#include "tools/regla/serve/server.hpp"
#include "whole_number.hpp"

namespace regla::cli {
namespace {

struct ServeArguments {
  std::string rules = "rules/";
  std::string host = "127.0.0.1";
  std::string port = "8080";
  std::optional<std::string> threads;
  std::optional<std::string> token_file;
  std::optional<std::string> decision_log;
  std::string decision_log_queue = std::to_string(serve::ServerOptions{}.decision_log_queue_lines);
  std::string max_body = std::to_string(serve::Limits{}.max_body_bytes);
  std::string max_header = std::to_string(serve::Limits{}.max_header_bytes);
  std::string timeout_ms = std::to_string(serve::Limits{}.timeout.count());
  std::string max_connections = std::to_string(serve::Limits{}.max_connections);
  std::string max_steps = std::to_string(serve::Limits{}.max_steps);
};

// The bearer token in `path`: its first line, without surrounding blanks; nullopt (with a usage
// error printed) when the file cannot be read or holds no token.
std::optional<std::string> read_token(const std::string& path, int& exit_code) {
  std::ifstream file(path);
  std::string token;
  if (!file || !std::getline(file, token)) {
    exit_code = usage_error("serve", "cannot read the token from --token-file '" + path + "'");
    return std::nullopt;
  }
  const char* blanks = " \t\r";
  token.erase(0, token.find_first_not_of(blanks));
  token.erase(token.find_last_not_of(blanks) + 1);
  if (token.size() < 16) {
    exit_code = usage_error(
        "serve", "the token in '" + path + "' is shorter than 16 characters: too easy to guess");
    return std::nullopt;
  }
  return token;
}

int run_serve(const ServeArguments& given) {
  serve::ServerOptions options;
  int exit_code = exit_ok;
  if (!all_paths_exist("serve", {given.rules}, exit_code)) return exit_code;
  options.rules_folder = given.rules;
  options.host = given.host;
  // A whole number option within its range, or a usage error naming it.
  bool all_valid = true;
  auto number = [&](const std::string& text, const std::string& option, std::uint64_t lowest,
                    std::uint64_t highest) -> std::uint64_t {
    std::optional<std::uint64_t> value = parse_whole_number(text, lowest, highest);
    if (!value && all_valid) {
      exit_code =
          usage_error("serve", option + " needs a whole number from " + std::to_string(lowest) +
                                   " to " + std::to_string(highest));
      all_valid = false;
    }
    return value.value_or(lowest);
  };
  options.port = static_cast<unsigned short>(number(given.port, "--port", 0, 65535));
  if (given.threads)
    options.threads = static_cast<unsigned>(number(*given.threads, "--threads", 1, 1024));
  options.limits.max_body_bytes = number(given.max_body, "--max-body", 1, 64u << 20);
  options.limits.max_header_bytes = number(given.max_header, "--max-header", 512, 1u << 20);
  options.limits.timeout =
      std::chrono::milliseconds(number(given.timeout_ms, "--timeout-ms", 10, 3'600'000));
  options.limits.max_connections = number(given.max_connections, "--max-connections", 1, 100'000);
  options.limits.max_steps = number(given.max_steps, "--max-steps", 1, 1'000'000'000'000);
  options.decision_log = given.decision_log;
  options.decision_log_queue_lines =
      number(given.decision_log_queue, "--decision-log-queue", 1, 10'000'000);
  if (!all_valid) return exit_code;
  if (given.token_file) {
    options.token = read_token(*given.token_file, exit_code);
    if (!options.token) return exit_code;
  }
  return serve::run_server(options);
}

}  // namespace

RunCommand add_serve(CLI::App& regla) {
  CLI::App& serve =
      *regla.add_subcommand("serve", "answer decisions over HTTP (POST /v1/evaluate, ...)");
  set_help_footer(
      serve,
      "Loads the rules and answers HTTP requests until SIGTERM or SIGINT (then it accepts no\n"
      "more connections, lets the requests being answered finish, and exits 0). It prints\n"
      "'listening on http://HOST:PORT' on standard output once it listens (--port 0: a free\n"
      "port). A --host other than a loopback address needs --token-file: every request must\n"
      "then carry 'Authorization: Bearer TOKEN'. The routes are in the README, 'regla serve'.\n");
  auto given = std::make_shared<ServeArguments>();
  serve.add_option("--rules", given->rules, "the rule set")
      ->type_name("DIR")
      ->capture_default_str();
  serve.add_option("--host", given->host, "the address to listen on")
      ->type_name("HOST")
      ->capture_default_str();
  serve.add_option("--port", given->port, "the port (0: a free one)")
      ->type_name("PORT")
      ->capture_default_str();
  serve.add_option("--threads", given->threads, "threads answering requests (default every core)")
      ->type_name("N");
  serve
      .add_option("--token-file", given->token_file,
                  "a file whose first line is the bearer token every request must carry")
      ->type_name("FILE");
  serve
      .add_option("--decision-log", given->decision_log,
                  "append a JSON line per answered evaluation to FILE (by a background writer)")
      ->type_name("FILE");
  serve
      .add_option("--decision-log-queue", given->decision_log_queue,
                  "lines the decision log may have waiting; beyond, lines are dropped and counted")
      ->type_name("LINES")
      ->capture_default_str();
  serve
      .add_option("--max-body", given->max_body, "the largest request body, in bytes (413 beyond)")
      ->type_name("BYTES")
      ->capture_default_str();
  serve
      .add_option("--max-header", given->max_header,
                  "the largest request line and headers, in bytes (431 beyond)")
      ->type_name("BYTES")
      ->capture_default_str();
  serve
      .add_option("--timeout-ms", given->timeout_ms,
                  "the time a client has to send a request, or to take an answer")
      ->type_name("MS")
      ->capture_default_str();
  serve
      .add_option("--max-connections", given->max_connections,
                  "connections open at once (503 beyond)")
      ->type_name("N")
      ->capture_default_str();
  serve
      .add_option("--max-steps", given->max_steps,
                  "the steps one record may take: rules evaluated, list elements visited")
      ->type_name("N")
      ->capture_default_str();
  return [given] { return run_serve(*given); };
}

}  // namespace regla::cli

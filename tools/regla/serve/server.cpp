#include "server.hpp"

#include <pthread.h>
#include <signal.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <csignal>
#include <iostream>
#include <thread>
#include <vector>

#include "session.hpp"

namespace regla::serve {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Accepts connections until stopped, each on its own strand; over the limit, a connection is
// answered 503 and closed.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& context, tcp::acceptor& acceptor, Service& service,
           const std::optional<std::string>& token, Connections& connections)
      : context_(context),
        acceptor_(acceptor),
        service_(service),
        token_(token),
        connections_(connections) {}

  void accept() {
    acceptor_.async_accept(
        asio::make_strand(context_),
        [self = shared_from_this()](beast::error_code error, tcp::socket socket) {
          self->on_accept(error, std::move(socket));
        });
  }

 private:
  void on_accept(beast::error_code error, tcp::socket socket) {
    if (error == asio::error::operation_aborted || service_.stopping) return;  // stopped
    if (!error) {
      bool over_limit = connections_.count() >= service_.limits.max_connections;
      auto session = std::make_shared<Session>(std::move(socket), service_, token_, connections_);
      if (over_limit)
        session->refuse();
      else
        session->start();
    }
    // An accept that failed (too many open files) is no reason to stop accepting.
    accept();
  }

  asio::io_context& context_;
  tcp::acceptor& acceptor_;
  Service& service_;
  const std::optional<std::string>& token_;
  Connections& connections_;
};

// The endpoint for `host` (an address or a name such as localhost) and `port`.
std::optional<tcp::endpoint> endpoint_for(asio::io_context& context, const ServerOptions& options) {
  beast::error_code error;
  tcp::resolver resolver(context);
  auto found = resolver.resolve(options.host, std::to_string(options.port),
                                tcp::resolver::passive | tcp::resolver::numeric_service, error);
  if (error || found.empty()) {
    std::cerr << "regla serve: cannot listen on host '" << options.host
              << "': " << (error ? error.message() : "no address") << "\n";
    return std::nullopt;
  }
  return found.begin()->endpoint();
}

std::string url_of(const tcp::endpoint& endpoint) {
  std::string address = endpoint.address().to_string();
  if (endpoint.address().is_v6()) address = "[" + address + "]";
  return "http://" + address + ":" + std::to_string(endpoint.port());
}

// SIGHUP: the folder loaded again, kept only without errors; what happened said on standard error.
void reload_on_signal(ServedRules& rules) {
  ServedRules::Loaded loaded = rules.reload();
  if (const RuleSet* refused = std::get_if<RuleSet>(&loaded)) {
    std::cerr << refused->diagnostics_text() << "regla serve: reload refused: the rule folder has "
              << refused->error_count() << " errors; still serving " << rules.current()->hash()
              << "\n";
  } else {
    std::cerr << "regla serve: reloaded: serving " << rules.current()->hash() << "\n";
  }
}

}  // namespace

int run_server(const ServerOptions& options) {
  // A decision log that is a pipe whose reader went away is a failed write, said and counted,
  // not the end of the server.
  std::signal(SIGPIPE, SIG_IGN);
  ServedRules rules(options.rules_folder);
  ServedRules::Loaded first = rules.reload();
  if (const RuleSet* refused = std::get_if<RuleSet>(&first)) {
    std::cerr << refused->diagnostics_text();
    return 1;
  }
  Metrics metrics;
  std::unique_ptr<DecisionLog> decision_log;
  if (options.decision_log) {
    std::string error;
    decision_log =
        DecisionLog::open(*options.decision_log, metrics, options.decision_log_queue_lines, error);
    if (!decision_log) {
      std::cerr << "regla serve: " << error << "\n";
      return 2;
    }
  }
  Service service{rules, options.limits, metrics, decision_log.get(), options.token.has_value()};
  unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  asio::io_context context(static_cast<int>(threads));

  std::optional<tcp::endpoint> endpoint = endpoint_for(context, options);
  if (!endpoint) return 2;
  if (!endpoint->address().is_loopback() && !options.token) {
    std::cerr << "regla serve: --host " << options.host
              << " is reachable from other machines: give --token-file FILE, and every request "
                 "must then carry 'Authorization: Bearer TOKEN'\n";
    return 2;
  }
  tcp::acceptor acceptor(asio::make_strand(context));
  beast::error_code error;
  acceptor.open(endpoint->protocol(), error);
  if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(*endpoint, error);
  if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    std::cerr << "regla serve: cannot listen on " << url_of(*endpoint) << ": " << error.message()
              << "\n";
    return 2;
  }
  std::cout << "listening on " << url_of(acceptor.local_endpoint()) << std::endl;

  Connections connections;
  std::make_shared<Listener>(context, acceptor, service, options.token, connections)->accept();

  asio::signal_set stop_signals(context, SIGTERM, SIGINT);
  asio::signal_set reload_signal(context, SIGHUP);
  stop_signals.async_wait([&](beast::error_code, int) {
    // No new connections; the requests being answered finish, then the threads run out of work.
    service.stopping = true;
    asio::post(acceptor.get_executor(), [&] { acceptor.close(); });
    connections.stop_all_when_idle();
    reload_signal.cancel();
  });
  std::function<void()> wait_for_reload = [&] {
    reload_signal.async_wait([&](beast::error_code signal_error, int) {
      if (signal_error) return;
      reload_on_signal(rules);
      wait_for_reload();
    });
  };
  wait_for_reload();

  std::vector<std::thread> workers;
  for (unsigned i = 1; i < threads; ++i)
    workers.emplace_back([&] { context.run(); });
  context.run();
  for (std::thread& worker : workers)
    worker.join();
  // Stopped: a further SIGTERM or SIGINT (a supervisor asking again) must not kill the process on
  // its way out once the signal sets give the signals back. Blocked, it stays pending until exit.
  sigset_t stop_and_reload;
  sigemptyset(&stop_and_reload);
  for (int signal : {SIGTERM, SIGINT, SIGHUP})
    sigaddset(&stop_and_reload, signal);
  pthread_sigmask(SIG_BLOCK, &stop_and_reload, nullptr);
  std::cerr << "regla serve: stopped\n";
  return 0;
}

}  // namespace regla::serve

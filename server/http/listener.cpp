#include "server/http/listener.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "server/app/log.hpp"

namespace yardstick::server::http {
namespace {

namespace asio = boost::asio;

// co_spawn's detached token would swallow exceptions silently.
void log_if_failed(const char* what, std::exception_ptr failure) {
    if (!failure) {
        return;
    }
    try {
        std::rethrow_exception(failure);
    } catch (const std::exception& e) {
        log_error("coroutine.failed", {{"coroutine", what}, {"error", e.what()}});
    } catch (...) {
        log_error("coroutine.failed", {{"coroutine", what}, {"error", "unknown exception"}});
    }
}

}  // namespace

Listener::Listener(asio::io_context& context, const asio::ip::tcp::endpoint& endpoint,
                   std::shared_ptr<const SessionDependencies> dependencies, asio::ssl::context* tls)
    : context_(context), acceptor_(asio::make_strand(context)), dependencies_(std::move(dependencies)), tls_(tls) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
}

asio::ip::tcp::endpoint Listener::local_endpoint() const {
    return acceptor_.local_endpoint();
}

void Listener::start() {
    asio::co_spawn(acceptor_.get_executor(), accept_loop(),
                   [](std::exception_ptr e) { log_if_failed("accept_loop", e); });
}

void Listener::stop() {
    asio::post(acceptor_.get_executor(), [this] {
        boost::system::error_code ignored;
        acceptor_.close(ignored);
    });
}

asio::awaitable<void> Listener::accept_loop() {
    for (;;) {
        boost::system::error_code ec;
        auto socket =
            co_await acceptor_.async_accept(asio::make_strand(context_), asio::redirect_error(asio::use_awaitable, ec));
        if (ec == asio::error::operation_aborted || !acceptor_.is_open()) {
            co_return;
        }
        if (ec) {
            // E.g. out of file descriptors: back off instead of spinning.
            log_warning("http.accept_failed", {{"error", ec.message()}});
            asio::steady_timer pause(acceptor_.get_executor(), std::chrono::milliseconds(50));
            co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            continue;
        }
        // Answers go out as soon as they are written: with Nagle's algorithm a
        // response split over two segments waits for the client's delayed ACK.
        socket.set_option(asio::ip::tcp::no_delay(true), ec);
        auto executor = socket.get_executor();
        auto log_failure = [](std::exception_ptr e) { log_if_failed("session", e); };
        if (tls_ != nullptr) {
            asio::co_spawn(executor, run_tls_session(std::move(socket), *tls_, dependencies_), log_failure);
        } else {
            asio::co_spawn(executor, run_session(std::move(socket), dependencies_), log_failure);
        }
    }
}

}  // namespace yardstick::server::http

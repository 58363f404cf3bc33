#pragma once
// Accepts connections and spawns one session coroutine per connection, each
// on a strand of its own: plain HTTP, or HTTPS when given a TLS context.

#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "server/http/session.hpp"

namespace yardstick::server::http {

class Listener {
public:
    /// Binds and listens; throws boost::system::system_error when the
    /// address cannot be bound (e.g. the port is taken). `tls`: nullptr for
    /// plain HTTP, else the context every connection's TLS session is made
    /// from (certificate, key, versions); it must outlive the listener and
    /// every session.
    Listener(boost::asio::io_context& context, const boost::asio::ip::tcp::endpoint& endpoint,
             std::shared_ptr<const SessionDependencies> dependencies, boost::asio::ssl::context* tls = nullptr);

    /// The bound address (with the real port when 0 was asked for).
    boost::asio::ip::tcp::endpoint local_endpoint() const;

    /// Starts accepting on the context's threads.
    void start();

    /// Stops accepting; connections already open are not touched.
    void stop();

private:
    boost::asio::awaitable<void> accept_loop();

    boost::asio::io_context& context_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::shared_ptr<const SessionDependencies> dependencies_;
    boost::asio::ssl::context* tls_;
};

}  // namespace yardstick::server::http

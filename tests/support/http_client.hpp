#pragma once
// A deliberately small HTTP/1.1 client for tests of the real server: raw
// bytes when a test needs to send what no well-behaved client would, Beast
// messages otherwise, over plain TCP or TLS. Every operation has a deadline,
// so a server that does not answer fails the test instead of hanging it.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yardstick::testing {

namespace beast_http = boost::beast::http;

using HttpResponse = beast_http::response<beast_http::string_body>;
/// Extra request headers, name and value, sent in this order.
using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// Deadline of one client operation unless a test asks for another.
inline constexpr std::chrono::milliseconds kClientTimeout{10'000};

/// What a read until the end of a connection got.
struct ReceivedUntilClose {
    std::string bytes;
    bool closed = false;  ///< the server closed (or reset) the connection before the deadline
};

/// How a client connection speaks TLS.
struct TlsClientOptions {
    /// The certificate to trust (PEM), e.g. a test's self-signed one: the
    /// server must present it, valid for 127.0.0.1. Empty: trust anything.
    std::filesystem::path trusted_certificate;
    /// The newest TLS version offered (e.g. TLS1_1_VERSION); 0: OpenSSL's newest.
    int max_version = 0;
};

/// One client connection to 127.0.0.1:port. Operations throw
/// std::runtime_error on errors and when `timeout` passes.
class HttpConnection {
public:
    explicit HttpConnection(std::uint16_t port, std::chrono::milliseconds timeout = kClientTimeout);
    /// Over TLS: connects and completes the handshake, or throws
    /// std::runtime_error saying why it failed. Every later operation, raw
    /// bytes included, goes through the TLS session.
    HttpConnection(std::uint16_t port, const TlsClientOptions& tls, std::chrono::milliseconds timeout = kClientTimeout);
    ~HttpConnection();
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    /// Sends `bytes` as they are, in one write.
    void write(std::string_view bytes);

    /// Reads one response. `head`: it answers a HEAD request, so it has no
    /// body whatever its Content-Length says.
    HttpResponse read_response(bool head = false);

    /// Writes a request (Host and, for a body, Content-Length filled in) and reads its response.
    HttpResponse request(beast_http::verb method, std::string_view target, std::string body = {},
                         const HeaderList& headers = {});

    /// Reads until the server closes the connection or `timeout` passes;
    /// includes bytes already buffered by earlier reads. Over TLS the
    /// server's close_notify counts as closing.
    ReceivedUntilClose read_until_closed(std::chrono::milliseconds timeout);

private:
    template <typename Initiate>
    boost::system::error_code run_with_deadline(Initiate&& initiate, std::chrono::milliseconds timeout);

    // Calls `operation` with the stream requests go over: the TLS session
    // when there is one, else the socket.
    template <typename Operation>
    void on_stream(Operation&& operation);

    std::uint16_t port_;
    std::chrono::milliseconds timeout_;
    boost::asio::io_context context_;
    boost::asio::ip::tcp::socket socket_;
    std::optional<boost::asio::ssl::context> tls_context_;
    std::optional<boost::asio::ssl::stream<boost::asio::ip::tcp::socket&>> tls_;
    boost::beast::flat_buffer buffer_;
};

/// A request in HTTP/1.1 wire format: `METHOD target HTTP/1.1`, Host, the
/// headers, Content-Length when there is a body, the body.
std::string format_request(beast_http::verb method, std::string_view target, std::uint16_t port,
                           const std::string& body = {}, const HeaderList& headers = {});

/// Connects, sends `bytes`, and returns everything the server sends until
/// it closes the connection or `timeout` passes.
ReceivedUntilClose exchange_raw(std::uint16_t port, std::string_view bytes,
                                std::chrono::milliseconds timeout = kClientTimeout);

/// Parses the first response in `raw`; throws std::runtime_error when there
/// is no complete, valid one. `head` as for HttpConnection::read_response.
HttpResponse parse_response(std::string_view raw, bool head = false);

/// One request on a connection of its own.
HttpResponse request(std::uint16_t port, beast_http::verb method, std::string_view target, std::string body = {},
                     const HeaderList& headers = {}, std::chrono::milliseconds timeout = kClientTimeout);

/// True when a TCP connection to 127.0.0.1:port can be opened (and it is
/// closed again at once); false when it is refused.
bool accepts_connections(std::uint16_t port);

}  // namespace yardstick::testing

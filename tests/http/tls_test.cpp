// TLS in the server itself (--tls-cert, --tls-key): HTTPS with TLS 1.2 and
// newer only, HSTS on every response, the same request handling as plain
// HTTP, and a server that refuses to start with a certificate it cannot use.
// The certificates are throwaway self-signed ones made with the openssl tool.

#include <openssl/ssl.h>

#include <unistd.h>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "tests/http/server_test.hpp"

namespace yardstick::testing {
namespace {

using beast_http::field;
using beast_http::status;
using beast_http::verb;

constexpr const char* kHsts = "max-age=31536000";

// A self-signed certificate for 127.0.0.1 with its key, and a key that
// belongs to another certificate; removed with the test process's last use.
class ThrowawayCertificates {
public:
    ThrowawayCertificates()
        : directory_(std::filesystem::temp_directory_path() / ("yardstick-tls-test-" + std::to_string(::getpid()))) {
        std::filesystem::create_directories(directory_);
        make_pair(certificate(), key());
        make_pair(directory_ / "other-certificate.pem", other_key());
    }
    ~ThrowawayCertificates() {
        std::error_code ignored;
        std::filesystem::remove_all(directory_, ignored);
    }
    ThrowawayCertificates(const ThrowawayCertificates&) = delete;
    ThrowawayCertificates& operator=(const ThrowawayCertificates&) = delete;

    std::filesystem::path certificate() const { return directory_ / "certificate.pem"; }
    std::filesystem::path key() const { return directory_ / "key.pem"; }
    std::filesystem::path other_key() const { return directory_ / "other-key.pem"; }
    std::filesystem::path missing() const { return directory_ / "no-such-key.pem"; }

private:
    void make_pair(const std::filesystem::path& certificate, const std::filesystem::path& key) const {
        // Its progress dots go to a file, not into every test's output.
        const auto output = directory_ / "openssl-output.txt";
        const std::string command =
            "openssl req -x509 -newkey rsa:2048 -nodes -keyout '" + key.string() + "' -out '" + certificate.string() +
            "' -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >'" + output.string() + "' 2>&1";
        if (std::system(command.c_str()) != 0) {
            std::ifstream said(output);
            const std::string text((std::istreambuf_iterator<char>(said)), std::istreambuf_iterator<char>());
            throw std::runtime_error("could not make a test certificate with: " + command + "\n" + text);
        }
    }

    std::filesystem::path directory_;
};

const ThrowawayCertificates& certificates() {
    static const ThrowawayCertificates made;
    return made;
}

class TlsTest : public ServerTest {
protected:
    void start_tls_server(std::vector<std::string> extra_arguments = {}) {
        extra_arguments.insert(extra_arguments.end(), {"--tls-cert", certificates().certificate().string(), "--tls-key",
                                                       certificates().key().string()});
        start_server(std::move(extra_arguments));
    }

    // A client that trusts only the test certificate, for 127.0.0.1.
    static TlsClientOptions trusting() {
        TlsClientOptions options;
        options.trusted_certificate = certificates().certificate();
        return options;
    }

    HttpResponse https(verb method, const std::string& target, const HeaderList& headers = {}) {
        HttpConnection connection(port(), trusting());
        return connection.request(method, target, {}, headers);
    }

    // Runs `yardstick serve …` with `extra_arguments`, expecting it to refuse
    // to start; returns its exit code and what it said on stderr.
    std::pair<int, std::string> serve_refused(const std::vector<std::string>& extra_arguments) {
        ServerProcess process(serve_arguments({database_.url(), true, extra_arguments}));
        const auto code = process.wait_exit(30s);
        std::string said;
        for (const auto& line : process.error_lines()) {
            said += line + "\n";
        }
        EXPECT_TRUE(code.has_value()) << "yardstick serve still runs:\n" << process.transcript();
        EXPECT_FALSE(process.wait_listening(0ms)) << "yardstick serve listened:\n" << process.transcript();
        return {code.value_or(-1), said};
    }

    bool logged(const std::string& event) const {
        const auto line = server_->wait_for_log_line(
            [&](const std::string& text) { return parse_log_line(text).value("event", "") == event; }, 5s);
        return line.has_value();
    }
};

TEST_F(TlsTest, HealthzOverHttpsIs200WithStrictTransportSecurity) {
    start_tls_server();
    const auto response = https(verb::get, "/healthz");
    EXPECT_EQ(response.result(), status::ok) << response.body();
    EXPECT_EQ(response[field::strict_transport_security], kHsts);

    const auto listening = server_->wait_for_log_line(
        [](const std::string& text) { return parse_log_line(text).value("event", "") == "server.listening"; }, 1s);
    ASSERT_TRUE(listening);
    const auto json = parse_log_line(*listening);
    EXPECT_EQ(json.value("scheme", ""), "https");
    EXPECT_EQ(json.value("public_url", ""), "https://127.0.0.1:" + std::to_string(port()));
}

TEST_F(TlsTest, APlainServerSendsNoHsts) {
    start_server();
    const auto response = request(port(), verb::get, "/healthz");
    EXPECT_EQ(response.result(), status::ok);
    EXPECT_EQ(response.count(field::strict_transport_security), 0u) << "HSTS over plain HTTP means nothing";
}

TEST_F(TlsTest, KeepAliveAndConnectionCloseWorkOverTls) {
    start_tls_server();
    HttpConnection connection(port(), trusting());
    const auto first = connection.request(verb::get, "/healthz");
    EXPECT_EQ(first.result(), status::ok);
    EXPECT_TRUE(first.keep_alive());
    const auto head = connection.request(verb::head, "/healthz");
    EXPECT_EQ(head.result(), status::ok);
    EXPECT_EQ(head[field::strict_transport_security], kHsts);
    const auto last = connection.request(verb::get, "/healthz", {}, {{"Connection", "close"}});
    EXPECT_EQ(last.result(), status::ok);
    EXPECT_FALSE(last.keep_alive());
    // The server ends the TLS session properly (close_notify), at once.
    const auto started = std::chrono::steady_clock::now();
    EXPECT_TRUE(connection.read_until_closed(5s).closed);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
}

TEST_F(TlsTest, PlainHttpOnTheTlsPortGetsNoAnswerAndTheServerCarriesOn) {
    start_tls_server();
    const auto received = exchange_raw(port(), format_request(verb::get, "/healthz", port()), 5s);
    EXPECT_TRUE(received.closed) << "the server kept a plain-HTTP connection open on its TLS port";
    EXPECT_EQ(received.bytes.find("HTTP/"), std::string::npos) << received.bytes;
    EXPECT_TRUE(logged("http.tls_handshake_failed"));

    EXPECT_EQ(https(verb::get, "/healthz").result(), status::ok);
}

TEST_F(TlsTest, Tls12IsAcceptedAndTls11Refused) {
    start_tls_server();
    auto tls12 = trusting();
    tls12.max_version = TLS1_2_VERSION;
    HttpConnection modern(port(), tls12);
    EXPECT_EQ(modern.request(verb::get, "/healthz").result(), status::ok);

    auto tls11 = trusting();
    tls11.max_version = TLS1_1_VERSION;
    EXPECT_THROW({ HttpConnection refused(port(), tls11); }, std::runtime_error);
    // The server refused it, not the client (which offers TLS 1.1 at
    // security level 0).
    EXPECT_TRUE(logged("http.tls_handshake_failed"));

    EXPECT_EQ(https(verb::get, "/healthz").result(), status::ok);
}

TEST_F(TlsTest, AStaffRouteWorksOverTls) {
    start_tls_server();
    const auto token = create_token();
    const auto response = https(verb::get, "/api/v1/programmes", {{"Authorization", "Bearer " + token}});
    EXPECT_EQ(response.result(), status::ok) << response.body();
    EXPECT_EQ(response[field::strict_transport_security], kHsts);
    EXPECT_EQ(https(verb::get, "/api/v1/programmes").result(), status::unauthorized);
}

// The sign-in cookie's Set-Cookie header of GET /login.
std::string sign_in_cookie_header(const HttpResponse& response) {
    for (const auto& header : response) {
        if (header.name() == field::set_cookie && header.value().starts_with("yardstick_sign_in=")) {
            return std::string(header.value());
        }
    }
    return {};
}

TEST_F(TlsTest, CookiesAreSecureOverTlsOnly) {
    start_tls_server();
    const auto over_tls = sign_in_cookie_header(https(verb::get, "/login"));
    EXPECT_NE(over_tls.find("; Secure"), std::string::npos) << over_tls;
}

TEST_F(TlsTest, APlainClientCannotClaimTls) {
    start_server();
    const auto forged = sign_in_cookie_header(request(port(), verb::get, "/login", {}, {{"X-Yardstick-Transport", "tls"}}));
    ASSERT_FALSE(forged.empty());
    EXPECT_EQ(forged.find("Secure"), std::string::npos) << "the session drops the client's copy: " << forged;
}

TEST_F(TlsTest, RejectionsOverTlsCarryHstsAndCloseTheConnection) {
    start_tls_server({"--body-limit", "1024"});
    HttpConnection too_large(port(), trusting());
    too_large.write(format_request(verb::post, "/healthz", port(), std::string(4000, 'x'),
                                   {{"Content-Type", "application/octet-stream"}}));
    const auto received = too_large.read_until_closed(5s);
    EXPECT_TRUE(received.closed);
    const auto response = parse_response(received.bytes);
    expect_problem(response, status::payload_too_large, "Payload Too Large");
    EXPECT_EQ(response[field::strict_transport_security], kHsts);

    HttpConnection malformed(port(), trusting());
    malformed.write("GARBAGE\r\n\r\n");
    const auto garbage = malformed.read_until_closed(5s);
    EXPECT_TRUE(garbage.closed);
    expect_problem(parse_response(garbage.bytes), status::bad_request, "Bad Request");

    EXPECT_EQ(https(verb::get, "/healthz").result(), status::ok);
}

TEST_F(TlsTest, AClientThatNeverHandshakesIsCutOffAfterTheIdleTimeout) {
    start_tls_server({"--idle-timeout", "1"});
    HttpConnection silent(port());
    const auto started = std::chrono::steady_clock::now();
    const auto received = silent.read_until_closed(6s);
    EXPECT_TRUE(received.closed) << "a connection without a handshake outlived --idle-timeout 1 by 5 s";
    EXPECT_GE(std::chrono::steady_clock::now() - started, 900ms);
    EXPECT_EQ(https(verb::get, "/healthz").result(), status::ok);
}

TEST_F(TlsTest, SigtermWithAnIdleTlsConnectionExitsPromptly) {
    start_tls_server();
    HttpConnection idle(port(), trusting());
    ASSERT_EQ(idle.request(verb::get, "/healthz").result(), status::ok);
    HttpConnection handshaking(port());  // TCP only: the server waits for its handshake

    const auto signalled = std::chrono::steady_clock::now();
    server_->send_signal(SIGTERM);
    EXPECT_EQ(server_->wait_exit(3s), 0);
    EXPECT_LT(std::chrono::steady_clock::now() - signalled, 3s);
    EXPECT_TRUE(idle.read_until_closed(2s).closed);
    EXPECT_TRUE(handshaking.read_until_closed(2s).closed);
}

TEST_F(TlsTest, ACertificateWithoutAKeyIsRefused) {
    const auto [code, said] = serve_refused({"--tls-cert", certificates().certificate().string()});
    EXPECT_NE(code, 0);
    EXPECT_NE(said.find("--tls-key"), std::string::npos) << said;

    const auto [key_only_code, key_only_said] = serve_refused({"--tls-key", certificates().key().string()});
    EXPECT_NE(key_only_code, 0);
    EXPECT_NE(key_only_said.find("--tls-cert"), std::string::npos) << key_only_said;
}

TEST_F(TlsTest, AMissingKeyFileIsRefusedNamingIt) {
    const auto [code, said] = serve_refused(
        {"--tls-cert", certificates().certificate().string(), "--tls-key", certificates().missing().string()});
    EXPECT_NE(code, 0);
    EXPECT_NE(said.find(certificates().missing().string()), std::string::npos) << said;
}

TEST_F(TlsTest, AKeyOfAnotherCertificateIsRefusedNamingIt) {
    const auto [code, said] = serve_refused(
        {"--tls-cert", certificates().certificate().string(), "--tls-key", certificates().other_key().string()});
    EXPECT_EQ(code, 1);
    EXPECT_NE(said.find(certificates().other_key().string()), std::string::npos) << said;
}

TEST_F(TlsTest, AFileThatIsNoCertificateIsRefusedNamingIt) {
    const auto [code, said] =
        serve_refused({"--tls-cert", certificates().key().string(), "--tls-key", certificates().key().string()});
    EXPECT_EQ(code, 1);
    EXPECT_NE(said.find("certificate " + certificates().key().string()), std::string::npos) << said;
}

}  // namespace
}  // namespace yardstick::testing

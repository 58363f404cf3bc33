#pragma once
// Settings of `yardstick serve`. Every flag can also be given as the
// environment variable YARDSTICK_<FLAG> (see cli.cpp and the README).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "server/http/rate_limiter.hpp"
#include "server/mail/mail_transport.hpp"
#include "server/http/session.hpp"
#include "yardstick/sql/connection.hpp"
#include "yardstick/sql/staff_sessions.hpp"

namespace yardstick::server {

struct ServerConfig {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    /// Base of every link the product hands out; empty: http://host:port
    /// (https:// with TLS).
    std::string public_url;
    unsigned io_threads = 2;
    std::size_t db_pool_size = 4;
    std::size_t db_queue_limit = 1024;
    /// Requests to /f/…, /api/… and /login per client address and per token;
    /// nullopt: no limit (--rate-limit off, for benchmarks).
    std::optional<http::RateLimit> rate_limit = http::RateLimit{};
    sql::DatabaseSettings database;
    /// A streaming replica for reports and exports (--database-read-url);
    /// nullopt: they read the primary.
    std::optional<sql::DatabaseSettings> read_database;
    bool migrate = false;
    http::SessionLimits limits;
    std::chrono::milliseconds shutdown_timeout{10'000};
    /// The key that seals personal-link tokens kept for re-sending (created
    /// 0600 when missing).
    std::filesystem::path master_key_file = "var/master-key";
    /// TLS in the server itself: the certificate chain (PEM, the server's
    /// certificate first) and its private key (PEM). Both empty: plain HTTP.
    std::filesystem::path tls_certificate;
    std::filesystem::path tls_private_key;
    /// When staff browser sessions expire (idle, and at the latest).
    sql::SessionExpiry session_expiry;
    /// Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed.
    std::vector<std::string> trusted_proxies;
    /// How often committed events get their public sequence numbers.
    std::chrono::milliseconds sequencer_interval{100};
    /// How often the server applies the programmes' retention periods.
    std::chrono::milliseconds retention_interval{std::chrono::hours(1)};
    /// Longest time between two passes of the programme scheduler (a NOTIFY
    /// from an engagement's transition or a settings change starts one at
    /// once); 0: this node runs no scheduler.
    std::chrono::milliseconds schedule_interval{std::chrono::minutes(1)};
    /// E-mail: an SMTP server (smtp.url) or a directory of .eml files; both
    /// empty: messages wait in the outbox.
    mail::SmtpSettings smtp;
    std::filesystem::path mail_dir;
    std::string mail_from = "Yardstick <yardstick@localhost>";
    std::chrono::milliseconds mail_retry_base{30'000};
    int mail_max_attempts = 8;
    /// Webhook deliveries: the first retry's delay (then doubling) and the
    /// attempts before one is marked failed.
    std::chrono::milliseconds webhook_retry_base{30'000};
    int webhook_max_attempts = 8;
};

}  // namespace yardstick::server

#include "server/app/server.hpp"

#include <csignal>
#include <iostream>
#include <thread>
#include <vector>

#include <openssl/ssl.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "server/app/database_pool.hpp"
#include "server/app/event_sequencer.hpp"
#include "server/reports/report_versions.hpp"
#include "server/reports/tally_consumer.hpp"
#include "server/app/log.hpp"
#include "server/app/listening_worker.hpp"
#include "server/app/retention_schedule.hpp"
#include "server/lifecycle/instant_text.hpp"
#include "server/lifecycle/scheduler.hpp"
#include "server/mail/dispatcher.hpp"
#include "server/webhooks/webhook_dispatcher.hpp"
#include "server/auth/login_throttle.hpp"
#include "server/auth/staff_authenticator.hpp"
#include "server/collection/instrument_cache.hpp"
#include "server/http/listener.hpp"
#include "server/routes/api.hpp"
#include "server/routes/operations.hpp"
#include "server/routes/staff_pages.hpp"
#include "server/security/master_key.hpp"
#include "yardstick/sql/error_translation.hpp"
#include "yardstick/sql/report_tallies.hpp"
#include "yardstick/sql/migrations.hpp"
#include "server/privacy/identities.hpp"
#include "server/privacy/identity_migration.hpp"

namespace yardstick::server {
namespace {

namespace asio = boost::asio;

// Brings the schema up to date (with --migrate) or checks it. Returns false
// when the server must not start. An unreachable database is not fatal: the
// server starts and /readyz says 503 until the database answers.
bool prepare_schema(const ServerConfig& config, const security::MasterKey& master_key) {
    try {
        auto connection = sql::open_connection(config.database);
        if (config.migrate) {
            auto applied = sql::apply_migrations(*connection, privacy::migration_data_steps(master_key));
            if (!applied.ok()) {
                log_error("schema.refused", {{"reason", applied.error().message}});
                std::cerr << "yardstick: refusing to start: " << applied.error().message << "\n";
                return false;
            }
            log_info("schema.migrated", {{"applied_now", applied.value()}});
        }
        const auto status = sql::inspect_schema(*connection);
        if (status.refuses_to_start()) {
            log_error("schema.refused", {{"reason", status.summary()}});
            std::cerr << "yardstick: refusing to start: " << status.summary() << "\n";
            return false;
        }
        log_info("schema.checked", {{"status", status.summary()}, {"current", status.current()}});
        if (status.current()) {
            pqxx::work tx(*connection);
            if (auto checked = privacy::check_master_key(tx, master_key, config.master_key_file.string());
                !checked.ok()) {
                log_error("server.master_key_refused", {{"reason", checked.error().message}});
                std::cerr << "yardstick: refusing to start: " << checked.error().message << "\n";
                return false;
            }
            tx.commit();
        }
        return true;
    } catch (...) {
        const auto error = sql::translate_exception(std::current_exception());
        if (config.migrate || error.code != ErrorCode::unavailable) {
            log_error("schema.failed", {{"reason", error.message}});
            std::cerr << "yardstick: cannot prepare the database: " << error.message << "\n";
            return false;
        }
        log_warning("database.unavailable", {{"reason", error.message}});
        return true;
    }
}

// The TLS context of `yardstick serve --tls-cert … --tls-key …`: TLS 1.2
// and newer only (older versions have known weaknesses and no browser needs
// them), OpenSSL's default ciphers, no renegotiation. Returns nullopt, after
// saying why, when the certificate or key cannot be used: the server must
// not start then.
std::optional<asio::ssl::context> make_tls_context(const ServerConfig& config) {
    const auto refuse = [](const std::string& message) {
        log_error("server.tls_unusable", {{"reason", message}});
        std::cerr << "yardstick: refusing to start: " << message << "\n";
        return std::nullopt;
    };
    asio::ssl::context tls(asio::ssl::context::tls_server);
    // Renegotiation: a client could make the server redo the costly part of
    // a handshake at will, and HTTP/1.1 needs none.
    tls.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::single_dh_use |
                    SSL_OP_NO_RENEGOTIATION);
    if (SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_2_VERSION) != 1) {
        return refuse("OpenSSL cannot limit TLS to version 1.2 and newer");
    }
    boost::system::error_code ec;
    tls.use_certificate_chain_file(config.tls_certificate.string(), ec);
    if (ec) {
        return refuse("cannot use the TLS certificate " + config.tls_certificate.string() + ": " + ec.message());
    }
    tls.use_private_key_file(config.tls_private_key.string(), asio::ssl::context::pem, ec);
    if (ec) {
        return refuse("cannot use the TLS private key " + config.tls_private_key.string() + " with the certificate " +
                      config.tls_certificate.string() + ": " + ec.message());
    }
    if (SSL_CTX_check_private_key(tls.native_handle()) != 1) {
        return refuse("the TLS private key " + config.tls_private_key.string() +
                      " does not belong to the certificate " + config.tls_certificate.string());
    }
    return tls;
}

// Waits for a signal, then shuts down in order.
asio::awaitable<void> shutdown_on_signal(asio::io_context& context, asio::signal_set& signals, http::Listener& listener,
                                         http::ConnectionRegistry& registry, std::chrono::milliseconds timeout,
                                         reports::ReportVersions& report_versions) {
    boost::system::error_code ec;
    const int signal = co_await signals.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    log_info("server.stopping", {{"signal", signal}, {"open_connections", registry.size()}});
    listener.stop();
    // Live report streams end (their clients reconnect elsewhere).
    report_versions.close();
    registry.stop_all();
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    asio::steady_timer tick(context);
    while (registry.size() > 0 && std::chrono::steady_clock::now() < deadline) {
        tick.expires_after(std::chrono::milliseconds(20));
        co_await tick.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    // Stopped before the line is logged: once a reader sees it, no abandoned
    // request can still be answered (an I/O thread could otherwise run a
    // completion between the two).
    const auto abandoned = registry.size();
    context.stop();
    if (abandoned > 0) {
        log_warning("server.shutdown_timeout", {{"abandoned_connections", abandoned}});
    }
}

}  // namespace

int run_server(const ServerConfig& config) {
    // A peer that resets a socket must not kill the process.
    std::signal(SIGPIPE, SIG_IGN);
    // Before the database: a server that cannot speak TLS must not touch it.
    const bool secure = !config.tls_certificate.empty();
    std::optional<asio::ssl::context> tls;
    if (secure) {
        tls = make_tls_context(config);
        if (!tls) {
            return 1;
        }
    }
    auto master_key = security::MasterKey::load_or_create(config.master_key_file);
    if (!master_key.ok()) {
        log_error("server.master_key_unusable", {{"reason", master_key.error().message}});
        std::cerr << "yardstick: " << master_key.error().message << "\n";
        return 1;
    }
    if (!prepare_schema(config, master_key.value())) {
        return 1;
    }

    DatabasePool pool(config.database, config.db_pool_size, config.db_queue_limit);
    // Checked at start when the database answered; this covers a database
    // that came up later (or was swapped): no connection with another
    // master key's database is ever used.
    pool.check_new_connections([key = &master_key.value(), file = config.master_key_file.string()](
                                   pqxx::connection& connection) -> Status {
        pqxx::work tx(connection);
        if (tx.exec1("SELECT to_regclass('master_key_check') IS NULL")[0].as<bool>()) {
            return {};  // not migrated yet: nothing sealed to check against
        }
        if (auto checked = privacy::check_master_key(tx, *key, file); !checked.ok()) {
            log_error("server.master_key_refused", {{"reason", checked.error().message}});
            return Error{ErrorCode::unavailable, "the database cannot be used with this server's master key", {}};
        }
        tx.commit();
        return {};
    });
    // Reports and response exports read from a replica when there is one
    // (half the workers: they are long reads, not many).
    std::optional<DatabasePool> read_pool;
    if (config.read_database) {
        read_pool.emplace(*config.read_database, std::max<std::size_t>(1, config.db_pool_size / 2),
                          config.db_queue_limit);
        log_info("database.read_replica", {{"pool_size", std::max<std::size_t>(1, config.db_pool_size / 2)}});
    }
    http::HttpMetrics metrics;
    collection::InstrumentCache instruments;
    collection::FormLinkCache form_links;
    collection::SubmissionWriter submissions(pool);
    http::ConnectionRegistry registry;

    auto dependencies = std::make_shared<http::SessionDependencies>();
    dependencies->registry = &registry;
    dependencies->limits = config.limits;

    // Bound first: links carry the public URL, which with --port 0 is known
    // only now. Nothing is accepted before listener->start().
    asio::io_context context(static_cast<int>(config.io_threads));
    std::optional<http::Listener> listener;
    try {
        const auto address = asio::ip::make_address(config.host);
        listener.emplace(context, asio::ip::tcp::endpoint(address, config.port), dependencies, tls ? &*tls : nullptr);
    } catch (const std::exception& e) {
        log_error("server.bind_failed", {{"host", config.host}, {"port", config.port}, {"error", e.what()}});
        std::cerr << "yardstick: cannot listen on " << config.host << ":" << config.port << ": " << e.what() << "\n";
        return 1;
    }
    const auto endpoint = listener->local_endpoint();
    const std::string scheme = secure ? "https" : "http";
    std::string public_url = config.public_url.empty()
                                 ? scheme + "://" + config.host + ":" + std::to_string(endpoint.port())
                                 : config.public_url;
    while (public_url.ends_with('/')) {
        public_url.pop_back();
    }

    http::Router router;
    routes::add_operations_routes(router, {&pool, &metrics});
    routes::ApiDependencies api;
    api.pool = &pool;
    api.read_pool = read_pool ? &*read_pool : &pool;
    api.instruments = &instruments;
    api.form_links = &form_links;
    api.submissions = &submissions;
    api.links.master_key = &master_key.value();
    api.links.public_url = public_url;
    reports::ReportVersions report_versions;
    api.report_versions = &report_versions;
    routes::add_api_routes(router, api);
    routes::add_participant_form_routes(router, api);
    routes::add_dashboard_routes(router, api);
    auth::LoginThrottle login_throttle;
    routes::add_staff_page_routes(router, {&pool, &login_throttle, config.session_expiry});
    http::Application application(std::move(router), metrics,
                                  [&pool, expiry = config.session_expiry](http::Credential credential) {
                                      return auth::authenticate_staff(&pool, std::move(credential), expiry);
                                  });
    application.trust_proxies(config.trusted_proxies);
    std::optional<http::RateLimiter> rate_limiter;
    if (config.rate_limit) {
        rate_limiter.emplace(*config.rate_limit);
        application.limit_rates(&*rate_limiter);
    }
    dependencies->application = &application;

    // Registered before anything is announced, so that a signal sent as soon
    // as the server says it listens is never handled by the default action.
    asio::signal_set signals(context, SIGINT, SIGTERM);
    listener->start();
    asio::co_spawn(context,
                   shutdown_on_signal(context, signals, *listener, registry, config.shutdown_timeout, report_versions),
                   asio::detached);
    asio::co_spawn(asio::make_strand(context), run_event_sequencer(&pool, config.sequencer_interval),
                   [](std::exception_ptr e) {
                       if (e) {
                           log_error("events.sequencer_stopped");
                       }
                   });
    // The reports' tallies follow the log at the sequencer's pace, so that a
    // submission reaches the report within two intervals of its commit.
    reports::IndicatorSets indicator_sets;
    asio::co_spawn(asio::make_strand(context),
                   reports::run_tally_consumer(&pool, &indicator_sets, config.sequencer_interval),
                   [](std::exception_ptr e) {
                       if (e) {
                           log_error("reports.tallies_stopped");
                       }
                   });
    asio::co_spawn(asio::make_strand(context), run_retention_schedule(&pool, config.retention_interval),
                   [](std::exception_ptr e) {
                       if (e) {
                           log_error("retention.stopped");
                       }
                   });
    // The scheduler and the mail dispatcher block (libpqxx, libcurl): each has
    // a thread and a connection of its own, woken by NOTIFY.
    std::optional<ListeningWorker> scheduler;
    if (config.schedule_interval.count() > 0) {
        scheduler.emplace("schedule", config.database, std::vector<std::string>{"yardstick_lifecycle"},
                          [links = api.links, &instruments, interval = config.schedule_interval](
                              pqxx::connection& connection) {
                              const auto pass = lifecycle::run_schedule_pass(connection, links, instruments,
                                                                             lifecycle::system_now());
                              if (!pass.actions.empty()) {
                                  log_info("schedule.pass", {{"actions", pass.actions.size()}});
                              }
                              return interval;
                          });
        scheduler->start();
    }
    // Every node hears of every new report version (its own tally consumer's
    // or another node's) and its live streams push it.
    ListeningWorker report_listener(
        "reports.listener", config.database, std::vector<std::string>{"yardstick_report"},
        [&report_versions](pqxx::connection& connection) {
            // On every (re)connection too: what was missed while away.
            pqxx::read_transaction tx(connection);
            for (const auto& [programme_id, version] : sql::data_versions(tx)) {
                report_versions.publish(programme_id, version);
            }
            return std::chrono::milliseconds(std::chrono::minutes(1));
        },
        [&report_versions](const std::string& payload) { report_versions.publish(payload); });
    report_listener.start();
    // Webhooks: the fan-out follows the public order (the sequencer NOTIFYs
    // yardstick_events); deliveries wake it too (yardstick_webhooks).
    webhooks::WebhookDispatcher webhook_dispatcher(
        master_key.value(), webhooks::WebhookSettings{config.webhook_retry_base, config.webhook_max_attempts, 10});
    ListeningWorker webhook_worker("webhooks", config.database,
                                   std::vector<std::string>{"yardstick_events", "yardstick_webhooks"},
                                   [&webhook_dispatcher](pqxx::connection& connection) {
                                       return webhook_dispatcher.run_due(connection, std::chrono::seconds(30));
                                   });
    webhook_worker.start();
    std::optional<mail::Dispatcher> dispatcher;
    std::optional<ListeningWorker> dispatch_worker;
    if (!config.smtp.url.empty() || !config.mail_dir.empty()) {
        auto transport = config.smtp.url.empty() ? mail::mail_directory_transport(config.mail_dir)
                                                 : mail::smtp_transport(config.smtp);
        dispatcher.emplace(master_key.value(), std::move(transport),
                           mail::DispatchSettings{config.mail_from, public_url, config.mail_retry_base,
                                                  config.mail_max_attempts});
        log_info("mail.transport", {{"to", dispatcher->transport().describe()}});
        dispatch_worker.emplace("mail", config.database, std::vector<std::string>{"yardstick_outbox"},
                                [&dispatcher](pqxx::connection& connection) {
                                    return dispatcher->dispatch_due(connection, std::chrono::seconds(30));
                                });
        dispatch_worker->start();
    } else {
        log_info("mail.transport", {{"to", nullptr}, {"note", "no --smtp-url or --mail-dir: e-mail waits in the outbox"}});
    }
    log_info("server.listening", {{"address", endpoint.address().to_string()},
                                  {"port", endpoint.port()},
                                  {"scheme", scheme},
                                  {"public_url", public_url},
                                  {"io_threads", config.io_threads},
                                  {"db_pool_size", config.db_pool_size}});

    std::vector<std::thread> threads;
    for (unsigned i = 1; i < config.io_threads; ++i) {
        threads.emplace_back([&context] { context.run(); });
    }
    context.run();
    for (auto& thread : threads) {
        thread.join();
    }
    if (scheduler) {
        scheduler->stop();
    }
    if (dispatch_worker) {
        dispatch_worker->stop();
    }
    report_listener.stop();
    webhook_worker.stop();
    if (read_pool) {
        read_pool->stop();
    }
    pool.stop();
    log_info("server.stopped");
    return 0;
}

}  // namespace yardstick::server

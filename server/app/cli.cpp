#include "server/app/cli.hpp"

#include <iostream>
#include <map>

#include <boost/asio/ip/address.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "server/app/admin_commands.hpp"
#include "server/app/audit_commands.hpp"
#include "server/app/recompute_command.hpp"
#include "server/app/retention_command.hpp"
#include "server/app/schedule_command.hpp"
#include "server/app/report_commands.hpp"
#include "server/app/config.hpp"
#include "server/app/database_location.hpp"
#include "server/app/lifecycle_options.hpp"
#include "server/app/log.hpp"
#include "server/app/server.hpp"
#include "server/privacy/identities.hpp"
#include "server/privacy/identity_migration.hpp"
#include "yardstick/sql/error_translation.hpp"
#include "yardstick/sql/migrations.hpp"

namespace yardstick::server {
namespace {

// Options every database-using subcommand shares.
struct DatabaseOptions {
    std::string url;
    std::string var_dir;
    double statement_timeout_s = 10.0;
};

void add_database_options(CLI::App& command, DatabaseOptions& options) {
    command
        .add_option("--database-url", options.url,
                    "PostgreSQL connection string (URL or key=value); default: the private cluster of ops/run "
                    "(var/database-url), else libpq's PG* environment")
        ->envname("DATABASE_URL");
    command.add_option("--var-dir", options.var_dir, "Where ops/run keeps its state (database-url)")
        ->envname("YARDSTICK_VAR_DIR");
    command.add_option("--statement-timeout", options.statement_timeout_s, "Longest database statement, seconds")
        ->envname("YARDSTICK_STATEMENT_TIMEOUT")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
}

sql::DatabaseSettings database_settings(const DatabaseOptions& options) {
    sql::DatabaseSettings settings;
    settings.url = resolve_database_url(options.url, options.var_dir);
    settings.statement_timeout = std::chrono::milliseconds(static_cast<long long>(options.statement_timeout_s * 1000));
    return settings;
}

std::chrono::milliseconds seconds_to_ms(double seconds) {
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

int migrate(const DatabaseOptions& options, bool status_only, const std::filesystem::path& master_key_file) {
    try {
        auto connection = sql::open_connection(database_settings(options));
        if (!status_only) {
            // The key seals what earlier versions kept in clear (migration 0010).
            auto key = security::MasterKey::load_or_create(master_key_file);
            if (!key.ok()) {
                std::cerr << "yardstick migrate: " << key.error().message << "\n";
                return 1;
            }
            auto applied = sql::apply_migrations(*connection, privacy::migration_data_steps(key.value()));
            if (!applied.ok()) {
                std::cerr << "yardstick migrate: " << applied.error().message << "\n";
                return 1;
            }
            for (int number : applied.value()) {
                std::cout << "applied migration " << number << "\n";
            }
            pqxx::work tx(*connection);
            if (auto checked = privacy::check_master_key(tx, key.value(), master_key_file.string()); !checked.ok()) {
                std::cerr << "yardstick migrate: " << checked.error().message << "\n";
                return 1;
            }
            tx.commit();
        }
        const auto status = sql::inspect_schema(*connection);
        std::cout << status.summary() << "\n";
        return status.refuses_to_start() ? 1 : (status_only && !status.current() ? 2 : 0);
    } catch (...) {
        std::cerr << "yardstick migrate: " << sql::translate_exception(std::current_exception()).message << "\n";
        return 1;
    }
}

}  // namespace

int run_command_line(int argc, char** argv) {
    CLI::App app{"Yardstick: evaluation backend for SME support programmes", "yardstick"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "yardstick 0.1.0");

    // serve
    ServerConfig config;
    DatabaseOptions serve_db;
    double idle_timeout_s = 15, read_timeout_s = 30, write_timeout_s = 30, shutdown_timeout_s = 10;
    double sequencer_interval_s = 0.1;
    double retention_interval_s = 3600;
    auto* serve = app.add_subcommand("serve", "Run the HTTP server");
    add_database_options(*serve, serve_db);
    serve->add_option("--host", config.host, "Address to listen on")->envname("YARDSTICK_HOST")->capture_default_str();
    serve->add_option("--port", config.port, "Port to listen on (0: any free port)")
        ->envname("YARDSTICK_PORT")
        ->capture_default_str();
    serve->add_option("--public-url", config.public_url, "Base of every link the product hands out")
        ->envname("YARDSTICK_PUBLIC_URL");
    serve->add_option("--io-threads", config.io_threads, "Threads serving HTTP")
        ->envname("YARDSTICK_IO_THREADS")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    serve->add_option("--db-pool-size", config.db_pool_size, "Database connections (and worker threads)")
        ->envname("YARDSTICK_DB_POOL_SIZE")
        ->check(CLI::Range(1, 512))
        ->capture_default_str();
    std::string rate_limit = "20/s,100";
    serve
        ->add_option("--rate-limit", rate_limit,
                     "Requests to /f/…, /api/… and /login per client address and per token: RATE/s[,BURST], or off")
        ->envname("YARDSTICK_RATE_LIMIT")
        ->check([](const std::string& text) {
            return http::parse_rate_limit(text).ok() ? std::string()
                                                     : std::string("must be off, RATE/s or RATE/s,BURST");
        })
        ->capture_default_str();
    serve
        ->add_option("--db-queue-limit", config.db_queue_limit,
                     "Database work items that may wait for a connection before requests get 429")
        ->envname("YARDSTICK_DB_QUEUE_LIMIT")
        ->check(CLI::Range(1, 1'000'000))
        ->capture_default_str();
    serve->add_flag("--migrate", config.migrate, "Apply pending migrations before serving")
        ->envname("YARDSTICK_MIGRATE");
    serve->add_option("--body-limit", config.limits.body_limit, "Largest request body, bytes (413 above)")
        ->envname("YARDSTICK_BODY_LIMIT")
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 40))
        ->capture_default_str();
    serve->add_option("--import-body-limit", config.limits.import_body_limit,
                      "Largest body of an import (POST /api/v1/programmes/{slug}/imports/…), bytes (413 above)")
        ->envname("YARDSTICK_IMPORT_BODY_LIMIT")
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 40))
        ->capture_default_str();
    serve->add_option("--header-limit", config.limits.header_limit, "Largest request line + headers, bytes (431 above)")
        ->envname("YARDSTICK_HEADER_LIMIT")
        ->check(CLI::Range(std::uint32_t{512}, std::uint32_t{1} << 24))
        ->capture_default_str();
    serve->add_option("--idle-timeout", idle_timeout_s, "Seconds to wait for a request's headers (keep-alive idle)")
        ->envname("YARDSTICK_IDLE_TIMEOUT")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    serve->add_option("--read-timeout", read_timeout_s, "Seconds to receive a request's body")
        ->envname("YARDSTICK_READ_TIMEOUT")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    serve->add_option("--write-timeout", write_timeout_s, "Seconds to send a response")
        ->envname("YARDSTICK_WRITE_TIMEOUT")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    serve
        ->add_option("--shutdown-timeout", shutdown_timeout_s, "Seconds requests in flight get to finish after SIGTERM")
        ->envname("YARDSTICK_SHUTDOWN_TIMEOUT")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();

    // Seconds, or with a unit: 90s, 30m, 12h.
    const auto duration_units = CLI::AsNumberWithUnit(std::map<std::string, std::int64_t>{{"s", 1}, {"m", 60}, {"h", 3600}},
                                                      CLI::AsNumberWithUnit::CASE_SENSITIVE);
    std::int64_t session_idle_s = config.session_expiry.idle.count();
    std::int64_t session_lifetime_s = config.session_expiry.lifetime.count();
    serve
        ->add_option("--session-idle", session_idle_s,
                     "A staff browser session ends after this long without a request (seconds, or 30m, 2h)")
        ->envname("YARDSTICK_SESSION_IDLE")
        ->transform(duration_units)
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{7} * 24 * 3600))
        ->capture_default_str();
    serve
        ->add_option("--session-lifetime", session_lifetime_s,
                     "A staff browser session ends this long after signing in, however busy (seconds, or 12h)")
        ->envname("YARDSTICK_SESSION_LIFETIME")
        ->transform(duration_units)
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{30} * 24 * 3600))
        ->capture_default_str();
    serve
        ->add_option("--trusted-proxy", config.trusted_proxies,
                     "Address of a reverse proxy whose X-Forwarded-For and X-Forwarded-Proto are believed "
                     "(repeatable)")
        ->envname("YARDSTICK_TRUSTED_PROXY")
        ->delimiter(',')
        ->check([](const std::string& text) {
            boost::system::error_code ec;
            boost::asio::ip::make_address(text, ec);
            return ec ? std::string("must be an IP address") : std::string();
        });

    serve
        ->add_option("--sequencer-interval", sequencer_interval_s,
                     "Seconds between passes that give committed events their public order")
        ->envname("YARDSTICK_SEQUENCER_INTERVAL")
        ->check(CLI::Range(0.001, 60.0))
        ->capture_default_str();

    serve
        ->add_option("--retention-interval", retention_interval_s,
                     "Seconds between passes that apply the programmes' retention periods")
        ->envname("YARDSTICK_RETENTION_INTERVAL")
        ->check(CLI::Range(1.0, 86400.0))
        ->capture_default_str();

    LifecycleFlags lifecycle_flags;
    add_lifecycle_options(*serve, config, lifecycle_flags);

    serve
        ->add_option("--master-key-file", config.master_key_file,
                     "The master key: wraps each participant's own key (created 0600 if missing; keep it, and a copy, outside the database)")
        ->envname("YARDSTICK_MASTER_KEY_FILE")
        ->capture_default_str();

    auto* tls_certificate =
        serve
            ->add_option("--tls-cert", config.tls_certificate,
                         "Serve HTTPS (TLS 1.2+) with this certificate chain (PEM, server certificate first); "
                         "needs --tls-key")
            ->envname("YARDSTICK_TLS_CERT")
            ->check(CLI::ExistingFile);
    auto* tls_private_key =
        serve->add_option("--tls-key", config.tls_private_key, "The private key (PEM, unencrypted) of --tls-cert")
            ->envname("YARDSTICK_TLS_KEY")
            ->check(CLI::ExistingFile);
    // Half a TLS configuration is a mistake, never a request for plain HTTP.
    tls_certificate->needs(tls_private_key);
    tls_private_key->needs(tls_certificate);

    // token create
    DatabaseOptions token_db;
    TokenRequest token_request;
    auto* token_command = app.add_subcommand("token", "Manage staff API tokens");
    token_command->require_subcommand(1);
    auto* token_create = token_command->add_subcommand(
        "create", "Create a bearer token for a user; prints the token alone on the last line");
    add_database_options(*token_create, token_db);
    token_create->add_option("--user", token_request.email, "The user's e-mail address")->required();
    token_create
        ->add_option("--role", token_request.role,
                     "A role to grant the user first (created if missing); without it the token acts with the "
                     "roles the user holds")
        ->check(CLI::IsMember({"admin", "manager", "auditor", "identity-export"}));
    token_create->add_option("--programme", token_request.programme, "The programme (slug) of the role; not for admin");
    token_create->add_option("--scopes", token_request.scopes, "What the token may do: read, write, export")
        ->delimiter(',')
        ->check(CLI::IsMember({"read", "write", "export"}))
        ->capture_default_str();

    DatabaseOptions revoke_db;
    std::string revoked_token;
    std::int64_t revoked_token_id = 0;
    auto* token_revoke = token_command->add_subcommand("revoke", "Revoke a bearer token (exit 0 revoked, 1 unknown)");
    add_database_options(*token_revoke, revoke_db);
    auto* revoke_by_token =
        token_revoke->add_option("--token", revoked_token, "The token")->envname("YARDSTICK_TOKEN");
    auto* revoke_by_id =
        token_revoke->add_option("--id", revoked_token_id, "The token's id, as token list shows it")
            ->check(CLI::PositiveNumber);
    revoke_by_token->excludes(revoke_by_id);
    revoke_by_id->excludes(revoke_by_token);

    DatabaseOptions token_list_db;
    std::string token_list_email;
    auto* token_list = token_command->add_subcommand(
        "list", "List tokens: id, user, scopes, created, last used, live or revoked (never the tokens)");
    add_database_options(*token_list, token_list_db);
    token_list->add_option("--user", token_list_email, "Only this user's tokens (e-mail address)");

    DatabaseOptions check_db;
    std::string checked_token;
    auto* token_check =
        token_command->add_subcommand("check", "Say whether a bearer token is valid (exit 0) or not (1)");
    add_database_options(*token_check, check_db);
    token_check->add_option("--token", checked_token, "The token")->required()->envname("YARDSTICK_TOKEN");

    // user add / list / disable
    auto* user_command = app.add_subcommand("user", "Manage staff users");
    user_command->require_subcommand(1);
    DatabaseOptions user_add_db;
    UserRequest user_request;
    std::string user_password;
    auto* user_add = user_command->add_subcommand(
        "add", "Create a user (or add a role to one) and set their password (asked for when not given)");
    add_database_options(*user_add, user_add_db);
    user_add->add_option("--email", user_request.email, "The user's e-mail address")->required();
    user_add->add_option("--role", user_request.role, "The role to grant")
        ->required()
        ->check(CLI::IsMember({"admin", "manager", "auditor", "identity-export"}));
    user_add->add_option("--programme", user_request.programme, "The programme (slug) of the role; not for admin");
    auto* password_option =
        user_add->add_option("--password", user_password, "The password (at least 12 characters); prefer the prompt");
    DatabaseOptions user_list_db;
    auto* user_list = user_command->add_subcommand("list", "List every user with their roles");
    add_database_options(*user_list, user_list_db);
    DatabaseOptions user_disable_db;
    std::string disabled_email;
    auto* user_disable = user_command->add_subcommand("disable", "Disable a user: their tokens stop working");
    add_database_options(*user_disable, user_disable_db);
    user_disable->add_option("--email", disabled_email, "The user's e-mail address")->required();

    // demo load
    DatabaseOptions demo_db;
    std::filesystem::path demo_key_file = "var/master-key";
    std::string demo_public_url = "http://127.0.0.1:8080";
    std::filesystem::path demo_links_file = "var/demo-links.txt";
    auto* demo_command = app.add_subcommand("demo", "The demo programmes");
    demo_command->require_subcommand(1);
    auto* demo_load = demo_command->add_subcommand(
        "load", "Load mobilisesme-pilot, digital-volunteers and skills-monitor (adds only what is missing)");
    add_database_options(*demo_load, demo_db);
    demo_load->add_option("--master-key-file", demo_key_file, "The server's master key")
        ->envname("YARDSTICK_MASTER_KEY_FILE")
        ->capture_default_str();
    demo_load->add_option("--public-url", demo_public_url, "Base of the links")
        ->envname("YARDSTICK_PUBLIC_URL")
        ->capture_default_str();
    demo_load->add_option("--links-file", demo_links_file, "Where to write every demo link (mode 0600)")
        ->capture_default_str();

    // report, tallies
    DatabaseOptions report_db;
    ReportRequest report_request;
    auto* report_command_line = app.add_subcommand(
        "report", "Write a programme's impact report (as GET /api/v1/programmes/{slug}/report gives it)");
    add_database_options(*report_command_line, report_db);
    report_command_line->add_option("--programme", report_request.programme, "The programme's slug")->required();
    report_command_line->add_option("--format", report_request.format, "json, csv, html or pdf")
        ->capture_default_str();
    report_command_line->add_option("--lang", report_request.language, "Language of labels: en, fr, de or it")
        ->capture_default_str();
    report_command_line->add_option("--output,-o", report_request.output, "File to write (default: standard output)");
    DatabaseOptions tallies_db;
    auto* tallies_command = app.add_subcommand("tallies", "The impact reports' running tallies");
    tallies_command->require_subcommand(1);
    auto* tallies_rebuild =
        tallies_command->add_subcommand("rebuild", "Empty the tallies and count the whole event log again");
    add_database_options(*tallies_rebuild, tallies_db);

    // verify
    DatabaseOptions verify_db;
    std::string expect_head;
    auto* verify = app.add_subcommand(
        "verify", "Check the event log's tamper-evident chain (exit 0 intact, 1 not, 2 could not check)");
    add_database_options(*verify, verify_db);
    verify->add_option("--expect-head", expect_head,
                       "A head published earlier (SEQ:HEX, as reports and manifests print it) that must still be "
                       "on the chain");

    // recompute
    std::filesystem::path recompute_from;
    std::string recompute_language;
    auto* recompute = app.add_subcommand(
        "recompute",
        "Compute a programme's report offline from a data package (exports/datapackage.zip) after checking every "
        "file against its manifest (exit 0; 1 when a file differs from the manifest; 2 when unreadable)");
    recompute->add_option("--from", recompute_from, "The datapackage.zip")->required()->check(CLI::ExistingFile);
    recompute->add_option("--lang", recompute_language,
                          "Language of labels: en, fr, de or it (default: the programme's)");

    // retention
    DatabaseOptions retention_db;
    bool retention_dry_run = false;
    auto* retention = app.add_subcommand(
        "retention",
        "Purge unanswered invitations and drafts older than each programme's retention_days, and erase those who "
        "never answered (the server does this every hour)");
    add_database_options(*retention, retention_db);
    retention->add_flag("--dry-run", retention_dry_run, "Only show what would be purged");

    // schedule
    DatabaseOptions schedule_db;
    ScheduleCommand schedule_request;
    auto* schedule = app.add_subcommand(
        "schedule",
        "Run one pass of the programme scheduler: issue the invitations that are due, send reminders, close waves "
        "(the server does this on its own clock; exit 3 when another pass was running)");
    add_database_options(*schedule, schedule_db);
    schedule->add_option("--at", schedule_request.at,
                         "The scheduler's clock for this pass (RFC 3339 or YYYY-MM-DD; default: now)");
    schedule->add_flag("--dry-run", schedule_request.dry_run, "Only show what the pass would do");
    schedule
        ->add_option("--master-key-file", schedule_request.master_key_file,
                     "The master key (new links are sealed with each participant's key)")
        ->envname("YARDSTICK_MASTER_KEY_FILE")
        ->capture_default_str();

    // migrate
    DatabaseOptions migrate_db;
    bool status_only = false;
    auto* migrate_command = app.add_subcommand("migrate", "Apply pending database migrations");
    add_database_options(*migrate_command, migrate_db);
    std::filesystem::path migrate_key_file = "var/master-key";
    migrate_command
        ->add_option("--master-key-file", migrate_key_file,
                     "The master key (seals identities that earlier versions kept in clear; created 0600 if missing)")
        ->envname("YARDSTICK_MASTER_KEY_FILE")
        ->capture_default_str();
    migrate_command->add_flag("--status", status_only,
                              "Only report; exit 0 when current, 2 when migrations are pending, 1 on problems");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }

    if (serve->parsed()) {
        config.database = database_settings(serve_db);

        config.limits.idle_timeout = seconds_to_ms(idle_timeout_s);
        config.session_expiry.idle = std::chrono::seconds(session_idle_s);
        config.session_expiry.lifetime = std::chrono::seconds(session_lifetime_s);
        config.limits.read_timeout = seconds_to_ms(read_timeout_s);
        config.limits.write_timeout = seconds_to_ms(write_timeout_s);
        config.shutdown_timeout = seconds_to_ms(shutdown_timeout_s);
        config.rate_limit = http::parse_rate_limit(rate_limit).value();
        config.sequencer_interval = seconds_to_ms(sequencer_interval_s);
        config.retention_interval = seconds_to_ms(retention_interval_s);
        if (const auto wrong = apply_lifecycle_options(lifecycle_flags, config); !wrong.empty()) {
            std::cerr << "yardstick serve: " << wrong << "\n";
            return 2;
        }
        return run_server(config);
    }
    if (token_create->parsed()) {
        return create_token_command(database_settings(token_db), token_request);
    }
    if (token_revoke->parsed()) {
        if (revoked_token.empty() && revoked_token_id == 0) {
            std::cerr << "yardstick token revoke: give --token or --id\n";
            return 2;
        }
        return revoke_token_command(database_settings(revoke_db), revoked_token, revoked_token_id);
    }
    if (token_list->parsed()) {
        return list_tokens_command(database_settings(token_list_db), token_list_email);
    }
    if (user_add->parsed()) {
        if (password_option->count() > 0) {
            user_request.password = user_password;
        }
        return add_user_command(database_settings(user_add_db), user_request);
    }
    if (user_list->parsed()) {
        return list_users_command(database_settings(user_list_db));
    }
    if (user_disable->parsed()) {
        return disable_user_command(database_settings(user_disable_db), disabled_email);
    }
    if (token_check->parsed()) {
        return check_token_command(database_settings(check_db), checked_token);
    }
    if (demo_load->parsed()) {
        return load_demo_command(database_settings(demo_db), demo_key_file, demo_public_url, demo_links_file);
    }
    if (report_command_line->parsed()) {
        return report_command(database_settings(report_db), report_request);
    }
    if (tallies_rebuild->parsed()) {
        return rebuild_tallies_command(database_settings(tallies_db));
    }
    if (verify->parsed()) {
        return verify_command(database_settings(verify_db), expect_head);
    }
    if (recompute->parsed()) {
        return recompute_command(recompute_from, recompute_language);
    }
    if (retention->parsed()) {
        return retention_command(database_settings(retention_db), retention_dry_run);
    }
    if (schedule->parsed()) {
        return schedule_command(database_settings(schedule_db), schedule_request);
    }
    if (migrate_command->parsed()) {
        return migrate(migrate_db, status_only, migrate_key_file);
    }
    return 2;
}

}  // namespace yardstick::server

#include "server/app/lifecycle_options.hpp"

namespace yardstick::server {

void add_lifecycle_options(CLI::App& serve, ServerConfig& config, LifecycleFlags& flags) {
    serve
        .add_option("--database-read-url", flags.read_url,
                     "A streaming replica of the database: reports and response exports read there (after it has "
                     "replayed what the primary had when the request came)")
        ->envname("YARDSTICK_DATABASE_READ_URL");
    serve
        .add_option("--schedule-interval", flags.schedule_interval_s,
                     "Longest time in seconds between passes of the programme scheduler (invitations, reminders, "
                     "closing waves); transitions start one at once; 0: this node runs no scheduler")
        ->envname("YARDSTICK_SCHEDULE_INTERVAL")
        ->check(CLI::Range(0.0, 86400.0))
        ->capture_default_str();
    serve
        .add_option("--smtp-url", config.smtp.url,
                     "Send e-mail through this SMTP server: smtp://host:port (STARTTLS, see --smtp-starttls) or "
                     "smtps://host:port (TLS)")
        ->envname("YARDSTICK_SMTP_URL");
    serve.add_option("--smtp-user", config.smtp.user, "SMTP AUTH user name")->envname("YARDSTICK_SMTP_USER");
    serve.add_option("--smtp-password", config.smtp.password, "SMTP AUTH password (prefer the environment variable)")
        ->envname("YARDSTICK_SMTP_PASSWORD");
    serve.add_option("--smtp-starttls", config.smtp.starttls, "STARTTLS on smtp:// URLs: required, optional or off")
        ->envname("YARDSTICK_SMTP_STARTTLS")
        ->check(CLI::IsMember({"required", "optional", "off"}))
        ->capture_default_str();
    serve.add_option("--smtp-ca-file", config.smtp.ca_file, "Trust this CA certificate (PEM) for the SMTP server")
        ->envname("YARDSTICK_SMTP_CA_FILE")
        ->check(CLI::ExistingFile);
    serve
        .add_option("--mail-dir", config.mail_dir,
                     "Write e-mail as .eml files into this directory instead of sending it (the demo's transport)")
        ->envname("YARDSTICK_MAIL_DIR");
    serve.add_option("--mail-from", config.mail_from, "Sender of e-mail (From header and envelope)")
        ->envname("YARDSTICK_MAIL_FROM")
        ->capture_default_str();
    serve
        .add_option("--mail-retry-base", flags.mail_retry_base_s,
                     "Seconds before the first retry of a failed delivery; each further retry waits twice as long "
                     "(at most an hour)")
        ->envname("YARDSTICK_MAIL_RETRY_BASE")
        ->check(CLI::Range(0.0, 3600.0))
        ->capture_default_str();
    serve.add_option("--mail-max-attempts", config.mail_max_attempts, "Attempts before a message is marked failed")
        ->envname("YARDSTICK_MAIL_MAX_ATTEMPTS")
        ->check(CLI::Range(1, 100))
        ->capture_default_str();

    serve
        .add_option("--webhook-retry-base", flags.webhook_retry_base_s,
                     "Seconds before the first retry of a failed webhook delivery; each further retry waits twice "
                     "as long (at most an hour)")
        ->envname("YARDSTICK_WEBHOOK_RETRY_BASE")
        ->check(CLI::Range(0.0, 3600.0))
        ->capture_default_str();
    serve
        .add_option("--webhook-max-attempts", config.webhook_max_attempts,
                     "Attempts before a webhook delivery is marked failed")
        ->envname("YARDSTICK_WEBHOOK_MAX_ATTEMPTS")
        ->check(CLI::Range(1, 100))
        ->capture_default_str();
}

std::string apply_lifecycle_options(const LifecycleFlags& flags, ServerConfig& config) {
    if (!flags.read_url.empty()) {
        config.read_database = config.database;
        config.read_database->url = flags.read_url;
    }
    const auto ms = [](double seconds) { return std::chrono::milliseconds(static_cast<long long>(seconds * 1000)); };
    config.schedule_interval = ms(flags.schedule_interval_s);
    config.mail_retry_base = ms(flags.mail_retry_base_s);
    config.webhook_retry_base = ms(flags.webhook_retry_base_s);
    if (!config.smtp.url.empty() && !config.mail_dir.empty()) {
        return "give --smtp-url or --mail-dir, not both";
    }
    return {};
}

}  // namespace yardstick::server

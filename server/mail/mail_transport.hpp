#pragma once
// Where rendered messages go: an SMTP server (libcurl; STARTTLS and AUTH) or
// a directory of .eml files (the demo's --mail-dir). Both block: the
// dispatcher calls them from its own thread, never from an I/O thread.

#include <filesystem>
#include <memory>
#include <string>

#include "server/mail/mail_message.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::server::mail {

class MailTransport {
public:
    virtual ~MailTransport() = default;
    /// Hands the message over; ok once the receiving side accepted it.
    virtual Status send(const RenderedMessage& message) = 0;
    /// For the log: "smtp://host:port" (no credentials) or the directory.
    virtual std::string describe() const = 0;
};

struct SmtpSettings {
    std::string url;  ///< smtp://host[:port] (STARTTLS as `starttls` says) or smtps://host[:port] (TLS at once)
    std::string user;      ///< empty: no AUTH
    std::string password;
    /// smtp:// only: "required" (refuse a server without STARTTLS), "optional" or "off".
    std::string starttls = "required";
    std::string ca_file;  ///< trust this CA (PEM) instead of the system's; empty: the system's
    long timeout_seconds = 60;
};

/// libcurl's global set-up (not thread-safe: main() calls it before any
/// thread starts); later calls do nothing.
void initialise_mail_library();

std::unique_ptr<MailTransport> smtp_transport(SmtpSettings settings);

/// Writes each message to `directory`/<Message-ID>.eml (through a temporary
/// file and a rename: a reader never sees half a message; a message sent
/// again replaces itself).
std::unique_ptr<MailTransport> mail_directory_transport(std::filesystem::path directory);

}  // namespace yardstick::server::mail

#pragma once
// Delivers the outbox (sql/outbox.hpp): claims one due message at a time
// under its row lock, renders it from the participant's sealed identity and
// link, hands it to the transport, and marks it sent in the same
// transaction. At-least-once: a crash between the transport's acceptance and
// the commit leaves the message pending, and it is sent again later with
// the same bytes, Message-ID included (docs/decisions.md §17). A failed
// attempt is retried after retry_base·2^(attempts−1), at most an hour, until
// max_attempts; then the message is `failed` (event message.failed).

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include <pqxx/connection>

#include "server/mail/mail_transport.hpp"
#include "server/security/master_key.hpp"

namespace yardstick::server::mail {

struct DispatchSettings {
    std::string from = "Yardstick <yardstick@localhost>";
    std::string public_url;  ///< links are <public_url>/f/<token>
    std::chrono::milliseconds retry_base{30'000};
    int max_attempts = 8;
};

class Dispatcher {
public:
    Dispatcher(const security::MasterKey& master_key, std::unique_ptr<MailTransport> transport,
               DispatchSettings settings);

    /// Delivers every message due now, one transaction each. Returns how long
    /// until the next pending one is due (at most `idle`).
    std::chrono::milliseconds dispatch_due(pqxx::connection& connection, std::chrono::milliseconds idle);

    const MailTransport& transport() const { return *transport_; }

private:
    /// Handles one due message; false when none was due.
    bool dispatch_one(pqxx::connection& connection);

    const security::MasterKey& master_key_;
    std::unique_ptr<MailTransport> transport_;
    DispatchSettings settings_;
    std::string domain_;
};

}  // namespace yardstick::server::mail

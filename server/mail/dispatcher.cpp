#include "server/mail/dispatcher.hpp"

#include <algorithm>

#include <boost/url/parse.hpp>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/app/backoff.hpp"
#include "server/app/log.hpp"
#include "server/privacy/identities.hpp"
#include "yardstick/sql/event_log.hpp"
#include "yardstick/sql/outbox.hpp"

namespace yardstick::server::mail {
namespace {

constexpr const char* kActor = "dispatcher";

void append(pqxx::transaction_base& tx, std::int64_t programme_id, std::string type, const nlohmann::json& data) {
    sql::append_event(tx, {programme_id, std::move(type), kActor, data.dump()});
}

std::string host_of(const std::string& public_url) {
    const auto url = boost::urls::parse_uri(public_url);
    if (!url || url->host().empty()) {
        return "localhost";
    }
    return std::string(url->host());
}

// Opens a sealed value, or empty when it cannot be opened.
std::string open_or_empty(const security::PersonKey& key, const std::optional<std::string>& sealed) {
    if (!sealed) {
        return {};
    }
    auto opened = key.open(*sealed);
    return opened.ok() ? *opened : std::string();
}

}  // namespace

Dispatcher::Dispatcher(const security::MasterKey& master_key, std::unique_ptr<MailTransport> transport,
                       DispatchSettings settings)
    : master_key_(master_key),
      transport_(std::move(transport)),
      settings_(std::move(settings)),
      domain_(host_of(settings_.public_url)) {}

std::chrono::milliseconds Dispatcher::dispatch_due(pqxx::connection& connection, std::chrono::milliseconds idle) {
    while (dispatch_one(connection)) {
    }
    pqxx::work tx(connection);
    const auto due_in = sql::next_message_due_in_ms(tx);
    tx.commit();
    return due_in ? std::min(idle, std::chrono::milliseconds(*due_in)) : idle;
}

bool Dispatcher::dispatch_one(pqxx::connection& connection) {
    pqxx::work tx(connection);
    const auto due = sql::claim_due_message(tx);
    if (!due) {
        return false;
    }
    const auto cancel = [&](const std::string& reason) {
        sql::cancel_message(tx, due->id, reason);
        append(tx, due->programme_id, "message.cancelled",
               {{"message_id", due->id}, {"invitation_id", due->invitation_id}, {"reason", reason}});
        tx.commit();
        log_info("mail.cancelled", {{"outbox_id", due->id}, {"reason", reason}});
        return true;
    };
    auto key = privacy::unwrap(master_key_, due->wrapped_key);
    if (!key.ok()) {
        sql::mark_attempt_failed(tx, due->id, key.error().message, 0, true);
        append(tx, due->programme_id, "message.failed", {{"message_id", due->id}, {"attempts", due->attempts + 1}});
        tx.commit();
        log_error("mail.failed", {{"outbox_id", due->id}, {"reason", key.error().message}});
        return true;
    }
    if (!*key) {
        return cancel("participant erased");
    }
    // An invitation already answered, cancelled, expired, purged or in a
    // closed wave: its e-mail would only confuse.
    if (due->link_ended || !due->token_sealed) {
        return cancel("link no longer open");
    }
    const auto& person = **key;
    const auto token = open_or_empty(person, due->token_sealed);
    const auto address = open_or_empty(person, due->email_sealed);
    if (token.empty() || address.empty()) {
        return cancel("no address or link to send");
    }
    MailFacts facts;
    facts.language = due->language;
    facts.kind = due->kind;
    facts.wave = due->wave;
    facts.programme_name = due->programme_name;
    facts.participant_name = open_or_empty(person, due->name_sealed);
    facts.url = settings_.public_url + "/f/" + token;
    facts.valid_until = due->expires_at.substr(0, 10);
    facts.contact = due->programme_contact;
    MessageHeaders headers;
    headers.outbox_id = due->id;
    headers.programme_slug = due->programme_slug;
    headers.from = settings_.from;
    headers.to_name = facts.participant_name;
    headers.to_address = address;
    headers.reply_to = due->programme_contact.find('@') != std::string::npos ? due->programme_contact : "";
    headers.date = due->created_at;
    headers.domain = domain_;
    const auto message = render_message(headers, mail_words(facts));

    const int attempts = due->attempts + 1;
    // Before the send: which node holds which message (the two-node test
    // kills the one that holds the first).
    log_info("mail.sending", {{"outbox_id", due->id}, {"attempt", attempts}});
    const auto sent = transport_->send(message);
    if (sent.ok()) {
        sql::mark_sent(tx, due->id);
        append(tx, due->programme_id, "message.sent",
               {{"message_id", due->id},
                {"invitation_id", due->invitation_id},
                {"kind", due->kind},
                {"attempts", attempts}});
        tx.commit();
        log_info("mail.sent", {{"outbox_id", due->id}, {"kind", due->kind}, {"attempts", attempts}});
        return true;
    }
    const bool give_up = attempts >= settings_.max_attempts;
    const auto retry = retry_delay(settings_.retry_base, attempts);
    sql::mark_attempt_failed(tx, due->id, sent.error().message, retry.count(), give_up);
    if (give_up) {
        append(tx, due->programme_id, "message.failed", {{"message_id", due->id}, {"attempts", attempts}});
    }
    tx.commit();
    log_warning(give_up ? "mail.failed" : "mail.retry",
                {{"outbox_id", due->id},
                 {"attempts", attempts},
                 {"reason", sent.error().message},
                 {"retry_in_ms", give_up ? 0 : retry.count()}});
    return true;
}

}  // namespace yardstick::server::mail

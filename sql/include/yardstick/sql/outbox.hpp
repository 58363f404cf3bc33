#pragma once
// The e-mail outbox (migration 0012): messages written in the transaction of
// the event that asks for them, claimed one at a time by a dispatcher
// (row lock, SKIP LOCKED: several dispatchers never send one message at
// once), marked sent or retried later. Inside the caller's transaction.

#include <cstdint>
#include <optional>
#include <string>

#include <pqxx/transaction_base>

namespace yardstick::sql {

struct NewMessage {
    std::int64_t programme_id = 0;
    std::int64_t invitation_id = 0;
    std::int64_t participant_id = 0;
    std::string kind;  ///< invitation, reminder
    std::optional<int> reminder_number;
    std::string created_at;  ///< RFC 3339: the message's Date, and when it is first due
};

/// Queues the message and notifies the dispatchers (NOTIFY yardstick_outbox,
/// delivered at commit). Returns its id.
std::int64_t queue_message(pqxx::transaction_base& tx, const NewMessage& message);

/// A due message with what rendering it needs: the sealed parts are opened
/// with the participant's key (nullopt once erased).
struct DueMessage {
    std::int64_t id = 0;
    std::int64_t programme_id = 0;
    std::string programme_slug;
    std::string programme_name;
    std::string programme_contact;  ///< may be empty
    std::int64_t invitation_id = 0;
    std::int64_t participant_id = 0;
    std::string kind;
    std::optional<int> reminder_number;
    std::string created_at;  ///< RFC 3339
    int attempts = 0;        ///< before this one
    std::string language;
    std::string respondent;
    std::string wave;
    std::string expires_at;  ///< the link's, RFC 3339
    std::optional<std::string> wrapped_key;
    std::optional<std::string> name_sealed;
    std::optional<std::string> email_sealed;
    std::optional<std::string> token_sealed;
    bool link_ended = false;  ///< answered, cancelled, expired or purged since it was queued
};

/// Locks and returns the oldest due pending message that no other
/// transaction holds, or nullopt.
std::optional<DueMessage> claim_due_message(pqxx::transaction_base& tx);

void mark_sent(pqxx::transaction_base& tx, std::int64_t id);

/// Counts a failed attempt; the message is tried again `retry_after_ms` from
/// now, or, with `give_up`, marked failed.
void mark_attempt_failed(pqxx::transaction_base& tx, std::int64_t id, const std::string& error,
                         std::int64_t retry_after_ms, bool give_up);

void cancel_message(pqxx::transaction_base& tx, std::int64_t id, const std::string& reason);

/// Milliseconds until the next pending message is due (0: one is due now),
/// or nullopt when none is pending.
std::optional<std::int64_t> next_message_due_in_ms(pqxx::transaction_base& tx);

}  // namespace yardstick::sql

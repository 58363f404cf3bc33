#pragma once
// Webhook subscriptions and their deliveries (migration 0013), inside the
// caller's transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/transaction_base>

namespace yardstick::sql {

struct NewWebhook {
    std::int64_t programme_id = 0;
    std::string url;
    std::vector<std::string> event_types;
    std::string secret_sealed;  ///< raw bytes
    std::string created_by;
};

struct StoredWebhook {
    std::int64_t id = 0;
    std::string url;
    std::vector<std::string> event_types;
    std::string created_at;
    std::string created_by;
    std::int64_t delivered = 0;  ///< deliveries by status
    std::int64_t pending = 0;
    std::int64_t failed = 0;
};

/// Returns the new webhook's id and creation time.
std::pair<std::int64_t, std::string> insert_webhook(pqxx::transaction_base& tx, const NewWebhook& webhook);

/// The programme's live webhooks, in id order.
std::vector<StoredWebhook> list_webhooks(pqxx::transaction_base& tx, std::int64_t programme_id);

/// Deletes a live webhook of the programme and cancels its pending
/// deliveries; false when there is no such live webhook.
bool delete_webhook(pqxx::transaction_base& tx, std::int64_t programme_id, std::int64_t id);

struct StoredDelivery {
    std::int64_t id = 0;
    std::int64_t event_seq = 0;
    std::string event_type;
    std::string status;
    int attempts = 0;
    std::string created_at;
    std::optional<std::string> last_attempt_at;
    std::optional<int> last_status_code;
    std::optional<std::string> last_error;
    std::optional<std::string> delivered_at;
    std::optional<std::string> next_attempt_at;  ///< while pending
};

/// A webhook's deliveries, newest first, with id < `before` (0: from the newest), at most `limit`.
std::vector<StoredDelivery> list_deliveries(pqxx::transaction_base& tx, std::int64_t webhook_id, std::int64_t before,
                                            std::int64_t limit);

/// Whether the programme has this webhook (live or deleted).
bool webhook_exists(pqxx::transaction_base& tx, std::int64_t programme_id, std::int64_t id);

/// Writes the deliveries of the next events after the fan-out checkpoint (at
/// most `batch` of them) and moves the checkpoint, under its row lock (nodes
/// take turns). Returns how many deliveries were written.
std::int64_t fan_out_events(pqxx::transaction_base& tx, std::int64_t batch);

/// A due delivery, locked (SKIP LOCKED), with what it sends.
struct DueDelivery {
    std::int64_t id = 0;
    std::int64_t webhook_id = 0;
    std::int64_t programme_id = 0;
    std::string url;
    std::string secret_sealed;
    int attempts = 0;  ///< before this one
    // The event, as GET …/events shows it.
    std::int64_t seq = 0;
    std::string type;
    std::string occurred_at;
    std::string actor;
    std::string data_json;
    std::string programme_slug;
};

std::optional<DueDelivery> claim_due_delivery(pqxx::transaction_base& tx);

void mark_delivered(pqxx::transaction_base& tx, std::int64_t id, int status_code);
void mark_delivery_failed(pqxx::transaction_base& tx, std::int64_t id, std::optional<int> status_code,
                          const std::string& error, std::int64_t retry_after_ms, bool give_up);

/// Milliseconds until the next pending delivery is due, or nullopt.
std::optional<std::int64_t> next_delivery_due_in_ms(pqxx::transaction_base& tx);

}  // namespace yardstick::sql

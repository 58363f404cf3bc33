#pragma once
// Webhooks (migration 0013): writes one delivery per subscription and event
// as the event log's public order grows (the sequencer NOTIFYs
// yardstick_events), then POSTs each due delivery, signed
// (webhooks/signature.hpp), one at a time under its row lock. A 2xx answer
// marks it delivered; anything else (or no answer within 10 s) is retried
// after retry_base·2^(attempts−1), at most an hour, until max_attempts, then
// it is `failed`. Each attempt is in the delivery log (GET …/webhooks/{id}/deliveries).
// Deliveries are not events: a subscription to "*" must not feed itself.

#include <chrono>

#include <pqxx/connection>

#include "server/security/master_key.hpp"

namespace yardstick::server::webhooks {

struct WebhookSettings {
    std::chrono::milliseconds retry_base{30'000};
    int max_attempts = 8;
    long timeout_seconds = 10;
};

class WebhookDispatcher {
public:
    WebhookDispatcher(const security::MasterKey& master_key, WebhookSettings settings);

    /// Fans out new events, then delivers everything due. Returns how long
    /// until the next delivery is due (at most `idle`).
    std::chrono::milliseconds run_due(pqxx::connection& connection, std::chrono::milliseconds idle);

private:
    bool deliver_one(pqxx::connection& connection);

    const security::MasterKey& master_key_;
    WebhookSettings settings_;
};

/// The associated data a webhook's secret is sealed with.
std::string secret_context(std::int64_t programme_id);

}  // namespace yardstick::server::webhooks

#include "server/webhooks/webhook_dispatcher.hpp"

#include <curl/curl.h>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/app/backoff.hpp"
#include "server/app/log.hpp"
#include "server/lifecycle/instant_text.hpp"
#include "server/webhooks/signature.hpp"
#include "yardstick/sql/webhooks.hpp"

namespace yardstick::server::webhooks {
namespace {

struct PostResult {
    long status = 0;     ///< HTTP status; 0: none came
    std::string error;   ///< empty when an answer came
};

std::size_t discard(char*, std::size_t size, std::size_t count, void*) {
    return size * count;  // the receiver's body is not kept
}

// POSTs `body` (blocking).
PostResult post(const std::string& url, const std::string& body, const std::vector<std::string>& headers,
                long timeout_seconds) {
    PostResult result;
    CURL* curl = curl_easy_init();
    if (curl == nullptr) {
        result.error = "libcurl could not start a transfer";
        return result;
    }
    curl_slist* list = nullptr;
    for (const auto& header : headers) {
        list = curl_slist_append(list, header.c_str());
    }
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout_seconds);
    // A redirect could send the signed body somewhere else: not followed.
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    const CURLcode code = curl_easy_perform(curl);
    if (code == CURLE_OK) {
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
    } else {
        result.error = error[0] != '\0' ? error : curl_easy_strerror(code);
    }
    curl_slist_free_all(list);
    curl_easy_cleanup(curl);
    return result;
}

}  // namespace

std::string secret_context(std::int64_t programme_id) {
    return "webhook-secret:" + std::to_string(programme_id);
}

WebhookDispatcher::WebhookDispatcher(const security::MasterKey& master_key, WebhookSettings settings)
    : master_key_(master_key), settings_(settings) {}

std::chrono::milliseconds WebhookDispatcher::run_due(pqxx::connection& connection, std::chrono::milliseconds idle) {
    for (;;) {
        pqxx::work tx(connection);
        const auto before = tx.exec("SELECT last_seq FROM webhook_checkpoint")[0][0].as<std::int64_t>();
        sql::fan_out_events(tx, 1'000);
        const auto after = tx.exec("SELECT last_seq FROM webhook_checkpoint")[0][0].as<std::int64_t>();
        tx.commit();
        if (after == before) {
            break;
        }
    }
    while (deliver_one(connection)) {
    }
    pqxx::work tx(connection);
    const auto due_in = sql::next_delivery_due_in_ms(tx);
    tx.commit();
    return due_in ? std::min(idle, std::chrono::milliseconds(*due_in)) : idle;
}

bool WebhookDispatcher::deliver_one(pqxx::connection& connection) {
    pqxx::work tx(connection);
    const auto due = sql::claim_due_delivery(tx);
    if (!due) {
        return false;
    }
    const int attempts = due->attempts + 1;
    const auto secret = security::open_sealed(master_key_, due->secret_sealed, secret_context(due->programme_id));
    if (!secret.ok()) {
        sql::mark_delivery_failed(tx, due->id, std::nullopt, secret.error().message, 0, true);
        tx.commit();
        log_error("webhooks.failed", {{"delivery_id", due->id}, {"reason", secret.error().message}});
        return true;
    }
    // The same body on every attempt; the signature's time is the attempt's.
    const nlohmann::json body = {{"delivery_id", due->id},
                                 {"webhook_id", due->webhook_id},
                                 {"programme", due->programme_slug},
                                 {"event",
                                  {{"seq", due->seq},
                                   {"type", due->type},
                                   {"occurred_at", due->occurred_at},
                                   {"actor", due->actor},
                                   {"data", nlohmann::json::parse(due->data_json)}}}};
    const auto text = body.dump();
    const auto now = lifecycle::system_now().time_since_epoch().count();
    const auto result = post(due->url, text,
                             {"Content-Type: application/json", "User-Agent: Yardstick-Webhooks/1",
                              "Yardstick-Event: " + due->type, "Yardstick-Delivery: " + std::to_string(due->id),
                              "Yardstick-Signature: " + signature_header(*secret, now, text)},
                             settings_.timeout_seconds);
    if (result.error.empty() && result.status >= 200 && result.status < 300) {
        sql::mark_delivered(tx, due->id, static_cast<int>(result.status));
        tx.commit();
        log_info("webhooks.delivered",
                 {{"delivery_id", due->id}, {"webhook_id", due->webhook_id}, {"status", result.status}});
        return true;
    }
    const bool give_up = attempts >= settings_.max_attempts;
    const auto retry = retry_delay(settings_.retry_base, attempts);
    const std::optional<int> status = result.status != 0 ? std::optional<int>(static_cast<int>(result.status))
                                                         : std::nullopt;
    const auto error = result.error.empty() ? "HTTP " + std::to_string(result.status) : result.error;
    sql::mark_delivery_failed(tx, due->id, status, error, retry.count(), give_up);
    tx.commit();
    log_warning(give_up ? "webhooks.failed" : "webhooks.retry",
                {{"delivery_id", due->id}, {"attempts", attempts}, {"reason", error}});
    return true;
}

}  // namespace yardstick::server::webhooks

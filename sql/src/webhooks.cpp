#include "yardstick/sql/webhooks.hpp"

#include <pqxx/pqxx>

#include "field_values.hpp"

namespace yardstick::sql {

std::pair<std::int64_t, std::string> insert_webhook(pqxx::transaction_base& tx, const NewWebhook& webhook) {
    const auto row = tx.exec_params1(
        "INSERT INTO webhooks (programme_id, url, event_types, secret_sealed, created_by) "
        "VALUES ($1, $2, $3::text[], $4, $5) RETURNING id, rfc3339(created_at)",
        webhook.programme_id, webhook.url, simple_text_array(webhook.event_types),
        pqxx::binarystring(webhook.secret_sealed), webhook.created_by);
    return {row[0].as<std::int64_t>(), row[1].as<std::string>()};
}

std::vector<StoredWebhook> list_webhooks(pqxx::transaction_base& tx, std::int64_t programme_id) {
    const auto rows = tx.exec_params(
        "SELECT w.id, w.url, w.event_types, rfc3339(w.created_at), w.created_by, "
        "       count(*) FILTER (WHERE d.status = 'delivered'), count(*) FILTER (WHERE d.status = 'pending'), "
        "       count(*) FILTER (WHERE d.status = 'failed') "
        "FROM webhooks w LEFT JOIN webhook_deliveries d ON d.webhook_id = w.id "
        "WHERE w.programme_id = $1 AND w.deleted_at IS NULL "
        "GROUP BY w.id ORDER BY w.id",
        programme_id);
    return map_rows(rows, [](const pqxx::row& row) {
        StoredWebhook webhook;
        webhook.id = row[0].as<std::int64_t>();
        webhook.url = row[1].as<std::string>();
        webhook.event_types = text_array(row[2]);
        webhook.created_at = row[3].as<std::string>();
        webhook.created_by = row[4].as<std::string>();
        webhook.delivered = row[5].as<std::int64_t>();
        webhook.pending = row[6].as<std::int64_t>();
        webhook.failed = row[7].as<std::int64_t>();
        return webhook;
    });
}

bool delete_webhook(pqxx::transaction_base& tx, std::int64_t programme_id, std::int64_t id) {
    const auto deleted = tx.exec_params(
        "UPDATE webhooks SET deleted_at = now() WHERE programme_id = $1 AND id = $2 AND deleted_at IS NULL", programme_id,
        id);
    if (deleted.affected_rows() == 0) {
        return false;
    }
    tx.exec_params(
        "UPDATE webhook_deliveries SET status = 'cancelled', last_error = 'webhook deleted' "
        "WHERE webhook_id = $1 AND status = 'pending'",
        id);
    return true;
}

bool webhook_exists(pqxx::transaction_base& tx, std::int64_t programme_id, std::int64_t id) {
    return !tx.exec_params("SELECT 1 FROM webhooks WHERE programme_id = $1 AND id = $2", programme_id, id).empty();
}

std::vector<StoredDelivery> list_deliveries(pqxx::transaction_base& tx, std::int64_t webhook_id, std::int64_t before,
                                            std::int64_t limit) {
    const auto rows = tx.exec_params(
        "SELECT id, event_seq, event_type, status, attempts, rfc3339(created_at), rfc3339(last_attempt_at), "
        "       last_status_code, last_error, rfc3339(delivered_at), "
        "       CASE WHEN status = 'pending' THEN rfc3339(next_attempt_at) END "
        "FROM webhook_deliveries WHERE webhook_id = $1 AND ($2 = 0 OR id < $2) ORDER BY id DESC LIMIT $3",
        webhook_id, before, limit);
    return map_rows(rows, [](const pqxx::row& row) {
        StoredDelivery delivery;
        delivery.id = row[0].as<std::int64_t>();
        delivery.event_seq = row[1].as<std::int64_t>();
        delivery.event_type = row[2].as<std::string>();
        delivery.status = row[3].as<std::string>();
        delivery.attempts = row[4].as<int>();
        delivery.created_at = row[5].as<std::string>();
        delivery.last_attempt_at = optional_field<std::string>(row[6]);
        delivery.last_status_code = optional_field<int>(row[7]);
        delivery.last_error = optional_field<std::string>(row[8]);
        delivery.delivered_at = optional_field<std::string>(row[9]);
        delivery.next_attempt_at = optional_field<std::string>(row[10]);
        return delivery;
    });
}

std::int64_t fan_out_events(pqxx::transaction_base& tx, std::int64_t batch) {
    const auto after = tx.exec("SELECT last_seq FROM webhook_checkpoint FOR UPDATE")[0][0].as<std::int64_t>();
    const auto through = tx.exec_params1(
                               "SELECT coalesce(max(seq), $1) FROM "
                               "(SELECT seq FROM event_order WHERE seq > $1 ORDER BY seq LIMIT $2) next",
                               after, batch)[0]
                             .as<std::int64_t>();
    if (through == after) {
        return 0;
    }
    const auto written = tx.exec_params(
        "INSERT INTO webhook_deliveries (webhook_id, event_seq, event_type) "
        "SELECT w.id, o.seq, e.type "
        "FROM event_order o JOIN events e ON e.id = o.event_id "
        "JOIN webhooks w ON w.programme_id = e.programme_id AND w.deleted_at IS NULL "
        "     AND (e.type = ANY (w.event_types) OR '*' = ANY (w.event_types)) "
        "     AND e.occurred_at >= w.created_at "
        "WHERE o.seq > $1 AND o.seq <= $2 "
        "ON CONFLICT DO NOTHING",
        after, through);
    tx.exec_params("UPDATE webhook_checkpoint SET last_seq = $1", through);
    if (written.affected_rows() > 0) {
        tx.exec("NOTIFY yardstick_webhooks");
    }
    return static_cast<std::int64_t>(written.affected_rows());
}

std::optional<DueDelivery> claim_due_delivery(pqxx::transaction_base& tx) {
    const auto rows = tx.exec(
        "SELECT d.id, w.id, w.programme_id, w.url, w.secret_sealed, d.attempts, o.seq, e.type, "
        "       rfc3339(e.occurred_at), e.actor, e.data::text, p.slug "
        "FROM webhook_deliveries d "
        "JOIN webhooks w ON w.id = d.webhook_id "
        "JOIN event_order o ON o.seq = d.event_seq "
        "JOIN events e ON e.id = o.event_id "
        "JOIN programmes p ON p.id = w.programme_id "
        "WHERE d.status = 'pending' AND d.next_attempt_at <= now() "
        "ORDER BY d.next_attempt_at, d.id LIMIT 1 "
        "FOR UPDATE OF d SKIP LOCKED");
    if (rows.empty()) {
        return std::nullopt;
    }
    const auto& row = rows[0];
    DueDelivery due;
    due.id = row[0].as<std::int64_t>();
    due.webhook_id = row[1].as<std::int64_t>();
    due.programme_id = row[2].as<std::int64_t>();
    due.url = row[3].as<std::string>();
    due.secret_sealed = pqxx::binarystring(row[4]).str();
    due.attempts = row[5].as<int>();
    due.seq = row[6].as<std::int64_t>();
    due.type = row[7].as<std::string>();
    due.occurred_at = row[8].as<std::string>();
    due.actor = row[9].as<std::string>();
    due.data_json = row[10].as<std::string>();
    due.programme_slug = row[11].as<std::string>();
    return due;
}

void mark_delivered(pqxx::transaction_base& tx, std::int64_t id, int status_code) {
    tx.exec_params(
        "UPDATE webhook_deliveries SET status = 'delivered', delivered_at = now(), attempts = attempts + 1, "
        "    last_attempt_at = now(), last_status_code = $2, last_error = NULL "
        "WHERE id = $1",
        id, status_code);
}

void mark_delivery_failed(pqxx::transaction_base& tx, std::int64_t id, std::optional<int> status_code,
                          const std::string& error, std::int64_t retry_after_ms, bool give_up) {
    tx.exec_params(
        "UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = now(), last_status_code = $2, "
        "    last_error = $3, status = CASE WHEN $5 THEN 'failed' ELSE status END, "
        "    next_attempt_at = now() + make_interval(secs => $4::double precision / 1000) "
        "WHERE id = $1",
        id, status_code, error, retry_after_ms, give_up);
}

std::optional<std::int64_t> next_delivery_due_in_ms(pqxx::transaction_base& tx) {
    const auto row = tx.exec1(
        "SELECT greatest(0, ceil(extract(epoch FROM min(next_attempt_at) - now()) * 1000))::bigint "
        "FROM webhook_deliveries WHERE status = 'pending'");
    return optional_field<std::int64_t>(row[0]);
}

}  // namespace yardstick::sql

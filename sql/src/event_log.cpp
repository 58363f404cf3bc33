#include "yardstick/sql/event_log.hpp"

#include <algorithm>

#include <pqxx/pqxx>

#include "field_values.hpp"

#include "stored_event_row.hpp"
#include "yardstick/sql/event_seals.hpp"

namespace yardstick::sql {
namespace {

// pg_advisory_xact_lock key of the sequencer ("ysseq" in ASCII).
constexpr long long kSequencerLockKey = 0x7973736571LL;

}  // namespace

std::int64_t append_event(pqxx::transaction_base& tx, const NewEvent& event) {
    const auto row = event.programme_id
                         ? tx.exec_params1("INSERT INTO events (programme_id, type, actor, data) "
                                           "VALUES ($1, $2, $3, $4::jsonb) RETURNING id",
                                           *event.programme_id, event.type, event.actor, event.data_json)
                         : tx.exec_params1("INSERT INTO events (type, actor, data) "
                                           "VALUES ($1, $2, $3::jsonb) RETURNING id",
                                           event.type, event.actor, event.data_json);
    return row[0].as<std::int64_t>();
}

std::int64_t sequence_committed_events(pqxx::connection& connection, std::int64_t batch_limit) {
    pqxx::work tx(connection);
    tx.exec_params("SELECT pg_advisory_xact_lock($1)", kSequencerLockKey);
    // The horizon is read in the same statement as the rows, so both come
    // from one snapshot.
    const auto result = tx.exec_params(
        R"(WITH last AS (
               SELECT coalesce(max(seq), 0) AS seq,
                      coalesce((SELECT txid FROM event_order ORDER BY seq DESC LIMIT 1), '0'::xid8) AS txid,
                      coalesce((SELECT event_id FROM event_order ORDER BY seq DESC LIMIT 1), 0) AS event_id
               FROM event_order),
           ready AS (
               SELECT e.id, e.txid
               FROM events e, last
               WHERE e.txid < pg_snapshot_xmin(pg_current_snapshot())
                 AND (e.txid, e.id) > (last.txid, last.event_id)
               ORDER BY e.txid, e.id
               LIMIT $1)
           INSERT INTO event_order (seq, event_id, txid)
           SELECT last.seq + row_number() OVER (ORDER BY ready.txid, ready.id), ready.id, ready.txid
           FROM ready, last)",
        batch_limit);
    const auto sequenced = static_cast<std::int64_t>(result.affected_rows());
    // Sealed in the same transaction: no event is ever in the order without
    // its seal, except those sequenced before seals existed (migration 0009),
    // which are sealed here, a batch at a time, before anything newer.
    const auto sealed = seal_sequenced_events(tx, batch_limit);
    if (sequenced > 0) {
        // Followers of the public order (webhooks) wake at commit, on every node.
        tx.exec("NOTIFY yardstick_events");
    }
    tx.commit();
    return std::max(sequenced, sealed);
}

std::vector<StoredEvent> read_events(pqxx::connection& connection, std::int64_t after, std::int64_t limit,
                                     std::optional<std::int64_t> programme_id, const std::vector<std::string>& types) {
    pqxx::read_transaction tx(connection);
    // Types are dotted lower-case words (the events table checks it), so the
    // array literal needs no quoting.
    const auto type_array = simple_text_array(types);
    const auto rows = tx.exec_params(std::string("SELECT ") + internal::kStoredEventColumns +
                                         R"( FROM event_order o JOIN events e ON e.id = o.event_id
           WHERE o.seq > $1 AND ($3::bigint < 0 OR e.programme_id = $3)
             AND (cardinality($4::text[]) = 0 OR e.type = ANY($4::text[]))
           ORDER BY o.seq
           LIMIT $2)",
                                     after, limit, programme_id.value_or(-1),  // ids are positive: -1 means every programme
                                     type_array);
    std::vector<StoredEvent> events;
    events.reserve(rows.size());
    for (const auto& row : rows) {
        events.push_back(internal::stored_event_of(row));
    }
    return events;
}

}  // namespace yardstick::sql

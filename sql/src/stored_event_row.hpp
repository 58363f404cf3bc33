#pragma once
// How an event row is selected and read back, shared by every query that
// returns events (the event log's reader, the report tallies' consumer).

#include <pqxx/row>

#include "yardstick/sql/event_log.hpp"

namespace yardstick::sql::internal {

/// The select list matching stored_event_of(), for `event_order o JOIN events e`.
inline constexpr const char* kStoredEventColumns =
    R"(o.seq, e.programme_id, e.type,
       to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       e.actor, e.data::text)";

inline StoredEvent stored_event_of(const pqxx::row& row) {
    StoredEvent event;
    event.seq = row[0].as<std::int64_t>();
    if (!row[1].is_null()) {
        event.programme_id = row[1].as<std::int64_t>();
    }
    event.type = row[2].as<std::string>();
    event.occurred_at = row[3].as<std::string>();
    event.actor = row[4].as<std::string>();
    event.data_json = row[5].as<std::string>();
    return event;
}

}  // namespace yardstick::sql::internal

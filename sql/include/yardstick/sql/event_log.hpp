#pragma once
// The event log: appending events inside the caller's transaction, putting
// committed events into their public gap-free order, and reading them back.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/connection>
#include <pqxx/transaction_base>

namespace yardstick::sql {

/// An event to append. `data_json` is a JSON object carrying ids, codes and
/// answers — never names, e-mail addresses or free text in clear.
struct NewEvent {
    std::optional<std::int64_t> programme_id;
    std::string type;   ///< dotted, e.g. "response.submitted"
    std::string actor;  ///< who caused it: "system", "user:12", "invitation:34"
    std::string data_json = "{}";
};

/// An event in its public order.
struct StoredEvent {
    std::int64_t seq = 0;  ///< position in the public order, 1, 2, 3, … without gaps
    std::optional<std::int64_t> programme_id;
    std::string type;
    std::string occurred_at;  ///< RFC 3339, UTC
    std::string actor;
    std::string data_json;
};

/// Appends an event in the caller's transaction (so it commits or rolls
/// back with the change it records). Returns the write id, which is not the
/// public sequence number: that is assigned by sequence_committed_events().
std::int64_t append_event(pqxx::transaction_base& tx, const NewEvent& event);

/// Gives every event whose transaction is older than all transactions still
/// running its public sequence number, in (transaction, write id) order, at
/// most `batch_limit` at a time, and seals them (event_seals.hpp) in the same
/// transaction. Safe to run from several nodes at once (one waits for the
/// other). Returns how many events were sequenced, or sealed when more were
/// (events sequenced before seals existed are sealed a batch at a time).
std::int64_t sequence_committed_events(pqxx::connection& connection, std::int64_t batch_limit = 10'000);

/// Events with seq > `after` in order, at most `limit`, optionally only one
/// programme's, and only of `types` when it is not empty.
std::vector<StoredEvent> read_events(pqxx::connection& connection, std::int64_t after, std::int64_t limit,
                                     std::optional<std::int64_t> programme_id = std::nullopt,
                                     const std::vector<std::string>& types = {});

}  // namespace yardstick::sql

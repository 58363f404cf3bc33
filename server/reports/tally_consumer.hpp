#pragma once
// Keeps the impact reports' tallies current: follows the event log from the
// stored checkpoint and adds what each new invitation, submission and
// amendment contributes, and the register's events to the reach (docs/decisions.md §12). The deltas and the new
// checkpoint commit in one transaction, so each event counts exactly once,
// across crashes and across nodes (they take turns under an advisory lock).

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

#include <boost/asio/awaitable.hpp>
#include <pqxx/connection>

#include "server/app/database_pool.hpp"
#include "yardstick/evaluation/tallies/contributions.hpp"

namespace yardstick::server::reports {

/// Each programme's indicators (from its template) with their question
/// types, looked up once per programme. Thread-safe.
class IndicatorSets {
public:
    /// The set of the programme with this id; nullptr when the programme or
    /// its template is unknown (its events are then skipped).
    std::shared_ptr<const evaluation::IndicatorSet> of(pqxx::transaction_base& tx, std::int64_t programme_id);

private:
    std::mutex mutex_;
    std::map<std::int64_t, std::shared_ptr<const evaluation::IndicatorSet>> sets_;
};

/// What one call of count_new_events() did.
struct CountedBatch {
    std::int64_t events_scanned = 0;  ///< sequence numbers the checkpoint moved over
    std::int64_t events_counted = 0;  ///< of which changed tallies
    std::int64_t checkpoint = 0;      ///< after the call
    bool caught_up = true;            ///< no sequenced event left after the checkpoint
    bool had_turn = true;             ///< false: another consumer was counting, nothing was done
};

/// Counts the events after the checkpoint, at most `batch` sequence numbers
/// of them, in one transaction. Does nothing while another node counts.
CountedBatch count_new_events(pqxx::connection& connection, IndicatorSets& sets, std::int64_t batch = 5'000);

/// Empties the tallies and counts the whole log again, in batches (a running
/// server's consumer may count some of them). Returns the checkpoint
/// reached: the sequence number of the last event counted.
std::int64_t rebuild_tallies(pqxx::connection& connection, IndicatorSets& sets);

/// Runs count_new_events() every `interval` (at once again while it is
/// behind) until the executor stops. Failures are logged once per outage.
boost::asio::awaitable<void> run_tally_consumer(DatabasePool* pool, IndicatorSets* sets,
                                                std::chrono::milliseconds interval);

}  // namespace yardstick::server::reports

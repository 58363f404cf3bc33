#pragma once
// The impact reports' running tallies (migration 0007): reading the events
// that change them, storing their deltas with the consumer's checkpoint,
// reading them back for a report, and emptying them for a rebuild.

#include <cstdint>
#include <string>
#include <vector>

#include <pqxx/transaction_base>

#include "yardstick/sql/event_log.hpp"

namespace yardstick::sql {

/// One tally cell (or a delta to add to it).
struct TallyRow {
    std::string indicator;
    std::string group_by;
    std::string group_key;
    std::string cell;
    std::int64_t count = 0;
    std::int64_t sum = 0;
    std::int64_t sum_of_squares = 0;
};

/// Takes the consumer's turn for this transaction: false when another node
/// holds it (it then goes on at its next tick).
bool try_take_tally_turn(pqxx::transaction_base& tx);

/// The last event the tallies have counted.
std::int64_t tally_checkpoint(pqxx::transaction_base& tx);
void set_tally_checkpoint(pqxx::transaction_base& tx, std::int64_t last_seq);

/// The events after `after` and at most `through` that change tallies
/// (invitations, responses and the register's events), in order.
std::vector<StoredEvent> tally_events(pqxx::transaction_base& tx, std::int64_t after, std::int64_t through);

/// Whether the tallies `tx` sees have counted every event of the programme
/// that `tx` sees: then the snapshot's rows and its report agree (what a
/// data package needs). False while an event waits to be sequenced or
/// counted.
bool tallies_cover_programme(pqxx::transaction_base& tx, std::int64_t programme_id);

/// The last sequence number given out so far (0 for an empty log).
std::int64_t last_sequenced(pqxx::transaction_base& tx);

/// Every response event, up to `through`, of the engagements that have a
/// response event after `after`: where the consumer finds the version an
/// amendment replaces and the other half of a pair.
std::vector<StoredEvent> response_history_of_batch(pqxx::transaction_base& tx, std::int64_t after,
                                                   std::int64_t through);

/// Adds the deltas to a programme's tallies. A cell that comes back to zero
/// (an amendment took out its only answer, a cancellation its only
/// engagement) is removed, as if it had never been counted: so tallies kept
/// incrementally hold the same rows as tallies rebuilt in other batches.
void add_tallies(pqxx::transaction_base& tx, std::int64_t programme_id, const std::vector<TallyRow>& deltas);

/// Records `seq` as the last event that changed the programme's tallies.
/// Every programme's data version: (programme id, data version).
std::vector<std::pair<std::int64_t, std::int64_t>> data_versions(pqxx::transaction_base& tx);

void set_data_version(pqxx::transaction_base& tx, std::int64_t programme_id, std::int64_t seq);

/// A programme's tallies and data version, as one snapshot when `tx` is
/// repeatable read.
struct TallySnapshot {
    std::int64_t data_version = 0;
    std::vector<TallyRow> rows;
};
TallySnapshot read_tallies(pqxx::transaction_base& tx, std::int64_t programme_id);

/// Empties every tally and data version and sets the checkpoint to 0, so
/// that the consumer replays the log from its start.
void clear_tallies(pqxx::transaction_base& tx);

/// How many tally rows there are (all programmes).
std::int64_t count_tally_rows(pqxx::transaction_base& tx);

/// An organisation taking part in an engagement, by the groups the reach
/// counts it in.
struct OrganisationTakingPart {
    std::int64_t engagement_id = 0;
    std::string sector;
    std::string country;
};
/// The organisations taking part in each of the engagements, each once per
/// engagement: through any of its organisation columns, or through its
/// skills-monitor respondent.
std::vector<OrganisationTakingPart> organisations_taking_part(pqxx::transaction_base& tx,
                                                              const std::vector<std::int64_t>& engagement_ids);

}  // namespace yardstick::sql

#pragma once
// The tamper-evident chain over the event log (docs/decisions.md §13). Each
// event, in its public order, is sealed with
//     hash = SHA-256(previous hash ‖ canonical bytes of the event)
// where the first event's previous hash is 32 zero bytes and the canonical
// bytes are the RFC 8785 form of everything stored about it: its place, type,
// programme, time, actor and data. The sequencer seals what it orders in the
// same transaction, so the chain needs no lock of its own and never holds up
// a submission. Changing, removing or reordering a row breaks the chain from
// there on; rewriting the chain as well changes its head, which is why
// reports and exports carry the head they cover.

#include <cstdint>
#include <optional>
#include <string>

#include <pqxx/connection>
#include <pqxx/transaction_base>

#include "yardstick/sql/event_log.hpp"

namespace yardstick::sql {

/// A position on the chain: the sealed event and its hash (64 hex digits).
/// Sequence 0 is the empty chain, whose hash is 64 zeros.
struct ChainHead {
    std::int64_t seq = 0;
    std::string hash = std::string(64, '0');

    friend bool operator==(const ChainHead&, const ChainHead&) = default;
};

/// The bytes an event's seal hashes.
std::string canonical_event_bytes(const StoredEvent& event);

/// SHA-256(previous ‖ bytes), both hashes as hex.
std::string chain_hash(const std::string& previous_hex, const std::string& bytes);

/// Seals the sequenced events not yet sealed, in order, at most `limit`.
/// Called by sequence_committed_events() under the sequencer's lock.
std::int64_t seal_sequenced_events(pqxx::transaction_base& tx, std::int64_t limit);

/// The chain's head at `seq`: the last seal at or before it.
ChainHead chain_head_at(pqxx::transaction_base& tx, std::int64_t seq);

/// What verifying the chain found.
struct ChainVerdict {
    bool ok = true;
    std::int64_t events = 0;  ///< sealed events checked
    ChainHead head;           ///< the last one's (when ok)
    std::int64_t first_bad_seq = 0;
    std::string reason;
};

/// Recomputes the whole chain from the stored events, in one snapshot,
/// reading them in batches (memory does not grow with the log), and compares
/// every seal. With `expected`, also checks that this head, published earlier,
/// is still on the chain.
ChainVerdict verify_event_chain(pqxx::connection& connection, const std::optional<ChainHead>& expected = std::nullopt);

}  // namespace yardstick::sql

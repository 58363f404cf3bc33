#pragma once
// The programme scheduler: one pass issues the invitations that are due,
// sends reminders, and closes waves, for every programme whose schedule is
// enabled (domain/lifecycle.hpp decides what is due). Every action is an
// event, written with its outbox message in the pass's one transaction.
//
// The pass takes a transaction-scoped advisory lock: on several nodes one
// pass runs at a time, and a node that dies mid-pass leaves nothing behind
// (its transaction rolls back, the lock goes with it).

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <pqxx/connection>

#include "server/collection/collection.hpp"
#include "server/collection/instrument_cache.hpp"
#include "yardstick/domain/lifecycle.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::server::lifecycle {

struct SchedulePass {
    bool had_turn = true;  ///< false: another node's pass was running; nothing was done
    /// One object per action: {"action": "invite" | "remind" | "close_wave", "programme", …}.
    nlohmann::json actions = nlohmann::json::array();
};

/// Runs one pass at `now` (the scheduler's clock). With `dry_run` the pass's
/// transaction is rolled back: the actions are what a pass would do.
SchedulePass run_schedule_pass(pqxx::connection& connection, const collection::LinkSettings& links,
                               collection::InstrumentCache& instruments, domain::Instant now, bool dry_run = false);

}  // namespace yardstick::server::lifecycle

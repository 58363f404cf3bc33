#pragma once
// What the register's events add to the reach tallies: organisations
// registered, participants added, engagements created and cancelled (or taken
// back). An engagement's event names its organisations by id; their sector
// and country are looked up once per batch (organisations do not change).

#include <cstdint>
#include <map>
#include <vector>

#include <pqxx/transaction_base>

#include "yardstick/evaluation/tallies/reach.hpp"
#include "yardstick/sql/event_log.hpp"

namespace yardstick::server::reports {

class RegisterEvents {
public:
    /// Looks up the organisations taking part in the engagements the batch's
    /// events name.
    RegisterEvents(pqxx::transaction_base& tx, const std::vector<sql::StoredEvent>& batch);

    /// Counts the event when it is one of the register's; false otherwise.
    bool count(evaluation::Tallies& tallies, const sql::StoredEvent& event) const;

private:
    std::map<std::int64_t, std::vector<evaluation::TakingPart>> taking_part_;
};

}  // namespace yardstick::server::reports

#pragma once
// Parsed instrument versions by row id. Versions are immutable in the
// database, so an entry never goes stale; the cache spares every form view
// and submission a JSON parse and expression compile.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

#include <pqxx/transaction_base>

#include "yardstick/domain/instrument.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::server::collection {

class InstrumentCache {
public:
    /// The instrument version with row id `id`, read through `tx` on a miss.
    /// not_found when there is no such row; internal when the stored
    /// definition does not parse (it was checked when it was written).
    Result<std::shared_ptr<const domain::Instrument>> get(pqxx::transaction_base& tx, std::int64_t id);

    /// The instrument version with row id `id` if cached (no I/O), else null.
    std::shared_ptr<const domain::Instrument> cached(std::int64_t id);

private:
    std::mutex mutex_;
    std::map<std::int64_t, std::shared_ptr<const domain::Instrument>> instruments_;
};

}  // namespace yardstick::server::collection

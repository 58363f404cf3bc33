#include "server/collection/instrument_cache.hpp"

#include <nlohmann/json.hpp>

#include "server/json/instrument_json.hpp"
#include "yardstick/sql/instruments.hpp"

namespace yardstick::server::collection {

std::shared_ptr<const domain::Instrument> InstrumentCache::cached(std::int64_t id) {
    const std::lock_guard lock(mutex_);
    if (const auto it = instruments_.find(id); it != instruments_.end()) {
        return it->second;
    }
    return nullptr;
}

Result<std::shared_ptr<const domain::Instrument>> InstrumentCache::get(pqxx::transaction_base& tx, std::int64_t id) {
    if (auto instrument = cached(id)) {
        return instrument;
    }
    const auto stored = sql::find_instrument_by_id(tx, id);
    if (!stored) {
        return Error{ErrorCode::not_found, "no instrument version with id " + std::to_string(id), {}};
    }
    auto parsed = json::instrument_from_json(nlohmann::json::parse(stored->definition_json));
    if (!parsed.ok()) {
        return Error{ErrorCode::internal,
                     "stored instrument " + std::to_string(id) + " does not parse: " + parsed.error().message,
                     {}};
    }
    auto instrument = std::make_shared<const domain::Instrument>(std::move(parsed).value());
    const std::lock_guard lock(mutex_);
    return instruments_.emplace(id, std::move(instrument)).first->second;
}

}  // namespace yardstick::server::collection

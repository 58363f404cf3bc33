#pragma once
// Reading organisations, participants and engagements from a JSON object —
// an API body, or a CSV row turned into one — and creating them through the
// registry's use cases. One parser for both, so an import accepts exactly
// what the API accepts.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <pqxx/transaction_base>

#include "server/security/master_key.hpp"
#include "yardstick/domain/result.hpp"
#include "yardstick/sql/programmes.hpp"

namespace yardstick::server::routes {

/// What can be registered: "organisations", "participants", "engagements".
enum class RegistryResource { organisations, participants, engagements };

/// The fields a resource takes (for CSV headers: the required ones first).
struct ResourceFields {
    std::vector<std::string_view> required;
    std::vector<std::string_view> optional;
};
ResourceFields resource_fields(RegistryResource resource, domain::ProgrammeKind kind);

/// Names of id fields, whose CSV cells are numbers.
bool is_id_field(std::string_view field);

/// Validates `object` and creates the row with its event in `tx`. Returns the new id.
Result<std::int64_t> create_registry_row(pqxx::transaction_base& tx, RegistryResource resource,
                                         const sql::StoredProgramme& programme, const nlohmann::json& object,
                                         const std::string& actor, const security::MasterKey& master);

}  // namespace yardstick::server::routes

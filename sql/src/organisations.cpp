#include "yardstick/sql/organisations.hpp"

#include <stdexcept>

#include <pqxx/pqxx>

#include "field_values.hpp"

namespace yardstick::sql {
namespace {

constexpr const char* kSelectOrganisation =
    "SELECT id, reference, name, country, sector, size, rfc3339(created_at) FROM organisations ";

StoredOrganisation organisation_from_row(const pqxx::row& row) {
    StoredOrganisation stored;
    stored.id = row[0].as<std::int64_t>();
    stored.reference = optional_field<std::string>(row[1]);
    stored.organisation.name = row[2].as<std::string>();
    stored.organisation.country = row[3].as<std::string>();
    stored.organisation.sector = row[4].as<std::string>();
    stored.organisation.size = domain::parse_size_class(row[5].as<std::string>()).value();
    stored.created_at = row[6].as<std::string>();
    return stored;
}

constexpr const char* kSelectParticipant =
    "SELECT p.id, p.reference, p.organisation_id, p.role, p.name_sealed, p.email_sealed, p.language, "
    "       rfc3339(p.created_at), k.wrapped_key, rfc3339(k.erased_at) "
    "FROM participants p LEFT JOIN person_keys k ON k.participant_id = p.id ";

StoredParticipant participant_from_row(const pqxx::row& row) {
    StoredParticipant stored;
    stored.id = row[0].as<std::int64_t>();
    stored.reference = optional_field<std::string>(row[1]);
    stored.participant.organisation_id = row[2].as<std::int64_t>();
    stored.participant.role = domain::parse_participant_role(row[3].as<std::string>()).value();
    if (!row[4].is_null() && !row[5].is_null()) {
        stored.sealed = SealedIdentity{pqxx::binarystring(row[4]).str(), pqxx::binarystring(row[5]).str()};
    }
    stored.participant.language = row[6].as<std::string>();
    stored.created_at = row[7].as<std::string>();
    if (!row[8].is_null()) {
        stored.wrapped_key = pqxx::binarystring(row[8]).str();
    }
    stored.erased_at = optional_field<std::string>(row[9]);
    return stored;
}

}  // namespace

std::int64_t insert_organisation(pqxx::transaction_base& tx, std::int64_t programme_id,
                                 const domain::Organisation& organisation,
                                 const std::optional<std::string>& reference) {
    return tx
        .exec_params1(
            "INSERT INTO organisations (programme_id, reference, name, country, sector, size) "
            "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            programme_id, reference, organisation.name, organisation.country, organisation.sector,
            std::string(domain::to_string(organisation.size)))[0]
        .as<std::int64_t>();
}

std::optional<StoredOrganisation> find_organisation(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                    std::int64_t id) {
    const auto rows =
        tx.exec_params(std::string(kSelectOrganisation) + "WHERE programme_id = $1 AND id = $2", programme_id, id);
    if (rows.empty()) {
        return std::nullopt;
    }
    return organisation_from_row(rows[0]);
}

std::vector<StoredOrganisation> list_organisations(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                   std::int64_t after_id, std::int64_t limit) {
    const auto rows =
        tx.exec_params(std::string(kSelectOrganisation) + "WHERE programme_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                       programme_id, after_id, limit);
    return map_rows(rows, organisation_from_row);
}

std::int64_t insert_participant(pqxx::transaction_base& tx, std::int64_t programme_id,
                                const domain::Participant& participant, const std::optional<std::string>& reference,
                                const SealedIdentity& sealed) {
    return tx
        .exec_params1(
            "INSERT INTO participants (programme_id, organisation_id, reference, role, name_sealed, email_sealed, "
            "                          language) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            programme_id, participant.organisation_id, reference, std::string(domain::to_string(participant.role)),
            pqxx::binarystring(sealed.name), pqxx::binarystring(sealed.email), participant.language)[0]
        .as<std::int64_t>();
}

std::optional<StoredParticipant> find_participant(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                  std::int64_t id) {
    const auto rows =
        tx.exec_params(std::string(kSelectParticipant) + "WHERE p.programme_id = $1 AND p.id = $2", programme_id, id);
    if (rows.empty()) {
        return std::nullopt;
    }
    return participant_from_row(rows[0]);
}

std::vector<StoredParticipant> list_participants(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                 std::int64_t after_id, std::int64_t limit) {
    const auto rows =
        tx.exec_params(std::string(kSelectParticipant) + "WHERE p.programme_id = $1 AND p.id > $2 ORDER BY p.id LIMIT $3",
                       programme_id, after_id, limit);
    return map_rows(rows, participant_from_row);
}

std::optional<std::int64_t> first_participant_with_role(pqxx::transaction_base& tx, std::int64_t organisation_id,
                                                        domain::ParticipantRole role) {
    const auto rows =
        tx.exec_params("SELECT id FROM participants WHERE organisation_id = $1 AND role = $2 ORDER BY id LIMIT 1",
                       organisation_id, std::string(domain::to_string(role)));
    if (rows.empty()) {
        return std::nullopt;
    }
    return rows[0][0].as<std::int64_t>();
}

std::optional<std::int64_t> find_id_by_reference(pqxx::transaction_base& tx, const std::string& table,
                                                 std::int64_t programme_id, const std::string& reference) {
    // The table name cannot be a parameter; only these three are allowed.
    if (table != "organisations" && table != "participants" && table != "engagements") {
        throw std::invalid_argument("find_id_by_reference: no such table: " + table);
    }
    const auto rows = tx.exec_params("SELECT id FROM " + table + " WHERE programme_id = $1 AND reference = $2",
                                     programme_id, reference);
    if (rows.empty()) {
        return std::nullopt;
    }
    return rows[0][0].as<std::int64_t>();
}

}  // namespace yardstick::sql

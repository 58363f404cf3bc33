#include "server/privacy/identities.hpp"

#include "yardstick/sql/person_keys.hpp"

namespace yardstick::server::privacy {
namespace {

// What the check value says, and what binds it (associated data).
constexpr std::string_view kCheckText = "yardstick master key check";
constexpr std::string_view kCheckContext = "master-key-check";

}  // namespace

std::int64_t insert_sealed_participant(pqxx::transaction_base& tx, const security::MasterKey& master,
                                       std::int64_t programme_id, const domain::Participant& participant,
                                       const std::optional<std::string>& reference) {
    const auto made = security::PersonKeys::create(master);
    const sql::SealedIdentity sealed{made.key.seal(participant.name), made.key.seal(participant.email)};
    const auto id = sql::insert_participant(tx, programme_id, participant, reference, sealed);
    sql::insert_person_key(tx, id, made.wrapped);
    return id;
}

Result<std::optional<security::PersonKey>> unwrap(const security::MasterKey& master,
                                                  const std::optional<std::string>& wrapped_key) {
    if (!wrapped_key) {
        return std::optional<security::PersonKey>{};
    }
    auto key = security::PersonKeys::unwrap(master, *wrapped_key);
    if (!key.ok()) {
        return key.error();
    }
    return std::optional<security::PersonKey>(std::move(key).value());
}

Status reveal(const security::MasterKey& master, sql::StoredParticipant& stored) {
    auto key = unwrap(master, stored.wrapped_key);
    if (!key.ok()) {
        return key.error();
    }
    if (!*key || !stored.sealed) {
        stored.participant.name.clear();
        stored.participant.email.clear();
        return {};
    }
    auto name = (*key)->open(stored.sealed->name);
    auto email = (*key)->open(stored.sealed->email);
    if (!name.ok()) {
        return name.error();
    }
    if (!email.ok()) {
        return email.error();
    }
    stored.participant.name = std::move(name).value();
    stored.participant.email = std::move(email).value();
    return {};
}

Result<std::optional<security::PersonKey>> person_key(pqxx::transaction_base& tx, const security::MasterKey& master,
                                                      std::int64_t participant_id) {
    return unwrap(master, sql::wrapped_key_of(tx, participant_id));
}

Status check_master_key(pqxx::transaction_base& tx, const security::MasterKey& master, const std::string& key_file) {
    auto stored = sql::master_key_check(tx);
    if (!stored) {
        stored = sql::keep_master_key_check(tx, security::seal(master, kCheckText, kCheckContext));
    }
    const auto opened = security::open_sealed(master, *stored, kCheckContext);
    if (!opened.ok() || *opened != kCheckText) {
        return Error{ErrorCode::failed_precondition,
                     "the master key in " + key_file +
                         " is not the key this database's identities are sealed under: start with the original key "
                         "file (a new key would make every identity unreadable)",
                     {}};
    }
    return {};
}

}  // namespace yardstick::server::privacy

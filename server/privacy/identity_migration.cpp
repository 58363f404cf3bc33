#include "server/privacy/identity_migration.hpp"

#include <map>
#include <memory>
#include <stdexcept>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/json/answers_json.hpp"
#include "server/json/instrument_json.hpp"
#include "server/privacy/personal_answers.hpp"
#include "server/security/person_keys.hpp"
#include "yardstick/sql/person_keys.hpp"

namespace yardstick::server::privacy {
namespace {

std::string bytes_of(const pqxx::field& field) {
    return pqxx::binarystring(field).str();
}

// Parsed instrument versions, by id.
class Instruments {
public:
    explicit Instruments(pqxx::work& tx) : tx_(tx) {}

    const domain::Instrument& get(std::int64_t id) {
        if (const auto it = parsed_.find(id); it != parsed_.end()) {
            return *it->second;
        }
        const auto row = tx_.exec_params1("SELECT definition::text FROM instruments WHERE id = $1", id);
        auto instrument = json::instrument_from_json(nlohmann::json::parse(row[0].as<std::string>()));
        if (!instrument.ok()) {
            throw std::runtime_error("instrument version " + std::to_string(id) + " does not parse");
        }
        return *parsed_.emplace(id, std::make_unique<domain::Instrument>(std::move(instrument).value()))
                    .first->second;
    }

private:
    pqxx::work& tx_;
    std::map<std::int64_t, std::unique_ptr<domain::Instrument>> parsed_;
};

// Every participant's key, made and stored for those who had their identity
// in clear; by participant id.
std::map<std::int64_t, security::PersonKey> seal_participants(pqxx::work& tx, const security::MasterKey& master) {
    std::map<std::int64_t, security::PersonKey> keys;
    for (const auto& row : tx.exec("SELECT id, name, email FROM participants WHERE name IS NOT NULL ORDER BY id")) {
        const auto id = row[0].as<std::int64_t>();
        auto made = security::PersonKeys::create(master);
        tx.exec_params(
            "UPDATE participants SET name_sealed = $2, email_sealed = $3, name = NULL, email = NULL WHERE id = $1", id,
            pqxx::binarystring(made.key.seal(row[1].as<std::string>())),
            pqxx::binarystring(made.key.seal(row[2].c_str())));
        sql::insert_person_key(tx, id, made.wrapped);
        keys.emplace(id, made.key);
    }
    return keys;
}

// Link tokens were sealed under the master key (AES-256-GCM, bound to the
// token's digest); now under their person's key. One that does not open
// (a database moved without its key file) is dropped: the link keeps
// working, it just cannot be sent again.
void reseal_tokens(pqxx::work& tx, const security::MasterKey& master,
                   const std::map<std::int64_t, security::PersonKey>& keys) {
    for (const auto& row :
         tx.exec("SELECT id, participant_id, token_digest, token_sealed FROM invitations WHERE token_sealed IS NOT NULL")) {
        const auto key = keys.find(row[1].as<std::int64_t>());
        const auto token = security::open_sealed(master, bytes_of(row[3]), "invitation-token:" + row.at(2).as<std::string>());
        if (key == keys.end() || !token.ok()) {
            tx.exec_params("UPDATE invitations SET token_sealed = NULL WHERE id = $1", row[0].as<std::int64_t>());
            continue;
        }
        tx.exec_params("UPDATE invitations SET token_sealed = $2 WHERE id = $1", row[0].as<std::int64_t>(),
                       pqxx::binarystring(key->second.seal(*token)));
    }
}

// The personal answers of `answers_json` split off and sealed; nullopt when
// there are none.
std::optional<std::pair<std::string, std::string>> split_and_seal(const std::string& answers_json,
                                                                  const domain::Instrument& instrument,
                                                                  const security::PersonKey& key) {
    auto answers = json::answers_from_json(nlohmann::json::parse(answers_json));
    if (!answers.ok()) {
        throw std::runtime_error("stored answers do not parse");
    }
    const auto split = split_personal(instrument, *answers);
    if (split.personal.empty()) {
        return std::nullopt;
    }
    return std::pair{json::answers_to_json(split.kept).dump(), *seal_personal(key, split.personal)};
}

void seal_personal_answers(pqxx::work& tx, const std::map<std::int64_t, security::PersonKey>& keys) {
    Instruments instruments(tx);
    // Versions are immutable (a trigger refuses updates); this one rewrite
    // moves nothing but where the personal answers are kept.
    tx.exec("ALTER TABLE response_versions DISABLE TRIGGER response_versions_immutable");
    for (const auto& row : tx.exec(
             "SELECT v.response_id, v.version, v.instrument_id, v.answers::text, i.participant_id "
             "FROM response_versions v JOIN responses r ON r.id = v.response_id "
             "JOIN invitations i ON i.id = r.invitation_id")) {
        const auto key = keys.find(row[4].as<std::int64_t>());
        if (key == keys.end()) {
            continue;
        }
        if (const auto split = split_and_seal(row[3].as<std::string>(), instruments.get(row[2].as<std::int64_t>()),
                                              key->second)) {
            tx.exec_params(
                "UPDATE response_versions SET answers = $3::jsonb, personal_sealed = $4 "
                "WHERE response_id = $1 AND version = $2",
                row[0].as<std::int64_t>(), row[1].as<int>(), split->first, pqxx::binarystring(split->second));
        }
    }
    tx.exec("ALTER TABLE response_versions ENABLE TRIGGER response_versions_immutable");
    for (const auto& row :
         tx.exec("SELECT id, instrument_id, draft_answers::text, participant_id FROM invitations "
                 "WHERE draft_answers <> '{}'::jsonb")) {
        const auto key = keys.find(row[3].as<std::int64_t>());
        if (key == keys.end()) {
            continue;
        }
        if (const auto split = split_and_seal(row[2].as<std::string>(), instruments.get(row[1].as<std::int64_t>()),
                                              key->second)) {
            tx.exec_params("UPDATE invitations SET draft_answers = $2::jsonb, draft_personal_sealed = $3 WHERE id = $1",
                           row[0].as<std::int64_t>(), split->first, pqxx::binarystring(split->second));
        }
    }
}

}  // namespace

std::map<int, sql::DataStep> migration_data_steps(const security::MasterKey& master) {
    // Before 0011, which drops the clear columns (0010 added the sealed ones).
    return {{11, [&master](pqxx::work& tx) {
                 const auto keys = seal_participants(tx, master);
                 reseal_tokens(tx, master, keys);
                 seal_personal_answers(tx, keys);
             }}};
}

}  // namespace yardstick::server::privacy

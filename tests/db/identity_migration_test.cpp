// Upgrading a database of an earlier version (migrations 1–9), which kept
// names, e-mail addresses and personal answers in clear and sealed link
// tokens under the master key itself: `yardstick migrate` with the key seals
// each person's data under a key of their own and drops the clear columns;
// without the key it stops before dropping anything it has not sealed.

#include <algorithm>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/collection/collection.hpp"
#include "server/privacy/identities.hpp"
#include "server/privacy/identity_migration.hpp"
#include "server/privacy/personal_answers.hpp"
#include "server/registry/registry.hpp"
#include "server/security/tokens.hpp"
#include "tests/support/scratch_database.hpp"
#include "yardstick/sql/instruments.hpp"
#include "yardstick/sql/invitations.hpp"
#include "yardstick/sql/migrations.hpp"
#include "yardstick/sql/organisations.hpp"
#include "yardstick/sql/responses.hpp"

namespace yardstick {
namespace {

std::vector<sql::Migration> migrations_through(int last) {
    std::vector<sql::Migration> out;
    for (const auto& migration : sql::bundled_migrations()) {
        if (migration.number <= last) {
            out.push_back(migration);
        }
    }
    return out;
}

class IdentityMigration : public ::testing::Test {
protected:
    // A database as version 9 left it: one employee, a submitted response
    // with a personal comment, and a draft with another.
    void SetUp() override {
        ASSERT_TRUE(sql::apply_migrations(connection_, migrations_through(9)).ok());
        pqxx::work tx(connection_);
        programme_ = server::registry::create_programme(tx, "pilot", "Pilot", "mobilisesme", "test").value();
        const auto organisation =
            tx.exec_params1("INSERT INTO organisations (programme_id, name, country, sector, size) "
                            "VALUES ($1, 'Atelier', 'BE', 'C25', 'small') RETURNING id",
                            programme_.id)[0]
                .as<std::int64_t>();
        participant_ = tx.exec_params1("INSERT INTO participants (programme_id, organisation_id, role, name, email, "
                                       "language) VALUES ($1, $2, 'employee', 'Ottilie Legacy', "
                                       "'ottilie@example.org', 'fr') RETURNING id",
                                       programme_.id, organisation)[0]
                           .as<std::int64_t>();
        const auto hosting =
            tx.exec_params1("INSERT INTO organisations (programme_id, name, country, sector, size) "
                            "VALUES ($1, 'Meier', 'DE', 'J62', 'small') RETURNING id",
                            programme_.id)[0]
                .as<std::int64_t>();
        const auto engagement =
            tx.exec_params1("INSERT INTO engagements (programme_id, kind, sending_organisation_id, "
                            "hosting_organisation_id, participant_id, starts_on, ends_on, duration_days) "
                            "VALUES ($1, 'exchange', $2, $3, $4, '2025-03-03', '2025-04-01', 30) RETURNING id",
                            programme_.id, organisation, hosting, participant_)[0]
                .as<std::int64_t>();
        const auto post = sql::find_instrument_for(tx, programme_.id, "employee", "post").value();
        const auto pre = sql::find_instrument_for(tx, programme_.id, "employee", "pre").value();
        const auto invitation = [&](const std::string& token, const sql::StoredInstrument& instrument,
                                    const std::string& draft) {
            const auto digest = server::security::token_digest(token);
            return tx
                .exec_params1("INSERT INTO invitations (programme_id, engagement_id, participant_id, respondent, "
                              "wave, instrument_id, token_digest, token_sealed, expires_at, draft_answers) "
                              "VALUES ($1, $2, $3, 'employee', $4, $5, $6, $7, now() + interval '30 days', $8::jsonb) "
                              "RETURNING id",
                              programme_.id, engagement, participant_, instrument.wave, instrument.id, digest,
                              pqxx::binarystring(server::security::seal(key_, token, "invitation-token:" + digest)),
                              draft)[0]
                .as<std::int64_t>();
        };
        const auto submitted = invitation(post_token_, post, R"({"comment": "Jonas was kind", "recommend": 9})");
        invitation(pre_token_, pre, R"({"languages_spoken": 2})");
        const auto response =
            tx.exec_params1("INSERT INTO responses (invitation_id, programme_id) VALUES ($1, $2) RETURNING id",
                            submitted, programme_.id)[0]
                .as<std::int64_t>();
        tx.exec_params("INSERT INTO response_versions (response_id, version, instrument_id, answers, consent_version) "
                       "VALUES ($1, 1, $2, $3::jsonb, 1)",
                       response, post.id, R"({"comment": "Jonas was kind", "recommend": 9})");
        response_ = response;
        tx.commit();
    }

    testing::ScratchDatabase database_;
    pqxx::connection connection_{database_.url()};
    server::security::MasterKey key_ = server::security::MasterKey::generate();
    sql::StoredProgramme programme_;
    std::int64_t participant_ = 0;
    std::int64_t response_ = 0;
    const std::string post_token_ = server::security::generate_token();
    const std::string pre_token_ = server::security::generate_token();
};

TEST_F(IdentityMigration, WithTheKeyEverythingClearIsSealedPerPersonAndTheClearColumnsGo) {
    ASSERT_TRUE(sql::apply_migrations(connection_, server::privacy::migration_data_steps(key_)).ok());
    pqxx::work tx(connection_);
    EXPECT_EQ(tx.exec("SELECT 1 FROM information_schema.columns WHERE table_name = 'participants' "
                      "AND column_name IN ('name', 'email')")
                  .size(),
              0u);
    const auto dumped = tx.exec1("SELECT (SELECT string_agg(p::text, ' ') FROM participants p) || "
                                 "(SELECT string_agg(v::text, ' ') FROM response_versions v) || "
                                 "(SELECT string_agg(i::text, ' ') FROM invitations i)")[0]
                            .as<std::string>();
    for (const auto* secret : {"Ottilie", "ottilie@example.org", "Jonas was kind"}) {
        EXPECT_EQ(dumped.find(secret), std::string::npos) << secret;
    }

    auto stored = sql::find_participant(tx, programme_.id, participant_).value();
    ASSERT_TRUE(server::privacy::reveal(key_, stored).ok());
    EXPECT_EQ(stored.participant.name, "Ottilie Legacy");
    EXPECT_EQ(stored.participant.email, "ottilie@example.org");

    const auto person = server::privacy::person_key(tx, key_, participant_).value();
    ASSERT_TRUE(person.has_value());
    const auto latest = sql::latest_answers(tx, response_).value();
    EXPECT_EQ(nlohmann::json::parse(latest.answers_json), nlohmann::json({{"recommend", 9}}));
    const auto answers =
        server::privacy::with_personal({}, latest.personal_sealed, person).value();
    EXPECT_EQ(std::get<std::string>(answers.at("comment")), "Jonas was kind");

    const auto form = sql::find_invitation_by_digest(tx, server::security::token_digest(post_token_), false).value();
    EXPECT_EQ(nlohmann::json::parse(form.draft_answers_json), nlohmann::json({{"recommend", 9}}));
    EXPECT_TRUE(form.draft_personal_sealed.has_value());

    // The kept links open again, now with the person's key.
    const server::collection::LinkSettings links{&key_, "http://test"};
    for (const auto& stored_invitation : sql::list_invitations(tx, programme_.id, 0, 10)) {
        const auto url = server::collection::link_of(tx, stored_invitation, links);
        ASSERT_TRUE(url.ok()) << url.error().message;
        EXPECT_TRUE(*url == "http://test/f/" + post_token_ || *url == "http://test/f/" + pre_token_) << *url;
    }
}

TEST_F(IdentityMigration, WithoutTheKeyNothingClearIsDropped) {
    EXPECT_ANY_THROW(sql::apply_migrations(connection_).value());
    {
        pqxx::work tx(connection_);
        EXPECT_EQ(tx.exec1("SELECT count(*) FROM participants WHERE name = 'Ottilie Legacy'")[0].as<int>(), 1);
        EXPECT_EQ(tx.exec1("SELECT max(number) FROM schema_migrations")[0].as<int>(), 10);
    }
    // Run again with the key: the step runs with 0011, which then goes through.
    ASSERT_TRUE(sql::apply_migrations(connection_, server::privacy::migration_data_steps(key_)).ok());
    pqxx::work tx(connection_);
    auto stored = sql::find_participant(tx, programme_.id, participant_).value();
    ASSERT_TRUE(server::privacy::reveal(key_, stored).ok());
    EXPECT_EQ(stored.participant.email, "ottilie@example.org");
}

}  // namespace
}  // namespace yardstick

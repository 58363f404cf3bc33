// The registry and collection tables keep their promises in the database
// itself: ids stay within a programme, engagements are whole, versions are
// never rewritten, references are unique. And the use cases write a row and
// its event together, or neither.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "server/registry/registry.hpp"
#include "tests/support/scratch_database.hpp"
#include "yardstick/sql/engagements.hpp"
#include "yardstick/sql/error_translation.hpp"
#include "yardstick/sql/instruments.hpp"
#include "yardstick/sql/migrations.hpp"
#include "yardstick/sql/organisations.hpp"
#include "yardstick/sql/programmes.hpp"

namespace yardstick::sql {
namespace {

class RegistryStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(apply_migrations(connection_).ok());
        pqxx::work tx(connection_);
        programme_ = server::registry::create_programme(tx, "pilot", "Pilot", "mobilisesme", "test").value();
        other_ = server::registry::create_programme(tx, "other", "Other", "mobilisesme", "test").value();
        tx.commit();
    }

    std::int64_t organisation(pqxx::transaction_base& tx, const StoredProgramme& programme, const char* country) {
        return server::registry::register_organisation(tx, programme, {"Atelier", country, "C25", "small"},
                                                       std::nullopt, "test")
            .value();
    }

    std::int64_t count(const std::string& sql) {
        pqxx::read_transaction tx(connection_);
        return tx.exec1(sql)[0].as<std::int64_t>();
    }

    testing::ScratchDatabase database_;
    pqxx::connection connection_{database_.url()};
    StoredProgramme programme_;
    StoredProgramme other_;
    server::security::MasterKey key_ = server::security::MasterKey::generate();
};

TEST_F(RegistryStoreTest, AProgrammeStartsWithItsTemplatesInstrumentsAsVersionOne) {
    pqxx::read_transaction tx(connection_);
    const auto instruments = list_latest_instruments(tx, programme_.id);
    ASSERT_EQ(instruments.size(), 6u);
    for (const auto& instrument : instruments) {
        EXPECT_EQ(instrument.version, 1);
    }
    EXPECT_TRUE(find_instrument_for(tx, programme_.id, "sending", "post").has_value());
    EXPECT_FALSE(find_instrument_for(tx, programme_.id, "mentor", "post").has_value());
}

TEST_F(RegistryStoreTest, InstrumentVersionsCannotBeChanged) {
    pqxx::work tx(connection_);
    EXPECT_THROW(tx.exec("UPDATE instruments SET wave = 'pre'"), pqxx::insufficient_privilege);
}

TEST_F(RegistryStoreTest, InstrumentVersionsCannotBeDeleted) {
    pqxx::work tx(connection_);
    EXPECT_THROW(tx.exec("DELETE FROM instruments"), pqxx::insufficient_privilege);
}

TEST_F(RegistryStoreTest, AParticipantBelongsToAnOrganisationOfTheSameProgramme) {
    pqxx::work tx(connection_);
    const auto foreign = organisation(tx, other_, "BE");
    domain::Participant participant{foreign, domain::ParticipantRole::contact, "Ana", "ana@example.org", "en"};
    EXPECT_THROW(insert_participant(tx, programme_.id, participant, std::nullopt, {"sealed name", "sealed e-mail"}), pqxx::foreign_key_violation);
}

TEST_F(RegistryStoreTest, AnExchangeCannotBeHalfWritten) {
    pqxx::work tx(connection_);
    const auto a = organisation(tx, programme_, "BE");
    EXPECT_THROW(tx.exec_params("INSERT INTO engagements (programme_id, kind, sending_organisation_id, "
                                "hosting_organisation_id) VALUES ($1, 'exchange', $2, $2)",
                                programme_.id, a),
                 pqxx::check_violation);
}

TEST_F(RegistryStoreTest, ReferencesAreUniqueWithinAProgrammeOnly) {
    pqxx::work tx(connection_);
    const domain::Organisation organisation{"Atelier", "BE", "C25", domain::SizeClass::small};
    insert_organisation(tx, programme_.id, organisation, "org-1");
    insert_organisation(tx, other_.id, organisation, "org-1");
    EXPECT_THROW(insert_organisation(tx, programme_.id, organisation, "org-1"), pqxx::unique_violation);
}

TEST_F(RegistryStoreTest, ARacedDuplicateNamesItsFieldButNotTheDatabasesWords) {
    pqxx::work tx(connection_);
    const domain::Organisation organisation{"Atelier", "BE", "C25", domain::SizeClass::small};
    insert_organisation(tx, programme_.id, organisation, "org-1");
    Error error;
    try {
        insert_organisation(tx, programme_.id, organisation, "org-1");
    } catch (...) {
        error = translate_exception(std::current_exception());
    }
    EXPECT_EQ(error.code, ErrorCode::already_exists);
    EXPECT_EQ(error.message.find("duplicate key"), std::string::npos) << error.message;
    ASSERT_EQ(error.fields.size(), 1u);
    EXPECT_EQ(error.fields[0].field, "reference");
}

TEST_F(RegistryStoreTest, ListsPageInIdOrder) {
    {
        pqxx::work tx(connection_);
        for (const char* country : {"BE", "DE", "FR", "IT", "AT"}) {
            organisation(tx, programme_, country);
        }
        tx.commit();
    }
    pqxx::read_transaction tx(connection_);
    const auto first = list_organisations(tx, programme_.id, 0, 2);
    ASSERT_EQ(first.size(), 2u);
    const auto rest = list_organisations(tx, programme_.id, first.back().id, 10);
    ASSERT_EQ(rest.size(), 3u);
    EXPECT_LT(first.back().id, rest.front().id);
    EXPECT_EQ(rest.back().organisation.country, "AT");
    EXPECT_TRUE(list_organisations(tx, other_.id, 0, 10).empty());
}

TEST_F(RegistryStoreTest, ARefusedRowLeavesNeitherRowNorEvent) {
    const auto events_before = count("SELECT count(*) FROM events");
    {
        pqxx::work tx(connection_);
        const auto refused = server::registry::register_organisation(tx, programme_, {"Atelier", "XX", "C99", "huge"},
                                                                     std::nullopt, "test");
        ASSERT_FALSE(refused.ok());
        EXPECT_EQ(refused.error().fields.size(), 3u);
        tx.commit();
    }
    EXPECT_EQ(count("SELECT count(*) FROM organisations"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM events"), events_before);
}

TEST_F(RegistryStoreTest, AnEventCarriesCodesButNoNames) {
    {
        pqxx::work tx(connection_);
        const auto id = organisation(tx, programme_, "BE");
        server::registry::add_participant(tx, programme_, {id, "contact", "Ana Peeters", "ana@example.org", "fr"},
                                          std::nullopt, "test", key_)
            .value();
        tx.commit();
    }
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE data::text LIKE '%Atelier%' OR data::text LIKE '%Ana%' "
                    "OR data::text LIKE '%example.org%'"),
              0);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'organisation.registered' "
                    "AND data->>'country' = 'BE' AND data->>'sector' = 'C25'"),
              1);
}

TEST_F(RegistryStoreTest, StoredEngagementsReadBackAsTheyWerePlanned) {
    pqxx::work tx(connection_);
    const auto sending = organisation(tx, programme_, "BE");
    const auto hosting = organisation(tx, programme_, "DE");
    const auto employee = server::registry::add_participant(
                              tx, programme_, {sending, "employee", "Ana", "ana@example.org", "fr"}, std::nullopt, "t",
                              key_)
                              .value();
    server::registry::EngagementRequest request;
    request.kind = "exchange";
    request.sending_organisation_id = sending;
    request.hosting_organisation_id = hosting;
    request.participant_id = employee;
    request.starts_on = "2017-03-01";
    request.ends_on = "2017-03-14";
    const auto id = server::registry::create_engagement(tx, programme_, request, "exchange-1", "t").value();
    const auto stored = find_engagement(tx, programme_.id, id);
    ASSERT_TRUE(stored.has_value());
    const auto& exchange = std::get<domain::Exchange>(stored->details);
    EXPECT_EQ(exchange.duration_days, 14);
    EXPECT_EQ(stored->reference, "exchange-1");
    EXPECT_EQ(stored->status, domain::EngagementStatus::planned);
}

}  // namespace
}  // namespace yardstick::sql

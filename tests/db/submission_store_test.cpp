// sql::submit_responses writes a batch of submissions in one statement:
// each item gets its own verdict, refused items write nothing, and what the
// verdict depends on (expiry, closure, an Idempotency-Key seen before) is
// read under the invitations' row locks.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "server/collection/collection.hpp"
#include "server/registry/registry.hpp"
#include "tests/support/scratch_database.hpp"
#include "yardstick/sql/migrations.hpp"
#include "yardstick/sql/responses.hpp"

namespace yardstick::sql {
namespace {

class SubmissionStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(apply_migrations(connection_).ok());
        pqxx::work tx(connection_);
        programme_ = server::registry::create_programme(tx, "pilot", "Pilot", "mobilisesme", "test").value();
        const auto sending = organisation(tx, "BE");
        const auto hosting = organisation(tx, "FR");
        participant(tx, sending, "contact");
        participant(tx, hosting, "contact");
        server::registry::EngagementRequest exchange;
        exchange.kind = "exchange";
        exchange.sending_organisation_id = sending;
        exchange.hosting_organisation_id = hosting;
        exchange.participant_id = participant(tx, sending, "employee");
        exchange.starts_on = "2017-06-01";
        exchange.ends_on = "2017-06-30";
        engagement_ = server::registry::create_engagement(tx, programme_, exchange, std::nullopt, "test").value();
        sending_post_ = invite(tx, "sending", "post");
        hosting_post_ = invite(tx, "hosting", "post");
        employee_post_ = invite(tx, "employee", "post");
        sending_pre_ = invite(tx, "sending", "pre");
        tx.commit();
    }

    std::int64_t organisation(pqxx::transaction_base& tx, const char* country) {
        return server::registry::register_organisation(tx, programme_, {"Atelier", country, "C25", "small"},
                                                       std::nullopt, "test")
            .value();
    }

    std::int64_t participant(pqxx::transaction_base& tx, std::int64_t organisation_id, const char* role) {
        return server::registry::add_participant(
                   tx, programme_, {organisation_id, role, "Ana", "ana@example.org", "en"}, std::nullopt, "test", key_)
            .value();
    }

    std::int64_t invite(pqxx::transaction_base& tx, const char* respondent, const char* wave) {
        server::collection::InvitationRequest request;
        request.engagement_id = engagement_;
        request.respondent = respondent;
        request.wave = wave;
        return server::collection::issue_invitation(tx, programme_, request, {&key_, "http://test"}, instruments_,
                                                    "test")
            .value()
            .id;
    }

    static SubmissionWrite submission(std::int64_t invitation_id, std::optional<std::string> key = std::nullopt,
                                      std::string digest = "d1") {
        SubmissionWrite write;
        write.invitation_id = invitation_id;
        write.answers_json = R"({"matched_needs": 4})";
        write.consent_version = 1;
        write.idempotency_key = std::move(key);
        write.request_digest = std::move(digest);
        write.event_data_json = R"({"invitation_id": )" + std::to_string(invitation_id) + "}";
        return write;
    }

    std::vector<SubmissionResult> submit(const std::vector<SubmissionWrite>& batch) {
        pqxx::nontransaction tx(connection_);
        return submit_responses(tx, batch);
    }

    std::int64_t count(const std::string& sql) {
        pqxx::nontransaction tx(connection_);
        return tx.exec1(sql)[0].as<std::int64_t>();
    }

    testing::ScratchDatabase database_;
    pqxx::connection connection_{database_.url()};
    server::security::MasterKey key_ = server::security::MasterKey::generate();
    server::collection::InstrumentCache instruments_;
    StoredProgramme programme_;
    std::int64_t engagement_ = 0;
    std::int64_t sending_post_ = 0;
    std::int64_t hosting_post_ = 0;
    std::int64_t employee_post_ = 0;
    std::int64_t sending_pre_ = 0;
};

TEST_F(SubmissionStoreTest, EachItemOfABatchGetsItsOwnVerdictInOrder) {
    {
        pqxx::work tx(connection_);
        tx.exec_params(
            "UPDATE invitations SET issued_at = now() - interval '2 days', "
            "expires_at = now() - interval '1 day' WHERE id = $1",
            hosting_post_);
        tx.exec_params("INSERT INTO wave_closures (programme_id, wave, closed_by) VALUES ($1, 'pre', 'test')",
                       programme_.id);
        tx.commit();
    }
    const auto results = submit({submission(sending_post_), submission(hosting_post_), submission(999999),
                                 submission(sending_pre_), submission(employee_post_)});
    ASSERT_EQ(results.size(), 5u);
    EXPECT_EQ(results[0].status, SubmissionStatus::written);
    EXPECT_EQ(results[0].version.version, 1);
    EXPECT_EQ(results[1].status, SubmissionStatus::expired);
    EXPECT_FALSE(results[1].expires_at.empty());
    EXPECT_EQ(results[2].status, SubmissionStatus::not_found);
    EXPECT_EQ(results[3].status, SubmissionStatus::wave_closed);
    EXPECT_EQ(results[4].status, SubmissionStatus::written);
    EXPECT_NE(results[4].version.response_id, results[0].version.response_id);
    // Refused items wrote nothing: two versions, two submitted invitations,
    // and for each an opening (first use) and a submission event.
    EXPECT_EQ(count("SELECT count(*) FROM response_versions"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM invitations WHERE status = 'submitted'"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'response.submitted'"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'invitation.opened'"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'response.submitted' AND data ? 'response_id' "
                    "AND data ? 'version' AND data ? 'invitation_id'"),
              2);
}

TEST_F(SubmissionStoreTest, ASecondSubmissionAmendsAndTheEventSaysSo) {
    EXPECT_EQ(submit({submission(sending_post_)})[0].version.version, 1);
    const auto amended = submit({submission(sending_post_)})[0];
    EXPECT_EQ(amended.status, SubmissionStatus::written);
    EXPECT_EQ(amended.version.version, 2);
    EXPECT_EQ(count("SELECT latest_version FROM responses"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'response.amended' AND (data->>'version')::int = 2"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'invitation.opened'"), 1);
}

TEST_F(SubmissionStoreTest, AnIdempotencyKeySeenBeforeReplaysOrConflictsAndWritesNothing) {
    const auto first = submit({submission(sending_post_, "key-1", "digest-a")})[0];
    ASSERT_EQ(first.status, SubmissionStatus::written);
    const auto again = submit({submission(sending_post_, "key-1", "digest-a"), submission(hosting_post_, "key-1")});
    EXPECT_EQ(again[0].status, SubmissionStatus::replayed);
    EXPECT_EQ(again[0].version.response_id, first.version.response_id);
    EXPECT_EQ(again[0].version.version, 1);
    EXPECT_EQ(again[0].version.submitted_at, first.version.submitted_at);
    // Keys belong to one link: the same key through another is new.
    EXPECT_EQ(again[1].status, SubmissionStatus::written);
    const auto other_body = submit({submission(sending_post_, "key-1", "digest-b")})[0];
    EXPECT_EQ(other_body.status, SubmissionStatus::key_conflict);
    EXPECT_EQ(count("SELECT count(*) FROM response_versions"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM idempotency_keys"), 2);
}

TEST_F(SubmissionStoreTest, ABatchNamingALinkTwiceIsRefusedBeforeItIsSent) {
    EXPECT_THROW(submit({submission(sending_post_), submission(sending_post_)}), std::invalid_argument);
    EXPECT_EQ(count("SELECT count(*) FROM response_versions"), 0);
}

TEST_F(SubmissionStoreTest, AnEmptyBatchAsksNothing) {
    EXPECT_TRUE(submit({}).empty());
}

}  // namespace
}  // namespace yardstick::sql

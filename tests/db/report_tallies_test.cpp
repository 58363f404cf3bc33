// The report tallies against a real PostgreSQL: their size does not grow
// with the number of responses (the same rows at 1,000 and at 10,000), and
// what the consumer counted incrementally agrees to the last digit with a
// count made offline from the stored responses and with a rebuild; the
// reach figures they keep agree with the register.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include <array>
#include <chrono>
#include <thread>
#include <string>
#include <vector>

#include "server/collection/collection.hpp"
#include "server/collection/form_links.hpp"
#include "server/registry/registry.hpp"
#include "server/reports/read_report.hpp"
#include "server/reports/tally_consumer.hpp"
#include "tests/support/scratch_database.hpp"
#include "yardstick/evaluation/tallies/reach.hpp"
#include "yardstick/sql/event_log.hpp"
#include "yardstick/sql/migrations.hpp"
#include "yardstick/sql/report_tallies.hpp"
#include "yardstick/sql/responses.hpp"

namespace yardstick::sql {
namespace {

constexpr std::array<const char*, 4> kCountries = {"BE", "DE", "IT", "PL"};
constexpr std::array<const char*, 3> kSectors = {"C25", "J62", "M70"};
constexpr std::array<const char*, 2> kSizes = {"micro", "small"};

// The answers cycle with short periods, so that by the first thousand
// responses every group, answer and difference has appeared: what grows
// after that is counts, never rows.
domain::Answers company_answers(std::int64_t i) {
    return {{"matched_needs", std::int64_t{1 + i % 5}},
            {"crossborder_business", std::int64_t{1 + (i * 3) % 5}},
            {"new_products_services", std::int64_t{1 + (i * 2) % 5}},
            {"skills_benefit_company", std::int64_t{4}},
            {"would_participate_again", i % 3 != 0},
            {"recommend", std::int64_t{i % 11}}};
}

domain::Answers employee_answers(const std::string& wave, std::int64_t i) {
    if (wave == "pre") {
        return {{"languages_spoken", std::int64_t{2}},
                {"previous_stay_abroad", false},
                {"skill_technical", std::int64_t{3}},
                {"skill_language", std::int64_t{i % 6}},
                {"skill_intercultural", std::int64_t{2}},
                {"skill_business_abroad", std::int64_t{1}},
                {"expect_professional_development", std::int64_t{4}}};
    }
    return {{"professional_development", std::int64_t{1 + (i * 7) % 5}},
            {"career_opportunities", std::int64_t{4}},
            {"skills_benefit_company", std::int64_t{4}},
            {"skill_technical", std::int64_t{3}},
            {"skill_language", std::int64_t{(i * 5 + 1) % 6}},
            {"skill_intercultural", std::int64_t{3}},
            {"skill_business_abroad", std::int64_t{2}},
            {"recommend", std::int64_t{(i * 3) % 11}}};
}

class ReportTalliesTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(apply_migrations(connection_).ok());
        pqxx::work tx(connection_);
        programme_ = server::registry::create_programme(tx, "pilot", "Pilot", "mobilisesme", "test").value();
        // Every combination of country, sector and size, twice: 48 companies.
        for (int copy = 0; copy < 2; ++copy) {
            for (const auto* country : kCountries) {
                for (const auto* sector : kSectors) {
                    for (const auto* size : kSizes) {
                        const auto id = server::registry::register_organisation(
                                            tx, programme_, {"Atelier", country, sector, size}, std::nullopt, "test")
                                            .value();
                        organisations_.push_back(id);
                        contacts_.push_back(participant(tx, id, "contact"));
                    }
                }
            }
        }
        tx.commit();
    }

    std::int64_t participant(pqxx::transaction_base& tx, std::int64_t organisation_id, const char* role) {
        return server::registry::add_participant(
                   tx, programme_, {organisation_id, role, "Ana", "ana@example.org", "en"}, std::nullopt, "test", key_)
            .value();
    }

    /// Adds exchanges with all six invitations and submits them until the
    /// programme has `responses` responses.
    void grow_to(std::int64_t responses) {
        while (responses_ < responses) {
            pqxx::work tx(connection_);
            const auto i = exchanges_++;
            const auto sending = organisations_[static_cast<std::size_t>(i) % organisations_.size()];
            const auto hosting = organisations_[static_cast<std::size_t>(i + 7) % organisations_.size()];
            server::registry::EngagementRequest exchange;
            exchange.kind = "exchange";
            exchange.sending_organisation_id = sending;
            exchange.hosting_organisation_id = hosting;
            exchange.participant_id = participant(tx, sending, "employee");
            exchange.starts_on = "2017-06-01";
            exchange.ends_on = "2017-06-30";
            const auto engagement =
                server::registry::create_engagement(tx, programme_, exchange, std::nullopt, "test").value();
            std::vector<std::pair<std::string, domain::Answers>> tokens;
            for (const auto* wave : {"pre", "post"}) {
                for (const auto* respondent : {"sending", "hosting", "employee"}) {
                    server::collection::InvitationRequest request;
                    request.engagement_id = engagement;
                    request.respondent = respondent;
                    request.wave = wave;
                    const auto link = server::collection::issue_invitation(tx, programme_, request,
                                                                           {&key_, "http://test"}, instruments_, "test")
                                          .value();
                    const bool employee = std::string(respondent) == "employee";
                    if (std::string(wave) == "pre" && !employee) {
                        continue;  // the companies' pre questionnaires stay unanswered here
                    }
                    tokens.emplace_back(link.token, employee ? employee_answers(wave, i) : company_answers(i));
                    if (std::string(respondent) == "sending") {
                        sending_post_tokens_.push_back(link.token);
                    }
                }
            }
            tx.commit();
            submit(tokens);
            responses_ += static_cast<std::int64_t>(tokens.size());
        }
    }

    /// Submits through the links, as the API does: validated by the
    /// instrument, written by the SQL function.
    void submit(const std::vector<std::pair<std::string, domain::Answers>>& tokens) {
        std::vector<SubmissionWrite> batch;
        {
            pqxx::read_transaction tx(connection_);
            for (const auto& [token, answers] : tokens) {
                auto target = server::collection::load_target(tx, token, instruments_, links_).value();
                server::collection::Submission submission{answers, 1, "", "digest"};
                batch.push_back(server::collection::prepare_submission(target, submission, key_).value());
            }
        }
        pqxx::nontransaction autocommit(connection_);
        for (const auto& result : submit_responses(autocommit, batch)) {
            ASSERT_EQ(result.status, SubmissionStatus::written);
        }
    }

    /// Sequences and counts everything committed so far. The sequencer
    /// holds back events while any transaction of the cluster that began
    /// before them still runs (other tests run beside this one), so this
    /// waits until every event has its place.
    void count_everything() {
        for (int attempt = 0; attempt < 1000; ++attempt) {
            sequence_committed_events(connection_);
            while (!server::reports::count_new_events(connection_, sets_).caught_up) {
            }
            if (count("SELECT count(*) FROM events") == count("SELECT count(*) FROM event_order") &&
                count("SELECT count(*) FROM event_order") == count("SELECT last_seq FROM report_checkpoint")) {
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        FAIL() << "the events were not all sequenced and counted within ten seconds";
    }

    std::int64_t count(const std::string& sql) {
        pqxx::nontransaction tx(connection_);
        return tx.exec1(sql)[0].as<std::int64_t>();
    }

    /// The reach figures of the report (from the tallies).
    evaluation::Reach reach_in_report() {
        pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> read(connection_);
        const auto report = server::reports::read_report(read, "pilot", "en").value();
        evaluation::Reach reach;
        for (const auto& figure : report.indicators) {
            const auto value = static_cast<std::int64_t>(figure.value.value_or(-1));
            if (figure.id == "registered_organisations") {
                reach.organisations = value;
            } else if (figure.id == "exchanges") {
                reach.engagements = value;
            } else if (figure.id == "sectors") {
                reach.sectors = value;
            } else if (figure.id == "countries") {
                reach.countries = value;
            }
        }
        return reach;
    }

    /// The same, counted from the register (the MobiliseSME template has
    /// no participants figure).
    evaluation::Reach reach_in_register() {
        pqxx::nontransaction tx(connection_);
        const auto row = tx.exec_params1(
            R"(WITH live AS (SELECT * FROM engagements WHERE programme_id = $1 AND status <> 'cancelled'),
               taking_part AS (SELECT sending_organisation_id AS id FROM live
                               UNION SELECT hosting_organisation_id FROM live)
               SELECT (SELECT count(*) FROM organisations WHERE programme_id = $1),
                      (SELECT count(*) FROM live),
                      (SELECT count(DISTINCT o.sector) FROM organisations o JOIN taking_part t ON t.id = o.id),
                      (SELECT count(DISTINCT o.country) FROM organisations o JOIN taking_part t ON t.id = o.id))",
            programme_.id);
        return {row[0].as<std::int64_t>(), row[1].as<std::int64_t>(), 0, row[2].as<std::int64_t>(),
                row[3].as<std::int64_t>()};
    }

    std::string tallies_digest() {
        pqxx::nontransaction tx(connection_);
        return tx
            .exec1(
                "SELECT md5(string_agg(concat_ws('|', indicator, group_by, group_key, cell, count, sum, "
                "sum_of_squares), ';' ORDER BY indicator, group_by, group_key, cell)) FROM report_tallies")[0]
            .as<std::string>();
    }

    testing::ScratchDatabase database_;
    pqxx::connection connection_{database_.url()};
    server::security::MasterKey key_ = server::security::MasterKey::generate();
    server::collection::InstrumentCache instruments_;
    server::collection::FormLinkCache links_;
    server::reports::IndicatorSets sets_;
    StoredProgramme programme_;
    std::vector<std::int64_t> organisations_;
    std::vector<std::int64_t> contacts_;
    std::vector<std::string> sending_post_tokens_;
    std::int64_t exchanges_ = 0;
    std::int64_t responses_ = 0;
    std::int64_t cancelled_ = 0;
};

TEST_F(ReportTalliesTest, HoldTheSameRowsAtOneThousandAndTenThousandResponses) {
    grow_to(1'000);
    count_everything();
    const auto rows_at_1000 = count("SELECT count(*) FROM report_tallies");
    const auto counted_at_1000 = count(
        "SELECT count FROM report_tallies WHERE indicator = 'sending_matched_needs' "
        "AND group_by = '' AND cell = 'success'");
    ASSERT_GT(rows_at_1000, 100);

    grow_to(10'000);
    count_everything();
    EXPECT_EQ(count("SELECT count(*) FROM report_tallies"), rows_at_1000)
        << "the tallies grew with the number of responses";
    EXPECT_GT(count("SELECT count FROM report_tallies WHERE indicator = 'sending_matched_needs' "
                    "AND group_by = '' AND cell = 'success'"),
              counted_at_1000 * 9);
}

TEST_F(ReportTalliesTest, AgreeWithAnOfflineCountAndWithARebuild) {
    grow_to(600);
    // Amend a tenth of the sending companies' answers: what counts is the
    // latest version.
    count_everything();
    std::vector<std::pair<std::string, domain::Answers>> amendments;
    for (std::size_t i = 0; i < sending_post_tokens_.size(); i += 10) {
        amendments.emplace_back(sending_post_tokens_[i], company_answers(static_cast<std::int64_t>(i) + 3));
    }
    ASSERT_GT(amendments.size(), 10u);
    submit(amendments);
    count_everything();
    ASSERT_GT(count("SELECT count(*) FROM events WHERE type = 'response.amended'"), 10);

    // Offline: the share of sending companies answering 4 or 5, straight
    // from their stored latest versions.
    const auto offline_successes = count(
        "SELECT count(*) FROM responses r JOIN response_versions v ON v.response_id = r.id "
        "AND v.version = r.latest_version JOIN invitations i ON i.id = r.invitation_id "
        "WHERE i.respondent = 'sending' AND i.wave = 'post' AND (v.answers->>'matched_needs')::int >= 4");
    const auto offline_answers = count(
        "SELECT count(*) FROM responses r JOIN invitations i ON i.id = r.invitation_id "
        "WHERE i.respondent = 'sending' AND i.wave = 'post'");
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> read(connection_);
    const auto report = server::reports::read_report(read, "pilot", "en").value();
    read.commit();
    const server::reports::IndicatorFigure* sending = nullptr;
    for (const auto& figure : report.indicators) {
        if (figure.id == "sending_matched_needs") {
            sending = &figure;
        }
    }
    ASSERT_NE(sending, nullptr);
    EXPECT_EQ(sending->numerator, offline_successes);
    EXPECT_EQ(sending->denominator, offline_answers);

    const auto incremental = tallies_digest();
    server::reports::rebuild_tallies(connection_, sets_);
    EXPECT_EQ(tallies_digest(), incremental);
}

TEST_F(ReportTalliesTest, KeepTheReachTheRegisterShows) {
    // Companies of a fifth sector and country take part in one exchange,
    // which is then cancelled: they no longer count among those reached.
    {
        pqxx::work tx(connection_);
        const auto sending = server::registry::register_organisation(
                                 tx, programme_, {"Forge", "FR", "A01", "micro"}, std::nullopt, "test")
                                 .value();
        server::registry::EngagementRequest exchange;
        exchange.kind = "exchange";
        exchange.sending_organisation_id = sending;
        exchange.hosting_organisation_id = organisations_[0];
        exchange.participant_id = participant(tx, sending, "employee");
        exchange.starts_on = "2017-06-01";
        exchange.ends_on = "2017-06-30";
        cancelled_ = server::registry::create_engagement(tx, programme_, exchange, std::nullopt, "test").value();
        tx.commit();
    }
    grow_to(60);
    count_everything();
    const auto before = reach_in_report();
    EXPECT_EQ(before, reach_in_register());
    EXPECT_EQ(before.sectors, 4);
    EXPECT_EQ(before.countries, 5);

    {
        pqxx::work tx(connection_);
        ASSERT_TRUE(server::registry::change_engagement_status(tx, programme_, cancelled_, "cancelled", "test").ok());
        tx.commit();
    }
    count_everything();
    const auto after = reach_in_report();
    EXPECT_EQ(after, reach_in_register());
    EXPECT_EQ(after.engagements, before.engagements - 1);
    EXPECT_EQ(after.organisations, before.organisations) << "the company stays registered";
    EXPECT_EQ(after.sectors, 3);
    EXPECT_EQ(after.countries, 4);

    const auto incremental = tallies_digest();
    server::reports::rebuild_tallies(connection_, sets_);
    EXPECT_EQ(tallies_digest(), incremental);
}

}  // namespace
}  // namespace yardstick::sql

// The tamper-evident event log through the real server binary: GET
// /api/v1/audit/verify and `yardstick verify` agree that the chain is intact,
// check a head a report published, and find a row changed behind the
// server's back; every report read is logged and listed at
// /api/v1/programmes/{slug}/audit.

#include <pqxx/pqxx>

#include <chrono>
#include <string>
#include <thread>

#include "tests/http/exchange_fixture.hpp"

namespace yardstick::testing {
namespace {

using namespace std::chrono_literals;
using beast_http::status;
using beast_http::verb;

class AuditApi : public ExchangeServerTest {
protected:
    nlohmann::json json_of(const HttpResponse& response) const {
        EXPECT_EQ(response.result(), status::ok) << response.body();
        const auto body = nlohmann::json::parse(response.body(), nullptr, false);
        return body.is_object() ? body : nlohmann::json::object();
    }

    nlohmann::json verify(const std::string& query = "") const {
        return json_of(staff(verb::get, "/api/v1/audit/verify" + query));
    }

    /// Waits until every event committed so far is sequenced and sealed.
    void wait_until_sealed() const {
        const auto deadline = std::chrono::steady_clock::now() + 5s;
        while (count("SELECT count(*) FROM events") != count("SELECT count(*) FROM event_seals") &&
               std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(10ms);
        }
        ASSERT_EQ(count("SELECT count(*) FROM events"), count("SELECT count(*) FROM event_seals"));
    }

    std::string sealed_hash(std::int64_t seq) const {
        pqxx::connection connection(database_.url());
        pqxx::read_transaction tx(connection);
        return tx.exec1("SELECT encode(hash, 'hex') FROM event_seals WHERE seq = " + std::to_string(seq))[0]
            .as<std::string>();
    }

    void tamper(const std::string& statement) const {
        pqxx::connection connection(database_.url());
        pqxx::work tx(connection);
        tx.exec0("SET LOCAL session_replication_role = replica");
        tx.exec0(statement);
        tx.commit();
    }
};

TEST_F(AuditApi, TheChainVerifiesAndNamesItsHead) {
    ASSERT_NO_FATAL_FAILURE(wait_until_sealed());
    const auto sealed = count("SELECT count(*) FROM event_seals");
    const auto verdict = verify();
    EXPECT_EQ(verdict.value("ok", false), true) << verdict.dump();
    // Events logged after the count (none are expected) would only add.
    EXPECT_GE(verdict.value("events", std::int64_t{0}), sealed);
    const auto head_seq = verdict.value("head_seq", std::int64_t{0});
    EXPECT_EQ(verdict.value("head", ""), sealed_hash(head_seq));
    EXPECT_EQ(verdict.value("head", "").size(), 64u);
}

TEST_F(AuditApi, AReportsHeadIsCheckedByTheApiAndTheCommandLine) {
    const nlohmann::json answers = {{"matched_needs", 5},          {"crossborder_business", 4},
                                    {"new_products_services", 3},  {"skills_benefit_company", 4},
                                    {"would_participate_again", true}, {"recommend", 9}};
    const auto submitted =
        request(port(), verb::post, "/api/v1/forms/" + invite("sending", "post") + "/submission",
                nlohmann::json{{"consent_version", 1}, {"answers", answers}}.dump(),
                {{"Content-Type", "application/json"}});
    ASSERT_EQ(submitted.result(), status::created) << submitted.body();
    // The report's data version moves once the submission is counted.
    auto report = json_of(staff(verb::get, base_ + "/report"));
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (report.value("data_version", 0) == 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(10ms);
        report = json_of(staff(verb::get, base_ + "/report"));
    }
    ASSERT_GT(report.value("data_version", 0), 0);
    const auto head = report.value("event_log_head", "");
    ASSERT_EQ(head.find(':'), std::to_string(report.value("data_version", 0)).size()) << head;

    EXPECT_EQ(verify("?expect_head=" + head).value("ok", false), true);
    int exit_code = -1;
    auto out = run_command({"verify", "--database-url", database_.url(), "--expect-head", head}, &exit_code);
    EXPECT_EQ(exit_code, 0) << out;
    EXPECT_EQ(nlohmann::json::parse(out, nullptr, false).value("ok", false), true) << out;

    // A head the chain never had.
    auto forged = head;
    forged.back() = forged.back() == '0' ? '1' : '0';
    const auto refused = verify("?expect_head=" + forged);
    EXPECT_EQ(refused.value("ok", true), false);
    EXPECT_EQ(refused.value("first_bad_seq", std::int64_t{0}), report.value("data_version", std::int64_t{-1}));
    run_command({"verify", "--database-url", database_.url(), "--expect-head", forged}, &exit_code);
    EXPECT_EQ(exit_code, 1);
}

TEST_F(AuditApi, ARowChangedBehindTheServersBackIsFound) {
    ASSERT_NO_FATAL_FAILURE(wait_until_sealed());
    const auto target = count(
        "SELECT o.seq FROM event_order o JOIN events e ON e.id = o.event_id "
        "WHERE e.type = 'organisation.registered' ORDER BY o.seq LIMIT 1");
    tamper("UPDATE events SET data = jsonb_set(data, '{country}', '\"FR\"') WHERE id = "
           "(SELECT event_id FROM event_order WHERE seq = " + std::to_string(target) + ")");
    const auto verdict = verify();
    EXPECT_EQ(verdict.value("ok", true), false) << verdict.dump();
    EXPECT_EQ(verdict.value("first_bad_seq", std::int64_t{0}), target);
    EXPECT_FALSE(verdict.value("reason", "").empty());

    int exit_code = -1;
    const auto out = run_command({"verify", "--database-url", database_.url()}, &exit_code);
    EXPECT_EQ(exit_code, 1) << out;
    EXPECT_EQ(nlohmann::json::parse(out, nullptr, false).value("first_bad_seq", std::int64_t{0}), target) << out;
}

TEST_F(AuditApi, RefusesAMalformedHead) {
    for (const auto* bad : {"12", "x:abc", "-1:0000000000000000000000000000000000000000000000000000000000000000",
                            "3:zz00000000000000000000000000000000000000000000000000000000000000"}) {
        const auto problem = expect_problem(staff(verb::get, std::string("/api/v1/audit/verify?expect_head=") + bad),
                                            status::bad_request, "Bad Request");
        EXPECT_TRUE(names_field(problem, "expect_head")) << bad << " " << problem.dump();
    }
    int exit_code = -1;
    run_command({"verify", "--database-url", database_.url(), "--expect-head", "12"}, &exit_code);
    EXPECT_EQ(exit_code, 2);
    expect_problem(request(port(), verb::get, "/api/v1/audit/verify"), status::unauthorized, "Unauthorized");
}

TEST_F(AuditApi, EveryReportReadIsLoggedAndListed) {
    EXPECT_EQ(staff(verb::get, base_ + "/report?format=csv&lang=fr").result(), status::ok);
    const auto report = json_of(staff(verb::get, base_ + "/report"));
    // Listed once sequenced (within the sequencer's interval).
    auto listed = json_of(staff(verb::get, base_ + "/audit"));
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (listed.value("events", nlohmann::json::array()).size() < 2 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(10ms);
        listed = json_of(staff(verb::get, base_ + "/audit"));
    }
    const auto events = listed.value("events", nlohmann::json::array());
    ASSERT_EQ(events.size(), 2u) << listed.dump();
    const auto admin_id = count("SELECT id FROM users WHERE email = 'admin@localhost'");
    EXPECT_EQ(events[0].value("type", ""), "report.viewed");
    EXPECT_EQ(events[0].value("actor", ""), "user:" + std::to_string(admin_id));
    EXPECT_EQ(events[0]["data"].value("format", ""), "csv");
    EXPECT_EQ(events[0]["data"].value("lang", ""), "fr");
    EXPECT_EQ(events[1]["data"].value("format", ""), "json");
    EXPECT_EQ(events[1]["data"].value("data_version", std::int64_t{-1}), report.value("data_version", std::int64_t{-2}));
    EXPECT_EQ(events[1]["data"].value("event_log_head", ""), report.value("event_log_head", "x"));
    expect_problem(request(port(), verb::get, base_ + "/audit"), status::unauthorized, "Unauthorized");
}

}  // namespace
}  // namespace yardstick::testing

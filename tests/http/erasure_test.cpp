// The right to erasure by crypto-shredding, end to end through the server
// binary (issue 8): before and after exports, figures with and without
// withdrawal (recompute from the package equals the served report both
// times), `yardstick verify` still intact; then the erased person's e-mail
// address, name and personal answer are searched for in a pg_dump, in the
// cluster's data directory after CHECKPOINT and in the server's log, and the
// destroyed wrapped key in the table files. The database alone, without the
// master key file, reveals no identity, and a server given another key
// refuses to start. Consent withdrawal through the person's own link is an
// erasure with withdrawal.

#include <filesystem>
#include <fstream>
#include <string>

#include <pqxx/pqxx>

#include "tests/http/exchange_fixture.hpp"
#include "tests/http/package_checks.hpp"
#include "tests/support/scratch_database.hpp"
#include "tests/support/server_process.hpp"

namespace yardstick::testing {
namespace {

using beast_http::status;
using beast_http::verb;

const std::string kEmail = "luc@example.org";          // the employee's, erased below
const std::string kName = "Sam Example";               // every participant's name in the fixture
const std::string kPersonal = "Jonas Meier was a great host";  // a personal answer of theirs

/// The first file under `directory` in which `needle` occurs (read as
/// bytes), or an empty path. Other tests share the cluster: files and whole
/// databases may come and go while it looks, so what vanishes is skipped.
std::filesystem::path file_holding(const std::filesystem::path& directory, const std::string& needle) {
    std::error_code error;
    for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
        std::error_code kind_error;
        if (it->is_directory(kind_error)) {
            if (auto found = file_holding(it->path(), needle); !found.empty()) {
                return found;
            }
        } else if (it->is_regular_file(kind_error) && read_file(it->path()).find(needle) != std::string::npos) {
            return it->path();
        }
    }
    return {};
}

bool found_under(const std::filesystem::path& directory, const std::string& needle) {
    return !file_holding(directory, needle).empty();
}

class Erasure : public ExchangeServerTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(ExchangeServerTest::SetUp());
        employee_pre_ = invite("employee", "pre");
        submit(employee_pre_, employee_pre_answers());
        employee_post_ = invite("employee", "post");
        submit(employee_post_, employee_post_answers());
        const nlohmann::json company = {{"matched_needs", 4},          {"crossborder_business", 4},
                                        {"new_products_services", 3},  {"skills_benefit_company", 4},
                                        {"would_participate_again", true}, {"recommend", 9}};
        submit(invite("sending", "post"), company);
        wait_until_counted();
    }

    nlohmann::json get_json(const std::string& target) const {
        const auto response = staff(verb::get, target);
        EXPECT_EQ(response.result(), status::ok) << target << ": " << response.body();
        return nlohmann::json::parse(response.body(), nullptr, false);
    }

    HttpResponse erase(bool withdraw_answers) const {
        return staff(verb::post, base_ + "/participants/" + std::to_string(employee_) + "/erasure",
                     nlohmann::json{{"withdraw_answers", withdraw_answers}}.dump());
    }

    std::int64_t exported_rows() const {
        const auto csv = staff(verb::get, base_ + "/exports/responses.csv");
        EXPECT_EQ(csv.result(), status::ok) << csv.body();
        return std::count(csv.body().begin(), csv.body().end(), '\n') - 1;
    }

    /// `yardstick verify` over the scratch database: its exit code.
    int verify() const {
        int code = -1;
        const auto out = run_command({"verify", "--database-url", database_.url()}, &code);
        EXPECT_EQ(code, 0) << out;
        return code;
    }

    std::string pg_dump() const {
        int code = -1;
        const auto dump = shell("pg_dump --no-owner --dbname='" + database_.url() + "'", &code);
        EXPECT_EQ(code, 0) << dump.substr(0, 500);
        return dump;
    }

    std::string wrapped_key() const {
        pqxx::connection connection(database_.url());
        pqxx::read_transaction tx(connection);
        const auto rows =
            tx.exec_params("SELECT wrapped_key FROM person_keys WHERE participant_id = $1", employee_);
        return rows.empty() || rows[0][0].is_null() ? std::string() : pqxx::binarystring(rows[0][0]).str();
    }

    /// Which relation of the scratch database a file node belongs to.
    std::string relation_of(const std::string& filenode) const {
        pqxx::connection connection(database_.url());
        pqxx::read_transaction tx(connection);
        const auto node = filenode.substr(0, filenode.find_first_not_of("0123456789"));
        if (node.empty()) {
            return "not a relation file";
        }
        const auto rows = tx.exec_params("SELECT pg_filenode_relation(0, $1::oid)::text", node);
        return rows.empty() || rows[0][0].is_null() ? "no relation of this database" : rows[0][0].as<std::string>();
    }

    std::filesystem::path data_directory_after_checkpoint() const {
        pqxx::connection connection(database_.url());
        pqxx::nontransaction tx(connection);
        tx.exec("CHECKPOINT");
        return tx.exec1("SHOW data_directory")[0].as<std::string>();
    }

    std::string employee_pre_;
    std::string employee_post_;
};

TEST_F(Erasure, WithWithdrawalTheAnswersLeaveEveryFigureAndExportAndTheIdentityIsUnreadableEverywhere) {
    Scratch scratch;
    const PackageChecks checks(port(), admin_);
    // Before: readable with the key, and only sealed in the database.
    const auto before = get_json(base_ + "/participants/" + std::to_string(employee_) + "/data");
    EXPECT_EQ(before["participant"]["email"], kEmail);
    EXPECT_EQ(before["responses"][1]["versions"][0]["answers"]["comment"], kPersonal);
    const auto report_before = checks.served_report("pilot");
    const auto rows_before = exported_rows();
    EXPECT_EQ(rows_before, 3);
    ASSERT_NO_FATAL_FAILURE(checks.expect_recompute_equals_served("pilot", scratch));
    const auto key = wrapped_key();
    ASSERT_EQ(key.size(), 73u);
    {
        // The searches below can find things: what is not personal is there
        // in clear, and so is the wrapped key before it is destroyed.
        const auto dump = pg_dump();
        ASSERT_NE(dump.find("MobiliseSME pilot"), std::string::npos);
        const auto data_directory = data_directory_after_checkpoint();
        ASSERT_TRUE(found_under(data_directory, "MobiliseSME pilot"));
        ASSERT_TRUE(found_under(data_directory / "base", key));
        for (const auto& secret : {kEmail, kName, kPersonal}) {
            EXPECT_EQ(dump.find(secret), std::string::npos) << "the dump holds " << secret << " before erasure";
        }
    }

    const auto erased = erase(true);
    ASSERT_EQ(erased.result(), status::ok) << erased.body();
    const auto outcome = nlohmann::json::parse(erased.body());
    EXPECT_EQ(outcome["responses_withdrawn"], 2);
    EXPECT_EQ(outcome["invitations_closed"], 2);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'participant.erased' AND actor LIKE 'user:%' "
                    "AND data->>'withdraw_answers' = 'true' AND data->>'reason' = 'request'"),
              1);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'response.withdrawn'"), 2);
    wait_until_counted();

    // Figures: the employee's answers count no more; the package agrees.
    const auto report_after = checks.served_report("pilot");
    EXPECT_NE(without_generated_at(report_after)["indicators"], without_generated_at(report_before)["indicators"]);
    EXPECT_EQ(exported_rows(), rows_before - 2);
    ASSERT_NO_FATAL_FAILURE(checks.expect_recompute_equals_served("pilot", scratch));
    verify();

    // The person: no identity for anyone, links closed, rights still readable.
    const auto participant = get_json(base_ + "/participants/" + std::to_string(employee_));
    EXPECT_TRUE(participant["name"].is_null());
    EXPECT_TRUE(participant["email"].is_null());
    EXPECT_TRUE(participant.contains("erased_at"));
    EXPECT_EQ(request(port(), verb::get, "/f/" + employee_post_).result(), status::gone);
    const auto own = request(port(), verb::get, "/f/" + employee_post_ + "/my-data");
    ASSERT_EQ(own.result(), status::ok) << own.body();
    const auto own_data = nlohmann::json::parse(own.body());
    EXPECT_TRUE(own_data["participant"]["email"].is_null());
    EXPECT_TRUE(own_data["responses"][0].contains("withdrawn_at"));
    EXPECT_EQ(own.body().find(kPersonal), std::string::npos);
    EXPECT_EQ(staff(verb::get, base_ + "/invitations/" +
                                   std::to_string(count("SELECT min(id) FROM invitations WHERE participant_id = " +
                                                        std::to_string(employee_))))
                  .result(),
              status::conflict)
        << "a kept link can no longer be opened to send again";

    // Nowhere readable: a dump, the data directory, the log; the destroyed key
    // is gone from the table files.
    const auto dump = pg_dump();
    const auto data_directory = data_directory_after_checkpoint();
    const auto log = server_->transcript();
    for (const auto& secret : {kEmail, kName, kPersonal}) {
        EXPECT_EQ(dump.find(secret), std::string::npos) << "the dump holds " << secret;
        EXPECT_FALSE(found_under(data_directory, secret)) << "the data directory holds " << secret;
        EXPECT_EQ(log.find(secret), std::string::npos) << "the log holds " << secret;
    }
    EXPECT_TRUE(wrapped_key().empty());
    const auto holder = file_holding(data_directory / "base", key);
    EXPECT_TRUE(holder.empty()) << "the wrapped key is still in " << holder << " ("
                                << relation_of(holder.filename().string()) << "); the server said:\n" << log;

    // Again: nothing left to do.
    EXPECT_EQ(erase(true).result(), status::conflict);
}

TEST_F(Erasure, WithoutWithdrawalTheAnswersStayAsPseudonymousData) {
    Scratch scratch;
    const PackageChecks checks(port(), admin_);
    const auto report_before = checks.served_report("pilot");
    const auto rows_before = exported_rows();

    const auto erased = erase(false);
    ASSERT_EQ(erased.result(), status::ok) << erased.body();
    EXPECT_EQ(nlohmann::json::parse(erased.body())["responses_withdrawn"], 0);
    wait_until_counted();

    EXPECT_EQ(without_generated_at(checks.served_report("pilot"))["indicators"],
              without_generated_at(report_before)["indicators"]);
    EXPECT_EQ(exported_rows(), rows_before);
    ASSERT_NO_FATAL_FAILURE(checks.expect_recompute_equals_served("pilot", scratch));
    verify();
    const auto data = get_json(base_ + "/participants/" + std::to_string(employee_) + "/data");
    EXPECT_TRUE(data["participant"]["email"].is_null());
    EXPECT_EQ(data["responses"].size(), 2u) << "the answers stay";
    EXPECT_FALSE(data["responses"][1]["versions"][0]["answers"].contains("comment"))
        << "the personal answer was sealed with the destroyed key";

    // The withdrawal can follow later.
    const auto later = erase(true);
    ASSERT_EQ(later.result(), status::ok) << later.body();
    EXPECT_EQ(nlohmann::json::parse(later.body())["responses_withdrawn"], 2);
    wait_until_counted();
    EXPECT_EQ(exported_rows(), rows_before - 2);
    ASSERT_NO_FATAL_FAILURE(checks.expect_recompute_equals_served("pilot", scratch));
}

TEST_F(Erasure, BadRequestsChangeNothing) {
    const auto auditor = create_token("auditor", "auditor@example.org", "pilot");
    const auto events = count("SELECT count(*) FROM events");
    const auto target = base_ + "/participants/" + std::to_string(employee_) + "/erasure";
    const auto bad = staff(verb::post, target, R"({"withdraw_answers": "yes"})");
    EXPECT_EQ(bad.result(), status::unprocessable_entity) << bad.body();
    EXPECT_NE(bad.body().find("withdraw_answers"), std::string::npos);
    const auto unknown = staff(verb::post, target, R"({"withdraw": true})");
    EXPECT_EQ(unknown.result(), status::unprocessable_entity) << unknown.body();
    EXPECT_EQ(staff(verb::post, base_ + "/participants/999999/erasure", "{}").result(), status::not_found);
    EXPECT_EQ(request(port(), verb::post, target, "{}",
                      {{"Authorization", "Bearer " + auditor}, {"Content-Type", "application/json"}})
                  .result(),
              status::forbidden);
    EXPECT_EQ(count("SELECT count(*) FROM events"), events);
    EXPECT_EQ(wrapped_key().size(), 73u);
}

TEST_F(Erasure, APersonWithdrawsConsentFromTheirOwnLink) {
    const auto page = request(port(), verb::get, "/f/" + employee_post_ + "/withdraw");
    ASSERT_EQ(page.result(), status::ok);
    EXPECT_NE(page.body().find("name=\"confirm\""), std::string::npos);
    EXPECT_NE(page.body().find("lang=\"fr\""), std::string::npos) << "in the person's language";

    // Not confirmed: nothing happens.
    const auto unconfirmed = request(port(), verb::post, "/f/" + employee_post_ + "/withdraw", "confirm=no",
                                     {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(unconfirmed.result(), status::unprocessable_entity);
    EXPECT_EQ(wrapped_key().size(), 73u);

    const auto confirmed = request(port(), verb::post, "/f/" + employee_post_ + "/withdraw", "confirm=yes",
                                   {{"Content-Type", "application/x-www-form-urlencoded"}});
    ASSERT_EQ(confirmed.result(), status::see_other) << confirmed.body();
    EXPECT_TRUE(wrapped_key().empty());
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'participant.erased' AND actor LIKE 'invitation:%' "
                    "AND data->>'reason' = 'consent_withdrawn' AND data->>'withdraw_answers' = 'true'"),
              1);
    EXPECT_EQ(count("SELECT count(*) FROM responses WHERE withdrawn_at IS NOT NULL"), 2);
    const auto after = request(port(), verb::get, "/f/" + employee_post_ + "/withdraw");
    EXPECT_EQ(after.result(), status::ok);
    EXPECT_EQ(after.body().find("name=\"confirm\""), std::string::npos) << "done: nothing left to confirm";
    EXPECT_EQ(request(port(), verb::get, "/f/" + employee_post_).result(), status::gone);
}

TEST_F(Erasure, ConsentWithdrawalAsJson) {
    const auto refused = request(port(), verb::post, "/f/" + employee_pre_ + "/withdraw", "{}",
                                 {{"Content-Type", "application/json"}});
    EXPECT_EQ(refused.result(), status::unprocessable_entity) << refused.body();
    EXPECT_NE(refused.body().find("confirm"), std::string::npos);
    const auto done = request(port(), verb::post, "/f/" + employee_pre_ + "/withdraw", R"({"confirm": true})",
                              {{"Content-Type", "application/json"}});
    ASSERT_EQ(done.result(), status::ok) << done.body();
    EXPECT_EQ(nlohmann::json::parse(done.body())["responses_withdrawn"], 2);
    EXPECT_EQ(request(port(), verb::post, "/f/" + employee_pre_ + "/withdraw", R"({"confirm": true})",
                      {{"Content-Type", "application/json"}})
                  .result(),
              status::conflict);
}

// The database alone: every identity sealed, and a server with another key
// refuses to start rather than seal anything no one could open.
class MasterKeyOutsideTheDatabase : public ExchangeServerTest {};

TEST_F(MasterKeyOutsideTheDatabase, WithoutTheKeyFileTheDatabaseRevealsNoIdentity) {
    submit(invite("employee", "post"), employee_post_answers());
    {
        pqxx::connection connection(database_.url());
        pqxx::read_transaction tx(connection);
        const auto text = tx.exec1(
                              "SELECT string_agg(t::text, ' ') FROM (SELECT p::text AS t FROM participants p "
                              "UNION ALL SELECT i::text FROM invitations i UNION ALL SELECT v::text FROM "
                              "response_versions v UNION ALL SELECT e.data::text FROM events e) rows")[0]
                              .as<std::string>();
        for (const auto& secret : {kEmail, std::string("claire@example.org"), kName, kPersonal}) {
            EXPECT_EQ(text.find(secret), std::string::npos) << secret;
        }
    }
    Scratch scratch;
    const auto other_key = scratch / "another-master-key";
    server_.reset();
    int code = -1;
    const auto out = run_command(serve_arguments({database_.url(), true, {"--master-key-file", other_key.string()}}),
                                 &code);
    EXPECT_NE(code, 0);
    EXPECT_NE(out.find("not the key this database"), std::string::npos) << out;
}

// A database that could not be reached when the server started is checked
// when the server first connects to it: with another master key, every
// request that needs it gets 503, and nothing is sealed under the wrong key.
TEST(MasterKeyOfALateDatabase, IsCheckedWhenTheServerFirstConnects) {
    ScratchDatabase database;
    Scratch scratch;
    int code = -1;
    const auto migrated = run_command({"migrate", "--database-url", database.url(), "--master-key-file",
                                       (scratch / "original-key").string()},
                                      &code);
    ASSERT_EQ(code, 0) << migrated;
    const auto token = run_command({"token", "create", "--database-url", database.url(), "--user",
                                    "admin@localhost", "--role", "admin"},
                                   &code);
    ASSERT_EQ(code, 0) << token;
    const auto bearer = token.substr(token.rfind('\n', token.size() - 2) + 1, 43);
    const auto allow = [&](bool yes) {
        pqxx::connection admin(admin_database_url());
        pqxx::nontransaction tx(admin);
        tx.exec("ALTER DATABASE " + tx.quote_name(database.name()) + " ALLOW_CONNECTIONS " + (yes ? "true" : "false"));
    };
    allow(false);
    const auto server = ServerProcess::serve({database.url(), false, {"--master-key-file", (scratch / "another-key").string()}});
    allow(true);
    const auto refused = request(server->port(), verb::get, "/api/v1/programmes", {}, {{"Authorization", "Bearer " + bearer}});
    EXPECT_EQ(refused.result(), status::service_unavailable) << refused.body();
    EXPECT_TRUE(server->wait_for_log_line(
        [](const std::string& line) { return line.find("server.master_key_refused") != std::string::npos; },
        std::chrono::seconds(5)));
}

}  // namespace
}  // namespace yardstick::testing

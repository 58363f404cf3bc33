// Retention (issue 8): a programme's retention_days, set through the API;
// `yardstick retention --dry-run` shows what would go and changes nothing;
// `yardstick retention` (and the server, on its own schedule) purges the
// unanswered invitations issued before the cut-off — kept token, draft, link —
// and erases the people who never answered, by the same crypto-shredding;
// submitted answers stay.

#include <string>
#include <thread>

#include <pqxx/pqxx>

#include "tests/http/exchange_fixture.hpp"

namespace yardstick::testing {
namespace {

using beast_http::status;
using beast_http::verb;

class Retention : public ExchangeServerTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(ExchangeServerTest::SetUp());
        const auto set = staff(verb::patch, base_, R"({"retention_days": 30})");
        ASSERT_EQ(set.result(), status::ok) << set.body();
        EXPECT_EQ(nlohmann::json::parse(set.body())["settings"]["retention_days"], 30);

        // The employee answered before; the hosting contact only saved a draft.
        answered_ = invite("employee", "pre");
        submit(answered_, employee_pre_answers());
        const auto hosting = issue_invitation("hosting", "post");
        drafted_ = hosting.token;
        drafted_id_ = hosting.id;
        const auto draft = request(port(), verb::put, "/api/v1/forms/" + drafted_ + "/draft",
                                   R"({"answers": {"recommend": 7}})", {{"Content-Type", "application/json"}});
        ASSERT_EQ(draft.result(), status::ok) << draft.body();
        hosting_contact_ = count("SELECT participant_id FROM invitations WHERE id = " + std::to_string(drafted_id_));
    }

    /// Everything issued so far as if 40 days ago.
    void age_invitations() const {
        pqxx::connection connection(database_.url());
        pqxx::work tx(connection);
        tx.exec("UPDATE invitations SET issued_at = issued_at - interval '40 days'");
        tx.commit();
    }

    nlohmann::json retention(bool dry_run) const {
        int code = -1;
        std::vector<std::string> arguments = {"retention", "--database-url", database_.url()};
        if (dry_run) {
            arguments.push_back("--dry-run");
        }
        const auto out = run_command(arguments, &code);
        EXPECT_EQ(code, 0) << out;
        return nlohmann::json::parse(out, nullptr, false);
    }

    std::string answered_;
    std::string drafted_;
    std::int64_t drafted_id_ = 0;
    std::int64_t hosting_contact_ = 0;
};

TEST_F(Retention, NothingIsDueBeforeTheCutOff) {
    const auto plan = retention(true);
    EXPECT_EQ(plan["invitations"], 0) << plan.dump();
    EXPECT_EQ(plan["participants"], 0);
}

TEST_F(Retention, ADryRunShowsWhatWouldGoAndChangesNothing) {
    age_invitations();
    const auto events = count("SELECT count(*) FROM events");
    const auto plan = retention(true);
    ASSERT_TRUE(plan.is_object());
    EXPECT_EQ(plan["dry_run"], true);
    ASSERT_EQ(plan["programmes"].size(), 1u) << plan.dump();
    EXPECT_EQ(plan["programmes"][0]["slug"], "pilot");
    EXPECT_EQ(plan["programmes"][0]["invitations"], nlohmann::json::array({drafted_id_}));
    EXPECT_EQ(plan["programmes"][0]["participants"], nlohmann::json::array({hosting_contact_}));
    EXPECT_EQ(count("SELECT count(*) FROM events"), events);
    EXPECT_EQ(request(port(), verb::get, "/f/" + drafted_).result(), status::ok);
}

TEST_F(Retention, UnansweredInvitationsArePurgedAndThoseWhoNeverAnsweredErased) {
    age_invitations();
    const auto done = retention(false);
    EXPECT_EQ(done["invitations"], 1) << done.dump();
    EXPECT_EQ(done["participants"], 1);

    EXPECT_EQ(request(port(), verb::get, "/f/" + drafted_).result(), status::gone);
    EXPECT_EQ(count("SELECT count(*) FROM invitations WHERE id = " + std::to_string(drafted_id_) +
                    " AND token_sealed IS NULL AND draft_answers = '{}'::jsonb"),
              1);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'invitation.purged' AND actor = 'retention'"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'participant.erased' AND actor = 'retention' "
                    "AND data->>'reason' = 'retention'"),
              1);
    const auto contact = staff(verb::get, base_ + "/participants/" + std::to_string(hosting_contact_));
    EXPECT_TRUE(nlohmann::json::parse(contact.body())["email"].is_null()) << contact.body();

    // The answered invitation and its answers stay; the employee keeps their identity.
    const auto employee = staff(verb::get, base_ + "/participants/" + std::to_string(employee_));
    EXPECT_EQ(nlohmann::json::parse(employee.body())["email"], "luc@example.org");
    EXPECT_EQ(count("SELECT count(*) FROM responses WHERE withdrawn_at IS NULL"), 1);

    // Applied once: a second run finds nothing.
    EXPECT_EQ(retention(false)["invitations"], 0);
}

TEST_F(Retention, BadSettingsAreRefusedNamingTheField) {
    for (const auto* body : {R"({"retention_days": -1})", R"({"retention_days": 4000})", R"({"retention_days": "a"})",
                             R"({"suppression_threshold": 3})", R"({})"}) {
        const auto refused = staff(verb::patch, base_, body);
        EXPECT_EQ(refused.result(), status::unprocessable_entity) << body << ": " << refused.body();
        EXPECT_NE(refused.body().find(std::string(body) == "{}" || std::string(body).find("retention") != std::string::npos
                                          ? "retention_days"
                                          : "suppression_threshold"),
                  std::string::npos)
            << refused.body();
    }
    const auto programme = staff(verb::get, base_);
    EXPECT_EQ(nlohmann::json::parse(programme.body())["settings"]["retention_days"], 30);
}

// The server applies retention itself on its schedule.
class ScheduledRetention : public Retention {
protected:
    ScheduledRetention() { server_arguments_ = {"--sequencer-interval", "0.05", "--retention-interval", "1"}; }
};

TEST_F(ScheduledRetention, TheServerPurgesOnItsOwn) {
    age_invitations();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (count("SELECT count(*) FROM events WHERE type = 'invitation.purged'") == 0 &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'invitation.purged'"), 1);
    EXPECT_TRUE(server_->wait_for_log_line(
        [](const std::string& line) { return line.find("retention.applied") != std::string::npos; },
        std::chrono::seconds(5)));
}

}  // namespace
}  // namespace yardstick::testing

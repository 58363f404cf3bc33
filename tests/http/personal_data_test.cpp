// The right of access: a person reads everything the programme holds about
// them from their own link, and staff read the same on their behalf — the
// record, the invitations, every response version with its consent version,
// and the events that concern them; nobody else's. Identities only for those
// who may see them; every reading logged.

#include <set>
#include <string>

#include "tests/http/exchange_fixture.hpp"

namespace yardstick::testing {
namespace {

using beast_http::status;
using beast_http::verb;

class PersonalData : public ExchangeServerTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(ExchangeServerTest::SetUp());
        token_ = invite("employee", "pre");
        submit(token_, employee_pre_answers());
        auto amended = employee_pre_answers();
        amended["skill_language"] = 4;
        submit(token_, amended);
        invite("sending", "pre");  // someone else's invitation
    }

    static std::set<std::string> event_types(const nlohmann::json& data) {
        std::set<std::string> types;
        for (const auto& event : data["events"]) {
            types.insert(event["type"].get<std::string>());
        }
        return types;
    }

    std::string token_;
};

TEST_F(PersonalData, APersonReadsEverythingHeldAboutThemFromTheirLink) {
    const auto response = request(port(), verb::get, "/f/" + token_ + "/my-data");
    ASSERT_EQ(response.result(), status::ok) << response.body();
    EXPECT_EQ(response[beast_http::field::cache_control], "no-store");
    const auto data = nlohmann::json::parse(response.body());
    EXPECT_EQ(data["participant"]["email"], "luc@example.org");
    EXPECT_EQ(data["participant"]["name"], "Sam Example");
    EXPECT_EQ(data["participant"]["id"], employee_);
    ASSERT_EQ(data["invitations"].size(), 1u) << "only their own";
    EXPECT_EQ(data["invitations"][0]["status"], "submitted");
    ASSERT_EQ(data["responses"].size(), 1u);
    const auto& versions = data["responses"][0]["versions"];
    ASSERT_EQ(versions.size(), 2u);
    EXPECT_EQ(versions[0]["answers"]["skill_language"], 2);
    EXPECT_EQ(versions[1]["answers"]["skill_language"], 4);
    EXPECT_EQ(versions[1]["consent_version"], 1);
    const auto types = event_types(data);
    for (const auto* type : {"participant.added", "invitation.issued", "response.submitted", "response.amended"}) {
        EXPECT_TRUE(types.contains(type)) << type << " in " << data["events"].dump();
    }
    EXPECT_EQ(response.body().find("claire@example.org"), std::string::npos);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'participant.data_accessed'"), 1);

    EXPECT_EQ(request(port(), verb::get, "/f/" + std::string(43, 'A') + "/my-data").result(), status::not_found);
}

TEST_F(PersonalData, StaffReadItOnTheirBehalfWithIdentitiesOnlyForThoseWhoMaySee) {
    const auto target = base_ + "/participants/" + std::to_string(employee_) + "/data";
    const auto as_admin = staff(verb::get, target);
    ASSERT_EQ(as_admin.result(), status::ok) << as_admin.body();
    const auto data = nlohmann::json::parse(as_admin.body());
    EXPECT_EQ(data["participant"]["email"], "luc@example.org");
    EXPECT_EQ(data["responses"][0]["versions"].size(), 2u);

    const auto auditor = create_token("auditor", "auditor@example.org", "pilot");
    const auto as_auditor = request(port(), verb::get, target, {}, {{"Authorization", "Bearer " + auditor}});
    ASSERT_EQ(as_auditor.result(), status::ok) << as_auditor.body();
    const auto withheld = nlohmann::json::parse(as_auditor.body());
    EXPECT_TRUE(withheld["participant"]["email"].is_null());
    EXPECT_EQ(withheld["participant"]["identity_withheld"], true);
    EXPECT_EQ(as_auditor.body().find("luc@example.org"), std::string::npos);

    EXPECT_EQ(staff(verb::get, base_ + "/participants/999999/data").result(), status::not_found);
    EXPECT_EQ(request(port(), verb::get, target).result(), status::unauthorized);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'participant.data_accessed'"), 2);
}

}  // namespace
}  // namespace yardstick::testing

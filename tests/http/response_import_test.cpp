// POST /api/v1/programmes/{slug}/imports/responses with a responses.csv:
// answers collected elsewhere become responses of the programme through the
// participants' own path (an invitation per engagement, respondent and wave,
// the instrument's validation, response.submitted), so the report counts
// them; a file with any wrong row writes nothing and names every row and
// column that is wrong.

#include <pqxx/pqxx>

#include <string>

#include "tests/http/exchange_fixture.hpp"

namespace yardstick::testing {
namespace {

using beast_http::status;
using beast_http::verb;

const std::string kHeader =
    "instrument,instrument_version,wave,respondent,engagement,matched_needs,crossborder_business,"
    "new_products_services,skills_benefit_company,would_participate_again,recommend\r\n";

class ResponseImport : public ExchangeServerTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(ExchangeServerTest::SetUp());
        // An exchange of an earlier round, registered with a reference.
        const auto traveller = add_participant(sending_, "employee", "ana@example.org", "en");
        earlier_ = create(base_ + "/engagements", {{"kind", "exchange"},
                                                   {"reference", "R2018-07"},
                                                   {"sending_organisation_id", sending_},
                                                   {"hosting_organisation_id", hosting_},
                                                   {"participant_id", traveller},
                                                   {"starts_on", "2018-05-07"},
                                                   {"ends_on", "2018-06-15"}})
                       .value("id", std::int64_t{0});
    }

    HttpResponse import(const std::string& csv) const {
        return request(port(), verb::post, base_ + "/imports/responses", csv,
                       {{"Authorization", "Bearer " + admin_}, {"Content-Type", "text/csv"}});
    }

    nlohmann::json report() const {
        return nlohmann::json::parse(staff(verb::get, base_ + "/report").body(), nullptr, false);
    }

    static double n_of(const nlohmann::json& report, const std::string& id) {
        for (const auto& figure : report["indicators"]) {
            if (figure["id"] == id) {
                return figure.value("n", 0.0);
            }
        }
        return -1;
    }

    std::int64_t earlier_ = 0;
};

TEST_F(ResponseImport, RowsBecomeResponsesTheReportCounts) {
    const auto before = count("SELECT count(*) FROM responses");
    // By reference and by id; the hosting company's answer has no recommendation (optional columns may be empty).
    const auto response =
        import(kHeader + "mobilisesme-sending-post,1,post,sending,R2018-07,5,4,3,4,1,9\r\n" +
               "mobilisesme-hosting-post,1,post,hosting," + std::to_string(earlier_) + ",4,5,4,4,0,8\r\n");
    ASSERT_EQ(response.result(), status::ok) << response.body();
    const auto imported = nlohmann::json::parse(response.body())["imported"];
    EXPECT_EQ(imported["responses"], 2);
    EXPECT_EQ(imported["invitations_issued"], 2);
    EXPECT_EQ(count("SELECT count(*) FROM responses"), before + 2);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'response.submitted'"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'responses.imported'"), 1);
    // The answers as given, on the engagement's own invitations.
    EXPECT_EQ(count("SELECT (v.answers->>'matched_needs')::int FROM response_versions v "
                    "JOIN responses r ON r.id = v.response_id JOIN invitations i ON i.id = r.invitation_id "
                    "WHERE i.engagement_id = " + std::to_string(earlier_) + " AND i.respondent = 'sending'"),
              5);
    wait_until_counted();
    EXPECT_EQ(n_of(report(), "sending_matched_needs"), 1) << report().dump();
    EXPECT_EQ(n_of(report(), "hosting_matched_needs"), 1) << report().dump();

    // The same answers again: already answered, nothing written.
    const auto again = import(kHeader + "mobilisesme-sending-post,1,post,sending,R2018-07,5,4,3,4,1,9\r\n");
    EXPECT_EQ(again.result(), status::unprocessable_entity) << again.body();
    EXPECT_EQ(count("SELECT count(*) FROM responses"), before + 2);
}

TEST_F(ResponseImport, AnyWrongRowWritesNothingAndEveryProblemIsNamed) {
    const auto events = count("SELECT count(*) FROM events");
    const auto response = import(kHeader + "mobilisesme-sending-post,1,post,sending,R2018-07,5,4,3,4,1,9\r\n" +
                                 "mobilisesme-hosting-post,1,post,hosting,R2018-07,7,4,3,4,1,9\r\n" +
                                 "mobilisesme-hosting-post,1,post,hosting,R1999-01,4,4,3,4,1,9\r\n" +
                                 "mobilisesme-sending-post,2,post,sending," + std::to_string(engagement_) +
                                 ",4,4,3,4,yes,9\r\n");
    ASSERT_EQ(response.result(), status::unprocessable_entity) << response.body();
    EXPECT_EQ(response[beast_http::field::content_type], "application/problem+json");
    const auto problem = nlohmann::json::parse(response.body());
    std::vector<std::pair<int, std::string>> named;
    for (const auto& error : problem["errors"]) {
        named.emplace_back(error.value("row", 0), error.value("field", ""));
    }
    EXPECT_NE(std::find(named.begin(), named.end(), std::pair<int, std::string>{3, "matched_needs"}), named.end())
        << response.body();
    EXPECT_NE(std::find(named.begin(), named.end(), std::pair<int, std::string>{4, "engagement"}), named.end())
        << response.body();
    EXPECT_NE(std::find(named.begin(), named.end(), std::pair<int, std::string>{5, "instrument_version"}), named.end())
        << response.body();
    EXPECT_EQ(count("SELECT count(*) FROM events"), events) << "nothing written, not even the good row";
    EXPECT_EQ(count("SELECT count(*) FROM invitations"), 0);
}

TEST_F(ResponseImport, RefusesAnUnknownColumnAndAnotherMediaType) {
    auto response = import("instrument,instrument_version,wave,respondent,engagement,favourite_colour\r\n"
                           "mobilisesme-sending-post,1,post,sending,R2018-07,blue\r\n");
    ASSERT_EQ(response.result(), status::unprocessable_entity) << response.body();
    EXPECT_NE(response.body().find("favourite_colour"), std::string::npos);
    response = request(port(), verb::post, base_ + "/imports/responses", "{}",
                       {{"Authorization", "Bearer " + admin_}, {"Content-Type", "application/json"}});
    EXPECT_EQ(response.result(), status::unsupported_media_type) << response.body();
}

}  // namespace
}  // namespace yardstick::testing

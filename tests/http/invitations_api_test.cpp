// POST/GET /api/v1/programmes/{slug}/invitations: issuing personal links for
// one respondent of one engagement in one wave, listing them with their
// status, and showing a link again. The token in a link is the participant's
// only credential, so the database must never hold it in clear.

#include <pqxx/pqxx>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>

#include "tests/http/exchange_fixture.hpp"

namespace yardstick::testing {
namespace {

using beast_http::field;
using beast_http::status;
using beast_http::verb;

constexpr const char* kPublicUrl = "https://forms.example.test";

// The token of a link `<public-url>/f/<token>`: its last path segment.
std::string token_of(const std::string& url) {
    return url.substr(url.rfind('/') + 1);
}

bool is_base64url(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

// The exchange of ExchangeServerTest, its links under kPublicUrl.
class InvitationsApi : public ExchangeServerTest {
protected:
    InvitationsApi() { server_arguments_ = {"--public-url", kPublicUrl}; }

    HttpResponse call(verb method, const std::string& target, const nlohmann::json& body = nullptr,
                      const std::string& token = {}) {
        HeaderList headers{{"Authorization", "Bearer " + (token.empty() ? admin_ : token)}};
        std::string text;
        if (!body.is_null()) {
            headers.emplace_back("Content-Type", "application/json");
            text = body.dump();
        }
        return request(port(), method, target, std::move(text), headers);
    }

    // Asks for a link for `respondent` of `engagement_id` in `wave`; the answer as it is.
    HttpResponse post_invitation(std::int64_t engagement_id, const std::string& respondent, const std::string& wave) {
        return call(verb::post, base_ + "/invitations",
                    {{"engagement_id", engagement_id}, {"respondent", respondent}, {"wave", wave}});
    }

    // The same for the exchange.
    HttpResponse post_invitation(const std::string& respondent, const std::string& wave) {
        return post_invitation(engagement_, respondent, wave);
    }

    nlohmann::json list_invitations() {
        const auto response = call(verb::get, base_ + "/invitations");
        EXPECT_EQ(response.result(), status::ok) << response.body();
        return nlohmann::json::parse(response.body(), nullptr, false);
    }
};

TEST_F(InvitationsApi, IssuingAnswers201WithALinkUnderThePublicUrl) {
    const auto response = post_invitation("sending", "post");
    ASSERT_EQ(response.result(), status::created) << response.body();
    const auto body = nlohmann::json::parse(response.body());
    const auto url = body.value("url", "");
    const std::string prefix = std::string(kPublicUrl) + "/f/";
    ASSERT_TRUE(url.starts_with(prefix)) << url;
    const auto token = url.substr(prefix.size());
    EXPECT_EQ(token.size(), 43u) << url;
    EXPECT_TRUE(is_base64url(token)) << url;
    EXPECT_GT(body.value("id", std::int64_t{0}), 0) << body.dump();
    EXPECT_FALSE(body.value("expires_at", "").empty()) << body.dump();
    EXPECT_EQ(response[field::location], base_ + "/invitations/" + std::to_string(body.value("id", std::int64_t{0})));

    // Another respondent of the same exchange gets a token of its own.
    const auto second = post_invitation("hosting", "post");
    ASSERT_EQ(second.result(), status::created) << second.body();
    const auto second_url = nlohmann::json::parse(second.body()).value("url", "");
    EXPECT_TRUE(second_url.starts_with(prefix)) << second_url;
    EXPECT_NE(token_of(second_url), token);
}

TEST_F(InvitationsApi, TheTokenIsStoredOnlyAsItsDigest) {
    std::set<std::string> tokens;
    for (const char* respondent : {"sending", "hosting", "employee"}) {
        const auto response = post_invitation(respondent, "post");
        ASSERT_EQ(response.result(), status::created) << response.body();
        tokens.insert(token_of(nlohmann::json::parse(response.body()).value("url", "")));
    }
    ASSERT_EQ(tokens.size(), 3u);

    pqxx::connection connection(database_.url());
    pqxx::work tx(connection);
    const auto rows = tx.exec("SELECT row_to_json(i)::text, token_digest FROM invitations i ORDER BY id");
    ASSERT_EQ(rows.size(), 3u);
    std::set<std::string> digests;
    for (const auto& row : rows) {
        const auto text = row[0].as<std::string>();
        for (const auto& token : tokens) {
            EXPECT_EQ(text.find(token), std::string::npos) << "an invitation row holds a token in clear: " << text;
        }
        digests.insert(row[1].as<std::string>());
    }
    // The digest is the token's SHA-256 in hex (computed by PostgreSQL, not by
    // the code under test).
    for (const auto& token : tokens) {
        const auto expected =
            tx.exec_params1("SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex')", token)[0].as<std::string>();
        EXPECT_EQ(digests.count(expected), 1u) << "no invitation has the SHA-256 of token " << token;
    }
    // Nor does the event log hold a token.
    for (const auto& row : tx.exec("SELECT data::text FROM events")) {
        for (const auto& token : tokens) {
            EXPECT_EQ(row[0].as<std::string>().find(token), std::string::npos) << row[0].as<std::string>();
        }
    }
}

TEST_F(InvitationsApi, TheSameEngagementRespondentAndWaveTwiceIs409) {
    ASSERT_EQ(post_invitation("sending", "post").result(), status::created);
    const auto again = post_invitation("sending", "post");
    expect_problem(again, status::conflict, "Conflict");
    // Another wave of the same respondent is a different invitation.
    EXPECT_EQ(post_invitation("sending", "pre").result(), status::created);
    EXPECT_EQ(list_invitations()["items"].size(), 2u);
}

TEST_F(InvitationsApi, ARespondentTheEngagementKindDoesNotHaveIs422) {
    const auto response = post_invitation("mentor", "post");
    const auto problem = expect_problem(response, status::unprocessable_entity, "Unprocessable Entity");
    EXPECT_TRUE(names_field(problem, "respondent")) << problem.dump();
}

TEST_F(InvitationsApi, AWaveWithoutAnInstrumentIs422) {
    // A valid wave label, but mobilisesme has no follow-up questionnaire.
    const auto response = post_invitation("sending", "follow-up");
    const auto problem = expect_problem(response, status::unprocessable_entity, "Unprocessable Entity");
    EXPECT_TRUE(names_field(problem, "wave")) << problem.dump();
}

TEST_F(InvitationsApi, ASendingOrganisationWithoutAContactIs422) {
    // A second exchange whose sending company has its employee but no contact.
    const auto sending = add_organisation("Bäckerei Lux", "LU", "C10");
    const auto employee = add_participant(sending, "employee", "pol@example.org");
    const auto engagement = add_exchange(sending, hosting_, employee);
    ASSERT_GT(engagement, 0);

    const auto response = post_invitation(engagement, "sending", "post");
    const auto problem = expect_problem(response, status::unprocessable_entity, "Unprocessable Entity");
    EXPECT_TRUE(names_field(problem, "participant_id")) << problem.dump();
    // The hosting company has a contact, so its invitation is issued.
    EXPECT_EQ(post_invitation(engagement, "hosting", "post").result(), status::created);
}

TEST_F(InvitationsApi, TheListShowsAnInvitationOpenedOnceItsFormIsRead) {
    const auto issued = post_invitation("sending", "post");
    ASSERT_EQ(issued.result(), status::created) << issued.body();
    const auto issued_body = nlohmann::json::parse(issued.body());

    auto listed = list_invitations();
    ASSERT_EQ(listed["items"].size(), 1u) << listed.dump();
    const auto& item = listed["items"][0];
    EXPECT_EQ(item.value("id", std::int64_t{0}), issued_body.value("id", std::int64_t{0}));
    EXPECT_EQ(item.value("engagement_id", std::int64_t{0}), engagement_);
    EXPECT_EQ(item.value("participant_id", std::int64_t{0}), sending_contact_);
    EXPECT_EQ(item.value("respondent", ""), "sending");
    EXPECT_EQ(item.value("wave", ""), "post");
    EXPECT_EQ(item.value("status", ""), "issued");
    EXPECT_FALSE(item.contains("url")) << "the list must not hand out links: " << item.dump();

    const auto form = request(port(), verb::get, "/api/v1/forms/" + token_of(issued_body.value("url", "")));
    ASSERT_EQ(form.result(), status::ok) << form.body();
    listed = list_invitations();
    ASSERT_EQ(listed["items"].size(), 1u) << listed.dump();
    EXPECT_EQ(listed["items"][0].value("status", ""), "opened");
}

TEST_F(InvitationsApi, AnAdminSeesTheSameLinkAgainButAnAuditorDoesNot) {
    const auto issued = post_invitation("employee", "post");
    ASSERT_EQ(issued.result(), status::created) << issued.body();
    const auto issued_body = nlohmann::json::parse(issued.body());
    const auto target = base_ + "/invitations/" + std::to_string(issued_body.value("id", std::int64_t{0}));

    const auto shown = call(verb::get, target);
    ASSERT_EQ(shown.result(), status::ok) << shown.body();
    const auto shown_body = nlohmann::json::parse(shown.body());
    EXPECT_EQ(shown_body.value("url", ""), issued_body.value("url", ""));
    EXPECT_EQ(shown_body.value("respondent", ""), "employee");
    EXPECT_EQ(shown_body.value("participant_id", std::int64_t{0}), employee_);

    const auto auditor = create_token("auditor", "auditor@example.org", "pilot");
    expect_problem(call(verb::get, target, nullptr, auditor), status::forbidden, "Forbidden");
    // An auditor may still read the list (without links).
    EXPECT_EQ(call(verb::get, base_ + "/invitations", nullptr, auditor).result(), status::ok);

    expect_problem(call(verb::get, base_ + "/invitations/999999"), status::not_found, "Not Found");
}

}  // namespace
}  // namespace yardstick::testing

#pragma once
// A running server with one MobiliseSME programme ("pilot") and one exchange
// between a Belgian sending and a German hosting company, whose travelling
// employee prefers French; invite() issues personal links for it.
// SendingInvitationTest adds the sending company's post-exchange link.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "tests/http/server_test.hpp"

namespace yardstick::testing {

class ExchangeServerTest : public ServerTest {
protected:
    void SetUp() override {
        start_server(server_arguments_);
        admin_ = create_token("admin", "admin@localhost");
        create("/api/v1/programmes", {{"slug", "pilot"}, {"name", "MobiliseSME pilot"}, {"template", "mobilisesme"}});
        sending_ = add_organisation("Atelier Dupont", "BE", "C25");
        hosting_ = add_organisation("Software Meier", "DE", "J62");
        sending_contact_ = add_participant(sending_, "contact", "claire@example.org", sending_contact_language_);
        add_participant(hosting_, "contact", "jonas@example.org", "de");
        employee_ = add_participant(sending_, "employee", "luc@example.org", "fr");
        engagement_ = add_exchange(sending_, hosting_, employee_);
    }

    /// An invitation just issued: its id and the token of its personal link.
    struct Invitation {
        std::int64_t id = 0;
        std::string token;
    };

    /// A new personal link for `respondent` of the exchange in `wave`.
    Invitation issue_invitation(const std::string& respondent, const std::string& wave) {
        const auto invitation = create(base_ + "/invitations",
                                       {{"engagement_id", engagement_}, {"respondent", respondent}, {"wave", wave}});
        const auto url = invitation.value("url", "");
        Invitation issued{invitation.value("id", std::int64_t{0}), url.substr(url.rfind('/') + 1)};
        EXPECT_EQ(issued.token.size(), 43u) << "no invitation was issued: " << invitation.dump();
        return issued;
    }

    /// The token of a new personal link for `respondent` in `wave`.
    std::string invite(const std::string& respondent, const std::string& wave) {
        return issue_invitation(respondent, wave).token;
    }

    /// Submits (or amends) the answers through the participant's link; 201 expected.
    void submit(const std::string& token, const nlohmann::json& answers) const {
        const nlohmann::json body = {{"consent_version", 1}, {"answers", answers}};
        const auto response = request(port(), beast_http::verb::post, "/api/v1/forms/" + token + "/submission",
                                      body.dump(), {{"Content-Type", "application/json"}});
        ASSERT_EQ(response.result(), beast_http::status::created) << response.body();
    }

    /// A complete answer to the employee's questionnaire before the exchange.
    static nlohmann::json employee_pre_answers() {
        return {{"languages_spoken", 2},  {"previous_stay_abroad", false}, {"skill_technical", 3},
                {"skill_language", 2},    {"skill_intercultural", 2},      {"skill_business_abroad", 1},
                {"expect_professional_development", 4}};
    }

    /// A complete answer to the employee's questionnaire after the exchange,
    /// with a free-text comment that names someone (a personal answer).
    static nlohmann::json employee_post_answers() {
        return {{"training_role", "both"},     {"professional_development", 5}, {"career_opportunities", 4},
                {"skills_benefit_company", 4}, {"skill_technical", 4},          {"skill_language", 4},
                {"skill_intercultural", 3},    {"skill_business_abroad", 3},    {"recommend", 10},
                {"comment", "Jonas Meier was a great host"}};
    }

    HttpResponse staff(beast_http::verb method, const std::string& target, const std::string& body = {}) const {
        HeaderList headers{{"Authorization", "Bearer " + admin_}};
        if (!body.empty()) {
            headers.emplace_back("Content-Type", "application/json");
        }
        return request(port(), method, target, body, headers);
    }

    nlohmann::json create(const std::string& target, const nlohmann::json& body) {
        const auto response = staff(beast_http::verb::post, target, body.dump());
        EXPECT_EQ(response.result(), beast_http::status::created)
            << target << " " << body.dump() << ": " << response.body();
        const auto created = nlohmann::json::parse(response.body(), nullptr, false);
        return created.is_object() ? created : nlohmann::json::object();
    }

    /// A small company of the programme; its id.
    std::int64_t add_organisation(const std::string& name, const std::string& country, const std::string& sector) {
        return create(base_ + "/organisations",
                      {{"name", name}, {"country", country}, {"sector", sector}, {"size", "small"}})
            .value("id", std::int64_t{0});
    }

    /// A person named Sam Example of `organisation_id`; their id.
    std::int64_t add_participant(std::int64_t organisation_id, const std::string& role, const std::string& email,
                                 const std::string& language = "en") {
        return create(base_ + "/participants", {{"organisation_id", organisation_id},
                                                {"role", role},
                                                {"name", "Sam Example"},
                                                {"email", email},
                                                {"language", language}})
            .value("id", std::int64_t{0});
    }

    /// An exchange of `employee_id` from `sending_id` to `hosting_id`, 30 days
    /// (3 March to 1 April 2025 inclusive); its id.
    std::int64_t add_exchange(std::int64_t sending_id, std::int64_t hosting_id, std::int64_t employee_id) {
        return create(base_ + "/engagements", {{"kind", "exchange"},
                                               {"sending_organisation_id", sending_id},
                                               {"hosting_organisation_id", hosting_id},
                                               {"participant_id", employee_id},
                                               {"starts_on", "2025-03-03"},
                                               {"ends_on", "2025-04-01"}})
            .value("id", std::int64_t{0});
    }

    std::int64_t count(const std::string& sql) const {
        pqxx::connection connection(database_.url());
        pqxx::read_transaction tx(connection);
        return tx.exec1(sql)[0].as<std::int64_t>();
    }

    // What SetUp() makes; a derived fixture may change these in its constructor.
    std::vector<std::string> server_arguments_ = {"--sequencer-interval", "0.05"};
    std::string sending_contact_language_ = "en";  ///< the language of the sending company's contact

    const std::string base_ = "/api/v1/programmes/pilot";
    std::string admin_;
    std::int64_t sending_ = 0;          ///< the sending company
    std::int64_t hosting_ = 0;          ///< the hosting company
    std::int64_t sending_contact_ = 0;  ///< the sending company's contact person
    std::int64_t employee_ = 0;         ///< the travelling employee
    std::int64_t engagement_ = 0;       ///< the exchange
};

/// ExchangeServerTest with the sending company contact's post-exchange
/// invitation issued: its id and token.
class SendingInvitationTest : public ExchangeServerTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(ExchangeServerTest::SetUp());
        const auto invitation = issue_invitation("sending", "post");
        invitation_id_ = invitation.id;
        token_ = invitation.token;
        ASSERT_EQ(token_.size(), 43u);
    }

    std::int64_t invitation_id_ = 0;
    std::string token_;
};

}  // namespace yardstick::testing

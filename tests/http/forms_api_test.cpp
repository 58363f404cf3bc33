// GET /api/v1/forms/{token} and PUT …/draft: the participant side, where the
// token in the personal link is the only credential. The form comes in the
// participant's language (or the one asked for), a draft is validated as far
// as it goes and replaced whole, and an expired link answers 410.

#include <pqxx/pqxx>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/http/exchange_fixture.hpp"

namespace yardstick::testing {
namespace {

using beast_http::status;
using beast_http::verb;

// The text of question `key` in a localised instrument, "" if it has none.
std::string question_text(const nlohmann::json& instrument, const std::string& key) {
    for (const auto& section : instrument.value("sections", nlohmann::json::array())) {
        for (const auto& question : section.value("questions", nlohmann::json::array())) {
            if (question.value("key", "") == key) {
                return question.value("text", "");
            }
        }
    }
    return {};
}

// A submission of mobilisesme-sending-post that answers every required question.
nlohmann::json complete_submission() {
    return {{"consent_version", 1},
            {"answers",
             {{"matched_needs", 4},
              {"crossborder_business", 3},
              {"new_products_services", 2},
              {"skills_benefit_company", 5},
              {"would_participate_again", true},
              {"recommend", 8}}}};
}

class FormsApi : public SendingInvitationTest {
protected:
    // The sending company's contact speaks German.
    FormsApi() { sending_contact_language_ = "de"; }

    std::string form_target(const std::string& suffix = {}) const { return "/api/v1/forms/" + token_ + suffix; }

    HttpResponse get_form(const std::string& query = {}) const {
        return request(port(), verb::get, form_target() + query);
    }

    HttpResponse put_draft(const nlohmann::json& answers) const {
        return request(port(), verb::put, form_target("/draft"), nlohmann::json{{"answers", answers}}.dump(),
                       {{"Content-Type", "application/json"}});
    }

    // The form as JSON; the test fails unless it answers 200.
    nlohmann::json form(const std::string& query = {}) const {
        const auto response = get_form(query);
        EXPECT_EQ(response.result(), status::ok) << response.body();
        const auto body = nlohmann::json::parse(response.body(), nullptr, false);
        return body.is_object() ? body : nlohmann::json::object();
    }
};

TEST_F(FormsApi, TheFormComesInTheParticipantsLanguageWithNoAnswersYet) {
    const auto body = form();
    EXPECT_EQ(body.value("language", ""), "de");
    const auto& instrument = body["instrument"];
    EXPECT_EQ(instrument.value("key", ""), "mobilisesme-sending-post");
    EXPECT_EQ(instrument.value("title", ""), "MobiliseSME – Entsendendes Unternehmen: Fragebogen nach dem Austausch");
    EXPECT_TRUE(question_text(instrument, "matched_needs").starts_with("Wir sind damit zufrieden"))
        << question_text(instrument, "matched_needs");
    EXPECT_EQ(body["answers"], nlohmann::json::object());
    EXPECT_EQ(body.value("status", ""), "opened");  // this very request opened it
    EXPECT_EQ(body.value("wave", ""), "post");
    EXPECT_EQ(body.value("respondent", ""), "sending");
    ASSERT_TRUE(body.contains("consent")) << body.dump();
    EXPECT_EQ(body["consent"].value("version", 0), 1);
    EXPECT_TRUE(body["consent"].value("text", "").starts_with("Ich bin damit einverstanden")) << body["consent"].dump();
}

TEST_F(FormsApi, LangChoosesAnotherLanguage) {
    const auto body = form("?lang=fr");
    EXPECT_EQ(body.value("language", ""), "fr");
    const auto& instrument = body["instrument"];
    // French sets a no-break space (U+00A0) before the colon.
    EXPECT_EQ(instrument.value("title", ""), "MobiliseSME – Entreprise d'envoi\u00a0: questionnaire après l'échange");
    EXPECT_TRUE(question_text(instrument, "matched_needs").starts_with("Nous sommes satisfaits"))
        << question_text(instrument, "matched_needs");
    EXPECT_TRUE(body["consent"].value("text", "").starts_with("J'accepte")) << body["consent"].dump();
    EXPECT_EQ(body["consent"].value("version", 0), 1);
}

TEST_F(FormsApi, AnUnsupportedLangIs400) {
    const auto problem = expect_problem(get_form("?lang=xx"), status::bad_request, "Bad Request");
    EXPECT_TRUE(names_field(problem, "lang")) << problem.dump();
}

TEST_F(FormsApi, UnknownAndJunkTokensAre404) {
    // Well formed (43 base64url characters) but never issued.
    const std::string unknown(43, 'A');
    expect_problem(request(port(), verb::get, "/api/v1/forms/" + unknown), status::not_found, "Not Found");
    const std::vector<std::string> junk_tokens = {"not-a-token", "x", std::string(44, 'A'), std::string(42, 'A') + "*"};
    for (const auto& junk : junk_tokens) {
        expect_problem(request(port(), verb::get, "/api/v1/forms/" + junk), status::not_found, "Not Found");
    }
    expect_problem(request(port(), verb::put, "/api/v1/forms/" + unknown + "/draft",
                           R"({"answers": {"matched_needs": 3}})", {{"Content-Type", "application/json"}}),
                   status::not_found, "Not Found");
    expect_problem(request(port(), verb::post, "/api/v1/forms/" + unknown + "/submission", complete_submission().dump(),
                           {{"Content-Type", "application/json"}}),
                   status::not_found, "Not Found");
}

TEST_F(FormsApi, APartialDraftIsSavedAndShown) {
    const nlohmann::json answers = {{"matched_needs", 4}, {"recommend", 9}, {"benefits_observed", {"new_clients"}}};
    const auto saved = put_draft(answers);
    ASSERT_EQ(saved.result(), status::ok) << saved.body();
    const auto saved_body = nlohmann::json::parse(saved.body());
    EXPECT_EQ(saved_body.value("status", ""), "draft");
    EXPECT_EQ(saved_body["answers"], answers);

    const auto body = form();
    EXPECT_EQ(body.value("status", ""), "draft");
    EXPECT_EQ(body["answers"], answers);

    // A draft replaces the previous one whole.
    const nlohmann::json fewer = {{"crossborder_business", 2}};
    ASSERT_EQ(put_draft(fewer).result(), status::ok);
    EXPECT_EQ(form()["answers"], fewer);
}

TEST_F(FormsApi, ADraftWithAWrongTypeIs422AndChangesNothing) {
    const nlohmann::json answers = {{"matched_needs", 4}, {"exchange_days", 30}};
    ASSERT_EQ(put_draft(answers).result(), status::ok);

    // A likert5 answer out of 1..5.
    auto problem = expect_problem(put_draft({{"matched_needs", 9}, {"recommend", 7}}), status::unprocessable_entity,
                                  "Unprocessable Entity");
    EXPECT_TRUE(names_field(problem, "matched_needs")) << problem.dump();
    EXPECT_FALSE(names_field(problem, "recommend")) << problem.dump();
    // Text where a whole number belongs.
    problem =
        expect_problem(put_draft({{"exchange_days", "thirty"}}), status::unprocessable_entity, "Unprocessable Entity");
    EXPECT_TRUE(names_field(problem, "exchange_days")) << problem.dump();
    // Something JSON answers cannot be at all.
    problem = expect_problem(put_draft({{"recommend", nullptr}}), status::unprocessable_entity, "Unprocessable Entity");
    EXPECT_TRUE(names_field(problem, "recommend")) << problem.dump();

    EXPECT_EQ(form()["answers"], answers);
}

TEST_F(FormsApi, AnExpiredLinkIs410ForReadingSavingAndSubmitting) {
    {
        pqxx::connection connection(database_.url());
        pqxx::work tx(connection);
        const auto updated = tx.exec_params0(
            "UPDATE invitations SET issued_at = now() - interval '2 days', expires_at = now() - interval '1 day' "
            "WHERE id = $1",
            invitation_id_);
        ASSERT_EQ(updated.affected_rows(), 1u);
        tx.commit();
    }
    expect_problem(get_form(), status::gone, "Gone");
    expect_problem(put_draft({{"matched_needs", 4}}), status::gone, "Gone");
    expect_problem(request(port(), verb::post, form_target("/submission"), complete_submission().dump(),
                           {{"Content-Type", "application/json"}}),
                   status::gone, "Gone");

    pqxx::connection connection(database_.url());
    pqxx::work tx(connection);
    EXPECT_EQ(tx.exec1("SELECT count(*) FROM response_versions")[0].as<int>(), 0);
    EXPECT_EQ(tx.exec_params1("SELECT draft_answers::text FROM invitations WHERE id = $1", invitation_id_)[0]
                  .as<std::string>(),
              "{}");
}

}  // namespace
}  // namespace yardstick::testing

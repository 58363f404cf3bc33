// /f/{token}: the participant's form as HTML pages, without JavaScript.
// The start page and its consent, section pages with server-side relevance,
// errors re-rendered with every value kept, drafts that resume, the check
// page, submission and amendment, the pages of a link that does not work,
// and answers that come back inert wherever they are shown.

#include <gtest/gtest.h>

#include <string>

#include "tests/http/exchange_fixture.hpp"

namespace yardstick::testing {
namespace {

using beast_http::status;
using beast_http::verb;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class ParticipantForms : public ExchangeServerTest {
protected:
    HttpResponse get(const std::string& target, const HeaderList& headers = {}) const {
        return request(port(), verb::get, target, {}, headers);
    }

    HttpResponse post(const std::string& token, const std::string& body, const std::string& lang = "fr") const {
        return request(port(), verb::post, "/f/" + token + "?lang=" + lang, body,
                       {{"Content-Type", "application/x-www-form-urlencoded"}});
    }

    // Posts and expects a redirect; returns where to.
    std::string post_redirect(const std::string& token, const std::string& body) const {
        const auto response = post(token, body);
        EXPECT_EQ(response.result(), status::see_other) << body << "\n" << response.body();
        return std::string(response[beast_http::field::location]);
    }

    // A new link for `respondent` in the post wave, its start page passed with consent.
    std::string consented(const std::string& respondent) {
        const auto token = invite(respondent, "post");
        post_redirect(token, "_page=start&_action=continue&consent=1");
        return token;
    }

    // The employee's post-exchange form filled and submitted through the pages.
    void fill_employee_post(const std::string& token, const std::string& comment = "Merci") {
        EXPECT_EQ(post_redirect(token, "_page=start&_action=continue&consent=1"), "/f/" + token + "?page=1&lang=fr");
        EXPECT_EQ(post_redirect(token,
                                "_page=1&_action=continue&_shown=training_role+professional_development+"
                                "career_opportunities+skills_benefit_company&training_role=received&"
                                "professional_development=4&career_opportunities=5&skills_benefit_company=4"),
                  "/f/" + token + "?page=2&lang=fr");
        EXPECT_EQ(post_redirect(token,
                                "_page=2&_action=continue&_shown=skill_technical+skill_language+skill_intercultural+"
                                "skill_business_abroad&skill_technical=3&skill_language=4&skill_intercultural=4&"
                                "skill_business_abroad=2"),
                  "/f/" + token + "?page=3&lang=fr");
        EXPECT_EQ(post_redirect(token,
                                "_page=3&_action=continue&_shown=recommend+still_in_contact+comment&"
                                "recommend=9&still_in_contact=true&comment=" +
                                    comment),
                  "/f/" + token + "?page=check&lang=fr");
    }

    std::string submit(const std::string& token, const std::string& nonce = "") {
        const auto check = get("/f/" + token + "?page=check&lang=fr");
        EXPECT_EQ(check.result(), status::ok) << check.body();
        std::string body = "_page=check&_action=submit";
        if (!nonce.empty()) {
            body += "&_nonce=" + nonce;
        }
        return post_redirect(token, body);
    }
};

TEST_F(ParticipantForms, TheLinkOpensOnTheStartPageInTheParticipantsLanguageWithStrictHeaders) {
    const auto token = invite("employee", "post");
    const auto page = get("/f/" + token);
    ASSERT_EQ(page.result(), status::ok) << page.body();
    EXPECT_EQ(page[beast_http::field::content_type], "text/html; charset=utf-8");
    EXPECT_TRUE(contains(page.body(), "<html lang=\"fr\">"));
    EXPECT_TRUE(contains(page.body(), "name=\"consent\""));
    EXPECT_TRUE(contains(page.body(), "Votre consentement"));
    const std::string csp(page["Content-Security-Policy"]);
    EXPECT_TRUE(contains(csp, "default-src 'none'")) << csp;
    EXPECT_TRUE(contains(csp, "frame-ancestors 'none'")) << csp;
    EXPECT_FALSE(contains(csp, "unsafe-inline")) << csp;
    EXPECT_EQ(page["Referrer-Policy"], "no-referrer");
    EXPECT_EQ(page["X-Content-Type-Options"], "nosniff");
    EXPECT_EQ(page[beast_http::field::cache_control], "no-store");
    // Nothing is loaded from anywhere else.
    EXPECT_FALSE(contains(page.body(), "http://")) << page.body();
    EXPECT_FALSE(contains(page.body(), "https://")) << page.body();
    EXPECT_FALSE(contains(page.body(), "<script")) << page.body();
    EXPECT_EQ(count("SELECT count(*) FROM invitations WHERE status = 'opened'"), 1);
}

TEST_F(ParticipantForms, LangInTheAddressOverridesAndTheSwitcherOffersEveryLanguage) {
    const auto token = invite("employee", "post");
    const auto page = get("/f/" + token + "?lang=de");
    ASSERT_EQ(page.result(), status::ok);
    EXPECT_TRUE(contains(page.body(), "<html lang=\"de\">"));
    for (const auto* language : {"en", "fr", "de", "it"}) {
        EXPECT_TRUE(contains(page.body(), std::string("hreflang=\"") + language + "\"")) << language;
    }
    EXPECT_TRUE(contains(page.body(), "aria-current=\"true\">Deutsch<"));
    // An unknown language falls back rather than failing.
    EXPECT_EQ(get("/f/" + token + "?lang=xx").result(), status::ok);
}

TEST_F(ParticipantForms, TheStartPageNeedsTheConsentBox) {
    const auto token = invite("employee", "post");
    const auto refused = post(token, "_page=start&_action=continue");
    EXPECT_EQ(refused.result(), status::unprocessable_entity);
    EXPECT_TRUE(contains(refused.body(), "role=\"alert\""));
    EXPECT_TRUE(contains(refused.body(), "href=\"#q-consent\""));
    EXPECT_EQ(post_redirect(token, "_page=start&_action=continue&consent=1"), "/f/" + token + "?page=1&lang=fr");
    EXPECT_EQ(count("SELECT consent_version FROM invitations"), 1);
    // Without consent a section cannot be reached: the link goes back to the start.
    const auto other = invite("sending", "post");
    EXPECT_TRUE(contains(get("/f/" + other + "?page=2").body(), "name=\"consent\""));
}

TEST_F(ParticipantForms, AMissingAnswerIs422WithASummaryAndEveryTypedValueKept) {
    const auto token = consented("employee");
    const auto page = post(token,
                           "_page=1&_action=continue&_shown=training_role+professional_development+"
                           "career_opportunities+skills_benefit_company&training_role=gave&"
                           "professional_development=4&skills_benefit_company=x");
    ASSERT_EQ(page.result(), status::unprocessable_entity) << page.body();
    const auto& html = page.body();
    EXPECT_TRUE(contains(html, "class=\"error-summary\" role=\"alert\""));
    EXPECT_TRUE(contains(html, "<a href=\"#q-career_opportunities\">Veuillez répondre à cette question.</a>")) << html;
    EXPECT_TRUE(contains(html, "<a href=\"#q-skills_benefit_company\">")) << html;
    EXPECT_TRUE(contains(html, "id=\"q-career_opportunities-error\""));
    EXPECT_TRUE(contains(html, "aria-describedby=\"q-career_opportunities-error\""));
    EXPECT_TRUE(contains(html, "id=\"q-professional_development-4\" value=\"4\" checked=\"\""));
    EXPECT_TRUE(contains(html, "id=\"q-training_role-gave\" value=\"gave\" checked=\"\""));
    // Nothing was saved.
    EXPECT_EQ(count("SELECT count(*) FROM invitations WHERE draft_answers <> '{}'::jsonb"), 0);
}

TEST_F(ParticipantForms, AQuestionIsShownOnlyWhenItsConditionHolds) {
    const auto token = consented("sending");
    const auto first = get("/f/" + token + "?page=1");
    EXPECT_FALSE(contains(first.body(), "name=\"matched_needs_issue\""));
    // A low rating makes the follow-up relevant: the same page again, now with it.
    EXPECT_EQ(post_redirect(token, "_page=1&_action=continue&_shown=exchange_days+matched_needs&matched_needs=1"),
              "/f/" + token + "?page=1&lang=fr");
    EXPECT_TRUE(contains(get("/f/" + token + "?page=1").body(), "name=\"matched_needs_issue\""));
    // A high rating hides it again, and its stale answer is dropped.
    EXPECT_EQ(post_redirect(token,
                            "_page=1&_action=continue&_shown=exchange_days+matched_needs+matched_needs_issue&"
                            "matched_needs=5&matched_needs_issue=late"),
              "/f/" + token + "?page=2&lang=fr");
    EXPECT_FALSE(contains(get("/f/" + token + "?page=1").body(), "name=\"matched_needs_issue\""));
    EXPECT_EQ(count("SELECT count(*) FROM invitations WHERE draft_answers ? 'matched_needs_issue'"), 0);
}

TEST_F(ParticipantForms, ContinueSavesADraftAndTheLinkResumesWhereThePersonStopped) {
    const auto token = consented("employee");
    post_redirect(token,
                  "_page=1&_action=continue&_shown=training_role+professional_development+career_opportunities+"
                  "skills_benefit_company&professional_development=4&career_opportunities=5&skills_benefit_company=4");
    EXPECT_GE(count("SELECT count(*) FROM events WHERE type = 'draft.saved'"), 1);
    const auto resumed = get("/f/" + token);
    EXPECT_TRUE(contains(resumed.body(), "Section 2 sur 3")) << resumed.body();
    // Back returns with what was saved.
    EXPECT_EQ(post_redirect(token, "_page=2&_action=back&_shown=skill_technical&skill_technical=3"),
              "/f/" + token + "?page=1&lang=fr");
    EXPECT_TRUE(contains(get("/f/" + token + "?page=1").body(),
                         "id=\"q-professional_development-4\" value=\"4\" checked=\"\""));
    // Save keeps the person on the page and says so.
    EXPECT_EQ(post_redirect(token, "_page=2&_action=save&_shown=skill_technical&skill_technical=2"),
              "/f/" + token + "?page=2&saved=1&lang=fr");
    EXPECT_TRUE(contains(get("/f/" + token + "?page=2&saved=1").body(), "role=\"status\""));
}

TEST_F(ParticipantForms, SubmittingEndsOnTheConfirmationWithAReceiptAndTheAnswers) {
    const auto token = invite("employee", "post");
    fill_employee_post(token);
    const auto check = get("/f/" + token + "?page=check");
    EXPECT_TRUE(contains(check.body(), "Tout à fait d&#39;accord")) << check.body();
    EXPECT_TRUE(contains(check.body(), "href=\"/f/" + token + "?page=2&amp;lang=fr#q-skill_technical\""));
    EXPECT_EQ(submit(token), "/f/" + token + "/done?lang=fr");
    EXPECT_EQ(count("SELECT count(*) FROM response_versions WHERE consent_version = 1"), 1);
    const auto response_id = count("SELECT id FROM responses");
    const auto done = get("/f/" + token + "/done?lang=fr");
    ASSERT_EQ(done.result(), status::ok);
    EXPECT_TRUE(contains(done.body(), "id=\"receipt\">" + std::to_string(response_id) + "-1<")) << done.body();
    EXPECT_TRUE(contains(done.body(), "Merci"));
}

TEST_F(ParticipantForms, AfterSubmittingTheLinkOffersAnAmendment) {
    const auto token = invite("employee", "post");
    fill_employee_post(token);
    submit(token);
    const auto reopened = get("/f/" + token);
    EXPECT_TRUE(contains(reopened.body(), "class=\"notice\"")) << reopened.body();
    EXPECT_TRUE(contains(reopened.body(), "value=\"submit\""));
    post_redirect(token, "_page=3&_action=continue&_shown=recommend+still_in_contact+comment&recommend=10");
    EXPECT_EQ(submit(token), "/f/" + token + "/done?lang=fr");
    EXPECT_EQ(count("SELECT max(version) FROM response_versions"), 2);
    EXPECT_TRUE(contains(get("/f/" + token + "/done").body(), "-2<"));
}

TEST_F(ParticipantForms, ADoubleClickOnSubmitIsOneSubmission) {
    const auto token = invite("employee", "post");
    fill_employee_post(token);
    const std::string nonce(43, 'a');
    submit(token, nonce);
    submit(token, nonce);
    EXPECT_EQ(count("SELECT count(*) FROM response_versions"), 1);
}

TEST_F(ParticipantForms, AnIncompleteResponseCannotBeSubmitted) {
    const auto token = consented("employee");
    const auto refused = post(token, "_page=check&_action=submit");
    EXPECT_EQ(refused.result(), status::unprocessable_entity);
    EXPECT_TRUE(contains(refused.body(), "?page=1&amp;lang=fr#q-professional_development")) << refused.body();
    EXPECT_EQ(count("SELECT count(*) FROM response_versions"), 0);
}

TEST_F(ParticipantForms, HostileAnswersComeBackInertEverywhere) {
    const auto token = invite("employee", "post");
    fill_employee_post(token, "%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%3E");
    const auto check = get("/f/" + token + "?page=check");
    EXPECT_FALSE(contains(check.body(), "<script>"));
    EXPECT_TRUE(contains(check.body(), "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;")) << check.body();
    const auto section = get("/f/" + token + "?page=3");
    EXPECT_FALSE(contains(section.body(), "<script>"));
    EXPECT_TRUE(contains(section.body(), "&lt;script&gt;"));
    submit(token);
    const auto done = get("/f/" + token + "/done");
    EXPECT_FALSE(contains(done.body(), "<script>"));
    EXPECT_TRUE(contains(done.body(), "&lt;script&gt;"));
}

TEST_F(ParticipantForms, AnUnknownLinkIsAFriendly404ThatRevealsNothing) {
    const std::string token(43, 'Z');
    const auto page = get("/f/" + token, {{"Accept-Language", "it-IT,it;q=0.9,en;q=0.5"}});
    EXPECT_EQ(page.result(), status::not_found);
    EXPECT_EQ(page[beast_http::field::content_type], "text/html; charset=utf-8");
    EXPECT_TRUE(contains(page.body(), "<html lang=\"it\">"));
    EXPECT_FALSE(contains(page.body(), token));
    EXPECT_EQ(get("/f/short").result(), status::not_found);
    EXPECT_EQ(post(token, "_page=start").result(), status::not_found);
}

TEST_F(ParticipantForms, AClosedWaveIsA410PageSayingWhenAndWhomToWrite) {
    const auto token = invite("employee", "post");
    ASSERT_EQ(staff(verb::post, base_ + "/waves/post/close").result(), status::ok);
    const auto page = get("/f/" + token);
    EXPECT_EQ(page.result(), status::gone);
    EXPECT_TRUE(contains(page.body(), "team@mobilisesme.example")) << page.body();
    const auto today = count("SELECT extract(year FROM now())::bigint");
    EXPECT_TRUE(contains(page.body(), std::to_string(today) + "-")) << page.body();
    EXPECT_EQ(post(token, "_page=start&_action=continue&consent=1").result(), status::gone);
}

TEST_F(ParticipantForms, AnExpiredLinkIsA410PageWithItsDate) {
    const auto token = invite("employee", "post");
    {
        pqxx::connection connection(database_.url());
        pqxx::work tx(connection);
        tx.exec("UPDATE invitations SET issued_at = '2020-01-01', expires_at = '2020-03-31T12:00:00Z'");
        tx.commit();
    }
    const auto page = get("/f/" + token);
    EXPECT_EQ(page.result(), status::gone);
    EXPECT_TRUE(contains(page.body(), "2020-03-31")) << page.body();
}

TEST_F(ParticipantForms, TheStylesheetIsServedHereWithALongCache) {
    const auto token = invite("employee", "post");
    const auto page = get("/f/" + token);
    const auto at = page.body().find("/assets/form.css?v=");
    ASSERT_NE(at, std::string::npos);
    const auto href = page.body().substr(at, page.body().find('"', at) - at);
    const auto css = get(href);
    EXPECT_EQ(css.result(), status::ok);
    EXPECT_EQ(css[beast_http::field::content_type], "text/css; charset=utf-8");
    EXPECT_TRUE(contains(std::string(css[beast_http::field::cache_control]), "immutable"));
    EXPECT_TRUE(contains(css.body(), ":focus-visible"));
}

TEST_F(ParticipantForms, AFormPostMustBeAForm) {
    const auto token = invite("employee", "post");
    const auto response = request(port(), verb::post, "/f/" + token, "{}", {{"Content-Type", "application/json"}});
    expect_problem(response, status::unsupported_media_type, "Unsupported Media Type");
}

}  // namespace
}  // namespace yardstick::testing

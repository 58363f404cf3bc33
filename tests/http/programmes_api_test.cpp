// /api/v1/programmes: a programme is made from a bundled template (its kind,
// settings and instruments come with it), listed a page at a time with an
// opaque cursor, and shown by slug. Wrong requests name the field at fault.

#include <algorithm>
#include <map>
#include <set>

#include "tests/http/server_test.hpp"

namespace yardstick::testing {
namespace {

using beast_http::field;
using beast_http::status;
using beast_http::verb;

constexpr std::string_view kProgrammes = "/api/v1/programmes";

// The `field` of every entry of a problem's `errors`.
std::multiset<std::string> error_fields(const nlohmann::json& problem) {
    std::multiset<std::string> fields;
    if (problem.contains("errors") && problem["errors"].is_array()) {
        for (const auto& error : problem["errors"]) {
            EXPECT_FALSE(error.value("message", "").empty()) << error.dump();
            fields.insert(error.value("field", ""));
        }
    }
    return fields;
}

class ProgrammesApiTest : public ServerTest {
protected:
    void SetUp() override {
        start_server();
        token_ = create_token();
    }

    HttpResponse get(const std::string& target) {
        return request(port(), verb::get, target, {}, {{"Authorization", "Bearer " + token_}});
    }

    HttpResponse post(const std::string& target, std::string body,
                      const std::string& content_type = "application/json") {
        return request(port(), verb::post, target, std::move(body),
                       {{"Authorization", "Bearer " + token_}, {"Content-Type", content_type}});
    }

    HttpResponse create_programme(const std::string& slug, const std::string& template_key = "mobilisesme",
                                  const std::string& name = "MobiliseSME 2025") {
        return post(std::string(kProgrammes),
                    nlohmann::json{{"slug", slug}, {"name", name}, {"template", template_key}}.dump());
    }

    // A 422 (or other) problem whose errors name exactly `fields`.
    static void expect_fields(const HttpResponse& response, status expected_status, const std::string& title,
                              const std::multiset<std::string>& fields) {
        const auto problem = expect_problem(response, expected_status, title);
        EXPECT_EQ(error_fields(problem), fields) << problem.dump();
    }

    std::string token_;
};

TEST_F(ProgrammesApiTest, CreateAnswers201WithLocationAndTheProgramme) {
    const auto response = create_programme("mobilise-2025", "mobilisesme", "MobiliseSME 2025");
    ASSERT_EQ(response.result(), status::created) << response.body();
    EXPECT_EQ(response[field::location], "/api/v1/programmes/mobilise-2025");
    EXPECT_EQ(response[field::content_type], "application/json");
    const auto programme = nlohmann::json::parse(response.body());
    EXPECT_GT(programme.value("id", 0), 0);
    EXPECT_EQ(programme.value("slug", ""), "mobilise-2025");
    EXPECT_EQ(programme.value("name", ""), "MobiliseSME 2025");
    EXPECT_EQ(programme.value("kind", ""), "exchange");
    EXPECT_EQ(programme.value("template", ""), "mobilisesme");
    ASSERT_TRUE(programme.contains("settings")) << programme.dump();
    EXPECT_EQ(programme["settings"].value("exchange_min_days", 0), 14);
    EXPECT_EQ(programme["settings"].value("exchange_max_days", 0), 61);
    EXPECT_EQ(programme["settings"].value("suppression_threshold", 0), 5);
    EXPECT_FALSE(programme.value("created_at", "").empty()) << programme.dump();

    // The Location is where it can be read back.
    const auto shown = get(std::string(response[field::location]));
    ASSERT_EQ(shown.result(), status::ok) << shown.body();
    EXPECT_EQ(nlohmann::json::parse(shown.body()), programme);
}

TEST_F(ProgrammesApiTest, TheTemplatesKindAndInstrumentsComeWithTheProgramme) {
    struct Expected {
        std::string template_key;
        std::string kind;
        std::set<std::string> instruments;
    };
    const std::vector<Expected> expected = {
        {"mobilisesme",
         "exchange",
         {"mobilisesme-employee-pre", "mobilisesme-employee-post", "mobilisesme-hosting-pre",
          "mobilisesme-hosting-post", "mobilisesme-sending-pre", "mobilisesme-sending-post"}},
        {"digital-volunteers", "mentoring", {"dv-sme-pre", "dv-sme-post", "dv-mentor-post"}},
        {"skills-monitor", "skills-monitor", {"skills-self-assessment", "skills-self-assessment-2019"}},
    };
    for (const auto& [template_key, kind, instruments] : expected) {
        SCOPED_TRACE(template_key);
        const auto slug = "p-" + template_key;
        const auto created = create_programme(slug, template_key);
        ASSERT_EQ(created.result(), status::created) << created.body();
        EXPECT_EQ(nlohmann::json::parse(created.body()).value("kind", ""), kind);

        const auto response = get("/api/v1/programmes/" + slug + "/instruments");
        ASSERT_EQ(response.result(), status::ok) << response.body();
        const auto items = nlohmann::json::parse(response.body()).at("items");
        ASSERT_TRUE(items.is_array());
        EXPECT_EQ(items.size(), instruments.size()) << items.dump();
        std::set<std::string> keys;
        for (const auto& item : items) {
            keys.insert(item.value("key", ""));
            EXPECT_EQ(item.value("version", 0), 1) << item.dump();
        }
        EXPECT_EQ(keys, instruments);
    }
}

TEST_F(ProgrammesApiTest, TheIndicatorsComeFromTheTemplate) {
    ASSERT_EQ(create_programme("pilot").result(), status::created);
    const auto response = get("/api/v1/programmes/pilot/indicators");
    ASSERT_EQ(response.result(), status::ok) << response.body();
    const auto body = nlohmann::json::parse(response.body());
    EXPECT_EQ(body.value("programme", ""), "pilot");
    EXPECT_EQ(body.value("template", ""), "mobilisesme");
    std::map<std::string, nlohmann::json> by_id;
    for (const auto& indicator : body.at("indicators")) {
        by_id[indicator.value("id", "")] = indicator;
    }
    for (const auto* id : {"registered_organisations", "exchanges", "sectors", "countries", "sending_matched_needs",
                           "hosting_matched_needs", "crossborder_business", "new_products_services",
                           "employee_professional_development"}) {
        EXPECT_TRUE(by_id.contains(id)) << id;
    }
    const auto& matched = by_id["sending_matched_needs"];
    EXPECT_EQ(matched.value("kind", ""), "share");
    EXPECT_EQ(matched["success"], (nlohmann::json{{"at_least", 4}}));
    EXPECT_EQ(matched["reads"][0]["question"], "matched_needs");
    EXPECT_EQ(matched["label"].size(), 4u) << "en, fr, de, it";
    EXPECT_EQ(get("/api/v1/programmes/nope/indicators").result(), status::not_found);
}

TEST_F(ProgrammesApiTest, DuplicateSlugIs409NamingSlug) {
    ASSERT_EQ(create_programme("taken", "mobilisesme", "First").result(), status::created);
    const auto again = create_programme("taken", "digital-volunteers", "Second");
    expect_fields(again, status::conflict, "Conflict", {"slug"});

    // The first programme is untouched.
    const auto shown = nlohmann::json::parse(get("/api/v1/programmes/taken").body());
    EXPECT_EQ(shown.value("name", ""), "First");
    EXPECT_EQ(shown.value("kind", ""), "exchange");
}

TEST_F(ProgrammesApiTest, UnknownTemplateIs422NamingTemplate) {
    const auto response = create_programme("no-template", "erasmus");
    expect_fields(response, status::unprocessable_entity, "Unprocessable Entity", {"template"});
    EXPECT_EQ(get("/api/v1/programmes/no-template").result(), status::not_found);
}

TEST_F(ProgrammesApiTest, BadSlugIs422NamingSlug) {
    const std::vector<std::string> slugs = {"Bad Slug",       "UPPER",     "-leading", "trailing-",
                                            "double--hyphen", "caf\u00e9", "",         std::string(65, 'a')};
    for (const auto& slug : slugs) {
        SCOPED_TRACE("slug '" + slug + "'");
        expect_fields(create_programme(slug), status::unprocessable_entity, "Unprocessable Entity", {"slug"});
    }
    // The longest slug allowed is fine.
    EXPECT_EQ(create_programme(std::string(64, 'a')).result(), status::created);
}

TEST_F(ProgrammesApiTest, EveryWrongFieldIsReportedAtOnce) {
    const auto response = post(std::string(kProgrammes),
                               nlohmann::json{{"slug", "Bad Slug"}, {"name", ""}, {"template", "erasmus"}}.dump());
    expect_fields(response, status::unprocessable_entity, "Unprocessable Entity", {"slug", "name", "template"});

    const auto missing = post(std::string(kProgrammes), "{}");
    expect_fields(missing, status::unprocessable_entity, "Unprocessable Entity", {"slug", "name", "template"});

    const auto wrong_types = post(std::string(kProgrammes),
                                  nlohmann::json{{"slug", 7}, {"name", "N"}, {"template", {"mobilisesme"}}}.dump());
    expect_fields(wrong_types, status::unprocessable_entity, "Unprocessable Entity", {"slug", "template"});
}

TEST_F(ProgrammesApiTest, UnknownMemberIs422NamingIt) {
    const auto response = post(
        std::string(kProgrammes),
        nlohmann::json{{"slug", "extra"}, {"name", "Extra"}, {"template", "mobilisesme"}, {"colour", "blue"}}.dump());
    expect_fields(response, status::unprocessable_entity, "Unprocessable Entity", {"colour"});
    EXPECT_EQ(get("/api/v1/programmes/extra").result(), status::not_found);
}

TEST_F(ProgrammesApiTest, WrongContentTypeIs415) {
    const auto body = nlohmann::json{{"slug", "typed"}, {"name", "Typed"}, {"template", "mobilisesme"}}.dump();
    for (const std::string type : {"text/plain", "application/x-www-form-urlencoded", "text/csv"}) {
        SCOPED_TRACE(type);
        const auto response = post(std::string(kProgrammes), body, type);
        const auto problem = expect_problem(response, status::unsupported_media_type, "Unsupported Media Type");
        EXPECT_EQ(error_fields(problem), std::multiset<std::string>{"Content-Type"}) << problem.dump();
        EXPECT_EQ(response[field::accept], "application/json") << "a 415 names the media type to use";
    }
    // No Content-Type at all.
    const auto untyped = request(port(), verb::post, kProgrammes, body, {{"Authorization", "Bearer " + token_}});
    expect_problem(untyped, status::unsupported_media_type, "Unsupported Media Type");
    EXPECT_EQ(get("/api/v1/programmes/typed").result(), status::not_found);

    // Parameters of the media type are fine, and its name is case-insensitive (RFC 9110 §8.3.1).
    EXPECT_EQ(post(std::string(kProgrammes), body, "application/json; charset=utf-8").result(), status::created);
    const auto other = nlohmann::json{{"slug", "typed-2"}, {"name", "Typed"}, {"template", "mobilisesme"}}.dump();
    EXPECT_EQ(post(std::string(kProgrammes), other, "Application/JSON").result(), status::created);
}

TEST_F(ProgrammesApiTest, MalformedJsonIs400) {
    for (const std::string body : {"{\"slug\": ", "not json", "", "[]", "\"a string\""}) {
        SCOPED_TRACE("body '" + body + "'");
        const auto problem = expect_problem(post(std::string(kProgrammes), body), status::bad_request, "Bad Request");
        EXPECT_EQ(error_fields(problem), std::multiset<std::string>{"body"}) << problem.dump();
    }
}

TEST_F(ProgrammesApiTest, ListPagesWithLimitAndCursorShowEveryProgrammeOnce) {
    const std::set<std::string> slugs = {"alpha", "bravo", "charlie", "delta", "echo"};
    for (const auto& slug : slugs) {
        ASSERT_EQ(create_programme(slug).result(), status::created);
    }
    std::multiset<std::string> seen;
    std::string target = "/api/v1/programmes?limit=1";
    int pages = 0;
    for (; pages < 20; ++pages) {
        const auto response = get(target);
        ASSERT_EQ(response.result(), status::ok) << target << ": " << response.body();
        const auto page = nlohmann::json::parse(response.body());
        ASSERT_TRUE(page.contains("items") && page["items"].is_array()) << page.dump();
        ASSERT_TRUE(page.contains("next_cursor")) << page.dump();
        EXPECT_LE(page["items"].size(), 1u);
        for (const auto& item : page["items"]) {
            seen.insert(item.value("slug", ""));
        }
        if (page["next_cursor"].is_null()) {
            break;
        }
        ASSERT_TRUE(page["next_cursor"].is_string()) << page.dump();
        target = "/api/v1/programmes?limit=1&cursor=" + page["next_cursor"].get<std::string>();
    }
    EXPECT_LT(pages, 20) << "the cursor never ran out";
    EXPECT_EQ(seen, std::multiset<std::string>(slugs.begin(), slugs.end()));

    // One page that holds them all has no next cursor.
    const auto all = nlohmann::json::parse(get("/api/v1/programmes?limit=500").body());
    EXPECT_EQ(all["items"].size(), slugs.size());
    EXPECT_TRUE(all["next_cursor"].is_null()) << all.dump();
    const auto by_default = nlohmann::json::parse(get(std::string(kProgrammes)).body());
    EXPECT_EQ(by_default["items"].size(), slugs.size());
}

TEST_F(ProgrammesApiTest, UnknownSlugIs404) {
    expect_problem(get("/api/v1/programmes/nowhere"), status::not_found, "Not Found");
    expect_problem(get("/api/v1/programmes/nowhere/instruments"), status::not_found, "Not Found");
    expect_problem(get("/api/v1/programmes/nowhere/events"), status::not_found, "Not Found");
}

TEST_F(ProgrammesApiTest, BadLimitIs400NamingLimit) {
    for (const std::string limit : {"0", "501", "abc", "-1", "1.5", "", "+5", "99999999999999999999"}) {
        SCOPED_TRACE("limit '" + limit + "'");
        const auto problem =
            expect_problem(get("/api/v1/programmes?limit=" + limit), status::bad_request, "Bad Request");
        EXPECT_EQ(error_fields(problem), std::multiset<std::string>{"limit"}) << problem.dump();
    }
    EXPECT_EQ(get("/api/v1/programmes?limit=500").result(), status::ok);
    EXPECT_EQ(get("/api/v1/programmes?limit=1").result(), status::ok);
}

TEST_F(ProgrammesApiTest, BadCursorIs400NamingCursor) {
    for (const std::string cursor : {"xyz", "i", "i0", "i-1", "iabc", "7", ""}) {
        SCOPED_TRACE("cursor '" + cursor + "'");
        const auto problem =
            expect_problem(get("/api/v1/programmes?cursor=" + cursor), status::bad_request, "Bad Request");
        EXPECT_EQ(error_fields(problem), std::multiset<std::string>{"cursor"}) << problem.dump();
    }
}

}  // namespace
}  // namespace yardstick::testing

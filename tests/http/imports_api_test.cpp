// /api/v1/programmes/{slug}/imports/{organisations,participants,engagements}:
// a text/csv file with a header row creates every row or none. A refused
// file is answered 422 with one error per wrong cell, its row numbered as a
// spreadsheet shows it (the header is row 1), and leaves no row and no event.

#include <algorithm>
#include <set>

#include "tests/http/server_test.hpp"

namespace yardstick::testing {
namespace {

using namespace std::chrono_literals;
using beast_http::field;
using beast_http::status;
using beast_http::verb;

// (row, field) of every entry of an import problem's `errors`.
std::multiset<std::pair<int, std::string>> row_errors(const nlohmann::json& problem) {
    std::multiset<std::pair<int, std::string>> errors;
    if (problem.contains("errors") && problem["errors"].is_array()) {
        for (const auto& error : problem["errors"]) {
            EXPECT_TRUE(error.contains("row") && error["row"].is_number_integer()) << error.dump();
            EXPECT_FALSE(error.value("message", "").empty()) << error.dump();
            errors.insert({error.value("row", 0), error.value("field", "")});
        }
    }
    return errors;
}

using RowErrors = std::multiset<std::pair<int, std::string>>;

class ImportsApiTest : public ServerTest {
protected:
    void SetUp() override {
        start_server();
        token_ = create_token();
        ASSERT_NO_FATAL_FAILURE(create_programme(kSlug));
    }

    static constexpr const char* kSlug = "mobilise";

    HttpResponse get(const std::string& target) {
        return request(port(), verb::get, target, {}, {{"Authorization", "Bearer " + token_}});
    }

    HttpResponse post(const std::string& target, std::string body, const std::string& content_type) {
        return request(port(), verb::post, target, std::move(body),
                       {{"Authorization", "Bearer " + token_}, {"Content-Type", content_type}});
    }

    HttpResponse import(const std::string& resource, std::string csv, const std::string& slug = kSlug,
                        const std::string& content_type = "text/csv") {
        return post("/api/v1/programmes/" + slug + "/imports/" + resource, std::move(csv), content_type);
    }

    void create_programme(const std::string& slug) {
        const auto response =
            post("/api/v1/programmes",
                 nlohmann::json{{"slug", slug}, {"name", "Programme " + slug}, {"template", "mobilisesme"}}.dump(),
                 "application/json");
        ASSERT_EQ(response.result(), status::created) << response.body();
    }

    std::int64_t create_organisation(const std::string& name) {
        const auto response =
            post("/api/v1/programmes/" + std::string(kSlug) + "/organisations",
                 nlohmann::json{{"name", name}, {"country", "BE"}, {"sector", "C"}, {"size", "small"}}.dump(),
                 "application/json");
        EXPECT_EQ(response.result(), status::created) << response.body();
        return nlohmann::json::parse(response.body()).value("id", std::int64_t{0});
    }

    // Every row of the programme's `resource` (at most 500).
    nlohmann::json rows(const std::string& resource) {
        const auto response = get("/api/v1/programmes/" + std::string(kSlug) + "/" + resource + "?limit=500");
        EXPECT_EQ(response.result(), status::ok) << response.body();
        return nlohmann::json::parse(response.body()).at("items");
    }

    // Expects the import to have succeeded with `created` rows.
    static void expect_created(const HttpResponse& response, std::int64_t created) {
        ASSERT_EQ(response.result(), status::ok) << response.body();
        EXPECT_EQ(response[field::content_type], "application/json");
        EXPECT_EQ(nlohmann::json::parse(response.body()), (nlohmann::json{{"created", created}}));
    }

    // Expects a 422 naming exactly `expected` (row, column) pairs.
    static nlohmann::json expect_refused(const HttpResponse& response, const RowErrors& expected) {
        const auto problem = expect_problem(response, status::unprocessable_entity, "Unprocessable Entity");
        EXPECT_EQ(row_errors(problem), expected) << problem.dump();
        return problem;
    }

    // The types of the programme's events, once everything committed up to
    // now has been sequenced. A programme created now is the marker: the
    // sequencer numbers events in commit order, so once its event is
    // readable every earlier one is too.
    std::vector<std::string> event_types_after_sequencing() {
        static int markers = 0;
        const auto marker = "marker-" + std::to_string(++markers);
        create_programme(marker);
        const bool sequenced = wait_until(
            [&] {
                const auto response = get("/api/v1/programmes/" + marker + "/events");
                return response.result() == status::ok && !nlohmann::json::parse(response.body()).at("events").empty();
            },
            10s);
        EXPECT_TRUE(sequenced) << "the marker's event was not sequenced";
        std::vector<std::string> types;
        const auto response = get("/api/v1/programmes/" + std::string(kSlug) + "/events?limit=1000");
        EXPECT_EQ(response.result(), status::ok) << response.body();
        const auto body = nlohmann::json::parse(response.body());
        for (const auto& event : body.at("events")) {
            types.push_back(event.value("type", ""));
        }
        return types;
    }

    std::string token_;
};

TEST_F(ImportsApiTest, OrganisationsImportCreatesEveryRow) {
    expect_created(import("organisations",
                          "name,country,sector,size,reference\n"
                          "Acme Tooling,BE,C25,small,ORG-1\n"
                          "Beta Services,FR,J,micro,\n"
                          "Gamma Foods,IT,C10,medium,ORG-3\n"),
                   3);
    const auto items = rows("organisations");
    ASSERT_EQ(items.size(), 3u) << items.dump();
    EXPECT_EQ(items[0].value("name", ""), "Acme Tooling");
    EXPECT_EQ(items[0].value("country", ""), "BE");
    EXPECT_EQ(items[0].value("sector", ""), "C25");
    EXPECT_EQ(items[0].value("size", ""), "small");
    EXPECT_EQ(items[0].value("reference", ""), "ORG-1");
    EXPECT_EQ(items[1].value("name", ""), "Beta Services");
    EXPECT_TRUE(items[1].at("reference").is_null()) << "an empty cell is no reference: " << items[1].dump();
    EXPECT_EQ(items[2].value("reference", ""), "ORG-3");

    // The optional column may be left out, columns come in any order, and
    // spreadsheet habits (BOM, CRLF, no final line end) are fine.
    expect_created(import("organisations",
                          "\xEF\xBB\xBFsize,sector,country,name\r\n"
                          "large,K,DE,Delta Bank\r\n"
                          "micro,C,NL,Epsilon Works"),
                   2);
    const auto all = rows("organisations");
    ASSERT_EQ(all.size(), 5u) << all.dump();
    EXPECT_EQ(all[3].value("name", ""), "Delta Bank");
    EXPECT_EQ(all[3].value("size", ""), "large");
    EXPECT_EQ(all[4].value("name", ""), "Epsilon Works");
    EXPECT_EQ(all[4].value("country", ""), "NL");

    const auto types = event_types_after_sequencing();
    EXPECT_EQ(std::count(types.begin(), types.end(), "organisation.registered"), 5);
}

TEST_F(ImportsApiTest, BadRowsRefuseTheWholeFile) {
    const auto response = import("organisations",
                                 "name,country,sector,size\n"
                                 "Good One,BE,C,small\n"      // row 2
                                 "Bad Country,XX,C,small\n"   // row 3
                                 "Good Two,FR,C25,micro\n"    // row 4
                                 "Bad Twice,DE,C99,huge\n"    // row 5
                                 "Good Three,IT,J62,large\n"  // row 6
    );
    const auto problem = expect_refused(response, {{3, "country"}, {5, "sector"}, {5, "size"}});
    EXPECT_NE(problem.value("detail", "").find("Nothing was imported"), std::string::npos) << problem.dump();

    EXPECT_TRUE(rows("organisations").empty()) << "a refused file creates nothing";
    const auto types = event_types_after_sequencing();
    EXPECT_EQ(std::count(types.begin(), types.end(), "organisation.registered"), 0)
        << "the good rows' events were rolled back with them";
    ASSERT_FALSE(types.empty());
    EXPECT_EQ(types.front(), "programme.created");

    // The same file with the two rows fixed goes in whole.
    expect_created(import("organisations",
                          "name,country,sector,size\n"
                          "Good One,BE,C,small\n"
                          "Bad Country,LU,C,small\n"
                          "Good Two,FR,C25,micro\n"
                          "Bad Twice,DE,C28,large\n"
                          "Good Three,IT,J62,large\n"),
                   5);
    EXPECT_EQ(rows("organisations").size(), 5u);
}

TEST_F(ImportsApiTest, AReferenceTakenEarlierInTheSameFileIsReported) {
    const auto response = import("organisations",
                                 "name,country,sector,size,reference\n"
                                 "First,BE,C,small,DUP\n"
                                 "Second,BE,C,small,DUP\n");
    expect_refused(response, {{3, "reference"}});
    EXPECT_TRUE(rows("organisations").empty());
}

TEST_F(ImportsApiTest, UnknownOrMissingColumnIsReportedOnRowOne) {
    expect_refused(import("organisations",
                          "name,country,sector,size,colour\n"
                          "Acme,BE,C,small,blue\n"),
                   {{1, "colour"}});
    expect_refused(import("organisations",
                          "name,country,sector\n"
                          "Acme,BE,C\n"),
                   {{1, "size"}});
    // Column names are exact.
    expect_refused(import("organisations",
                          "Name,country,sector,size\n"
                          "Acme,BE,C,small\n"),
                   {{1, "Name"}, {1, "name"}});
    expect_refused(import("organisations", "name,country,name,size\nA,BE,C,small\n"), {{1, "name"}});
    expect_refused(import("organisations", ""), {{1, "header"}});
    EXPECT_TRUE(rows("organisations").empty());
}

TEST_F(ImportsApiTest, RaggedRowIsRefused) {
    const auto problem = expect_refused(import("organisations",
                                               "name,country,sector,size\n"
                                               "Acme,BE,C,small\n"
                                               "Beta,FR\n"
                                               "Gamma,IT,C,small,extra\n"),
                                        {{3, ""}, {4, ""}});
    EXPECT_NE(problem["errors"][0].value("message", "").find("2 fields"), std::string::npos) << problem.dump();
    EXPECT_TRUE(rows("organisations").empty());
}

TEST_F(ImportsApiTest, QuotedFieldWithCommaQuoteAndLineBreakImportsAsWritten) {
    expect_created(import("organisations",
                          "name,country,sector,size\n"
                          "\"Smith, Jones & \"\"Partners\"\"\nLtd\",BE,C,small\n"
                          "Plain,FR,C,micro\n"),
                   2);
    const auto items = rows("organisations");
    ASSERT_EQ(items.size(), 2u) << items.dump();
    EXPECT_EQ(items[0].value("name", ""), "Smith, Jones & \"Partners\"\nLtd");
    EXPECT_EQ(items[1].value("name", ""), "Plain");
}

TEST_F(ImportsApiTest, AQuotedLineBreakDoesNotShiftRowNumbers) {
    expect_refused(import("organisations",
                          "name,country,sector,size\n"
                          "\"Two\nLines\",BE,C,small\n"  // row 2, over two lines of text
                          "Wrong,BE,C,tiny\n"),          // row 3
                   {{3, "size"}});
    expect_refused(import("organisations",
                          "name,country,sector,size\n"
                          "\"never closed,BE,C,small\n"),
                   {{2, "name"}});
}

TEST_F(ImportsApiTest, ParticipantsImportRefersToOrganisationIds) {
    const auto first = create_organisation("First Org");
    const auto second = create_organisation("Second Org");
    const auto csv = "organisation_id,role,name,email,language,reference\n" + std::to_string(first) +
                     ",employee,Ann Example,ann@example.org,en,P-1\n" + std::to_string(second) +
                     ",contact,Ben Example,ben@example.org,de,\n";
    expect_created(import("participants", csv), 2);
    const auto items = rows("participants");
    ASSERT_EQ(items.size(), 2u) << items.dump();
    EXPECT_EQ(items[0].value("organisation_id", std::int64_t{0}), first);
    EXPECT_EQ(items[0].value("name", ""), "Ann Example");
    EXPECT_EQ(items[0].value("email", ""), "ann@example.org");
    EXPECT_EQ(items[0].value("reference", ""), "P-1");
    EXPECT_EQ(items[1].value("organisation_id", std::int64_t{0}), second);
    EXPECT_EQ(items[1].value("role", ""), "contact");
    EXPECT_EQ(items[1].value("language", ""), "de");

    // Unknown and malformed organisation ids, and a wrong e-mail address.
    expect_refused(import("participants",
                          "organisation_id,role,name,email,language\n"
                          "999999,employee,Cat,cat@example.org,en\n"
                          "abc,employee,Dan,dan@example.org,en\n" +
                              std::to_string(first) + ",employee,Eve,eve at example,en\n"),
                   {{2, "organisation_id"}, {3, "organisation_id"}, {4, "email"}});
    EXPECT_EQ(rows("participants").size(), 2u);
}

TEST_F(ImportsApiTest, EngagementsImport) {
    const auto sending = create_organisation("Sending Org");
    const auto hosting = create_organisation("Hosting Org");
    const auto participants = "organisation_id,role,name,email,language\n" + std::to_string(sending) +
                              ",employee,Tess,tess@example.org,en\n" + std::to_string(sending) +
                              ",employee,Tom,tom@example.org,fr\n";
    expect_created(import("participants", participants), 2);
    const auto people = rows("participants");
    ASSERT_EQ(people.size(), 2u);
    const auto tess = std::to_string(people[0].value("id", std::int64_t{0}));
    const auto tom = std::to_string(people[1].value("id", std::int64_t{0}));
    const auto ids = std::to_string(sending) + "," + std::to_string(hosting) + ",";

    const std::string header =
        "kind,sending_organisation_id,hosting_organisation_id,participant_id,starts_on,ends_on,reference\n";
    expect_created(import("engagements", header + "exchange," + ids + tess + ",2025-03-01,2025-03-31,EX-1\n" +
                                             "exchange," + ids + tom + ",2025-03-01,2025-03-14,\n"),
                   2);
    const auto items = rows("engagements");
    ASSERT_EQ(items.size(), 2u) << items.dump();
    EXPECT_EQ(items[0].value("kind", ""), "exchange");
    EXPECT_EQ(items[0].value("duration_days", 0), 31);
    EXPECT_EQ(items[0].value("reference", ""), "EX-1");
    EXPECT_EQ(items[1].value("duration_days", 0), 14);
    EXPECT_EQ(std::to_string(items[1].value("participant_id", std::int64_t{0})), tom);

    // The domain's rules apply row by row: 13 days, the same organisation twice, a mentoring row.
    expect_refused(import("engagements", header + "exchange," + ids + tess + ",2025-03-01,2025-03-13,\n" + "exchange," +
                                             std::to_string(sending) + "," + std::to_string(sending) + "," + tess +
                                             ",2025-03-01,2025-03-31,\n" + "mentoring," + ids + tess +
                                             ",2025-03-01,2025-03-31,\n"),
                   {{2, "ends_on"}, {3, "hosting_organisation_id"}, {4, "kind"}});
    // The columns are those of the programme's kind.
    expect_refused(import("engagements",
                          "kind,volunteer_organisation_id,mentor_participant_id,sme_organisation_id\n"
                          "mentoring," +
                              ids + tess + "\n"),
                   {{1, "volunteer_organisation_id"},
                    {1, "mentor_participant_id"},
                    {1, "sme_organisation_id"},
                    {1, "sending_organisation_id"},
                    {1, "hosting_organisation_id"},
                    {1, "participant_id"},
                    {1, "starts_on"},
                    {1, "ends_on"}});
    EXPECT_EQ(rows("engagements").size(), 2u);
}

TEST_F(ImportsApiTest, WrongContentTypeIs415) {
    const std::string csv = "name,country,sector,size\nAcme,BE,C,small\n";
    for (const std::string type : {"application/json", "text/plain", "application/vnd.ms-excel"}) {
        SCOPED_TRACE(type);
        const auto response = import("organisations", csv, kSlug, type);
        const auto problem = expect_problem(response, status::unsupported_media_type, "Unsupported Media Type");
        ASSERT_TRUE(problem.contains("errors")) << problem.dump();
        EXPECT_EQ(problem["errors"].at(0).value("field", ""), "Content-Type") << problem.dump();
        EXPECT_EQ(response[field::accept], "text/csv") << "a 415 names the media type to use";
    }
    EXPECT_TRUE(rows("organisations").empty());
    // A charset parameter is fine, and the name is case-insensitive.
    expect_created(import("organisations", csv, kSlug, "text/csv; charset=utf-8"), 1);
    expect_created(import("organisations", "name,country,sector,size\nBeta,FR,C,micro\n", kSlug, "Text/CSV"), 1);
}

TEST_F(ImportsApiTest, UnknownResourceOrProgrammeIs404) {
    const std::string csv = "name,country,sector,size\nAcme,BE,C,small\n";
    expect_problem(import("widgets", csv), status::not_found, "Not Found");
    expect_problem(import("organisations", csv, "nowhere"), status::not_found, "Not Found");
    EXPECT_TRUE(rows("organisations").empty());
}

}  // namespace
}  // namespace yardstick::testing

// The auditors' response exports through the real server binary, checked
// against the database: responses.csv (wide), responses-long.csv and
// responses.ndjson hold every submitted response's latest answers under
// stable pseudonyms, filters narrow them, bad filters are refused naming the
// field, the `export` scope is needed, every download is logged, and clients
// that hang up part-way leave the server healthy.

#include <pqxx/pqxx>

#include <chrono>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "server/csv/csv_table.hpp"
#include "tests/http/exchange_fixture.hpp"

namespace yardstick::testing {
namespace {

using namespace std::chrono_literals;
using beast_http::status;
using beast_http::verb;

/// The header and every record (the server's own RFC 4180 reader, which the
/// CSV imports use).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    auto parsed = server::csv::parse_csv(text, 1'000'000);
    if (!parsed.ok()) {
        std::string problems;
        for (const auto& problem : parsed.rejection().problems) {
            problems += "row " + std::to_string(problem.row) + " " + problem.field + ": " + problem.message + "\n";
        }
        ADD_FAILURE() << problems << text.substr(0, 300);
        return {};
    }
    std::vector<std::vector<std::string>> rows = {parsed.table().header};
    for (const auto& row : parsed.table().rows) {
        rows.push_back(row.cells);
    }
    return rows;
}

std::size_t column_of(const std::vector<std::string>& header, const std::string& name) {
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == name) {
            return i;
        }
    }
    ADD_FAILURE() << "no column " << name;
    return 0;
}

class ExportsApi : public ExchangeServerTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(ExchangeServerTest::SetUp());
        sending_token_ = invite("sending", "post");
        submit(sending_token_, {{"matched_needs", 2},
                                {"crossborder_business", 4},
                                {"new_products_services", 3},
                                {"skills_benefit_company", 4},
                                {"would_participate_again", true},
                                {"recommend", 9}});
        // Amended: the export holds the latest version.
        submit(sending_token_, {{"matched_needs", 5},
                                {"crossborder_business", 4},
                                {"new_products_services", 3},
                                {"skills_benefit_company", 4},
                                {"would_participate_again", false},
                                {"recommend", 10}});
        submit(invite("employee", "pre"), employee_pre_answers());
    }

    HttpResponse download(const std::string& file, const std::string& query = "") const {
        return staff(verb::get, base_ + "/exports/" + file + query);
    }

    std::vector<std::vector<std::string>> csv(const std::string& file, const std::string& query = "") const {
        const auto response = download(file, query);
        EXPECT_EQ(response.result(), status::ok) << response.body();
        EXPECT_EQ(response[beast_http::field::content_type], "text/csv; charset=utf-8");
        return parse_csv(response.body());
    }

    std::string sending_token_;
};

TEST_F(ExportsApi, ResponsesCsvHoldsEveryResponsesLatestAnswers) {
    const auto response = download("responses.csv");
    ASSERT_EQ(response.result(), status::ok) << response.body();
    EXPECT_EQ(response[beast_http::field::transfer_encoding], "chunked") << "streamed, not buffered";
    EXPECT_EQ(response[beast_http::field::content_disposition], "attachment; filename=\"pilot-responses.csv\"");
    const auto rows = parse_csv(response.body());
    ASSERT_EQ(rows.size(), 1 + static_cast<std::size_t>(count("SELECT count(*) FROM responses")));
    const auto& header = rows[0];
    const std::vector<std::string> metadata = {"response_id", "instrument", "instrument_version", "wave",
                                               "respondent",  "participant", "organisation",      "country",
                                               "sector",      "size",        "engagement",        "submitted_at"};
    ASSERT_GE(header.size(), metadata.size());
    EXPECT_EQ(std::vector<std::string>(header.begin(), header.begin() + 12), metadata);
    for (const auto& row : rows) {
        EXPECT_EQ(row.size(), header.size()) << "every row has every column";
    }
    // The sending company's row: its latest answers, booleans as 1/0.
    const auto sending_response = count(
        "SELECT r.id FROM responses r JOIN invitations i ON i.id = r.invitation_id WHERE i.respondent = 'sending'");
    const auto* sending = &rows[1];
    for (const auto& row : rows) {
        if (row[0] == std::to_string(sending_response)) {
            sending = &row;
        }
    }
    EXPECT_EQ((*sending)[column_of(header, "instrument")], "mobilisesme-sending-post");
    EXPECT_EQ((*sending)[column_of(header, "respondent")], "sending");
    EXPECT_EQ((*sending)[column_of(header, "country")], "BE");
    EXPECT_EQ((*sending)[column_of(header, "sector")], "C25");
    EXPECT_EQ((*sending)[column_of(header, "matched_needs")], "5");
    EXPECT_EQ((*sending)[column_of(header, "would_participate_again")], "0");
    EXPECT_EQ((*sending)[column_of(header, "recommend")], "10");
    EXPECT_EQ((*sending)[column_of(header, "skill_language")], "") << "not a question of this instrument";
    EXPECT_EQ((*sending)[column_of(header, "participant")].substr(0, 2), "P-");
    EXPECT_EQ((*sending)[column_of(header, "organisation")].substr(0, 2), "O-");
    // Pseudonyms, never names or addresses; the same in every export.
    EXPECT_EQ(response.body().find("claire@example.org"), std::string::npos);
    EXPECT_EQ(response.body().find("Atelier Dupont"), std::string::npos);
    EXPECT_EQ(download("responses.csv").body(), response.body());
}

TEST_F(ExportsApi, ColumnsFollowTheInstrumentsAndNeverShift) {
    const auto all = csv("responses.csv");
    ASSERT_FALSE(all.empty());
    const auto& header = all[0];
    // A multiple choice question gives one 0/1 column per choice.
    std::vector<std::string> goal_columns;
    for (const auto& name : header) {
        if (name.find("__") != std::string::npos) {
            goal_columns.push_back(name);
        }
    }
    EXPECT_FALSE(goal_columns.empty()) << "MobiliseSME asks a multiple choice question";
    // Only the instrument's columns when filtered to it.
    const auto sending_only = csv("responses.csv", "?instrument=mobilisesme-sending-post");
    ASSERT_EQ(sending_only.size(), 2u);
    EXPECT_LT(sending_only[0].size(), header.size());
    EXPECT_NE(std::find(sending_only[0].begin(), sending_only[0].end(), "matched_needs"), sending_only[0].end());
    EXPECT_EQ(std::find(sending_only[0].begin(), sending_only[0].end(), "skill_language"), sending_only[0].end());
}

TEST_F(ExportsApi, TheLongCsvHasOneRowPerAnswer) {
    const auto rows = csv("responses-long.csv");
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows[0].back(), "value");
    EXPECT_EQ(rows[0][rows[0].size() - 2], "question");
    const auto answers = count(
        "SELECT coalesce(sum((SELECT count(*) FROM jsonb_object_keys(v.answers))), 0) FROM responses r "
        "JOIN response_versions v ON v.response_id = r.id AND v.version = r.latest_version");
    EXPECT_EQ(rows.size(), 1 + static_cast<std::size_t>(answers));
}

TEST_F(ExportsApi, TheNdjsonCarriesEachResponsesVersionHistory) {
    const auto response = download("responses.ndjson");
    ASSERT_EQ(response.result(), status::ok);
    EXPECT_EQ(response[beast_http::field::content_type], "application/x-ndjson");
    std::istringstream lines(response.body());
    std::string line;
    int responses = 0;
    bool saw_amended = false;
    while (std::getline(lines, line)) {
        const auto object = nlohmann::json::parse(line);
        ++responses;
        if (object.value("respondent", "") == "sending") {
            saw_amended = true;
            ASSERT_EQ(object["versions"].size(), 2u) << line;
            EXPECT_EQ(object["versions"][0]["answers"]["matched_needs"], 2);
            EXPECT_EQ(object["versions"][1]["answers"]["matched_needs"], 5);
            EXPECT_EQ(object["answers"]["matched_needs"], 5);
            EXPECT_EQ(object.value("version", 0), 2);
        }
    }
    EXPECT_EQ(responses, count("SELECT count(*) FROM responses"));
    EXPECT_TRUE(saw_amended);
}

TEST_F(ExportsApi, FiltersNarrowTheResponses) {
    EXPECT_EQ(csv("responses.csv", "?wave=pre").size(), 2u);
    EXPECT_EQ(csv("responses.csv", "?wave=post").size(), 2u);
    EXPECT_EQ(csv("responses.csv", "?wave=follow-up").size(), 1u) << "the header alone";
    EXPECT_EQ(csv("responses.csv", "?from=2999-01-01").size(), 1u);
    EXPECT_EQ(csv("responses.csv", "?to=2000-01-01T00:00:00Z").size(), 1u);
    EXPECT_EQ(csv("responses.csv", "?from=2000-01-01&to=2999-01-01").size(), 3u);
}

TEST_F(ExportsApi, RefusesBadFiltersAndUnknownFiles) {
    auto problem = expect_problem(download("responses.csv", "?from=yesterday"), status::bad_request, "Bad Request");
    EXPECT_TRUE(names_field(problem, "from")) << problem.dump();
    problem = expect_problem(download("responses.csv", "?to=2026-02-30"), status::bad_request, "Bad Request");
    EXPECT_TRUE(names_field(problem, "to")) << problem.dump();
    problem = expect_problem(download("responses.csv", "?wave=Before!"), status::bad_request, "Bad Request");
    EXPECT_TRUE(names_field(problem, "wave")) << problem.dump();
    problem = expect_problem(download("responses.csv", "?instrument=nothing-like-it"), status::bad_request,
                             "Bad Request");
    EXPECT_TRUE(names_field(problem, "instrument")) << problem.dump();
    expect_problem(download("responses.xlsx"), status::not_found, "Not Found");
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'export.downloaded'"), 0) << "refused: not logged";
}

TEST_F(ExportsApi, NeedsTheExportScope) {
    const auto reader = create_token("admin", "reader@localhost", "", "read");
    const auto refused = request(port(), verb::get, base_ + "/exports/responses.csv", "",
                                 {{"Authorization", "Bearer " + reader}});
    auto problem = expect_problem(refused, status::forbidden, "Forbidden");
    const auto auditor = create_token("auditor", "auditor@localhost", "pilot");
    const auto allowed = request(port(), verb::get, base_ + "/exports/responses.csv", "",
                                 {{"Authorization", "Bearer " + auditor}});
    EXPECT_EQ(allowed.result(), status::ok);
    expect_problem(request(port(), verb::get, base_ + "/exports/responses.csv"), status::unauthorized,
                   "Unauthorized");
}

TEST_F(ExportsApi, EveryDownloadIsLoggedAndListed) {
    EXPECT_EQ(download("responses.csv", "?wave=post").result(), status::ok);
    auto listed = nlohmann::json::parse(staff(verb::get, base_ + "/audit").body());
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (listed["events"].empty() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(10ms);
        listed = nlohmann::json::parse(staff(verb::get, base_ + "/audit").body());
    }
    ASSERT_EQ(listed["events"].size(), 1u) << listed.dump();
    const auto& event = listed["events"][0];
    EXPECT_EQ(event.value("type", ""), "export.downloaded");
    EXPECT_EQ(event["data"].value("file", ""), "responses.csv");
    EXPECT_EQ(event["data"]["filters"].value("wave", ""), "post");
    EXPECT_EQ(event["data"].value("identities", true), false);
}

TEST_F(ExportsApi, ClientsThatHangUpPartWayLeaveTheServerHealthy) {
    // Enough responses for the export to fill the socket and the hand-over
    // between the database worker and the session: 3,000 copies of the
    // sending company's response, each in an exchange of its own.
    {
        pqxx::connection connection(database_.url());
        pqxx::work tx(connection);
        tx.exec0(R"(
            WITH source AS (SELECT i.* FROM invitations i WHERE i.respondent = 'sending' AND i.wave = 'post'),
            engagements_made AS (
                INSERT INTO engagements (programme_id, kind, status, sending_organisation_id, hosting_organisation_id,
                                         participant_id, starts_on, ends_on, duration_days)
                SELECT e.programme_id, e.kind, e.status, e.sending_organisation_id, e.hosting_organisation_id,
                       e.participant_id, e.starts_on, e.ends_on, e.duration_days
                FROM engagements e, source s, generate_series(1, 3000) g WHERE e.id = s.engagement_id
                RETURNING id),
            invitations_made AS (
                INSERT INTO invitations (programme_id, engagement_id, participant_id, respondent, wave, instrument_id,
                                         token_digest, token_sealed, status, expires_at)
                SELECT s.programme_id, m.id, s.participant_id, s.respondent, s.wave, s.instrument_id,
                       encode(sha256(('copy' || m.id)::bytea), 'hex'), s.token_sealed, 'submitted', s.expires_at
                FROM source s, engagements_made m
                RETURNING id, programme_id, instrument_id),
            responses_made AS (
                INSERT INTO responses (invitation_id, programme_id)
                SELECT id, programme_id FROM invitations_made RETURNING id, invitation_id)
            INSERT INTO response_versions (response_id, version, instrument_id, answers, consent_version)
            SELECT r.id, 1, i.instrument_id, v.answers, v.consent_version
            FROM responses_made r JOIN invitations_made i ON i.id = r.invitation_id,
                 (SELECT v.answers, v.consent_version FROM response_versions v
                  JOIN responses r ON r.id = v.response_id AND v.version = r.latest_version
                  JOIN invitations i ON i.id = r.invitation_id WHERE i.respondent = 'sending') v)");
        tx.commit();
    }
    const auto total = count("SELECT count(*) FROM responses");
    ASSERT_GT(total, 3000);
    // More hang-ups than the database pool has workers: a worker left
    // waiting for a gone client would starve the requests after them.
    for (int i = 0; i < 8; ++i) {
        HttpConnection connection(port());
        connection.write(format_request(verb::get, base_ + "/exports/responses.ndjson", port(), "",
                                        {{"Authorization", "Bearer " + admin_}}));
        std::this_thread::sleep_for(20ms);
    }  // each closes without reading the body
    EXPECT_EQ(request(port(), verb::get, "/readyz").result(), status::ok);
    const auto complete = download("responses.csv");
    ASSERT_EQ(complete.result(), status::ok);
    EXPECT_EQ(parse_csv(complete.body()).size(), 1 + static_cast<std::size_t>(total));
    EXPECT_EQ(staff(verb::get, base_ + "/report").result(), status::ok);
}

}  // namespace
}  // namespace yardstick::testing

// GET /api/v1/programmes/{slug}/report in its four formats, and the tallies
// behind it: a submission through the API reaches the report (value and
// data_version) within a second; an amendment replaces what it amends; pairs
// form when their second half arrives; small groups are suppressed; reading
// changes nothing; and rebuilding the tallies from the log gives the same
// report, cell for cell.

#include <pqxx/pqxx>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include "tests/http/exchange_fixture.hpp"

namespace yardstick::testing {
namespace {

using namespace std::chrono_literals;
using beast_http::status;
using beast_http::verb;

nlohmann::json company_post_answers(int matched_needs, int crossborder = 4, int new_products = 3) {
    return {{"matched_needs", matched_needs},        {"crossborder_business", crossborder},
            {"new_products_services", new_products}, {"skills_benefit_company", 4},
            {"would_participate_again", true},       {"recommend", 9}};
}

nlohmann::json employee_answers(const std::string& wave, int language_skill) {
    if (wave == "pre") {
        return {{"languages_spoken", 2},
                {"previous_stay_abroad", false},
                {"skill_technical", 3},
                {"skill_language", language_skill},
                {"skill_intercultural", 2},
                {"skill_business_abroad", 1},
                {"expect_professional_development", 4}};
    }
    return {{"professional_development", 5},    {"career_opportunities", 4},
            {"skills_benefit_company", 4},      {"skill_technical", 3},
            {"skill_language", language_skill}, {"skill_intercultural", 3},
            {"skill_business_abroad", 2},       {"recommend", 10}};
}

class ReportApi : public ExchangeServerTest {
protected:
    nlohmann::json report(const std::string& query = "") const {
        const auto response = staff(verb::get, base_ + "/report" + query);
        EXPECT_EQ(response.result(), status::ok) << response.body();
        EXPECT_EQ(response[beast_http::field::content_type], "application/json");
        const auto body = nlohmann::json::parse(response.body(), nullptr, false);
        return body.is_object() ? body : nlohmann::json::object();
    }

    static nlohmann::json indicator(const nlohmann::json& report, const std::string& id) {
        for (const auto& figure : report.value("indicators", nlohmann::json::array())) {
            if (figure.value("id", "") == id) {
                return figure;
            }
        }
        ADD_FAILURE() << "no indicator " << id << " in " << report.dump();
        return nlohmann::json::object();
    }

    /// Polls the report until its data_version passes `after`; the report
    /// then, or the last one read after `limit`.
    nlohmann::json report_after(std::int64_t after, std::chrono::milliseconds limit = 5s) const {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        auto current = report();
        while (current.value("data_version", std::int64_t{0}) <= after && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(10ms);
            current = report();
        }
        return current;
    }

    /// Waits until the tallies have counted every event committed so far.
    nlohmann::json settled_report() const {
        const auto deadline = std::chrono::steady_clock::now() + 5s;
        while (std::chrono::steady_clock::now() < deadline) {
            const auto events = count("SELECT count(*) FROM events");
            const auto counted = count(
                "SELECT count(*) FROM events e JOIN event_order o ON o.event_id = e.id "
                "WHERE o.seq <= (SELECT last_seq FROM report_checkpoint)");
            if (events == counted) {
                return report();
            }
            std::this_thread::sleep_for(10ms);
        }
        ADD_FAILURE() << "the tallies did not catch up with the event log";
        return report();
    }

    std::int64_t data_version(const nlohmann::json& report) const {
        return report.value("data_version", std::int64_t{-1});
    }
};

TEST_F(ReportApi, ASubmissionThroughTheApiReachesTheReportWithinOneSecond) {
    const auto token = invite("sending", "post");
    const auto before = settled_report();
    const auto empty = indicator(before, "sending_matched_needs");
    EXPECT_TRUE(empty["value"].is_null());
    EXPECT_EQ(empty.value("n", -1), 0);
    EXPECT_FALSE(empty.value("note", "").empty()) << "a figure that cannot be computed says why";

    const auto submitted_at = std::chrono::steady_clock::now();
    ASSERT_NO_FATAL_FAILURE(submit(token, company_post_answers(5)));
    const auto after = report_after(data_version(before), 1s);
    const auto took = std::chrono::steady_clock::now() - submitted_at;

    EXPECT_GT(data_version(after), data_version(before));
    EXPECT_LT(took, 1s) << "the report reflected the submission after "
                        << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms";
    const auto figure = indicator(after, "sending_matched_needs");
    EXPECT_EQ(figure.value("n", 0), 1);
    EXPECT_EQ(figure.value("numerator", 0), 1);
    EXPECT_EQ(figure.value("denominator", 0), 1);
    EXPECT_DOUBLE_EQ(figure.value("value", 0.0), 1.0);
    EXPECT_EQ(figure.value("ci_method", ""), "wilson");
    EXPECT_DOUBLE_EQ(figure.value("ci_level", 0.0), 0.95);
    // Wilson for 1 of 1: the lower bound is 1 / (1 + z²), z = 1.959964.
    EXPECT_NEAR(figure.value("ci_low", 0.0), 1.0 / (1.0 + 1.959963984540054 * 1.959963984540054), 1e-12);
    EXPECT_DOUBLE_EQ(figure.value("ci_high", 0.0), 1.0);
    // The sending company answered its post-exchange invitation: 1 of 1 invited.
    const auto rate = indicator(after, "post_response_rate");
    EXPECT_EQ(rate.value("numerator", 0), 1);
    EXPECT_EQ(rate.value("denominator", 0), 1);
    EXPECT_EQ(after.value("programme", ""), "pilot");
    EXPECT_FALSE(after.value("generated_at", "").empty());
}

TEST_F(ReportApi, AnAmendmentReplacesTheAnswerItAmends) {
    const auto token = invite("sending", "post");
    ASSERT_NO_FATAL_FAILURE(submit(token, company_post_answers(5)));
    const auto first = settled_report();
    ASSERT_DOUBLE_EQ(indicator(first, "sending_matched_needs").value("value", 0.0), 1.0);

    ASSERT_NO_FATAL_FAILURE(submit(token, company_post_answers(2)));
    const auto amended = report_after(data_version(first));
    const auto figure = indicator(amended, "sending_matched_needs");
    EXPECT_EQ(figure.value("n", 0), 1) << "the amendment replaces the answer, it does not add one";
    EXPECT_DOUBLE_EQ(figure.value("value", -1.0), 0.0);
    const auto rate = indicator(amended, "post_response_rate");
    EXPECT_EQ(rate.value("numerator", 0), 1) << "an amended response is still one response";
}

TEST_F(ReportApi, PairsFormWhenTheirSecondHalfArrives) {
    ASSERT_NO_FATAL_FAILURE(submit(invite("employee", "post"), employee_answers("post", 4)));
    const auto only_after = settled_report();
    const auto unpaired = indicator(only_after, "employee_language_skills_change");
    EXPECT_EQ(unpaired.value("n_pairs", -1), 0);
    EXPECT_TRUE(unpaired["mean_difference"].is_null());

    ASSERT_NO_FATAL_FAILURE(submit(invite("employee", "pre"), employee_answers("pre", 1)));
    const auto paired = settled_report();
    const auto change = indicator(paired, "employee_language_skills_change");
    EXPECT_EQ(change.value("n_pairs", 0), 1);
    EXPECT_DOUBLE_EQ(change.value("mean_pre", 0.0), 1.0);
    EXPECT_DOUBLE_EQ(change.value("mean_post", 0.0), 4.0);
    EXPECT_DOUBLE_EQ(change.value("mean_difference", 0.0), 3.0);

    // The sending and hosting companies of the exchange: both satisfied.
    ASSERT_NO_FATAL_FAILURE(submit(invite("sending", "post"), company_post_answers(4)));
    ASSERT_NO_FATAL_FAILURE(submit(invite("hosting", "post"), company_post_answers(5)));
    const auto both = settled_report();
    const auto agreement = indicator(both, "matched_needs_agreement");
    EXPECT_EQ(agreement.value("n", 0), 1);
    EXPECT_EQ(agreement.value("agreeing", 0), 1);
    // crossborder_business pools both companies' answers.
    EXPECT_EQ(indicator(both, "crossborder_business").value("n", 0), 2);
}

TEST_F(ReportApi, GroupsSmallerThanTheThresholdAreSuppressed) {
    ASSERT_NO_FATAL_FAILURE(submit(invite("sending", "post"), company_post_answers(5)));
    const auto current = settled_report();
    const auto figure = indicator(current, "sending_matched_needs");
    ASSERT_TRUE(figure.contains("breakdowns"));
    bool saw_country = false;
    for (const auto& breakdown : figure["breakdowns"]) {
        if (breakdown.value("by", "") != "country") {
            continue;
        }
        saw_country = true;
        ASSERT_EQ(breakdown["groups"].size(), 1u);
        const auto& group = breakdown["groups"][0];
        EXPECT_EQ(group.value("key", ""), "BE");
        EXPECT_TRUE(group.value("suppressed", false));
        EXPECT_EQ(group.size(), 2u) << "a suppressed group shows only its key: " << group.dump();
    }
    EXPECT_TRUE(saw_country);
}

TEST_F(ReportApi, ReadingAReportChangesNothingButTheAccessLog) {
    ASSERT_NO_FATAL_FAILURE(submit(invite("sending", "post"), company_post_answers(4)));
    const auto first = settled_report();
    const auto other_events = count("SELECT count(*) FROM events WHERE type <> 'report.viewed'");
    const auto views = count("SELECT count(*) FROM events WHERE type = 'report.viewed'");
    const auto tallies = count("SELECT coalesce(sum(count), 0) FROM report_tallies");
    for (const auto* format : {"", "?format=csv", "?format=html", "?format=pdf"}) {
        EXPECT_EQ(staff(verb::get, base_ + "/report" + format).result(), status::ok) << format;
    }
    std::this_thread::sleep_for(200ms);  // two sequencer intervals
    const auto again = report();
    EXPECT_EQ(data_version(again), data_version(first));
    EXPECT_EQ(again.value("event_log_head", ""), first.value("event_log_head", "x"));
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type <> 'report.viewed'"), other_events);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'report.viewed'"), views + 5)
        << "each read was logged, and committed before it was answered";
    EXPECT_EQ(count("SELECT coalesce(sum(count), 0) FROM report_tallies"), tallies);
}

TEST_F(ReportApi, ComesAsCsvHtmlAndPdf) {
    ASSERT_NO_FATAL_FAILURE(submit(invite("sending", "post"), company_post_answers(5)));
    settled_report();

    const auto csv = staff(verb::get, base_ + "/report?format=csv");
    ASSERT_EQ(csv.result(), status::ok);
    EXPECT_EQ(csv[beast_http::field::content_type], "text/csv; charset=utf-8");
    // RFC 4180: lines end in CRLF.
    EXPECT_EQ(csv.body().substr(0, csv.body().find("\r\n")),
              "indicator,group_by,group,value,n,numerator,denominator,ci_low,ci_high,p_value,suppressed");
    EXPECT_NE(csv.body().find("\nsending_matched_needs,,,1,1,1,1,"), std::string::npos) << csv.body();
    EXPECT_NE(csv.body().find("\nsending_matched_needs,country,BE,,,,,,,,true\r\n"), std::string::npos) << csv.body();

    const auto html = staff(verb::get, base_ + "/report?format=html");
    ASSERT_EQ(html.result(), status::ok);
    EXPECT_EQ(html[beast_http::field::content_type], "text/html; charset=utf-8");
    EXPECT_NE(html.body().find("<svg"), std::string::npos);
    EXPECT_NE(html.body().find("Sending companies happy with the matched needs and competences"), std::string::npos);

    const auto pdf = staff(verb::get, base_ + "/report?format=pdf");
    ASSERT_EQ(pdf.result(), status::ok);
    EXPECT_EQ(pdf[beast_http::field::content_type], "application/pdf");
    EXPECT_EQ(pdf.body().substr(0, 5), "%PDF-");
    EXPECT_NE(pdf.body().find("%%EOF"), std::string::npos);

    const auto french = report("?lang=fr");
    EXPECT_EQ(indicator(french, "sending_matched_needs").value("label", ""),
              "Entreprises d’envoi satisfaites de l’adéquation des besoins et des compétences");
}

TEST_F(ReportApi, RefusesAnUnknownFormatOrLanguage) {
    auto problem = expect_problem(staff(verb::get, base_ + "/report?format=xml"), status::bad_request, "Bad Request");
    EXPECT_TRUE(names_field(problem, "format")) << problem.dump();
    problem = expect_problem(staff(verb::get, base_ + "/report?lang=es"), status::bad_request, "Bad Request");
    EXPECT_TRUE(names_field(problem, "lang")) << problem.dump();
    expect_problem(staff(verb::get, "/api/v1/programmes/nowhere/report"), status::not_found, "Not Found");
    expect_problem(request(port(), verb::get, base_ + "/report"), status::unauthorized, "Unauthorized");
}

TEST_F(ReportApi, RebuildingTheTalliesFromTheLogGivesTheSameReport) {
    ASSERT_NO_FATAL_FAILURE(submit(invite("employee", "pre"), employee_answers("pre", 2)));
    const auto employee_post = invite("employee", "post");
    ASSERT_NO_FATAL_FAILURE(submit(employee_post, employee_answers("post", 3)));
    ASSERT_NO_FATAL_FAILURE(submit(employee_post, employee_answers("post", 5)));  // amended
    const auto sending = invite("sending", "post");
    ASSERT_NO_FATAL_FAILURE(submit(sending, company_post_answers(2, 5, 5)));
    ASSERT_NO_FATAL_FAILURE(submit(invite("hosting", "post"), company_post_answers(4, 2, 4)));
    ASSERT_NO_FATAL_FAILURE(submit(sending, company_post_answers(5, 5, 1)));  // amended after the pair formed
    auto incremental = settled_report();
    const auto cells_before = count("SELECT count(*) FROM report_tallies WHERE count <> 0");
    const auto digest = [this] {
        pqxx::connection connection(database_.url());
        pqxx::read_transaction tx(connection);
        return tx
            .exec1(
                "SELECT md5(coalesce(string_agg(concat_ws('|', indicator, group_by, group_key, cell, count, sum, "
                "sum_of_squares), ';' ORDER BY indicator, group_by, group_key, cell), '')) "
                "FROM report_tallies WHERE count <> 0 OR sum <> 0")[0]
            .as<std::string>();
    };
    const auto before = digest();

    int exit_code = -1;
    const auto out = run_command({"tallies", "rebuild", "--database-url", database_.url()}, &exit_code);
    ASSERT_EQ(exit_code, 0) << out;
    EXPECT_NE(out.find("rebuilt the report tallies"), std::string::npos) << out;

    EXPECT_EQ(digest(), before) << "the rebuilt tallies differ from the incremental ones";
    EXPECT_EQ(count("SELECT count(*) FROM report_tallies WHERE count <> 0"), cells_before);
    auto rebuilt = report();
    incremental.erase("generated_at");
    rebuilt.erase("generated_at");
    EXPECT_EQ(rebuilt, incremental);
    EXPECT_EQ(indicator(rebuilt, "employee_language_skills_change").value("mean_difference", 0.0), 3.0);
    EXPECT_EQ(indicator(rebuilt, "matched_needs_agreement").value("agreeing", 0), 1);
}

TEST_F(ReportApi, TheCommandLineWritesTheSameReport) {
    ASSERT_NO_FATAL_FAILURE(submit(invite("sending", "post"), company_post_answers(5)));
    auto served = settled_report();
    int exit_code = -1;
    const auto out = run_command(
        {"report", "--database-url", database_.url(), "--programme", "pilot", "--format", "json"}, &exit_code);
    ASSERT_EQ(exit_code, 0) << out;
    auto written = nlohmann::json::parse(out, nullptr, false);
    ASSERT_TRUE(written.is_object()) << out;
    served.erase("generated_at");
    written.erase("generated_at");
    EXPECT_EQ(written, served);

    run_command({"report", "--database-url", database_.url(), "--programme", "nowhere"}, &exit_code);
    EXPECT_EQ(exit_code, 2);
    run_command({"report", "--database-url", database_.url(), "--programme", "pilot", "--format", "xml"}, &exit_code);
    EXPECT_EQ(exit_code, 2);
}

TEST_F(ReportApi, TheDashboardSendsASignedOutBrowserToSignIn) {
    const auto response = request(port(), verb::get, "/programmes/pilot", "", {{"Accept", "text/html"}});
    EXPECT_EQ(response.result(), status::see_other);
    EXPECT_EQ(response[beast_http::field::location], "/login?next=%2Fprogrammes%2Fpilot");
}

}  // namespace
}  // namespace yardstick::testing

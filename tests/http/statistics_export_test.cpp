// responses.sav and responses.dta read by the tools auditors use: GNU PSPP
// opens the SPSS file with its variable and value labels and its declared
// missing values, and counts the same frequencies as the database; R's
// haven opens the Stata file with labels intact and the two kinds of
// missing answer apart.

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "tests/http/exchange_fixture.hpp"
#include "tests/support/shell_command.hpp"

namespace yardstick::testing {
namespace {

using beast_http::status;
using beast_http::verb;

class StatisticsExport : public ExchangeServerTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(ExchangeServerTest::SetUp());
        directory_ = std::filesystem::temp_directory_path() /
                     ("yardstick-statistics-" + std::to_string(::getpid()) + "-" +
                      ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(directory_);
        // Two sending companies' answers: 5 and 4 on matched needs, one
        // would take part again and one would not.
        submit(invite("sending", "post"), 5, true);
        submit(invite("hosting", "post"), 4, false);
    }

    void TearDown() override {
        std::filesystem::remove_all(directory_);
        ExchangeServerTest::TearDown();
    }

    void submit(const std::string& token, int matched_needs, bool again) const {
        const nlohmann::json answers = {{"matched_needs", matched_needs}, {"crossborder_business", 4},
                                        {"new_products_services", 3},      {"skills_benefit_company", 4},
                                        {"would_participate_again", again}, {"recommend", 9}};
        const auto response = request(port(), verb::post, "/api/v1/forms/" + token + "/submission",
                                      nlohmann::json{{"consent_version", 1}, {"answers", answers}}.dump(),
                                      {{"Content-Type", "application/json"}});
        ASSERT_EQ(response.result(), status::created) << response.body();
    }

    /// The companies' answers before the exchange: the sending company is not
    /// active across borders (so how many countries is not relevant) and
    /// leaves the planned days empty (not answered); the hosting company
    /// answers both.
    void submit_before() {
        const nlohmann::json common = {{"staff_count", 12},
                                       {"sector", "manufacturing"},
                                       {"exchange_goals", {"new_markets"}},
                                       {"expect_crossborder_business", 4},
                                       {"expect_new_products_services", 3}};
        auto sending = common;
        sending["crossborder_active"] = false;
        ExchangeServerTest::submit(invite("sending", "pre"), sending);
        auto hosting = common;
        hosting["crossborder_active"] = true;
        hosting["crossborder_countries"] = 3;
        hosting["planned_days"] = 30;
        ExchangeServerTest::submit(invite("hosting", "pre"), hosting);
    }

    std::filesystem::path download(const std::string& file, const std::string& content_type,
                                   const std::string& wave = "post") const {
        const auto response = staff(verb::get, base_ + "/exports/" + file + "?wave=" + wave);
        EXPECT_EQ(response.result(), status::ok) << response.body();
        EXPECT_EQ(response[beast_http::field::content_type], content_type);
        const auto path = directory_ / (wave + "-" + file);
        std::ofstream(path, std::ios::binary) << response.body();
        return path;
    }

    std::filesystem::path directory_;
};

TEST_F(StatisticsExport, PsppOpensTheSpssFileWithItsLabelsAndCountsTheSameFrequencies) {
    const auto sav = download("responses.sav", "application/x-spss-sav");
    const auto syntax = directory_ / "check.sps";
    std::ofstream(syntax) << "GET FILE='" << sav.string() << "'.\n"
                          << "DISPLAY DICTIONARY /VARIABLES=matched_needs would_participate_again.\n"
                          << "FREQUENCIES /VARIABLES=matched_needs would_participate_again.\n";
    int exit_code = -1;
    const auto out = shell("pspp -O format=csv -o " + (directory_ / "out.csv").string() + " " + syntax.string(),
                           &exit_code);
    ASSERT_EQ(exit_code, 0) << out;
    std::ifstream file(directory_ / "out.csv");
    const std::string report((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    // The question's text is the variable label; the Likert points and the
    // yes/no are value labels; the two missing codes are declared.
    EXPECT_NE(report.find("We are satisfied with how the exchange matched our company"), std::string::npos) << report;
    EXPECT_NE(report.find(",-1.00[a],not answered"), std::string::npos) << report;
    EXPECT_NE(report.find(",-2.00[a],not relevant"), std::string::npos) << report;
    // The frequencies are the database's: one company strongly agrees, one
    // agrees; one would take part again, one would not.
    EXPECT_EQ(count("SELECT count(*) FROM response_versions v JOIN responses r ON r.id = v.response_id "
                    "AND v.version = r.latest_version WHERE (v.answers->>'matched_needs')::int = 5"),
              1);
    EXPECT_NE(report.find("Valid,Agree,1,50.0%"), std::string::npos) << report;
    EXPECT_NE(report.find(",Strongly agree,1,50.0%"), std::string::npos) << report;
    EXPECT_NE(report.find("Valid,No,1,50.0%"), std::string::npos) << report;
    EXPECT_NE(report.find(",Yes,1,50.0%"), std::string::npos) << report;
    EXPECT_NE(report.find("N,Valid,2,2"), std::string::npos) << report;
}

TEST_F(StatisticsExport, HavenOpensTheStataFileWithItsLabels) {
    const auto dta = download("responses.dta", "application/x-stata-dta");
    const auto script = directory_ / "check.R";
    std::ofstream(script)
        << "suppressMessages(library(haven))\n"
        << "d <- read_dta('" << dta.string() << "')\n"
        << "cat('rows', nrow(d), '\\n')\n"
        << "cat('label', attr(d$matched_needs, 'label'), '\\n')\n"
        << "cat('levels', sort(as.character(as_factor(d$matched_needs))), sep='|')\n"
        << "cat('\\n')\n"
        << "cat('again', sort(as.character(as_factor(d$would_participate_again))), sep='|')\n"
        << "cat('\\n')\n"
        << "cat('pseudonyms', all(startsWith(d$participant, 'P-')), '\\n')\n";
    int exit_code = -1;
    const auto out = shell("Rscript --vanilla " + script.string(), &exit_code);
    ASSERT_EQ(exit_code, 0) << out;
    EXPECT_NE(out.find("rows 2"), std::string::npos) << out;
    EXPECT_NE(out.find("label We are satisfied with how the exchange matched our company"), std::string::npos) << out;
    EXPECT_NE(out.find("levels|Agree|Strongly agree"), std::string::npos) << out;
    EXPECT_NE(out.find("again|No|Yes"), std::string::npos) << out;
    EXPECT_NE(out.find("pseudonyms TRUE"), std::string::npos) << out;
}

TEST_F(StatisticsExport, PsppAndHavenTellNotRelevantFromNotAnswered) {
    ASSERT_NO_FATAL_FAILURE(submit_before());
    const auto sav = download("responses.sav", "application/x-spss-sav", "pre");
    const auto syntax = directory_ / "missing.sps";
    std::ofstream(syntax) << "GET FILE='" << sav.string() << "'.\n"
                          << "FREQUENCIES /VARIABLES=crossborder_countries planned_days.\n";
    int exit_code = -1;
    auto out = shell("pspp -O format=csv -o " + (directory_ / "missing.csv").string() + " " + syntax.string(),
                     &exit_code);
    ASSERT_EQ(exit_code, 0) << out;
    std::ifstream file(directory_ / "missing.csv");
    const std::string report((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    // Each variable: one valid answer and one missing, labelled by its kind.
    EXPECT_NE(report.find("Missing,not relevant,1,50.0%"), std::string::npos) << report;
    EXPECT_NE(report.find("Missing,not answered,1,50.0%"), std::string::npos) << report;

    const auto dta = download("responses.dta", "application/x-stata-dta", "pre");
    const auto script = directory_ / "missing.R";
    std::ofstream(script) << "suppressMessages(library(haven))\n"
                          << "d <- read_dta('" << dta.string() << "')\n"
                          << "d <- d[order(d$respondent), ]\n"  // hosting, then sending
                          << "cat('countries', d$respondent[1], as.numeric(d$crossborder_countries[1]), "
                             "d$respondent[2], na_tag(d$crossborder_countries[2]), '\\n')\n"
                          << "cat('days', as.numeric(d$planned_days[1]), na_tag(d$planned_days[2]), '\\n')\n";
    out = shell("Rscript --vanilla " + script.string(), &exit_code);
    ASSERT_EQ(exit_code, 0) << out;
    // Stata's tagged missing values read back apart: .b not relevant, .a not answered.
    EXPECT_NE(out.find("countries hosting 3 sending b"), std::string::npos) << out;
    EXPECT_NE(out.find("days 30 a"), std::string::npos) << out;
}

}  // namespace
}  // namespace yardstick::testing

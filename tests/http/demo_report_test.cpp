// The demo programmes' impact reports read what the programmes published:
// MobiliseSME's 400 companies, 54 exchanges, 23 sectors, 16 countries and
// 91% / 95% / 90% / 75% / 81%; Digital Volunteers' SMEs moving from about
// 60% at basic digital intensity towards the 2030 target of 90%; the skills
// monitor's rounds. Computed by the running server from the demo's responses,
// which went through the same code as API submissions.
#include <pqxx/pqxx>

#include <cmath>
#include <filesystem>
#include <string>
#include <thread>

#include "tests/http/server_test.hpp"

namespace yardstick::testing {
namespace {

using namespace std::chrono_literals;
using beast_http::status;
using beast_http::verb;

class DemoReport : public ServerTest {
protected:
    void SetUp() override {
        start_server({"--sequencer-interval", "0.05"});
        admin_ = create_token("admin", "admin@localhost");
        ASSERT_NO_FATAL_FAILURE(load_demo(links_file_));
    }

    void TearDown() override {
        ServerTest::TearDown();
        std::error_code ignored;
        std::filesystem::remove(links_file_, ignored);
    }

    /// The programme's report once the tallies have counted every event.
    nlohmann::json settled_report(const std::string& slug) const {
        wait_until_counted();
        const auto response = request(port(), verb::get, "/api/v1/programmes/" + slug + "/report", {},
                                      {{"Authorization", "Bearer " + admin_}});
        EXPECT_EQ(response.result(), status::ok) << response.body();
        return nlohmann::json::parse(response.body(), nullptr, false);
    }

    static nlohmann::json indicator(const nlohmann::json& report, const std::string& id) {
        for (const auto& figure : report.value("indicators", nlohmann::json::array())) {
            if (figure.value("id", "") == id) {
                return figure;
            }
        }
        ADD_FAILURE() << "no indicator " << id;
        return nlohmann::json::object();
    }

    static long whole_percent(const nlohmann::json& figure) { return std::lround(figure.value("value", -1.0) * 100.0); }

    std::string admin_;
    std::filesystem::path links_file_ =
        std::filesystem::temp_directory_path() / ("yardstick-demo-report-" + database_.name() + ".txt");
};

TEST_F(DemoReport, MobiliseSmeReadsAsThePilotPublished) {
    const auto report = settled_report("mobilisesme-pilot");
    EXPECT_EQ(indicator(report, "registered_organisations").value("value", 0.0), 400.0);
    EXPECT_EQ(indicator(report, "exchanges").value("value", 0.0), 54.0);
    EXPECT_EQ(indicator(report, "sectors").value("value", 0.0), 23.0);
    EXPECT_EQ(indicator(report, "countries").value("value", 0.0), 16.0);
    EXPECT_EQ(whole_percent(indicator(report, "sending_matched_needs")), 91);
    EXPECT_EQ(whole_percent(indicator(report, "hosting_matched_needs")), 95);
    EXPECT_EQ(whole_percent(indicator(report, "crossborder_business")), 90);
    EXPECT_EQ(whole_percent(indicator(report, "new_products_services")), 75);
    EXPECT_EQ(whole_percent(indicator(report, "employee_professional_development")), 81);

    // Realistic non-response, pairs and breakdowns.
    const auto rate = indicator(report, "post_response_rate");
    EXPECT_LT(rate.value("value", 1.0), 0.95);
    EXPECT_GT(rate.value("value", 0.0), 0.6);
    const auto language = indicator(report, "employee_language_skills_change");
    EXPECT_GT(language.value("n_pairs", 0), 30);
    EXPECT_GT(language.value("mean_difference", 0.0), 0.0);
    EXPECT_EQ(language.value("test", ""), "wilcoxon_signed_rank");
    EXPECT_LT(language.value("p_value", 1.0), 0.05);
    EXPECT_GT(indicator(report, "matched_needs_agreement").value("n", 0), 30);
    const auto sending = indicator(report, "sending_matched_needs");
    ASSERT_TRUE(sending.contains("breakdowns"));
    bool some_shown = false;
    bool some_suppressed = false;
    for (const auto& group : sending["breakdowns"][0]["groups"]) {
        (group.value("suppressed", false) ? some_suppressed : some_shown) = true;
    }
    EXPECT_TRUE(some_shown);
    EXPECT_TRUE(some_suppressed) << "with 45 answers over 16 countries some groups are below 5";
}

TEST_F(DemoReport, DigitalVolunteersMoveTowardsTheDigitalDecadeTarget) {
    const auto report = settled_report("digital-volunteers");
    const auto intensity = indicator(report, "digital_intensity");
    EXPECT_GT(intensity.value("n_pairs", 0), 20);
    EXPECT_NEAR(intensity.value("mean_pre", 0.0), 0.6, 0.06);
    EXPECT_GT(intensity.value("mean_post", 0.0), intensity.value("mean_pre", 1.0) + 0.1);
    EXPECT_LT(intensity.value("mean_post", 1.0), 0.9);
    EXPECT_EQ(intensity.value("test", ""), "mcnemar");
    EXPECT_GT(intensity.value("mean_items_post", 0.0), intensity.value("mean_items_pre", 12.0));
}

TEST_F(DemoReport, TheSkillsMonitorShowsItsRounds) {
    const auto report = settled_report("skills-monitor");
    const auto gap = indicator(report, "skills_gap");
    ASSERT_FALSE(gap["value"].is_null()) << gap.dump();
    EXPECT_GT(gap.value("value", 0.0), 0.0) << "required levels exceed current ones";
    EXPECT_EQ(gap["rounds"], nlohmann::json::array({"2018", "2019"}));
    EXPECT_LT(gap.value("mean_difference", 0.0), 0.0) << "the gap narrows between the rounds";
    ASSERT_TRUE(gap.contains("breakdowns"));
    EXPECT_FALSE(gap["breakdowns"][0]["groups"].empty());
}

}  // namespace
}  // namespace yardstick::testing

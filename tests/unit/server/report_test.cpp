// The report's JSON and CSV follow issue 6's contract: members by kind,
// fractions, null with a note instead of NaN or 0, suppressed groups reduced
// to their key, and RFC 4180 CSV whose decimals read back exactly.
#include <gtest/gtest.h>

#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>

#include "report_fixture.hpp"
#include "server/csv/csv_table.hpp"
#include "server/reports/report_json.hpp"

namespace yardstick::server::reports {
namespace {

using nlohmann::json;

std::set<std::string> members(const json& object) {
    std::set<std::string> names;
    for (const auto& [name, value] : object.items()) {
        names.insert(name);
    }
    return names;
}

const json& indicator(const json& report, const std::string& id) {
    for (const auto& figure : report.at("indicators")) {
        if (figure.at("id") == id) {
            return figure;
        }
    }
    throw std::out_of_range("no indicator " + id);
}

TEST(ReportJson, TopLevelHasTheContractMembers) {
    const auto out = report_to_json(fixture::mobilise_sme());
    EXPECT_EQ(members(out), (std::set<std::string>{"programme", "data_version", "generated_at", "event_log_head",
                                                   "indicators"}));
    EXPECT_EQ(out.at("programme"), "mobilise-sme");
    EXPECT_EQ(out.at("data_version"), 1234);
    EXPECT_EQ(out.at("generated_at"), "2026-11-25T02:30:00Z");
    EXPECT_EQ(out.at("indicators").size(), 4U);
}

TEST(ReportJson, CountHasOnlyItsValueAndN) {
    const auto figure = indicator(report_to_json(fixture::mobilise_sme()), "registered_organisations");
    EXPECT_EQ(members(figure), (std::set<std::string>{"id", "label", "kind", "value", "n", "method"}));
    EXPECT_EQ(figure.at("kind"), "count");
    EXPECT_EQ(figure.at("value"), 400);
}

TEST(ReportJson, ShareIsAFractionWithItsWilsonInterval) {
    const auto wilson = evaluation::wilson_interval(49, 54);
    ASSERT_TRUE(wilson.ok());
    const auto figure = indicator(report_to_json(fixture::mobilise_sme()), "sending_matched_needs");
    EXPECT_EQ(members(figure),
              (std::set<std::string>{"id", "label", "kind", "value", "n", "numerator", "denominator", "ci_low",
                                     "ci_high", "ci_method", "ci_level", "method", "breakdowns"}));
    EXPECT_EQ(figure.at("kind"), "share");
    EXPECT_DOUBLE_EQ(figure.at("value").get<double>(), 49.0 / 54.0);
    EXPECT_LT(figure.at("value").get<double>(), 1.0);  // a fraction, not 91
    EXPECT_EQ(figure.at("ci_low").get<double>(), wilson->low);
    EXPECT_EQ(figure.at("ci_high").get<double>(), wilson->high);
    EXPECT_EQ(figure.at("numerator"), 49);
    EXPECT_EQ(figure.at("denominator"), 54);
    EXPECT_EQ(figure.at("n"), 54);
    EXPECT_EQ(figure.at("ci_method"), "wilson");
    EXPECT_EQ(figure.at("ci_level"), 0.95);
}

TEST(ReportJson, PairedChangeCarriesItsTest) {
    const auto wilcoxon = evaluation::wilcoxon_signed_rank(fixture::confidence_differences());
    ASSERT_TRUE(wilcoxon.ok() && wilcoxon->test);
    const auto figure = indicator(report_to_json(fixture::mobilise_sme()), "digital_confidence_change");
    EXPECT_EQ(members(figure),
              (std::set<std::string>{"id", "label", "kind", "value", "n", "ci_low", "ci_high", "ci_method", "ci_level",
                                     "n_pairs", "mean_pre", "mean_post", "mean_difference", "test", "statistic",
                                     "p_value", "effect_size", "method", "breakdowns"}));
    EXPECT_EQ(figure.at("test"), "wilcoxon_signed_rank");
    EXPECT_EQ(figure.at("n_pairs"), 28);
    EXPECT_EQ(figure.at("statistic").get<double>(), wilcoxon->positive_rank_sum);
    EXPECT_EQ(figure.at("p_value").get<double>(), wilcoxon->test->p_value);
    EXPECT_EQ(figure.at("effect_size").get<double>(), *wilcoxon->rank_biserial);
    EXPECT_EQ(figure.at("mean_pre"), 2.9);
    EXPECT_EQ(figure.at("mean_post"), 3.8);
    // No interval was computed for this change: null, not 0.
    EXPECT_TRUE(figure.at("ci_low").is_null());
    EXPECT_TRUE(figure.at("ci_method").is_null());
}

TEST(ReportJson, AFigureThatCannotBeComputedIsNullWithANote) {
    const auto out = report_to_json(fixture::mobilise_sme());
    const auto figure = indicator(out, "hosting_satisfaction");
    EXPECT_TRUE(figure.at("value").is_null());
    EXPECT_TRUE(figure.at("ci_low").is_null());
    EXPECT_TRUE(figure.at("ci_high").is_null());
    EXPECT_EQ(figure.at("n"), 0);
    EXPECT_EQ(figure.at("note"), "No hosting company has answered yet.");
    EXPECT_EQ(figure.count("numerator"), 0U);  // a mean has no numerator
    EXPECT_EQ(figure.count("test"), 0U);
    EXPECT_EQ(out.dump().find("NaN"), std::string::npos);
}

TEST(ReportJson, NonFiniteNumbersBecomeNull) {
    auto report = fixture::mobilise_sme();
    report.indicators[1].ci_low = std::numeric_limits<double>::quiet_NaN();
    report.indicators[1].ci_high = std::numeric_limits<double>::infinity();
    const auto figure = indicator(report_to_json(report), "sending_matched_needs");
    EXPECT_TRUE(figure.at("ci_low").is_null());
    EXPECT_TRUE(figure.at("ci_high").is_null());
}

TEST(ReportJson, SuppressedGroupsShowOnlyTheirKey) {
    const auto figure = indicator(report_to_json(fixture::mobilise_sme()), "sending_matched_needs");
    const auto& countries = figure.at("breakdowns").at(0);
    EXPECT_EQ(countries.at("by"), "country");
    const auto& groups = countries.at("groups");
    ASSERT_EQ(groups.size(), 3U);
    EXPECT_EQ(members(groups[0]), (std::set<std::string>{"key", "value", "n", "numerator", "denominator", "ci_low",
                                                         "ci_high", "suppressed"}));
    EXPECT_EQ(groups[0].at("key"), "IT");
    EXPECT_EQ(groups[0].at("n"), 30);
    EXPECT_EQ(groups[0].at("suppressed"), false);
    // MT has 3 answers (< k = 5); FR is hidden to protect it.
    EXPECT_EQ(groups[1], (json{{"key", "FR"}, {"suppressed", true}}));
    EXPECT_EQ(groups[2], (json{{"key", "MT"}, {"suppressed", true}}));
}

TEST(ReportCsv, HeaderAndOneRowPerIndicatorAndGroup) {
    const auto text = report_to_csv(fixture::mobilise_sme());
    EXPECT_EQ(text.substr(0, text.find("\r\n")),
              "indicator,group_by,group,value,n,numerator,denominator,ci_low,ci_high,p_value,suppressed");
    const auto parsed = csv::parse_csv(text, 100);
    ASSERT_TRUE(parsed.ok());
    const auto& rows = parsed.table().rows;
    // 4 indicators + 3 countries + 2 sectors.
    ASSERT_EQ(rows.size(), 9U);

    const auto wilson = evaluation::wilson_interval(49, 54);
    ASSERT_TRUE(wilson.ok());
    const auto& share = rows[1].cells;
    EXPECT_EQ(share[0], "sending_matched_needs");
    EXPECT_EQ(share[1], "");
    EXPECT_EQ(share[2], "");
    EXPECT_EQ(std::stod(share[3]), wilson->estimate);  // round-trips exactly
    EXPECT_EQ(share[4], "54");
    EXPECT_EQ(share[5], "49");
    EXPECT_EQ(share[6], "54");
    EXPECT_EQ(std::stod(share[7]), wilson->low);
    EXPECT_EQ(std::stod(share[8]), wilson->high);
    EXPECT_EQ(share[9], "");
    EXPECT_EQ(share[10], "false");

    EXPECT_EQ(rows[2].cells, (std::vector<std::string>{"sending_matched_needs", "country", "IT", rows[2].cells[3], "30",
                                                       "28", "30", rows[2].cells[7], rows[2].cells[8], "", "false"}));
    EXPECT_EQ(rows[3].cells,
              (std::vector<std::string>{"sending_matched_needs", "country", "FR", "", "", "", "", "", "", "", "true"}));
    EXPECT_EQ(rows[5].cells[2], "Food, \"artisan\"");

    const auto& change = rows[7].cells;
    EXPECT_EQ(change[0], "digital_confidence_change");
    const auto wilcoxon = evaluation::wilcoxon_signed_rank(fixture::confidence_differences());
    ASSERT_TRUE(wilcoxon.ok() && wilcoxon->test);
    EXPECT_EQ(std::stod(change[9]), wilcoxon->test->p_value);

    const auto& empty = rows[8].cells;
    EXPECT_EQ(empty, (std::vector<std::string>{"hosting_satisfaction", "", "", "", "0", "", "", "", "", "", "false"}));
}

TEST(ReportCsv, QuotesCommasAndQuotesAsRfc4180Says) {
    const auto text = report_to_csv(fixture::mobilise_sme());
    EXPECT_NE(text.find("\r\nsending_matched_needs,sector,\"Food, \"\"artisan\"\"\",0.88,25,22,25,"),
              std::string::npos);
    EXPECT_NE(text.find("\r\nsending_matched_needs,country,MT,,,,,,,,true\r\n"), std::string::npos);
}

}  // namespace
}  // namespace yardstick::server::reports

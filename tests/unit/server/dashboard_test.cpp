// The dashboard page: labels escaped, one accessible SVG per charted figure
// with its whisker where the interval is, no script, no style attribute (the
// CSP forbids both), notes instead of charts for missing figures, and
// suppressed groups that give nothing away.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "report_fixture.hpp"
#include "server/reports/dashboard_html.hpp"
#include "server/reports/dashboard_script.hpp"
#include "yardstick/evaluation/statistics/cohens_kappa.hpp"
#include "yardstick/evaluation/statistics/net_promoter_score.hpp"

namespace yardstick::server::reports {
namespace {

std::size_t occurrences(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++count;
    }
    return count;
}

std::string section(const std::string& page, const std::string& id) {
    const auto start = page.find("<section class=\"indicator\" id=\"indicator-" + id + "\">");
    if (start == std::string::npos) {
        return {};
    }
    return page.substr(start, page.find("</section>", start) - start);
}

std::string two_decimals(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    return buffer;
}

std::string whole(double fraction) {
    return std::to_string(std::lround(fraction * 100));
}

TEST(Dashboard, IsACompletePageWithTheProgrammesTitle) {
    const auto page = render_dashboard(fixture::mobilise_sme());
    EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0U) << page.substr(0, 40);
    EXPECT_NE(page.find("<title>Impact report — MobiliseSME · Yardstick</title>"), std::string::npos);
    EXPECT_NE(page.find("<h1>Impact report — MobiliseSME</h1>"), std::string::npos);
    EXPECT_NE(page.find("Data version 1234 · generated 2026-11-25T02:30:00Z"), std::string::npos);
    EXPECT_NE(page.find("<link rel=\"stylesheet\" href=\"/assets/form.css?v="), std::string::npos);
}

TEST(Dashboard, ShowsCountsAsKeyFigures) {
    const auto page = render_dashboard(fixture::mobilise_sme());
    EXPECT_NE(page.find("<span class=\"big-number\">400</span>"), std::string::npos);
    EXPECT_NE(page.find("Registered organisations"), std::string::npos);
}

TEST(Dashboard, EscapesLabelsAndHasNoScriptOrStyleAttribute) {
    const auto page = render_dashboard(fixture::mobilise_sme("Needs <script>alert(1)</script> met, \"really\""));
    EXPECT_NE(page.find("Needs &lt;script&gt;alert(1)&lt;/script&gt; met, &quot;really&quot;"), std::string::npos);
    EXPECT_EQ(page.find("<script"), std::string::npos);
    EXPECT_EQ(page.find("style="), std::string::npos);
    EXPECT_EQ(page.find("javascript:"), std::string::npos);
    EXPECT_EQ(page.find("http://"), page.find("http://www.w3.org/2000/svg"));  // only the SVG namespace
    EXPECT_EQ(page.find("https://"), std::string::npos);
}

TEST(Dashboard, TheLivePageLoadsOnlyTheServersOwnScriptAndNamesItsStream) {
    const auto report = fixture::mobilise_sme();
    const auto page = render_dashboard(report, "/api/v1/programmes/pilot/report/stream?lang=en");
    EXPECT_EQ(occurrences(page, "<script"), 1U);
    EXPECT_NE(page.find("<script src=\"" + dashboard_script_url() + "\" defer=\"defer\"></script>"), std::string::npos)
        << page.substr(0, 600);
    EXPECT_NE(page.find("data-stream=\"/api/v1/programmes/pilot/report/stream?lang=en\""), std::string::npos);
    EXPECT_NE(page.find("data-version=\"" + std::to_string(report.data_version) + "\""), std::string::npos);
    EXPECT_NE(page.find("aria-live=\"polite\""), std::string::npos);
    EXPECT_TRUE(dashboard_script_url().starts_with("/assets/dashboard.js?v="));
    EXPECT_NE(dashboard_script().find("new EventSource(stream)"), std::string::npos);
}

TEST(Dashboard, ShareShowsPercentIntervalAndNWithABarAndWhisker) {
    const auto wilson = evaluation::wilson_interval(49, 54);
    ASSERT_TRUE(wilson.ok());
    const auto page = render_dashboard(fixture::mobilise_sme());
    const auto share = section(page, "sending_matched_needs");
    ASSERT_FALSE(share.empty());
    EXPECT_NE(share.find("<span class=\"figure-value\">" + whole(wilson->estimate) + "%</span>"), std::string::npos)
        << share;
    EXPECT_EQ(whole(wilson->estimate), "91");
    EXPECT_NE(share.find("95% CI " + whole(wilson->low) + "–" + whole(wilson->high) + "% · n = 54"), std::string::npos);
    EXPECT_EQ(occurrences(share, "<svg"), 1U);
    EXPECT_NE(share.find("role=\"img\""), std::string::npos);
    EXPECT_NE(share.find("aria-label=\"Sending organisations whose needs were matched: 91%, 95% confidence interval " +
                         whole(wilson->low) + "% to " + whole(wilson->high) + "%, n = 54\""),
              std::string::npos)
        << share;
    EXPECT_NE(share.find("viewbox=\"0 0 100 10\""), std::string::npos);
    // On the 0–100 viewBox the whisker spans the interval in percent.
    EXPECT_NE(share.find("class=\"whisker\" x1=\"" + two_decimals(wilson->low * 100) + "\" x2=\"" +
                         two_decimals(wilson->high * 100) + "\""),
              std::string::npos)
        << share;
    EXPECT_EQ(occurrences(share, "<line "), 3U);  // the whisker and its two caps
    EXPECT_EQ(occurrences(share, "</line>"), 3U);
    EXPECT_NE(share.find("class=\"bar\" x=\"0.00\" y=\"2\" width=\"" + two_decimals(wilson->estimate * 100) + "\""),
              std::string::npos);
    EXPECT_NE(share.find("<p class=\"method\" lang=\"en\">Share answering 4 or 5"), std::string::npos);
}

TEST(Dashboard, OneSvgPerChartedFigureEachAccessible) {
    const auto page = render_dashboard(fixture::mobilise_sme());
    // The share's bar and the paired change's pre/post bars; the count is a
    // big number and the mean without answers has no chart.
    EXPECT_EQ(occurrences(page, "<svg "), 2U);
    EXPECT_EQ(occurrences(page, "role=\"img\""), 2U);
    EXPECT_EQ(occurrences(page, "aria-label=\""), 2U);
}

TEST(Dashboard, PairedChangeShowsPrePostBarsAndTheTest) {
    const auto wilcoxon = evaluation::wilcoxon_signed_rank(fixture::confidence_differences());
    ASSERT_TRUE(wilcoxon.ok() && wilcoxon->test && wilcoxon->rank_biserial);
    const auto change = section(render_dashboard(fixture::mobilise_sme()), "digital_confidence_change");
    ASSERT_FALSE(change.empty());
    EXPECT_EQ(occurrences(change, "<svg"), 1U);
    EXPECT_NE(change.find("aria-label=\"Confidence with digital tools: mean before 2.90, after 3.80 on a scale up to "
                          "5\""),
              std::string::npos)
        << change;
    // 2.9 and 3.8 of 5 are 58% and 76% of the axis.
    EXPECT_NE(change.find("class=\"bar pre\" x=\"0\" y=\"1\" width=\"58.00\""), std::string::npos) << change;
    // Shapes in SVG need their end tag (an HTML parser would nest them otherwise).
    EXPECT_EQ(occurrences(change, "<rect"), occurrences(change, "</rect>"));
    EXPECT_NE(change.find("class=\"bar post\" x=\"0\" y=\"11\" width=\"76.00\""), std::string::npos);
    // The fixture's p is above 0.001, so the "p = …" form is what is checked here.
    ASSERT_GE(wilcoxon->test->p_value, 0.001);
    // p to three decimals without trailing zeros, or "p < 0.001".
    std::string p = "p &lt; 0.001";
    if (wilcoxon->test->p_value >= 0.001) {
        char digits[32];
        std::snprintf(digits, sizeof digits, "%.3f", wilcoxon->test->p_value);
        p = std::string("p = ") + digits;
        while (p.back() == '0') {
            p.pop_back();
        }
    }
    char expected[200];
    std::snprintf(expected, sizeof expected, "Wilcoxon signed-rank V = %g, %s; rank-biserial r = %.2f; 28 pairs",
                  wilcoxon->positive_rank_sum, p.c_str(), *wilcoxon->rank_biserial);
    EXPECT_NE(change.find(expected), std::string::npos) << change << "\nexpected: " << expected;
}

TEST(Dashboard, AMissingFigureShowsItsNoteInsteadOfAChart) {
    const auto empty = section(render_dashboard(fixture::mobilise_sme()), "hosting_satisfaction");
    ASSERT_FALSE(empty.empty());
    EXPECT_NE(empty.find("<p class=\"note\">No hosting company has answered yet.</p>"), std::string::npos);
    EXPECT_EQ(empty.find("<svg"), std::string::npos);
    EXPECT_EQ(empty.find("figure-value"), std::string::npos);
    EXPECT_EQ(empty.find("NaN"), std::string::npos);
}

TEST(Dashboard, BreakdownTableHidesSuppressedGroups) {
    const auto share = section(render_dashboard(fixture::mobilise_sme()), "sending_matched_needs");
    EXPECT_NE(share.find("<caption>By country</caption>"), std::string::npos);
    const auto it = evaluation::wilson_interval(28, 30);
    ASSERT_TRUE(it.ok());
    EXPECT_NE(share.find("<tr><th scope=\"row\">IT</th><td>" + whole(it->estimate) + "%</td><td>95% CI " +
                         whole(it->low) + "–" + whole(it->high) + "%</td><td>30</td></tr>"),
              std::string::npos)
        << share;
    // Exactly this row and nothing else: FR's 21 and MT's 3 answers stay hidden.
    EXPECT_NE(share.find("<tr class=\"suppressed\"><th scope=\"row\">FR</th><td colspan=\"3\">fewer than 5 "
                         "answers</td></tr>"),
              std::string::npos)
        << share;
    EXPECT_NE(share.find("<tr class=\"suppressed\"><th scope=\"row\">MT</th><td colspan=\"3\">fewer than 5 "
                         "answers</td></tr>"),
              std::string::npos);
    EXPECT_EQ(share.find(">21<"), std::string::npos);
    EXPECT_EQ(share.find(">3<"), std::string::npos);
    EXPECT_NE(share.find("Food, &quot;artisan&quot;"), std::string::npos);
}

TEST(Dashboard, NegativeNpsRunsLeftFromTheMiddleOfItsAxis) {
    const auto nps = evaluation::net_promoter_score(10, 5, 15);
    ASSERT_TRUE(nps.ok());
    IndicatorFigure figure;
    figure.id = "recommendation";
    figure.label = "Would recommend";
    figure.kind = domain::IndicatorKind::nps;
    figure.value = nps->score;
    figure.n = nps->respondents;
    figure.ci_low = nps->interval.low;
    figure.ci_high = nps->interval.high;
    figure.ci_method = IntervalMethod::nps;
    figure.ci_level = 0.95;
    auto report = fixture::mobilise_sme();
    report.indicators = {figure};
    const auto page = section(render_dashboard(report), "recommendation");
    EXPECT_NE(page.find("<span class=\"figure-value\">-17</span>"), std::string::npos) << page;
    // The axis runs from −100 to +100: 0 is x = 50, and the bar ends at the score.
    const auto end = (nps->score + 1) / 2 * 100;
    EXPECT_NE(
        page.find("class=\"bar\" x=\"" + two_decimals(end) + "\" y=\"2\" width=\"" + two_decimals(50 - end) + "\""),
        std::string::npos)
        << page;
    EXPECT_NE(page.find("class=\"whisker\" x1=\"" + two_decimals((nps->interval.low + 1) / 2 * 100) + "\" x2=\"" +
                        two_decimals((nps->interval.high + 1) / 2 * 100) + "\""),
              std::string::npos);
}

TEST(Dashboard, DigitalIntensityShowsTheSharesAtBasicLevelAsPercentsAndTheItems) {
    const auto figure = fixture::digital_intensity();
    ASSERT_TRUE(figure.ci_low && figure.ci_high);
    ASSERT_GT(*figure.ci_low, 0.005);  // both bounds print with a "+"
    const auto section_html = section(render_dashboard(fixture::every_kind()), "digital_intensity");
    ASSERT_FALSE(section_html.empty());
    EXPECT_NE(section_html.find("<span class=\"figure-value\">+21 pp</span> 95% CI +" + whole(*figure.ci_low) +
                                " to +" + whole(*figure.ci_high) + " pp · n = 38"),
              std::string::npos)
        << section_html;
    EXPECT_NE(section_html.find("<p class=\"figure-detail\">Share at basic level or above: 58% before → 79% after "
                                "(change +21 pp, 95% CI "),
              std::string::npos)
        << section_html;
    EXPECT_NE(section_html.find("), mean items present 4.1 → 5.3 of 12</p>"), std::string::npos);
    // The bars run on 0–100%: 22 and 30 of 38 SMEs.
    EXPECT_NE(section_html.find("class=\"bar pre\" x=\"0\" y=\"1\" width=\"" + two_decimals(22.0 / 38 * 100) + "\""),
              std::string::npos)
        << section_html;
    EXPECT_NE(section_html.find("class=\"bar post\" x=\"0\" y=\"11\" width=\"" + two_decimals(30.0 / 38 * 100) + "\""),
              std::string::npos);
    EXPECT_NE(section_html.find("aria-label=\"SMEs at basic digital intensity or above: 58% at basic level or above "
                                "before, 79% after\""),
              std::string::npos);
    EXPECT_NE(section_html.find("<p class=\"chart-legend\">At basic level or above: before 58%, after 79%</p>"),
              std::string::npos);
    EXPECT_NE(section_html.find("<p class=\"test\">McNemar χ² = "), std::string::npos);
    EXPECT_NE(section_html.find("; 38 pairs</p>"), std::string::npos);
    EXPECT_EQ(section_html.find("scale up to"), std::string::npos);  // percent, not a 0–1 scale
}

TEST(Dashboard, SkillsGapShowsItsRoundsAndTablesOfAreasAndTargetGroupsByRound) {
    const auto gap = section(render_dashboard(fixture::every_kind()), "skills_gap");
    ASSERT_FALSE(gap.empty());
    EXPECT_NE(gap.find("<span class=\"figure-value\">0.95</span> mean gap in 2026 · n = 40</p>"), std::string::npos)
        << gap;
    EXPECT_NE(gap.find("<p class=\"figure-detail\">Mean gap 1.45 in 2025 → 0.95 in 2026 (change -0.50)</p>"),
              std::string::npos);
    // First and latest rounds on 0–5: 1.45 and 0.95 are 29% and 19% of the axis.
    EXPECT_NE(gap.find("class=\"bar pre\" x=\"0\" y=\"1\" width=\"29.00\""), std::string::npos) << gap;
    EXPECT_NE(gap.find("class=\"bar post\" x=\"0\" y=\"11\" width=\"19.00\""), std::string::npos);
    EXPECT_NE(gap.find("<p class=\"chart-legend\">2025: 1.45, 2026: 0.95 (scale up to 5)</p>"), std::string::npos);

    EXPECT_NE(gap.find("<table class=\"breakdown rounds\"><caption>By competence area and round</caption><thead><tr>"
                       "<th scope=\"col\">Competence area</th><th scope=\"col\">2025</th><th scope=\"col\">2026</th>"
                       "</tr></thead>"),
              std::string::npos)
        << gap;
    EXPECT_NE(gap.find("<tr><th scope=\"row\">Big Data</th><td>1.60 (n = 20)</td><td>1.10 (n = 20)</td></tr>"),
              std::string::npos);
    // IoT's 2026 has 3 respondents; its 2025 (18) is hidden too, so that the total does not give 2026 away.
    EXPECT_NE(gap.find("<tr class=\"suppressed\"><th scope=\"row\">Internet of Things</th><td>fewer than 5 answers</td>"
                       "<td>fewer than 5 answers</td></tr>"),
              std::string::npos)
        << gap;
    EXPECT_EQ(gap.find("1.30"), std::string::npos);  // IoT in 2025
    EXPECT_EQ(gap.find("0.70"), std::string::npos);  // and in 2026
    EXPECT_EQ(gap.find("n = 3)"), std::string::npos);

    EXPECT_NE(gap.find("<caption>By target group and round</caption>"), std::string::npos);
    EXPECT_NE(gap.find("<th scope=\"col\">Target group</th>"), std::string::npos);
    EXPECT_NE(gap.find("<tr><th scope=\"row\">staff</th><td>1.40 (n = 18)</td><td>0.90 (n = 19)</td></tr>"),
              std::string::npos);
}

TEST(Dashboard, AgreementShowsKappaAndHowManyExchangesAgree) {
    const auto kappa = evaluation::cohens_kappa(fixture::agreement_table());
    ASSERT_TRUE(kappa.ok() && kappa->kappa);
    const auto agreement = section(render_dashboard(fixture::every_kind()), "matched_needs_agreement");
    ASSERT_FALSE(agreement.empty());
    EXPECT_NE(
        agreement.find("<span class=\"figure-value\">" + two_decimals(*kappa->kappa) + "</span> Cohen&#39;s kappa</p>"),
        std::string::npos)
        << agreement;
    EXPECT_NE(agreement.find("<p class=\"figure-detail\">41 of 50 exchanges agree (82%)</p>"), std::string::npos);
    EXPECT_EQ(agreement.find("<svg"), std::string::npos);
}

TEST(Dashboard, ResponseRateBreaksDownByRespondentInPercent) {
    const auto rate = section(render_dashboard(fixture::every_kind()), "response_rate");
    ASSERT_FALSE(rate.empty());
    const auto overall = evaluation::wilson_interval(70, 95);
    const auto sending = evaluation::wilson_interval(40, 50);
    ASSERT_TRUE(overall.ok() && sending.ok());
    EXPECT_NE(rate.find("<span class=\"figure-value\">" + whole(overall->estimate) + "%</span>"), std::string::npos)
        << rate;
    EXPECT_NE(rate.find("<caption>By respondent</caption>"), std::string::npos);
    EXPECT_NE(rate.find("<tr><th scope=\"row\">sending</th><td>80%</td><td>95% CI " + whole(sending->low) + "–" +
                        whole(sending->high) + "%</td><td>50</td></tr>"),
              std::string::npos)
        << rate;
}

}  // namespace
}  // namespace yardstick::server::reports

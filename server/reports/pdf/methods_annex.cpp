#include "server/reports/pdf/methods_annex.hpp"

#include <array>
#include <string>
#include <utility>

namespace yardstick::server::reports::pdf {

void methods_annex(PageFlow& flow, const Typesetter& typesetter, const Report& report) {
    flow.new_page();
    flow.place(paragraph(typesetter, "Methods", kPageHeading, 14));
    flow.place(paragraph(typesetter, "Indicators", kSubheading, 6));
    for (const auto& figure : report.indicators) {
        if (!figure.method.empty()) {
            flow.keep_together(blocks(paragraph(typesetter, figure.label, kBodyBold, 2),
                                      paragraph(typesetter, figure.method, kBody, 8)));
        }
    }
    const auto k = std::to_string(report.suppression_threshold);
    const std::array<std::pair<std::string, std::string>, 5> explanations = {{
        {"Confidence intervals",
         "Intervals are 95% confidence intervals unless another level is shown. Shares and rates carry the Wilson "
         "score interval (Wilson 1927), which stays within 0–100% and keeps its coverage with few answers or shares "
         "near 0% or 100%. Means and mean changes carry Student's t interval. A change in a yes/no share among the "
         "same respondents carries Newcombe's interval for paired proportions (Newcombe 1998, method 10). The net "
         "promoter score (promoters minus detractors, from −100 to +100) carries the Wald interval of a difference "
         "of two shares of the same answers (Rocks 2016)."},
        {"Before and after",
         "Changes compare the same respondents before and after taking part. Answers on an ordered scale are "
         "compared with the Wilcoxon signed-rank test (V is the sum of the ranks of the increases; the effect size is "
         "the matched-pairs rank-biserial correlation r, from −1 to 1). Yes/no answers are compared with McNemar's "
         "test, which uses only the respondents whose answer changed (χ² with one degree of freedom, with continuity "
         "correction). Numeric answers are compared with the paired t-test (t; the effect size is Cohen's d_z, the "
         "mean change divided by the standard deviation of the changes). p-values are two-sided; values below "
         "0.001 are shown as p < 0.001. Changes in a share are in percentage points (pp)."},
        {"Digital intensity and skills gaps",
         "Digital intensity counts, per SME, the Digital Intensity Index items present; an SME with at least 4 of "
         "the 12 is at basic level. The figure is the change in the share of SMEs at basic level or above between "
         "before and after, for the same SMEs (McNemar's test, Newcombe's interval); the mean number of items "
         "present goes with it. A skills gap is the required level minus the current level (levels 0 to 5), "
         "averaged over a competence area's items; the figure is the latest round's mean gap, shown with the first "
         "round's and by competence area and target group per round; the change between rounds carries no test or "
         "interval."},
        {"Agreement",
         "Where both parties of an exchange answer the same question, agreement is Cohen's kappa (Cohen 1960): the "
         "share of exchanges whose parties agree, corrected for the agreement chance alone would give. It runs from "
         "−1 to 1; 0 is no better than chance and 1 is full agreement. The number of exchanges that agree is shown "
         "with it."},
        {"Disclosure control",
         "No figure is shown for a group with fewer than " + k +
             " answers: its row says \"suppressed\" and gives no value, interval or count. When only one group of a "
             "breakdown would be suppressed, the smallest other group is suppressed too, so that the hidden group "
             "cannot be worked out from the overall figure and the groups shown (complementary suppression, "
             "Hundepool et al. 2012)."},
    }};
    for (const auto& [heading, text] : explanations) {
        flow.keep_together(
            blocks(paragraph(typesetter, heading, kSubheading, 4), paragraph(typesetter, text, kBody, 12)));
    }
}

}  // namespace yardstick::server::reports::pdf

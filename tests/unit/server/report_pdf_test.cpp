// The impact report as PDF, read back with poppler's pdfinfo and pdftotext
// (Debian's poppler-utils, installed by ops/test): a real A4 document with
// its metadata, the fixture's figures in its text as the dashboard prints
// them, nothing of a suppressed group, the note of a missing figure, labels
// as written, every word inside the margins, and the same bytes from
// several threads at once.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "report_fixture.hpp"
#include "server/reports/report_pdf.hpp"
#include "yardstick/evaluation/statistics/cohens_kappa.hpp"

namespace yardstick::server::reports {
namespace {

/// The PDF in a temporary file, for poppler's tools; removed with the object.
class PdfFile {
public:
    explicit PdfFile(const std::string& bytes) : path_(testing::TempDir() + "report-pdf-XXXXXX") {
        const int descriptor = mkstemp(path_.data());
        EXPECT_GE(descriptor, 0) << "cannot create " << path_;
        if (descriptor >= 0) {
            close(descriptor);
        }
        std::ofstream(path_, std::ios::binary) << bytes;
    }
    PdfFile(const PdfFile&) = delete;
    PdfFile& operator=(const PdfFile&) = delete;
    ~PdfFile() { std::remove(path_.c_str()); }

    [[nodiscard]] const std::string& path() const { return path_; }

private:
    std::string path_;
};

struct PipeClose {
    void operator()(FILE* pipe) const noexcept { pclose(pipe); }
};

/// What a poppler tool prints for the PDF (`output_file`: "-" for the tools
/// that take one, stdout); a missing tool fails the test.
std::string poppler(const std::string& tool_and_options, const std::string& pdf, const std::string& output_file = "-") {
    const PdfFile file(pdf);
    const auto command = tool_and_options + " '" + file.path() + "' " + output_file + " 2>&1";
    std::unique_ptr<FILE, PipeClose> pipe(popen(command.c_str(), "r"));
    EXPECT_TRUE(pipe) << command;
    std::string output;
    std::array<char, 4096> buffer{};
    while (pipe && std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe.get()) != nullptr) {
        output += buffer.data();
    }
    const int status = pipe ? pclose(pipe.release()) : -1;
    EXPECT_EQ(status, 0) << command << " failed (is poppler-utils installed?):\n" << output;
    return output;
}

std::string text_of(const std::string& pdf) {
    return poppler("pdftotext -layout -enc UTF-8", pdf);
}

std::string info_of(const std::string& pdf) {
    return poppler("pdfinfo", pdf, "");
}

int page_count(const std::string& pdf) {
    std::smatch match;
    const auto info = info_of(pdf);
    EXPECT_TRUE(std::regex_search(info, match, std::regex(R"(Pages:\s+(\d+))"))) << info;
    return match.empty() ? 0 : std::stoi(match[1].str());
}

// Runs of spaces as one: pdftotext -layout pads columns with spaces.
std::string squeezed(const std::string& line) {
    std::string out;
    for (const char c : line) {
        if (c != ' ' || (!out.empty() && out.back() != ' ')) {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

/// The text as one line, spaces squeezed: a sentence the PDF wraps reads whole again.
std::string flowing(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    return squeezed(text);
}

/// The text's lines that start with `first_word`, spaces squeezed.
std::vector<std::string> lines_starting(const std::string& text, const std::string& first_word) {
    std::vector<std::string> found;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        line = squeezed(line);
        if (line.rfind(first_word + " ", 0) == 0) {
            found.push_back(line);
        }
    }
    return found;
}

std::string whole(double fraction) {
    return std::to_string(std::lround(fraction * 100));
}

IndicatorFigure another_share(int number) {
    auto figure = fixture::sending_matched_needs("Hosting companies satisfied with topic " + std::to_string(number));
    figure.id = "topic_" + std::to_string(number);
    return figure;
}

TEST(ReportPdf, IsAPdfDocument) {
    const auto pdf = render_report_pdf(fixture::mobilise_sme());
    EXPECT_EQ(pdf.rfind("%PDF-", 0), 0U) << pdf.substr(0, 16);
    const auto end = pdf.find_last_not_of("\r\n");
    ASSERT_NE(end, std::string::npos);
    EXPECT_TRUE(pdf.substr(0, end + 1).ends_with("%%EOF")) << pdf.substr(pdf.size() - 16);
    // The sample docs/images/report-page.png is made from (docs/images/README.md);
    // the browser ring leaves its screenshots in the same place.
    if (const char* output = std::getenv("YARDSTICK_TEST_OUTPUT")) {
        std::ofstream(std::string(output) + "/report-sample.pdf", std::ios::binary) << pdf;
    }
}

TEST(ReportPdf, HasItsTitleCreatorAndA4Pages) {
    const auto info = info_of(render_report_pdf(fixture::mobilise_sme()));
    EXPECT_TRUE(std::regex_search(info, std::regex("(^|\n)Title: +Impact report — MobiliseSME\n"))) << info;
    EXPECT_TRUE(std::regex_search(info, std::regex("(^|\n)Creator: +Yardstick\n"))) << info;
    EXPECT_TRUE(std::regex_search(info, std::regex("(^|\n)Page size: +595 x 842 pts \\(A4\\)"))) << info;
}

TEST(ReportPdf, HasAtLeastTitleKeyFiguresAndMethodsPagesAndGrowsWithItsIndicators) {
    auto report = fixture::mobilise_sme();
    const int pages = page_count(render_report_pdf(report));
    EXPECT_GE(pages, 3);
    for (int number = 1; number <= 10; ++number) {
        report.indicators.push_back(another_share(number));
    }
    EXPECT_GT(page_count(render_report_pdf(report)), pages);
}

TEST(ReportPdf, TitlePageNamesTheProgrammeAndTheDataVersion) {
    const auto text = text_of(render_report_pdf(fixture::mobilise_sme()));
    const auto title_page = text.substr(0, text.find('\f'));
    EXPECT_NE(title_page.find("MobiliseSME"), std::string::npos) << title_page;
    EXPECT_NE(title_page.find("Impact report"), std::string::npos);
    EXPECT_NE(title_page.find("Data version 1234"), std::string::npos);
    EXPECT_NE(title_page.find("Generated at 2026-11-25T02:30:00Z"), std::string::npos);
    EXPECT_NE(title_page.find("groups with fewer than 5 answers are not shown"), std::string::npos);
    EXPECT_EQ(title_page.find("Page 1"), std::string::npos);  // no footer on the cover
    EXPECT_NE(text.find("Page 2"), std::string::npos);
}

TEST(ReportPdf, ShowsEveryIndicatorWithTheDashboardsFigures) {
    const auto text = text_of(render_report_pdf(fixture::mobilise_sme()));
    for (const auto& figure : fixture::mobilise_sme().indicators) {
        EXPECT_NE(text.find(figure.label), std::string::npos) << figure.label;
    }
    const auto share = evaluation::wilson_interval(49, 54);
    ASSERT_TRUE(share.ok());
    ASSERT_EQ(whole(share->estimate), "91");
    EXPECT_NE(text.find("91%"), std::string::npos) << text;
    EXPECT_NE(text.find("95% CI " + whole(share->low) + "–" + whole(share->high) + "% · n = 54"), std::string::npos)
        << text;
    EXPECT_NE(text.find("400"), std::string::npos);  // the count, as a key figure
    EXPECT_NE(text.find("+0.90"), std::string::npos);
    EXPECT_NE(text.find("Wilcoxon signed-rank V = "), std::string::npos);
    EXPECT_NE(text.find("; 28 pairs"), std::string::npos);
    EXPECT_NE(text.find("Methods"), std::string::npos);
    EXPECT_NE(text.find("Share answering 4 or 5 on a 1–5 scale; Wilson score interval."), std::string::npos);
}

TEST(ReportPdf, BreakdownShowsItsGroupsAsTheDashboardDoes) {
    const auto text = text_of(render_report_pdf(fixture::mobilise_sme()));
    const auto it = evaluation::wilson_interval(28, 30);
    ASSERT_TRUE(it.ok());
    EXPECT_EQ(lines_starting(text, "IT"), std::vector<std::string>{"IT " + whole(it->estimate) + "% 95% CI " +
                                                                   whole(it->low) + "–" + whole(it->high) + "% 30"})
        << text;
    EXPECT_NE(text.find("By country"), std::string::npos);
    EXPECT_NE(text.find("Food, \"artisan\""), std::string::npos);
}

TEST(ReportPdf, SuppressedGroupsShowNoFigures) {
    const auto text = text_of(render_report_pdf(fixture::mobilise_sme()));
    // MT has 3 answers (< k = 5); FR (18 of 21) is hidden to protect it.
    EXPECT_EQ(lines_starting(text, "MT"), std::vector<std::string>{"MT suppressed (fewer than 5)"}) << text;
    EXPECT_EQ(lines_starting(text, "FR"), std::vector<std::string>{"FR suppressed (fewer than 5)"}) << text;
    const auto france = evaluation::wilson_interval(18, 21);
    ASSERT_TRUE(france.ok());
    EXPECT_EQ(text.find(whole(france->estimate) + "%"), std::string::npos);
    EXPECT_EQ(text.find(whole(france->low) + "–" + whole(france->high) + "%"), std::string::npos);
}

TEST(ReportPdf, AFigureWithoutAValuePrintsItsNote) {
    const auto text = text_of(render_report_pdf(fixture::mobilise_sme()));
    EXPECT_NE(text.find("Hosting companies' satisfaction"), std::string::npos);
    EXPECT_NE(text.find("No hosting company has answered yet."), std::string::npos) << text;
    EXPECT_FALSE(std::regex_search(text, std::regex(R"(\b(nan|inf)\b)")));
}

TEST(ReportPdf, LabelsPrintAsWritten) {
    const std::string label = "Besoins d'accueil & <formation> : élève, Müller";
    auto report = fixture::mobilise_sme(label);
    report.programme_name = "Mobilité <PME> & Co";
    const auto text = text_of(render_report_pdf(report));
    EXPECT_NE(text.find(label), std::string::npos) << text;
    EXPECT_NE(text.find("Mobilité <PME> & Co"), std::string::npos);
    EXPECT_EQ(text.find("&amp;"), std::string::npos);
    EXPECT_EQ(text.find("&lt;"), std::string::npos);
}

TEST(ReportPdf, BytesThatAreNotUtf8DoNotStopTheReport) {
    auto report = fixture::mobilise_sme("Needs \xff\xfe matched");
    const auto text = text_of(render_report_pdf(report));
    EXPECT_NE(text.find("Needs \uFFFD\uFFFD matched"), std::string::npos) << text;
}

// Long labels wrap instead of running off the page: pdftotext -bbox gives
// every word's box, which must lie within the side margins (56 pt) and above
// the bottom of the page.
TEST(ReportPdf, EveryWordStaysWithinThePage) {
    std::string long_label = "Share of hosting companies that";
    for (int word = 0; word < 40; ++word) {
        long_label += " would-host-again-" + std::to_string(word);
    }
    const auto boxes = poppler("pdftotext -bbox", render_report_pdf(fixture::mobilise_sme(long_label)));
    const std::regex word_box(
        R"re(<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
    int words = 0;
    for (std::sregex_iterator match(boxes.begin(), boxes.end(), word_box), end; match != end; ++match) {
        ++words;
        const auto& found = *match;
        EXPECT_GE(std::stod(found[1].str()), 56.0 - 0.5) << found[4].str();
        EXPECT_LE(std::stod(found[2].str()), 595.0 - 56.0 + 0.5) << found[4].str();
        EXPECT_LE(std::stod(found[3].str()), 842.0 - 20.0) << found[4].str();
    }
    EXPECT_GT(words, 100);
    EXPECT_NE(boxes.find("would-host-again-39"), std::string::npos);
}

TEST(ReportPdf, SeveralThreadsAtOnceGetTheSameBytes) {
    const auto report = fixture::mobilise_sme();
    const auto expected = render_report_pdf(report);
    std::vector<std::string> rendered(4);
    {
        std::vector<std::jthread> threads;
        threads.reserve(rendered.size());
        for (auto& pdf : rendered) {
            threads.emplace_back([&report, &pdf] {
                for (int round = 0; round < 3; ++round) {
                    pdf = render_report_pdf(report);
                }
            });
        }
    }
    for (const auto& pdf : rendered) {
        EXPECT_TRUE(pdf == expected);
    }
}

TEST(ReportPdf, DigitalIntensityShowsTheSharesAtBasicLevelAsPercentsAndTheItems) {
    const auto text = text_of(render_report_pdf(fixture::every_kind()));
    const auto flowing_text = flowing(text);
    EXPECT_NE(text.find("SMEs at basic digital intensity or above"), std::string::npos) << text;
    EXPECT_NE(text.find("+21 pp"), std::string::npos);
    EXPECT_NE(flowing_text.find("Share at basic level or above: 58% before → 79% after (change +21 pp, 95% CI"),
              std::string::npos)
        << text;
    EXPECT_NE(flowing_text.find("mean items present 4.1 → 5.3 of 12"), std::string::npos) << text;
    // The before/after bars are on 0–100%, with the legend in percent.
    EXPECT_NE(flowing_text.find("At basic level or above: before 58%, after 79%"), std::string::npos) << text;
    EXPECT_NE(text.find("McNemar χ² = "), std::string::npos);
    EXPECT_NE(text.find("; 38 pairs"), std::string::npos);
}

TEST(ReportPdf, SkillsGapShowsItsRoundsAndTablesOfAreasAndTargetGroupsByRound) {
    const auto text = text_of(render_report_pdf(fixture::every_kind()));
    EXPECT_NE(flowing(text).find("Mean gap 1.45 in 2025 → 0.95 in 2026 (change -0.50)"), std::string::npos) << text;
    EXPECT_NE(flowing(text).find("mean gap in 2026 · n = 40"), std::string::npos);
    EXPECT_NE(text.find("By competence area and round"), std::string::npos);
    EXPECT_NE(text.find("By target group and round"), std::string::npos);
    EXPECT_EQ(lines_starting(text, "Competence"), std::vector<std::string>{"Competence area 2025 2026"}) << text;
    EXPECT_EQ(lines_starting(text, "Big"), std::vector<std::string>{"Big Data 1.60 (n = 20) 1.10 (n = 20)"}) << text;
    // IoT's 2026 has 3 respondents (< k); its 2025 is hidden too.
    EXPECT_EQ(lines_starting(text, "Internet"),
              std::vector<std::string>{"Internet of Things suppressed (fewer than 5) suppressed (fewer than 5)"})
        << text;
    EXPECT_EQ(lines_starting(text, "staff"), std::vector<std::string>{"staff 1.40 (n = 18) 0.90 (n = 19)"}) << text;
    EXPECT_EQ(text.find("1.30"), std::string::npos);  // IoT in 2025
    EXPECT_EQ(text.find("0.70"), std::string::npos);  // and in 2026
}

TEST(ReportPdf, AgreementShowsKappaAndHowManyExchangesAgree) {
    const auto kappa = evaluation::cohens_kappa(fixture::agreement_table());
    ASSERT_TRUE(kappa.ok() && kappa->kappa);
    std::array<char, 16> value{};
    std::snprintf(value.data(), value.size(), "%.2f", *kappa->kappa);
    const auto text = flowing(text_of(render_report_pdf(fixture::every_kind())));
    EXPECT_NE(text.find(std::string(value.data()) + " Cohen's kappa"), std::string::npos) << text;
    EXPECT_NE(text.find("41 of 50 exchanges agree (82%)"), std::string::npos) << text;
}

TEST(ReportPdf, ResponseRateBreaksDownByRespondentInPercent) {
    const auto text = text_of(render_report_pdf(fixture::every_kind()));
    const auto sending = evaluation::wilson_interval(40, 50);
    ASSERT_TRUE(sending.ok());
    EXPECT_NE(text.find("By respondent"), std::string::npos) << text;
    EXPECT_EQ(lines_starting(text, "sending"), std::vector<std::string>{"sending 80% 95% CI " + whole(sending->low) +
                                                                        "–" + whole(sending->high) + "% 50"})
        << text;
}

TEST(ReportPdf, EveryKindStaysWithinThePageAndPrintsNoNaN) {
    const auto pdf = render_report_pdf(fixture::every_kind());
    EXPECT_FALSE(std::regex_search(text_of(pdf), std::regex(R"(\b(nan|inf)\b)")));
    const auto boxes = poppler("pdftotext -bbox", pdf);
    const std::regex word_box(
        R"re(<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>)re");
    for (std::sregex_iterator match(boxes.begin(), boxes.end(), word_box), end; match != end; ++match) {
        EXPECT_GE(std::stod((*match)[1].str()), 56.0 - 0.5) << (*match)[3].str();
        EXPECT_LE(std::stod((*match)[2].str()), 595.0 - 56.0 + 0.5) << (*match)[3].str();
    }
}

}  // namespace
}  // namespace yardstick::server::reports

#include "server/csv/csv_table.hpp"

#include <array>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace yardstick::server::csv {
namespace {

using Cells = std::vector<std::string>;

constexpr std::size_t kManyRows = 1000;

CsvTable parsed(std::string_view text, std::size_t max_rows = kManyRows) {
    auto result = parse_csv(text, max_rows);
    if (!result.ok()) {
        std::string problems;
        for (const auto& p : result.rejection().problems) {
            problems += "row " + std::to_string(p.row) + " [" + p.field + "] " + p.message + "\n";
        }
        ADD_FAILURE() << "unexpected rejection:\n" << problems;
        return {};
    }
    return std::move(result).table();
}

std::vector<CsvProblem> problems_of(std::string_view text, std::size_t max_rows = kManyRows) {
    const auto result = parse_csv(text, max_rows);
    if (result.ok()) {
        ADD_FAILURE() << "expected a rejection";
        return {};
    }
    EXPECT_FALSE(result.rejection().problems.empty());
    return result.rejection().problems;
}

TEST(CsvTable, PlainFile) {
    const auto table = parsed("email,name\na@example.org,Ann\nb@example.org,Bob\n");
    EXPECT_EQ(table.header, (Cells{"email", "name"}));
    ASSERT_EQ(table.rows.size(), 2u);
    EXPECT_EQ(table.rows[0].row, 2);
    EXPECT_EQ(table.rows[0].cells, (Cells{"a@example.org", "Ann"}));
    EXPECT_EQ(table.rows[1].row, 3);
    EXPECT_EQ(table.rows[1].cells, (Cells{"b@example.org", "Bob"}));
}

TEST(CsvTable, FinalNewlineIsOptional) {
    const auto table = parsed("a,b\n1,2");
    ASSERT_EQ(table.rows.size(), 1u);
    EXPECT_EQ(table.rows[0].cells, (Cells{"1", "2"}));
}

TEST(CsvTable, QuotedFieldsWithCommasAndDoubledQuotes) {
    const auto table = parsed("name,comment\n\"Smith, Ann\",\"she said \"\"hi\"\"\"\n\"\",\"\"\"\"\n");
    ASSERT_EQ(table.rows.size(), 2u);
    EXPECT_EQ(table.rows[0].cells, (Cells{"Smith, Ann", "she said \"hi\""}));
    EXPECT_EQ(table.rows[1].cells, (Cells{"", "\""}));
}

TEST(CsvTable, QuoteInsideAnUnquotedFieldIsLiteral) {
    const auto table = parsed("item\n5\" screen\n");
    ASSERT_EQ(table.rows.size(), 1u);
    EXPECT_EQ(table.rows[0].cells, (Cells{"5\" screen"}));
}

TEST(CsvTable, EmbeddedNewlineStaysInOneRow) {
    const auto table = parsed("name,address\nAnn,\"1 Main St\nSpringfield\"\nBob,\"a\r\nb\"\nCid,x\n");
    ASSERT_EQ(table.rows.size(), 3u);
    EXPECT_EQ(table.rows[0].cells[1], "1 Main St\nSpringfield");
    EXPECT_EQ(table.rows[1].cells[1], "a\r\nb");
    // Rows as a spreadsheet numbers them: a quoted line break is no new row.
    EXPECT_EQ(table.rows[0].row, 2);
    EXPECT_EQ(table.rows[1].row, 3);
    EXPECT_EQ(table.rows[2].row, 4);
}

TEST(CsvTable, CrlfAndCrLineEnds) {
    const auto crlf = parsed("a,b\r\n1,2\r\n3,4\r\n");
    ASSERT_EQ(crlf.rows.size(), 2u);
    EXPECT_EQ(crlf.header, (Cells{"a", "b"}));
    EXPECT_EQ(crlf.rows[1].cells, (Cells{"3", "4"}));

    const auto cr = parsed("a,b\r1,2\r");
    ASSERT_EQ(cr.rows.size(), 1u);
    EXPECT_EQ(cr.rows[0].cells, (Cells{"1", "2"}));
}

TEST(CsvTable, ByteOrderMarkIsDroppedAndUtf8Kept) {
    const auto table = parsed(
        "\xEF\xBB\xBF"
        "name,city\nZoë,Zürich\n");
    EXPECT_EQ(table.header, (Cells{"name", "city"}));
    ASSERT_EQ(table.rows.size(), 1u);
    EXPECT_EQ(table.rows[0].cells, (Cells{"Zoë", "Zürich"}));
}

TEST(CsvTable, HeaderNamesAreTrimmedButCellsAreNot) {
    const auto table = parsed(" email \t, name\n a , b \n");
    EXPECT_EQ(table.header, (Cells{"email", "name"}));
    ASSERT_EQ(table.rows.size(), 1u);
    EXPECT_EQ(table.rows[0].cells, (Cells{" a ", " b "}));
}

TEST(CsvTable, EmptyRecordsAtTheEndAreIgnored) {
    const auto table = parsed("a,b\n1,2\n\n\r\n,\n\n");
    ASSERT_EQ(table.rows.size(), 1u);
    EXPECT_EQ(table.rows[0].cells, (Cells{"1", "2"}));

    const auto header_only = parsed("a,b\n\n\n");
    EXPECT_EQ(header_only.header, (Cells{"a", "b"}));
    EXPECT_TRUE(header_only.rows.empty());
}

TEST(CsvTable, EmptyRecordsInTheMiddleAreRows) {
    const auto table = parsed("a,b\n1,2\n,\n3,4\n");
    ASSERT_EQ(table.rows.size(), 3u);
    EXPECT_EQ(table.rows[1].row, 3);
    EXPECT_EQ(table.rows[1].cells, (Cells{"", ""}));
    EXPECT_EQ(table.rows[2].row, 4);

    // A blank line has one field, so with two columns it is a ragged row.
    EXPECT_EQ(problems_of("a,b\n1,2\n\n3,4\n"),
              (std::vector<CsvProblem>{{3, "", "is blank; the header has 2 columns"}}));
    // With one column it is an empty value.
    const auto single = parsed("a\n1\n\n3\n");
    ASSERT_EQ(single.rows.size(), 3u);
    EXPECT_EQ(single.rows[1].cells, (Cells{""}));
}

TEST(CsvTable, RaggedRowsAreAllReportedWithTheirRowNumbers) {
    EXPECT_EQ(problems_of("a,b,c\n1,2,3\n1,2\n\"x\ny\",2,3\n1,2,3,4\n"),
              (std::vector<CsvProblem>{
                  {3, "", "has 2 fields; the header has 3 columns"},
                  {5, "", "has 4 fields; the header has 3 columns"},
              }));
}

TEST(CsvTable, UnterminatedQuoteNamesTheRowWhereTheFieldStarted) {
    EXPECT_EQ(problems_of("name,comment\nAnn,ok\nBob,\"never closed\nCid,more\nDan,x\n"),
              (std::vector<CsvProblem>{{3, "comment", "has a quoted field that is never closed"}}));
    EXPECT_EQ(problems_of("\"name"),
              (std::vector<CsvProblem>{{1, "header", "has a quoted field that is never closed"}}));
}

TEST(CsvTable, TextAfterAClosingQuoteIsAnError) {
    const auto problems = problems_of("name,comment\nAnn,\"a\"b\n");
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].row, 2);
    EXPECT_EQ(problems[0].field, "comment");
}

TEST(CsvTable, HeaderProblems) {
    EXPECT_EQ(problems_of("email,name,email\n1,2,3\n"),
              (std::vector<CsvProblem>{{1, "email", "appears more than once in the header"}}));
    EXPECT_EQ(problems_of("email,,name, \n1,2,3,4\n"), (std::vector<CsvProblem>{
                                                           {1, "header", "column 2 has no name"},
                                                           {1, "header", "column 4 has no name"},
                                                       }));
    // Trimming happens before the duplicate check.
    EXPECT_EQ(problems_of("email, email\n"),
              (std::vector<CsvProblem>{{1, "email", "appears more than once in the header"}}));
}

TEST(CsvTable, EmptyFileIsRefused) {
    for (std::string_view text : {std::string_view(""), std::string_view("\xEF\xBB\xBF")}) {
        const auto problems = problems_of(text);
        ASSERT_EQ(problems.size(), 1u);
        EXPECT_EQ(problems[0].row, 1);
        EXPECT_EQ(problems[0].field, "header");
    }
}

TEST(CsvTable, InvalidUtf8IsReportedWithRowAndColumn) {
    // Latin-1 'é', an overlong '/', a surrogate, a truncated sequence.
    EXPECT_EQ(problems_of("name,city\nAnn,Z\xE9rich\nBob,\xC0\xAF\nCid,\xED\xA0\x80\nDan,ok\xE2\x82\n"),
              (std::vector<CsvProblem>{
                  {2, "city", "is not valid UTF-8 text"},
                  {3, "city", "is not valid UTF-8 text"},
                  {4, "city", "is not valid UTF-8 text"},
                  {5, "city", "is not valid UTF-8 text"},
              }));
    EXPECT_EQ(problems_of("na\xFFme\nx\n"),
              (std::vector<CsvProblem>{{1, "header", "column 1 is not valid UTF-8 text"}}));
    // Four-byte sequences are fine.
    EXPECT_EQ(parsed("emoji\n\xF0\x9F\x98\x80\n").rows[0].cells[0], "\xF0\x9F\x98\x80");
}

TEST(CsvTable, MoreThanMaxRowsIsResourceExhausted) {
    EXPECT_EQ(parsed("a\n1\n2\n3\n", 3).rows.size(), 3u);
    // Trailing empty records do not count against the limit.
    EXPECT_EQ(parsed("a,b\n1,2\n3,4\n\n,\n", 2).rows.size(), 2u);

    const auto result = parse_csv("a\n1\n2\n3\n4\n5\n", 3);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.rejection().code, ErrorCode::resource_exhausted);
    ASSERT_EQ(result.rejection().problems.size(), 1u);
    EXPECT_EQ(result.rejection().problems[0].row, 5);  // the fourth data record

    EXPECT_EQ(parse_csv("a\n1\n", 0).rejection().code, ErrorCode::resource_exhausted);
}

TEST(CsvTable, ProblemsAreCapped) {
    std::string text = "a,b\n";
    for (int i = 0; i < 500; ++i) {
        text += "1\n";
    }
    const auto problems = problems_of(text);
    EXPECT_EQ(problems.size(), 101u);
    EXPECT_EQ(problems.back().field, "");
    EXPECT_NE(problems.back().message.find("first 100"), std::string::npos);
}

TEST(CsvTable, CheckColumnsReportsUnknownAndMissingColumns) {
    constexpr std::array<std::string_view, 2> kRequired{"email", "name"};
    constexpr std::array<std::string_view, 1> kOptional{"phone"};

    EXPECT_TRUE(check_columns(parsed("name,email\n"), kRequired, kOptional).empty());
    EXPECT_TRUE(check_columns(parsed("phone,name,email\n"), kRequired, kOptional).empty());

    const auto problems = check_columns(parsed("Email,name,fax\n"), kRequired, kOptional);
    ASSERT_EQ(problems.size(), 3u);
    EXPECT_EQ(problems[0].row, 1);
    EXPECT_EQ(problems[0].field, "Email");
    EXPECT_EQ(problems[0].message, "is not a column this import knows; the columns are: email, name, phone");
    EXPECT_EQ(problems[1].field, "fax");
    EXPECT_EQ(problems[2], (CsvProblem{1, "email", "is a required column and is missing"}));
}

}  // namespace
}  // namespace yardstick::server::csv

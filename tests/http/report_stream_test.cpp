// The live report (issue 9): GET …/report/stream sends the report at once
// and again, as a Server-Sent Event, within a second of a submission; a
// second server on the same database pushes it too (NOTIFY reaches every
// node); a signed-out caller gets 401.

#include <chrono>
#include <csignal>
#include <string>
#include <vector>

#include "tests/http/exchange_fixture.hpp"

namespace yardstick::testing {
namespace {

using beast_http::status;
using beast_http::verb;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

/// A live report stream read as it arrives.
class ReportStreamReader {
public:
    ReportStreamReader(std::uint16_t port, const std::string& token) : connection_(port) {
        connection_.write(format_request(verb::get, "/api/v1/programmes/pilot/report/stream", port, {},
                                         {{"Authorization", "Bearer " + token}, {"Accept", "text/event-stream"}}));
    }

    /// The data of the next `event: report`, or "" when none came by `deadline`.
    std::string next_report(steady_clock::time_point deadline) {
        for (;;) {
            if (const auto at = bytes_.find("event: report\ndata: ", searched_); at != std::string::npos) {
                const auto begin = at + 20;
                const auto end = bytes_.find('\n', begin);
                if (end != std::string::npos) {
                    searched_ = end;
                    return bytes_.substr(begin, end - begin);
                }
            }
            if (steady_clock::now() >= deadline) {
                return {};
            }
            bytes_ += connection_.read_until_closed(milliseconds(50)).bytes;
        }
    }

    const std::string& bytes() const { return bytes_; }

private:
    HttpConnection connection_;
    std::string bytes_;
    std::size_t searched_ = 0;
};

class ReportStream : public ExchangeServerTest {
protected:
    /// The employee's pre-exchange answers, submitted; returns when the 201 came.
    steady_clock::time_point submit_one() {
        submit(invite("employee", "pre"), employee_pre_answers());
        return steady_clock::now();
    }
};

TEST_F(ReportStream, PushesTheNewReportWithinASecondOfASubmission) {
    wait_until_counted();
    ReportStreamReader reader(port(), admin_);
    const auto first = reader.next_report(steady_clock::now() + std::chrono::seconds(5));
    ASSERT_FALSE(first.empty()) << reader.bytes();
    const auto head = parse_response(reader.bytes(), true);
    EXPECT_EQ(head.result(), status::ok);
    EXPECT_EQ(head[beast_http::field::content_type], "text/event-stream; charset=utf-8");
    EXPECT_NE(reader.bytes().find("retry: 2000\n"), std::string::npos);
    const auto before = nlohmann::json::parse(first);

    const auto submitted = submit_one();
    const auto next = reader.next_report(submitted + std::chrono::seconds(1));
    ASSERT_FALSE(next.empty()) << "no new report within a second of the submission:\n" << reader.bytes();
    const auto after = nlohmann::json::parse(next);
    EXPECT_GT(after["data_version"].get<std::int64_t>(), before["data_version"].get<std::int64_t>());
    EXPECT_NE(reader.bytes().find("id: " + std::to_string(after["data_version"].get<std::int64_t>()) + "\n"),
              std::string::npos);
    EXPECT_NE(after.dump(), before.dump());
    // Opening the stream is one view, logged once however many reports it pushes.
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'report.viewed' AND data->>'format' = 'stream'"), 1);
}

TEST_F(ReportStream, ASecondServerOnTheSameDatabasePushesItToo) {
    // Node B counts nothing itself (its tally consumer may; either way the
    // NOTIFY of whichever counted reaches both).
    auto second = ServerProcess::serve({database_.url(), false, server_arguments_});
    wait_until_counted();
    ReportStreamReader reader(second->port(), admin_);
    ASSERT_FALSE(reader.next_report(steady_clock::now() + std::chrono::seconds(5)).empty()) << reader.bytes();
    const auto submitted = submit_one();  // through the first server
    EXPECT_FALSE(reader.next_report(submitted + std::chrono::seconds(1)).empty())
        << "node B did not push the report within a second of a submission through node A:\n"
        << reader.bytes();
}

TEST_F(ReportStream, NeedsStaffCredentialsAndAKnownProgramme) {
    expect_problem(request(port(), verb::get, "/api/v1/programmes/pilot/report/stream"), status::unauthorized,
                   "Unauthorized");
    expect_problem(staff(verb::get, "/api/v1/programmes/nowhere/report/stream"), status::not_found, "Not Found");
    const auto problem =
        expect_problem(staff(verb::get, "/api/v1/programmes/pilot/report/stream?lang=xx"), status::bad_request,
                       "Bad Request");
    EXPECT_TRUE(names_field(problem, "lang"));
}

TEST_F(ReportStream, EndsWhenTheServerStops) {
    ReportStreamReader reader(port(), admin_);
    ASSERT_FALSE(reader.next_report(steady_clock::now() + std::chrono::seconds(5)).empty()) << reader.bytes();
    server_->send_signal(SIGTERM);
    const auto code = server_->wait_exit(std::chrono::seconds(5));
    ASSERT_TRUE(code) << "an open stream held the shutdown up";
    EXPECT_EQ(*code, 0);
    EXPECT_TRUE(server_->wait_for_log_line(
        [](const std::string& line) { return line.find("\"server.shutdown_timeout\"") != std::string::npos; },
        std::chrono::milliseconds(1))
                    .value_or("")
                    .empty())
        << "the stream was abandoned rather than ended";
}

}  // namespace
}  // namespace yardstick::testing

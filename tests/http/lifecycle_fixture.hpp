#pragma once
// The programme lifecycle (issue 9) in simulated time: the exchange fixture
// plus a second exchange dated from today, `yardstick schedule --at` to run
// the scheduler's passes at chosen instants, and the e-mails it queues read
// back from a --mail-dir or an SMTP sink.

#include <chrono>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/http/exchange_fixture.hpp"
#include "tests/http/package_checks.hpp"
#include "tests/support/base64.hpp"
#include "tests/http/recording_sink.hpp"

namespace yardstick::testing {

/// "YYYY-MM-DD" of today (UTC) plus `days`.
inline std::string utc_day(int days) {
    const auto when = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) + std::chrono::days{days};
    const std::chrono::year_month_day ymd{when};
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return text;
}

/// 09:00 UTC of today plus `days`: the scheduler's simulated clock.
inline std::string at_day(int days) {
    return utc_day(days) + "T09:00:00Z";
}

/// One e-mail as written to the mail directory or received by the sink.
struct Mail {
    std::map<std::string, std::string> headers;  ///< first occurrence of each
    std::string body;                             ///< decoded (base64)
    std::string raw;
};

inline Mail parse_mail(const std::string& raw) {
    Mail mail;
    mail.raw = raw;
    const auto split = raw.find("\r\n\r\n");
    const auto head = raw.substr(0, split);
    std::size_t begin = 0;
    while (begin < head.size()) {
        auto end = head.find("\r\n", begin);
        end = end == std::string::npos ? head.size() : end;
        const auto line = head.substr(begin, end - begin);
        if (const auto colon = line.find(':'); colon != std::string::npos && line[0] != ' ') {
            mail.headers.emplace(line.substr(0, colon), line.substr(colon + 2));
        }
        begin = end + 2;
    }
    mail.body = decode_base64(split == std::string::npos ? "" : raw.substr(split + 4));
    return mail;
}

class LifecycleTest : public ExchangeServerTest {
protected:
    LifecycleTest() {
        server_arguments_ = {"--sequencer-interval", "0.05", "--mail-dir", (scratch_ / "mail").string()};
    }

    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(ExchangeServerTest::SetUp());
        // The fixture's exchange (planned, in 2025) would keep every wave
        // open: it is cancelled; the exchange under test starts in ten days.
        ASSERT_EQ(transition(engagement_, "cancelled").result(), beast_http::status::ok);
        exchange_ = create(base_ + "/engagements", {{"kind", "exchange"},
                                                    {"sending_organisation_id", sending_},
                                                    {"hosting_organisation_id", hosting_},
                                                    {"participant_id", employee_},
                                                    {"starts_on", utc_day(10)},
                                                    {"ends_on", utc_day(39)}})
                        .value("id", std::int64_t{0});
        ASSERT_GT(exchange_, 0);
    }

    // The server writes into scratch_ (--mail-dir): it stops before
    // scratch_ goes (members go before the base class's server_).
    void TearDown() override {
        ExchangeServerTest::TearDown();
        server_.reset();
    }

    HttpResponse transition(std::int64_t engagement, const std::string& to) const {
        return staff(beast_http::verb::post, base_ + "/engagements/" + std::to_string(engagement) + "/transitions",
                     nlohmann::json{{"to", to}}.dump());
    }

    /// `yardstick schedule --at <at>`: the pass's JSON.
    nlohmann::json schedule(const std::string& at, bool dry_run = false) const {
        int code = -1;
        std::vector<std::string> arguments = {"schedule", "--database-url", database_.url(), "--master-key-file",
                                              test_master_key_file().string(), "--at", at};
        if (dry_run) {
            arguments.push_back("--dry-run");
        }
        const auto out = run_command(arguments, &code);
        EXPECT_EQ(code, 0) << out;
        const auto json = nlohmann::json::parse(out, nullptr, false);
        EXPECT_TRUE(json.is_object()) << out;
        return json.is_object() ? json : nlohmann::json::object();
    }

    /// The actions of a pass named `action`.
    static std::vector<nlohmann::json> actions(const nlohmann::json& pass, const std::string& action) {
        std::vector<nlohmann::json> found;
        for (const auto& one : pass.value("actions", nlohmann::json::array())) {
            if (one.value("action", "") == action) {
                found.push_back(one);
            }
        }
        return found;
    }

    /// The .eml files of the mail directory once there are `expected` (or
    /// after 10 s), by file name.
    std::map<std::string, Mail> wait_for_mail(std::size_t expected) const {
        std::map<std::string, Mail> mails;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        do {
            mails.clear();
            std::error_code ec;
            for (const auto& entry : std::filesystem::directory_iterator(scratch_ / "mail", ec)) {
                if (entry.path().extension() == ".eml") {
                    mails.emplace(entry.path().filename().string(), parse_mail(read_file(entry.path())));
                }
            }
            if (mails.size() >= expected) {
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        } while (std::chrono::steady_clock::now() < deadline);
        return mails;
    }

    /// Waits until no outbox message is pending (10 s at most).
    void wait_until_outbox_empty() const {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (count("SELECT count(*) FROM outbox_messages WHERE status = 'pending'") > 0 &&
               std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        EXPECT_EQ(count("SELECT count(*) FROM outbox_messages WHERE status = 'pending'"), 0);
    }

    Scratch scratch_;
    std::int64_t exchange_ = 0;
};

}  // namespace yardstick::testing

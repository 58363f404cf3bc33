#pragma once
// What most HTTP tests share: a scratch database, a `yardstick serve` of
// their own on it, and checks of the problem+json shape.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include <pqxx/pqxx>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/http_client.hpp"
#include "tests/support/scratch_database.hpp"
#include "tests/support/server_process.hpp"

namespace yardstick::testing {

/// A fixture with a fresh database and, after start_server(), a server on it.
class ServerTest : public ::testing::Test {
protected:
    /// Starts `yardstick serve --port 0 --migrate` on the scratch database
    /// with `extra_arguments`, and waits until it listens.
    void start_server(std::vector<std::string> extra_arguments = {}) {
        server_ = ServerProcess::serve({database_.url(), true, std::move(extra_arguments)});
    }

    std::uint16_t port() const { return server_->port(); }

    /// `yardstick demo load` into the scratch database, its personal links
    /// written to `links_file`.
    void load_demo(const std::filesystem::path& links_file) const {
        int exit_code = -1;
        const auto out = run_command({"demo", "load", "--database-url", database_.url(), "--master-key-file",
                                      test_master_key_file().string(), "--links-file", links_file.string()},
                                     &exit_code);
        ASSERT_EQ(exit_code, 0) << out;
    }

    /// Waits (up to 20 s) until the report's tallies have counted every
    /// event of the log: then a report is settled.
    void wait_until_counted() const {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (std::chrono::steady_clock::now() < deadline) {
            pqxx::connection connection(database_.url());
            pqxx::read_transaction tx(connection);
            const auto pending =
                tx.exec1("SELECT (SELECT count(*) FROM events) - (SELECT last_seq FROM report_checkpoint)")[0]
                    .as<std::int64_t>();
            if (pending == 0) {
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        ADD_FAILURE() << "the tallies did not catch up";
    }

    /// A staff bearer token made with `yardstick token create` (creating the
    /// user with `role` if missing).
    /// A new bearer token of `email` with `role` (for `programme`, which
    /// every role but admin needs) and, when given, only `scopes` ("read,write").
    std::string create_token(const std::string& role = "admin", const std::string& email = "admin@localhost",
                             const std::string& programme = {}, const std::string& scopes = {}) {
        int code = -1;
        std::vector<std::string> arguments = {"token",  "create", "--database-url", database_.url(),
                                              "--user", email,    "--role",         role};
        if (!programme.empty()) {
            arguments.insert(arguments.end(), {"--programme", programme});
        }
        if (!scopes.empty()) {
            arguments.insert(arguments.end(), {"--scopes", scopes});
        }
        const auto out = run_command(arguments, &code);
        EXPECT_EQ(code, 0) << out;
        const auto end = out.find_last_not_of('\n');
        const auto start = out.rfind('\n', end);
        return out.substr(start == std::string::npos ? 0 : start + 1,
                          end - (start == std::string::npos ? 0 : start + 1) + 1);
    }

    // The server's output is the first thing to read when a test fails.
    void TearDown() override {
        if (HasFailure() && server_) {
            std::cerr << "yardstick's output:\n" << server_->transcript();
        }
    }

    ScratchDatabase database_;
    std::unique_ptr<ServerProcess> server_;
};

/// Checks that `response` is an RFC 9457 problem with `status` whose title is
/// the status's reason phrase `title`, and returns its body.
inline nlohmann::json expect_problem(const HttpResponse& response, beast_http::status status,
                                     const std::string& title) {
    EXPECT_EQ(response.result(), status);
    EXPECT_EQ(response[beast_http::field::content_type], "application/problem+json");
    const auto body = nlohmann::json::parse(response.body(), nullptr, false);
    EXPECT_TRUE(body.is_object()) << "not a JSON object: " << response.body();
    if (!body.is_object()) {
        return nlohmann::json::object();
    }
    EXPECT_EQ(body.value("type", ""), "about:blank");
    EXPECT_EQ(body.value("title", ""), title);
    EXPECT_EQ(body.value("title", ""), std::string(response.reason())) << "title is not the status line's reason";
    EXPECT_EQ(body.value("status", 0u), static_cast<unsigned>(status));
    EXPECT_TRUE(body.contains("detail") && body["detail"].is_string() && !body["detail"].get<std::string>().empty())
        << response.body();
    return body;
}

/// Whether a problem's `errors` array names `field`.
inline bool names_field(const nlohmann::json& problem, const std::string& field) {
    if (!problem.contains("errors") || !problem["errors"].is_array()) {
        return false;
    }
    return std::any_of(problem["errors"].begin(), problem["errors"].end(),
                       [&](const nlohmann::json& error) { return error.value("field", "") == field; });
}

/// The parsed JSON of a log line, or null when the line is not JSON.
inline nlohmann::json parse_log_line(const std::string& line) {
    return nlohmann::json::parse(line, nullptr, false);
}

/// Whether `line` is the access-log line of the request with `request_id`.
inline bool is_access_line_for(const std::string& line, const std::string& request_id) {
    const auto json = parse_log_line(line);
    return json.is_object() && json.value("event", "") == "http.request" && json.value("request_id", "") == request_id;
}

}  // namespace yardstick::testing

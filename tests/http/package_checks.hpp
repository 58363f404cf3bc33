#pragma once
// What the data package tests do with a running server, shared with the
// erasure tests: download a programme's datapackage.zip, unpack and validate
// it, and check that `yardstick recompute` prints the report the server serves.

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/http/server_test.hpp"
#include "tests/support/shell_command.hpp"

namespace yardstick::testing {

/// Files of a test, removed after it.
class Scratch {
public:
    Scratch()
        : path_(std::filesystem::temp_directory_path() /
                ("yardstick-package-test-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~Scratch() {
        std::error_code ignored;  // a destructor must not throw
        std::filesystem::remove_all(path_, ignored);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;

    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

inline nlohmann::json without_generated_at(nlohmann::json report) {
    report.erase("generated_at");
    return report;
}

/// What a package test does with a server: download, unpack, validate, recompute.
class PackageChecks {
public:
    PackageChecks(std::uint16_t port, std::string token) : port_(port), token_(std::move(token)) {}

    HttpResponse get(const std::string& target) const {
        return request(port_, beast_http::verb::get, target, {}, {{"Authorization", "Bearer " + token_}}, std::chrono::seconds(60));
    }

    /// Downloads the programme's package to `path`.
    void download(const std::string& slug, const std::filesystem::path& path) const {
        const auto response = get("/api/v1/programmes/" + slug + "/exports/datapackage.zip");
        ASSERT_EQ(response.result(), beast_http::status::ok) << response.body();
        EXPECT_EQ(response[beast_http::field::content_type], "application/zip");
        EXPECT_EQ(response[beast_http::field::content_disposition],
                  "attachment; filename=\"" + slug + "-datapackage.zip\"");
        write_file(path, response.body());
    }

    nlohmann::json served_report(const std::string& slug) const {
        const auto response = get("/api/v1/programmes/" + slug + "/report");
        EXPECT_EQ(response.result(), beast_http::status::ok) << response.body();
        return nlohmann::json::parse(response.body(), nullptr, false);
    }

    /// `yardstick recompute --from package`: its output (standard output and
    /// error) and exit code.
    static std::string recompute(const std::filesystem::path& package, int* exit_code) {
        return shell(std::string(YARDSTICK_BINARY) + " recompute --from " + package.string(), exit_code);
    }

    static void unpack(const std::filesystem::path& package, const std::filesystem::path& directory) {
        int code = -1;
        const auto out = shell("/usr/bin/python3 -m zipfile -e " + package.string() + " " + directory.string(), &code);
        ASSERT_EQ(code, 0) << out;
    }

    static void validate(const std::filesystem::path& directory) {
        int code = -1;
        const std::string source = YARDSTICK_SOURCE_DIR;
        const auto out = shell("/usr/bin/python3 " + source + "/tests/http/validate_datapackage.py " + directory.string() + " " +
                                   source + "/tests/schemas/frictionless",
                               &code);
        EXPECT_EQ(code, 0) << out;
    }

    /// Downloads, checks and recomputes the programme's package: recompute
    /// equals the package's report.json and the served report but for
    /// generated_at.
    void expect_recompute_equals_served(const std::string& slug, const Scratch& scratch) const {
        const auto package = scratch / (slug + ".zip");
        ASSERT_NO_FATAL_FAILURE(download(slug, package));
        const auto served = served_report(slug);
        int code = -1;
        const auto out = recompute(package, &code);
        ASSERT_EQ(code, 0) << out;
        const auto recomputed = nlohmann::json::parse(out, nullptr, false);
        ASSERT_TRUE(recomputed.is_object()) << out.substr(0, 500);
        EXPECT_EQ(without_generated_at(recomputed), without_generated_at(served)) << slug;

        const auto unpacked = scratch / (slug + "-files");
        ASSERT_NO_FATAL_FAILURE(unpack(package, unpacked));
        const auto in_package = nlohmann::json::parse(read_file(unpacked / "report.json"));
        EXPECT_EQ(without_generated_at(recomputed), without_generated_at(in_package)) << slug;
        validate(unpacked);
    }

private:
    std::uint16_t port_;
    std::string token_;
};

}  // namespace yardstick::testing

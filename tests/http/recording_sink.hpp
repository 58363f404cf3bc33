#pragma once
// A receiver of ours on loopback for the tests of what the server sends out.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/server_process.hpp"

namespace yardstick::testing {

/// A receiver of ours on loopback (tests/support/<script>: smtp_sink.py,
/// webhook_sink.py), recording what it gets into `directory`/received.jsonl.
class RecordingSink {
public:
    RecordingSink(const std::string& script, const std::filesystem::path& directory,
                  const std::vector<std::string>& options)
        : directory_(directory) {
        std::vector<std::string> arguments = {std::string(YARDSTICK_SOURCE_DIR "/tests/support/") + script, "--dir",
                                              directory.string()};
        arguments.insert(arguments.end(), options.begin(), options.end());
        process_ = std::make_unique<ServerProcess>(arguments, "/usr/bin/python3");
        const auto line = process_->wait_for_log_line([](const std::string& l) { return l.starts_with("PORT "); },
                                                       std::chrono::seconds(10));
        if (!line) {
            throw std::runtime_error(script + " did not start:\n" + process_->transcript());
        }
        port_ = std::stoi(line->substr(5));
    }

    /// "127.0.0.1:<port>".
    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

    /// What it accepted so far, one object per message, in order.
    std::vector<nlohmann::json> received() const {
        std::vector<nlohmann::json> lines;
        std::ifstream in(directory_ / "received.jsonl");
        for (std::string line; std::getline(in, line);) {
            lines.push_back(nlohmann::json::parse(line));
        }
        return lines;
    }

    /// received() once it holds `expected` messages (or after 15 s).
    std::vector<nlohmann::json> wait_received(std::size_t expected) const {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
        auto lines = received();
        while (lines.size() < expected && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            lines = received();
        }
        return lines;
    }

private:
    std::filesystem::path directory_;
    std::unique_ptr<ServerProcess> process_;
    int port_ = 0;
};

}  // namespace yardstick::testing

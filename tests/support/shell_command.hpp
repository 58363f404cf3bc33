#pragma once
// Running a shell command from a test (GNU PSPP, R, Python checkers): its
// output and exit code.

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace yardstick::testing {

/// Runs `command` with sh; its standard output and error, and its exit code
/// (-1 when it did not exit normally).
inline std::string shell(const std::string& command, int* exit_code) {
    std::string out;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) {
        *exit_code = -1;
        return out;
    }
    std::array<char, 4096> buffer{};
    while (const auto read = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
        out.append(buffer.data(), read);
    }
    const auto status = pclose(pipe);
    *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

}  // namespace yardstick::testing

#include "tests/support/server_process.hpp"

#include <algorithm>

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>
#include <system_error>

#ifndef YARDSTICK_BINARY
#error "YARDSTICK_BINARY must name the yardstick executable (see tests/http/CMakeLists.txt)"
#endif

namespace yardstick::testing {
namespace {

// How often wait_until and wait_exit look again: short enough that waiting
// costs the suite little, long enough not to spin.
constexpr auto kPollInterval = 10ms;

// The port of a `server.listening` log line, if `line` is one.
std::optional<std::uint16_t> listening_port(const std::string& line) {
    const auto json = nlohmann::json::parse(line, nullptr, false);
    if (json.is_discarded() || !json.is_object() || json.value("event", "") != "server.listening" ||
        !json.contains("port") || !json["port"].is_number_unsigned()) {
        return std::nullopt;
    }
    return json["port"].get<std::uint16_t>();
}

std::system_error os_error(const char* what) {
    return {errno, std::generic_category(), what};
}

}  // namespace

bool wait_until(const std::function<bool()>& predicate, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!predicate()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(kPollInterval);
    }
    return true;
}

std::vector<std::string> serve_arguments(const ServeOptions& options) {
    std::vector<std::string> arguments = {"serve", "--port", "0", "--database-url", options.database_url};
    if (options.migrate) {
        arguments.emplace_back("--migrate");
    }
    arguments.insert(arguments.end(), options.extra_arguments.begin(), options.extra_arguments.end());
    if (std::find(arguments.begin(), arguments.end(), "--master-key-file") == arguments.end()) {
        arguments.emplace_back("--master-key-file");
        arguments.push_back(test_master_key_file().string());
    }
    // The scheduler would issue invitations behind the tests' backs: off
    // unless a test of the lifecycle turns it on.
    if (std::find(arguments.begin(), arguments.end(), "--schedule-interval") == arguments.end()) {
        arguments.insert(arguments.end(), {"--schedule-interval", "0"});
    }
    // Tests call faster than any person: no rate limit unless a test sets one.
    if (std::find(arguments.begin(), arguments.end(), "--rate-limit") == arguments.end()) {
        arguments.insert(arguments.end(), {"--rate-limit", "off"});
    }
    return arguments;
}

std::filesystem::path test_master_key_file() {
    // One key per test process, outside the source tree (the server creates it).
    static const auto path =
        std::filesystem::temp_directory_path() / ("yardstick-test-" + std::to_string(::getpid())) / "master-key";
    return path;
}

std::string run_command(const std::vector<std::string>& arguments, int* exit_code) {
    ServerProcess process(arguments);
    const auto code = process.wait_exit(std::chrono::seconds(60));
    if (exit_code != nullptr) {
        *exit_code = code.value_or(-1);
    }
    std::string out;
    for (const auto& line : process.log_lines()) {
        out += line + "\n";
    }
    return out;
}

std::string ServerProcess::default_binary() {
    return YARDSTICK_BINARY;
}

ServerProcess::ServerProcess(std::vector<std::string> arguments, std::string binary) {
    // Everything the child needs is built before fork: between fork and exec
    // a multi-threaded parent's child may only make async-signal-safe calls.
    std::vector<std::string> argv_storage;
    argv_storage.push_back(std::move(binary));
    argv_storage.insert(argv_storage.end(), std::make_move_iterator(arguments.begin()),
                        std::make_move_iterator(arguments.end()));
    std::vector<char*> argv;
    for (auto& argument : argv_storage) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    // Every serve flag also reads YARDSTICK_<FLAG> (and the URL DATABASE_URL):
    // a developer's shell must not change what a test runs.
    std::vector<char*> envp;
    for (char** variable = environ; *variable != nullptr; ++variable) {
        const std::string_view entry(*variable);
        if (!entry.starts_with("YARDSTICK_") && !entry.starts_with("DATABASE_URL=")) {
            envp.push_back(*variable);
        }
    }
    envp.push_back(nullptr);

    // O_CLOEXEC: other children started meanwhile must not hold our pipes
    // open, or the reader would never see end-of-file.
    std::array<int, 2> out{};
    std::array<int, 2> err{};
    if (::pipe2(out.data(), O_CLOEXEC) != 0) {
        throw os_error("pipe2");
    }
    if (::pipe2(err.data(), O_CLOEXEC) != 0) {
        ::close(out[0]);
        ::close(out[1]);
        throw os_error("pipe2");
    }
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0) {
        for (int fd : {out[0], out[1], err[0], err[1]}) {
            ::close(fd);
        }
        throw os_error("fork");
    }
    if (pid_ == 0) {
        // A test binary that crashes must not leave servers behind.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) {
            ::_exit(127);
        }
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(err[1], STDERR_FILENO);
        // Client sockets of the test would otherwise stay open in the child
        // and hide the test's own close from the server.
        ::close_range(3, ~0U, 0);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    reader_ = std::thread([this, stdout_fd = out[0], stderr_fd = err[0]] { read_output(stdout_fd, stderr_fd); });
}

ServerProcess::~ServerProcess() {
    try {
        if (!wait_exit(0ms)) {
            send_signal(SIGKILL);
            wait_exit(10s);
        }
    } catch (const std::exception&) {
        // waitpid failed: nothing left to reap; the reader still ends at EOF.
    }
    if (reader_.joinable()) {
        reader_.join();
    }
}

std::unique_ptr<ServerProcess> ServerProcess::serve(const ServeOptions& options, std::chrono::milliseconds timeout) {
    auto process = std::make_unique<ServerProcess>(serve_arguments(options));
    if (!process->wait_listening(timeout)) {
        const auto code = process->wait_exit(0ms);
        throw std::runtime_error("yardstick serve did not start listening (" +
                                 (code ? "exit code " + std::to_string(*code) : std::string("still running")) +
                                 "); its output:\n" + process->transcript());
    }
    return process;
}

bool ServerProcess::wait_listening(std::chrono::milliseconds timeout) {
    std::unique_lock lock(lines_mutex_);
    std::optional<std::uint16_t> found;
    lines_changed_.wait_for(lock, timeout, [&] {
        for (const auto& line : stdout_lines_) {
            if ((found = listening_port(line))) {
                return true;
            }
        }
        // The child closes its output only when it exits: stop waiting then.
        return output_closed_;
    });
    if (found) {
        port_ = *found;
    }
    return found.has_value();
}

void ServerProcess::send_signal(int signal) {
    std::lock_guard lock(wait_mutex_);
    // After waitpid the pid may belong to another process.
    if (!exit_code_ && pid_ > 0) {
        ::kill(pid_, signal);
    }
}

std::optional<int> ServerProcess::wait_exit(std::chrono::milliseconds timeout) {
    std::lock_guard lock(wait_mutex_);
    if (exit_code_ || pid_ <= 0) {
        return exit_code_;
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        int status = 0;
        const pid_t reaped = ::waitpid(pid_, &status, WNOHANG);
        if (reaped == pid_) {
            exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            // Exited is not yet drained: let the reader reach the end of the
            // child's output, so that callers see everything it printed.
            std::unique_lock lines_lock(lines_mutex_);
            lines_changed_.wait_for(lines_lock, std::chrono::seconds(5), [this] { return output_closed_; });
            return exit_code_;
        }
        if (reaped < 0 && errno != EINTR) {
            throw os_error("waitpid");
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return std::nullopt;
        }
        std::this_thread::sleep_for(kPollInterval);
    }
}

std::vector<std::string> ServerProcess::log_lines() const {
    std::lock_guard lock(lines_mutex_);
    return stdout_lines_;
}

std::vector<std::string> ServerProcess::error_lines() const {
    std::lock_guard lock(lines_mutex_);
    return stderr_lines_;
}

std::optional<std::string> ServerProcess::wait_for_log_line(const std::function<bool(const std::string&)>& predicate,
                                                            std::chrono::milliseconds timeout) const {
    std::unique_lock lock(lines_mutex_);
    std::optional<std::string> found;
    lines_changed_.wait_for(lock, timeout, [&] {
        for (const auto& line : stdout_lines_) {
            if (predicate(line)) {
                found = line;
                return true;
            }
        }
        return output_closed_;
    });
    return found;
}

std::string ServerProcess::transcript() const {
    std::lock_guard lock(lines_mutex_);
    std::string text = "--- stdout ---\n";
    for (const auto& line : stdout_lines_) {
        text += line + "\n";
    }
    text += "--- stderr ---\n";
    for (const auto& line : stderr_lines_) {
        text += line + "\n";
    }
    return text;
}

void ServerProcess::store_line(bool is_stderr, std::string line) {
    {
        std::lock_guard lock(lines_mutex_);
        (is_stderr ? stderr_lines_ : stdout_lines_).push_back(std::move(line));
    }
    lines_changed_.notify_all();
}

void ServerProcess::read_output(int stdout_fd, int stderr_fd) {
    std::array<pollfd, 2> fds = {pollfd{stdout_fd, POLLIN, 0}, pollfd{stderr_fd, POLLIN, 0}};
    std::array<std::string, 2> partial;
    std::array<char, 4096> chunk{};
    int open_count = 2;
    while (open_count > 0) {
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) {
                continue;
            }
            const ssize_t n = ::read(fds[i].fd, chunk.data(), chunk.size());
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                // End of file: keep an unterminated last line too.
                if (!partial[i].empty()) {
                    store_line(i == 1, std::move(partial[i]));
                    partial[i].clear();
                }
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open_count;
                continue;
            }
            partial[i].append(chunk.data(), static_cast<std::size_t>(n));
            std::size_t newline;
            while ((newline = partial[i].find('\n')) != std::string::npos) {
                store_line(i == 1, partial[i].substr(0, newline));
                partial[i].erase(0, newline + 1);
            }
        }
    }
    for (auto& fd : fds) {
        if (fd.fd >= 0) {
            ::close(fd.fd);
        }
    }
    {
        std::lock_guard lock(lines_mutex_);
        output_closed_ = true;
    }
    lines_changed_.notify_all();
}

}  // namespace yardstick::testing

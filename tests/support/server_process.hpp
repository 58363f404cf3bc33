#pragma once
// The real `yardstick` binary as a child process of a test. Its stdout (the
// JSON log) and stderr are captured line by line by a reader thread, so that
// a test can wait for a line and search everything the server said.

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace yardstick::testing {

using namespace std::chrono_literals;

/// Calls `predicate` every few milliseconds until it returns true or
/// `timeout` has passed; returns whether it held. For conditions that
/// nothing signals (a port refusing connections, a row appearing).
bool wait_until(const std::function<bool()>& predicate, std::chrono::milliseconds timeout);

/// What `yardstick serve` is started with.
struct ServeOptions {
    std::string database_url;
    bool migrate = true;
    /// Further flags, e.g. {"--body-limit", "1024"}.
    std::vector<std::string> extra_arguments;
};

/// `serve --port 0 --database-url <url> [--migrate] <extra…>`, plus
/// `--master-key-file <test_master_key_file()>` unless given.
std::vector<std::string> serve_arguments(const ServeOptions& options);

/// The master key file the test process's servers share (in /tmp).
std::filesystem::path test_master_key_file();

/// Runs `yardstick arguments…` to the end (at most a minute) and returns
/// what it printed on stdout; the exit code goes to `exit_code`.
std::string run_command(const std::vector<std::string>& arguments, int* exit_code = nullptr);

class ServerProcess {
public:
    /// Starts `binary arguments…` with stdout and stderr captured, in the
    /// test's environment minus YARDSTICK_* and DATABASE_URL (so that only
    /// the arguments configure it). Does not wait for anything. `binary`
    /// defaults to the yardstick built with the tests. Throws
    /// std::system_error when it cannot fork.
    explicit ServerProcess(std::vector<std::string> arguments, std::string binary = default_binary());

    /// Kills the child (SIGKILL) if it still runs, reaps it and joins the reader.
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    /// Starts `yardstick serve` and waits until it logs `server.listening`.
    /// Throws std::runtime_error, carrying everything the child printed, when
    /// it exits first or does not listen within `timeout`.
    static std::unique_ptr<ServerProcess> serve(const ServeOptions& options, std::chrono::milliseconds timeout = 20s);

    /// The yardstick binary the tests were built with (YARDSTICK_BINARY).
    static std::string default_binary();

    /// Waits for the `server.listening` line and remembers its port. False
    /// when the child exits first or time runs out.
    bool wait_listening(std::chrono::milliseconds timeout);

    /// The port from the `server.listening` line; 0 before wait_listening() succeeded.
    std::uint16_t port() const { return port_; }
    pid_t pid() const { return pid_; }

    /// kill(2)s the child, unless it has already been reaped.
    void send_signal(int signal);

    /// Waits for the child to exit and returns its exit code (128 + the
    /// signal number when a signal ended it), or nothing when it still runs
    /// after `timeout`. Once reaped, returns the same code again at once.
    std::optional<int> wait_exit(std::chrono::milliseconds timeout);

    /// Lines the child wrote to stdout so far (its JSON log), in order.
    std::vector<std::string> log_lines() const;
    /// Lines the child wrote to stderr so far.
    std::vector<std::string> error_lines() const;

    /// Waits until a stdout line satisfies `predicate` (lines already
    /// captured count) and returns the first that does.
    std::optional<std::string> wait_for_log_line(const std::function<bool(const std::string&)>& predicate,
                                                 std::chrono::milliseconds timeout) const;

    /// Everything captured, stdout then stderr, for failure messages.
    std::string transcript() const;

private:
    void read_output(int stdout_fd, int stderr_fd);
    void store_line(bool is_stderr, std::string line);

    pid_t pid_ = -1;
    std::optional<int> exit_code_;
    std::uint16_t port_ = 0;
    std::mutex wait_mutex_;  // one waitpid at a time

    mutable std::mutex lines_mutex_;
    mutable std::condition_variable lines_changed_;
    std::vector<std::string> stdout_lines_;
    std::vector<std::string> stderr_lines_;
    bool output_closed_ = false;
    std::thread reader_;
};

}  // namespace yardstick::testing

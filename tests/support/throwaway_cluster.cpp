#include "tests/support/throwaway_cluster.hpp"

#include <fcntl.h>
#include <pwd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace yardstick::testing {
namespace {

constexpr const char* kBinDirectory = "/usr/lib/postgresql/15/bin";
constexpr const char* kOsUser = "postgres";
// Only a Unix socket in the cluster's own directory: any number will do and
// none can collide with another cluster.
constexpr int kPort = 5432;

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

ThrowawayCluster::ThrowawayCluster() {
    // Short on purpose: a socket path must stay under 108 bytes
    // (/tmp/ysXXXXXX/.s.PGSQL.5432 is 28).
    std::string pattern = "/tmp/ysXXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::system_error(errno, std::generic_category(), "mkdtemp");
    }
    directory_ = pattern;
    try {
        if (::geteuid() == 0) {
            const passwd* user = ::getpwnam(kOsUser);
            if (user == nullptr) {
                throw std::runtime_error("running as root, but there is no OS user 'postgres' to run PostgreSQL as");
            }
            if (::chown(directory_.c_str(), user->pw_uid, user->pw_gid) != 0) {
                throw std::system_error(errno, std::generic_category(), "chown " + directory_);
            }
        }
        run_tool("initdb", {"-D", data_directory(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync",
                            "--no-instructions"});
        start();
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove_all(directory_, ignored);
        throw;
    }
}

ThrowawayCluster::~ThrowawayCluster() {
    try {
        if (running_) {
            run_tool("pg_ctl", {"stop", "-D", data_directory(), "-m", "immediate", "-w"});
        }
    } catch (...) {
        // Nothing to do: the directory goes anyway, and an orphaned
        // postmaster exits when it notices its data directory is gone.
    }
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
}

void ThrowawayCluster::start() {
    const std::string options = "-k " + directory_ + " -c listen_addresses='' -p " + std::to_string(kPort) +
                                " -c fsync=off -c full_page_writes=off";
    run_tool("pg_ctl",
             {"start", "-w", "-t", "30", "-D", data_directory(), "-l", directory_ + "/postgres.log", "-o", options});
    running_ = true;
}

void ThrowawayCluster::stop() {
    run_tool("pg_ctl", {"stop", "-w", "-t", "30", "-D", data_directory(), "-m", "fast"});
    running_ = false;
}

std::string ThrowawayCluster::url() const {
    return "host=" + directory_ + " port=" + std::to_string(kPort) + " dbname=postgres user=postgres";
}

void ThrowawayCluster::run_tool(const std::string& tool, const std::vector<std::string>& arguments) const {
    std::vector<std::string> command;
    if (::geteuid() == 0) {
        command = {"/usr/sbin/runuser", "-u", kOsUser, "--"};
    }
    command.push_back(std::string(kBinDirectory) + "/" + tool);
    command.insert(command.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& part : command) {
        argv.push_back(part.data());
    }
    argv.push_back(nullptr);

    const std::string log_path = directory_ + "/tools.log";
    const int log = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log < 0) {
        throw std::system_error(errno, std::generic_category(), "open " + log_path);
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(log);
        throw std::system_error(errno, std::generic_category(), "fork");
    }
    if (pid == 0) {
        // Only async-signal-safe calls between fork and exec.
        const int null = ::open("/dev/null", O_RDONLY);
        ::dup2(null, STDIN_FILENO);
        ::dup2(log, STDOUT_FILENO);
        ::dup2(log, STDERR_FILENO);
        ::close_range(3, ~0U, 0);
        // The postgres user may not enter the test's working directory.
        if (::chdir(directory_.c_str()) != 0) {
            ::_exit(126);
        }
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(log);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            throw std::system_error(errno, std::generic_category(), "waitpid");
        }
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::string text = tool + " failed (status " + std::to_string(status) + "); tools.log:\n" + read_file(log_path);
        const std::string server_log = read_file(directory_ + "/postgres.log");
        if (!server_log.empty()) {
            text += "\npostgres.log:\n" + server_log;
        }
        throw std::runtime_error(text);
    }
}

}  // namespace yardstick::testing

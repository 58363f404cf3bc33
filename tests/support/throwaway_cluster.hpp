#pragma once
// A PostgreSQL cluster owned by one test, for tests that stop and start the
// database under a running server: the shared test server must never go
// away. Unix socket only (no TCP port to collide on), trust authentication,
// no fsync; everything lives in one short directory under /tmp, removed
// again by the destructor.

#include <string>
#include <vector>

namespace yardstick::testing {

class ThrowawayCluster {
public:
    /// Creates (initdb) and starts the cluster. PostgreSQL refuses to run as
    /// root, so as root it runs as the `postgres` OS user. Throws
    /// std::runtime_error, with the tools' output, on failure.
    ThrowawayCluster();

    /// Stops the cluster at once (immediate mode) and removes its directory.
    ~ThrowawayCluster();
    ThrowawayCluster(const ThrowawayCluster&) = delete;
    ThrowawayCluster& operator=(const ThrowawayCluster&) = delete;

    /// Starts the stopped cluster and returns when it accepts connections.
    void start();
    /// Stops the cluster (fast mode: disconnects clients, then shuts down)
    /// and returns when it is down.
    void stop();
    bool running() const { return running_; }

    /// `host=<dir> port=<port> dbname=postgres user=postgres`.
    std::string url() const;

private:
    // Runs a PostgreSQL tool from the cluster's bin directory (as postgres
    // when we are root) with its output appended to the cluster's tool log;
    // throws when it fails.
    void run_tool(const std::string& tool, const std::vector<std::string>& arguments) const;
    std::string data_directory() const { return directory_ + "/data"; }

    std::string directory_;
    bool running_ = false;
};

}  // namespace yardstick::testing

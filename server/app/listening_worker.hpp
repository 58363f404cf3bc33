#pragma once
// A background worker on a thread and a database connection of its own,
// woken by PostgreSQL's LISTEN/NOTIFY instead of polling: the scheduler and
// the mail dispatcher. Its step may block (libpqxx, libcurl); it never runs
// on an I/O thread. The notification arrives when the writer's transaction
// commits, on every node connected to the database.
//
// Each step returns how long the worker may sleep before its next step;
// a NOTIFY on one of its `channels` cuts the sleep short. A failing step (the database
// gone, say) is logged once per outage and retried on a new connection.

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <pqxx/connection>

#include "yardstick/sql/connection.hpp"

namespace yardstick::server {

class ListeningWorker {
public:
    using Step = std::function<std::chrono::milliseconds(pqxx::connection&)>;
    /// Called on the worker's thread with each notification's payload.
    using OnNotification = std::function<void(const std::string& payload)>;

    ListeningWorker(std::string name, sql::DatabaseSettings database, std::vector<std::string> channels, Step step,
                    OnNotification on_notification = {});
    ~ListeningWorker();
    ListeningWorker(const ListeningWorker&) = delete;
    ListeningWorker& operator=(const ListeningWorker&) = delete;

    void start();
    /// Asks the worker to stop and waits for its current step to end.
    void stop();

private:
    void run();
    bool sleep(pqxx::connection* connection, std::chrono::milliseconds duration);

    std::string name_;
    sql::DatabaseSettings database_;
    std::vector<std::string> channels_;
    Step step_;
    OnNotification on_notification_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace yardstick::server

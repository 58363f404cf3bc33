#include "server/app/listening_worker.hpp"

#include <memory>

#include <pqxx/pqxx>

#include "server/app/log.hpp"
#include "yardstick/sql/error_translation.hpp"

namespace yardstick::server {
namespace {

// libpqxx 6.4 LISTENs for as long as a receiver exists (and again after it
// reconnects); a notification ends the wait and goes to the worker's callback.
class Wakeup final : public pqxx::notification_receiver {
public:
    Wakeup(pqxx::connection_base& connection, const std::string& channel,
           const ListeningWorker::OnNotification& on_notification)
        : pqxx::notification_receiver(connection, channel), on_notification_(on_notification) {}
    void operator()(const std::string& payload, int) override {
        if (on_notification_) {
            on_notification_(payload);
        }
    }

private:
    const ListeningWorker::OnNotification& on_notification_;
};

constexpr std::chrono::milliseconds kSlice{200};

}  // namespace

ListeningWorker::ListeningWorker(std::string name, sql::DatabaseSettings database, std::vector<std::string> channels,
                                 Step step, OnNotification on_notification)
    : name_(std::move(name)),
      database_(std::move(database)),
      channels_(std::move(channels)),
      step_(std::move(step)),
      on_notification_(std::move(on_notification)) {}

ListeningWorker::~ListeningWorker() {
    stop();
}

void ListeningWorker::start() {
    thread_ = std::thread([this] { run(); });
}

void ListeningWorker::stop() {
    stopping_ = true;
    if (thread_.joinable()) {
        thread_.join();
    }
}

// Sleeps in slices, so that stop() is seen within one; true when woken by a
// notification.
bool ListeningWorker::sleep(pqxx::connection* connection, std::chrono::milliseconds duration) {
    const auto deadline = std::chrono::steady_clock::now() + duration;
    while (!stopping_ && std::chrono::steady_clock::now() < deadline) {
        const auto left = std::chrono::duration_cast<std::chrono::microseconds>(
            std::min<std::chrono::steady_clock::duration>(kSlice, deadline - std::chrono::steady_clock::now()));
        if (connection == nullptr) {
            std::this_thread::sleep_for(left);
        } else if (connection->await_notification(0, static_cast<long>(std::max<long long>(left.count(), 1))) > 0) {
            return true;
        }
    }
    return false;
}

void ListeningWorker::run() {
    std::unique_ptr<pqxx::connection> connection;
    std::vector<std::unique_ptr<Wakeup>> wakeups;
    bool failing = false;
    while (!stopping_) {
        try {
            if (!connection) {
                connection = sql::open_connection(database_);
                for (const auto& channel : channels_) {
                    wakeups.push_back(std::make_unique<Wakeup>(*connection, channel, on_notification_));
                }
            }
            const auto wait = step_(*connection);
            if (failing) {
                log_info(name_ + ".recovered");
                failing = false;
            }
            sleep(connection.get(), wait);
        } catch (...) {
            const auto error = sql::translate_exception(std::current_exception());
            if (!failing) {
                log_warning(name_ + ".failed", {{"reason", error.message}});
                failing = true;
            }
            wakeups.clear();
            connection.reset();
            sleep(nullptr, std::chrono::seconds(1));
        }
    }
}

}  // namespace yardstick::server

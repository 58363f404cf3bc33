#include "server/app/database_pool.hpp"

#include <algorithm>

namespace yardstick::server {

DatabasePool::DatabasePool(sql::DatabaseSettings settings, std::size_t size, std::size_t queue_limit)
    : settings_(std::move(settings)),
      size_(std::max<std::size_t>(size, 1)),
      queue_limit_(queue_limit),
      threads_(size_) {
    idle_.resize(size_);
}

DatabasePool::~DatabasePool() {
    stop();
}

void DatabasePool::stop() {
    if (stopped_.exchange(true)) {
        return;
    }
    threads_.join();
    std::lock_guard lock(mutex_);
    idle_.clear();
}

std::unique_ptr<pqxx::connection> DatabasePool::acquire() {
    std::lock_guard lock(mutex_);
    // There are as many slots as workers, so a worker always finds one; the
    // vector is only empty after stop().
    if (idle_.empty()) {
        return nullptr;
    }
    // Prefer an open connection over an empty slot.
    auto it = std::find_if(idle_.begin(), idle_.end(), [](const auto& c) { return c != nullptr; });
    if (it == idle_.end()) {
        it = idle_.begin();
    }
    auto connection = std::move(*it);
    idle_.erase(it);
    return connection;
}

void DatabasePool::release(std::unique_ptr<pqxx::connection> connection) {
    std::lock_guard lock(mutex_);
    if (!stopped_) {
        idle_.push_back(std::move(connection));
    }
}

PoolGauges DatabasePool::gauges() const {
    PoolGauges gauges;
    gauges.size = size_;
    gauges.busy = busy_.load();
    gauges.waiting = waiting_.load();
    std::lock_guard lock(mutex_);
    gauges.connected =
        static_cast<std::size_t>(std::count_if(idle_.begin(), idle_.end(), [](const auto& c) { return c != nullptr; }));
    // Busy workers hold their (open) connection outside the idle list.
    gauges.connected += gauges.busy;
    return gauges;
}

}  // namespace yardstick::server

#include "server/http/connection_registry.hpp"

#include <boost/asio/post.hpp>

namespace yardstick::server::http {

std::uint64_t ConnectionRegistry::add(std::shared_ptr<ConnectionState> state) {
    std::lock_guard lock(mutex_);
    if (stopping_) {
        state->stopping = true;
    }
    const auto id = next_id_++;
    connections_.emplace(id, state);
    return id;
}

void ConnectionRegistry::remove(std::uint64_t id) {
    std::lock_guard lock(mutex_);
    connections_.erase(id);
}

std::size_t ConnectionRegistry::size() const {
    std::lock_guard lock(mutex_);
    return connections_.size();
}

void ConnectionRegistry::stop_all() {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [id, weak] : connections_) {
        auto state = weak.lock();
        if (!state) {
            continue;
        }
        state->stopping = true;
        // On the connection's strand, so that it cannot race the session's own
        // transition from reading to handling.
        boost::asio::post(state->strand, [state] {
            if (state->reading && state->cancel_read) {
                state->cancel_read();
            }
        });
    }
}

}  // namespace yardstick::server::http

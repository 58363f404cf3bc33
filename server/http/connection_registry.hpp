#pragma once
// The open client connections, so that a graceful shutdown can close the
// idle ones at once and let busy ones finish their response first.

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include <boost/asio/any_io_executor.hpp>

namespace yardstick::server::http {

/// What the registry knows of one connection. Shared between the session
/// coroutine (which owns the socket) and the registry.
struct ConnectionState {
    boost::asio::any_io_executor strand;
    /// Cancels the pending read; called on `strand` only.
    std::function<void()> cancel_read;
    /// True while the session waits for (or reads) a request: closing it
    /// then loses no response.
    std::atomic<bool> reading{false};
    /// Set at shutdown: the session answers its current request with
    /// `Connection: close` and ends.
    std::atomic<bool> stopping{false};
};

class ConnectionRegistry {
public:
    /// Registers a connection; returns its id for remove().
    std::uint64_t add(std::shared_ptr<ConnectionState> state);
    void remove(std::uint64_t id);
    std::size_t size() const;

    /// Marks every connection as stopping and cancels those waiting for a
    /// request. Connections that are mid-request finish it, then close.
    void stop_all();

private:
    mutable std::mutex mutex_;
    std::uint64_t next_id_ = 0;
    bool stopping_ = false;
    std::unordered_map<std::uint64_t, std::weak_ptr<ConnectionState>> connections_;
};

}  // namespace yardstick::server::http

#include "server/app/streamed_work.hpp"

#include <atomic>
#include <future>
#include <optional>
#include <stdexcept>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include "server/app/log.hpp"

namespace yardstick::server {

namespace {

namespace asio = boost::asio;

// A piece, or nothing for the end; an error code when the work failed.
using Channel = asio::experimental::concurrent_channel<void(boost::system::error_code, std::optional<std::string>)>;

/// The session's end of the channel.
class ChannelBody final : public http::BodyStream {
public:
    explicit ChannelBody(std::shared_ptr<Channel> channel) : channel_(std::move(channel)) {}
    // The client is gone or the body is complete: a producer still waiting
    // to hand a piece over gets an error and stops.
    ~ChannelBody() override { channel_->close(); }
    ChannelBody(const ChannelBody&) = delete;
    ChannelBody& operator=(const ChannelBody&) = delete;

    asio::awaitable<std::optional<std::string>> next() override {
        auto [ec, piece] = co_await channel_->async_receive(asio::as_tuple(asio::use_awaitable));
        if (ec) {
            throw std::runtime_error("the streamed body failed part-way: " + ec.message());
        }
        co_return std::move(piece);
    }

private:
    std::shared_ptr<Channel> channel_;
};

/// Sends on the channel from a pool thread and waits, at most `limit`.
bool hand_over(Channel& channel, boost::system::error_code ec, std::optional<std::string> piece,
               std::chrono::milliseconds limit) {
    auto taken = channel.async_send(ec, std::move(piece), asio::use_future);
    if (taken.wait_for(limit) != std::future_status::ready) {
        channel.close();  // completes the send with an error
        taken.wait();
        return false;
    }
    try {
        taken.get();
        return true;
    } catch (const std::exception&) {
        return false;  // closed: the client went away
    }
}

}  // namespace

std::shared_ptr<http::BodyStream> stream_from_pool(DatabasePool& pool, const asio::any_io_executor& executor,
                                                   StreamedWork work, std::chrono::milliseconds stall_limit) {
    // Two pieces in flight: one being sent, one ready.
    auto channel = std::make_shared<Channel>(executor, 2);
    auto started = std::make_shared<std::atomic<bool>>(false);
    auto job = [channel, started, work = std::move(work), stall_limit](pqxx::connection& connection) -> Status {
        *started = true;
        bool client_there = true;
        const EmitPiece emit = [&](std::string piece) {
            client_there = client_there && hand_over(*channel, {}, std::move(piece), stall_limit);
            return client_there;
        };
        const auto failed = make_error_code(boost::system::errc::io_error);
        std::optional<Status> status;
        try {
            status.emplace(work(connection, emit));
        } catch (...) {
            if (client_there) {
                hand_over(*channel, failed, std::nullopt, stall_limit);
            }
            throw;  // the pool logs it and drops a broken connection
        }
        if (client_there) {
            hand_over(*channel, status->ok() ? boost::system::error_code{} : failed, std::nullopt, stall_limit);
        }
        return *status;
    };
    auto run = [&pool, channel, started, job = std::move(job)]() mutable -> asio::awaitable<void> {
        const auto status = co_await pool.run(std::move(job));
        if (!status.ok()) {
            log_warning("exports.stream_failed", {{"reason", status.error().message}});
            if (!*started) {
                // Refused before it ran (the queue was full): end the body.
                channel->try_send(make_error_code(boost::system::errc::io_error), std::nullopt);
            }
        }
    };
    asio::co_spawn(executor, std::move(run), asio::detached);
    return std::make_shared<ChannelBody>(std::move(channel));
}

}  // namespace yardstick::server

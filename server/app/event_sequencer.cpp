#include "server/app/event_sequencer.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "server/app/log.hpp"
#include "yardstick/sql/event_log.hpp"

namespace yardstick::server {

boost::asio::awaitable<void> run_event_sequencer(DatabasePool* pool, std::chrono::milliseconds interval) {
    namespace asio = boost::asio;
    asio::steady_timer timer(co_await asio::this_coro::executor);
    bool failing = false;
    for (;;) {
        const auto sequenced = co_await pool->run([](pqxx::connection& connection) -> Result<std::int64_t> {
            return sql::sequence_committed_events(connection);
        });
        if (!sequenced.ok() && !failing) {
            log_warning("events.sequencer_failed", {{"reason", sequenced.error().message}});
        } else if (sequenced.ok() && failing) {
            log_info("events.sequencer_recovered");
        }
        failing = !sequenced.ok();
        // A full batch means more may be waiting: go again at once.
        if (sequenced.ok() && *sequenced >= 10'000) {
            continue;
        }
        boost::system::error_code ec;
        timer.expires_after(interval);
        co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            co_return;
        }
    }
}

}  // namespace yardstick::server

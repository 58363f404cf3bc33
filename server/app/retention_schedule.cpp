#include "server/app/retention_schedule.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <pqxx/pqxx>

#include "server/app/log.hpp"
#include "server/privacy/erasure.hpp"
#include "server/privacy/retention.hpp"

namespace yardstick::server {

boost::asio::awaitable<void> run_retention_schedule(DatabasePool* pool, std::chrono::milliseconds interval) {
    namespace asio = boost::asio;
    asio::steady_timer timer(co_await asio::this_coro::executor);
    for (;;) {
        auto apply = [](pqxx::connection& connection) -> Result<nlohmann::json> {
            std::string transaction_id;
            nlohmann::json done;
            {
                pqxx::work tx(connection);
                done = privacy::retention_json(privacy::apply_retention(tx));
                transaction_id = tx.exec1("SELECT pg_current_xact_id()::text")[0].c_str();
                tx.commit();
            }
            if (done.at("participants").get<std::size_t>() > 0) {
                privacy::compact_after_erasure(connection, transaction_id);
            }
            return done;
        };
        const auto applied = co_await pool->run(std::move(apply));
        if (!applied.ok()) {
            log_warning("retention.failed", {{"reason", applied.error().message}});
        } else if (applied->at("invitations").get<std::size_t>() + applied->at("participants").get<std::size_t>() > 0) {
            log_info("retention.applied",
                     {{"invitations_purged", applied->at("invitations")},
                      {"participants_erased", applied->at("participants")}});
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

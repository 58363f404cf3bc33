#include "server/routes/submission_flow.hpp"

#include <pqxx/nontransaction>

#include "server/routes/transaction.hpp"

namespace yardstick::server::routes {

boost::asio::awaitable<Result<collection::SubmissionOutcome>> submit_through_link(ApiDependencies deps,
                                                                                  std::string token,
                                                                                  collection::Submission submission) {
    auto target = collection::cached_target(token, *deps.instruments, *deps.form_links);
    if (!target) {
        // Named first: GCC 12 destroys a capturing lambda twice when it is
        // created inside a co_await expression (see in_transaction()).
        auto work = [token, deps](pqxx::nontransaction& tx) {
            return collection::load_target(tx, token, *deps.instruments, *deps.form_links);
        };
        auto loaded = co_await in_autocommit(*deps.pool, std::move(work));
        if (!loaded.ok()) {
            co_return loaded.error();
        }
        target = std::move(loaded).value();
    }
    auto write = collection::prepare_submission(*target, submission, *deps.links.master_key);
    if (!write.ok()) {
        co_return write.error();
    }
    auto prepared = std::move(write).value();
    const auto written = co_await deps.submissions->write(std::move(prepared));
    if (!written.ok()) {
        co_return written.error();
    }
    co_return collection::outcome_of(*written);
}

}  // namespace yardstick::server::routes

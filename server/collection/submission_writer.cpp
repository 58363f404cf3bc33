#include "server/collection/submission_writer.hpp"

#include <unordered_set>
#include <utility>

#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <pqxx/nontransaction>

namespace yardstick::server::collection {

namespace asio = boost::asio;

SubmissionWriter::SubmissionWriter(DatabasePool& pool, std::size_t max_writers, std::size_t max_batch)
    : pool_(pool),
      max_writers_(std::max<std::size_t>(max_writers, 1)),
      max_batch_(std::max<std::size_t>(max_batch, 1)) {}

asio::awaitable<Result<std::vector<sql::SubmissionResult>>> SubmissionWriter::write_batch(
    std::vector<sql::SubmissionWrite> submissions) {
    auto work = [submissions = std::move(submissions)](
                    pqxx::connection& connection) -> Result<std::vector<sql::SubmissionResult>> {
        pqxx::nontransaction tx(connection);
        return sql::submit_responses(tx, submissions);
    };
    co_return co_await pool_.run(std::move(work));
}

asio::awaitable<Result<sql::SubmissionResult>> SubmissionWriter::write(sql::SubmissionWrite submission) {
    auto executor = co_await asio::this_coro::executor;
    bool alone = false;
    {
        const std::lock_guard lock(mutex_);
        alone = writers_ < max_writers_;
        writers_ += alone ? 1 : 0;
    }
    if (alone) {
        // A writer is free: this request writes itself, at once, and then
        // stays a writer (as a loop of its own) only if others queued meanwhile.
        std::vector<sql::SubmissionWrite> one;
        one.push_back(std::move(submission));
        auto results = co_await write_batch(std::move(one));
        if (!take_queue_or_retire()) {
            asio::co_spawn(executor, write_batches(), asio::detached);
        }
        if (!results.ok()) {
            co_return results.error();
        }
        co_return std::move((*results)[0]);
    }
    // Every writer is busy: wait in the queue for the next batch. Named first:
    // GCC 12 destroys a capturing lambda twice when it is created inside a
    // co_await expression (see routes::in_transaction()).
    auto initiation = [this, executor](auto completion, sql::SubmissionWrite to_write) {
        bool start = false;
        {
            const std::lock_guard lock(mutex_);
            queue_.push_back(Pending{std::move(to_write), Completion(std::move(completion)), executor});
            // A writer may have retired since this request looked.
            start = writers_ < max_writers_;
            writers_ += start ? 1 : 0;
        }
        if (start) {
            asio::co_spawn(executor, write_batches(), asio::detached);
        }
    };
    co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(Result<sql::SubmissionResult>)>(
        std::move(initiation), asio::use_awaitable, std::move(submission));
}

bool SubmissionWriter::take_queue_or_retire() {
    const std::lock_guard lock(mutex_);
    if (queue_.empty()) {
        --writers_;
        return true;
    }
    return false;
}

std::vector<SubmissionWriter::Pending> SubmissionWriter::take_batch() {
    const std::lock_guard lock(mutex_);
    std::vector<Pending> batch;
    std::unordered_set<std::int64_t> invitations;
    // Pending entries are only ever move-constructed, never move-assigned:
    // Boost 1.81's any_completion_handler::operator=(&&) copies its argument
    // as an lvalue into its own converting constructor, which recurses until
    // the stack overflows. Erasing from the middle of the deque (a twin
    // through the same link left for the next batch) move-assigned the
    // entries behind it and crashed the server under load (ops/bench, 16
    // clients amending the same forms).
    std::deque<Pending> rest;
    while (!queue_.empty()) {
        Pending pending(std::move(queue_.front()));
        queue_.pop_front();
        if (batch.size() < max_batch_ && invitations.insert(pending.submission.invitation_id).second) {
            batch.push_back(std::move(pending));
        } else {
            rest.push_back(std::move(pending));  // a twin through the same link, or over the batch size: next batch
        }
    }
    queue_.swap(rest);
    if (batch.empty()) {
        --writers_;  // under the same lock as the queue: an arrival sees it
    }
    return batch;
}

asio::awaitable<void> SubmissionWriter::write_batches() {
    for (auto batch = take_batch(); !batch.empty(); batch = take_batch()) {
        std::vector<sql::SubmissionWrite> submissions;
        submissions.reserve(batch.size());
        for (auto& pending : batch) {
            submissions.push_back(std::move(pending.submission));
        }
        auto results = co_await write_batch(std::move(submissions));
        for (std::size_t i = 0; i < batch.size(); ++i) {
            Result<sql::SubmissionResult> result = results.ok() ? Result<sql::SubmissionResult>((*results)[i])
                                                                : Result<sql::SubmissionResult>(results.error());
            // Each waiting request resumes on its own executor.
            auto completion = std::move(batch[i].completion);
            asio::post(batch[i].executor, [completion = std::move(completion), result = std::move(result)]() mutable {
                std::move(completion)(std::move(result));
            });
        }
    }
}

}  // namespace yardstick::server::collection

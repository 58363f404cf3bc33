#pragma once
// Writes validated submissions in batches. While one batch is being written,
// the submissions that arrive wait and go together in the next: under load,
// one statement and one commit carry many submissions; alone, a submission
// is written at once (no timer, no added wait). By default one batch is
// written at a time (docs/decisions.md §10 has the measurements). Two
// submissions through the same link never share a batch (the second waits
// for the next); across batches the invitation's row lock orders them.

#include <cstddef>
#include <deque>
#include <mutex>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "server/app/database_pool.hpp"
#include "yardstick/domain/result.hpp"
#include "yardstick/sql/responses.hpp"

namespace yardstick::server::collection {

class SubmissionWriter {
public:
    /// Batches of at most `max_batch` submissions, written through `pool`
    /// by at most `max_writers` writers at a time.
    explicit SubmissionWriter(DatabasePool& pool, std::size_t max_writers = 1, std::size_t max_batch = 64);

    /// Writes `submission` (already validated) and answers once it is
    /// committed, or refused; an Error when the database failed the batch.
    boost::asio::awaitable<Result<sql::SubmissionResult>> write(sql::SubmissionWrite submission);

private:
    using Completion = boost::asio::any_completion_handler<void(Result<sql::SubmissionResult>)>;
    struct Pending {
        sql::SubmissionWrite submission;
        Completion completion;
        boost::asio::any_io_executor executor;  ///< where the waiting request resumes
    };

    boost::asio::awaitable<Result<std::vector<sql::SubmissionResult>>> write_batch(
        std::vector<sql::SubmissionWrite> submissions);
    /// Retires a writer when the queue is empty (true); false: it must go on.
    bool take_queue_or_retire();
    boost::asio::awaitable<void> write_batches();
    std::vector<Pending> take_batch();

    DatabasePool& pool_;
    std::size_t max_writers_;
    std::size_t max_batch_;
    std::mutex mutex_;
    std::deque<Pending> queue_;
    std::size_t writers_ = 0;  ///< requests writing alone and write_batches() loops running
};

}  // namespace yardstick::server::collection

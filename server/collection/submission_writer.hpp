#pragma once
// Writes validated submissions in batches. While one batch is being written,
// the submissions that arrive wait and go together in the next: under load,
// one statement and one commit carry many submissions; alone, a submission
// is written at once (no timer, no added wait). One batch is written at a
// time, and two submissions through the same link never share a batch (the
// second waits for the next), so each sees the other's committed result.

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
    /// Batches of at most `max_batch` submissions, written through `pool`.
    explicit SubmissionWriter(DatabasePool& pool, std::size_t max_batch = 64);

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
    void hand_over(const boost::asio::any_io_executor& executor);
    boost::asio::awaitable<void> write_batches();
    std::vector<Pending> take_batch();

    DatabasePool& pool_;
    std::size_t max_batch_;
    std::mutex mutex_;
    std::deque<Pending> queue_;
    bool writing_ = false;  ///< a batch is being written; arrivals queue
};

}  // namespace yardstick::server::collection

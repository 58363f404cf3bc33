#pragma once
// What a personal link is bound to, by token digest: the invitation, its
// programme, engagement, respondent, wave and instrument version. None of
// these ever changes for an invitation, so an entry never goes stale, and a
// submission can be validated before it touches the database. What does
// change (status, expiry, the wave's closure) is never cached. The one
// exception, the participant's wrapped key, changes only by erasure, which
// also ends the link: a stale one can seal only what the database then refuses.

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include <pqxx/transaction_base>

namespace yardstick::server::collection {

struct FormLink {
    std::int64_t invitation_id = 0;
    std::int64_t programme_id = 0;
    std::int64_t engagement_id = 0;
    std::string respondent;
    std::string wave;
    std::int64_t instrument_id = 0;
    std::int64_t participant_id = 0;
    std::optional<std::string> wrapped_key;  ///< the participant's key, wrapped; nullopt once erased
};

class FormLinkCache {
public:
    /// At most `capacity` links are kept; when full, the cache starts again
    /// empty (an entry costs one indexed lookup to refill).
    explicit FormLinkCache(std::size_t capacity = 100'000) : capacity_(capacity) {}

    /// The link with this token digest, read through `tx` on a miss;
    /// nullopt when there is no such invitation (not remembered).
    std::optional<FormLink> find(pqxx::transaction_base& tx, const std::string& token_digest);

    /// The link with this token digest if cached (no I/O).
    std::optional<FormLink> cached(const std::string& token_digest);

private:
    std::size_t capacity_;
    std::mutex mutex_;
    std::unordered_map<std::string, FormLink> links_;
};

}  // namespace yardstick::server::collection

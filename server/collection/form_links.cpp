#include "server/collection/form_links.hpp"

#include "yardstick/sql/invitations.hpp"

namespace yardstick::server::collection {

std::optional<FormLink> FormLinkCache::cached(const std::string& token_digest) {
    const std::lock_guard lock(mutex_);
    if (const auto it = links_.find(token_digest); it != links_.end()) {
        return it->second;
    }
    return std::nullopt;
}

std::optional<FormLink> FormLinkCache::find(pqxx::transaction_base& tx, const std::string& token_digest) {
    if (auto link = cached(token_digest)) {
        return link;
    }
    const auto invitation = sql::find_invitation_by_digest(tx, token_digest, false);
    if (!invitation) {
        return std::nullopt;
    }
    FormLink link{invitation->id,         invitation->programme_id, invitation->engagement_id,
                  invitation->respondent, invitation->wave,         invitation->instrument_id,
                  invitation->participant_id, invitation->wrapped_key};
    const std::lock_guard lock(mutex_);
    if (links_.size() >= capacity_) {
        links_.clear();
    }
    links_.emplace(token_digest, link);
    return link;
}

}  // namespace yardstick::server::collection

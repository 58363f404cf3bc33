#include "yardstick/sql/event_seals.hpp"

#include <array>
#include <limits>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <pqxx/pqxx>

#include "canonical_json_value.hpp"
#include "stored_event_row.hpp"

namespace yardstick::sql {
namespace {

constexpr std::int64_t kVerifyBatch = 10'000;

std::string hex_of(const unsigned char* bytes, std::size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out.push_back(kDigits[bytes[i] >> 4]);
        out.push_back(kDigits[bytes[i] & 0xF]);
    }
    return out;
}

std::array<unsigned char, 32> bytes_of_hex(const std::string& hex) {
    if (hex.size() != 64) {
        throw std::invalid_argument("a chain hash is 64 hex digits");
    }
    std::array<unsigned char, 32> out{};
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = static_cast<unsigned char>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
    }
    return out;
}

/// `{1,2,3}` / `{a,b}`: array literals of numbers and hex digits need no quoting.
template <typename Values>
std::string array_literal(const Values& values) {
    return "{" + pqxx::separated_list(",", values.begin(), values.end()) + "}";
}

}  // namespace

std::string canonical_event_bytes(const StoredEvent& event) {
    nlohmann::json object = {{"seq", event.seq},
                             {"programme_id", nullptr},
                             {"type", event.type},
                             {"occurred_at", event.occurred_at},
                             {"actor", event.actor},
                             {"data", nlohmann::json::parse(event.data_json)}};
    if (event.programme_id) {
        object["programme_id"] = *event.programme_id;
    }
    std::string out;
    internal::write_canonical_json(out, object);
    return out;
}

std::string chain_hash(const std::string& previous_hex, const std::string& bytes) {
    const auto previous = bytes_of_hex(previous_hex);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    const bool ok = context != nullptr && EVP_DigestInit_ex(context, EVP_sha256(), nullptr) == 1 &&
                    EVP_DigestUpdate(context, previous.data(), previous.size()) == 1 &&
                    EVP_DigestUpdate(context, bytes.data(), bytes.size()) == 1 &&
                    EVP_DigestFinal_ex(context, digest.data(), &size) == 1;
    EVP_MD_CTX_free(context);
    if (!ok) {
        throw std::runtime_error("SHA-256 failed");
    }
    return hex_of(digest.data(), size);
}

ChainHead chain_head_at(pqxx::transaction_base& tx, std::int64_t seq) {
    const auto rows =
        tx.exec_params("SELECT seq, encode(hash, 'hex') FROM event_seals WHERE seq <= $1 ORDER BY seq DESC LIMIT 1", seq);
    if (rows.empty()) {
        return {};
    }
    return {rows[0][0].as<std::int64_t>(), rows[0][1].as<std::string>()};
}

std::int64_t seal_sequenced_events(pqxx::transaction_base& tx, std::int64_t limit) {
    auto head = chain_head_at(tx, std::numeric_limits<std::int64_t>::max());
    const auto rows = tx.exec_params(std::string("SELECT ") + internal::kStoredEventColumns +
                                         R"( FROM event_order o JOIN events e ON e.id = o.event_id
               WHERE o.seq > $1 ORDER BY o.seq LIMIT $2)",
                                     head.seq, limit);
    if (rows.empty()) {
        return 0;
    }
    std::vector<std::int64_t> seqs;
    std::vector<std::string> hashes;
    seqs.reserve(rows.size());
    hashes.reserve(rows.size());
    for (const auto& row : rows) {
        const auto event = internal::stored_event_of(row);
        if (event.seq != head.seq + 1) {
            // Sealing over a hole would make the hole look legitimate.
            throw std::runtime_error("the event log has no event at " + std::to_string(head.seq + 1) +
                                     ": refusing to seal past it (run yardstick verify)");
        }
        head = {event.seq, chain_hash(head.hash, canonical_event_bytes(event))};
        seqs.push_back(head.seq);
        hashes.push_back(head.hash);
    }
    tx.exec_params0(
        "INSERT INTO event_seals (seq, hash) "
        "SELECT s, decode(h, 'hex') FROM unnest($1::bigint[], $2::text[]) AS t(s, h)",
        array_literal(seqs), array_literal(hashes));
    return static_cast<std::int64_t>(rows.size());
}

ChainVerdict verify_event_chain(pqxx::connection& connection, const std::optional<ChainHead>& expected) {
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(connection);
    ChainVerdict verdict;
    ChainHead computed;           // the chain recomputed so far
    std::int64_t last_seq = 0;    // the last place in the order seen
    std::int64_t first_unsealed = 0;
    std::optional<std::string> hash_at_expected;
    auto fail = [&verdict](std::int64_t seq, std::string reason) {
        verdict.ok = false;
        verdict.first_bad_seq = seq;
        verdict.reason = std::move(reason);
        return verdict;
    };
    for (;;) {
        const auto rows = tx.exec_params(std::string("SELECT ") + internal::kStoredEventColumns +
                                             R"(, e.id IS NULL, encode(s.hash, 'hex')
               FROM event_order o
               LEFT JOIN events e ON e.id = o.event_id
               LEFT JOIN event_seals s ON s.seq = o.seq
               WHERE o.seq > $1 ORDER BY o.seq LIMIT $2)",
            last_seq, kVerifyBatch);
        for (const auto& row : rows) {
            const auto seq = row[0].as<std::int64_t>();
            if (seq != last_seq + 1) {
                return fail(last_seq + 1, "the event at this place in the log's order is missing");
            }
            last_seq = seq;
            if (row[6].as<bool>()) {
                return fail(seq, "the event this place in the log's order names is missing");
            }
            if (row[7].is_null()) {
                if (first_unsealed == 0) {
                    first_unsealed = seq;  // fine if no sealed event follows: not sealed yet
                }
                continue;
            }
            if (first_unsealed != 0) {
                return fail(first_unsealed, "the event's seal is missing");
            }
            computed = {seq, chain_hash(computed.hash, canonical_event_bytes(internal::stored_event_of(row)))};
            if (computed.hash != row[7].as<std::string>()) {
                return fail(seq, "the event does not match its seal: it was changed, or another event moved here");
            }
            ++verdict.events;
            if (expected && expected->seq == seq) {
                hash_at_expected = computed.hash;
            }
        }
        if (rows.size() < static_cast<std::size_t>(kVerifyBatch)) {
            break;
        }
    }
    const auto stray = tx.exec_params("SELECT min(seq) FROM event_seals WHERE seq > $1", last_seq);
    if (!stray[0][0].is_null()) {
        return fail(stray[0][0].as<std::int64_t>(), "a sealed event is missing from the log's order");
    }
    if (expected && expected->seq == 0 && expected->hash != ChainHead{}.hash) {
        return fail(1, "the empty chain's head is 64 zeros");
    }
    if (expected && expected->seq > 0) {
        if (!hash_at_expected) {
            return fail(expected->seq, "the published head is no longer on the chain: the chain ends at " +
                                           std::to_string(computed.seq));
        }
        if (*hash_at_expected != expected->hash) {
            return fail(expected->seq, "the chain no longer has the published hash at this event");
        }
    }
    verdict.head = computed;
    return verdict;
}

}  // namespace yardstick::sql

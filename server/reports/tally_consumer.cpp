#include "server/reports/tally_consumer.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/app/log.hpp"
#include "server/json/answers_json.hpp"
#include "server/reports/register_events.hpp"
#include "server/templates/bundled_templates.hpp"
#include "yardstick/sql/programmes.hpp"
#include "yardstick/sql/report_tallies.hpp"

namespace yardstick::server::reports {

namespace {

using nlohmann::json;

constexpr std::string_view kInvitationIssued = "invitation.issued";

std::string text_member(const json& object, const char* name, const char* otherwise = "") {
    const auto it = object.find(name);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string(otherwise);
}

/// A response event as the tallies see it. Events written before the
/// organisation's groups were recorded (migration 0007) count as "unknown".
struct ResponseEvent {
    std::int64_t seq = 0;
    std::int64_t engagement_id = 0;
    std::int64_t version = 1;
    /// response.withdrawn: from here on the response counts no more.
    bool withdrawn = false;
    evaluation::CountedResponse response;
};

constexpr std::string_view kResponseWithdrawn = "response.withdrawn";

std::optional<ResponseEvent> response_event_of(const sql::StoredEvent& event) {
    const auto data = json::parse(event.data_json);
    ResponseEvent out;
    out.seq = event.seq;
    out.engagement_id = data.value("engagement_id", std::int64_t{0});
    out.version = data.value("version", std::int64_t{1});
    out.response.instrument = text_member(data, "instrument_key");
    out.response.respondent = text_member(data, "respondent");
    out.response.wave = text_member(data, "wave");
    if (event.type == kResponseWithdrawn) {
        out.withdrawn = true;
        if (out.engagement_id == 0 || out.response.instrument.empty()) {
            return std::nullopt;
        }
        return out;
    }
    const auto organisation = data.value("organisation", json::object());
    out.response.country = text_member(organisation, "country", "unknown");
    out.response.sector = text_member(organisation, "sector", "unknown");
    out.response.size = text_member(organisation, "size", "unknown");
    auto answers = server::json::answers_from_json(data.value("answers", json::object()));
    if (!answers.ok() || out.engagement_id == 0 || out.response.instrument.empty()) {
        return std::nullopt;  // not an event this server wrote: nothing to count
    }
    out.response.answers = std::move(answers).value();
    return out;
}

/// The response events of the batch's engagements, up to the batch's end,
/// in order: where "the latest version before this event" is looked up.
class ResponseHistory {
public:
    /// Events must be added in sequence order.
    void add(ResponseEvent event) {
        auto& versions = by_response_[{event.engagement_id, event.response.instrument}];
        by_seq_[event.seq] = {&versions, versions.size()};
        versions.push_back(std::move(event));
    }

    /// The event with this sequence number, parsed once when the history
    /// was read; nullptr when it is not a response event this server wrote.
    const ResponseEvent* at(std::int64_t seq) const {
        const auto it = by_seq_.find(seq);
        return it == by_seq_.end() ? nullptr : &(*it->second.first)[it->second.second];
    }

    /// The latest version of the engagement's response to `instrument`
    /// before `seq`; nullptr when there is none, or it was withdrawn.
    const evaluation::CountedResponse* latest_before(std::int64_t engagement_id, const std::string& instrument,
                                                     std::int64_t seq) const {
        const auto it = by_response_.find({engagement_id, instrument});
        if (it == by_response_.end()) {
            return nullptr;
        }
        const auto& versions = it->second;
        const auto after = std::lower_bound(versions.begin(), versions.end(), seq,
                                            [](const ResponseEvent& event, std::int64_t s) { return event.seq < s; });
        if (after == versions.begin() || std::prev(after)->withdrawn) {
            return nullptr;
        }
        return &std::prev(after)->response;
    }

private:
    /// Each response's events (engagement, instrument), in sequence order.
    std::map<std::pair<std::int64_t, std::string>, std::vector<ResponseEvent>> by_response_;
    /// Where each event is: its response's versions and its position there
    /// (positions, not pointers: the vectors grow while the history is read).
    std::unordered_map<std::int64_t, std::pair<const std::vector<ResponseEvent>*, std::size_t>> by_seq_;
};

/// Applies one response event: takes out what the version it replaces
/// contributed (alone and in pairs) and puts in what it contributes.
void count_response_event(evaluation::Tallies& tallies, const evaluation::IndicatorSet& set, const ResponseEvent& event,
                          const ResponseHistory& history) {
    const auto& response = event.response;
    const auto* replaced = history.latest_before(event.engagement_id, response.instrument, event.seq);
    if (replaced != nullptr) {
        evaluation::count_response(tallies, set, *replaced, -1);
    } else {
        evaluation::count_first_submission(tallies, set, response.respondent, response.wave, +1);
    }
    evaluation::count_response(tallies, set, response, +1);
    for (const auto& partner_instrument : evaluation::partner_instruments(set, response.instrument)) {
        const auto* partner = history.latest_before(event.engagement_id, partner_instrument, event.seq);
        if (partner == nullptr) {
            continue;  // the pair forms when the other half arrives
        }
        if (replaced != nullptr) {
            evaluation::count_pair(tallies, set, *replaced, *partner, -1);
        }
        evaluation::count_pair(tallies, set, response, *partner, +1);
    }
}

/// Applies one withdrawal: takes out what the response counted for, alone
/// and in pairs with the responses still counted beside it.
void count_withdrawal(evaluation::Tallies& tallies, const evaluation::IndicatorSet& set, const ResponseEvent& event,
                      const ResponseHistory& history) {
    const auto* withdrawn = history.latest_before(event.engagement_id, event.response.instrument, event.seq);
    if (withdrawn == nullptr) {
        return;  // nothing counted (withdrawn twice, or never written by this server)
    }
    evaluation::count_response(tallies, set, *withdrawn, -1);
    evaluation::count_first_submission(tallies, set, withdrawn->respondent, withdrawn->wave, -1);
    for (const auto& partner_instrument : evaluation::partner_instruments(set, withdrawn->instrument)) {
        if (const auto* partner = history.latest_before(event.engagement_id, partner_instrument, event.seq)) {
            evaluation::count_pair(tallies, set, *withdrawn, *partner, -1);
        }
    }
}

std::vector<sql::TallyRow> rows_of(const evaluation::Tallies& deltas) {
    std::vector<sql::TallyRow> rows;
    for (const auto& [key, value] : deltas) {
        if (value == evaluation::TallyValue{}) {
            continue;  // e.g. an amendment that changed nothing counted
        }
        rows.push_back(
            {key.indicator, key.group_by, key.group_key, key.cell, value.count, value.sum, value.sum_of_squares});
    }
    return rows;
}

}  // namespace

std::shared_ptr<const evaluation::IndicatorSet> IndicatorSets::of(pqxx::transaction_base& tx,
                                                                  std::int64_t programme_id) {
    {
        const std::lock_guard lock(mutex_);
        if (const auto it = sets_.find(programme_id); it != sets_.end()) {
            return it->second;
        }
    }
    std::shared_ptr<const evaluation::IndicatorSet> set;
    if (const auto programme = sql::find_programme_by_id(tx, programme_id)) {
        if (const auto* programme_template = templates::find_template(programme->template_key)) {
            set = std::make_shared<const evaluation::IndicatorSet>(
                evaluation::indicator_set(programme_template->indicators, programme_template->instruments));
        }
    }
    const std::lock_guard lock(mutex_);
    sets_.emplace(programme_id, set);
    return set;
}

CountedBatch count_new_events(pqxx::connection& connection, IndicatorSets& sets, std::int64_t batch) {
    pqxx::work tx(connection);
    CountedBatch counted;
    if (!sql::try_take_tally_turn(tx)) {
        counted.had_turn = false;
        return counted;
    }
    const auto after = sql::tally_checkpoint(tx);
    const auto last = sql::last_sequenced(tx);
    const auto through = std::min(last, after + batch);
    counted.checkpoint = after;
    counted.caught_up = through == last;
    if (through <= after) {
        return counted;
    }
    const auto events = sql::tally_events(tx, after, through);

    ResponseHistory history;
    for (const auto& event : sql::response_history_of_batch(tx, after, through)) {
        if (auto parsed = response_event_of(event)) {
            history.add(std::move(*parsed));
        }
    }

    const RegisterEvents register_events(tx, events);

    std::map<std::int64_t, evaluation::Tallies> deltas;  // by programme
    std::map<std::int64_t, std::int64_t> data_versions;
    for (const auto& event : events) {
        if (!event.programme_id) {
            continue;
        }
        const auto set = sets.of(tx, *event.programme_id);
        if (!set) {
            continue;
        }
        auto& tallies = deltas[*event.programme_id];
        if (event.type == kInvitationIssued) {
            const auto data = json::parse(event.data_json);
            evaluation::count_invitation(tallies, *set, text_member(data, "respondent"), text_member(data, "wave"), +1);
        } else if (const auto* response = history.at(event.seq)) {
            if (response->withdrawn) {
                count_withdrawal(tallies, *set, *response, history);
            } else {
                count_response_event(tallies, *set, *response, history);
            }
        } else if (!register_events.count(tallies, event)) {
            continue;
        }
        data_versions[*event.programme_id] = event.seq;
        ++counted.events_counted;
    }
    for (const auto& [programme_id, tallies] : deltas) {
        sql::add_tallies(tx, programme_id, rows_of(tallies));
    }
    for (const auto& [programme_id, seq] : data_versions) {
        sql::set_data_version(tx, programme_id, seq);
        // Every node's live report streams learn of it at commit
        // (server/reports/report_versions.hpp).
        tx.exec_params("SELECT pg_notify('yardstick_report', $1)",
                       std::to_string(programme_id) + ":" + std::to_string(seq));
    }
    sql::set_tally_checkpoint(tx, through);
    tx.commit();
    counted.events_scanned = through - after;
    counted.checkpoint = through;
    return counted;
}

std::int64_t rebuild_tallies(pqxx::connection& connection, IndicatorSets& sets) {
    {
        pqxx::work tx(connection);
        sql::clear_tallies(tx);
        tx.commit();
    }
    for (;;) {
        const auto batch = count_new_events(connection, sets);
        if (!batch.had_turn) {
            // A running server's consumer is counting a batch (which then
            // counts towards the rebuild too): ours is next.
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        } else if (batch.caught_up) {
            return batch.checkpoint;
        }
    }
}

boost::asio::awaitable<void> run_tally_consumer(DatabasePool* pool, IndicatorSets* sets,
                                                std::chrono::milliseconds interval) {
    namespace asio = boost::asio;
    asio::steady_timer timer(co_await asio::this_coro::executor);
    bool failing = false;
    for (;;) {
        auto count_batch = [sets](pqxx::connection& connection) -> Result<CountedBatch> {
            return count_new_events(connection, *sets);
        };
        const auto counted = co_await pool->run(std::move(count_batch));
        if (!counted.ok() && !failing) {
            log_warning("reports.tallies_failed", {{"reason", counted.error().message}});
        } else if (counted.ok() && failing) {
            log_info("reports.tallies_recovered");
        }
        failing = !counted.ok();
        if (counted.ok() && !counted->caught_up) {
            continue;  // behind: count the next batch at once
        }
        boost::system::error_code ec;
        timer.expires_after(interval);
        co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            co_return;
        }
    }
}

}  // namespace yardstick::server::reports

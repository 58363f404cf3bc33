// /api/v1/forms/{token}: the participant side, authorised by the token in
// the personal link alone. Read the form in the participant's language, save
// a draft, submit (or amend) the response.

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/collection/collection.hpp"
#include "server/json/instrument_json.hpp"
#include "server/routes/api.hpp"
#include "server/routes/route_support.hpp"
#include "server/routes/submission_flow.hpp"
#include "server/routes/transaction.hpp"
#include "server/security/tokens.hpp"
#include "yardstick/domain/registry.hpp"

namespace yardstick::server::routes {
namespace {

namespace asio = boost::asio;
using http::beast_http::status;

std::string text_in(const domain::LocalisedText& text, const std::string& language,
                    const std::vector<std::string>& languages) {
    if (const auto it = text.find(language); it != text.end()) {
        return it->second;
    }
    if (!languages.empty()) {
        if (const auto it = text.find(languages.front()); it != text.end()) {
            return it->second;
        }
    }
    return {};
}

nlohmann::json form_json(const collection::Form& form, const std::string& requested_language) {
    const auto& instrument = *form.instrument;
    const auto& languages = instrument.languages;
    std::string language = requested_language.empty() ? form.invitation.participant_language : requested_language;
    if (std::find(languages.begin(), languages.end(), language) == languages.end()) {
        language = languages.empty() ? "en" : languages.front();
    }
    nlohmann::json json = {
        {"instrument", json::localised_instrument_json(instrument, language)},
        {"language", language},
        {"answers", json::answers_to_json(form.answers)},
        {"status", form.invitation.status},
        {"wave", form.invitation.wave},
        {"respondent", form.invitation.respondent},
        {"expires_at", form.invitation.expires_at},
        {"consent",
         {{"version", instrument.consent.version},
          {"text", text_in(instrument.consent.statement, language, languages)},
          {"purpose", text_in(instrument.consent.purpose, language, languages)},
          {"audience", text_in(instrument.consent.audience, language, languages)}}},
    };
    if (form.invitation.response_id) {
        json["response"] = {{"id", *form.invitation.response_id}, {"version", *form.invitation.latest_version}};
    }
    return json;
}

// ?lang=: one of the supported languages (the instrument may still fall back).
Checked<std::string> requested_language(const http::RequestContext& context) {
    const auto lang = query_parameter(context, "lang");
    if (!lang) {
        return std::string();
    }
    if (!domain::is_supported_language(*lang)) {
        return bad_request("lang", "must be one of en, fr, de, it");
    }
    return *lang;
}

asio::awaitable<http::Response> show_form(http::RequestContext context, ApiDependencies deps) {
    const auto language = requested_language(context);
    if (const auto* problem = std::get_if<http::Problem>(&language)) {
        co_return problem_response(context, *problem);
    }
    const auto token = context.params.at("token");
    // Named first: GCC 12 destroys a capturing lambda twice when it is created
    // inside a co_await expression (see in_transaction()).
    auto work = [token, instruments = deps.instruments, master = deps.links.master_key](pqxx::work& tx) {
        return collection::open_form(tx, token, *instruments, *master, true);
    };
    auto form = co_await in_transaction(*deps.pool, std::move(work));
    if (!form.ok()) {
        co_return error_response(context, form.error());
    }
    co_return json_response(context, status::ok, form_json(*form, std::get<std::string>(language)));
}

asio::awaitable<http::Response> save_draft(http::RequestContext context, ApiDependencies deps) {
    auto body = read_json_object(context);
    if (auto* problem = std::get_if<http::Problem>(&body)) {
        co_return problem_response(context, *problem);
    }
    const auto& object = std::get<nlohmann::json>(body);
    JsonFields fields(object, {"answers"});
    if (!object.contains("answers")) {
        fields.add_error("answers", "is required");
    }
    if (auto valid = fields.status(); !valid.ok()) {
        co_return error_response(context, valid.error());
    }
    auto answers = json::answers_from_json(object["answers"]);
    if (!answers.ok()) {
        co_return error_response(context, answers.error());
    }
    const auto token = context.params.at("token");
    // Named first: GCC 12 destroys a capturing lambda twice when it is created
    // inside a co_await expression (see in_transaction()).
    auto work = [token, instruments = deps.instruments, master = deps.links.master_key,
                 answers = std::move(answers).value()](pqxx::work& tx) {
        return collection::save_form_draft(tx, token, answers, *instruments, *master);
    };
    auto form = co_await in_transaction(*deps.pool, std::move(work));
    if (!form.ok()) {
        co_return error_response(context, form.error());
    }
    co_return json_response(context, status::ok,
                            {{"status", form->invitation.status}, {"answers", json::answers_to_json(form->answers)}});
}

// An Idempotency-Key as clients send it: 1 to 255 visible ASCII characters.
bool is_acceptable_idempotency_key(std::string_view key) {
    return !key.empty() && key.size() <= 255 &&
           std::all_of(key.begin(), key.end(), [](char c) { return c > ' ' && c < 0x7f; });
}

asio::awaitable<http::Response> submit(http::RequestContext context, ApiDependencies deps) {
    auto body = read_json_object(context);
    if (auto* problem = std::get_if<http::Problem>(&body)) {
        co_return problem_response(context, *problem);
    }
    const auto& object = std::get<nlohmann::json>(body);
    collection::Submission submission;
    submission.idempotency_key = std::string(context.request["Idempotency-Key"]);
    if (context.request.find("Idempotency-Key") != context.request.end() &&
        !is_acceptable_idempotency_key(submission.idempotency_key)) {
        co_return problem_response(context,
                                   bad_request("Idempotency-Key", "must be 1 to 255 visible ASCII characters"));
    }
    JsonFields fields(object, {"answers", "consent_version"});
    if (!object.contains("answers")) {
        fields.add_error("answers", "is required");
    }
    submission.consent_version = fields.optional_integer("consent_version", 1, 1'000'000);
    std::vector<FieldError> problems = fields.errors();
    if (object.contains("answers")) {
        auto answers = json::answers_from_json(object["answers"]);
        if (answers.ok()) {
            submission.answers = std::move(answers).value();
        } else {
            problems.insert(problems.end(), answers.error().fields.begin(), answers.error().fields.end());
        }
    }
    if (!problems.empty()) {
        co_return error_response(
            context, Error{ErrorCode::invalid_argument, "The answers cannot be submitted as they are.", problems});
    }
    // The canonical form (object keys sorted), so that the same submission
    // with its members in another order is still the same request.
    submission.body_digest = security::sha256_hex(object.dump());
    auto outcome = co_await submit_through_link(deps, context.params.at("token"), std::move(submission));
    if (!outcome.ok()) {
        co_return error_response(context, outcome.error());
    }
    const auto& submitted = outcome->submitted;
    auto response = json_response(context, status::created,
                                  {{"response_id", submitted.response_id},
                                   {"version", submitted.version},
                                   {"submitted_at", submitted.submitted_at}});
    if (outcome->replayed) {
        response.set("Idempotent-Replayed", "true");
    }
    co_return response;
}

}  // namespace

void add_form_routes(http::Router& router, const ApiDependencies& deps) {
    using http::Permission;
    using http::beast_http::verb;
    const auto bind = [deps](auto handler) {
        return [deps, handler](http::RequestContext c) { return handler(std::move(c), deps); };
    };
    router.add({verb::get, "/api/v1/forms/{token}", Permission::invitation_token, bind(show_form)});
    router.add({verb::put, "/api/v1/forms/{token}/draft", Permission::invitation_token, bind(save_draft)});
    router.add({verb::post, "/api/v1/forms/{token}/submission", Permission::invitation_token, bind(submit)});
}

}  // namespace yardstick::server::routes

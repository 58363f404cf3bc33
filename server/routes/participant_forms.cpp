// /f/{token}: the participant's form as HTML pages that work without
// JavaScript (docs/participant-forms.md). Every post is answered with a
// redirect (303) when it succeeds, so that reloading never posts twice, or
// with the same page and its errors (422) when it does not.

#include <algorithm>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/collection/collection.hpp"
#include "server/forms/form_input.hpp"
#include "server/forms/form_pages.hpp"
#include "server/forms/interface_text.hpp"
#include "server/forms/stylesheet.hpp"
#include "server/json/answers_json.hpp"
#include "server/json/instrument_json.hpp"
#include "server/privacy/personal_answers.hpp"
#include "server/routes/api.hpp"
#include "server/routes/html_responses.hpp"
#include "server/routes/route_support.hpp"
#include "server/routes/submission_flow.hpp"
#include "server/routes/transaction.hpp"
#include "server/security/tokens.hpp"
#include "yardstick/sql/responses.hpp"

namespace yardstick::server::routes {
namespace {

namespace asio = boost::asio;
using http::beast_http::field;
using http::beast_http::status;

bool is_interface_language(std::string_view language) {
    return std::find(forms::kInterfaceLanguages.begin(), forms::kInterfaceLanguages.end(), language) !=
           forms::kInterfaceLanguages.end();
}

// The first of the browser's Accept-Language preferences the forms speak
// (the order is taken as given; q-values are rarely used to reorder).
std::string from_accept_language(std::string_view header) {
    while (!header.empty()) {
        const auto comma = header.find(',');
        auto item = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
        item = item.substr(0, item.find(';'));
        while (!item.empty() && item.front() == ' ') {
            item.remove_prefix(1);
        }
        std::string primary(item.substr(0, item.find('-')));
        std::transform(primary.begin(), primary.end(), primary.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        if (is_interface_language(primary)) {
            return primary;
        }
    }
    return {};
}

// ?lang=, else the participant's language, else the browser's, else English.
std::string page_language(const http::RequestContext& context, const std::string& participant_language) {
    if (const auto lang = query_parameter(context, "lang"); lang && is_interface_language(*lang)) {
        return *lang;
    }
    if (is_interface_language(participant_language)) {
        return participant_language;
    }
    if (auto browser = from_accept_language(context.request[field::accept_language]); !browser.empty()) {
        return browser;
    }
    return "en";
}

std::string base_language(const http::RequestContext& context) {
    return page_language(context, {});
}

http::Response not_found_page(const http::RequestContext& context) {
    return html_page(context, status::not_found,
                     forms::render_not_found(base_language(context), forms::stylesheet_url()));
}

http::Response gone_page(const http::RequestContext& context, const collection::Form& form) {
    const auto language = page_language(context, form.invitation.participant_language);
    const bool closed = form.invitation.wave_closed_at.has_value();
    return html_page(context, status::gone,
                     forms::render_gone(language, forms::stylesheet_url(), !closed,
                                        closed ? *form.invitation.wave_closed_at : form.invitation.expires_at,
                                        form.invitation.programme_contact));
}

bool usable(const collection::Form& form) {
    return !form.invitation.wave_closed && !form.invitation.expired;
}

bool consent_current(const collection::Form& form) {
    return form.invitation.consent_version == form.instrument->consent.version;
}

// A page name: start, check or a section number 1…N; anything else is empty.
std::string valid_page(const std::string& name, const domain::Instrument& instrument) {
    if (name == "start" || name == "check") {
        return name;
    }
    if (name.empty() || name.size() > 3 || !std::all_of(name.begin(), name.end(), ::isdigit)) {
        return {};
    }
    const auto number = std::stoul(name);
    return number >= 1 && number <= instrument.sections.size() ? name : std::string();
}

forms::FormPage page_of(const http::RequestContext& context, const collection::Form& form, const std::string& token) {
    forms::FormPage page;
    page.instrument = form.instrument.get();
    page.language = page_language(context, form.invitation.participant_language);
    page.token = token;
    page.stylesheet_url = forms::stylesheet_url();
    page.answers = form.answers;
    page.submitted_at = form.invitation.submitted_at;
    return page;
}

std::string location(const forms::FormPage& page, const std::string& name, bool saved = false) {
    return "/f/" + page.token + "?page=" + name + (saved ? "&saved=1" : "") + "&lang=" + page.language;
}

// Renders page `name` (already valid) of the form.
http::Response render(const http::RequestContext& context, status code, const forms::FormPage& page,
                      const collection::Form& form, const std::string& name) {
    if (name == "start") {
        return html_page(context, code, forms::render_start(page, consent_current(form)));
    }
    if (name == "check") {
        return html_page(context, code, forms::render_check(page, security::generate_token()));
    }
    return html_page(context, code, forms::render_section(page, std::stoul(name) - 1));
}

asio::awaitable<http::Response> show(http::RequestContext context, ApiDependencies deps) {
    const auto token = context.params.at("token");
    auto work = [token, instruments = deps.instruments,
                 master = deps.links.master_key](pqxx::work& tx) -> Result<collection::Form> {
        auto opened = collection::open_form(tx, token, *instruments, *master, true);
        if (!opened.ok() && opened.error().code == ErrorCode::gone) {
            return collection::find_form(tx, token, *instruments, *master);
        }
        return opened;
    };
    const auto form = co_await in_transaction(*deps.pool, std::move(work));
    if (!form.ok()) {
        co_return form.error().code == ErrorCode::not_found ? not_found_page(context)
                                                            : error_response(context, form.error());
    }
    if (!usable(*form)) {
        co_return gone_page(context, *form);
    }
    auto page = page_of(context, *form, token);
    page.saved = query_parameter(context, "saved").has_value();
    auto name = valid_page(query_parameter(context, "page").value_or(""), *form->instrument);
    if (name.empty()) {
        // Where the person stopped; after a submission, the check page.
        name = form->invitation.submitted_at ? "check" : valid_page(form->invitation.draft_page, *form->instrument);
    }
    if (name.empty() || !consent_current(*form)) {
        name = "start";
    }
    co_return render(context, status::ok, page, *form, name);
}

// The questions a section page showed, as the post says (only keys of
// that section count).
std::vector<const domain::Question*> posted_questions(const domain::Section& section, const std::string& shown) {
    std::vector<const domain::Question*> questions;
    for (const auto& question : section.questions) {
        const auto at = shown.find(question.key);
        const bool listed = at != std::string::npos && (at == 0 || shown[at - 1] == ' ') &&
                            (at + question.key.size() == shown.size() || shown[at + question.key.size()] == ' ');
        if (listed) {
            questions.push_back(&question);
        }
    }
    return questions;
}

struct SaveRequest {
    std::string token;
    domain::Answers answers;
    std::string page;
    std::optional<int> consent_version;
};

asio::awaitable<Result<collection::Form>> save(ApiDependencies deps, SaveRequest request) {
    auto work = [request = std::move(request), instruments = deps.instruments,
                 master = deps.links.master_key](pqxx::work& tx) {
        return collection::save_form_page(tx, request.token, request.answers, request.page, request.consent_version,
                                          *instruments, *master);
    };
    co_return co_await in_transaction(*deps.pool, std::move(work));
}

asio::awaitable<http::Response> post(http::RequestContext context, ApiDependencies deps) {
    const auto token = context.params.at("token");
    auto lookup = [token, instruments = deps.instruments,
                   master = deps.links.master_key](pqxx::work& tx) -> Result<collection::Form> {
        auto opened = collection::open_form(tx, token, *instruments, *master, true);
        if (!opened.ok() && opened.error().code == ErrorCode::gone) {
            return collection::find_form(tx, token, *instruments, *master);
        }
        return opened;
    };
    auto form = co_await in_transaction(*deps.pool, std::move(lookup));
    if (!form.ok()) {
        co_return form.error().code == ErrorCode::not_found ? not_found_page(context)
                                                            : error_response(context, form.error());
    }
    if (!usable(*form)) {
        co_return gone_page(context, *form);
    }
    if (auto problem = require_media_type(context, "application/x-www-form-urlencoded",
                                          "Post the form as application/x-www-form-urlencoded.")) {
        co_return problem_response(context, *problem);
    }
    const auto fields = forms::parse_form_body(context.request.body());
    if (!fields.ok()) {
        co_return error_response(context, fields.error());
    }
    const auto& instrument = *form->instrument;
    auto page = page_of(context, *form, token);
    const auto name = valid_page(forms::first_value(*fields, "_page"), instrument);
    const auto action = forms::first_value(*fields, "_action");
    if (name.empty()) {
        co_return error_response(context, Error::invalid("_page", "must be start, check or a section number"));
    }

    if (name == "start") {
        const auto agreed = forms::first_value(*fields, "consent");
        if (agreed != std::to_string(instrument.consent.version)) {
            page.errors["consent"] = std::string(forms::text(forms::Text::consent_required, page.language));
            co_return html_page(context, status::unprocessable_entity, forms::render_start(page, false));
        }
        // Named first: GCC 12 destroys a temporary with a destructor that is
        // created inside a co_await expression twice (docs/decisions.md §9).
        SaveRequest request{token, form->answers, "1", instrument.consent.version};
        auto saved = co_await save(deps, std::move(request));
        if (!saved.ok()) {
            co_return error_response(context, saved.error());
        }
        co_return see_other(context, location(page, "1"));
    }

    if (name == "check") {
        if (action != "submit") {
            co_return error_response(context, Error::invalid("_action", "must be submit on the check page"));
        }
        if (!consent_current(*form)) {
            page.errors["consent"] = std::string(forms::text(forms::Text::consent_changed, page.language));
        }
        page.errors = forms::check_answers(instrument, page.answers, {}, page.language, std::move(page.errors));
        if (!page.errors.empty()) {
            co_return render(context, status::unprocessable_entity, page, *form, "check");
        }
        collection::Submission submission;
        submission.answers = page.answers;
        submission.consent_version = form->invitation.consent_version;
        // The check page's nonce: a second click on Submit replays the first.
        if (const auto nonce = forms::first_value(*fields, "_nonce"); security::is_well_formed_token(nonce)) {
            submission.idempotency_key = "form:" + nonce;
        }
        submission.body_digest = security::sha256_hex(json::answers_to_json(page.answers).dump() + "|" +
                                                      std::to_string(*submission.consent_version));
        auto outcome = co_await submit_through_link(deps, token, std::move(submission));
        if (!outcome.ok()) {
            co_return outcome.error().code == ErrorCode::gone ? gone_page(context, *form)
                                                              : error_response(context, outcome.error());
        }
        co_return see_other(context, "/f/" + token + "/done?lang=" + page.language);
    }

    // A section page.
    const auto section = std::stoul(name) - 1;
    const auto shown = posted_questions(instrument.sections[section], forms::first_value(*fields, "_shown"));
    const auto posted = forms::read_page(shown, *fields, page.language);
    auto answers = form->answers;
    for (const auto* question : shown) {
        answers.erase(question->key);
    }
    for (const auto& [key, value] : posted.answers) {
        answers[key] = value;
    }
    answers = forms::without_irrelevant(instrument, std::move(answers));
    std::vector<std::string> keys;
    for (const auto* question : shown) {
        keys.push_back(question->key);
    }
    const bool strict = action == "continue";
    auto errors =
        strict ? forms::check_answers(instrument, answers, keys, page.language, posted.errors) : posted.errors;
    if (action == "back") {
        // Back never stops anyone: what cannot be read is not kept.
        for (const auto& [key, message] : errors) {
            answers.erase(key);
        }
        errors.clear();
    }
    if (!errors.empty()) {
        page.answers = answers;
        page.typed = *fields;
        page.errors = std::move(errors);
        co_return html_page(context, status::unprocessable_entity, forms::render_section(page, section));
    }
    std::string next = name;
    if (action == "continue") {
        // A question this page did not show but now should (its condition was
        // answered on this page) keeps the person here.
        bool more = false;
        for (const auto* question : domain::relevant_questions(instrument, answers)) {
            const bool in_section = std::any_of(instrument.sections[section].questions.begin(),
                                                instrument.sections[section].questions.end(),
                                                [&](const domain::Question& q) { return &q == question; });
            if (in_section && std::find(shown.begin(), shown.end(), question) == shown.end()) {
                more = true;
            }
        }
        if (!more) {
            next = section + 1 < instrument.sections.size() ? forms::section_page_name(section + 1) : "check";
        }
    } else if (action == "back") {
        next = section == 0 ? "start" : forms::section_page_name(section - 1);
    } else if (action != "save") {
        co_return error_response(context, Error::invalid("_action", "must be continue, back or save"));
    }
    SaveRequest request{token, answers, next == "start" ? name : next, std::nullopt};
    auto saved = co_await save(deps, std::move(request));
    if (!saved.ok()) {
        co_return error_response(context, saved.error());
    }
    co_return see_other(context, location(page, next, action == "save"));
}

asio::awaitable<http::Response> done(http::RequestContext context, ApiDependencies deps) {
    const auto token = context.params.at("token");
    auto work = [token, instruments = deps.instruments, master = deps.links.master_key](
                    pqxx::work& tx) -> Result<std::pair<collection::Form, domain::Answers>> {
        auto form = collection::find_form(tx, token, *instruments, *master);
        if (!form.ok()) {
            return form.error();
        }
        domain::Answers latest;
        if (form->invitation.response_id) {
            if (const auto stored = sql::latest_answers(tx, *form->invitation.response_id)) {
                auto kept = json::answers_from_json(nlohmann::json::parse(stored->answers_json));
                if (!kept.ok()) {
                    return Error{ErrorCode::internal, "a stored response does not parse", {}};
                }
                auto all = privacy::with_personal(std::move(kept).value(), stored->personal_sealed, form->person_key);
                if (!all.ok()) {
                    return all.error();
                }
                latest = std::move(all).value();
            }
        }
        return std::pair{std::move(form).value(), std::move(latest)};
    };
    const auto found = co_await in_transaction(*deps.pool, std::move(work));
    if (!found.ok()) {
        co_return found.error().code == ErrorCode::not_found ? not_found_page(context)
                                                             : error_response(context, found.error());
    }
    const auto& [form, latest] = *found;
    if (!form.invitation.response_id) {
        co_return see_other(context, "/f/" + token);
    }
    auto page = page_of(context, form, token);
    page.answers = latest;
    const auto receipt =
        std::to_string(*form.invitation.response_id) + "-" + std::to_string(form.invitation.latest_version.value_or(1));
    co_return html_page(context, status::ok, forms::render_done(page, receipt));
}

asio::awaitable<http::Response> stylesheet(http::RequestContext context) {
    co_return immutable_asset(context, "text/css; charset=utf-8", forms::stylesheet());
}

}  // namespace

void add_participant_form_routes(http::Router& router, const ApiDependencies& deps) {
    using http::Permission;
    using http::beast_http::verb;
    const auto bind = [deps](auto handler) {
        return [deps, handler](http::RequestContext c) { return handler(std::move(c), deps); };
    };
    router.add({verb::get, "/f/{token}", Permission::invitation_token, bind(show)});
    router.add({verb::post, "/f/{token}", Permission::invitation_token, bind(post)});
    router.add({verb::get, "/f/{token}/done", Permission::invitation_token, bind(done)});
    router.add({verb::get, "/assets/form.css", Permission::anyone, stylesheet});
    add_own_data_routes(router, deps);
    add_consent_withdrawal_routes(router, deps);
}

}  // namespace yardstick::server::routes

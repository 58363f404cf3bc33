#include "server/forms/form_pages.hpp"

#include <algorithm>

#include "server/forms/interface_text.hpp"
#include "server/forms/question_controls.hpp"
#include "server/html/html_writer.hpp"

namespace yardstick::server::forms {
namespace {

using html::HtmlWriter;

constexpr std::pair<std::string_view, std::string_view> kLanguageNames[] = {
    {"en", "English"}, {"fr", "Français"}, {"de", "Deutsch"}, {"it", "Italiano"}};

std::string t(Text id, const std::string& language) {
    return std::string(text(id, language));
}

// "2017-06-30T10:00:00.000000Z" → "2017-06-30": the day is what people need.
std::string day_of(const std::string& rfc3339) {
    return rfc3339.substr(0, std::min<std::size_t>(10, rfc3339.size()));
}

std::string form_action(const FormPage& page) {
    return "/f/" + page.token + "?lang=" + page.language;
}

std::string page_link(const FormPage& page, const std::string& name) {
    return "/f/" + page.token + "?page=" + name + "&lang=" + page.language;
}

// The frame of every page: head, the language switcher, <main>. `body`
// writes the page's own content into <main>. `switch_query` is kept in the
// switcher's links (e.g. "page=2&").
template <typename Body>
std::string layout(const std::string& language, const std::string& title, const std::string& stylesheet_url,
                   const std::string& switch_base, Body body) {
    HtmlWriter html;
    {
        auto root = html.open("html", {{"lang", language}});
        {
            auto head = html.open("head");
            html.empty("meta", {{"charset", "utf-8"}});
            html.empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
            html.element("title", title);
            html.empty("link", {{"rel", "stylesheet"}, {"href", stylesheet_url}});
        }
        auto page_body = html.open("body");
        {
            auto header = html.open("header", {{"class", "masthead"}});
            auto nav = html.open("nav", {{"aria-label", t(Text::language_label, language)}});
            auto list = html.open("ul", {{"class", "languages"}});
            for (const auto& [code, name] : kLanguageNames) {
                auto item = html.open("li");
                const bool current = code == language;
                html.element("a",
                             {{"href", switch_base + "lang=" + std::string(code)},
                              {"hreflang", std::string(code)},
                              {"lang", std::string(code)},
                              {"aria-current", "true", current}},
                             name);
            }
        }
        auto main = html.open("main", {{"id", "main"}});
        body(html);
    }
    return html.document();
}

// The error summary: a heading and a link to each wrong field, in page order.
void error_summary(HtmlWriter& html, const std::string& language,
                   const std::vector<std::pair<std::string, std::string>>& errors) {
    if (errors.empty()) {
        return;
    }
    auto box = html.open("div", {{"class", "error-summary"},
                                 {"role", "alert"},
                                 {"aria-labelledby", "error-summary-title"},
                                 {"tabindex", "-1"}});
    html.element("h2", {{"id", "error-summary-title"}}, t(Text::error_summary_title, language));
    auto list = html.open("ul");
    for (const auto& [href, message] : errors) {
        auto item = html.open("li");
        html.element("a", {{"href", href}}, message);
    }
}

// Errors in the order their questions are asked, linking to the controls.
std::vector<std::pair<std::string, std::string>> ordered_errors(const FormPage& page,
                                                                const std::vector<const domain::Question*>& questions,
                                                                const std::string& link_base = {}) {
    std::vector<std::pair<std::string, std::string>> errors;
    for (const auto* question : questions) {
        if (const auto it = page.errors.find(question->key); it != page.errors.end()) {
            errors.emplace_back(link_base + "#" + question_id(*question), it->second);
        }
    }
    return errors;
}

std::string switch_base(const FormPage& page, const std::string& page_name) {
    return "/f/" + page.token + "?page=" + page_name + "&";
}

void hidden(HtmlWriter& html, std::string_view name, const std::string& value) {
    html.empty("input", {{"type", "hidden"}, {"name", std::string(name)}, {"value", value}});
}

void button(HtmlWriter& html, std::string_view action, const std::string& label, bool primary) {
    html.element("button",
                 {{"type", "submit"},
                  {"name", "_action"},
                  {"value", std::string(action)},
                  {"class", primary ? "button" : "button secondary"}},
                 label);
}

// Questions shown on a section: relevant given the answers so far.
std::vector<const domain::Question*> shown_questions(const FormPage& page, std::size_t section) {
    const auto relevant = domain::relevant_questions(*page.instrument, page.answers);
    std::vector<const domain::Question*> shown;
    for (const auto& question : page.instrument->sections[section].questions) {
        if (std::find(relevant.begin(), relevant.end(), &question) != relevant.end()) {
            shown.push_back(&question);
        }
    }
    return shown;
}

// The answers of every relevant question, section by section.
void answer_list(HtmlWriter& html, const FormPage& page, bool with_change_links) {
    const auto& language = page.language;
    const auto relevant = domain::relevant_questions(*page.instrument, page.answers);
    for (std::size_t s = 0; s < page.instrument->sections.size(); ++s) {
        const auto& section = page.instrument->sections[s];
        html.element("h2", localised(section.title, language));
        auto list = html.open("dl", {{"class", "answers"}});
        for (const auto& question : section.questions) {
            if (std::find(relevant.begin(), relevant.end(), &question) == relevant.end()) {
                continue;
            }
            auto row = html.open("div", {{"class", "answer-row"}});
            html.element("dt", localised(question.text, language));
            const auto answer = page.answers.find(question.key);
            html.element("dd", {{"class", answer == page.answers.end() ? "answer unanswered" : "answer"}},
                         answer == page.answers.end() ? t(Text::not_answered, language)
                                                      : answer_in_words(question, answer->second, language));
            if (with_change_links) {
                auto change = html.open("dd", {{"class", "change"}});
                auto link =
                    html.open("a", {{"href", page_link(page, section_page_name(s)) + "#" + question_id(question)}});
                html.text(t(Text::change_link, language));
                html.element("span", {{"class", "visually-hidden"}}, " " + localised(question.text, language));
            }
        }
    }
}

}  // namespace

std::string section_page_name(std::size_t section) {
    return std::to_string(section + 1);
}

std::string render_start(const FormPage& page, bool consent_given) {
    const auto& language = page.language;
    const auto& instrument = *page.instrument;
    const auto title = localised(instrument.title, language);
    return layout(language, title, page.stylesheet_url, switch_base(page, "start"), [&](HtmlWriter& html) {
        html.element("h1", title);
        std::vector<std::pair<std::string, std::string>> errors;
        if (const auto it = page.errors.find("consent"); it != page.errors.end()) {
            errors.emplace_back("#q-consent", it->second);
        }
        error_summary(html, language, errors);
        html.element("h2", t(Text::purpose_heading, language));
        html.element("p", localised(instrument.consent.purpose, language));
        html.element("h2", t(Text::audience_heading, language));
        html.element("p", localised(instrument.consent.audience, language));
        html.element("h2", {{"id", "consent-heading"}}, t(Text::consent_heading, language));
        html.element("p", {{"id", "consent-statement"}}, localised(instrument.consent.statement, language));
        auto form = html.open("form", {{"method", "post"}, {"action", form_action(page)}, {"novalidate", ""}});
        hidden(html, "_page", "start");
        const auto error = page.errors.find("consent");
        {
            auto block = html.open(
                "div", {{"class", error != page.errors.end() ? "question consent has-error" : "question consent"}});
            if (error != page.errors.end()) {
                html.element("p", {{"class", "field-error"}, {"id", "q-consent-error"}}, error->second);
            }
            auto option = html.open("div", {{"class", "option"}});
            html.empty("input", {{"type", "checkbox"},
                                 {"name", "consent"},
                                 {"id", "q-consent"},
                                 {"value", std::to_string(instrument.consent.version)},
                                 {"checked", "", consent_given},
                                 {"aria-describedby", error != page.errors.end() ? "consent-statement q-consent-error"
                                                                                 : "consent-statement"}});
            html.element("label", {{"for", "q-consent"}}, t(Text::consent_agree, language));
        }
        auto actions = html.open("div", {{"class", "actions"}});
        button(html, "continue", t(Text::continue_button, language), true);
    });
}

std::string render_section(const FormPage& page, std::size_t section) {
    const auto& language = page.language;
    const auto& instrument = *page.instrument;
    const auto& current = instrument.sections.at(section);
    const auto heading = localised(current.title, language);
    const auto title = heading + " – " + localised(instrument.title, language);
    const auto name = section_page_name(section);
    return layout(language, title, page.stylesheet_url, switch_base(page, name), [&](HtmlWriter& html) {
        html.element("p", {{"class", "progress"}},
                     fill(text(Text::progress, language), {{"number", std::to_string(section + 1)},
                                                           {"total", std::to_string(instrument.sections.size())}}));
        html.element("p", {{"class", "instrument-title"}}, localised(instrument.title, language));
        html.element("h1", heading);
        const auto shown = shown_questions(page, section);
        error_summary(html, language, ordered_errors(page, shown));
        if (page.saved) {
            html.element("p", {{"class", "notice"}, {"role", "status"}}, t(Text::saved_notice, language));
        }
        auto form = html.open("form", {{"method", "post"}, {"action", form_action(page)}, {"novalidate", ""}});
        hidden(html, "_page", name);
        std::string keys;
        for (const auto* question : shown) {
            keys += (keys.empty() ? "" : " ") + question->key;
        }
        hidden(html, "_shown", keys);
        for (const auto* question : shown) {
            question_control(html, page, *question);
        }
        auto actions = html.open("div", {{"class", "actions"}});
        button(html, "continue", t(Text::continue_button, language), true);
        button(html, "back", t(Text::back_button, language), false);
        button(html, "save", t(Text::save_button, language), false);
    });
}

std::string render_check(const FormPage& page, const std::string& nonce) {
    const auto& language = page.language;
    const auto title = t(Text::check_heading, language) + " – " + localised(page.instrument->title, language);
    return layout(language, title, page.stylesheet_url, switch_base(page, "check"), [&](HtmlWriter& html) {
        html.element("p", {{"class", "instrument-title"}}, localised(page.instrument->title, language));
        html.element("h1", t(Text::check_heading, language));
        std::vector<std::pair<std::string, std::string>> errors;
        for (std::size_t s = 0; s < page.instrument->sections.size(); ++s) {
            std::vector<const domain::Question*> questions;
            for (const auto& question : page.instrument->sections[s].questions) {
                questions.push_back(&question);
            }
            for (auto& error : ordered_errors(page, questions, page_link(page, section_page_name(s)))) {
                errors.push_back(std::move(error));
            }
        }
        if (const auto it = page.errors.find("consent"); it != page.errors.end()) {
            errors.emplace_back(page_link(page, "start") + "#q-consent", it->second);
        }
        error_summary(html, language, errors);
        if (page.submitted_at) {
            html.element("p", {{"class", "notice"}},
                         fill(text(Text::amending_notice, language), {{"date", day_of(*page.submitted_at)}}));
        }
        html.element("p", t(Text::check_intro, language));
        answer_list(html, page, true);
        auto form = html.open("form", {{"method", "post"}, {"action", form_action(page)}, {"novalidate", ""}});
        hidden(html, "_page", "check");
        hidden(html, "_nonce", nonce);
        auto actions = html.open("div", {{"class", "actions"}});
        button(html, "submit", t(page.submitted_at ? Text::amend_button : Text::submit_button, language), true);
    });
}

namespace {

// The person's rights, from their own link: see their data, withdraw consent.
void your_data(HtmlWriter& html, const FormPage& page) {
    const auto& language = page.language;
    auto section = html.open("section", {{"class", "your-data"}});
    html.element("h2", t(Text::your_data_heading, language));
    auto list = html.open("ul");
    {
        auto item = html.open("li");
        html.element("a", {{"href", "/f/" + page.token + "/my-data"}}, t(Text::your_data_link, language));
    }
    {
        auto item = html.open("li");
        html.element("a", {{"href", "/f/" + page.token + "/withdraw?lang=" + language}, {"id", "withdraw"}},
                     t(Text::withdraw_link, language));
    }
}

}  // namespace

std::string render_done(const FormPage& page, const std::string& receipt) {
    const auto& language = page.language;
    const auto title = t(Text::done_title, language);
    return layout(language, title, page.stylesheet_url, "/f/" + page.token + "/done?", [&](HtmlWriter& html) {
        html.element("h1", title);
        {
            auto p = html.open("p", {{"class", "receipt"}});
            html.text(t(Text::receipt_label, language) + ": ");
            html.element("strong", {{"id", "receipt"}}, receipt);
        }
        html.element("p", t(Text::amend_possible, language));
        html.element("p", {{"class", "instrument-title"}}, localised(page.instrument->title, language));
        answer_list(html, page, false);
        your_data(html, page);
    });
}

std::string render_withdraw(const std::string& language, const std::string& stylesheet_url, const std::string& token) {
    const auto title = t(Text::withdraw_title, language);
    const auto path = "/f/" + token + "/withdraw";
    return layout(language, title, stylesheet_url, path + "?", [&](HtmlWriter& html) {
        html.element("h1", title);
        html.element("p", t(Text::withdraw_body, language));
        auto form = html.open("form", {{"method", "post"}, {"action", path + "?lang=" + language}});
        html.empty("input", {{"type", "hidden"}, {"name", "confirm"}, {"value", "yes"}});
        html.element("button", {{"type", "submit"}, {"class", "button warning"}}, t(Text::withdraw_button, language));
    });
}

std::string render_withdrawn(const std::string& language, const std::string& stylesheet_url) {
    const auto title = t(Text::withdrawn_title, language);
    return layout(language, title, stylesheet_url, "?", [&](HtmlWriter& html) {
        html.element("h1", title);
        html.element("p", t(Text::withdrawn_body, language));
    });
}

std::string render_not_found(const std::string& language, const std::string& stylesheet_url) {
    const auto title = t(Text::not_found_title, language);
    return layout(language, title, stylesheet_url, "?", [&](HtmlWriter& html) {
        html.element("h1", title);
        html.element("p", t(Text::not_found_body, language));
    });
}

std::string render_gone(const std::string& language, const std::string& stylesheet_url, bool expired,
                        const std::string& when, const std::string& contact) {
    const auto title = t(Text::gone_title, language);
    return layout(language, title, stylesheet_url, "?", [&](HtmlWriter& html) {
        html.element("h1", title);
        html.element("p", fill(text(expired ? Text::gone_expired_body : Text::gone_closed_body, language),
                               {{"date", day_of(when)}}));
        if (!contact.empty()) {
            html.element("p", fill(text(Text::gone_contact, language), {{"contact", contact}}));
        }
    });
}

}  // namespace yardstick::server::forms

#include "server/routes/staff_page_html.hpp"

#include "server/forms/stylesheet.hpp"
#include "server/html/html_writer.hpp"
#include "server/html/staff_page_frame.hpp"

namespace yardstick::server::routes {
namespace {

using html::HtmlWriter;

void hidden(HtmlWriter& html, std::string_view name, const std::string& value) {
    html.empty("input", {{"type", "hidden"}, {"name", std::string(name)}, {"value", value}});
}

std::string message_for(const SignInForm& form, const std::string& field) {
    for (const auto& [id, message] : form.errors) {
        if (id == field) {
            return message;
        }
    }
    return {};
}

// A labelled input with its error, tied together for screen readers.
void field(HtmlWriter& html, const SignInForm& form, const std::string& id, const std::string& label,
           html::Attributes input) {
    const auto error = message_for(form, id);
    auto group = html.open("div", {{"class", error.empty() ? "question" : "question has-error"}});
    html.element("label", {{"for", id}, {"class", "question-text"}}, label);
    if (!error.empty()) {
        html.element("p", {{"id", id + "-error"}, {"class", "field-error"}}, error);
        input.push_back({"aria-describedby", id + "-error"});
        input.push_back({"aria-invalid", "true"});
    }
    input.push_back({"id", id});
    input.push_back({"name", id});
    html.empty("input", input);
}

}  // namespace

std::string render_sign_in(const SignInForm& form) {
    return html::staff_page("Sign in", forms::stylesheet_url(), "", [&](HtmlWriter& html) {
        html.element("h1", "Sign in");
        if (!form.errors.empty()) {
            auto box = html.open("div", {{"class", "error-summary"},
                                         {"role", "alert"},
                                         {"aria-labelledby", "error-summary-title"},
                                         {"tabindex", "-1"}});
            html.element("h2", {{"id", "error-summary-title"}}, "There is a problem");
            auto list = html.open("ul");
            for (const auto& [id, message] : form.errors) {
                auto item = html.open("li");
                if (id.empty()) {
                    html.text(message);
                } else {
                    html.element("a", {{"href", "#" + id}}, message);
                }
            }
        }
        auto sign_in = html.open("form", {{"method", "post"}, {"action", "/login"}, {"novalidate", ""}});
        hidden(html, "_csrf", form.csrf);
        hidden(html, "next", form.next);
        field(html, form, "email", "E-mail address",
              {{"type", "email"}, {"autocomplete", "username"}, {"spellcheck", "false"}, {"value", form.email}});
        field(html, form, "password", "Password", {{"type", "password"}, {"autocomplete", "current-password"}});
        {
            auto details = html.open("details");
            html.element("summary", "Sign in with an API token instead");
            field(html, form, "token", "API token (from yardstick token create)",
                  {{"type", "password"}, {"autocomplete", "off"}});
        }
        auto actions = html.open("div", {{"class", "actions"}});
        html.element("button", {{"type", "submit"}, {"class", "button"}}, "Sign in");
    });
}

std::string render_home(const HomePage& page) {
    return html::staff_page("Programmes", forms::stylesheet_url(), "", [&](HtmlWriter& html) {
        {
            auto bar = html.open("div", {{"class", "signed-in"}});
            html.element("p", "Signed in as " + page.email + (page.admin ? " (administrator)" : ""));
            if (!page.csrf.empty()) {
                auto sign_out = html.open("form", {{"method", "post"}, {"action", "/logout"}});
                hidden(html, "_csrf", page.csrf);
                html.element("button", {{"type", "submit"}, {"class", "button secondary"}}, "Sign out");
            }
        }
        html.element("h1", "Programmes");
        if (page.programmes.empty()) {
            html.element("p", {{"class", "notice"}},
                         page.admin ? "There are no programmes yet. Create one with POST /api/v1/programmes."
                                    : "You have no role in any programme yet: an administrator can grant one with "
                                      "yardstick user add.");
            return;
        }
        auto table = html.open("table", {{"class", "programmes"}});
        {
            auto head = html.open("thead");
            auto row = html.open("tr");
            for (const auto* heading : {"Programme", "Kind", "Your roles", "Data"}) {
                html.element("th", {{"scope", "col"}}, heading);
            }
        }
        auto body = html.open("tbody");
        for (const auto& programme : page.programmes) {
            auto row = html.open("tr");
            html.element("th", {{"scope", "row"}}, programme.name);
            html.element("td", programme.kind);
            html.element("td", programme.roles);
            auto data = html.open("td");
            html.element("a", {{"href", "/api/v1/programmes/" + programme.slug}}, programme.slug + " (JSON)");
        }
    });
}

}  // namespace yardstick::server::routes

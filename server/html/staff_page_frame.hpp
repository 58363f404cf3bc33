#pragma once
// The frame of every staff page (sign-in, home, the impact dashboard): the
// document head with the one stylesheet, the masthead, and <main>, into
// which `body` writes. English, as the staff pages are.

#include <string>

#include "server/html/html_writer.hpp"

namespace yardstick::server::html {

/// What some staff pages add to the frame: a script of the server's own
/// (loaded deferred; the page works without it) and attributes of <main>.
struct PageExtras {
    std::string script_url;
    Attributes main_attributes;
};

/// A whole page titled "`title` · Yardstick"; `main_class` (may be empty)
/// is the class of <main>.
template <typename Body>
std::string staff_page(const std::string& title, const std::string& stylesheet_url, const std::string& main_class,
                       Body body, const PageExtras& extras = {}) {
    HtmlWriter html;
    {
        auto root = html.open("html", {{"lang", "en"}});
        {
            auto head = html.open("head");
            html.empty("meta", {{"charset", "utf-8"}});
            html.empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
            html.element("title", title + " · Yardstick");
            html.empty("link", {{"rel", "stylesheet"}, {"href", stylesheet_url}});
            if (!extras.script_url.empty()) {
                html.element("script", {{"src", extras.script_url}, {"defer", "defer"}}, "");
            }
        }
        auto page_body = html.open("body");
        {
            auto header = html.open("header", {{"class", "masthead"}});
            html.element("p", "Yardstick · programme evaluation");
        }
        Attributes main_attributes = {{"id", "main"}, {"class", main_class, !main_class.empty()}};
        main_attributes.insert(main_attributes.end(), extras.main_attributes.begin(), extras.main_attributes.end());
        auto main = html.open("main", main_attributes);
        body(html);
    }
    return html.document();
}

}  // namespace yardstick::server::html

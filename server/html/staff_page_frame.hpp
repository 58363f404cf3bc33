#pragma once
// The frame of every staff page (sign-in, home, the impact dashboard): the
// document head with the one stylesheet, the masthead, and <main>, into
// which `body` writes. English, as the staff pages are.

#include <string>

#include "server/html/html_writer.hpp"

namespace yardstick::server::html {

/// A whole page titled "`title` · Yardstick"; `main_class` (may be empty)
/// is the class of <main>.
template <typename Body>
std::string staff_page(const std::string& title, const std::string& stylesheet_url, const std::string& main_class,
                       Body body) {
    HtmlWriter html;
    {
        auto root = html.open("html", {{"lang", "en"}});
        {
            auto head = html.open("head");
            html.empty("meta", {{"charset", "utf-8"}});
            html.empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
            html.element("title", title + " · Yardstick");
            html.empty("link", {{"rel", "stylesheet"}, {"href", stylesheet_url}});
        }
        auto page_body = html.open("body");
        {
            auto header = html.open("header", {{"class", "masthead"}});
            html.element("p", "Yardstick · programme evaluation");
        }
        auto main = html.open("main", {{"id", "main"}, {"class", main_class, !main_class.empty()}});
        body(html);
    }
    return html.document();
}

}  // namespace yardstick::server::html

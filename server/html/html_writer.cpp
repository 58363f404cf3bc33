#include "server/html/html_writer.hpp"

#include <algorithm>
#include <stdexcept>

namespace yardstick::server::html {
namespace {

// Names are written as they are, so only plain names are accepted.
void require_name(std::string_view name) {
    const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (!plain) {
        throw std::invalid_argument("not a plain HTML name: " + std::string(name));
    }
}

}  // namespace

std::string escape(std::string_view text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                escaped += "&amp;";
                break;
            case '<':
                escaped += "&lt;";
                break;
            case '>':
                escaped += "&gt;";
                break;
            case '"':
                escaped += "&quot;";
                break;
            case '\'':
                escaped += "&#39;";
                break;
            default:
                escaped += c;
        }
    }
    return escaped;
}

void HtmlWriter::start_tag(std::string_view tag, const Attributes& attributes) {
    require_name(tag);
    out_ += '<';
    out_ += tag;
    for (const auto& attribute : attributes) {
        if (!attribute.present) {
            continue;
        }
        require_name(attribute.name);
        out_ += ' ';
        out_ += attribute.name;
        out_ += "=\"";
        out_ += escape(attribute.value);
        out_ += '"';
    }
    out_ += '>';
}

HtmlWriter::Element HtmlWriter::open(std::string_view tag, const Attributes& attributes) {
    start_tag(tag, attributes);
    open_.emplace_back(tag);
    return Element(this);
}

void HtmlWriter::element(std::string_view tag, const Attributes& attributes, std::string_view content) {
    start_tag(tag, attributes);
    out_ += escape(content);
    out_ += "</";
    out_ += tag;
    out_ += '>';
}

void HtmlWriter::empty(std::string_view tag, const Attributes& attributes) {
    start_tag(tag, attributes);
}

void HtmlWriter::text(std::string_view content) {
    out_ += escape(content);
}

void HtmlWriter::close() {
    out_ += "</";
    out_ += open_.back();
    out_ += '>';
    open_.pop_back();
}

std::string HtmlWriter::fragment() const {
    if (!open_.empty()) {
        throw std::logic_error("HTML element <" + open_.back() + "> is still open");
    }
    return out_;
}

std::string HtmlWriter::document() const {
    return "<!DOCTYPE html>\n" + fragment();
}

}  // namespace yardstick::server::html

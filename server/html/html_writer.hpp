#pragma once
// HTML that cannot forget to escape. Text and attribute values go through
// the writer, which escapes them; tag and attribute names must be plain
// lower-case names (checked, since they are never escaped). There is no way
// to add raw markup, so whatever a participant typed comes back inert.
//
//     HtmlWriter html;
//     {
//         auto p = html.open("p", {{"class", "hint"}});
//         html.text(answer);  // "<script>" is written as "&lt;script&gt;"
//     }
//     std::string page = html.document();

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace yardstick::server::html {

/// One attribute. `present == false` leaves it out, so that boolean
/// attributes read naturally: {"checked", "", is_checked}.
struct Attribute {
    std::string_view name;
    std::string value;
    bool present = true;
};

using Attributes = std::vector<Attribute>;

/// `text` with &, <, >, " and ' replaced by character references.
std::string escape(std::string_view text);

class HtmlWriter {
public:
    /// Closes its element when it goes out of scope.
    class [[nodiscard]] Element {
    public:
        explicit Element(HtmlWriter* writer) : writer_(writer) {}
        Element(Element&& other) noexcept : writer_(other.writer_) { other.writer_ = nullptr; }
        Element(const Element&) = delete;
        Element& operator=(const Element&) = delete;
        Element& operator=(Element&&) = delete;
        ~Element() {
            if (writer_ != nullptr) {
                writer_->close();
            }
        }

    private:
        HtmlWriter* writer_;
    };

    /// Opens `tag`; the returned guard closes it.
    Element open(std::string_view tag, const Attributes& attributes = {});

    /// An element with text content only: <tag …>escaped text</tag>.
    void element(std::string_view tag, const Attributes& attributes, std::string_view text);
    void element(std::string_view tag, std::string_view text) { element(tag, {}, text); }

    /// A void element (input, link, meta): no content, no closing tag.
    void empty(std::string_view tag, const Attributes& attributes);

    /// Escaped text at the current position.
    void text(std::string_view text);

    /// The page so far with its doctype; every element must be closed.
    std::string document() const;

    /// The markup so far (a fragment); every element must be closed.
    std::string fragment() const;

private:
    void close();
    void start_tag(std::string_view tag, const Attributes& attributes);

    std::string out_;
    std::vector<std::string> open_;
};

}  // namespace yardstick::server::html

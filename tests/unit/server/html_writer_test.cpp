// The HTML writer escapes every text and attribute value, accepts only plain
// names, and refuses a document with an element left open.
#include <gtest/gtest.h>

#include <stdexcept>

#include "server/html/html_writer.hpp"

namespace yardstick::server::html {
namespace {

TEST(HtmlWriter, EscapesTheFiveSpecialCharacters) {
    EXPECT_EQ(escape(R"(<a href="x" title='y'>&</a>)"),
              "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    EXPECT_EQ(escape("Zürich – ok"), "Zürich – ok");
}

TEST(HtmlWriter, TextAndAttributeValuesAreEscaped) {
    HtmlWriter html;
    html.element("p", {{"title", "\"><script>x</script>"}}, "<script>alert(1)</script>");
    EXPECT_EQ(html.fragment(),
              "<p title=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">&lt;script&gt;alert(1)&lt;/script&gt;</p>");
}

TEST(HtmlWriter, ElementsCloseInOrderAndAbsentAttributesAreLeftOut) {
    HtmlWriter html;
    {
        auto list = html.open("ul", {{"class", "options"}});
        auto item = html.open("li");
        html.empty("input", {{"type", "radio"}, {"checked", "", false}, {"disabled", "", true}});
        html.text("a & b");
    }
    EXPECT_EQ(html.fragment(), "<ul class=\"options\"><li><input type=\"radio\" disabled=\"\">a &amp; b</li></ul>");
}

TEST(HtmlWriter, ADocumentStartsWithItsDoctype) {
    HtmlWriter html;
    { auto root = html.open("html", {{"lang", "fr"}}); }
    EXPECT_EQ(html.document(), "<!DOCTYPE html>\n<html lang=\"fr\"></html>");
}

TEST(HtmlWriter, OnlyPlainNamesAreAccepted) {
    HtmlWriter html;
    EXPECT_THROW(html.element("p onclick=x", {}, ""), std::invalid_argument);
    EXPECT_THROW(html.empty("input", {{"onclick=\"x\" a", "1"}}), std::invalid_argument);
    EXPECT_THROW(html.element("", {}, ""), std::invalid_argument);
    EXPECT_NO_THROW(html.empty("meta", {{"aria-describedby", "a b"}}));
}

TEST(HtmlWriter, AnOpenElementMakesNoDocument) {
    HtmlWriter html;
    auto open = html.open("main");
    EXPECT_THROW((void)html.document(), std::logic_error);
}

}  // namespace
}  // namespace yardstick::server::html

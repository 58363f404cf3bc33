#pragma once
// The pieces a PDF page is built from: blocks of set text and shapes that are
// never split across two pages, and the drawing primitives their shapes use.

#include <cairo.h>

#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "server/reports/pdf/page_style.hpp"
#include "server/reports/pdf/typesetter.hpp"

namespace yardstick::server::reports::pdf {

/// A piece of a page that is never split across two: a paragraph, a chart, a
/// table row, a row of key figures.
struct Block {
    double height = 0;  ///< points, with the space below it
    std::vector<PlacedText> texts;
    std::function<void(cairo_t*, double top)> shapes;  ///< bars and rules, drawn under the texts; may be empty
};

/// The blocks as a list (an initializer list would copy them, and text is not copyable).
template <typename... Blocks>
std::vector<Block> blocks(Blocks... each) {
    std::vector<Block> list;
    (list.push_back(std::move(each)), ...);
    return list;
}

/// One piece of set text and `space_after` points below it.
Block text_block(PlacedText text, double space_after);
/// `text` across the content width.
Block paragraph(const Typesetter& typesetter, std::string_view text, const TextStyle& style, double space_after);
/// Empty space.
Block spacer(double height);
/// A line across the content width, `thickness` points thick.
Block horizontal_rule(const Colour& colour, double thickness, double space_after);

void set_colour(cairo_t* cairo, const Colour& colour);
void fill_rectangle(cairo_t* cairo, const Colour& colour, double x, double y, double width, double height);
void stroke_line(cairo_t* cairo, const Colour& colour, double width, double x1, double y1, double x2, double y2);

}  // namespace yardstick::server::reports::pdf

#include "server/reports/pdf/blocks.hpp"

namespace yardstick::server::reports::pdf {

Block text_block(PlacedText text, double space_after) {
    Block block;
    block.height = text.height() + space_after;
    block.texts.push_back(std::move(text));
    return block;
}

Block paragraph(const Typesetter& typesetter, std::string_view text, const TextStyle& style, double space_after) {
    return text_block(typesetter.set(text, style, kContentWidth), space_after);
}

Block spacer(double height) {
    Block block;
    block.height = height;
    return block;
}

Block horizontal_rule(const Colour& colour, double thickness, double space_after) {
    Block block;
    block.height = thickness + space_after;
    block.shapes = [colour, thickness](cairo_t* cairo, double top) {
        stroke_line(cairo, colour, thickness, kMarginX, top, kMarginX + kContentWidth, top);
    };
    return block;
}

void set_colour(cairo_t* cairo, const Colour& colour) {
    cairo_set_source_rgb(cairo, colour.red, colour.green, colour.blue);
}

void fill_rectangle(cairo_t* cairo, const Colour& colour, double x, double y, double width, double height) {
    set_colour(cairo, colour);
    cairo_rectangle(cairo, x, y, width, height);
    cairo_fill(cairo);
}

void stroke_line(cairo_t* cairo, const Colour& colour, double width, double x1, double y1, double x2, double y2) {
    set_colour(cairo, colour);
    cairo_set_line_width(cairo, width);
    cairo_move_to(cairo, x1, y1);
    cairo_line_to(cairo, x2, y2);
    cairo_stroke(cairo);
}

}  // namespace yardstick::server::reports::pdf

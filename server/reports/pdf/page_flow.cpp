#include "server/reports/pdf/page_flow.hpp"

#include <utility>

namespace yardstick::server::reports::pdf {

namespace {

double total_height(const std::vector<Block>& group) {
    double height = 0;
    for (const auto& block : group) {
        height += block.height;
    }
    return height;
}

}  // namespace

PageFlow::PageFlow(cairo_t* cairo, const Typesetter& typesetter, std::string running_title)
    : cairo_(cairo), typesetter_(typesetter), running_title_(std::move(running_title)) {}

void PageFlow::place(const Block& block) {
    if (block.height > room() && y_ > kContentTop) {
        new_page();
    }
    draw(block);
    y_ += block.height;
}

void PageFlow::keep_together(const std::vector<Block>& group) {
    break_unless_room_for(total_height(group));
    for (const auto& block : group) {
        place(block);
    }
}

void PageFlow::place_section(const std::vector<std::vector<Block>>& groups) {
    double height = 0;
    for (const auto& group : groups) {
        height += total_height(group);
    }
    break_unless_room_for(height);
    for (const auto& group : groups) {
        keep_together(group);
    }
}

void PageFlow::new_page() {
    footer();
    cairo_show_page(cairo_);
    ++page_;
    y_ = kContentTop;
}

void PageFlow::finish() {
    footer();
    cairo_show_page(cairo_);
}

// Only what would fit on an empty page moves there: a taller group would
// leave this page's rest empty for nothing.
void PageFlow::break_unless_room_for(double height) {
    if (height > room() && height <= kContentBottom - kContentTop && y_ > kContentTop) {
        new_page();
    }
}

// Shapes first: text goes over bars and rules, never under them.
void PageFlow::draw(const Block& block) {
    if (block.shapes) {
        cairo_save(cairo_);
        block.shapes(cairo_, y_);
        cairo_restore(cairo_);
    }
    for (const auto& text : block.texts) {
        show(text, y_ + text.dy);
    }
}

void PageFlow::show(const PlacedText& text, double top) {
    set_colour(cairo_, text.colour);
    cairo_move_to(cairo_, text.x, top);
    pango_cairo_show_layout(cairo_, text.layout.get());
}

void PageFlow::footer() {
    if (page_ == 1) {
        return;
    }
    stroke_line(cairo_, kTrack, 0.75, kMarginX, kFooterTop - 6, kMarginX + kContentWidth, kFooterTop - 6);
    for (const auto& text : {typesetter_.set(running_title_, kFooterLeft, kContentWidth * 0.75),
                             typesetter_.set("Page " + std::to_string(page_), kFooterRight, kContentWidth)}) {
        show(text, kFooterTop);
    }
}

}  // namespace yardstick::server::reports::pdf

#pragma once
// Flowing blocks down the PDF's pages: page breaks that keep blocks (and
// groups of blocks, and whole sections where they fit) together, and the
// running footer.

#include <cairo.h>

#include <string>
#include <vector>

#include "server/reports/pdf/blocks.hpp"
#include "server/reports/pdf/typesetter.hpp"

namespace yardstick::server::reports::pdf {

/// Places blocks down the page, starting a new page when the next one does
/// not fit; every page but the first (the title page) gets a footer with the
/// running title and its number. Draws on `cairo`, which must outlive it.
class PageFlow {
public:
    PageFlow(cairo_t* cairo, const Typesetter& typesetter, std::string running_title);

    /// The block where the last one ended, or at the top of the next page
    /// when it does not fit below (a block taller than a page is placed anyway).
    void place(const Block& block);
    /// The blocks on one page when they fit on an empty one, else one by one.
    void keep_together(const std::vector<Block>& group);
    /// A section made of groups that are each kept together: the whole section
    /// moves to the next page when it fits on an empty page but not on this one.
    void place_section(const std::vector<std::vector<Block>>& groups);
    /// Ends this page (with its footer) and starts the next.
    void new_page();
    /// Ends the last page. Nothing may be placed afterwards.
    void finish();

private:
    [[nodiscard]] double room() const { return kContentBottom - y_; }
    void break_unless_room_for(double height);
    void draw(const Block& block);
    void show(const PlacedText& text, double top);
    void footer();

    cairo_t* cairo_;
    const Typesetter& typesetter_;
    std::string running_title_;
    double y_ = kContentTop;
    int page_ = 1;
};

}  // namespace yardstick::server::reports::pdf

#pragma once
// Text set with pango for the PDF: a typesetter with its own font map, and
// the laid-out text it returns, ready to be placed on a page.

#include <cairo.h>
#include <pango/pangocairo.h>

#include <string_view>
#include <utility>

#include "server/reports/pdf/cairo_handles.hpp"
#include "server/reports/pdf/page_style.hpp"

namespace yardstick::server::reports::pdf {

/// Text set in a layout, placed `dy` points below the top of its block.
struct PlacedText {
    LayoutPtr layout;
    Colour colour = kInk;
    double x = kMarginX;  ///< from the page's left edge
    double dy = 0;

    /// Points, of the text's logical extent.
    [[nodiscard]] double height() const { return extent().second; }
    [[nodiscard]] double width() const { return extent().first; }
    /// Points from the text's top to its first line's baseline.
    [[nodiscard]] double baseline() const;

private:
    [[nodiscard]] std::pair<double, double> extent() const;
};

/// Sets text with pango on this call's own font map: pango objects may not be
/// shared between threads, so none outlives the render call that made it.
class Typesetter {
public:
    /// Takes the surface's font options from `cairo` (for PDF: no hinting, unhinted metrics).
    explicit Typesetter(cairo_t* cairo);

    /// `text` as plain text (never pango markup), wrapped at word (else
    /// character) boundaries to `width` points, starting `x` points from the
    /// page's left edge. Bytes that are not UTF-8 become U+FFFD. Fonts: DejaVu
    /// Sans, else fontconfig's "Sans".
    [[nodiscard]] PlacedText set(std::string_view text, const TextStyle& style, double width,
                                 double x = kMarginX) const;

private:
    FontMapPtr font_map_;
    PangoContextPtr context_;
};

}  // namespace yardstick::server::reports::pdf

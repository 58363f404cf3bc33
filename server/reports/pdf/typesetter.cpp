#include "server/reports/pdf/typesetter.hpp"

namespace yardstick::server::reports::pdf {

double PlacedText::baseline() const {
    return pango_units_to_double(pango_layout_get_baseline(layout.get()));
}

std::pair<double, double> PlacedText::extent() const {
    PangoRectangle logical;
    pango_layout_get_extents(layout.get(), nullptr, &logical);
    return {pango_units_to_double(logical.x + logical.width), pango_units_to_double(logical.height)};
}

Typesetter::Typesetter(cairo_t* cairo)
    : font_map_(pango_cairo_font_map_new()), context_(pango_font_map_create_context(font_map_.get())) {
    pango_cairo_update_context(cairo, context_.get());
}

PlacedText Typesetter::set(std::string_view text, const TextStyle& style, double width, double x) const {
    LayoutPtr layout(pango_layout_new(context_.get()));
    const FontDescriptionPtr font(pango_font_description_new());
    pango_font_description_set_family(font.get(), "DejaVu Sans,Sans");
    // Absolute: in PDF points, whatever resolution the context assumes.
    pango_font_description_set_absolute_size(font.get(), style.size * PANGO_SCALE);
    pango_font_description_set_weight(font.get(), style.weight);
    pango_font_description_set_style(font.get(), style.slant);
    pango_layout_set_font_description(layout.get(), font.get());
    pango_layout_set_width(layout.get(), pango_units_from_double(width));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), style.alignment);
    // Labels come from templates and the database: never trust them to be UTF-8.
    const GTextPtr valid(g_utf8_make_valid(text.data(), static_cast<gssize>(text.size())));
    pango_layout_set_text(layout.get(), valid.get(), -1);
    return {.layout = std::move(layout), .colour = style.colour, .x = x, .dy = 0};
}

}  // namespace yardstick::server::reports::pdf

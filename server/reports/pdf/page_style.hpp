#pragma once
// The PDF's page geometry and look: A4 portrait in PDF points (1/72 inch),
// the dashboard's colours, and the text styles every page uses.

#include <pango/pango.h>

namespace yardstick::server::reports::pdf {

inline constexpr double kPageWidth = 595;
inline constexpr double kPageHeight = 842;
inline constexpr double kMarginX = 56;  // 2 cm
inline constexpr double kContentTop = 60;
inline constexpr double kContentBottom = kPageHeight - 70;  // the footer lives below
inline constexpr double kContentWidth = kPageWidth - 2 * kMarginX;
inline constexpr double kFooterTop = kPageHeight - 46;

/// An sRGB colour, each channel 0…1 as cairo takes it.
struct Colour {
    double red = 0;
    double green = 0;
    double blue = 0;
};

constexpr Colour rgb(unsigned hex) {
    return {.red = ((hex >> 16) & 0xff) / 255.0, .green = ((hex >> 8) & 0xff) / 255.0, .blue = (hex & 0xff) / 255.0};
}

// The dashboard's colours (dashboard_html.cpp).
inline constexpr Colour kInk = rgb(0x0b0c0c);
inline constexpr Colour kAccent = rgb(0x0b4f8a);
inline constexpr Colour kMuted = rgb(0x505a5f);
inline constexpr Colour kTrack = rgb(0xe5e6e7);
inline constexpr Colour kBefore = rgb(0xb1b4b6);

struct TextStyle {
    double size = 10;  ///< points
    PangoWeight weight = PANGO_WEIGHT_NORMAL;
    PangoStyle slant = PANGO_STYLE_NORMAL;
    Colour colour = kInk;
    PangoAlignment alignment = PANGO_ALIGN_LEFT;
};

/// Upright, left-aligned text: most of the report.
constexpr TextStyle text_style(double size, PangoWeight weight, Colour colour) {
    return {
        .size = size, .weight = weight, .slant = PANGO_STYLE_NORMAL, .colour = colour, .alignment = PANGO_ALIGN_LEFT};
}

inline constexpr TextStyle kCoverTitle = text_style(30, PANGO_WEIGHT_BOLD, kAccent);
inline constexpr TextStyle kCoverSubtitle = text_style(20, PANGO_WEIGHT_NORMAL, kInk);
inline constexpr TextStyle kPageHeading = text_style(20, PANGO_WEIGHT_BOLD, kInk);
inline constexpr TextStyle kSectionHeading = text_style(14, PANGO_WEIGHT_BOLD, kInk);
inline constexpr TextStyle kSubheading = text_style(11, PANGO_WEIGHT_BOLD, kInk);
inline constexpr TextStyle kBody = text_style(10, PANGO_WEIGHT_NORMAL, kInk);
inline constexpr TextStyle kBodyBold = text_style(10, PANGO_WEIGHT_BOLD, kInk);
inline constexpr TextStyle kSmall = text_style(9, PANGO_WEIGHT_NORMAL, kMuted);
inline constexpr TextStyle kBigNumber = text_style(30, PANGO_WEIGHT_BOLD, kAccent);
inline constexpr TextStyle kFigureValue = text_style(20, PANGO_WEIGHT_BOLD, kAccent);
inline constexpr TextStyle kTableHeading = text_style(9, PANGO_WEIGHT_BOLD, kInk);
inline constexpr TextStyle kTableCell = text_style(9.5, PANGO_WEIGHT_NORMAL, kInk);
inline constexpr TextStyle kMethodNote = {.size = 9,
                                          .weight = PANGO_WEIGHT_NORMAL,
                                          .slant = PANGO_STYLE_ITALIC,
                                          .colour = kMuted,
                                          .alignment = PANGO_ALIGN_LEFT};
inline constexpr TextStyle kAxisLabel = {.size = 7.5,
                                         .weight = PANGO_WEIGHT_NORMAL,
                                         .slant = PANGO_STYLE_NORMAL,
                                         .colour = kMuted,
                                         .alignment = PANGO_ALIGN_CENTER};
inline constexpr TextStyle kFooterLeft = text_style(8, PANGO_WEIGHT_NORMAL, kMuted);
inline constexpr TextStyle kFooterRight = {.size = 8,
                                           .weight = PANGO_WEIGHT_NORMAL,
                                           .slant = PANGO_STYLE_NORMAL,
                                           .colour = kMuted,
                                           .alignment = PANGO_ALIGN_RIGHT};

}  // namespace yardstick::server::reports::pdf

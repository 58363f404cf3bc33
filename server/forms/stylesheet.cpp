#include "server/forms/stylesheet.hpp"

#include "server/security/tokens.hpp"

namespace yardstick::server::forms {
namespace {

// Hand-written for the forms: system fonts, readable at 200% zoom (rem and
// %, no fixed widths), a focus outline that is always visible, errors marked
// by a thick bar and bold text as well as colour, contrast ≥ 4.5:1.
constexpr std::string_view kStylesheet = R"css(
*, *::before, *::after { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
       font-size: 100%; line-height: 1.5; color: #1b1b1b; background: #ffffff; }
body { margin: 0; }
main { max-width: 42rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
.masthead { border-bottom: 0.25rem solid #0b4f8a; padding: 0.5rem 1rem; }
.languages { list-style: none; margin: 0 auto; padding: 0; max-width: 42rem; display: flex; flex-wrap: wrap; gap: 1rem; }
.languages a { color: #0b4f8a; }
.languages a[aria-current="true"] { font-weight: 700; text-decoration: none; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; }
a { color: #0b4f8a; text-decoration: underline; }
a:hover { color: #06335c; }
:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
.progress, .instrument-title { color: #4a4a4a; margin: 0; }
.question { border: 0; margin: 0 0 1.5rem; padding: 0; min-width: 0; }
.question legend, .question-text { display: block; font-weight: 700; margin-bottom: 0.25rem; padding: 0; }
.hint { color: #4a4a4a; margin: 0 0 0.5rem; }
.options { display: flex; flex-direction: column; gap: 0.25rem; }
.options-inline { flex-direction: row; flex-wrap: wrap; gap: 0.5rem 1rem; }
.option { display: flex; align-items: center; gap: 0.5rem; min-height: 2.75rem; }
.option input { width: 1.5rem; height: 1.5rem; margin: 0; flex: none; }
.option label { cursor: pointer; }
input[type="text"], input[type="date"], input[type="email"], input[type="password"], textarea { font: inherit; width: 100%; max-width: 100%;
       padding: 0.5rem; border: 2px solid #1b1b1b; border-radius: 0; }
input.number { max-width: 10rem; }
.has-error { border-left: 0.3rem solid #b00020; padding-left: 0.75rem; }
.field-error { color: #b00020; font-weight: 700; margin: 0 0 0.5rem; }
.field-error::before { content: "! "; }
.error-summary { border: 0.25rem solid #b00020; padding: 1rem; margin: 0 0 1.5rem; }
.error-summary h2 { margin-top: 0; }
.error-summary a { color: #b00020; font-weight: 700; }
.notice { border-left: 0.3rem solid #0b4f8a; background: #eef4fa; padding: 0.75rem 1rem; }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin-top: 2rem; }
.button { font: inherit; font-weight: 700; padding: 0.6rem 1.2rem; min-height: 2.75rem; cursor: pointer;
          color: #ffffff; background: #0b4f8a; border: 2px solid #0b4f8a; border-radius: 0.25rem; }
.button.secondary { color: #0b4f8a; background: #ffffff; }
.button:hover { background: #06335c; color: #ffffff; }
.answers { margin: 0; }
.answer-row { display: grid; grid-template-columns: 1fr; gap: 0.25rem; padding: 0.75rem 0; border-bottom: 1px solid #b1b4b6; }
.answer-row dt { font-weight: 700; }
.answer-row dd { margin: 0; }
.unanswered { color: #4a4a4a; font-style: italic; }
.receipt { font-size: 1.25rem; }
.programmes { border-collapse: collapse; width: 100%; margin: 1rem 0; }
.programmes th, .programmes td { text-align: left; padding: 0.5rem; border-bottom: 1px solid #b1b4b6; }
.signed-in { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; justify-content: space-between; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0;
                   overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@media (min-width: 40rem) { .answer-row { grid-template-columns: 2fr 2fr 1fr; } }
.key-figures { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; padding: 0; margin: 1rem 0; }
.key-figure { flex: 1 1 10rem; border-top: 0.25rem solid #0b4f8a; padding-top: 0.5rem; }
.big-number { display: block; font-size: 2.5rem; font-weight: 700; line-height: 1.1; }
.indicator { border-top: 1px solid #b1b4b6; margin-top: 2rem; }
.figure-value { font-size: 1.75rem; font-weight: 700; }
.chart { display: block; width: 100%; height: 1.5rem; margin: 0.5rem 0; }
.chart.pre-post { height: 3rem; }
.chart-legend, .test, .report-version { color: #4a4a4a; }
.method { color: #4a4a4a; font-size: 0.9rem; }
.breakdown { border-collapse: collapse; width: 100%; margin: 1rem 0; }
.breakdown caption { text-align: left; font-weight: 700; }
.breakdown th, .breakdown td { text-align: left; padding: 0.4rem; border-bottom: 1px solid #b1b4b6; }
.breakdown .suppressed td, .breakdown td.suppressed { color: #4a4a4a; font-style: italic; }
.breakdown.rounds td + td, .breakdown.rounds th + th { text-align: right; }
.figure-detail { margin: 0.25rem 0 0.5rem; }
)css";

}  // namespace

std::string_view stylesheet() {
    return kStylesheet;
}

const std::string& stylesheet_url() {
    static const std::string url = "/assets/form.css?v=" + security::sha256_hex(std::string(kStylesheet)).substr(0, 12);
    return url;
}

}  // namespace yardstick::server::forms

#pragma once
// The participant's pages as HTML: the start page (purpose, audience,
// consent), one page per section, "Check your answers", the confirmation,
// and the pages for a link that does not work. Pure functions of what they
// are given; the routes decide which to show (docs/participant-forms.md).

#include <cstddef>
#include <optional>
#include <string>

#include "server/forms/form_input.hpp"
#include "yardstick/domain/answer.hpp"
#include "yardstick/domain/instrument.hpp"

namespace yardstick::server::forms {

/// What every page of one form shows.
struct FormPage {
    const domain::Instrument* instrument = nullptr;
    std::string language;                     ///< one of kInterfaceLanguages
    std::string token;                        ///< from the link
    std::string stylesheet_url;               ///< "/assets/form.css?v=…"
    domain::Answers answers;                  ///< saved, with whatever was accepted from a post
    FormFields typed;                         ///< a post's values as typed, shown instead of `answers` for its page
    FieldMessages errors;                     ///< by question key ("consent" on the start page)
    bool saved = false;                       ///< show "your answers are saved"
    std::optional<std::string> submitted_at;  ///< set once a response exists: changes are amendments
};

std::string render_start(const FormPage& page, bool consent_given);
/// `section` is 0-based; the page says "Section section+1 of N".
std::string render_section(const FormPage& page, std::size_t section);
/// `nonce` makes a double click on Submit one submission (an Idempotency-Key).
std::string render_check(const FormPage& page, const std::string& nonce);
std::string render_done(const FormPage& page, const std::string& receipt);

/// The page for a token that leads nowhere: says nothing about why.
std::string render_not_found(const std::string& language, const std::string& stylesheet_url);
/// The page for an expired link (`expired`) or a closed wave, with when it
/// closed (RFC 3339; shown as a date) and whom to write to (may be empty).
std::string render_gone(const std::string& language, const std::string& stylesheet_url, bool expired,
                        const std::string& when, const std::string& contact);

/// The page that asks a participant to confirm withdrawing their consent
/// (a form posting confirm=yes to /f/{token}/withdraw).
std::string render_withdraw(const std::string& language, const std::string& stylesheet_url, const std::string& token);
/// The page after consent was withdrawn.
std::string render_withdrawn(const std::string& language, const std::string& stylesheet_url);

/// The 1-based page name of a 0-based section ("1" for the first).
std::string section_page_name(std::size_t section);

}  // namespace yardstick::server::forms

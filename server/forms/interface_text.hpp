#pragma once
// Every string of the participant forms' interface, in each language the
// forms speak (en, fr, de, it). Instruments carry their own texts; these are
// the words around them: buttons, headings, progress, error messages, the
// pages for a link that does not work. Placeholders are {name} and are
// filled by fill().

#include <array>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace yardstick::server::forms {

/// The languages of the interface, English first (the fallback).
inline constexpr std::array<std::string_view, 4> kInterfaceLanguages = {"en", "fr", "de", "it"};

enum class Text : std::size_t {
    language_label,        ///< "Language" (heading of the language switcher)
    progress,              ///< "Section {number} of {total}"
    start_heading,         ///< "Before you start"
    purpose_heading,       ///< "Why we ask"
    audience_heading,      ///< "Who sees your answers"
    consent_heading,       ///< "Your consent"
    consent_agree,         ///< "I have read this statement and I agree."
    consent_required,      ///< "Tick the box to agree before you answer the questions."
    consent_changed,       ///< "The consent statement has changed since you agreed: read it and agree again."
    continue_button,       ///< "Continue"
    back_button,           ///< "Back"
    save_button,           ///< "Save and finish later"
    submit_button,         ///< "Submit my answers"
    amend_button,          ///< "Submit my changes"
    saved_notice,          ///< "Your answers are saved. Come back with the same link to finish."
    check_heading,         ///< "Check your answers"
    check_intro,           ///< "Look over your answers before you submit them. You can still change them."
    change_link,           ///< "Change"
    not_answered,          ///< "Not answered"
    optional_marker,       ///< "(optional)"
    yes,                   ///< "Yes"
    no,                    ///< "No"
    likert_1,              ///< "Strongly disagree"
    likert_2,              ///< "Disagree"
    likert_3,              ///< "Neither agree nor disagree"
    likert_4,              ///< "Agree"
    likert_5,              ///< "Strongly agree"
    select_all_hint,       ///< "Select all that apply."
    date_hint,             ///< "For example 2017-06-30 (year-month-day)."
    length_hint,           ///< "Up to {max} characters."
    error_summary_title,   ///< "There is a problem"
    error_required,        ///< "Answer this question."
    error_choice,          ///< "Choose one of the options."
    error_whole_number,    ///< "Enter a whole number."
    error_number,          ///< "Enter a number."
    error_range,           ///< "Enter a number from {min} to {max}."
    error_date,            ///< "Enter a date as year-month-day, for example 2017-06-30."
    error_too_long,        ///< "Shorten your answer to {max} characters or fewer."
    error_invalid,         ///< "Check this answer."
    done_title,            ///< "Thank you: your answers are submitted"
    receipt_label,         ///< "Receipt number"
    done_answers_heading,  ///< "What you answered"
    amend_possible,        ///< "You can change your answers with the same link until this survey wave closes."
    /// "You submitted your answers on {date}. Changes you submit now are recorded as a new version; you can make
    /// them until the survey wave closes."
    amending_notice,
    not_found_title,  ///< "This link does not open a form"
    /// "Check that you copied the whole link from your invitation. If it still does not work, ask the person who
    /// invited you for a new link."
    not_found_body,
    gone_title,         ///< "This survey is closed"
    gone_expired_body,  ///< "Your link expired on {date}."
    gone_closed_body,   ///< "This survey wave closed on {date}: answers can no longer be given or changed."
    gone_contact,       ///< "Questions? Write to {contact}."
    skip_to_content,    ///< "Skip to the questions"
    your_data_heading,  ///< "Your data"
    your_data_link,     ///< "See everything held about you"
    withdraw_link,      ///< "Withdraw your consent"
    withdraw_title,     ///< "Withdraw your consent"
    /// "If you withdraw your consent, your name, e-mail address and answers are erased and your answers no longer
    /// count in any figure. This cannot be undone."
    withdraw_body,
    withdraw_button,  ///< "Withdraw my consent and erase my answers"
    withdrawn_title,  ///< "Your consent is withdrawn"
    /// "What identified you is erased, and your answers no longer count. This link no longer opens the form."
    withdrawn_body,
    count_              ///< not a text: the number of texts
};

inline constexpr std::size_t kTextCount = static_cast<std::size_t>(Text::count_);

/// `id` in `language`; English when the language is not one of
/// kInterfaceLanguages. Static storage; empty for Text::count_.
std::string_view text(Text id, std::string_view language);

/// `pattern` with every {name} replaced by its value (values are inserted
/// as given and never scanned again; escaping is the HTML writer's job).
/// Unknown names, and a "{" without a closing "}", stay as they are.
std::string fill(std::string_view pattern, std::initializer_list<std::pair<std::string_view, std::string>> values);

/// The stable name of `id` ("continue_button"), for tests and messages; empty
/// for Text::count_.
std::string_view text_name(Text id);

}  // namespace yardstick::server::forms

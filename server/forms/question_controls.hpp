#pragma once
// One question as form controls (radio buttons, checkboxes, text fields, a
// date), with its hint and error, and an answer in words for the check and
// confirmation pages. Used by form_pages.cpp.

#include <string>
#include <utility>
#include <vector>

#include "server/forms/form_pages.hpp"
#include "server/html/html_writer.hpp"
#include "yardstick/domain/answer.hpp"
#include "yardstick/domain/instrument.hpp"

namespace yardstick::server::forms {

/// `text` in `language`, else English, else any.
std::string localised(const domain::LocalisedText& text, const std::string& language);

/// The id of a question's control (its first option for choices): "q-<key>".
std::string question_id(const domain::Question& question);

/// The options of a choice question (likert5, scale, boolean, single,
/// multiple) as (value, label) in `language`; empty for the others.
std::vector<std::pair<std::string, std::string>> options_of(const domain::Question& question,
                                                            const std::string& language);

/// An answer in words: option labels for choices, the value otherwise.
std::string answer_in_words(const domain::Question& question, const domain::AnswerValue& value,
                            const std::string& language);

/// The question's controls with label or legend, hint and error, showing the
/// page's typed or saved value.
void question_control(html::HtmlWriter& html, const FormPage& page, const domain::Question& question);

}  // namespace yardstick::server::forms

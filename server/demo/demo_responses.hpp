#pragma once
// The demo programmes' answers: who of the invited answers, who leaves a
// draft, who never opens the link, and what each respondent answers, so that
// the reports have realistic figures to show. Pure and deterministic like
// demo_registry.hpp: no I/O, no clock; the variety comes from splitmix64
// sequences seeded by the programme's slug and the engagement, respondent and
// wave, so every platform draws the same answers.
//
// The figures follow the programmes' public texts:
// - MobiliseSME (CEA-PME's evaluation of the 2016–2017 pilot): 91% of sending
//   and 95% of hosting companies satisfied with the matched needs and
//   competences, 90% of companies expecting their cross-border business to
//   develop, 75% able to introduce new products or services, 81% of the
//   travelling employees saying it helped their professional development.
//   The numbers of respondents are chosen so that these round exactly.
// - Digital Volunteers: about 60% of the mentored SMEs at a basic level of
//   digital intensity or above before the mentoring (the EU's 2020 level),
//   about 78% after it (towards the Digital Compass target of 90% by 2030).
// - Skills monitor: in every competence area the level a role requires is
//   above the respondent's current level; the gap narrows in later rounds.
//
// The loader (demo_loader.hpp) writes these answers through the participants'
// own use cases (collection::save_form_draft, prepare_submission,
// sql::submit_responses), never around them.

#include <string>
#include <string_view>
#include <vector>

#include "server/demo/demo_registry.hpp"
#include "yardstick/domain/answer.hpp"
#include "yardstick/domain/instrument.hpp"

namespace yardstick::server::demo {

/// One invitation the loader issues for an engagement: who is asked, in which wave.
struct DemoAsk {
    std::string respondent;  ///< sending, hosting, employee, sme, mentor, respondent
    std::string wave;        ///< pre, post, or the skills monitor's round ("2018")
};

/// The invitations of an engagement, in the order the loader issues them:
/// an exchange's sending, hosting and employee before and after it; a
/// mentoring's SME before and after, its mentor after; a skills-monitor
/// respondent in the engagement's round.
std::vector<DemoAsk> asks_for(const DemoEngagement& engagement);

/// What becomes of one invitation. Only `submitted` is a response (AAPOR
/// RR1: a saved draft is not).
enum class ResponseOutcome {
    not_opened,  ///< the link is never opened
    opened,      ///< the form is looked at, nothing saved
    draft,       ///< the first page is answered and saved, never submitted
    submitted,
};

struct PlannedResponse {
    std::string engagement;  ///< the engagement's reference
    std::string respondent;
    std::string wave;
    ResponseOutcome outcome = ResponseOutcome::not_opened;
};

/// Every invitation of `programme` (asks_for() of each engagement, in
/// order) and what becomes of it. The first engagement's links are never
/// opened, so that the sample links `yardstick demo load` prints open fresh
/// forms. Two calls give equal plans.
std::vector<PlannedResponse> plan_responses(const DemoProgramme& programme);

/// The complete answers of `respondent` for `engagement` (one of
/// `programme`'s) in `wave`, to `instrument` (the one the invitation is for):
/// every relevant required question answered, optional ones often, free text
/// now and then; valid for submission. Answers of the same respondent agree
/// across waves (an employee's skills after the exchange build on those
/// before it) and across respondents (the sending and hosting company of an
/// exchange mostly agree on the match). Questions the demo does not know by
/// key (a later instrument version) get a plain valid answer when required.
/// Throws std::invalid_argument when `engagement` is not `programme`'s.
domain::Answers demo_answers(const DemoProgramme& programme, const DemoEngagement& engagement,
                             std::string_view respondent, std::string_view wave, const domain::Instrument& instrument);

/// What someone who stopped after the first page saved: `answers` to the
/// instrument's first section only. Valid as a draft.
domain::Answers draft_answers(const domain::Instrument& instrument, const domain::Answers& answers);

}  // namespace yardstick::server::demo

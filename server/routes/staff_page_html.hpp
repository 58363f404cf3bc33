#pragma once
// The staff pages' HTML: the sign-in form and the home page. English only:
// the participants' forms speak the participants' languages, the staff
// pages the programme team's working language.

#include <string>
#include <utility>
#include <vector>

namespace yardstick::server::routes {

struct SignInForm {
    std::string email;  ///< as typed, shown again after a failure
    std::string next;   ///< where to go after signing in (a path on this site)
    std::string csrf;   ///< the value of the sign-in cookie, posted back as _csrf
    /// Messages, each with the id of the field it is about ("" for the form).
    std::vector<std::pair<std::string, std::string>> errors;
};

std::string render_sign_in(const SignInForm& form);

struct ProgrammeLine {
    std::string slug;
    std::string name;
    std::string kind;
    std::string roles;  ///< the person's roles in it, e.g. "manager, auditor"
};

struct HomePage {
    std::string email;
    std::string csrf;  ///< empty: not a browser session (bearer token), so no sign-out form
    bool admin = false;
    std::vector<ProgrammeLine> programmes;
};

std::string render_home(const HomePage& page);

}  // namespace yardstick::server::routes

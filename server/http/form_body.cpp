#include "server/http/form_body.hpp"

#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>

#include "server/text/utf8.hpp"

namespace yardstick::server::http {

Result<FormFields> parse_form_body(std::string_view body) {
    FormFields fields;
    const auto query = boost::urls::parse_query(body);
    if (!query) {
        return Error::invalid("body", "is not a form (application/x-www-form-urlencoded)");
    }
    boost::urls::encoding_opts options;
    options.space_as_plus = true;
    for (const auto& param : boost::urls::params_view(body, options)) {
        if (!text::is_valid_utf8(param.key) || !text::is_valid_utf8(param.value)) {
            return Error::invalid(param.key, "is not UTF-8 text");
        }
        fields[param.key].push_back(param.value);
    }
    return fields;
}

std::string first_value(const FormFields& fields, const std::string& name) {
    const auto it = fields.find(name);
    return it == fields.end() || it->second.empty() ? std::string() : it->second.front();
}

}  // namespace yardstick::server::http

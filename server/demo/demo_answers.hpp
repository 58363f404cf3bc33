#pragma once
// Internal to the demo's responses (demo_responses.hpp): what is decided for
// a whole programme before any answer is drawn (demo_responses.cpp), and the
// answers each respondent then writes, instrument by instrument
// (demo_answers.cpp).

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/demo/demo_registry.hpp"
#include "server/demo/demo_responses.hpp"
#include "server/demo/demo_variety.hpp"
#include "yardstick/domain/answer.hpp"
#include "yardstick/domain/instrument.hpp"

namespace yardstick::server::demo::internal {

// ---------------------------------------------------------------------------
// Seeds and draws

inline constexpr std::uint64_t kResponsesSeed = 0x414E535745525321ULL;  // "ANSWERS!"

/// FNV-1a (64-bit) over the parts, each closed by a separator: a seed that
/// depends on the text alone, the same on every platform (std::hash is not).
inline std::uint64_t seed_of(std::initializer_list<std::string_view> parts) noexcept {
    constexpr std::uint64_t kPrime = 0x100000001B3ULL;
    std::uint64_t hash = 0xCBF29CE484222325ULL;
    for (const std::string_view part : parts) {
        for (const char c : part) {
            hash = (hash ^ static_cast<unsigned char>(c)) * kPrime;
        }
        hash = (hash ^ 0xFFU) * kPrime;
    }
    return hash;
}

struct Weighted {
    std::int64_t value;
    int weight;
};

/// One of `table`'s values, each in proportion to its weight.
std::int64_t draw(std::initializer_list<Weighted> table, SplitMix64& rng);

// ---------------------------------------------------------------------------
// The script: what is decided for a whole programme before any answer

/// Each invitation's outcome and, for the questions behind the published
/// shares, which answers are a success, so that those figures come out
/// exactly rather than near them. Invitations are named by the engagement's
/// position in the programme, the respondent and the wave.
class Script {
public:
    /// Nothing decided yet: nobody answers, and an SME has 3 items (below basic) before and after.
    explicit Script(std::size_t engagements) : digital_items_(engagements, {3, 3}), engagements_(engagements) {}

    ResponseOutcome outcome(std::size_t engagement, std::string_view respondent, std::string_view wave) const;
    bool submitted(std::size_t engagement, std::string_view respondent, std::string_view wave) const {
        return outcome(engagement, respondent, wave) == ResponseOutcome::submitted;
    }
    void set_outcome(std::size_t engagement, std::string_view respondent, std::string_view wave,
                     ResponseOutcome outcome);

    /// Whether the answer to `question` is a success (4 or 5 on a
    /// five-point scale, yes to a yes/no question); `otherwise` when the
    /// script did not decide.
    bool success(std::size_t engagement, std::string_view respondent, std::string_view wave, std::string_view question,
                 bool otherwise) const;
    void set_success(std::size_t engagement, std::string_view respondent, std::string_view wave,
                     std::string_view question, bool success);

    /// Digital Volunteers: how many of the 12 Digital Intensity Index items
    /// the SME of the engagement has before and after the mentoring.
    std::pair<int, int> digital_items(std::size_t engagement) const { return digital_items_.at(engagement); }
    void set_digital_items(std::size_t engagement, std::pair<int, int> before_after) {
        digital_items_.at(engagement) = before_after;
    }

private:
    using Kind = std::pair<std::string, std::string>;  // respondent, wave
    enum class Decision : signed char { open, success, failure };

    std::map<Kind, std::vector<ResponseOutcome>> outcomes_;
    std::map<std::pair<Kind, std::string>, std::vector<Decision>> decisions_;
    std::vector<std::pair<int, int>> digital_items_;
    std::size_t engagements_;
};

/// One invitation being answered.
struct Invited {
    const DemoProgramme& programme;
    std::size_t index;  ///< of `engagement` in programme.engagements
    const DemoEngagement& engagement;
    std::string_view respondent;
    std::string_view wave;
    const Script& script;

    bool success(std::string_view question, bool otherwise) const {
        return script.success(index, respondent, wave, question, otherwise);
    }
    /// A sequence shared by every answer of this engagement (`topic` says what for).
    SplitMix64 engagement_rng(std::string_view topic) const {
        return SplitMix64(kResponsesSeed ^ seed_of({programme.slug, engagement.reference, topic}));
    }
    /// A sequence shared by this respondent's answers in every wave.
    SplitMix64 respondent_rng() const {
        return SplitMix64(kResponsesSeed ^ seed_of({programme.slug, engagement.reference, respondent}));
    }
};

/// The answers `invited` gives to `instrument` (demo_answers() of
/// demo_responses.hpp): each programme's questionnaires by their question
/// keys, then every required question still open with a plain valid answer,
/// without what is not relevant.
domain::Answers answers_for(const Invited& invited, const domain::Instrument& instrument);

}  // namespace yardstick::server::demo::internal

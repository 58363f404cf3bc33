#pragma once
// Deterministic variety for the demo data: a fixed pseudorandom sequence and
// the few ways of drawing from it that the demo needs, all in plain integer
// arithmetic so that every platform builds the same rows.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yardstick::server::demo::internal {

// ---------------------------------------------------------------------------
// Deterministic variety

/// splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014; constants from Vigna's reference code): plain
/// 64-bit arithmetic, so the sequence is the same on every platform.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) noexcept : state_(seed) {}

    std::uint64_t next() noexcept {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31U);
    }

    /// A value in [0, bound). The modulo bias (below bound / 2^64) cannot be
    /// seen in a few hundred rows. Precondition: bound > 0.
    std::size_t below(std::size_t bound) noexcept { return static_cast<std::size_t>(next() % bound); }

    bool percent(unsigned chance) noexcept { return below(100) < chance; }

private:
    std::uint64_t state_;
};

/// Fisher–Yates by hand: std::shuffle's use of the generator is
/// implementation-defined, which would make the demo differ between libraries.
template <typename T>
void shuffle(std::vector<T>& items, SplitMix64& rng) {
    for (std::size_t i = items.size(); i > 1; --i) {
        std::swap(items[i - 1], items[rng.below(i)]);
    }
}

/// An index into `weights`, each chosen in proportion to its weight.
/// Precondition: at least one positive weight.
inline std::size_t pick_weighted(const std::vector<int>& weights, SplitMix64& rng) {
    int total = 0;
    for (const int w : weights) {
        total += w;
    }
    int ticket = static_cast<int>(rng.below(static_cast<std::size_t>(total)));
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (ticket < weights[i]) {
            return i;
        }
        ticket -= weights[i];
    }
    return weights.size() - 1;
}

template <typename T>
const T& pick(const std::vector<T>& items, SplitMix64& rng) {
    return items[rng.below(items.size())];
}

/// "prefix-0007" with `width` digits.
inline std::string numbered(std::string_view prefix, std::size_t number, int width) {
    std::string digits = std::to_string(number);
    while (static_cast<int>(digits.size()) < width) {
        digits.insert(digits.begin(), '0');
    }
    return std::string(prefix) + "-" + digits;
}

}  // namespace yardstick::server::demo::internal

#include "yardstick/evaluation/statistics/student_t_distribution.hpp"

#include <cmath>
#include <limits>
#include <numbers>

#include "yardstick/evaluation/statistics/normal_distribution.hpp"
#include "yardstick/evaluation/statistics/special_functions.hpp"

namespace yardstick::evaluation {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

// P(T > |t|) = ½ I_x(df/2, ½) with x = df / (df + t²) (Abramowitz & Stegun
// 26.7.1 with 26.5.27). Both x and 1 − x = t² / (df + t²) are formed without
// subtraction, so neither loses digits.
double tail_beyond(double t, double df) noexcept {
    const double t2 = t * t;
    if (std::isinf(t2)) {
        return 0.0;
    }
    double x = 0;
    double complement = 0;
    if (t2 < df) {
        const double ratio = t2 / df;
        x = 1.0 / (1.0 + ratio);
        complement = ratio / (1.0 + ratio);
    } else {
        const double ratio = df / t2;
        x = ratio / (1.0 + ratio);
        complement = 1.0 / (1.0 + ratio);
    }
    return 0.5 * incomplete_beta(0.5 * df, 0.5, x, complement).lower;
}

bool valid(double t, double df) noexcept {
    return !std::isnan(t) && df > 0.0 && !std::isnan(df);
}

// The t with P(T > t) = tail, for 0 < tail ≤ ½, by Newton's method on
// ln P(T > t) (nearly linear in ln t far out, so Newton converges there too),
// kept inside a bracket and falling back to bisection when a step leaves it.
double upper_quantile(double tail, double df) noexcept {
    if (tail == 0.5) {
        return 0.0;
    }
    // Closed forms for one and two degrees of freedom (the Cauchy
    // distribution, and A&S 26.7.2 solved for t).
    if (df == 1.0) {
        return 1.0 / std::tan(std::numbers::pi * tail);
    }
    if (df == 2.0) {
        return (1.0 - 2.0 * tail) / std::sqrt(2.0 * tail * (1.0 - tail));
    }
    // Start from the Cornish–Fisher expansion about the normal quantile
    // (A&S 26.7.5, first two correction terms).
    const double z = -normal_quantile(tail);
    const double z2 = z * z;
    double t = z + z * (z2 + 1.0) / (4.0 * df) + z * ((5.0 * z2 + 16.0) * z2 + 3.0) / (96.0 * df * df);
    if (!(t > 0.0) || std::isinf(t)) {
        t = 1.0;
    }
    double low = 0.0;
    double high = kInfinity;
    const double log_tail = std::log(tail);
    for (int iteration = 0; iteration < 200; ++iteration) {
        const double current = tail_beyond(t, df);
        if (current > tail) {
            low = t;
        } else if (current < tail) {
            high = t;
        } else {
            return t;
        }
        // d/dt ln P(T > t) = −f(t) / P(T > t).
        const double slope = -student_t_density(t, df) / current;
        double next = t - (std::log(current) - log_tail) / slope;
        if (!(next > low && next < high) || std::isnan(next)) {
            next = std::isinf(high) ? 2.0 * t : 0.5 * (low + high);
        }
        if (std::fabs(next - t) <= 4.0 * std::numeric_limits<double>::epsilon() * t) {
            return next;
        }
        t = next;
    }
    return t;
}

}  // namespace

double student_t_upper_tail(double t, double df) noexcept {
    if (!valid(t, df)) {
        return kNaN;
    }
    const double beyond = tail_beyond(t, df);
    return t > 0.0 ? beyond : 1.0 - beyond;
}

double student_t_cdf(double t, double df) noexcept {
    if (!valid(t, df)) {
        return kNaN;
    }
    const double beyond = tail_beyond(t, df);
    return t < 0.0 ? beyond : 1.0 - beyond;
}

double student_t_two_sided_p(double t, double df) noexcept {
    if (!valid(t, df)) {
        return kNaN;
    }
    return 2.0 * tail_beyond(t, df);
}

double student_t_density(double t, double df) noexcept {
    if (!valid(t, df)) {
        return kNaN;
    }
    // f(t) = (1 + t²/df)^{−(df+1)/2} / (√df B(df/2, ½)).
    return std::exp(-0.5 * (df + 1.0) * std::log1p(t * t / df) - log_beta(0.5 * df, 0.5)) / std::sqrt(df);
}

double student_t_quantile(double p, double df) noexcept {
    if (std::isnan(p) || p < 0.0 || p > 1.0 || !(df > 0.0)) {
        return kNaN;
    }
    if (p == 0.0) {
        return -kInfinity;
    }
    if (p == 1.0) {
        return kInfinity;
    }
    // For p > ½, 1 − p is exact in binary floating point (Sterbenz), so the
    // upper tail loses nothing.
    return p < 0.5 ? -upper_quantile(p, df) : upper_quantile(1.0 - p, df);
}

}  // namespace yardstick::evaluation

#include "yardstick/evaluation/statistics/special_functions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace yardstick::evaluation {
namespace {

constexpr double kLogSqrtTwoPi = 0.918938533204672741780329736406;  // ln √(2π)
constexpr double kEpsilon = std::numeric_limits<double>::epsilon();
// Lentz's method replaces a zero denominator by this tiny number (NR §5.2).
constexpr double kTiny = 1e-300;
constexpr int kMaxIterations = 100000;

// The remainder of Stirling's formula, ln Γ(x) − [(x − ½) ln x − x + ln √(2π)],
// for x ≥ 10 from its asymptotic series (Abramowitz & Stegun 6.1.41). At x = 10
// the first omitted term is below 1e-17.
double stirling_remainder(double x) noexcept {
    const double r = 1.0 / x;
    const double r2 = r * r;
    return r * (1.0 / 12 +
                r2 * (-1.0 / 360 +
                      r2 * (1.0 / 1260 + r2 * (-1.0 / 1680 + r2 * (1.0 / 1188 + r2 * (-691.0 / 360360 + r2 / 156))))));
}

// One step of the modified Lentz method (Numerical Recipes §5.2) for a
// continued fraction b0 + a1/(b1 + a2/(b2 + …)): updates C and D with the
// next term a_n / b_n and returns the factor that multiplies the estimate.
// Tiny values stand in for zeros so that no step divides by zero.
double lentz_step(double& c, double& d, double numerator, double denominator) noexcept {
    d = numerator * d + denominator;
    d = std::fabs(d) < kTiny ? kTiny : d;
    c = denominator + numerator / c;
    c = std::fabs(c) < kTiny ? kTiny : c;
    d = 1.0 / d;
    return d * c;
}

// The continued fraction for I_x(a, b) (A&S 26.5.8), to be multiplied by
// x^a (1 − x)^b / (a B(a, b)); it converges fast for x < (a + 1) / (a + b + 2).
double beta_continued_fraction(double a, double b, double x) noexcept {
    const double sum = a + b;
    double c = 1.0;
    double d = 1.0 - sum * x / (a + 1.0);
    if (std::fabs(d) < kTiny) {
        d = kTiny;
    }
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= kMaxIterations; ++m) {
        const double m2 = 2.0 * m;
        // The even step d_{2m}.
        h *= lentz_step(c, d, m * (b - m) * x / ((a - 1.0 + m2) * (a + m2)), 1.0);
        // The odd step d_{2m+1}.
        const double step = lentz_step(c, d, -(a + m) * (sum + m) * x / ((a + m2) * (a + 1.0 + m2)), 1.0);
        h *= step;
        if (std::fabs(step - 1.0) < kEpsilon) {
            break;
        }
    }
    return h;
}

// ln x computed from whichever of x and 1 − x is known better: near 1, the
// complement carries the digits.
double log_of(double x, double complement) noexcept {
    return x > 0.5 ? std::log1p(-complement) : std::log(x);
}

}  // namespace

double log_beta(double a, double b) noexcept {
    const double p = std::min(a, b);
    const double q = std::max(a, b);
    if (p >= 10.0) {
        // Both large: R's lbeta(), from Stirling's formula for all three gammas.
        const double correction = stirling_remainder(p) + stirling_remainder(q) - stirling_remainder(p + q);
        return -0.5 * std::log(q) + kLogSqrtTwoPi + correction + (p - 0.5) * std::log(p / (p + q)) +
               q * std::log1p(-p / (p + q));
    }
    if (q >= 10.0) {
        // One large: Stirling for Γ(q) / Γ(p + q) only.
        const double correction = stirling_remainder(q) - stirling_remainder(p + q);
        return std::lgamma(p) + correction + p - p * std::log(p + q) + (q - 0.5) * std::log1p(-p / (p + q));
    }
    return std::lgamma(p) + std::lgamma(q) - std::lgamma(p + q);
}

BetaTails incomplete_beta(double a, double b, double x, double complement) noexcept {
    if (!(a > 0.0 && b > 0.0) || std::isnan(x) || std::isnan(complement)) {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        return {nan, nan};
    }
    if (x <= 0.0) {
        return {0.0, 1.0};
    }
    if (complement <= 0.0) {
        return {1.0, 0.0};
    }
    const double log_front = a * log_of(x, complement) + b * log_of(complement, x) - log_beta(a, b);
    if (x < (a + 1.0) / (a + b + 2.0)) {
        const double lower = std::exp(log_front) * beta_continued_fraction(a, b, x) / a;
        return {lower, 1.0 - lower};
    }
    // By the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) the fraction converges here too.
    const double upper = std::exp(log_front) * beta_continued_fraction(b, a, complement) / b;
    return {1.0 - upper, upper};
}

GammaTails incomplete_gamma(double a, double x) noexcept {
    if (!(a > 0.0) || std::isnan(x) || x < 0.0) {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        return {nan, nan};
    }
    if (x == 0.0) {
        return {0.0, 1.0};
    }
    if (std::isinf(x)) {
        return {1.0, 0.0};
    }
    const double log_front = -x + a * std::log(x) - std::lgamma(a);
    if (x < a + 1.0) {
        // Series: P(a, x) = e^{−x} x^a / Γ(a) · Σ x^n / (a (a + 1) ⋯ (a + n)).
        double term = 1.0 / a;
        double sum = term;
        for (int n = 1; n <= kMaxIterations; ++n) {
            term *= x / (a + n);
            sum += term;
            if (std::fabs(term) < std::fabs(sum) * kEpsilon) {
                break;
            }
        }
        const double lower = std::exp(log_front) * sum;
        return {lower, 1.0 - lower};
    }
    // Continued fraction for Q(a, x), Lentz's method.
    double b = x + 1.0 - a;
    double c = 1.0 / kTiny;
    double d = 1.0 / b;
    double h = d;
    for (int i = 1; i <= kMaxIterations; ++i) {
        b += 2.0;
        const double step = lentz_step(c, d, -i * (i - a), b);
        h *= step;
        if (std::fabs(step - 1.0) < kEpsilon) {
            break;
        }
    }
    const double upper = std::exp(log_front) * h;
    return {1.0 - upper, upper};
}

}  // namespace yardstick::evaluation

#pragma once
// The special functions behind the t and chi-square distributions: the log of
// the beta function and the regularized incomplete beta and gamma functions.
// Standard library only; accurate to about 1e-14 relative in the ranges the
// reports use (degrees of freedom up to about 1e6).

namespace yardstick::evaluation {

/// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. For large
/// arguments it uses Stirling's series for the remainders, as R's lbeta()
/// does, so that the three large log-gammas do not cancel.
double log_beta(double a, double b) noexcept;

/// Both tails of the regularized incomplete beta function: lower = I_x(a, b),
/// upper = 1 − I_x(a, b). Each is computed directly where it is the smaller,
/// so a small tail keeps its relative accuracy.
struct BetaTails {
    double lower = 0;
    double upper = 0;
};

/// I_x(a, b) and its complement, for a, b > 0 and 0 ≤ x ≤ 1. `complement`
/// must be 1 − x, passed separately so a caller that knows it exactly (the t
/// distribution does) does not lose digits to cancellation. Continued fraction
/// 26.5.8 of Abramowitz & Stegun, evaluated by the modified Lentz method
/// (Press et al., Numerical Recipes, 3rd ed., §6.4 and §5.2).
BetaTails incomplete_beta(double a, double b, double x, double complement) noexcept;

/// Both tails of the regularized incomplete gamma function: lower = P(a, x),
/// upper = Q(a, x) = 1 − P(a, x), for a > 0 and x ≥ 0. Series 6.5.29 of
/// Abramowitz & Stegun below x = a + 1, the continued fraction 6.5.31 (Lentz)
/// above (Numerical Recipes, 3rd ed., §6.2).
struct GammaTails {
    double lower = 0;
    double upper = 0;
};
GammaTails incomplete_gamma(double a, double x) noexcept;

}  // namespace yardstick::evaluation

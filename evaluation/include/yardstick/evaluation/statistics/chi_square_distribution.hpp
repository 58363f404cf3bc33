#pragma once
// The chi-square distribution with `df` > 0 degrees of freedom, as R's
// pchisq(): P(X ≤ x) = P(df/2, x/2), the regularized incomplete gamma
// function. One degree of freedom (McNemar's test) goes through the normal
// distribution, exact to double precision. Invalid arguments give NaN.

namespace yardstick::evaluation {

/// P(X ≤ x).
double chi_square_cdf(double x, double df) noexcept;

/// P(X > x), computed directly so that a small p-value keeps its digits
/// (R: pchisq(x, df, lower.tail = FALSE)).
double chi_square_upper_tail(double x, double df) noexcept;

}  // namespace yardstick::evaluation

#pragma once
// Student's t distribution with `df` > 0 degrees of freedom (df need not be
// a whole number), as R's pt() and qt(): accurate to about 1e-12 relative.
// Invalid arguments (df ≤ 0, NaN, p outside [0, 1]) give NaN.

namespace yardstick::evaluation {

/// P(T ≤ t): the cumulative distribution function.
double student_t_cdf(double t, double df) noexcept;

/// P(T > t): the upper tail, computed directly so that a small tail keeps its
/// relative accuracy (R: pt(t, df, lower.tail = FALSE)).
double student_t_upper_tail(double t, double df) noexcept;

/// P(|T| ≥ |t|): the two-sided p-value of a t statistic.
double student_t_two_sided_p(double t, double df) noexcept;

/// The density of T at t.
double student_t_density(double t, double df) noexcept;

/// The p-quantile: the t with P(T ≤ t) = p (R: qt(p, df)). Returns ∓inf for
/// p = 0 and 1.
double student_t_quantile(double p, double df) noexcept;

}  // namespace yardstick::evaluation

#pragma once
// The standard normal distribution, as needed by interval estimates.

namespace yardstick::evaluation {

/// Φ⁻¹(p): the p-quantile of the standard normal distribution, for 0 < p < 1.
/// Wichura's algorithm AS 241 (PPND16), Applied Statistics 37(3), 1988,
/// accurate to about 1e-16 — the algorithm behind R's qnorm().
/// Returns -inf for p = 0, +inf for p = 1 and NaN outside [0, 1].
double normal_quantile(double p) noexcept;

/// Φ(x): the standard normal cumulative distribution function.
double normal_cdf(double x) noexcept;

}  // namespace yardstick::evaluation

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Zipf-distributed key popularity: key k in 1..n has probability proportional to 1/k^s.
//
// Sampling uses rejection-inversion (Hörmann and Derflinger, "Rejection-inversion to generate
// variates from monotone discrete distributions", 1996): O(1) expected time and O(1) memory for any
// key count, which matters because a scenario may model 10^8 keys and a table of cumulative
// probabilities would take gigabytes. The method inverts the integral H of the continuous density
// h(x) = x^-s over cells [k - 1/2, k + 1/2] and accepts a candidate k when the drawn point falls under
// the true probability mass; acceptance is above 90% for every exponent.

#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <cstdint>

#include "sim/core/randomstreams.h"

namespace archsim {

class ZipfSampler {
public:
    ZipfSampler(std::int64_t keys, double exponent)
        : m_keys(static_cast<double>(keys)), m_exponent(exponent) {
        m_hIntegralX1 = hIntegral(1.5) - 1.0;
        m_hIntegralN = hIntegral(m_keys + 0.5);
        m_s = 2.0 - hIntegralInverse(hIntegral(2.5) - h(2.0));
    }

    /// A key in 1..keys.
    std::int64_t sample(RandomEngine& engine) const {
        boost::random::uniform_01<double> uniform;
        for (;;) {
            const double u = m_hIntegralN + uniform(engine) * (m_hIntegralX1 - m_hIntegralN);
            const double x = hIntegralInverse(u);
            double k = std::floor(x + 0.5);
            if (k < 1) k = 1;
            if (k > m_keys) k = m_keys;
            if (k - x <= m_s || u >= hIntegral(k + 0.5) - h(k)) return static_cast<std::int64_t>(k);
        }
    }

private:
    double h(double x) const { return std::exp(-m_exponent * std::log(x)); }
    // H(x) = (x^(1-s) - 1) / (1 - s), written to stay accurate as s -> 1 (where H = log x).
    double hIntegral(double x) const {
        const double logX = std::log(x);
        return expm1OverX((1.0 - m_exponent) * logX) * logX;
    }
    double hIntegralInverse(double x) const {
        double t = x * (1.0 - m_exponent);
        if (t < -1.0) t = -1.0;  // guards rounding at the far end of the key range
        return std::exp(log1pOverX(t) * x);
    }
    static double expm1OverX(double x) {
        return std::abs(x) > 1e-8 ? std::expm1(x) / x : 1.0 + x / 2.0 * (1.0 + x / 3.0);
    }
    static double log1pOverX(double x) {
        return std::abs(x) > 1e-8 ? std::log1p(x) / x : 1.0 - x * (0.5 - x / 3.0);
    }

    double m_keys;
    double m_exponent;
    double m_hIntegralX1 = 0;
    double m_hIntegralN = 0;
    double m_s = 0;
};

}  // namespace archsim

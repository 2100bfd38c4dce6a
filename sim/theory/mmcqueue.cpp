// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/theory/mmcqueue.h"

#include <cmath>
#include <limits>

namespace archsim::theory {

double erlangC(int servers, double a) {
    if (servers < 1 || !(a >= 0) || a >= servers) return std::numeric_limits<double>::quiet_NaN();
    // Erlang B by B(k) = a B(k-1) / (k + a B(k-1)), B(0) = 1; then C = B / (1 - rho (1 - B)).
    double b = 1.0;
    for (int k = 1; k <= servers; ++k) b = a * b / (k + a * b);
    const double rho = a / servers;
    return b / (1.0 - rho * (1.0 - b));
}

MmcQueue::MmcQueue(double lambda, double mu, int servers)
    : m_lambda(lambda), m_mu(mu), m_servers(servers) {}

double MmcQueue::probabilityOfWait() const {
    return erlangC(m_servers, offeredLoad());
}

double MmcQueue::meanWait() const {
    return probabilityOfWait() / (m_servers * m_mu - m_lambda);
}

double MmcQueue::meanResponse() const {
    return meanWait() + 1.0 / m_mu;
}

double MmcQueue::responseCdf(double t) const {
    if (!stable()) return std::numeric_limits<double>::quiet_NaN();
    if (t <= 0) return 0.0;
    // T = W + S with S ~ Exp(mu) and, given that the request waits (probability C), W ~
    // Exp(theta), theta = c mu - lambda, independent of S; otherwise W = 0. Then
    //   P(W + S > t | waits) = e^{-mu t} (1 - mu (e^{-d t} - 1) / d),  d = theta - mu,
    // written with expm1 so that d -> 0 (theta = mu) tends smoothly to (1 + mu t) e^{-mu t}.
    const double c = probabilityOfWait();
    const double theta = m_servers * m_mu - m_lambda;
    const double d = theta - m_mu;
    const double ratio = std::abs(d * t) < 1e-12 ? -t : std::expm1(-d * t) / d;
    const double serviceTail = std::exp(-m_mu * t);
    const double waitedTail = serviceTail * (1.0 - m_mu * ratio);
    return 1.0 - ((1.0 - c) * serviceTail + c * waitedTail);
}

double MmcQueue::responsePercentile(double p) const {
    if (!stable() || !(p > 0 && p < 1)) return std::numeric_limits<double>::quiet_NaN();
    double lo = 0.0, hi = 1.0 / m_mu;
    while (responseCdf(hi) < p) hi *= 2;  // terminates: the CDF tends to 1
    for (int step = 0; step < 200 && hi - lo > 1e-13 * hi; ++step) {
        const double middle = lo + (hi - lo) / 2;
        (responseCdf(middle) < p ? lo : hi) = middle;
    }
    return lo + (hi - lo) / 2;
}

}  // namespace archsim::theory

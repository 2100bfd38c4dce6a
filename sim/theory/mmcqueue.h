// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The M/M/c queue (Poisson arrivals, exponential service, c servers, one FCFS line, no limit on
// its length) in closed form: Erlang C for the probability of waiting, the mean wait and the
// exact distribution of the response time (sojourn), whose percentiles are found numerically.

namespace archsim::theory {

class MmcQueue {
public:
    /// `lambda` arrivals and `mu` services per unit of time per server, `servers` >= 1.
    MmcQueue(double lambda, double mu, int servers);

    double offeredLoad() const { return m_lambda / m_mu; }  ///< a = lambda / mu (Erlangs)
    double utilization() const { return m_lambda / (m_servers * m_mu); }
    bool stable() const { return utilization() < 1.0; }

    /// Erlang C: the probability that an arrival finds every server busy (NaN when unstable).
    double probabilityOfWait() const;
    double meanWait() const;      ///< Wq = C / (c mu - lambda)
    double meanResponse() const;  ///< W = Wq + 1 / mu
    /// P(T <= t) for the response time T = wait + service of one request (exact, FCFS).
    double responseCdf(double t) const;
    /// The p-quantile of the response time, 0 < p < 1 (bisection on responseCdf).
    double responsePercentile(double p) const;

private:
    double m_lambda;
    double m_mu;
    int m_servers;
};

/// Erlang C for `servers` servers and offered load `a` = lambda / mu < servers, through the
/// Erlang B recursion (stable for hundreds of servers, where a^c / c! would overflow).
double erlangC(int servers, double a);

}  // namespace archsim::theory

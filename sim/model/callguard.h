// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A call made through a timeout, retries and a circuit breaker, as a client library makes it.
//
// Each attempt is a request record of its own (an attempt of the caller), handed to the callee
// like any call. The caller waits. If the attempt returns in time, the caller goes on with the
// attempt's time booked to its own phases. If it fails, or the timeout passes first, the caller
// gives up on it: a timed-out attempt goes on at the callee, holding its capacity until it is
// done there, as abandoned work does in real systems. That is what makes retry storms and
// metastable overload appear without being modelled: each retry adds load while the work it
// replaces is still running.
//
// After a failure the caller retries while attempts remain and the retry budget allows (each
// first attempt earns `budget` tokens, each retry spends one; ten are in hand at the start and at
// most a hundred are kept), waiting an exponential backoff with jitter. A breaker that is open
// fails the call at once. Time lost to failed attempts and backoff is booked as "timeouts and
// retries".

#include <array>
#include <cstdint>
#include <optional>

#include "sim/core/eventmethod.h"
#include "sim/core/randomstreams.h"
#include "sim/model/circuitbreaker.h"
#include "sim/run/runresult.h"
#include "sim/scenario/scenario.h"

namespace archsim {

class Component;
struct ModelContext;

class CallGuard {
public:
    /// Retry-budget tokens in hand at the start of a run, and the most ever kept.
    static constexpr double kBudgetTokensAtStart = 10;
    static constexpr double kBudgetTokensKept = 100;

    CallGuard(ModelContext& context, const HandlerStep& step, Component& target,
              RandomEngine engine);

    /// The caller reaches the call step.
    void call(std::uint32_t caller);
    /// An attempt of `caller` the caller still waits for has ended (`breakdown`: its phases).
    void attemptEnded(std::uint32_t caller, bool succeeded, ErrorReason reason,
                      const std::array<Time, kTimeCategoryCount>& breakdown);

    const CircuitBreaker* breaker() const { return m_breaker ? &*m_breaker : nullptr; }
    /// The step this call is made for (what an object store reads a put or get from).
    const HandlerStep& step() const { return m_step; }

private:
    void startAttempt(std::uint32_t caller);
    void retryOrFail(std::uint32_t caller, ErrorReason reason);
    /// The call has failed for good: the request fails, or its handler goes on without it.
    void giveUp(std::uint32_t caller, ErrorReason reason);
    /// Stops waiting for the attempt in flight (it goes on at the callee, abandoned).
    void abandonAttempt(std::uint32_t caller);
    bool callerWaits(std::uint64_t payload, std::uint32_t attempt) const;
    void timedOut(const Event& event);
    void backedOff(const Event& event);

    ModelContext& m_context;
    const HandlerStep& m_step;
    Component& m_target;
    RandomEngine m_engine;
    std::optional<CircuitBreaker> m_breaker;
    double m_budgetTokens = kBudgetTokensAtStart;
    EventMethod<CallGuard, &CallGuard::timedOut> m_timeout{*this};
    EventMethod<CallGuard, &CallGuard::backedOff> m_backoff{*this};
};

}  // namespace archsim

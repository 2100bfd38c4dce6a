// SPDX-License-Identifier: GPL-3.0-or-later
// The autoscaler on its own, against a fleet whose load the test sets: it launches what the
// target asks for at once, and scales in only after the stabilization window.
#include "sim/model/components/autoscaler.h"

#include <QtTest>

using namespace archsim;

namespace {

/// A fleet of 1-worker replicas whose busy workers the test sets.
class FakeFleet final : public ScalableFleet {
public:
    explicit FakeFleet(Simulator& simulator) : m_simulator(simulator) {}
    std::size_t servingReplicas() const override { return static_cast<std::size_t>(serving); }
    int bootingReplicas() const override { return 0; }
    int workersPerReplica() const override { return 1; }
    double busyAreaAt(Time now) const override {
        return m_area + busy * static_cast<double>(now - m_since);
    }
    double queuedAreaAt(Time) const override { return 0; }
    void launchReplica() override {
        ++serving;
        ++launched;
    }
    void retireReplicas(int count) override {
        serving -= count;
        retired += count;
    }
    void setBusy(double level) {
        m_area = busyAreaAt(m_simulator.now());
        m_since = m_simulator.now();
        busy = level;
    }
    int serving = 2;
    int launched = 0;
    int retired = 0;
    double busy = 0;

private:
    Simulator& m_simulator;
    double m_area = 0;
    Time m_since = 0;
};

}  // namespace

class TestAutoscaler : public QObject {
    Q_OBJECT
private slots:
    void testScalesOutAtOnceAndInAfterStabilization() {
        Simulator simulator;
        FakeFleet fleet(simulator);
        AutoscalerSpec spec;
        spec.target = 0.5;
        spec.evaluationPeriodS = 10;
        spec.scaleInStabilizationS = 30;
        spec.minReplicas = 1;
        spec.maxReplicas = 10;
        Autoscaler autoscaler(simulator, spec, fleet);
        autoscaler.start();
        // Both replicas fully busy for the first period: utilization 1 at a target of 0.5 asks
        // for 4 replicas, launched at the 10 s evaluation.
        fleet.setBusy(2);
        simulator.runUntil(fromSeconds(10));
        QCOMPARE(fleet.launched, 2);
        QCOMPARE(autoscaler.lastRecommendation(), 4);
        // Then idle: each evaluation asks for the minimum (1), but scale-in waits until no
        // recommendation in the last 30 s was higher: the 4 of 10 s leaves the window at 50 s.
        fleet.setBusy(0);
        simulator.runUntil(fromSeconds(40));
        QCOMPARE(fleet.retired, 0);
        simulator.runUntil(fromSeconds(50));
        QCOMPARE(fleet.retired, 3);
        QCOMPARE(fleet.serving, 1);
    }
};

QTEST_GUILESS_MAIN(TestAutoscaler)
#include "tst_autoscaler.moc"

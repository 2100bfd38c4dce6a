// SPDX-License-Identifier: GPL-3.0-or-later
// The database on its own: a bounded connection pool, queries beyond it waiting in one line.
#include "sim/model/components/database.h"

#include "sim/model/components/componentharness.h"

using namespace archsim;
using namespace archsim::testing;

class TestDatabase : public QObject {
    Q_OBJECT
private slots:
    void testQueriesBeyondThePoolWait() {
        // Two connections, 10 ms queries, four at 0 ms: two at 10 ms, two at 20 ms.
        ComponentHarness h;
        DatabaseSpec spec{"db", makeConstant(10), 2};
        Database db(h.context, spec);
        for (int i = 0; i < 4; ++i) h.send(db, 0);
        h.run();
        QCOMPARE(h.logList(), QStringList({"10 ms #0 done", "10 ms #1 done", "20 ms #2 done",
                                           "20 ms #3 done"}));
        // Over the first 20 ms: 2 connections busy throughout, 2 queries waiting for 10 ms.
        ComponentGauge gauge;
        WindowTotals totals;
        QVERIFY(db.fillGauge(gauge, totals, 0, fromMillis(20)));
        QCOMPARE(gauge.busy, 2.0);
        QCOMPARE(gauge.queueLength, 1.0);
        QCOMPARE(gauge.utilization, 1.0);
        QCOMPARE(totals.connectionsInUse, 2.0);
    }

    void testInjectedErrorsFailQueries() {
        ComponentHarness h;
        DatabaseSpec spec{"db", makeConstant(10), 2};
        Database db(h.context, spec);
        FailureSpec errors;
        errors.kind = FailureKind::Errors;
        errors.probability = 1;
        db.beginFailure(errors);
        h.send(db, 0);
        h.run();
        QCOMPARE(h.logList(), QStringList({"0 ms #0 failed"}));
        QCOMPARE(db.connectionsInUse(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// Trace rows as monitoring tools export them: the time column by name or position, units, Unix
// epoch and ISO 8601 instants rebased onto the first arrival, and a clear message for a bad row.
#include <QtTest>

#include "sim/scenario/tracerow.h"

using namespace archsim;

namespace {

/// The arrival offsets (s) of a whole trace text read with `columns`, or the first error.
struct Parsed {
    std::vector<double> offsets;
    std::string error;
    bool header = false;
};

Parsed parse(const TraceColumns& columns, const std::vector<std::string>& lines) {
    TraceRowParser parser(columns);
    Parsed result;
    std::vector<std::int64_t> times;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i == 0) {
            result.error = parser.readFirstLine(lines[0], result.header);
            if (!result.error.empty()) return result;
            if (result.header) continue;
        }
        const auto row = parser.parseRow(lines[i]);
        if (!row.timeNs) {
            result.error = row.error;
            return result;
        }
        times.push_back(*row.timeNs);
    }
    result.offsets = toArrivalOffsets(times, columns.base);
    return result;
}

}  // namespace

class TestTraceRow : public QObject {
    Q_OBJECT
private slots:
    void testSplitsQuotedFields() {
        QCOMPARE(splitTraceFields(" a , \"b,c\" ,\"say \"\"hi\"\"\",, "),
                 (std::vector<std::string>{"a", "b,c", "say \"hi\"", "", ""}));
        QCOMPARE(splitTraceFields("1;2", ';'), (std::vector<std::string>{"1", "2"}));
        QCOMPARE(splitTraceFields("\" padded \""), (std::vector<std::string>{" padded "}));
    }

    void testTimeColumnByNameIgnoresCaseAndPosition() {
        TraceColumns columns;
        columns.timeColumn = "Timestamp";
        const Parsed p = parse(columns, {"\xEF\xBB\xBFmethod,timestamp,path", "GET,0.5,/a", "POST,1.25,/b"});
        QVERIFY2(p.error.empty(), p.error.c_str());
        QVERIFY(p.header);
        QCOMPARE(p.offsets, (std::vector<double>{0.5, 1.25}));
    }

    void testMissingNamedColumnListsTheColumns() {
        TraceColumns columns;
        columns.timeColumn = "ts";
        const Parsed p = parse(columns, {"time,path", "1,/a"});
        QVERIFY(p.error.find("no column 'ts'") != std::string::npos);
        QVERIFY2(p.error.find("'time', 'path'") != std::string::npos, p.error.c_str());
    }

    void testTimeColumnByIndexWithOrWithoutHeader() {
        TraceColumns columns;
        columns.timeColumnIndex = 2;
        const Parsed withHeader = parse(columns, {"id,path,t", "1,/a,3", "2,/b,4.5"});
        QVERIFY(withHeader.header);
        QCOMPARE(withHeader.offsets, (std::vector<double>{3, 4.5}));
        const Parsed without = parse(columns, {"1,/a,3", "2,/b,4.5"});
        QVERIFY(!without.header);
        QCOMPARE(without.offsets, (std::vector<double>{3, 4.5}));
    }

    void testUnits_data() {
        QTest::addColumn<QString>("unit");
        QTest::addColumn<QString>("value");
        QTest::addColumn<double>("seconds");
        QTest::newRow("s") << "s" << "1.5" << 1.5;
        QTest::newRow("ms") << "ms" << "1500" << 1.5;
        QTest::newRow("us") << "us" << "1500000" << 1.5;
        QTest::newRow("ns") << "ns" << "1500000000" << 1.5;
        QTest::newRow("ms fraction") << "ms" << "0.25" << 0.00025;
        QTest::newRow("exponent") << "ms" << "2.5e3" << 2.5;
        QTest::newRow("leading zeros") << "s" << "000.050" << 0.05;
    }
    void testUnits() {
        QFETCH(QString, unit);
        QFETCH(QString, value);
        QFETCH(double, seconds);
        const auto keyword = traceTimeUnitFromKeyword(unit.toStdString());
        QVERIFY(keyword);
        QCOMPARE(toKeyword(*keyword), unit.toStdString());
        TraceColumns columns;
        columns.unit = *keyword;
        const Parsed p = parse(columns, {"0", value.toStdString()});
        QVERIFY2(p.error.empty(), p.error.c_str());
        QCOMPARE(p.offsets.back(), seconds);
        QVERIFY(!traceTimeUnitFromKeyword("min"));
    }

    void testEpochTimesBecomeOffsetsFromTheFirstArrival() {
        TraceColumns columns;
        columns.base = TraceTimeBase::Epoch;
        columns.unit = TraceTimeUnit::Milliseconds;
        // Out of order, as merged logs are; milliseconds near 1.7e12 must not be rounded away.
        const Parsed ms = parse(columns, {"ts", "1700000000123", "1700000000001", "1700000003001"});
        QVERIFY2(ms.error.empty(), ms.error.c_str());
        QCOMPARE(ms.offsets, (std::vector<double>{0, 0.122, 3.0}));
        columns.unit = TraceTimeUnit::Seconds;
        const Parsed s = parse(columns, {"1700000000.000001", "1700000000.000003"});
        QVERIFY2(s.error.empty(), s.error.c_str());
        QCOMPARE(s.offsets.size(), std::size_t(2));
        QCOMPARE(s.offsets[1], 2e-6);  // a double of the epoch seconds would give 2.38e-6
    }

    void testIso8601_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("epochS");  // whole seconds; fractions checked separately
        QTest::newRow("Z") << "2024-03-01T12:00:00Z" << qint64(1709294400);
        QTest::newRow("space, no zone (UTC)") << "2024-03-01 12:00:00" << qint64(1709294400);
        QTest::newRow("+01:00") << "2024-03-01T13:00:00+01:00" << qint64(1709294400);
        QTest::newRow("-0530") << "2024-03-01T06:30:00-0530" << qint64(1709294400);
        QTest::newRow("+hh") << "2024-03-01T14:00:00+02" << qint64(1709294400);
        QTest::newRow("no seconds") << "2024-03-01T12:00Z" << qint64(1709294400);
        QTest::newRow("date only") << "2024-03-01" << qint64(1709251200);
        QTest::newRow("leap day") << "2024-02-29T00:00:00Z" << qint64(1709164800);
        QTest::newRow("epoch") << "1970-01-01T00:00:00Z" << qint64(0);
    }
    void testIso8601() {
        QFETCH(QString, text);
        QFETCH(qint64, epochS);
        const auto ns = parseIso8601(text.toStdString());
        QVERIFY2(ns, qPrintable(text));
        QCOMPARE(*ns, epochS * 1'000'000'000LL);
    }

    void testIso8601Fractions() {
        QCOMPARE(*parseIso8601("1970-01-01T00:00:01.5Z"), 1'500'000'000LL);
        QCOMPARE(*parseIso8601("1970-01-01T00:00:00,000000007Z"), 7LL);
        QCOMPARE(*parseIso8601("1970-01-01T00:00:00.1234567891Z"), 123'456'789LL);
    }

    void testBadIso8601_data() {
        QTest::addColumn<QString>("text");
        for (const char* text : {"2024-02-30T00:00:00Z", "2023-02-29", "2024-13-01T00:00:00Z",
                                 "2024-03-01T24:00:00Z", "2024-03-01T12:60:00Z", "2024-03-01T12:00:61Z",
                                 "2024-03-01X12:00:00", "2024-3-1", "2024-03-01T12:00:00.Z",
                                 "2024-03-01T12:00:00+25:00", "2024-03-01T12:00:00Zjunk",
                                 "1709294400", "", "yesterday"})
            QTest::newRow(text) << QString::fromLatin1(text);
    }
    void testBadIso8601() {
        QFETCH(QString, text);
        QVERIFY(!parseIso8601(text.toStdString()));
    }

    void testIsoTraceRebasesAcrossZones() {
        TraceColumns columns;
        columns.base = TraceTimeBase::Iso8601;
        columns.timeColumn = "time";
        const Parsed p = parse(columns, {"time,status", "2024-03-01T12:00:00.250Z,200",
                                         "2024-03-01T13:00:01+01:00,200", "2024-03-01T12:00:00Z,500"});
        QVERIFY2(p.error.empty(), p.error.c_str());
        QCOMPARE(p.offsets, (std::vector<double>{0, 0.25, 1}));
    }

    void testBadRowsSayWhatIsWrong_data() {
        QTest::addColumn<int>("base");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<QString>("row");
        QTest::addColumn<QString>("expected");
        const int offset = int(TraceTimeBase::Offset), epoch = int(TraceTimeBase::Epoch),
                  iso = int(TraceTimeBase::Iso8601);
        QTest::newRow("not a number") << offset << "ms" << "x,abc" << "'abc' is not a time in milliseconds";
        QTest::newRow("negative offset") << offset << "s" << "x,-1" << "negative";
        QTest::newRow("missing column") << offset << "s" << "onlyone" << "has no column 2 ('t'): the row has 1 field";
        QTest::newRow("empty field") << offset << "s" << "x," << "column 2 ('t') is empty";
        QTest::newRow("not a Unix time") << epoch << "s" << "x,2024-03-01" << "is not a Unix time in seconds";
        QTest::newRow("beyond int64 ns") << epoch << "s" << "x,1e20" << "is not a Unix time in seconds";
        QTest::newRow("not an ISO date") << iso << "s" << "x,1709294400" << "is not an ISO 8601 date";
        QTest::newRow("nan") << offset << "s" << "x,nan" << "is not a time in seconds";
        QTest::newRow("inf") << offset << "s" << "x,inf" << "is not a time in seconds";
    }
    void testBadRowsSayWhatIsWrong() {
        QFETCH(int, base);
        QFETCH(QString, unit);
        QFETCH(QString, row);
        QFETCH(QString, expected);
        TraceColumns columns;
        columns.timeColumn = "t";
        columns.base = TraceTimeBase(base);
        columns.unit = *traceTimeUnitFromKeyword(unit.toStdString());
        const Parsed p = parse(columns, {"x,t", row.toStdString()});
        QVERIFY2(p.error.find(expected.toStdString()) != std::string::npos, p.error.c_str());
    }

    void testOffsetsKeepTheirOrigin() {
        QCOMPARE(toArrivalOffsets({3'000'000'000, 1'000'000'000}, TraceTimeBase::Offset),
                 (std::vector<double>{1, 3}));
        QCOMPARE(toArrivalOffsets({3'000'000'000, 1'000'000'000}, TraceTimeBase::Epoch),
                 (std::vector<double>{0, 2}));
        QVERIFY(toArrivalOffsets({}, TraceTimeBase::Epoch).empty());
    }
};

QTEST_GUILESS_MAIN(TestTraceRow)
#include "tst_tracerow.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// The reader every archsim file goes through (scenarios, distributions, pricing tables, cost
// configurations): its messages, paths and edge cases, tested once here rather than through each
// format.
#include <QtTest>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>

#include "sim/scenario/jsonreader.h"

using namespace archsim;
using nlohmann::json;

namespace {

/// The issues of a report as "path: message" lines.
QStringList issueList(const ValidationReport& report) {
    QStringList lines;
    for (const auto& issue : report.issues()) lines << QString::fromStdString(issue.toString());
    return lines;
}

}  // namespace

class TestJsonReader : public QObject {
    Q_OBJECT
private slots:
    void testFormatNumber_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("whole") << 30.0 << "30";
        QTest::newRow("fraction") << 0.1 << "0.1";
        QTest::newRow("negative") << -0.02 << "-0.02";
        // Written as typed, where the shortest exact form would be 2.6784e+06.
        QTest::newRow("large whole") << 2678400.0 << "2678400";
        QTest::newRow("a billion") << 1e9 << "1000000000";
        QTest::newRow("limit") << 1e12 << "1e+12";
        QTest::newRow("tiny") << 1e-7 << "1e-07";
        // More digits than twelve: all of them, so two different numbers never print alike.
        QTest::newRow("inexact sum") << 0.1 + 0.2 << "0.30000000000000004";
        QTest::newRow("just above a half") << 0.5000000000001 << "0.5000000000001";
        QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << "inf";
    }
    void testFormatNumber() {
        QFETCH(double, value);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(formatNumber(value)), expected);
    }

    void testFormatNumberRounded() {
        QCOMPARE(formatNumber(0.1 + 0.2, 12), std::string("0.3"));
        QCOMPARE(formatNumber(12.3456789, 6), std::string("12.3457"));
        QCOMPARE(formatNumber(1.1e12, 6), std::string("1.1e+12"));
        QCOMPARE(formatNumber(2678400.0 / 0.7, 12), std::string("3826285.71429"));
    }

    void testDescribeJson_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("string") << QByteArray(R"("cheap")") << R"(string "cheap")";
        // Ordinary escapes here: moc misreads a backslash in a raw string literal.
        QTest::newRow("quote in string") << QByteArray("\"a\\\"b\"") << "string \"a\\\"b\"";
        QTest::newRow("long string")
            << QByteArray(R"("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz")")
            << QString::fromUtf8(R"(string "abcdefghijklmnopqrstuvwxyzabcdefghijklm…")");
        QTest::newRow("integer") << QByteArray("-1") << "number -1";
        QTest::newRow("huge integer")
            << QByteArray("9007199254740993") << "number 9007199254740993";
        QTest::newRow("float") << QByteArray("3.5") << "number 3.5";
        QTest::newRow("true") << QByteArray("true") << "boolean true";
        QTest::newRow("null") << QByteArray("null") << "null";
        QTest::newRow("array") << QByteArray("[1, 2]") << "an array";
        QTest::newRow("object") << QByteArray("{}") << "an object";
    }
    void testDescribeJson() {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(describeJson(json::parse(text.toStdString()))), expected);
    }

    void testExcerpt_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        // Ordinary escapes here: moc misreads a backslash in a raw string literal.
        QTest::newRow("plain") << QByteArray("abc") << "abc";
        QTest::newRow("empty") << QByteArray() << "";
        QTest::newRow("exactly the limit") << QByteArray(40, 'a') << QString(40, 'a');
        QTest::newRow("one past the limit") << QByteArray(41, 'a') << QString(39, 'a') + "\u2026";
        QTest::newRow("terminal escape and newline")
            << QByteArray("a\x1b[31mb\n") << "a\\x1B[31mb\\x0A";
        QTest::newRow("tab and delete") << QByteArray("\t\x7f") << "\\x09\\x7F";
        QTest::newRow("invalid UTF-8") << QByteArray("\xff\xfe") << "\\xFF\\xFE";
        QTest::newRow("UTF-8 cut short") << QByteArray("x\xc3") << "x\\xC3";
        QTest::newRow("overlong UTF-8") << QByteArray("\xc0\xaf") << "\\xC0\\xAF";
        QTest::newRow("UTF-16 surrogate") << QByteArray("\xed\xa0\x80") << "\\xED\\xA0\\x80";
        QTest::newRow("UTF-8 letters")
            << QString("caf\u00e9 \u221e").toUtf8() << "caf\u00e9 \u221e";
        QTest::newRow("direction override") << QString("a\u202eb").toUtf8() << "a\\xE2\\x80\\xAEb";
        QTest::newRow("C1 control") << QString("\u009b").toUtf8() << "\\xC2\\x9B";
        QTest::newRow("quote and backslash") << QByteArray("a\"b\\c") << "a\\\"b\\\\c";
        // The limit counts characters, however many bytes each takes or shows as.
        QTest::newRow("letters cut")
            << QString(45, QChar(0xe9)).toUtf8() << QString(39, QChar(0xe9)) + "\u2026";
        QTest::newRow("escapes cut")
            << QByteArray(50, '\x01') << QString("\\x01").repeated(39) + "\u2026";
    }
    void testExcerpt() {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(excerpt(text.toStdString())), expected);
    }

    void testHugeInputIsQuotedShort() {
        // A 10 MB name or key must not make a 10 MB message (or path, or log line).
        const std::string huge(10'000'000, 'k');
        QCOMPARE(excerpt(huge), std::string(39, 'k') + "\u2026");
        QCOMPARE(excerpt(huge, 5), std::string("kkkk\u2026"));
        QCOMPARE(quotedPath("/tmp/" + huge), "'/tmp/" + std::string(250, 'k') + "\u2026'");
        QCOMPARE(keyPath("a", huge + "."), "a[\"" + std::string(39, 'k') + "\u2026\"]");
        QCOMPARE(describeJson(json(huge)), "string \"" + std::string(39, 'k') + "\u2026\"");

        ValidationReport report;
        const json object = {{huge, 1}, {"mode", huge}};
        JsonObjectReader reader(object, "o", report);
        QVERIFY(!reader.choice("mode", true, {"fast", "slow"}));
        reader.reportUnknownFields();
        QCOMPARE(report.issues().size(), std::size_t{2});
        const std::string cut = std::string(39, 'k') + "\u2026";
        QCOMPARE(report.issues()[0].toString(),
                 "o.mode: must be one of 'fast', 'slow', got '" + cut + "'");
        QCOMPARE(report.issues()[1].toString(),
                 "o[\"" + cut + "\"]: unknown field '" + cut + "'; known fields here: mode");
    }

    void testKeyPath() {
        QCOMPARE(keyPath("", "run"), std::string("run"));
        QCOMPARE(keyPath("run", "durationS"), std::string("run.durationS"));
        QCOMPARE(keyPath("ec2.instanceTypes", "t3.small"),
                 std::string("ec2.instanceTypes[\"t3.small\"]"));
        QCOMPARE(keyPath("a", "with space"), std::string("a[\"with space\"]"));
        QCOMPARE(keyPath("a", "9lives"), std::string("a[\"9lives\"]"));
        QCOMPARE(keyPath("a", "say \"hi\""), std::string("a[\"say \\\"hi\\\"\"]"));
        QCOMPARE(keyPath("a", ""), std::string("a[\"\"]"));
    }

    void testClosestMatch() {
        const std::vector<std::string> fields = {"durationS", "windowS", "warmupS"};
        QCOMPARE(closestMatch("duratoinS", fields).value_or("-"), std::string("durationS"));
        QCOMPARE(closestMatch("WINDOWS", fields).value_or("-"), std::string("windowS"));
        QVERIFY(!closestMatch("colour", fields));
        QVERIFY(!closestMatch("x", {}));
    }

    void testNumberRanges() {
        const json object = {{"a", -5}, {"b", 0}, {"c", 1e13}, {"d", 50}, {"e", 0.5}, {"f", "x"}};
        ValidationReport report;
        JsonObjectReader reader(object, "o", report);
        QVERIFY(!reader.number("a", true, NumberRange::nonNegative("s")));
        QVERIFY(!reader.number("b", true, NumberRange::positive()));
        QVERIFY(!reader.number("c", true, NumberRange(0, 1e12).explainMax("absurd")));
        QVERIFY(!reader.number("d", true, NumberRange(0, 1, false, "").explainMin("never")));
        QCOMPARE(reader.number("e", true, NumberRange(0, 1)).value_or(-1), 0.5);
        QVERIFY(!reader.number("f", true));
        QVERIFY(!reader.number("g", true));
        QVERIFY(!reader.number("h", false));
        reader.reportUnknownFields();
        QCOMPARE(issueList(report),
                 (QStringList{
                     "o.a: must be >= 0 s, got -5", "o.b: must be > 0, got 0",
                     "o.c: must be <= 1e+12 (absurd), got 1e+13", "o.d: must be <= 1, got 50",
                     "o.f: must be a number, got string \"x\"", "o.g: is required but missing"}));
    }

    void testNonFiniteNumbersAreRejected() {
        // JSON text cannot hold one, but a value built in code can.
        ValidationReport report;
        QVERIFY(!readNumber(json(std::numeric_limits<double>::infinity()), "x", {}, report));
        QCOMPARE(issueList(report), QStringList{"x: must be a finite number, got inf"});
    }

    void testIntegers() {
        const json object = json::parse(R"({"whole": 2.0, "fraction": 2.5, "zero": 0,
            "negative": -3, "top": 9223372036854775807, "past": 9223372036854775808,
            "hugeFloat": 1e30, "text": "3"})");
        ValidationReport report;
        JsonObjectReader reader(object, "", report);
        constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
        QCOMPARE(reader.integer("whole", true, 1, 10).value_or(-1), std::int64_t{2});
        QVERIFY(!reader.integer("fraction", true, 1, 10));
        // JSON parses 0 as unsigned; it must still be held to the minimum.
        QVERIFY(!reader.integer("zero", true, 1, 10));
        QCOMPARE(reader.integer("negative", true, -5, 5).value_or(0), std::int64_t{-3});
        QCOMPARE(reader.integer("top", true, 0, kMax).value_or(0), kMax);
        // 2^63 passes for int64's maximum through a double; it must not wrap to a negative seed.
        QVERIFY(!reader.integer("past", true, 0, kMax));
        QVERIFY(!reader.integer("hugeFloat", true, 0, kMax));
        QVERIFY(!reader.integer("text", true, 0, 10));
        QCOMPARE(issueList(report),
                 (QStringList{"fraction: must be a whole number, got 2.5",
                              "zero: must be between 1 and 10, got 0",
                              "past: must be between 0 and 9223372036854775807, got "
                              "9223372036854775808",
                              "hugeFloat: must be between 0 and 9223372036854775807, got 1e+30",
                              "text: must be a whole number, got string \"3\""}));
    }

    void testStringsAndChoices() {
        const json object = {{"empty", ""},      {"name", "x"},          {"policy", "Queue"},
                             {"other", "bogus"}, {"number", 3},          {"flag", "yes"},
                             {"list", {1, 2}},   {"notList", {{"a", 1}}}};
        ValidationReport report;
        JsonObjectReader reader(object, "s", report);
        const std::vector<std::string> policies = {"throttle", "queue"};
        QCOMPARE(reader.string("empty", true).value_or("-"), std::string());
        QVERIFY(!reader.nonEmptyString("empty", true));
        QCOMPARE(reader.nonEmptyString("name", true).value_or("-"), std::string("x"));
        QVERIFY(!reader.choice("policy", true, policies));
        QVERIFY(!reader.choice("other", false, policies));
        QVERIFY(!reader.choice("number", false, policies));
        QVERIFY(!reader.choice("missing", true, policies));
        QVERIFY(!reader.choice("absent", false, policies));
        QVERIFY(!reader.boolean("flag", false));
        QVERIFY(reader.array("list", true));
        QVERIFY(!reader.array("notList", true));
        reader.reportUnknownFields();
        QCOMPARE(issueList(report),
                 (QStringList{"s.empty: must not be empty",
                              "s.policy: must be one of 'throttle', 'queue', got 'Queue' (did you "
                              "mean 'queue'?)",
                              "s.other: must be one of 'throttle', 'queue', got 'bogus'",
                              "s.number: must be one of 'throttle', 'queue', got number 3",
                              "s.missing: is required but missing (one of 'throttle', 'queue')",
                              "s.flag: must be true or false, got string \"yes\"",
                              "s.notList: must be an array, got an object"}));
    }

    void testUnknownFields() {
        const json object = {{"durationS", 1}, {"duratoinS", 2}, {"colour", 3}, {"handled", 4}};
        ValidationReport report;
        JsonObjectReader reader(object, "run", report);
        reader.number("durationS", false);
        reader.number("windowS", false);  // known although absent
        reader.fail("handled", "is reported by the caller");
        reader.reportUnknownFields();
        // nlohmann keeps keys sorted, so the order is stable.
        QCOMPARE(issueList(report),
                 (QStringList{"run.handled: is reported by the caller",
                              "run.colour: unknown field 'colour'; known fields here: durationS, "
                              "windowS, handled",
                              "run.duratoinS: unknown field 'duratoinS' (did you mean "
                              "'durationS'?)"}));

        // With nothing known, there is no list to give.
        ValidationReport bare;
        const json lone = {{"x", 1}};
        JsonObjectReader empty(lone, "", bare);
        empty.reportUnknownFields();
        QCOMPARE(issueList(bare), QStringList{"x: unknown field 'x'"});
    }

    void testUnknownFieldWithADotIsQuoted() {
        ValidationReport report;
        const json types = {{"t3.small", 1}};
        JsonObjectReader reader(types, "ec2", report);
        reader.reportUnknownFields();
        QCOMPARE(issueList(report), QStringList{"ec2[\"t3.small\"]: unknown field 't3.small'"});
    }

    void testNotAnObject() {
        ValidationReport report;
        const json list = json::array();
        JsonObjectReader reader(list, "section", report);
        QVERIFY(!reader.isObject());
        QVERIFY(!reader.number("x", true));  // and nothing more is reported
        reader.reportUnknownFields();
        QCOMPARE(issueList(report), QStringList{"section: must be an object, got an array"});
    }

    void testParseJsonText_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("source");
        QTest::addColumn<bool>("returnsValue");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("valid") << R"({"a": {"b": [1, 2]}})"
                               << "" << true << QStringList{};
        QTest::newRow("syntax error")
            << "{\n  \"a\": 1,\n  \"b\": tru}"
            << "" << false
            << QStringList{
                   "not valid JSON at line 3, column 11: syntax error while parsing value "
                   "- invalid literal; last read: '\\\"b\\\": tru}'"};
        QTest::newRow("syntax error in a named file")
            << "{,}"
            << "pricing file 'p.json'" << false
            << QStringList{
                   "pricing file 'p.json' is not valid JSON at line 1, column 2: syntax "
                   "error while parsing object key - unexpected ','; expected string "
                   "literal"};
        QTest::newRow("key given twice")
            << R"({"types": {"t3.small": {"hourly": 1, "hourly": 2}},)"
               R"( "types2": [{"x": 1, "x": 2}]})"
            << "" << true
            << QStringList{
                   "types[\"t3.small\"].hourly: is given more than once in the same "
                   "object; keep only one",
                   "types2[0].x: is given more than once in the same object; keep only "
                   "one"};
        // Found by tests/fuzz: well-formed JSON that nlohmann refuses with another exception.
        QTest::newRow("number beyond double")
            << "{\"rate\": 7e777}"
            << "" << false << QStringList{"not valid JSON: number overflow parsing '7e777'"};
        // The parser quotes what it read last: from a file named by mistake, that can be a whole
        // line of secrets, or megabytes of digits.
        QTest::newRow("long string quoted short")
            << "{\"token\": \"" + QString(200, 'S') + "\n\"}"
            << "" << false
            << QStringList{
                   "not valid JSON at line 1, column 212: syntax error while parsing "
                   "value - invalid string: control character U+000A (LF) must be "
                   "escaped to \\u000A or \\n; last read: '\\\"" +
                   QString(38, 'S') + "\u2026'"};
        QTest::newRow("long number quoted short")
            << "[1" + QString(400, '0') + "]"
            << "" << false
            << QStringList{"not valid JSON: number overflow parsing '1" + QString(38, '0') +
                           "\u2026'"};
        QTest::newRow("too deep") << QString("[").repeated(150) + QString("]").repeated(150) << ""
                                  << false
                                  << QStringList{QString("[0]").repeated(100) +
                                                 ": values are nested more than 100 levels deep; "
                                                 "this is not a test document"};
    }
    void testParseJsonText() {
        QFETCH(QString, text);
        QFETCH(QString, source);
        QFETCH(bool, returnsValue);
        QFETCH(QStringList, expected);
        ValidationReport report;
        const auto value =
            parseJsonText(text.toStdString(), "a test document", report, source.toStdString());
        QCOMPARE(value.has_value(), returnsValue);
        QCOMPARE(issueList(report), expected);
    }
};

QTEST_GUILESS_MAIN(TestJsonReader)
#include "tst_jsonreader.moc"

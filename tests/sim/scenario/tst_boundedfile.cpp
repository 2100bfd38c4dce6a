// SPDX-License-Identifier: GPL-3.0-or-later
// Tests sim/scenario/boundedfile.h: only regular files are read, never past their cap, and a
// line never costs more memory than its cap; every refusal names the file and says why.
#include <sys/stat.h>

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/scenario/boundedfile.h"

using namespace archsim;

namespace {

constexpr FileKind kTiny{"test file", 16};

std::string writeFile(const QTemporaryDir& dir, const char* name, const std::string& text) {
    const std::string path = dir.filePath(name).toStdString();
    std::ofstream out(path, std::ios::binary);
    out << text;
    return path;
}

/// 'path', built with append(): GCC 12 warns falsely (-Wrestrict) about "'" + path at -O3.
std::string quoted(const std::string& path) {
    std::string text = "'";
    return text.append(path).append("'");
}

}  // namespace

class TestBoundedFile : public QObject {
    Q_OBJECT
private slots:
    void testReadsARegularFile() {
        QTemporaryDir dir;
        const std::string path = writeFile(dir, "a.json", "{\"a\": 1}\n");
        std::string error;
        const auto text = readBoundedFile(path, kScenarioFile, error);
        QVERIFY2(text, error.c_str());
        QCOMPARE(*text, std::string("{\"a\": 1}\n"));
        const auto empty = readBoundedFile(writeFile(dir, "empty", ""), kScenarioFile, error);
        QVERIFY(empty && empty->empty());
    }

    void testRefusesWhatIsNotARegularFile() {
        // Each of these once hung the reader or filled the memory: a device never ends, and
        // opening a FIFO waits for a writer.
        QTemporaryDir dir;
        const std::string fifo = dir.filePath("fifo").toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        for (const std::string& path :
             {std::string("/dev/zero"), std::string("/dev/urandom"), fifo}) {
            std::string error;
            QVERIFY(!readBoundedFile(path, kScenarioFile, error));
            QCOMPARE(error, quoted(path) +
                                " is not a regular file (a device, pipe or socket cannot be a "
                                "scenario file)");
        }
        std::string error;
        QVERIFY(!readBoundedFile(dir.path().toStdString(), kTraceFile, error));
        QCOMPARE(error, quoted(dir.path().toStdString()) + " is a directory, not a trace file");
    }

    void testMissingFile() {
        std::string error;
        QVERIFY(!readBoundedFile("/nonexistent-archsim/p.json", kPricingFile, error));
        QCOMPARE(error, std::string("cannot open pricing file '/nonexistent-archsim/p.json': "
                                    "no such file"));
    }

    void testNameWithANulIsRefused() {
        // Opened as a C string, "x.csv\0/etc/passwd" would read x.csv while messages name both.
        QTemporaryDir dir;
        const std::string path = writeFile(dir, "x.csv", "1\n");
        std::string error;
        QVERIFY(!readBoundedFile(path + std::string(1, '\0') + "/etc/passwd", kTraceFile, error));
        QCOMPARE(error, quoted(path + "\\x00/etc/passwd") +
                            " is not a valid file name (it holds a NUL character)");
    }

    void testCapIsEnforced() {
        QTemporaryDir dir;
        std::string error;
        QVERIFY(readBoundedFile(writeFile(dir, "16", std::string(16, 'x')), kTiny, error));
        QVERIFY(!readBoundedFile(writeFile(dir, "17", std::string(17, 'x')), kTiny, error));
        QCOMPARE(error, "test file " + quoted(dir.filePath("17").toStdString()) +
                            " is larger than the limit of 16 bytes (it is 17 bytes)");

        // A sparse 200 MiB file costs no disk; read whole, it would cost 200 MiB of memory.
        const std::string big = dir.filePath("big.json").toStdString();
        { std::ofstream create(big); }
        std::filesystem::resize_file(big, 200 * kMiB);
        QVERIFY(!readBoundedFile(big, kScenarioFile, error));
        QCOMPARE(error, "scenario file " + quoted(big) +
                            " is larger than the limit of 16 MiB (it is 200 MiB)");
        // Just past the cap, the rounded size would only repeat the limit.
        std::filesystem::resize_file(big, 16 * kMiB + 1);
        QVERIFY(!readBoundedFile(big, kScenarioFile, error));
        QCOMPARE(error, "scenario file " + quoted(big) + " is larger than the limit of 16 MiB");
    }

    void testFileGrowingPastTheCap() {
        // A log still being written passes the size check when opened, then grows.
        QTemporaryDir dir;
        const std::string path = writeFile(dir, "log", "0123456789");
        BoundedFile file(path, kTiny);
        QVERIFY(file.ok());
        std::ofstream(path, std::ios::app) << "0123456789";
        QVERIFY(!file.readAll());
        QCOMPARE(file.error(),
                 "test file " + quoted(path) + " grew past the limit of 16 bytes while being read");
    }

    void testReadsLines() {
        QTemporaryDir dir;
        // Longer than the reader's buffer, so lines cross its refills.
        std::string text;
        for (int i = 0; i < 20000; ++i) text += std::to_string(i) + ",GET /x\r\n";
        text += "last";
        const std::string path = writeFile(dir, "t.csv", text);
        BoundedFile file(path, kTraceFile);
        std::string line;
        for (int i = 0; i < 20000; ++i) {
            QCOMPARE(file.readLine(line, 100), BoundedFile::Line::Read);
            QCOMPARE(line, std::to_string(i) + ",GET /x\r");
        }
        QCOMPARE(file.readLine(line, 100), BoundedFile::Line::Read);
        QCOMPARE(line, std::string("last"));
        QCOMPARE(file.readLine(line, 100), BoundedFile::Line::End);
        QVERIFY(file.ok());
    }

    void testLongLineIsCutAndSkipped() {
        QTemporaryDir dir;
        const std::string path = writeFile(
            dir, "t.csv", "1\n" + std::string(300'000, 'z') + "\n2\n" + std::string(10, 'y'));
        BoundedFile file(path, kTraceFile);
        std::string line;
        QCOMPARE(file.readLine(line, 8), BoundedFile::Line::Read);
        QCOMPARE(line, std::string("1"));
        QCOMPARE(file.readLine(line, 8), BoundedFile::Line::TooLong);
        QCOMPARE(line, std::string(8, 'z'));
        QCOMPARE(file.readLine(line, 8), BoundedFile::Line::Read);
        QCOMPARE(line, std::string("2"));
        QCOMPARE(file.readLine(line, 8), BoundedFile::Line::TooLong);  // and without a '\n'
        QCOMPARE(line, std::string(8, 'y'));
        QCOMPARE(file.readLine(line, 8), BoundedFile::Line::End);
    }

    void testFormatBytes() {
        QCOMPARE(formatBytes(1), std::string("1 byte"));
        QCOMPARE(formatBytes(1023), std::string("1023 bytes"));
        QCOMPARE(formatBytes(1536), std::string("1.5 KiB"));
        QCOMPARE(formatBytes(16 * kMiB), std::string("16 MiB"));
        QCOMPARE(formatBytes(kTraceFile.maxBytes), std::string("1 GiB"));
    }
};

QTEST_GUILESS_MAIN(TestBoundedFile)
#include "tst_boundedfile.moc"

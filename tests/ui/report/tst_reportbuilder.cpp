// SPDX-License-Identifier: GPL-3.0-or-later
// The design-review report: every section and figure in the HTML, the same in the PDF (page count
// and text through pdftotext), the same bytes for the same inputs, the warnings a careful reader
// needs, and the charts' stand-alone export (caption, line styles, palette).

#include <qcustomplot.h>

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <set>

#include "sim/scenario/scenariojson.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/chartstyle.h"
#include "ui/charts/percentilechart.h"
#include "ui/report/reportbuilder.h"
#include "ui/report/reportexporter.h"
#include "ui/report/scenarioparameters.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

Scenario preset(const char* name) {
    ValidationReport report;
    auto scenario = loadScenarioFile(std::string(ARCHSIM_RESOURCES_DIR "/presets/") + name, report);
    if (!scenario) qFatal("cannot load preset %s", name);
    // Short runs: the report's structure does not depend on the length.
    scenario->run.durationS = 40;
    scenario->run.warmupS = 10;
    scenario->run.windowS = 2;
    return *scenario;
}

std::shared_ptr<const PricingTable> bundledPricing() {
    PricingLoadResult loaded =
        loadPricingFile(defaultPricingFile(std::filesystem::path(ARCHSIM_RESOURCES_DIR)));
    if (!loaded.table) qFatal("cannot load the bundled pricing table");
    return std::make_shared<const PricingTable>(std::move(*loaded.table));
}

/// Workers against servers, both priced, plus an M/M/c queue made to overload.
ReportRequest sampleRequest(unsigned replications = 1) {
    ReportRequest request;
    const auto pricing = bundledPricing();
    request.scenarios.push_back({preset("auth-api-workers.json"), QStringLiteral("workers.json"),
                                 pricing, scenarioColour(0)});
    request.scenarios.push_back({preset("auth-api-servers.json"), QStringLiteral("servers.json"),
                                 pricing, scenarioColour(1)});
    Scenario overloaded = preset("mmc-queue.json");
    overloaded.name = "Overloaded queue";
    overloaded.run.maxInFlight = 2;
    request.scenarios.push_back({overloaded, QString(), nullptr, scenarioColour(2)});
    request.replications = replications;
    request.seed = 42;
    request.sloMs = 25;
    request.date = QDateTime(QDate(2026, 3, 4), QTime(5, 6), Qt::UTC);
    return request;
}

QString tool(const char* name) {
    return QStandardPaths::findExecutable(QString::fromLatin1(name));
}

/// The tool's output; compatibility-normalised, since the PDF's text carries the font's ligatures
/// ("ﬂ" for "fl"), as a PDF viewer's search also folds them.
QString runTool(const QString& program, const QStringList& arguments) {
    QProcess process;
    process.start(program, arguments);
    process.waitForFinished(60'000);
    return QString::fromUtf8(process.readAllStandardOutput())
        .normalized(QString::NormalizationForm_KC);
}

}  // namespace

class TestReportBuilder : public QObject {
    Q_OBJECT

    ReportRequest m_request;
    ReportRuns m_runs;
    ReportDocument m_document;
    QString m_html;

private slots:
    void initTestCase() {
        m_request = sampleRequest();
        int lastDone = -1, lastTotal = -1;
        std::mutex mutex;
        m_runs = runReport(m_request, [&](int done, int total) {
            const std::lock_guard lock(mutex);
            lastDone = std::max(lastDone, done);
            lastTotal = total;
        });
        QCOMPARE(m_runs.scenarios.size(), std::size_t(3));
        QVERIFY(lastTotal > 3);         // replications and cost-curve levels
        QCOMPARE(lastDone, lastTotal);  // progress reaches the end
        m_document = buildReport(m_request, m_runs);
        m_html = QString::fromUtf8(m_document.toHtml());
    }

    void testHtmlHoldsEverySection() {
        for (const char* id :
             {"warnings", "scenarios", "topology", "results", "summary", "pricing"})
            QVERIFY2(m_html.contains(QStringLiteral("<h2 id=\"%1\">").arg(id)), id);
        QVERIFY(
            m_html.contains("<h1 id=\"title\">archsim report: Auth API on Cloudflare Workers vs "
                            "Auth API on Go servers vs Overloaded queue</h1>"));
        QVERIFY(m_html.contains("Date: 2026-03-04 05:06 UTC"));
        QVERIFY(m_html.contains("archsim " ARCHSIM_VERSION));
    }

    void testTopologyFiguresShowTheComponents() {
        // The diagram is drawn, not an empty frame: each figure names its scenario's entry.
        for (std::size_t i = 0; i < m_request.scenarios.size(); ++i) {
            const QString start = QStringLiteral("<figure id=\"topology-%1\">").arg(i + 1);
            const qsizetype from = m_html.indexOf(start);
            QVERIFY(from >= 0);
            const QString figure =
                m_html.mid(from, m_html.indexOf(QStringLiteral("</figure>"), from) - from);
            const QString entry =
                QString::fromStdString(m_request.scenarios[i].scenario.topology.entry);
            QVERIFY(!entry.isEmpty());
            QVERIFY2(figure.contains(QStringLiteral(">%1<").arg(entry)) ||
                         figure.contains(entry + QLatin1Char('<')),
                     qPrintable(entry));
        }
    }

    void testHtmlHoldsEveryFigureInline() {
        for (const char* id : {"topology-1", "topology-2", "topology-3", "percentiles",
                               "distribution", "breakdown", "capacity", "cache-database", "cost"})
            QVERIFY2(m_html.contains(QStringLiteral("<figure id=\"%1\">").arg(id)), id);
        // Self-contained: every figure is an inline SVG and nothing is fetched from elsewhere.
        QCOMPARE(m_html.count(QStringLiteral("<svg")), 9);
        QCOMPARE(m_html.count(QStringLiteral("</svg>")), 9);
        QVERIFY(!m_html.contains(QStringLiteral("src=")));
        QVERIFY(!m_html.contains(QStringLiteral("<?xml")));
        // Each figure's caption carries the seed, the duration, the window and the replications.
        const auto captions = QRegularExpression(QStringLiteral("<figcaption>(.*?)</figcaption>"))
                                  .globalMatch(m_html);
        int count = 0;
        for (auto it = captions; it.hasNext(); ++count) {
            const QString caption = it.next().captured(1);
            for (const char* part : {"seed 42", "40 s simulated", "2 s windows", "1 replication",
                                     "SLO 25 ms", "archsim " ARCHSIM_VERSION})
                QVERIFY2(caption.contains(QLatin1String(part)), qPrintable(caption));
        }
        QCOMPARE(count, 9);
    }

    void testEveryParameterIsListedWithItsUnit() {
        // Rows as <td>name</td><td>value</td><td>unit</td>, grouped by component.
        for (const char* group : {"Run", "Workload", "Function pool worker", "Cache cache-api",
                                  "Database users-db", "Server pool go-servers", "Cost", "Station"})
            QVERIFY2(m_html.contains(QRegularExpression(
                         QStringLiteral("<tr class=\"group\"><td colspan=\"3\">%1").arg(group))),
                     group);
        QVERIFY(
            m_html.contains("<td>coldStartMs</td><td>lognormal: median 5, p99 12</td><td>ms</td>"));
        QVERIFY(m_html.contains("<td>keepAliveS</td><td>exponential: mean 300</td><td>s</td>"));
        QVERIFY(m_html.contains("<td>ratePerS</td><td>200</td><td>1/s</td>"));
        QVERIFY(m_html.contains("<td>handler[2].cpu</td>"));
        QVERIFY(m_html.contains("<td>pricingFile</td><td>(the bundled table)</td>"));
        QVERIFY(m_html.contains("<td>seed</td><td>42</td>"));
        QVERIFY(m_html.contains("<td>replications</td><td>1</td>"));
        // The descriptions are there too.
        QVERIFY(m_html.contains("The motivating case, serverless side"));
    }

    void testSummaryHasDifferencesAndPricingHasDatesAndSources() {
        QVERIFY(
            m_html.contains("<th>Auth API on Go servers − Auth API on Cloudflare Workers</th>"));
        QVERIFY(m_html.contains("<td>latency p99</td>"));
        QVERIFY(m_html.contains("<td>monthly cost</td>"));
        QVERIFY(m_html.contains(QRegularExpression(QStringLiteral("%\\) (better|worse)</td>"))));
        const PricingTable& prices = *m_request.scenarios.front().pricing;
        QVERIFY(m_html.contains(QString::fromStdString(prices.date)));
        QVERIFY(
            m_html.contains(QString::fromStdString(prices.workers->source.source).toHtmlEscaped()));
        QVERIFY(m_html.contains(QString::fromStdString(prices.ec2->source.source).toHtmlEscaped()));
    }

    void testWarningsACarefulReaderNeeds() {
        const auto warnings = m_html.count(QStringLiteral("<p class=\"warning\">"));
        QVERIFY(warnings >= 4);
        QVERIFY(m_html.contains("the first 10 s are a warm-up, removed from the summary"));
        QVERIFY(m_html.contains(QRegularExpression(
            QStringLiteral("fewer than 10,000 requests completed, so the per-window p99.9"))));
        QVERIFY(m_html.contains("Overloaded queue: overloaded in 1 of 1 runs"));
        QVERIFY(m_html.contains("One replication per scenario"));
        QVERIFY(m_html.contains("Overloaded queue: no cost section"));
    }

    void testSameInputsSameDocument() {
        // The runs are pure functions of scenario and seed, so a second report is identical...
        const ReportRuns again = runReport(m_request);
        QCOMPARE(buildReport(m_request, again).toHtml(), m_document.toHtml());
        // ...apart from its date line.
        ReportRequest later = m_request;
        later.date = later.date.addDays(3);
        const QString laterHtml = QString::fromUtf8(buildReport(later, again).toHtml());
        QVERIFY(laterHtml != m_html);
        static const QRegularExpression dateLine(QStringLiteral("Date: [^<]*"));
        QCOMPARE(QString(laterHtml).replace(dateLine, QString()),
                 QString(m_html).replace(dateLine, QString()));
    }

    void testReplicationsGiveIntervalsAndMarkUnsupportedDifferences() {
        ReportRequest request = sampleRequest(3);
        request.scenarios.pop_back();
        const ReportRuns runs = runReport(request);
        QCOMPARE(runs.scenarios.front().replications.size(), std::size_t(3));
        QVERIFY(runs.scenarios.front().replications[0].fingerprint() !=
                runs.scenarios.front().replications[1].fingerprint());
        const QString html = QString::fromUtf8(buildReport(request, runs).toHtml());
        QVERIFY(html.contains(
            QRegularExpression(QStringLiteral("<td class=\"num\">[0-9.,]+ ± [0-9.,]+</td>"))));
        QVERIFY(html.contains("mean of 3 replications"));
        QVERIFY(html.contains("3 replications"));
        QVERIFY(!html.contains("One replication per scenario"));
    }

    void testPdfHasThePagesAndTheText() {
        QTemporaryDir dir;
        for (const ReportPaper paper : {ReportPaper::A4, ReportPaper::Letter}) {
            const QString path = dir.filePath(paper == ReportPaper::A4 ? "a4.pdf" : "letter.pdf");
            QString error;
            QVERIFY2(writeReport(m_document, path, paper, &error), qPrintable(error));
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(file.read(5) == "%PDF-");
        }
        if (tool("pdftotext").isEmpty() || tool("pdfinfo").isEmpty())
            QSKIP("pdftotext/pdfinfo (poppler-utils) not installed");
        const QString info = runTool(tool("pdfinfo"), {dir.filePath("a4.pdf")});
        const auto pages = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info);
        QVERIFY2(pages.hasMatch(), qPrintable(info));
        const int pageCount = pages.captured(1).toInt();
        QVERIFY2(pageCount >= 6 && pageCount <= 20, qPrintable(info));
        QVERIFY(info.contains("595.276 x 841.89 pts (A4)") || info.contains("595 x 842"));
        QVERIFY(runTool(tool("pdfinfo"), {dir.filePath("letter.pdf")}).contains("612 x 792"));
        QVERIFY(info.contains("2026-03-04") || info.contains("Mar  4") || info.contains("Mar 4"));

        const QString text = runTool(tool("pdftotext"), {"-layout", dir.filePath("a4.pdf"), "-"});
        for (const char* needle :
             {"Warnings", "Scenarios", "Topology", "Results", "Summary", "Pricing",
              "Latency percentiles over time, with the SLO", "Latency distribution",
              "Where the time goes", "Capacity", "Cache and database",
              "Cost, and monthly cost against traffic with the crossover", "coldStartMs",
              "Date: 2026-03-04 05:06 UTC", "seed 42"})
            QVERIFY2(text.contains(QLatin1String(needle)), needle);
        QVERIFY(text.contains(QStringLiteral("page %1 of %1").arg(pageCount)));
    }

    void testPdfPaginationKeepsRowsAndFiguresWhole() {
        if (tool("pdftotext").isEmpty()) QSKIP("pdftotext (poppler-utils) not installed");
        QTemporaryDir dir;
        const QString path = dir.filePath("report.pdf");
        QVERIFY(writeReport(m_document, path, ReportPaper::A4));
        const QString text = runTool(tool("pdftotext"), {"-layout", path, "-"});
        const QStringList pages = text.split(QLatin1Char('\f'), Qt::SkipEmptyParts);
        QVERIFY(pages.size() >= 6);
        qsizetype titles = 0;
        for (const QString& page : pages) {
            // A figure never leaves its title on one page and its caption on the next.
            qsizetype onPage = 0;
            for (const QString& line : page.split(QLatin1Char('\n')))
                onPage += line.trimmed().startsWith(QLatin1String("Topology of "));
            QCOMPARE(page.count(QStringLiteral("Requests flow left to right")), onPage);
            titles += onPage;
            // A table row is never cut: a parameter's value is on its name's line.
            for (const QString& line : page.split(QLatin1Char('\n')))
                if (line.contains(QLatin1String("coldStartMs")))
                    QVERIFY2(line.contains(QLatin1String("lognormal: median 5, p99 12")),
                             qPrintable(line));
            // The parameter table repeats its header on every page it continues on.
            if (page.contains(QLatin1String("keepAliveS")))
                QVERIFY(page.contains(
                    QRegularExpression(QStringLiteral("Parameter\\s+Value\\s+Unit"))));
        }
        QCOMPARE(titles, 3);
    }

    void testRejectsAnUnknownFormat() {
        QString error;
        QVERIFY(
            !writeReport(m_document, QStringLiteral("/tmp/report.docx"), ReportPaper::A4, &error));
        QVERIFY2(error.contains("report.docx") && error.contains(".pdf or .html"),
                 qPrintable(error));
    }

    void testExporterRunsOffTheGuiThreadAndWrites() {
        QTemporaryDir dir;
        ReportRequest request = sampleRequest();
        request.scenarios.resize(1);
        ReportExporter exporter(request, dir.filePath("one.html"), ReportPaper::A4);
        QSignalSpy finished(&exporter, &ReportExporter::finished);
        QSignalSpy progress(&exporter, &ReportExporter::progressChanged);
        exporter.start();
        QVERIFY(exporter.isRunning());  // start() returned while the runs go on
        QVERIFY(finished.wait(120'000));
        QCOMPARE(finished.front().at(0).toBool(), true);
        QVERIFY(progress.size() >= 2);
        QVERIFY(QFileInfo(dir.filePath("one.html")).size() > 10'000);
    }

    void testUnitsFollowTheFieldNames() {
        QCOMPARE(unitOfField("coldStartMs"), QStringLiteral("ms"));
        QCOMPARE(unitOfField("keepAliveS"), QStringLiteral("s"));
        QCOMPARE(unitOfField("ratePerS"), QStringLiteral("1/s"));
        QCOMPARE(unitOfField("payloadKb"), QStringLiteral("KB"));
        QCOMPARE(unitOfField("functionMemoryMb"), QStringLiteral("MB"));
        QCOMPARE(unitOfField("cpu"), QStringLiteral("ms"));
        QCOMPARE(unitOfField("replicas"), QString());
        QCOMPARE(unitOfField("keys"), QString());
    }

    // --- charts that stand on their own -----------------------------------------------------

    void testExportedChartCaptionCarriesSeedAndRun() {
        ChartsPanel panel;
        panel.addScenario(1, QStringLiteral("Workers"), scenarioColour(0));
        panel.addScenario(2, QStringLiteral("Servers"), scenarioColour(1));
        const RunResult& a = m_runs.scenarios[0].replications.front();
        const RunResult& b = m_runs.scenarios[1].replications.front();
        panel.appendWindows(1, a.windows);
        panel.appendWindows(2, b.windows);
        panel.setResult(1, a);
        panel.setResult(2, b);
        const QString caption = panel.percentileChart()->caption();
        for (const char* part : {"Workers vs Servers", "seed 42", "40 s simulated", "2 s windows",
                                 "1 replication", "archsim " ARCHSIM_VERSION})
            QVERIFY2(caption.contains(QLatin1String(part)), qPrintable(caption));
        QVERIFY(caption.contains(QDate::currentDate().toString(Qt::ISODate)));

        QTemporaryDir dir;
        const QString svg = dir.filePath("chart.svg");
        QVERIFY(panel.percentileChart()->exportTo(svg));
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(file.readAll()).contains("seed 42"));

        // PNG at 2x has twice the pixels of the chosen size.
        const QString png = dir.filePath("chart.png");
        QVERIFY(panel.percentileChart()->exportTo(png, nullptr, 800, 500, 2));
        QCOMPARE(QImage(png).size(), QSize(1600, 1000));
        const QString pdf = dir.filePath("chart.pdf");
        QVERIFY(panel.percentileChart()->exportTo(pdf, nullptr, 800, 500));
        if (!tool("pdftotext").isEmpty())
            QVERIFY(runTool(tool("pdftotext"), {pdf, "-"}).contains("seed 42"));
        QString error;
        QVERIFY(!panel.percentileChart()->exportTo(png, &error, 800, 500, 0));
        QVERIFY(!error.isEmpty());

        const QString name = panel.percentileChart()->suggestedFileName("png");
        QCOMPARE(name, QStringLiteral("workers-servers-latency-percentiles-per-window.png"));
    }

    void testPercentilesDifferByDashAndMarker() {
        ChartsPanel panel;
        panel.addScenario(1, QStringLiteral("A"), scenarioColour(0));
        PercentileChart* chart = panel.percentileChart();
        std::set<int> styles, shapes;
        for (auto p : {PercentileChart::Percentile::P50, PercentileChart::Percentile::P95,
                       PercentileChart::Percentile::P99, PercentileChart::Percentile::P999}) {
            QCPGraph* graph = chart->graph(1, p);
            styles.insert(static_cast<int>(graph->pen().style()));
            shapes.insert(static_cast<int>(graph->scatterStyle().shape()));
        }
        QCOMPARE(styles.size(), std::size_t(4));
        QCOMPARE(shapes.size(), std::size_t(4));
        // The legend keys of the percentiles look like the lines: same dash, same marker.
        QCustomPlot* plot = chart->plot();
        int keysMatching = 0;
        for (int i = 0; i < plot->graphCount(); ++i) {
            QCPGraph* key = plot->graph(i);
            if (key->name() == QLatin1String("p95") &&
                key->pen().style() ==
                    chart->graph(1, PercentileChart::Percentile::P95)->pen().style() &&
                key->scatterStyle().shape() ==
                    chart->graph(1, PercentileChart::Percentile::P95)->scatterStyle().shape())
                ++keysMatching;
        }
        QCOMPARE(keysMatching, 1);
    }

    void testPaletteHasEightDistinctColours() {
        std::set<QRgb> colours;
        for (int i = 0; i < 8; ++i) colours.insert(scenarioColour(i).rgb());
        QCOMPARE(colours.size(), std::size_t(8));
        QCOMPARE(scenarioColour(8), scenarioColour(0));
    }
};

QTEST_MAIN(TestReportBuilder)
#include "tst_reportbuilder.moc"

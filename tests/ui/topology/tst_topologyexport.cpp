// SPDX-License-Identifier: GPL-3.0-or-later
// The diagram outside the window: Mermaid text with exactly the scenario's components and arrows,
// and SVG and PNG pictures that show every component.

#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <set>

#include "sim/scenario/scenariojson.h"
#include "ui/topology/topologyexport.h"
#include "ui/topology/topologygraph.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

Scenario preset(const char* name) {
    ValidationReport report;
    auto scenario =
        loadScenarioFile(std::string(ARCHSIM_RESOURCES_DIR) + "/presets/" + name, report);
    return scenario.value_or(Scenario{});
}

/// Every component id of the scenario, and the workload, as the diagram names them.
std::multiset<QString> componentNames(const Scenario& s) {
    std::multiset<QString> names{QStringLiteral("Workload")};
    const auto add = [&names](const auto& list) {
        for (const auto& component : list) names.insert(QString::fromStdString(component.id));
    };
    const TopologySpec& t = s.topology;
    add(t.gateways);
    add(t.functions);
    add(t.servers);
    add(t.caches);
    add(t.databases);
    add(t.hops);
    add(t.stations);
    return names;
}

struct Parsed {
    std::multiset<QString> nodes;
    std::multiset<std::pair<QString, QString>> edges;
    int otherLines = 0;
};

Parsed parseMermaid(const QString& text) {
    Parsed parsed;
    const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    std::map<QString, QString> titles;
    static const QRegularExpression node(
        QStringLiteral(R"re(^  (n\d+)(\[\(|\(|\[)"([^"]*)"(\)\]|\)|\])$)re"));
    static const QRegularExpression edge(
        QStringLiteral(R"re(^  (n\d+) (-->|-\.->)(\|"[^"]*"\|)? (n\d+)$)re"));
    for (const QString& line : lines.mid(1)) {
        if (const auto m = node.match(line); m.hasMatch()) {
            const QString title = m.captured(3).section(QStringLiteral("<br/>"), 0, 0);
            titles[m.captured(1)] = title;
            parsed.nodes.insert(title);
        } else if (const auto e = edge.match(line); e.hasMatch()) {
            parsed.edges.insert({titles.at(e.captured(1)), titles.at(e.captured(4))});
        } else if (!line.startsWith(QStringLiteral("  %%"))) {
            ++parsed.otherLines;
        }
    }
    return parsed;
}

}  // namespace

class TestTopologyExport : public QObject {
    Q_OBJECT
private slots:
    void testMermaidHasExactlyTheGraph_data() {
        QTest::addColumn<QString>("file");
        for (const char* file :
             {"mmc-queue.json", "cache-fragmentation-lambda.json", "auth-api-servers.json",
              "webhooks-lambda.json", "flash-sale-containers.json", "db-exhaustion-lambda.json"})
            QTest::addRow("%s", file) << QString(file);
    }

    void testMermaidHasExactlyTheGraph() {
        QFETCH(QString, file);
        const Scenario scenario = preset(file.toUtf8().constData());
        QVERIFY(!componentNames(scenario).empty());
        const QString text = topologyMermaid(scenario);
        QVERIFY(text.startsWith(QStringLiteral("flowchart LR\n")));
        const Parsed parsed = parseMermaid(text);
        QCOMPARE(parsed.otherLines, 0);
        QCOMPARE(parsed.nodes, componentNames(scenario));
        const TopologyGraph graph = buildTopologyGraph(scenario);
        std::multiset<std::pair<QString, QString>> edges;
        for (const TopologyEdge& e : graph.edges)
            edges.insert({e.from.id.isEmpty() ? QStringLiteral("Workload") : e.from.id, e.to.id});
        QVERIFY(!edges.empty());
        QCOMPARE(parsed.edges, edges);
        // Requests enter at the entry.
        QVERIFY(parsed.edges.count(
            {QStringLiteral("Workload"), QString::fromStdString(scenario.topology.entry)}));
    }

    void testMermaidQuotesLabels() {
        Scenario scenario = preset("mmc-queue.json");
        scenario.topology.stations.front().id = "a \"quoted\" id";
        scenario.topology.entry = scenario.topology.stations.front().id;
        const QString text = topologyMermaid(scenario);
        QVERIFY2(text.contains(QStringLiteral("a #quot;quoted#quot; id")), qPrintable(text));
        QCOMPARE(parseMermaid(text).otherLines, 0);
    }

    void testPictures() {
        const Scenario scenario = preset("cache-fragmentation-lambda.json");
        QTemporaryDir dir;
        QString error;
        const QString svgPath = dir.filePath(QStringLiteral("diagram.svg"));
        QVERIFY2(exportTopology(scenario, svgPath, &error), qPrintable(error));
        QFile svg(svgPath);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray svgText = svg.readAll();
        QVERIFY(svgText.contains("<svg"));
        // Every component is drawn, not an empty page.
        for (const QString& name : componentNames(scenario))
            QVERIFY2(svgText.contains(name.toUtf8()), qPrintable(name));

        const QString pngPath = dir.filePath(QStringLiteral("diagram.png"));
        QVERIFY2(exportTopology(scenario, pngPath, &error, 2), qPrintable(error));
        const QImage image(pngPath);
        QCOMPARE(image.width(), 2400);
        int coloured = 0;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4)
                coloured += image.pixel(x, y) != qRgb(255, 255, 255);
        QVERIFY2(coloured > 1000, "the diagram is drawn");

        const QString mdPath = dir.filePath(QStringLiteral("diagram.md"));
        QVERIFY2(exportTopology(scenario, mdPath, &error), qPrintable(error));
        QFile md(mdPath);
        QVERIFY(md.open(QIODevice::ReadOnly));
        QVERIFY(md.readAll().startsWith("```mermaid\nflowchart LR\n"));

        QVERIFY(!exportTopology(scenario, dir.filePath(QStringLiteral("diagram.bmp")), &error));
        QVERIFY2(error.contains(QStringLiteral("bmp")), qPrintable(error));
    }
};

QTEST_MAIN(TestTopologyExport)
#include "tst_topologyexport.moc"

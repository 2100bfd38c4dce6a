// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/editors/distributioneditor.h"

#include <qcustomplot.h>

#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace archsim::ui {

namespace {

const QString kAdvancedPage = QStringLiteral("advanced");

struct ParameterInfo {
    QString label;
    QString tooltip;
    bool hasUnit;  ///< in the distribution's unit (ms...) rather than unitless
};

ParameterInfo parameterInfo(const QString& name) {
    static const std::map<QString, ParameterInfo> table = {
        {QStringLiteral("value"),
         {QStringLiteral("Value"), QStringLiteral("Always this value"), true}},
        {QStringLiteral("min"),
         {QStringLiteral("Minimum"), QStringLiteral("Smallest value"), true}},
        {QStringLiteral("max"), {QStringLiteral("Maximum"), QStringLiteral("Largest value"), true}},
        {QStringLiteral("mean"), {QStringLiteral("Mean"), QStringLiteral("Average value"), true}},
        {QStringLiteral("stddev"),
         {QStringLiteral("Std deviation"),
          QStringLiteral("Spread of the normal before truncation at 0"), true}},
        {QStringLiteral("median"),
         {QStringLiteral("Median (p50)"), QStringLiteral("Half of the values are below this"),
          true}},
        {QStringLiteral("p99"),
         {QStringLiteral("p99"), QStringLiteral("99% of the values are below this"), true}},
        {QStringLiteral("mu"),
         {QStringLiteral("mu"), QStringLiteral("Mean of ln(X): ln of the median"), false}},
        {QStringLiteral("sigma"),
         {QStringLiteral("sigma"), QStringLiteral("Standard deviation of ln(X): the tail's weight"),
          false}},
        {QStringLiteral("shape"),
         {QStringLiteral("Shape"), QStringLiteral("Shape parameter (> 0)"), false}},
        {QStringLiteral("scale"),
         {QStringLiteral("Scale"), QStringLiteral("Scale parameter, in the value's unit"), true}},
    };
    const auto it = table.find(name);
    return it == table.end() ? ParameterInfo{name, {}, false} : it->second;
}

QStringList familyParameters(const QString& family) {
    if (family == QLatin1String("constant")) return {QStringLiteral("value")};
    if (family == QLatin1String("uniform")) return {QStringLiteral("min"), QStringLiteral("max")};
    if (family == QLatin1String("exponential")) return {QStringLiteral("mean")};
    if (family == QLatin1String("normal"))
        return {QStringLiteral("mean"), QStringLiteral("stddev")};
    if (family == QLatin1String("gamma") || family == QLatin1String("weibull") ||
        family == QLatin1String("pareto"))
        return {QStringLiteral("shape"), QStringLiteral("scale")};
    return {};
}

QString formatNumber(double value) {
    return QString::number(value, 'g', 10);
}

std::optional<double> parseNumber(const QString& text) {
    bool ok = false;
    double value = QLocale().toDouble(text.trimmed(), &ok);
    if (!ok) value = QLocale::c().toDouble(text.trimmed(), &ok);
    if (!ok || !std::isfinite(value)) return std::nullopt;
    return value;
}

// Sorted draws with a fixed seed, for families without a closed-form CDF or quantile (mixtures):
// the preview is then the same picture every time it is drawn.
std::vector<double> drawSamples(const Distribution& distribution) {
    RandomEngine engine(20240601);
    std::vector<double> samples(20000);
    for (double& sample : samples) sample = distribution.sample(engine);
    std::sort(samples.begin(), samples.end());
    return samples;
}

double sampleQuantile(const std::vector<double>& sorted, double p) {
    const double index = p * static_cast<double>(sorted.size() - 1);
    return sorted[static_cast<std::size_t>(std::lround(index))];
}

}  // namespace

DistributionEditor::DistributionEditor(QWidget* parent)
    : QWidget(parent),
      m_family(new QComboBox(this)),
      m_pages(new QStackedWidget(this)),
      m_error(new QLabel(this)),
      m_summary(new QLabel(this)),
      m_plotMode(new QComboBox(this)),
      m_plot(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    auto* top = new QFormLayout;
    for (const std::string& type : distributionTypes())
        m_family->addItem(QString::fromStdString(type));
    m_family->setToolTip(tr("The family of the distribution"));
    top->addRow(tr("Family"), m_family);
    layout->addLayout(top);
    buildPages();
    layout->addWidget(m_pages);
    // A stack is as tall as its tallest page; only the shown page may claim room, so a family with
    // two parameters does not leave a gap the size of the percentile table.
    connect(m_pages, &QStackedWidget::currentChanged, this, [this](int current) {
        for (int i = 0; i < m_pages->count(); ++i)
            m_pages->widget(i)->setSizePolicy(
                i == current ? QSizePolicy::Preferred : QSizePolicy::Ignored,
                i == current ? QSizePolicy::Maximum : QSizePolicy::Ignored);
        m_pages->adjustSize();
    });
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    auto* previewRow = new QHBoxLayout;
    m_summary->setWordWrap(true);
    previewRow->addWidget(m_summary, 1);
    m_plotMode->addItems({tr("Density"), tr("CDF")});
    m_plotMode->setToolTip(tr("Draw the probability density or the cumulative distribution"));
    previewRow->addWidget(m_plotMode);
    layout->addLayout(previewRow);
    m_plot->setMinimumSize(320, 220);
    m_plot->setAccessibleName(tr("Distribution chart"));
    m_plot->setAccessibleDescription(
        tr("The probability density of the distribution above, with its percentiles marked"));
    m_plot->legend->setVisible(false);
    m_plot->addGraph();
    m_plot->graph(0)->setPen(QPen(QColor(0x2a, 0x7a, 0xb8), 2));
    m_plot->graph(0)->setBrush(QColor(0x2a, 0x7a, 0xb8, 40));
    layout->addWidget(m_plot, 1);

    connect(m_family, &QComboBox::currentIndexChanged, this, &DistributionEditor::familyChosen);
    connect(m_plotMode, &QComboBox::currentIndexChanged, this, &DistributionEditor::updatePreview);
    setDistribution(nullptr);
}

QWidget* DistributionEditor::parameterPage(const QStringList& names) {
    auto* page = new QWidget(m_pages);
    auto* form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    const QString family = m_family->itemText(m_pages->count());
    for (const QString& name : names) {
        const ParameterInfo info = parameterInfo(name);
        auto* edit = new QLineEdit(page);
        edit->setToolTip(info.tooltip);
        edit->setObjectName(name);
        connect(edit, &QLineEdit::editingFinished, this, &DistributionEditor::reread);
        m_inputs[family + QLatin1Char('/') + name] = edit;
        form->addRow(info.label, edit);
    }
    return page;
}

void DistributionEditor::buildPages() {
    for (int i = 0; i < m_family->count(); ++i) {
        const QString family = m_family->itemText(i);
        if (family == QLatin1String("lognormal")) {
            auto* page = new QWidget(m_pages);
            auto* form = new QFormLayout(page);
            form->setContentsMargins(0, 0, 0, 0);
            m_lognormalPercentiles = new QRadioButton(tr("Median and p99"), page);
            m_lognormalNative = new QRadioButton(tr("mu and sigma of ln(X)"), page);
            m_lognormalPercentiles->setToolTip(
                tr("Enter the typical value and the 99th percentile, as latencies are quoted"));
            auto* group = new QButtonGroup(page);
            group->addButton(m_lognormalPercentiles);
            group->addButton(m_lognormalNative);
            m_lognormalPercentiles->setChecked(true);
            auto* modes = new QHBoxLayout;
            modes->addWidget(m_lognormalPercentiles);
            modes->addWidget(m_lognormalNative);
            form->addRow(tr("Enter as"), modes);
            for (const QString& name : {QStringLiteral("median"), QStringLiteral("p99"),
                                        QStringLiteral("mu"), QStringLiteral("sigma")}) {
                const ParameterInfo info = parameterInfo(name);
                auto* edit = new QLineEdit(page);
                edit->setToolTip(info.tooltip);
                edit->setObjectName(name);
                connect(edit, &QLineEdit::editingFinished, this, &DistributionEditor::reread);
                m_inputs[family + QLatin1Char('/') + name] = edit;
                form->addRow(info.label, edit);
            }
            auto syncModes = [this] {
                const bool percentiles = m_lognormalPercentiles->isChecked();
                m_inputs[QStringLiteral("lognormal/median")]->setEnabled(percentiles);
                m_inputs[QStringLiteral("lognormal/p99")]->setEnabled(percentiles);
                m_inputs[QStringLiteral("lognormal/mu")]->setEnabled(!percentiles);
                m_inputs[QStringLiteral("lognormal/sigma")]->setEnabled(!percentiles);
            };
            connect(m_lognormalPercentiles, &QRadioButton::toggled, this, [this, syncModes] {
                syncModes();
                if (!m_loading) reread();
            });
            syncModes();
            m_pages->addWidget(page);
        } else if (family == QLatin1String("empirical")) {
            auto* page = new QWidget(m_pages);
            auto* column = new QVBoxLayout(page);
            column->setContentsMargins(0, 0, 0, 0);
            column->addWidget(new QLabel(tr("Percentile points (from 0% to 100%, values rising; "
                                            "linear in between):"),
                                         page));
            m_points = new QTableWidget(0, 2, page);
            m_points->setHorizontalHeaderLabels({tr("Percentile (%)"), tr("Value")});
            m_points->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
            m_points->verticalHeader()->hide();
            m_points->setMinimumHeight(120);
            column->addWidget(m_points);
            auto* buttons = new QHBoxLayout;
            auto* add = new QPushButton(tr("Add Point"), page);
            auto* remove = new QPushButton(tr("Remove Point"), page);
            buttons->addWidget(add);
            buttons->addWidget(remove);
            buttons->addStretch();
            column->addLayout(buttons);
            connect(m_points, &QTableWidget::cellChanged, this, [this] {
                if (!m_loading) reread();
            });
            connect(add, &QPushButton::clicked, this, [this] {
                const int row = std::max(0, m_points->rowCount() - 1);
                const QSignalBlocker block(m_points);
                m_points->insertRow(row);
                m_points->setItem(row, 0, new QTableWidgetItem);
                m_points->setItem(row, 1, new QTableWidgetItem);
                m_points->setCurrentCell(row, 0);
            });
            connect(remove, &QPushButton::clicked, this, [this] {
                if (m_points->rowCount() <= 2) return;
                m_points->removeRow(std::max(0, m_points->currentRow()));
                reread();
            });
            m_pages->addWidget(page);
        } else if (family == QLatin1String("mixture") || family == QLatin1String("shift")) {
            m_pages->addWidget(new QWidget(m_pages));  // placeholder: these use the JSON page
        } else {
            m_pages->addWidget(parameterPage(familyParameters(family)));
        }
    }
    // Mixtures, shifts and sample-based empirical distributions nest other distributions; they
    // are edited as the JSON the scenario file holds, checked by the same reader.
    auto* page = new QWidget(m_pages);
    auto* column = new QVBoxLayout(page);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(new QLabel(tr("Definition (as in the scenario file):"), page));
    m_advanced = new QPlainTextEdit(page);
    m_advanced->setObjectName(kAdvancedPage);
    m_advanced->setMinimumHeight(110);
    column->addWidget(m_advanced);
    auto* apply = new QPushButton(tr("Apply"), page);
    column->addWidget(apply, 0, Qt::AlignRight);
    connect(apply, &QPushButton::clicked, this, &DistributionEditor::reread);
    m_pages->addWidget(page);
}

void DistributionEditor::setUnit(const QString& unit) {
    m_unit = unit;
    m_points->setHorizontalHeaderLabels({tr("Percentile (%)"), tr("Value (%1)").arg(unit)});
    updatePreview();
}

void DistributionEditor::setDistribution(const DistributionPtr& distribution) {
    m_current = distribution ? distribution : makeExponential(10);
    showJson(m_current->toJson());
    m_error->hide();
    updatePreview();
}

void DistributionEditor::showJson(const nlohmann::json& json) {
    m_loading = true;
    const QString family = QString::fromStdString(json.value("type", std::string()));
    const int index = m_family->findText(family);
    m_family->setCurrentIndex(index);
    bool advanced =
        family == QLatin1String("mixture") || family == QLatin1String("shift") || index < 0;
    if (family == QLatin1String("lognormal")) {
        const bool percentiles = json.contains("median");
        (percentiles ? m_lognormalPercentiles : m_lognormalNative)->setChecked(true);
    }
    if (family == QLatin1String("empirical")) {
        if (json.contains("points")) {
            const QSignalBlocker block(m_points);
            m_points->setRowCount(0);
            for (const auto& point : json["points"]) {
                const int row = m_points->rowCount();
                m_points->insertRow(row);
                m_points->setItem(row, 0,
                                  new QTableWidgetItem(formatNumber(point[0].get<double>() * 100)));
                m_points->setItem(row, 1,
                                  new QTableWidgetItem(formatNumber(point[1].get<double>())));
            }
        } else {
            advanced = true;
        }
    }
    nlohmann::json shown = json;
    if (family == QLatin1String("lognormal") && json.contains("median") && json.contains("p99") &&
        json["median"].is_number() && json["p99"].is_number()) {
        // The native parameters of the percentile form, shown (greyed) for reference.
        const double median = json["median"].get<double>();
        const double p99 = json["p99"].get<double>();
        if (median > 0 && p99 > median) {
            shown["mu"] = std::log(median);
            shown["sigma"] = std::log(p99 / median) / 2.3263478740408408;
        }
    }
    for (auto& [key, edit] : m_inputs) {
        if (!key.startsWith(family + QLatin1Char('/'))) continue;
        const std::string name = key.section(QLatin1Char('/'), 1).toStdString();
        if (shown.contains(name) && shown[name].is_number())
            edit->setText(formatNumber(shown[name].get<double>()));
        else
            edit->clear();
    }
    if (advanced) {
        m_advanced->setPlainText(QString::fromStdString(json.dump(2)));
        m_pages->setCurrentIndex(m_pages->count() - 1);
    } else {
        m_pages->setCurrentIndex(index);
    }
    m_loading = false;
}

nlohmann::json DistributionEditor::currentJson(QString* error) const {
    const QString family = m_family->currentText();
    if (m_pages->currentIndex() == m_pages->count() - 1) {
        const auto json =
            nlohmann::json::parse(m_advanced->toPlainText().toStdString(), nullptr, false);
        if (json.is_discarded()) *error = tr("The definition is not valid JSON.");
        return json;
    }
    nlohmann::json json = {{"type", family.toStdString()}};
    if (family == QLatin1String("empirical")) {
        nlohmann::json points = nlohmann::json::array();
        for (int row = 0; row < m_points->rowCount(); ++row) {
            const auto* pItem = m_points->item(row, 0);
            const auto* xItem = m_points->item(row, 1);
            const auto p = pItem ? parseNumber(pItem->text()) : std::nullopt;
            const auto x = xItem ? parseNumber(xItem->text()) : std::nullopt;
            if (!p || !x) {
                *error = tr("Row %1 of the percentile table needs two numbers.").arg(row + 1);
                return {};
            }
            points.push_back({*p / 100.0, *x});
        }
        json["points"] = points;
        return json;
    }
    QStringList names = familyParameters(family);
    if (family == QLatin1String("lognormal"))
        names = m_lognormalPercentiles->isChecked()
                    ? QStringList{QStringLiteral("median"), QStringLiteral("p99")}
                    : QStringList{QStringLiteral("mu"), QStringLiteral("sigma")};
    for (const QString& name : names) {
        const QLineEdit* edit = m_inputs.at(family + QLatin1Char('/') + name);
        const auto value = parseNumber(edit->text());
        if (!value) {
            *error = tr("%1: '%2' is not a number.").arg(parameterInfo(name).label, edit->text());
            return {};
        }
        json[name.toStdString()] = *value;
    }
    return json;
}

QString DistributionEditor::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

bool DistributionEditor::setParameterText(const QString& name, const QString& text) {
    const auto it = m_inputs.find(m_family->currentText() + QLatin1Char('/') + name);
    if (it == m_inputs.end()) return false;
    it->second->setText(text);
    reread();
    return true;
}

void DistributionEditor::reread() {
    if (m_loading) return;
    QString error;
    const nlohmann::json json = currentJson(&error);
    DistributionPtr distribution;
    if (error.isEmpty()) {
        ValidationReport report;
        distribution = distributionFromJson(json, "", report);
        QStringList problems;
        for (const auto& issue : report.issues())
            problems << QString::fromStdString(issue.toString());
        error = problems.join(QLatin1Char('\n'));
        if (!distribution && error.isEmpty()) error = tr("Not a valid distribution.");
    }
    if (!error.isEmpty()) {
        m_error->setText(error);
        m_error->show();
        return;
    }
    m_error->hide();
    m_current = distribution;
    updatePreview();
    emit distributionChanged();
}

void DistributionEditor::familyChosen(int index) {
    if (m_loading || index < 0) return;
    const QString family = m_family->itemText(index);
    // Start the new family near the current distribution (same median and p99 where the family
    // can express them), so switching families is a small step rather than a reset.
    const Distribution& d = *m_current;
    const double median = d.quantile(0.5).value_or(10);
    double p99 = d.quantile(0.99).value_or(median * 3);
    if (!(p99 > median)) p99 = median > 0 ? median * 3 : 1;
    const double safeMedian = median > 0 ? median : p99 / 3;
    const double mean = d.mean().value_or(safeMedian);
    nlohmann::json json;
    const std::string name = family.toStdString();
    if (name == "constant")
        json = {{"type", name}, {"value", safeMedian}};
    else if (name == "uniform")
        json = {{"type", name}, {"min", 0.0}, {"max", 2 * safeMedian}};
    else if (name == "exponential")
        json = {{"type", name}, {"mean", mean > 0 ? mean : 1}};
    else if (name == "normal")
        json = {{"type", name}, {"mean", safeMedian}, {"stddev", (p99 - safeMedian) / 2.326}};
    else if (name == "lognormal")
        json = {{"type", name}, {"median", safeMedian}, {"p99", p99}};
    else if (name == "gamma")
        json = {{"type", name}, {"shape", 2.0}, {"scale", safeMedian / 1.68}};
    else if (name == "weibull")
        json = {{"type", name}, {"shape", 1.5}, {"scale", safeMedian / 0.78}};
    else if (name == "pareto")
        json = {{"type", name}, {"shape", 2.5}, {"scale", safeMedian / 1.32}};
    else if (name == "empirical")
        json = {{"type", name},
                {"points", {{0.0, 0.0}, {0.5, safeMedian}, {0.99, p99}, {1.0, p99 * 1.2}}}};
    else if (name == "shift")
        json = {{"type", name}, {"offset", 1.0}, {"distribution", d.toJson()}};
    else if (name == "mixture")
        json = {
            {"type", name},
            {"components",
             {{{"weight", 0.9}, {"distribution", d.toJson()}},
              {{"weight", 0.1}, {"distribution", {{"type", "constant"}, {"value", p99 * 2}}}}}}};
    showJson(json);
    reread();
}

void DistributionEditor::updatePreview() {
    if (!m_current) return;
    const Distribution& d = *m_current;
    // Analytic curves where the family has them; otherwise the picture of 20,000 fixed draws.
    std::vector<double> samples;
    auto quantile = [&](double p) {
        if (auto q = d.quantile(p)) return *q;
        if (samples.empty()) samples = drawSamples(d);
        return sampleQuantile(samples, p);
    };
    const double p50 = quantile(0.5);
    const double p99 = quantile(0.99);
    double hi = quantile(0.995);
    double lo = quantile(0.001);
    if (!(hi > lo)) {  // a constant: widen around its single value
        lo = std::max(0.0, lo - std::max(1.0, std::abs(lo) * 0.2));
        hi = hi + std::max(1.0, std::abs(hi) * 0.2);
    }
    const double span = hi - lo;
    lo = lo < 0.3 * hi ? 0.0 : lo - 0.05 * span;
    hi += 0.1 * span;
    const bool density = m_plotMode->currentIndex() == 0;
    const int n = 300;
    QVector<double> xs(n), ys(n);
    const double step = (hi - lo) / (n - 1);
    auto cdfAt = [&](double x) -> double {
        if (auto c = d.cdf(x)) return *c;
        if (samples.empty()) samples = drawSamples(d);
        const auto above = std::upper_bound(samples.begin(), samples.end(), x);
        return static_cast<double>(above - samples.begin()) / static_cast<double>(samples.size());
    };
    for (int i = 0; i < n; ++i) {
        const double x = lo + step * i;
        xs[i] = x;
        if (density) {
            // A central difference of the CDF over a few steps: smooth enough for sampled CDFs.
            const double h = step * (d.cdf(x) ? 0.5 : 3.0);
            ys[i] = std::max(0.0, (cdfAt(x + h) - cdfAt(x - h)) / (2 * h));
        } else {
            ys[i] = cdfAt(x);
        }
    }
    m_plot->graph(0)->setData(xs, ys, true);
    m_plot->graph(0)->setBrush(density ? QColor(0x2a, 0x7a, 0xb8, 40) : Qt::NoBrush);
    m_plot->clearItems();
    const double top =
        density ? std::max(1e-12, *std::max_element(ys.begin(), ys.end())) * 1.15 : 1.05;
    auto mark = [&](double x, const QString& label, const QColor& color) {
        auto* line = new QCPItemStraightLine(m_plot);
        line->point1->setCoords(x, 0);
        line->point2->setCoords(x, 1);
        line->setPen(QPen(color, 1.5, Qt::DashLine));
        auto* text = new QCPItemText(m_plot);
        text->position->setCoords(x, top);
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        text->setText(
            QStringLiteral(" %1 %2").arg(label, formatNumber(std::round(x * 1000) / 1000)));
        text->setColor(color);
    };
    mark(p50, QStringLiteral("p50"), QColor(0x2e, 0x7d, 0x32));
    mark(p99, QStringLiteral("p99"), QColor(0xc6, 0x28, 0x28));
    m_plot->xAxis->setRange(lo, hi);
    m_plot->yAxis->setRange(0, top);
    m_plot->xAxis->setLabel(m_unit);
    m_plot->yAxis->setLabel(density ? tr("density") : tr("P(X ≤ x)"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    const auto mean = d.mean();
    m_summary->setText(tr("<b>%1</b><br>mean %2 · p50 %3 · p99 %4 %5")
                           .arg(QString::fromStdString(d.describe()).toHtmlEscaped(),
                                mean ? QString::number(*mean, 'g', 4) : tr("undefined"),
                                QString::number(p50, 'g', 4), QString::number(p99, 'g', 4),
                                m_unit));
}

}  // namespace archsim::ui

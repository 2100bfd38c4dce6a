// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/import/azureimportdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "sim/scenario/scenariojson.h"

namespace archsim::ui {
namespace {

constexpr auto kFolderKey = "import/azureFolder";
constexpr int kMinutesPerDay = 1440;

}  // namespace

AzureImportDialog::AzureImportDialog(QWidget* parent)
    : QDialog(parent),
      m_invocations(new QLineEdit(this)),
      m_durations(new QLineEdit(this)),
      m_level(new QComboBox(this)),
      m_hash(new QLineEdit(this)),
      m_firstMinute(new QSpinBox(this)),
      m_minutes(new QSpinBox(this)),
      m_status(new QLabel(this)),
      m_progress(new QProgressBar(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this)) {
    setWindowTitle(tr("Import Azure Functions Trace"));
    setObjectName(QStringLiteral("azureImportDialog"));

    auto* intro = new QLabel(
        tr("The Azure Functions public trace counts each function's invocations per minute of a "
           "day. The counts become a rate schedule; the duration percentiles become the "
           "handler's service time. Cold start, keep-alive and the instance limit are "
           "assumptions to edit afterwards."),
        this);
    intro->setWordWrap(true);

    const auto fileRow = [this](QLineEdit* edit, const QString& placeholder, const QString& title,
                                const QString& pattern) {
        edit->setPlaceholderText(placeholder);
        edit->setAccessibleName(title);
        auto* row = new QHBoxLayout;
        row->addWidget(edit, 1);
        auto* button = new QPushButton(tr("Browse…"), this);
        button->setAccessibleName(tr("Browse for %1").arg(title));
        connect(button, &QPushButton::clicked, this,
                [this, edit, title, pattern] { browse(edit, title, pattern); });
        row->addWidget(button);
        return row;
    };
    auto* form = new QFormLayout;
    // A row whose field is a layout gets no buddy of its own: the label is made here, so its
    // mnemonic (Alt+I, Alt+D) reaches the line edit.
    const auto fileLabel = [this](const QString& text, QLineEdit* buddy) {
        auto* label = new QLabel(text, this);
        label->setBuddy(buddy);
        return label;
    };
    form->addRow(fileLabel(tr("&Invocations"), m_invocations),
                 fileRow(m_invocations, QStringLiteral("invocations_per_function_md.anon.d01.csv"),
                         tr("Invocations file"),
                         QStringLiteral("invocations_per_function_md*.csv")));
    form->addRow(fileLabel(tr("&Durations"), m_durations),
                 fileRow(m_durations,
                         QStringLiteral("function_durations_percentiles.anon.d01.csv"),
                         tr("Durations file"),
                         QStringLiteral("function_durations_percentiles*.csv")));
    m_level->addItem(tr("Every function in the file"), int(AzureSelection::Level::All));
    m_level->addItem(tr("One owner's functions"), int(AzureSelection::Level::Owner));
    m_level->addItem(tr("One app's functions"), int(AzureSelection::Level::App));
    m_level->addItem(tr("One function"), int(AzureSelection::Level::Function));
    m_level->setAccessibleName(tr("Which functions to replay"));
    form->addRow(tr("&Replay"), m_level);
    m_hash->setPlaceholderText(tr("its hash, or the first 6 or more characters of it"));
    m_hash->setAccessibleName(tr("Hash"));
    form->addRow(tr("&Hash"), m_hash);
    m_firstMinute->setRange(1, kMinutesPerDay);
    m_firstMinute->setValue(1);
    m_firstMinute->setAccessibleName(tr("First minute"));
    m_firstMinute->setToolTip(tr("The first minute of the day to replay (1 = 00:00)"));
    form->addRow(tr("&From minute"), m_firstMinute);
    m_minutes->setRange(0, kMinutesPerDay);
    m_minutes->setSpecialValueText(tr("to the end of the day"));
    m_minutes->setSuffix(tr(" min"));
    m_minutes->setAccessibleName(tr("Minutes to replay"));
    form->addRow(tr("&Minutes"), m_minutes);

    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setObjectName(QStringLiteral("azureImportStatus"));
    m_progress->setRange(0, 0);  // the reader cannot say how far it is: a busy indicator
    m_progress->setVisible(false);
    m_importButton = m_buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_importButton->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AzureImportDialog::startImport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_level, &QComboBox::currentIndexChanged, this, &AzureImportDialog::levelChanged);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &AzureImportDialog::readFinished);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    levelChanged();
    resize(sizeHint().expandedTo(QSize(620, 0)));
}

AzureImportDialog::~AzureImportDialog() {
    // The reader holds no reference to the dialog; waiting only keeps its thread from outliving
    // the application when the dialog closes mid-read.
    m_watcher.waitForFinished();
}

void AzureImportDialog::browse(QLineEdit* edit, const QString& title, const QString& pattern) {
    QSettings settings;
    const QString start = edit->text().isEmpty()
                              ? settings.value(QLatin1String(kFolderKey)).toString()
                              : QFileInfo(edit->text()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, title, start, tr("Trace files (%1);;CSV files (*.csv);;All files (*)").arg(pattern));
    if (path.isEmpty()) return;
    edit->setText(path);
    settings.setValue(QLatin1String(kFolderKey), QFileInfo(path).absolutePath());
}

void AzureImportDialog::levelChanged() {
    const bool needsHash = m_level->currentData().toInt() != int(AzureSelection::Level::All);
    m_hash->setEnabled(needsHash);
}

std::optional<AzureTraceRequest> AzureImportDialog::request(QString& error) const {
    AzureTraceRequest request;
    request.invocationsFile = m_invocations->text().trimmed().toStdString();
    request.durationsFile = m_durations->text().trimmed().toStdString();
    request.selection.level = static_cast<AzureSelection::Level>(m_level->currentData().toInt());
    request.firstMinute = m_firstMinute->value();
    request.minutes = m_minutes->value();
    if (request.invocationsFile.empty()) {
        error = tr("Invocations: choose the trace's invocation counts "
                   "(invocations_per_function_md.anon.dNN.csv).");
        return std::nullopt;
    }
    if (request.durationsFile.empty()) {
        error = tr("Durations: choose the trace's duration percentiles "
                   "(function_durations_percentiles.anon.dNN.csv); they give the service time.");
        return std::nullopt;
    }
    if (request.selection.level != AzureSelection::Level::All) {
        request.selection.hash = m_hash->text().trimmed().toStdString();
        if (request.selection.hash.empty()) {
            error = tr("Hash: give the %1's hash (or its first 6 or more characters), or "
                       "replay every function.")
                        .arg(m_level->currentData().toInt() == int(AzureSelection::Level::Owner)
                                 ? tr("owner")
                             : m_level->currentData().toInt() == int(AzureSelection::Level::App)
                                 ? tr("app")
                                 : tr("function"));
            return std::nullopt;
        }
    }
    return request;
}

AzureImportDialog::Outcome AzureImportDialog::importTrace(const AzureTraceRequest& request) {
    Outcome outcome;
    std::string error;
    const auto trace = readAzureTrace(request, error);
    if (!trace) {
        outcome.error = QString::fromStdString(error);
        return outcome;
    }
    // Through the file format and back, as a saved scenario would be: what opens is what a save
    // writes, checked by the same reader as any file.
    ValidationReport report;
    outcome.scenario = scenarioFromText(scenarioToText(azureFunctionsScenario(*trace, request)),
                                        report);
    if (!outcome.scenario)
        outcome.error = tr("The scenario built from the trace is not valid:\n%1")
                            .arg(QString::fromStdString(report.toString()));
    return outcome;
}

void AzureImportDialog::startImport() {
    if (busy()) return;
    QString error;
    const auto request = this->request(error);
    if (!request) {
        showError(error);
        return;
    }
    m_reading = true;
    setBusy(true);
    m_status->setStyleSheet(QString());
    m_status->setText(tr("Reading %1…").arg(QFileInfo(m_invocations->text()).fileName()));
    m_watcher.setFuture(QtConcurrent::run([request = *request] { return importTrace(request); }));
}

void AzureImportDialog::readFinished() {
    m_reading = false;
    setBusy(false);
    Outcome outcome = m_watcher.result();
    if (!outcome.scenario) {
        showError(outcome.error);
        emit importFinished(false, outcome.error);
        return;
    }
    m_scenario = std::move(outcome.scenario);
    m_status->clear();
    emit importFinished(true, QString());
    accept();
}

void AzureImportDialog::setBusy(bool busy) {
    for (QWidget* field : std::initializer_list<QWidget*>{m_invocations, m_durations, m_level,
                                                          m_firstMinute, m_minutes})
        field->setEnabled(!busy);
    m_hash->setEnabled(!busy && m_level->currentData().toInt() != int(AzureSelection::Level::All));
    m_importButton->setEnabled(!busy);
    m_progress->setVisible(busy);
}

void AzureImportDialog::showError(const QString& error) {
    m_status->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_status->setText(error);
}

}  // namespace archsim::ui

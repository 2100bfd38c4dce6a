// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lessons/lessonpanel.h"

#include <QAction>
#include <QButtonGroup>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <cmath>

#include "sim/scenario/scenariojson.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/chartwidget.h"
#include "ui/charts/slomarker.h"
#include "ui/document/scenariodocument.h"
#include "ui/mainwindow.h"
#include "ui/report/summaryfigures.h"
#include "ui/run/runcontroller.h"

namespace archsim::ui {

namespace {

QLabel* markdownLabel(QWidget* parent, const QString& name) {
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::MarkdownText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    label->setOpenExternalLinks(true);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

/// A figure as people read it: "123 ms", "10.3 %", "$617", "3.1x".
QString formatFigure(double value, const QString& unit) {
    if (!std::isfinite(value)) return QObject::tr("not measured");
    if (unit == QLatin1String("ms")) return formatMillis(value);
    if (unit == QLatin1String("USD"))
        return QStringLiteral("$%1").arg(value, 0, 'f', value < 100 ? 2 : 0);
    if (unit == QLatin1String("%")) return QStringLiteral("%1 %").arg(value, 0, 'g', 3);
    if (unit == QLatin1String("x")) return QStringLiteral("%1x").arg(value, 0, 'g', 3);
    if (unit.isEmpty()) return QString::number(value, 'g', 4);
    return QStringLiteral("%1 %2").arg(QString::number(value, 'g', 4), unit);
}

}  // namespace

LessonPanel::LessonPanel(MainWindow* window, LessonLibrary library, QWidget* parent)
    : QWidget(parent), m_window(window), m_library(std::move(library)), m_measured(std::nan("")) {
    setObjectName(QStringLiteral("lessonPanel"));
    // Room for a step's text and its answers even on a 1024x768 screen.
    setMinimumWidth(300);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);

    m_picker = new QComboBox(this);
    m_picker->setObjectName(QStringLiteral("lessonPicker"));
    m_picker->setAccessibleName(tr("Lesson"));
    m_picker->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_picker->setMinimumContentsLength(16);
    for (std::size_t i = 0; i < m_library.lessons.size(); ++i)
        m_picker->addItem(QStringLiteral("%1. %2").arg(i + 1).arg(
            QString::fromStdString(m_library.lessons[i].title)));
    m_picker->setPlaceholderText(tr("Choose a lesson"));
    m_picker->setCurrentIndex(-1);
    connect(m_picker, &QComboBox::activated, this, [this](int index) { startLesson(index); });
    layout->addWidget(m_picker);

    m_summary = markdownLabel(this, QStringLiteral("lessonSummary"));
    m_summary->setText(
        tr("Each lesson walks through bundled scenarios: read a step, predict what the run will "
           "show, run it, compare. PageDown and PageUp (or Alt+Right and Alt+Left) go to the next "
           "and previous step."));
    layout->addWidget(m_summary);

    m_progress = new QLabel(this);
    m_progress->setObjectName(QStringLiteral("lessonProgress"));
    m_progress->setWordWrap(true);
    // Bold only: a size of its own would stop it following the window's font (presenter mode).
    QFont bold;
    bold.setBold(true);
    m_progress->setFont(bold);
    layout->addWidget(m_progress);

    // Everything a step says scrolls together, so a long step never clips on a small screen.
    auto* body = new QWidget;
    auto* bodyLayout = new QVBoxLayout(body);
    bodyLayout->setContentsMargins(0, 0, 4, 0);
    m_text = markdownLabel(body, QStringLiteral("lessonText"));
    bodyLayout->addWidget(m_text);

    m_predictBox = new QGroupBox(tr("Predict first"), body);
    m_predictBox->setObjectName(QStringLiteral("lessonPrediction"));
    auto* predictLayout = new QVBoxLayout(m_predictBox);
    m_question = markdownLabel(m_predictBox, QStringLiteral("lessonQuestion"));
    predictLayout->addWidget(m_question);
    m_answers = new QVBoxLayout;
    predictLayout->addLayout(m_answers);
    bodyLayout->addWidget(m_predictBox);

    m_reveal = markdownLabel(body, QStringLiteral("lessonReveal"));
    m_reveal->setFrameShape(QFrame::StyledPanel);
    m_reveal->setMargin(6);
    bodyLayout->addWidget(m_reveal);
    m_takeaway = markdownLabel(body, QStringLiteral("lessonTakeaway"));
    m_takeaway->setFrameShape(QFrame::StyledPanel);
    m_takeaway->setMargin(6);
    // A tint from the palette, not a style sheet: it follows the dark theme, and a widget with
    // a style sheet stops following the window's font (presenter mode's larger text).
    m_takeaway->setBackgroundRole(QPalette::AlternateBase);
    m_takeaway->setAutoFillBackground(true);
    bodyLayout->addWidget(m_takeaway);
    bodyLayout->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("lessonScroll"));
    scroll->setWidget(body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(scroll, 1);

    auto* buttons = new QHBoxLayout;
    m_back = new QPushButton(tr("Back"), this);
    m_back->setObjectName(QStringLiteral("lessonBack"));
    m_back->setToolTip(tr("Previous step (PageUp, Alt+Left)"));
    m_restart = new QPushButton(tr("Restart"), this);
    m_restart->setObjectName(QStringLiteral("lessonRestart"));
    m_restart->setToolTip(tr("Back to the lesson's first step"));
    m_run = new QPushButton(tr("Run"), this);
    m_run->setObjectName(QStringLiteral("lessonRun"));
    m_next = new QPushButton(tr("Next"), this);
    m_next->setObjectName(QStringLiteral("lessonNext"));
    m_next->setToolTip(tr("Next step (PageDown, Alt+Right)"));
    m_next->setDefault(true);
    for (QPushButton* button : {m_back, m_restart, m_run, m_next}) buttons->addWidget(button);
    layout->addLayout(buttons);
    connect(m_back, &QPushButton::clicked, this, &LessonPanel::back);
    connect(m_restart, &QPushButton::clicked, this, &LessonPanel::restart);
    connect(m_run, &QPushButton::clicked, this, &LessonPanel::runStep);
    connect(m_next, &QPushButton::clicked, this, &LessonPanel::next);

    // Window-wide keys, so a presenter with a clicker (PageDown/PageUp) drives the lesson
    // wherever the focus is; they act only while a lesson is open.
    m_nextAction = new QAction(tr("Next Step"), this);
    m_nextAction->setObjectName(QStringLiteral("lessonNextAction"));
    m_nextAction->setShortcuts(
        {QKeySequence(Qt::Key_PageDown), QKeySequence(Qt::ALT | Qt::Key_Right)});
    m_nextAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_nextAction, &QAction::triggered, this, &LessonPanel::next);
    m_backAction = new QAction(tr("Previous Step"), this);
    m_backAction->setObjectName(QStringLiteral("lessonBackAction"));
    m_backAction->setShortcuts(
        {QKeySequence(Qt::Key_PageUp), QKeySequence(Qt::ALT | Qt::Key_Left)});
    m_backAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_backAction, &QAction::triggered, this, &LessonPanel::back);
    auto* runAction = new QAction(tr("Run and Check"), this);
    runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    runAction->setShortcutContext(Qt::WindowShortcut);
    connect(runAction, &QAction::triggered, this, [this] {
        if (m_run->isEnabled() && m_lesson >= 0) runStep();
    });
    m_run->setToolTip(tr("Run the step's scenarios (Ctrl+Return)"));
    window->addAction(m_nextAction);
    window->addAction(m_backAction);
    window->addAction(runAction);

    connect(window->runController(), &RunController::runFinished, this,
            [this](int key, const std::shared_ptr<const RunResult>& result) {
                if (result && result->status != RunStatus::Cancelled) m_results[key] = result;
            });
    connect(window, &MainWindow::runsFinished, this, &LessonPanel::runsFinished);
    showStep();
}

const Lesson* LessonPanel::lesson() const {
    if (m_lesson < 0 || m_lesson >= static_cast<int>(m_library.lessons.size())) return nullptr;
    return &m_library.lessons[static_cast<std::size_t>(m_lesson)];
}

const LessonStep* LessonPanel::step() const {
    const Lesson* l = lesson();
    if (!l || m_step < 0 || m_step >= static_cast<int>(l->steps.size())) return nullptr;
    return &l->steps[static_cast<std::size_t>(m_step)];
}

bool LessonPanel::startLesson(const QString& id) {
    for (std::size_t i = 0; i < m_library.lessons.size(); ++i)
        if (QString::fromStdString(m_library.lessons[i].id) == id) {
            startLesson(static_cast<int>(i));
            return true;
        }
    return false;
}

void LessonPanel::startLesson(int index) {
    if (index < 0 || index >= static_cast<int>(m_library.lessons.size())) return;
    // The lesson takes the window over: presets open as they were bundled go (one click brings
    // them back); files and anything edited stay, unticked.
    for (ScenarioDocument* document : std::vector<ScenarioDocument*>(m_window->documents()))
        if (document->isPreset() && !document->isModified() &&
            std::find(m_documents.begin(), m_documents.end(), document) == m_documents.end())
            m_window->closeDocument(document);
    m_lesson = index;
    m_shownScenarios = nullptr;
    {
        const QSignalBlocker block(m_picker);
        m_picker->setCurrentIndex(index);
    }
    goToStep(0);
}

void LessonPanel::focusPicker() {
    m_picker->setFocus(Qt::ShortcutFocusReason);
}

void LessonPanel::next() {
    const Lesson* l = lesson();
    if (l && m_step + 1 < static_cast<int>(l->steps.size())) goToStep(m_step + 1);
}

void LessonPanel::back() {
    if (lesson() && m_step > 0) goToStep(m_step - 1);
}

void LessonPanel::restart() {
    if (!lesson()) return;
    // From the start as the lesson wrote it: its scenarios are opened afresh.
    m_shownScenarios = nullptr;
    goToStep(0);
}

void LessonPanel::goToStep(int index) {
    const Lesson* l = lesson();
    if (!l || index < 0 || index >= static_cast<int>(l->steps.size())) return;
    if (m_window->isRunning()) m_window->stop();
    m_step = index;
    m_awaitingRun = false;
    m_choice.reset();
    m_guess.reset();
    m_verdict = Verdict::None;
    m_measured = std::nan("");
    m_rightChoice = -1;
    followStep();
    showStep();
    emit stepShown(index);
    const LessonStep* s = step();
    if (s && s->run && !s->predict) runStep();
}

void LessonPanel::openScenarios(const LessonStep& scenarios) {
    // The previous step's documents go, except those the reader has changed: they stay, unticked.
    for (const QPointer<ScenarioDocument>& document : m_documents) {
        if (!document) continue;
        if (document->isModified())
            document->setCompared(false);
        else
            m_window->closeDocument(document);
    }
    m_documents.clear();
    m_results.clear();
    for (ScenarioDocument* document : m_window->documents()) document->setCompared(false);
    const PresetSource presets = LessonLibrary::presetSource();
    for (const LessonScenario& item : scenarios.scenarios) {
        nlohmann::json json;
        ValidationReport report;
        std::optional<Scenario> scenario;
        if (lessonScenarioJson(item, presets, json).empty())
            scenario = scenarioFromJson(json, report);
        // The lesson was checked when it was read; a failure here is a bundled file gone bad.
        if (!scenario) continue;
        if (m_adjust) m_adjust(*scenario);
        m_documents.push_back(m_window->openScenario(
            std::move(*scenario),
            QStringLiteral(":/presets/") + QString::fromStdString(item.preset)));
    }
    if (m_documents.size() >= 2)
        for (const QPointer<ScenarioDocument>& document : m_documents) document->setCompared(true);
    m_shownScenarios = &scenarios;
}

void LessonPanel::followStep() {
    const Lesson* l = lesson();
    const LessonStep* s = step();
    if (!l || !s) return;
    const LessonStep* scenarios = l->scenarioStep(static_cast<std::size_t>(m_step));
    bool lost = false;
    for (const QPointer<ScenarioDocument>& document : m_documents) lost = lost || !document;
    if (scenarios && (scenarios != m_shownScenarios || lost)) openScenarios(*scenarios);
    const auto documents = stepDocuments();
    if (!documents.empty())
        m_window->setCurrentDocument(documents[std::min(s->current, documents.size() - 1)]);
    if (!s->chart.empty()) {
        // By id, not position: a tab added among the others must not shift what a lesson shows.
        if (ChartWidget* chart = m_window->chartsPanel()->chartById(s->chart))
            m_window->chartsPanel()->setCurrentWidget(chart);
    }
    if (!s->speed.empty()) {
        const auto& ids = lessonSpeedIds();
        m_window->setSpeedIndex(
            static_cast<int>(std::find(ids.begin(), ids.end(), s->speed) - ids.begin()));
    }
    // A step's replications last for that step only: the next step without any gets the
    // reader's own count back.
    if (s->replications > 0) {
        if (!m_readerReplications) m_readerReplications = m_window->replications();
        m_window->setReplications(s->replications);
    } else if (m_readerReplications) {
        m_window->setReplications(*m_readerReplications);
        m_readerReplications.reset();
    }
}

std::vector<ScenarioDocument*> LessonPanel::stepDocuments() const {
    std::vector<ScenarioDocument*> documents;
    for (const QPointer<ScenarioDocument>& document : m_documents)
        if (document) documents.push_back(document);
    return documents;
}

void LessonPanel::buildPrediction() {
    // The answer widgets of the previous step go.
    while (QLayoutItem* item = m_answers->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    delete m_choices;
    m_choices = nullptr;
    m_guessBox = nullptr;
    const LessonStep* s = step();
    m_predictBox->setVisible(s && s->predict);
    if (!s || !s->predict) return;
    const LessonPrediction& p = *s->predict;
    m_question->setText(QString::fromStdString(p.question));
    if (!p.choices.empty()) {
        m_choices = new QButtonGroup(this);
        for (std::size_t i = 0; i < p.choices.size(); ++i) {
            // A radio button does not wrap its text, so the answer is a wrapping label beside a
            // numbered button: Alt+1, Alt+2... choose from the keyboard, a click on the text
            // chooses too.
            auto* row = new QWidget(m_predictBox);
            auto* rowLayout = new QHBoxLayout(row);
            rowLayout->setContentsMargins(0, 0, 0, 0);
            auto* button = new QRadioButton(QStringLiteral("&%1").arg(i + 1), row);
            button->setObjectName(QStringLiteral("lessonChoice%1").arg(i));
            const QString text = QString::fromStdString(p.choices[i].text);
            button->setAccessibleName(text);
            auto* label = new QLabel(text, row);
            label->setWordWrap(true);
            label->setBuddy(button);
            label->setProperty("lessonChoice", static_cast<int>(i));
            label->installEventFilter(this);
            rowLayout->addWidget(button, 0, Qt::AlignTop);
            rowLayout->addWidget(label, 1);
            m_choices->addButton(button, static_cast<int>(i));
            m_answers->addWidget(row);
        }
        connect(m_choices, &QButtonGroup::idClicked, this, &LessonPanel::choose);
    } else {
        auto* row = new QWidget(m_predictBox);
        auto* rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        rowLayout->addWidget(new QLabel(tr("Your guess"), row));
        m_guessBox = new QDoubleSpinBox(row);
        m_guessBox->setObjectName(QStringLiteral("lessonGuess"));
        m_guessBox->setAccessibleName(tr("Your guess"));
        m_guessBox->setRange(0, 1e9);
        m_guessBox->setDecimals(2);
        const QString unit = QString::fromStdString(p.unit);
        if (!unit.isEmpty()) m_guessBox->setSuffix(QLatin1Char(' ') + unit);
        rowLayout->addWidget(m_guessBox, 1);
        connect(m_guessBox, &QDoubleSpinBox::valueChanged, this, &LessonPanel::guess);
        m_answers->addWidget(row);
    }
}

bool LessonPanel::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::MouseButtonRelease && watched->property("lessonChoice").isValid())
        choose(watched->property("lessonChoice").toInt());
    return QWidget::eventFilter(watched, event);
}

void LessonPanel::choose(int choice) {
    const LessonStep* s = step();
    if (!s || !s->predict || m_verdict != Verdict::None) return;
    if (choice < 0 || choice >= static_cast<int>(s->predict->choices.size())) return;
    m_choice = choice;
    if (m_choices && m_choices->button(choice) && !m_choices->button(choice)->isChecked())
        m_choices->button(choice)->setChecked(true);
    updateButtons();
}

void LessonPanel::guess(double value) {
    const LessonStep* s = step();
    if (!s || !s->predict || m_verdict != Verdict::None) return;
    m_guess = value;
    if (m_guessBox && m_guessBox->value() != value) {
        const QSignalBlocker block(m_guessBox);
        m_guessBox->setValue(value);
    }
    updateButtons();
}

void LessonPanel::runStep() {
    const LessonStep* s = step();
    if (!s) return;
    const auto documents = stepDocuments();
    if (documents.empty()) return;
    // What runs is the step's scenarios, whatever the reader clicked on in between.
    m_window->setCurrentDocument(documents[std::min(s->current, documents.size() - 1)]);
    if (documents.size() >= 2)
        for (ScenarioDocument* document : documents) document->setCompared(true);
    m_awaitingRun = true;
    m_results.clear();
    m_window->startFreshRun();
    updateButtons();
}

double LessonPanel::figureOf(std::size_t scenario) const {
    const LessonStep* s = step();
    const auto documents = stepDocuments();
    if (!s || !s->predict || scenario >= documents.size()) return std::nan("");
    const auto it = m_results.find(documents[scenario]->key());
    const SummaryFigure* figure = summaryFigure(QString::fromStdString(s->predict->figure));
    if (it == m_results.end() || !figure) return std::nan("");
    return figure->value(*it->second);
}

void LessonPanel::runsFinished() {
    if (!m_awaitingRun) return;
    m_awaitingRun = false;
    const LessonStep* s = step();
    if (s && s->predict && m_verdict == Verdict::None) {
        const LessonPrediction& p = *s->predict;
        m_measured = figureOf(p.scenario);
        if (p.relativeTo) m_measured /= figureOf(*p.relativeTo);
        bool right = false;
        if (!p.choices.empty()) {
            for (std::size_t i = 0; i < p.choices.size(); ++i)
                if (p.choices[i].contains(m_measured)) m_rightChoice = static_cast<int>(i);
            right = m_choice && *m_choice == m_rightChoice;
        } else {
            right = m_guess && std::isfinite(m_measured) &&
                    std::fabs(*m_guess - m_measured) <= p.tolerance * std::fabs(m_measured);
        }
        m_verdict = right ? Verdict::Right : Verdict::Wrong;
        showStep();
        emit revealed(right);
        return;
    }
    updateButtons();
}

QString LessonPanel::progressText() const {
    const Lesson* l = lesson();
    const LessonStep* s = step();
    if (!l || !s) return tr("No lesson open");
    return tr("Step %1 of %2: %3")
        .arg(m_step + 1)
        .arg(l->steps.size())
        .arg(QString::fromStdString(s->title));
}

QString LessonPanel::revealText() const {
    const LessonStep* s = step();
    if (!s || !s->predict || m_verdict == Verdict::None) return {};
    const LessonPrediction& p = *s->predict;
    const SummaryFigure* figure = summaryFigure(QString::fromStdString(p.figure));
    QString unit = QString::fromStdString(p.unit);
    if (unit.isEmpty() && figure && !p.relativeTo) unit = figure->unit;
    const auto documents = stepDocuments();
    QString what = figure ? figure->label : QString::fromStdString(p.figure);
    if (p.scenario < documents.size())
        what = tr("%1 of %2")
                   .arg(what, QString::fromStdString(documents[p.scenario]->scenario().name));
    if (p.relativeTo && *p.relativeTo < documents.size())
        what = tr("%1, divided by the same figure of %2")
                   .arg(what, QString::fromStdString(documents[*p.relativeTo]->scenario().name));
    QString text = m_verdict == Verdict::Right ? tr("**Right.** ") : tr("**Not quite.** ");
    text += tr("The run measured %1: **%2**.").arg(what, formatFigure(m_measured, unit));
    if (!p.choices.empty()) {
        if (m_rightChoice >= 0)
            text += QLatin1Char(' ') +
                    tr("The answer: *%1*.")
                        .arg(QString::fromStdString(
                            p.choices[static_cast<std::size_t>(m_rightChoice)].text));
        if (m_choice && *m_choice != m_rightChoice)
            text +=
                QLatin1Char(' ') + tr("You chose *%1*.")
                                       .arg(QString::fromStdString(
                                           p.choices[static_cast<std::size_t>(*m_choice)].text));
        if (!m_choice) text += QLatin1Char(' ') + tr("You did not choose an answer.");
    } else if (m_guess) {
        text += QLatin1Char(' ') + tr("You guessed %1 (counted right within %2%).")
                                       .arg(formatFigure(*m_guess, unit))
                                       .arg(p.tolerance * 100, 0, 'g', 3);
    }
    if (!p.explanation.empty())
        text += QStringLiteral("\n\n") + QString::fromStdString(p.explanation);
    return text;
}

void LessonPanel::showStep() {
    const Lesson* l = lesson();
    const LessonStep* s = step();
    m_progress->setText(progressText());
    if (l) m_summary->setText(QString::fromStdString(l->summary));
    m_text->setVisible(s != nullptr);
    if (s) m_text->setText(QString::fromStdString(s->text));
    if (m_verdict == Verdict::None) buildPrediction();
    const QString reveal = revealText();
    m_reveal->setVisible(!reveal.isEmpty());
    m_reveal->setText(reveal);
    // The takeaway follows the answer when there is a prediction, so it never gives it away.
    const bool takeaway = s && !s->takeaway.empty() && (!s->predict || m_verdict != Verdict::None);
    m_takeaway->setVisible(takeaway);
    if (takeaway) m_takeaway->setText(tr("**Takeaway.** ") + QString::fromStdString(s->takeaway));
    if (m_choices)
        for (QAbstractButton* button : m_choices->buttons())
            button->setEnabled(m_verdict == Verdict::None);
    if (m_guessBox) m_guessBox->setEnabled(m_verdict == Verdict::None);
    updateButtons();
}

void LessonPanel::updateButtons() {
    const Lesson* l = lesson();
    const LessonStep* s = step();
    const bool open = l && s;
    m_back->setEnabled(open && m_step > 0);
    m_restart->setEnabled(open);
    m_next->setEnabled(open && m_step + 1 < static_cast<int>(l->steps.size()));
    m_nextAction->setEnabled(m_next->isEnabled());
    m_backAction->setEnabled(m_back->isEnabled());
    const bool predicting = s && s->predict && m_verdict == Verdict::None;
    m_run->setText(predicting ? tr("Run and check") : tr("Run"));
    m_run->setToolTip(predicting
                          ? tr("Run the step's scenarios and check the prediction (Ctrl+Return)")
                          : tr("Run the step's scenarios again (Ctrl+Return)"));
    m_run->setEnabled(open && !stepDocuments().empty() && !m_awaitingRun);
}

}  // namespace archsim::ui

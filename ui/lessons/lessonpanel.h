// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The lesson panel: pick a lesson, read a step, predict, run, see the answer, go on. The window
// follows each step: it opens the step's scenarios (presets with the step's changes), ticks them
// for comparison, shows the step's chart tab and runs at the step's speed. A prediction is checked
// against the figure the run measures, never against a stored answer, so it is true for the run
// the reader just watched.
//
// Documents the lesson opened are its own: a later step closes them, unless the reader has edited
// one, which then stays open (unticked) so that no work is lost.

#include <QPointer>
#include <QWidget>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "sim/run/runresult.h"
#include "sim/scenario/scenario.h"
#include "ui/lessons/lessonlibrary.h"

class QAction;
class QButtonGroup;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace archsim::ui {

class MainWindow;
class ScenarioDocument;

class LessonPanel : public QWidget {
    Q_OBJECT
public:
    enum class Verdict { None, Right, Wrong };

    LessonPanel(MainWindow* window, LessonLibrary library, QWidget* parent = nullptr);

    const std::vector<Lesson>& lessons() const { return m_library.lessons; }
    const QStringList& problems() const { return m_library.problems; }
    /// Starts the lesson with this id (its file name without .json) at its first step.
    bool startLesson(const QString& id);
    void startLesson(int index);
    const Lesson* lesson() const;
    int stepIndex() const { return m_step; }
    const LessonStep* step() const;

    /// Puts the keyboard in the lesson picker (Up and Down choose a lesson).
    void focusPicker();

    void next();
    void back();
    void restart();
    void goToStep(int index);

    /// The documents the current step shows, in the step's order.
    std::vector<ScenarioDocument*> stepDocuments() const;

    // The prediction of the current step.
    void choose(int choice);
    void guess(double value);
    /// Runs the step's scenarios; when they finish, the prediction is checked and revealed.
    void runStep();
    Verdict verdict() const { return m_verdict; }
    /// The figure the last run measured for the prediction (NaN before).
    double measured() const { return m_measured; }
    /// The index of the choice the measured figure makes right (-1 for a guess or none).
    int rightChoice() const { return m_rightChoice; }

    /// Changes every scenario a step opens before it is opened (tests shorten the runs with it).
    void setScenarioAdjust(std::function<void(Scenario&)> adjust) { m_adjust = std::move(adjust); }

    QString progressText() const;
    QString revealText() const;
    QPushButton* nextButton() const { return m_next; }
    QPushButton* backButton() const { return m_back; }
    QPushButton* restartButton() const { return m_restart; }
    QPushButton* runButton() const { return m_run; }
    QAction* nextAction() const { return m_nextAction; }
    QAction* backAction() const { return m_backAction; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

signals:
    void stepShown(int step);
    /// A prediction was checked against the run: right or not.
    void revealed(bool right);

private:
    void showStep();
    void buildPrediction();
    void openScenarios(const LessonStep& scenarios);
    void followStep();
    void updateButtons();
    void runsFinished();
    double figureOf(std::size_t scenario) const;

    MainWindow* m_window;
    LessonLibrary m_library;
    std::function<void(Scenario&)> m_adjust;
    int m_lesson = -1;
    int m_step = 0;
    const LessonStep* m_shownScenarios = nullptr;  ///< the step whose scenarios are open
    std::vector<QPointer<ScenarioDocument>> m_documents;
    std::map<int, std::shared_ptr<const RunResult>> m_results;  ///< by document key
    bool m_awaitingRun = false;  ///< a run for this step was started and has not finished
    std::optional<int> m_readerReplications;  ///< the count before a step set its own
    std::optional<int> m_choice;
    std::optional<double> m_guess;
    Verdict m_verdict = Verdict::None;
    double m_measured;
    int m_rightChoice = -1;

    QComboBox* m_picker;
    QLabel* m_summary;
    QLabel* m_progress;
    QLabel* m_text;
    QGroupBox* m_predictBox;
    QLabel* m_question;
    QVBoxLayout* m_answers;
    QButtonGroup* m_choices = nullptr;
    QDoubleSpinBox* m_guessBox = nullptr;
    QLabel* m_reveal;
    QLabel* m_takeaway;
    QPushButton* m_back;
    QPushButton* m_restart;
    QPushButton* m_run;
    QPushButton* m_next;
    QAction* m_nextAction;
    QAction* m_backAction;
};

}  // namespace archsim::ui

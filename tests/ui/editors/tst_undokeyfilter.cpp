// SPDX-License-Identifier: GPL-3.0-or-later
// Undo from the keyboard and the menu while a field has focus: the field always reads what the
// scenario holds, and Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and redo the scenario, not the text.

#include <QAction>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "ui/document/scenariodocument.h"
#include "ui/editors/numberfield.h"
#include "ui/editors/propertieseditor.h"
#include "ui/mainwindow.h"
#include "ui/topology/topologyview.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

const ComponentRef kPool{ComponentKind::Server, QStringLiteral("go-servers")};

int replicas(const ScenarioDocument* document) {
    return document->scenario().topology.servers.front().replicas;
}

// Types into the focused field as a user does: select all, type, press Return (stays focused).
void typeAndReturn(QLineEdit* edit, const QString& text) {
    edit->setFocus();
    QTRY_VERIFY(edit->hasFocus());
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

}  // namespace

class TestUndoKeyFilter : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testMenuUndoRefreshesTheFocusedField();
    void testUndoKeysInAFieldUndoTheScenario();
    void testUndoKeysInASpinBoxUndoTheScenario();

private:
    QLineEdit* replicasEdit();

    QTemporaryDir m_autosave;
    MainWindow* m_window = nullptr;
    ScenarioDocument* m_document = nullptr;
};

void TestUndoKeyFilter::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("archsim-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_undokeyfilter"));
    QSettings().clear();
    QVERIFY(m_autosave.isValid());
}

void TestUndoKeyFilter::init() {
    m_window = new MainWindow(m_autosave.path());
    m_window->resize(1600, 950);
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    m_document = m_window->openPreset(QStringLiteral("auth-api-servers.json"));
    QVERIFY(m_document);
    m_window->topologyView()->setSelection(kPool);
    m_window->propertiesEditor()->setSelection(kPool);
    QCOMPARE(replicas(m_document), 3);
}

void TestUndoKeyFilter::cleanup() {
    m_window->setAsker([](const QString&, const QString&, QMessageBox::StandardButtons) {
        return QMessageBox::Discard;
    });
    delete m_window;
    m_window = nullptr;
}

QLineEdit* TestUndoKeyFilter::replicasEdit() {
    NumberField* field =
        m_window->propertiesEditor()->numberField(QStringLiteral("servers.replicas"));
    return field ? field->lineEdit() : nullptr;
}

void TestUndoKeyFilter::testMenuUndoRefreshesTheFocusedField() {
    QLineEdit* edit = replicasEdit();
    QVERIFY(edit);
    typeAndReturn(edit, QStringLiteral("1"));
    QCOMPARE(replicas(m_document), 1);
    QVERIFY(edit->hasFocus());
    // Edit > Undo (a menu click leaves the focus in the field).
    m_window->undoAction()->trigger();
    QCOMPARE(replicas(m_document), 3);
    QCOMPARE(edit->text(), QStringLiteral("3"));
    m_window->redoAction()->trigger();
    QCOMPARE(edit->text(), QStringLiteral("1"));
}

void TestUndoKeyFilter::testUndoKeysInAFieldUndoTheScenario() {
    QLineEdit* edit = replicasEdit();
    QVERIFY(edit);
    QUndoStack* undo = m_document->undoStack();
    typeAndReturn(edit, QStringLiteral("1"));
    QCOMPARE(replicas(m_document), 1);
    const int index = undo->index();

    QTest::keyClick(edit, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(replicas(m_document), 3);
    QCOMPARE(edit->text(), QStringLiteral("3"));
    QCOMPARE(undo->index(), index - 1);
    // Leaving the field now commits nothing: it reads what the scenario holds.
    QTest::keyClick(edit, Qt::Key_Tab);
    QCOMPARE(undo->index(), index - 1);
    QVERIFY(undo->canRedo());

    edit->setFocus();
    QTRY_VERIFY(edit->hasFocus());
    QTest::keyClick(edit, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(replicas(m_document), 1);
    QCOMPARE(edit->text(), QStringLiteral("1"));
    QTest::keyClick(edit, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(replicas(m_document), 3);
    QTest::keyClick(edit, Qt::Key_Y, Qt::ControlModifier);
    QCOMPARE(replicas(m_document), 1);
    QCOMPARE(edit->text(), QStringLiteral("1"));

    // With nothing left to undo the key still never reaches the field's own text history.
    while (undo->canUndo()) undo->undo();
    QCOMPARE(edit->text(), QStringLiteral("3"));
    edit->setFocus();
    QTRY_VERIFY(edit->hasFocus());
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("7"));
    QTest::keyClick(edit, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(edit->text(), QStringLiteral("7"));
    QCOMPARE(undo->index(), 0);
}

void TestUndoKeyFilter::testUndoKeysInASpinBoxUndoTheScenario() {
    QLineEdit* edit = replicasEdit();
    QVERIFY(edit);
    typeAndReturn(edit, QStringLiteral("2"));
    QCOMPARE(replicas(m_document), 2);
    // The SLO box of the Run panel: a spin box in the same window.
    QDoubleSpinBox* slo = nullptr;
    for (QDoubleSpinBox* box : m_window->findChildren<QDoubleSpinBox*>())
        if (box->suffix().contains(QStringLiteral("ms"))) slo = box;
    QVERIFY(slo);
    slo->setFocus();
    QTRY_VERIFY(slo->hasFocus());
    QTest::keyClick(slo, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(replicas(m_document), 3);
    QCOMPARE(edit->text(), QStringLiteral("3"));
}

QTEST_MAIN(TestUndoKeyFilter)
#include "tst_undokeyfilter.moc"

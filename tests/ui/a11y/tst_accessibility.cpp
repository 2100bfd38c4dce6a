// SPDX-License-Identifier: GPL-3.0-or-later
// What a screen reader hears: every interactive widget of the main window (with each kind of
// properties form built once) has an accessible name, and every chart also a description.
#include <qcustomplot.h>

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QGraphicsView>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTabBar>
#include <QTemporaryDir>
#include <QtTest>
#include <set>

#include "ui/document/scenariodocument.h"
#include "ui/document/scenarioedits.h"
#include "ui/editors/propertieseditor.h"
#include "ui/mainwindow.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

bool isInteractive(const QWidget* w) {
    return qobject_cast<const QAbstractButton*>(w) || qobject_cast<const QLineEdit*>(w) ||
           qobject_cast<const QComboBox*>(w) || qobject_cast<const QAbstractSpinBox*>(w) ||
           qobject_cast<const QAbstractSlider*>(w) || qobject_cast<const QAbstractItemView*>(w) ||
           qobject_cast<const QGraphicsView*>(w) || qobject_cast<const QTabBar*>(w);
}

/// Parts of a compound widget (a spin box's or combo box's own line edit) speak for it.
bool isPartOfAnother(const QWidget* w) {
    for (const QWidget* p = w->parentWidget(); p; p = p->parentWidget())
        if (qobject_cast<const QAbstractSpinBox*>(p) || qobject_cast<const QComboBox*>(p) ||
            qobject_cast<const QAbstractItemView*>(p))
            return true;
    return false;
}

QString describe(const QWidget* w) {
    QStringList chain;
    for (const QObject* o = w; o; o = o->parent())
        chain.prepend(QString::fromLatin1(o->metaObject()->className()) +
                      (o->objectName().isEmpty() ? QString() : "#" + o->objectName()));
    return chain.mid(std::max(0, static_cast<int>(chain.size()) - 4)).join(" > ");
}

/// The unnamed interactive widgets and the charts without a description, among those showing.
QStringList unnamed(QWidget* root) {
    QStringList missing;
    for (QWidget* w : root->findChildren<QWidget*>()) {
        // Every chart, also those on tabs not showing; of the rest, what a user can reach.
        const bool chart = qobject_cast<QCustomPlot*>(w) != nullptr;
        if (!chart && (!w->isVisibleTo(root) || w->focusPolicy() == Qt::NoFocus)) continue;
        if ((!isInteractive(w) && !chart) || isPartOfAnother(w)) continue;
        QAccessibleInterface* a = QAccessible::queryAccessibleInterface(w);
        if (!a || a->text(QAccessible::Name).trimmed().isEmpty())
            missing << "no name: " + describe(w);
        else if (chart && a->text(QAccessible::Description).trimmed().isEmpty())
            missing << "no description: " + describe(w);
    }
    missing.removeDuplicates();
    return missing;
}

}  // namespace

class TestAccessibility : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("archsim-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_accessibility"));
        QSettings().clear();
    }

    void testEveryControlAndChartIsNamed() {
        QTemporaryDir autosave;
        MainWindow window(autosave.path());
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openPreset(MainWindow::presetPaths().value(0)));
        QStringList missing = unnamed(&window);
        // Each kind of form in the properties panel, and the workload's pages.
        auto* properties = window.findChild<PropertiesEditor*>();
        QVERIFY(properties);
        for (const QString& preset : MainWindow::presetPaths()) {
            QVERIFY(window.openPreset(preset));
            for (const ComponentRef& ref : allComponents(window.currentDocument()->scenario())) {
                properties->setSelection(ref);
                missing += unnamed(&window);
            }
            properties->setSelection({});
            missing += unnamed(&window);
        }
        missing.removeDuplicates();
        QVERIFY2(missing.isEmpty(), qPrintable("\n" + missing.join('\n')));
    }
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"

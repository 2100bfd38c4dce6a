// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/document/scenariolist.h"

#include <QColorDialog>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QVBoxLayout>

#include "ui/document/scenariodocument.h"

namespace archsim::ui {

namespace {
constexpr int kDocumentRole = Qt::UserRole + 1;

QIcon swatch(const QColor& color) {
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(color);
    painter.setPen(color.darker(140));
    painter.drawRoundedRect(QRectF(1.5, 1.5, 13, 13), 3, 3);
    return QIcon(pixmap);
}
}  // namespace

ScenarioList::ScenarioList(QWidget* parent) : QWidget(parent), m_list(new QListWidget(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto* hint = new QLabel(tr("Tick two or more to compare them."), this);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    layout->addWidget(m_list);
    layout->addWidget(hint);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_list->setToolTip(
        tr("Open scenarios. The checkbox puts a scenario into the comparison; "
           "right-click to change its colour or close it."));
    m_list->setAccessibleName(tr("Open scenarios"));
    m_list->setAccessibleDescription(
        tr("Select the scenario to show; tick the ones Run compares side by side"));
    connect(m_list, &QListWidget::currentItemChanged, this,
            [this](QListWidgetItem* item, QListWidgetItem*) {
                if (!m_updating && item) emit currentChanged(documentFor(item));
            });
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        if (m_updating) return;
        if (ScenarioDocument* document = documentFor(item))
            document->setCompared(item->checkState() == Qt::Checked);
    });
    connect(m_list, &QListWidget::customContextMenuRequested, this, &ScenarioList::showMenu);
}

void ScenarioList::addDocument(ScenarioDocument* document) {
    auto* item = new QListWidgetItem(m_list);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setData(kDocumentRole, QVariant::fromValue(static_cast<QObject*>(document)));
    refresh(document);
    auto update = [this, document] { refresh(document); };
    connect(document, &ScenarioDocument::modifiedChanged, this, update);
    connect(document, &ScenarioDocument::filePathChanged, this, update);
    connect(document, &ScenarioDocument::appearanceChanged, this, update);
    connect(document, &ScenarioDocument::scenarioChanged, this, update);
}

void ScenarioList::removeDocument(ScenarioDocument* document) {
    disconnect(document, nullptr, this, nullptr);
    m_updating = true;
    delete itemFor(document);
    m_updating = false;
}

void ScenarioList::setCurrent(ScenarioDocument* document) {
    m_updating = true;
    m_list->setCurrentItem(itemFor(document));
    m_updating = false;
}

QListWidgetItem* ScenarioList::itemFor(ScenarioDocument* document) const {
    for (int row = 0; row < m_list->count(); ++row)
        if (documentFor(m_list->item(row)) == document) return m_list->item(row);
    return nullptr;
}

ScenarioDocument* ScenarioList::documentFor(QListWidgetItem* item) const {
    return item ? qobject_cast<ScenarioDocument*>(item->data(kDocumentRole).value<QObject*>())
                : nullptr;
}

void ScenarioList::refresh(ScenarioDocument* document) {
    QListWidgetItem* item = itemFor(document);
    if (!item) return;
    m_updating = true;
    item->setText(document->displayName() + (document->isModified() ? QStringLiteral(" *") : ""));
    item->setIcon(swatch(document->color()));
    item->setCheckState(document->isCompared() ? Qt::Checked : Qt::Unchecked);
    const auto& scenario = document->scenario();
    item->setToolTip(QStringLiteral("<b>%1</b><br>%2<br>%3")
                         .arg(QString::fromStdString(scenario.name).toHtmlEscaped(),
                              QString::fromStdString(scenario.description).toHtmlEscaped(),
                              document->filePath().toHtmlEscaped()));
    m_updating = false;
}

void ScenarioList::showMenu(const QPoint& position) {
    ScenarioDocument* document = documentFor(m_list->itemAt(position));
    if (!document) return;
    QMenu menu(this);
    menu.addAction(tr("Change Colour…"), this, [this, document] {
        const QColor color = QColorDialog::getColor(document->color(), this, tr("Scenario colour"));
        if (color.isValid()) document->setColor(color);
    });
    menu.addAction(document->isCompared() ? tr("Remove from Comparison") : tr("Compare"), this,
                   [document] { document->setCompared(!document->isCompared()); });
    menu.addSeparator();
    menu.addAction(tr("Close"), this, [this, document] { emit closeRequested(document); });
    menu.exec(m_list->viewport()->mapToGlobal(position));
}

}  // namespace archsim::ui

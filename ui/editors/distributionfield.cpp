// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/editors/distributionfield.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/editors/distributiondialog.h"

namespace archsim::ui {

DistributionField::DistributionField(const QString& title, const QString& unit, bool optional,
                                     QWidget* parent)
    : QWidget(parent),
      m_title(title),
      m_unit(unit),
      m_text(new QLabel(this)),
      m_error(new QLabel(this)) {
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(1);
    auto* row = new QHBoxLayout;
    m_text->setWordWrap(true);
    m_text->setMinimumWidth(60);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->addWidget(m_text, 1);
    auto* edit = new QPushButton(tr("Edit…"), this);
    edit->setToolTip(tr("Choose the family and parameters of %1 (in %2)").arg(title, unit));
    row->addWidget(edit);
    if (optional) {
        auto* clear = new QPushButton(tr("Clear"), this);
        clear->setToolTip(tr("Remove this distribution"));
        row->addWidget(clear);
        connect(clear, &QPushButton::clicked, this, [this] { emit committed(nullptr); });
    }
    column->addLayout(row);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->setWordWrap(true);
    m_error->hide();
    column->addWidget(m_error);
    connect(edit, &QPushButton::clicked, this, &DistributionField::openEditor);
}

void DistributionField::setDistribution(const DistributionPtr& distribution) {
    m_distribution = distribution;
    m_text->setText(distribution ? QString::fromStdString(distribution->describe()) +
                                       QLatin1Char(' ') + m_unit
                                 : tr("(none)"));
    m_error->hide();
}

void DistributionField::showError(const QString& message) {
    m_error->setText(message);
    m_error->show();
}

DistributionDialog* DistributionField::openEditor() {
    auto* dialog = new DistributionDialog(m_title, m_unit, m_distribution, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { emit committed(dialog->distribution()); });
    dialog->open();
    return dialog;
}

}  // namespace archsim::ui

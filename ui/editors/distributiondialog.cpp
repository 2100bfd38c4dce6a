// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/editors/distributiondialog.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/editors/distributioneditor.h"

namespace archsim::ui {

DistributionDialog::DistributionDialog(const QString& title, const QString& unit,
                                       const DistributionPtr& distribution, QWidget* parent)
    : QDialog(parent),
      m_editor(new DistributionEditor(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setWindowTitle(title);
    auto* layout = new QVBoxLayout(this);
    m_editor->setUnit(unit);
    m_editor->setDistribution(distribution);
    layout->addWidget(m_editor);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        // Text still being typed is read first; an invalid entry keeps the dialog open.
        if (auto* focused = focusWidget()) focused->clearFocus();
        if (m_editor->errorText().isEmpty()) accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(520, 560);
}

DistributionPtr DistributionDialog::distribution() const {
    return m_editor->distribution();
}

}  // namespace archsim::ui

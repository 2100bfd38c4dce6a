// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The distribution editor in a dialog, for a field of the properties editor.

#include <QDialog>

#include "sim/random/distribution.h"

class QDialogButtonBox;

namespace archsim::ui {

class DistributionEditor;

class DistributionDialog : public QDialog {
    Q_OBJECT
public:
    DistributionDialog(const QString& title, const QString& unit,
                       const DistributionPtr& distribution, QWidget* parent = nullptr);
    DistributionPtr distribution() const;
    DistributionEditor* editor() { return m_editor; }

private:
    DistributionEditor* m_editor;
    QDialogButtonBox* m_buttons;
};

}  // namespace archsim::ui

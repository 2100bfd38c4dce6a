// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/editors/numberfield.h"

#include <QHBoxLayout>
#include <QLocale>
#include <QMenu>
#include <QVBoxLayout>
#include <cmath>

namespace archsim::ui {

namespace {
constexpr int kSliderSteps = 1000;
// Merge sessions are unique across all fields, so two drags never merge into one undo step.
int nextMergeSession() {
    static int session = 0;
    return ++session;
}
}  // namespace

NumberField::NumberField(const NumberSpec& spec, QWidget* parent)
    : QWidget(parent),
      m_spec(spec),
      m_edit(new QLineEdit(this)),
      m_error(new QLabel(this)),
      m_sweepAction(new QAction(tr("Sweep this field…"), this)) {
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(1);
    auto* row = new QHBoxLayout;
    row->setSpacing(4);
    // Narrow minimums: the properties panel must fit a 1280x720 screen without scrolling sideways.
    m_edit->setMinimumWidth(50);
    row->addWidget(m_edit, 1);
    if (!spec.unit.isEmpty()) row->addWidget(new QLabel(spec.unit, this));
    column->addLayout(row);
    if (spec.sliderMax > spec.sliderMin) {
        m_slider = new QSlider(Qt::Horizontal, this);
        m_slider->setRange(0, kSliderSteps);
        m_slider->setToolTip(spec.tooltip);
        column->addWidget(m_slider);
        connect(m_slider, &QSlider::sliderPressed, this,
                [this] { m_session = nextMergeSession(); });
        connect(m_slider, &QSlider::sliderReleased, this, [this] { m_session = 0; });
        connect(m_slider, &QSlider::valueChanged, this, &NumberField::sliderMoved);
    }
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->setWordWrap(true);
    m_error->hide();
    column->addWidget(m_error);

    QString tip = spec.tooltip;
    const QString range =
        spec.integer ? tr("Whole number from %1 to %2").arg(format(spec.min), format(spec.max))
                     : tr("From %1%2 to %3")
                           .arg(spec.minInclusive ? QString() : tr("just above "), format(spec.min),
                                format(spec.max));
    tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) + range +
           (spec.unit.isEmpty() ? QString() : QStringLiteral(" ") + spec.unit);
    if (spec.optional) tip += tr("\nLeave empty for: %1").arg(spec.emptyMeaning);
    m_edit->setToolTip(tip);
    if (spec.optional) m_edit->setPlaceholderText(spec.emptyMeaning);
    connect(m_edit, &QLineEdit::editingFinished, this, &NumberField::commitText);

    // The line edit's own menu (undo, copy, paste...) with the sweep added when there is one.
    m_sweepAction->setVisible(false);
    m_sweepAction->setToolTip(tr("Open Run > Sweep with this field chosen"));
    connect(m_sweepAction, &QAction::triggered, this, [this] {
        if (!m_sweepPath.isEmpty()) emit sweepRequested(m_sweepPath);
    });
    m_edit->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_edit, &QLineEdit::customContextMenuRequested, this, [this](const QPoint& at) {
        QMenu* menu = m_edit->createStandardContextMenu();
        if (!m_sweepPath.isEmpty()) {
            menu->addSeparator();
            menu->addAction(m_sweepAction);
        }
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_edit->mapToGlobal(at));
    });
}

void NumberField::setSweepPath(const QString& path) {
    m_sweepPath = path;
    m_sweepAction->setVisible(!path.isEmpty());
}

QString NumberField::format(double value) {
    return QString::number(value, 'g', 12);
}

void NumberField::setValue(std::optional<double> value) {
    m_value = value;
    const QString text = value ? format(*value) : QString();
    // Also when the field has focus: after an undo the field must read what the scenario holds,
    // or the next Tab would commit the stale text as a new edit.
    if (m_edit->text() != text) m_edit->setText(text);
    clearError();
    if (m_slider && value && !m_slider->isSliderDown()) {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(sliderPosition(*value));
    }
}

std::optional<double> NumberField::parse(const QString& text, QString* error) const {
    const QString trimmed = text.trimmed();
    auto fail = [&](const QString& message) -> std::optional<double> {
        if (error) *error = message;
        return std::nullopt;
    };
    if (trimmed.isEmpty()) {
        if (m_spec.optional) return std::nullopt;
        return fail(tr("A value is required."));
    }
    bool ok = false;
    double value = QLocale().toDouble(trimmed, &ok);
    if (!ok) value = QLocale::c().toDouble(trimmed, &ok);
    if (!ok || !std::isfinite(value)) return fail(tr("'%1' is not a number.").arg(trimmed));
    const QString unit = m_spec.unit.isEmpty() ? QString() : QStringLiteral(" ") + m_spec.unit;
    if (m_spec.integer && value != std::floor(value)) return fail(tr("Must be a whole number."));
    if (value < m_spec.min || (!m_spec.minInclusive && value == m_spec.min))
        return fail(m_spec.minInclusive
                        ? tr("Must be at least %1%2.").arg(format(m_spec.min), unit)
                        : tr("Must be more than %1%2.").arg(format(m_spec.min), unit));
    if (value > m_spec.max) return fail(tr("Must be at most %1%2.").arg(format(m_spec.max), unit));
    return value;
}

void NumberField::commitText() {
    QString error;
    const std::optional<double> value = parse(m_edit->text(), &error);
    if (!error.isEmpty()) {
        showError(error);
        return;
    }
    clearError();
    if (value == m_value) return;
    emit committed(value, 0);
}

void NumberField::showError(const QString& message) {
    m_error->setText(message);
    m_error->show();
    m_edit->setStyleSheet(QStringLiteral("QLineEdit { border: 1px solid #c62828; }"));
}

void NumberField::clearError() {
    m_error->hide();
    m_error->clear();
    m_edit->setStyleSheet({});
}

int NumberField::sliderPosition(double value) const {
    const double fraction = (value - m_spec.sliderMin) / (m_spec.sliderMax - m_spec.sliderMin);
    return static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * kSliderSteps));
}

void NumberField::sliderMoved(int position) {
    double value = m_spec.sliderMin + (m_spec.sliderMax - m_spec.sliderMin) *
                                          static_cast<double>(position) / kSliderSteps;
    if (m_spec.integer) value = std::round(value);
    value = std::clamp(value, m_spec.min, m_spec.max);
    if (!m_spec.minInclusive && value <= m_spec.min) return;
    if (m_value && *m_value == value) return;
    const QSignalBlocker block(m_edit);
    m_edit->setText(format(value));
    clearError();
    emit committed(value, m_slider->isSliderDown() ? m_session : 0);
}

}  // namespace archsim::ui

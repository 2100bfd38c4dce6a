// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A numeric input with its unit, range, tooltip and an inline error message. Text that is not a
// number in range is refused on the spot (the message says why and the old value stays in force);
// an optional slider edits the same value, and one drag is reported under one merge session so the
// undo history gets a single step for it.

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QWidget>
#include <optional>

namespace archsim::ui {

struct NumberSpec {
    double min = 0;
    double max = 1e12;
    bool minInclusive = true;
    bool integer = false;
    bool optional = false;  ///< empty text means "not set"
    QString unit;
    QString tooltip;
    QString emptyMeaning;  ///< shown as placeholder when optional, e.g. "no limit"
    double sliderMin = 0;  ///< a slider is shown when sliderMax > sliderMin
    double sliderMax = 0;

    /// Every field in order, so call sites read like a table of ranges.
    static NumberSpec make(double min, double max, bool minInclusive, bool integer, bool optional,
                           QString unit, QString tooltip, QString emptyMeaning = {},
                           double sliderMin = 0, double sliderMax = 0) {
        NumberSpec spec;
        spec.min = min;
        spec.max = max;
        spec.minInclusive = minInclusive;
        spec.integer = integer;
        spec.optional = optional;
        spec.unit = std::move(unit);
        spec.tooltip = std::move(tooltip);
        spec.emptyMeaning = std::move(emptyMeaning);
        spec.sliderMin = sliderMin;
        spec.sliderMax = sliderMax;
        return spec;
    }
};

class NumberField : public QWidget {
    Q_OBJECT
public:
    explicit NumberField(const NumberSpec& spec, QWidget* parent = nullptr);

    /// Shows a value (not a commit), replacing whatever the field holds, also while it has
    /// focus. nullopt shows an empty field.
    void setValue(std::optional<double> value);
    std::optional<double> value() const { return m_value; }
    void showError(const QString& message);
    void clearError();
    bool hasError() const { return !m_error->isHidden(); }
    QString errorText() const { return m_error->text(); }
    QLineEdit* lineEdit() { return m_edit; }
    QSlider* slider() { return m_slider; }
    /// Offers "Sweep this field…" in the field's context menu for the scenario field at `path`
    /// (its JSON path, "workload.ratePerS"); empty offers nothing.
    void setSweepPath(const QString& path);
    QString sweepPath() const { return m_sweepPath; }
    QAction* sweepAction() const { return m_sweepAction; }

    /// Parses text against the spec: the value, or nullopt with `error` set (or, for an optional
    /// field, nullopt with no error for empty text).
    std::optional<double> parse(const QString& text, QString* error) const;
    static QString format(double value);

signals:
    /// The user entered a valid value. mergeSession is non-zero during a slider drag.
    void committed(std::optional<double> value, int mergeSession);
    /// "Sweep this field…" was chosen; `path` is what setSweepPath() gave.
    void sweepRequested(const QString& path);

private:
    void commitText();
    void sliderMoved(int position);
    int sliderPosition(double value) const;

    NumberSpec m_spec;
    QLineEdit* m_edit;
    QSlider* m_slider = nullptr;
    QLabel* m_error;
    std::optional<double> m_value;
    int m_session = 0;
    QString m_sweepPath;
    QAction* m_sweepAction;
};

}  // namespace archsim::ui

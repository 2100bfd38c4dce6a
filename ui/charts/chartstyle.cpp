// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/chartstyle.h"

#include <QLocale>
#include <cmath>

namespace archsim::ui {

namespace {
ScenarioPalette g_palette = ScenarioPalette::OkabeIto;  // the UI thread's only
}  // namespace

void setScenarioPalette(ScenarioPalette palette) {
    g_palette = palette;
}

ScenarioPalette scenarioPalette() {
    return g_palette;
}

QColor scenarioColour(int index) {
    const int count = kScenarioColourCount;
    if (g_palette == ScenarioPalette::HighContrast) {
        static const QColor strong[kScenarioColourCount] = {
            QColor(0x00, 0x00, 0x00), QColor(0x00, 0x33, 0xcc), QColor(0xcc, 0x00, 0x00),
            QColor(0x00, 0x7a, 0x00), QColor(0x7a, 0x00, 0xa8), QColor(0xb3, 0x59, 0x00),
            QColor(0x00, 0x70, 0x8a), QColor(0xa8, 0x00, 0x5a),
        };
        return strong[((index % count) + count) % count];
    }
    // Ordered so that the first scenarios get the colours that differ most, also in grey.
    static const QColor colours[kScenarioColourCount] = {
        QColor(0x00, 0x72, 0xb2),  // blue
        QColor(0xd5, 0x5e, 0x00),  // vermillion
        QColor(0x00, 0x9e, 0x73),  // bluish green
        QColor(0xcc, 0x79, 0xa7),  // reddish purple
        QColor(0xe6, 0x9f, 0x00),  // orange
        QColor(0x56, 0xb4, 0xe9),  // sky blue
        QColor(0x00, 0x00, 0x00),  // black
        QColor(0xc9, 0xb2, 0x00),  // yellow, darkened to stay visible on white
    };
    return colours[((index % count) + count) % count];
}

QString formatNumber(double value) {
    if (!std::isfinite(value)) return QStringLiteral("—");
    const double magnitude = std::fabs(value);
    const QLocale locale(QLocale::English);
    if (magnitude >= 100) return locale.toString(value, 'f', 0);
    if (magnitude >= 10) return locale.toString(value, 'f', 1);
    if (magnitude >= 1 || magnitude == 0) return locale.toString(value, 'f', 2);
    return locale.toString(value, 'g', 3);
}

QString formatMoney(double value, const QString& currency) {
    const double magnitude = std::fabs(value);
    const QLocale locale(QLocale::English);
    // Cents matter below a thousand; below one unit, three significant digits (cost per request).
    const QString amount = !std::isfinite(value) ? QStringLiteral("—")
                           : magnitude >= 1000   ? locale.toString(magnitude, 'f', 0)
                           : magnitude >= 1      ? locale.toString(magnitude, 'f', 2)
                                                 : locale.toString(magnitude, 'g', 3);
    const QString sign = value < 0 ? QStringLiteral("-") : QString();
    if (currency.isEmpty() || currency == QLatin1String("USD"))
        return sign + QLatin1Char('$') + amount;
    return sign + amount + QLatin1Char(' ') + currency;
}

QString formatPercent(double percent) {
    if (!std::isfinite(percent)) return QStringLiteral("—");
    const QLocale locale(QLocale::English);
    if (std::fabs(percent) >= 1 || percent == 0)
        return locale.toString(percent, 'f', 1) + QLatin1Char('%');
    return locale.toString(percent, 'g', 2) + QLatin1Char('%');
}

}  // namespace archsim::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/chartstyle.h"

#include <QLocale>
#include <cmath>

namespace archsim::ui {

namespace {
ScenarioPalette g_palette = ScenarioPalette::OkabeIto;  // the UI thread's only
ChartLook g_look;                                       // likewise
}  // namespace

ChartLook ChartLook::light() {
    return {};
}

ChartLook ChartLook::darkLook() {
    ChartLook look;
    look.background = QColor(0x1e, 0x21, 0x26);
    look.foreground = QColor(0xe6, 0xe6, 0xe6);
    look.grid = QColor(0x4a, 0x4f, 0x58);
    look.subGrid = QColor(0x33, 0x37, 0x3e);
    look.legendKey = QColor(0xc8, 0xc8, 0xc8);
    look.dark = true;
    return look;
}

ChartLook ChartLook::highContrast(bool dark) {
    ChartLook look = dark ? darkLook() : light();
    look.background = dark ? QColor(Qt::black) : QColor(Qt::white);
    look.foreground = dark ? QColor(Qt::white) : QColor(Qt::black);
    // A projector washes light greys out: the grid must stay visible without competing.
    look.grid = dark ? QColor(0x70, 0x70, 0x70) : QColor(0x90, 0x90, 0x90);
    look.subGrid = dark ? QColor(0x40, 0x40, 0x40) : QColor(0xc8, 0xc8, 0xc8);
    look.legendKey = dark ? QColor(0xe0, 0xe0, 0xe0) : QColor(0x30, 0x30, 0x30);
    return look;
}

void setChartLook(const ChartLook& look) {
    g_look = look;
}

const ChartLook& chartLook() {
    return g_look;
}

QColor legendKeyColour() {
    return g_look.legendKey;
}

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
        // On dark: the same hues, light enough to stand out on black.
        static const QColor strongOnDark[kScenarioColourCount] = {
            QColor(0xff, 0xff, 0xff), QColor(0x66, 0xb2, 0xff), QColor(0xff, 0x5c, 0x5c),
            QColor(0x4c, 0xd9, 0x4c), QColor(0xd0, 0x8c, 0xff), QColor(0xff, 0xa6, 0x40),
            QColor(0x40, 0xd0, 0xe8), QColor(0xff, 0x70, 0xb8),
        };
        const int i = ((index % count) + count) % count;
        return g_look.dark ? strongOnDark[i] : strong[i];
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
    const int i = ((index % count) + count) % count;
    if (g_look.dark) {
        // Okabe-Ito on a dark background: black becomes white, the dark blue and the darkened
        // yellow take their lighter originals, so all eight stay apart.
        if (i == 0) return QColor(0x3d, 0x9b, 0xe0);
        if (i == 6) return QColor(0xf0, 0xf0, 0xf0);
        if (i == 7) return QColor(0xf0, 0xe4, 0x42);
    }
    return colours[i];
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

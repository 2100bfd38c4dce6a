// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/appsettings.h"

#include <QDir>
#include <QSettings>
#include <algorithm>

namespace archsim::ui {
namespace {

const QString kSloKey = QStringLiteral("charts/sloMs");
const QString kLogAxisKey = QStringLiteral("charts/logAxis");
const QString kPaletteKey = QStringLiteral("charts/palette");
const QString kThemeKey = QStringLiteral("view/theme");
const QString kPresenterScaleKey = QStringLiteral("view/presenterScale");
const QString kLastDirectoryKey = QStringLiteral("lastDirectory");
const QString kHighContrast = QStringLiteral("high-contrast");
const QString kOkabeIto = QStringLiteral("okabe-ito");

}  // namespace

double AppSettings::sloMs() {
    bool ok = false;
    const double value = QSettings().value(kSloKey, kDefaultSloMs).toDouble(&ok);
    // A hand-edited or damaged file must not put a nonsense objective on every chart.
    return ok && value >= 0 && value <= 1e6 ? value : kDefaultSloMs;
}

void AppSettings::setSloMs(double sloMs) {
    QSettings().setValue(kSloKey, sloMs);
}

bool AppSettings::logAxis() {
    return QSettings().value(kLogAxisKey, false).toBool();
}

void AppSettings::setLogAxis(bool logarithmic) {
    QSettings().setValue(kLogAxisKey, logarithmic);
}

ScenarioPalette AppSettings::palette() {
    return QSettings().value(kPaletteKey).toString() == kHighContrast
               ? ScenarioPalette::HighContrast
               : ScenarioPalette::OkabeIto;
}

void AppSettings::setPalette(ScenarioPalette palette) {
    QSettings().setValue(kPaletteKey,
                         palette == ScenarioPalette::HighContrast ? kHighContrast : kOkabeIto);
}

Theme AppSettings::theme() {
    return themeFromKey(QSettings().value(kThemeKey).toString());
}

void AppSettings::setTheme(Theme theme) {
    QSettings().setValue(kThemeKey, themeKey(theme));
}

double AppSettings::presenterScale() {
    bool ok = false;
    const double value =
        QSettings().value(kPresenterScaleKey, kDefaultPresenterScale).toDouble(&ok);
    return ok && value >= kPresenterScaleMin && value <= kPresenterScaleMax
               ? value
               : kDefaultPresenterScale;
}

void AppSettings::setPresenterScale(double scale) {
    QSettings().setValue(kPresenterScaleKey,
                         std::clamp(scale, kPresenterScaleMin, kPresenterScaleMax));
}

QString AppSettings::lastDirectory() {
    const QString directory = QSettings().value(kLastDirectoryKey).toString();
    return !directory.isEmpty() && QDir(directory).exists() ? directory : QDir::homePath();
}

void AppSettings::setLastDirectory(const QString& directory) {
    QSettings().setValue(kLastDirectoryKey, directory);
}

}  // namespace archsim::ui

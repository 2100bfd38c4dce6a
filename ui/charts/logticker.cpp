// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/logticker.h"

#include <cmath>

namespace archsim::ui {
namespace {

/// Every mantissa x 10^k in [lower, upper] (extended by a decade on each side: QCustomPlot trims).
QVector<double> multiples(const QVector<double>& mantissas, double lower, double upper) {
    QVector<double> out;
    if (!(lower > 0) || !(upper > lower)) return out;
    const int first = static_cast<int>(std::floor(std::log10(lower))) - 1;
    const int last = static_cast<int>(std::ceil(std::log10(upper))) + 1;
    for (int exponent = first; exponent <= last; ++exponent) {
        const double decade = std::pow(10.0, exponent);
        for (double mantissa : mantissas) out.push_back(mantissa * decade);
    }
    return out;
}

}  // namespace

QVector<double> LogTicker::createTickVector(double, const QCPRange& range) {
    const double lower = std::max(range.lower, 1e-300);
    const double decades = std::log10(range.upper / lower);
    if (decades <= 2.5) return multiples({1, 2, 5}, lower, range.upper);
    if (decades <= 4.5) return multiples({1, 3}, lower, range.upper);
    return multiples({1}, lower, range.upper);
}

QVector<double> LogTicker::createSubTickVector(int, const QVector<double>& ticks) {
    if (ticks.isEmpty()) return {};
    return multiples({1, 2, 3, 4, 5, 6, 7, 8, 9}, ticks.front(), ticks.back());
}

}  // namespace archsim::ui

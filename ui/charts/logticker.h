// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Ticks for a logarithmic latency or cost axis that a reader can use: QCPAxisTickerLog labels only
// powers of ten, which leaves a 5-300 ms axis with two labels. This one labels 1-2-5 steps when the
// axis spans few decades, 1-3 steps for a few more, and powers of ten beyond, with sub ticks at
// every integer multiple of a power of ten.

#include <qcustomplot.h>

namespace archsim::ui {

class LogTicker : public QCPAxisTicker {
public:
    LogTicker() = default;

protected:
    QVector<double> createTickVector(double tickStep, const QCPRange& range) override;
    QVector<double> createSubTickVector(int subTickCount, const QVector<double>& ticks) override;
};

}  // namespace archsim::ui

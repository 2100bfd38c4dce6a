// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/scenario/fielddescription.h"

#include <cmath>

namespace archsim {

bool FieldDescription::accepts(double value) const {
    if (!std::isfinite(value)) return false;
    if (type == FieldType::Integer && std::trunc(value) != value) return false;
    if (minExclusive ? !(value > min) : !(value >= min)) return false;
    return value <= max;
}

const FieldDescription* ComponentDescription::field(std::string_view key) const {
    for (const FieldDescription* candidate : fields)
        if (candidate->key == key) return candidate;
    return nullptr;
}

std::string rangeText(const FieldDescription& field) {
    const auto limit = [&] {
        return field.maxMeaning.empty() ? formatNumber(field.max) : std::string(field.maxMeaning);
    };
    switch (field.type) {
        case FieldType::Number:
        case FieldType::Integer:
            if (field.minExclusive)
                return "> " + formatNumber(field.min) + ", <= " + formatNumber(field.max);
            return formatNumber(field.min) + ".." + formatNumber(field.max);
        case FieldType::Distribution:
            return "distribution, p99 <= " + limit();
        default:
            return {};
    }
}

}  // namespace archsim

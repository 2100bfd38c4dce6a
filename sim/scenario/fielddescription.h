// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What one field of a scenario file is: its JSON key, the label and tooltip people see, its unit,
// the values it may take and its default. The catalogue of every field (scenariofields.h) is made
// of these, and the reader, the writer, the properties editor, the JSON Schema and the format
// documentation all follow it, so a range is written once.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "sim/scenario/componentkind.h"
#include "sim/scenario/jsonreader.h"

namespace archsim {

enum class FieldType : std::uint8_t {
    Number,        ///< a finite number within [min, max] (or (min, max])
    Integer,       ///< a whole number within [min, max]
    Distribution,  ///< a distribution (never negative); max bounds its 99th percentile
    Choice,        ///< one of a few keywords
    Text,          ///< a string: an id, the id of another component, a file name
    Steps,         ///< the handler: a list of steps
    Object,        ///< a nested object with fields of its own (the autoscaler)
};

/// Whether a field must be given, may be left out for its default, or may be left out to mean
/// "not set" (a limit that does not apply, a feature that is off).
enum class Presence : std::uint8_t { Required, Defaulted, Optional };

struct FieldDescription {
    std::string_view key = {};    ///< the JSON key ("workersPerReplica")
    std::string_view label = {};  ///< as the editor labels it ("Workers per replica")
    FieldType type = FieldType::Number;
    /// Shown after the value in the editor and the documentation ("ms", "requests/s",
    /// "replicas"). For a Number it is also what messages put after a limit ("must be > 0 s").
    std::string_view unit = {};
    double min = 0;
    double max = 0;
    bool minExclusive = false;  ///< (min, max] rather than [min, max]
    Presence presence = Presence::Defaulted;
    double defaultValue = 0;  ///< for a Defaulted Number or Integer
    std::string_view defaultText =
        {};                            ///< for a Defaulted Choice or Text (the keyword, the string)
    std::string_view maxMeaning = {};  ///< the upper limit in words ("31 days"), where it helps
    std::string_view emptyMeaning = {};  ///< what leaving an Optional field out means ("no limit")
    std::string_view tooltip = {};

    constexpr bool isNumeric() const {
        return type == FieldType::Number || type == FieldType::Integer;
    }
    constexpr bool hasDefault() const { return presence == Presence::Defaulted; }
    constexpr bool required() const { return presence == Presence::Required; }
    /// The range a reader checks a Number against, with the field's unit for messages.
    constexpr NumberRange range() const { return {min, max, minExclusive, unit}; }
    /// Whether `value` is one this field accepts (whole, for an Integer).
    bool accepts(double value) const;
};

/// One kind of component (or the run settings, the workload, the autoscaler block): where it
/// sits in a file and its fields in the documented order.
struct ComponentDescription {
    ComponentKind kind = ComponentKind::None;
    std::string_view arrayKey = {};  ///< its list under "topology" ("functions"); "" for the others
    std::string_view label = {};     ///< for headings and menus ("Function pool")
    std::string_view noun = {};      ///< for messages, within a sentence ("function pool")
    std::span<const FieldDescription* const> fields;

    /// The field with this key; nullptr if there is none.
    const FieldDescription* field(std::string_view key) const;
};

/// "1..100000" (an Integer or a Number from an inclusive minimum), "> 0, <= 2678400" (from an
/// exclusive one), "distribution, p99 <= 31 days": how the documentation states a field's range.
std::string rangeText(const FieldDescription& field);

}  // namespace archsim

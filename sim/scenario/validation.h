// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Problems found while reading user input, each tied to the JSON path of the value at fault, so a
// message can say exactly what to fix: "topology.functions[0].keepAliveS: must be >= 0 s, got -5".

#include <string>
#include <vector>

namespace archsim {

struct ValidationIssue {
    std::string path;     ///< JSON path, e.g. "workload.ratePerS" or "topology.stations[1]"
    std::string message;  ///< what is wrong, in the user's terms

    std::string toString() const { return path.empty() ? message : path + ": " + message; }
    bool operator==(const ValidationIssue&) const = default;
};

/// Collects every problem instead of stopping at the first, so a user fixes a file in one pass.
class ValidationReport {
public:
    void add(std::string path, std::string message) {
        m_issues.push_back({std::move(path), std::move(message)});
    }
    bool ok() const { return m_issues.empty(); }
    const std::vector<ValidationIssue>& issues() const { return m_issues; }
    /// All issues, one per line.
    std::string toString() const {
        std::string text;
        for (const auto& issue : m_issues) text += issue.toString() + "\n";
        return text;
    }

private:
    std::vector<ValidationIssue> m_issues;
};

/// Joins a parent path and a key: joinPath("topology", "stations") == "topology.stations".
inline std::string joinPath(const std::string& parent, const std::string& key) {
    return parent.empty() ? key : parent + "." + key;
}
/// Appends an index: indexPath("topology.stations", 1) == "topology.stations[1]".
inline std::string indexPath(const std::string& parent, std::size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

}  // namespace archsim

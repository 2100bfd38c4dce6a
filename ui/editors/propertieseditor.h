// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Every parameter of what is selected: a component, the workload, or (with nothing selected) the
// scenario's name, seed, run settings and cost configuration, each with its unit, range and
// tooltip. An edit is tried on a copy of the scenario and read back through the engine's
// validator; only a valid result is pushed to the document's undo stack, otherwise the field shows
// the message inline and the scenario stays as it was.

#include <QPointer>
#include <QWidget>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "sim/scenario/fielddescription.h"
#include "sim/scenario/scenario.h"
#include "ui/document/componentref.h"
#include "ui/editors/applier.h"
#include "ui/editors/numberfield.h"

class QFormLayout;
class QLabel;
class QVBoxLayout;

namespace archsim::ui {

class ScenarioDocument;
class DistributionField;
class WorkloadEditor;

/// The editor's input spec of a described Number or Integer field: its range, whether it is whole,
/// its unit and tooltip; a slider spans [sliderMin, sliderMax] when that is not empty.
NumberSpec numberSpec(const FieldDescription& field, double sliderMin = 0, double sliderMax = 0);

class PropertiesEditor : public QWidget {
    Q_OBJECT
public:
    explicit PropertiesEditor(QWidget* parent = nullptr);

    void setDocument(ScenarioDocument* document);
    void setSelection(const ComponentRef& ref);
    ComponentRef selection() const { return m_selection; }

    /// The field editing `key` ("run.durationS", "servers.replicas"...), for tests.
    NumberField* numberField(const QString& key) const;
    DistributionField* distributionField(const QString& key) const;
    WorkloadEditor* workloadEditor() const { return m_workload; }
    /// The scenario JSON path a sweep varies for the field editing `key` ("servers.replicas" of
    /// the selected server pool: "topology.servers[1].replicas"); "" when it is not sweepable.
    QString sweepPathOf(const QString& key) const;
    /// Applies an edit as the editor's own fields do (validated, undoable); returns the problem.
    QString apply(const std::function<void(Scenario&)>& mutate, const QString& text,
                  const QString& mergeKey = {}, int mergeSession = 0);

signals:
    /// The selected component was renamed (the selection follows it).
    void selectionRenamed(const archsim::ui::ComponentRef& ref);
    /// An edit was refused; `message` says why.
    void editRefused(const QString& message);
    /// "Sweep this field…" was chosen on a numeric field; `path` is its JSON path.
    void sweepRequested(const QString& path);

private:
    template <typename Spec>
    using Access = std::function<Spec*(Scenario&)>;

    void rebuild();
    void refresh();
    QFormLayout* section(const QString& title);
    void addNumber(QFormLayout* form, const QString& key, const QString& label,
                   const NumberSpec& spec,
                   std::function<std::optional<double>(const Scenario&)> get,
                   std::function<void(Scenario&, std::optional<double>)> set);
    /// A described Number or Integer field of the object `at` finds (nullptr: none), named
    /// prefix + key.
    template <typename At, typename Owner, typename T>
    void addMember(QFormLayout* form, const QString& prefix, const FieldDescription& field, At at,
                   T Owner::*member, double sliderMin = 0, double sliderMax = 0);
    /// A described Distribution field, likewise.
    template <typename At, typename Owner>
    void addMemberDistribution(QFormLayout* form, const QString& prefix,
                               const FieldDescription& field, At at,
                               DistributionPtr Owner::*member);
    void addDistribution(QFormLayout* form, const QString& key, const QString& label,
                         const QString& unit, bool optional,
                         std::function<DistributionPtr(const Scenario&)> get,
                         std::function<void(Scenario&, DistributionPtr)> set);
    void addChoice(QFormLayout* form, const QString& label, const QString& tooltip,
                   const QStringList& choices, std::function<int(const Scenario&)> get,
                   std::function<void(Scenario&, int)> set);
    void addText(QFormLayout* form, const QString& label, const QString& tooltip,
                 std::function<QString(const Scenario&)> get,
                 std::function<QString(Scenario&, const QString&)> set);
    void addCheck(QFormLayout* form, const QString& label, const QString& tooltip,
                  std::function<bool(const Scenario&)> get,
                  std::function<void(Scenario&, bool)> set);
    void addIdField(QFormLayout* form);
    /// The component's region: the first region, one the topology lists, or the edge.
    template <typename At>
    /// The component's Region choice; `edge` false leaves out "edge" (a queue runs in one region).
    void addRegionField(QFormLayout* form, At at, bool edge = true);
    void addHandler(QFormLayout* form);

    void buildScenario();
    void buildGateway();
    void buildFunction();
    void buildServer();
    void buildCache();
    void buildDatabase();
    void buildHop();
    void buildStation();
    void buildQueue();
    void buildObjectStore();
    void buildAfterResponse();
    /// "(none)" and the ids of the scenario's queues but `except`, for fields that name a queue.
    QStringList queueChoices(const QString& except) const;

    QPointer<ScenarioDocument> m_document;
    ComponentRef m_selection;
    QVBoxLayout* m_layout;
    QLabel* m_heading;
    QWidget* m_body = nullptr;
    WorkloadEditor* m_workload = nullptr;
    std::vector<std::function<void(const Scenario&)>> m_refreshers;
    std::map<QString, NumberField*> m_numbers;
    std::map<QString, DistributionField*> m_distributions;
};

}  // namespace archsim::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/study/sweepshard.h"

#include <algorithm>
#include <cmath>

namespace archsim {
namespace {

constexpr int kShardFormat = 1;

std::optional<RunStatus> statusFromString(const std::string& text) {
    for (const RunStatus s :
         {RunStatus::Completed, RunStatus::Cancelled, RunStatus::Overloaded, RunStatus::Failed})
        if (toString(s) == text) return s;
    return std::nullopt;
}

std::string shardName(const SweepShard& s) {
    return std::to_string(s.index) + "/" + std::to_string(s.count);
}

}  // namespace

nlohmann::json shardToJson(const SweepShard& shard) {
    nlohmann::json units = nlohmann::json::array();
    for (const SweepUnit& u : shard.units) {
        nlohmann::json figures = nlohmann::json::array();
        // A figure is finite by construction; JSON has no NaN, so one would come back as null.
        for (const double f : u.figures) figures.push_back(std::isfinite(f) ? f : 0.0);
        units.push_back({u.unit, toString(u.status), std::move(figures)});
    }
    nlohmann::json histograms = nlohmann::json::array();
    for (const auto& [key, h] : shard.histograms) {
        nlohmann::json buckets = nlohmann::json::array();
        for (std::size_t i = 0; i < h.counts().size(); ++i)
            if (h.counts()[i]) buckets.push_back({i, h.counts()[i]});
        histograms.push_back({{"key", key},
                              {"sumHigh", static_cast<std::uint64_t>(h.sum() >> 64)},
                              {"sumLow", static_cast<std::uint64_t>(h.sum())},
                              {"min", h.min()},
                              {"max", h.max()},
                              {"buckets", std::move(buckets)}});
    }
    return {{"archsimSweepShard", kShardFormat},
            {"sweepId", shard.sweepId},
            {"version", shard.version},
            {"shard", {{"index", shard.index}, {"count", shard.count}}},
            {"complete", shard.complete},
            {"unitCount", shard.unitCount},
            {"sweep", shard.sweep},
            {"units", std::move(units)},
            {"histograms", std::move(histograms)}};
}

std::optional<SweepShard> shardFromJson(const nlohmann::json& json, std::string& error) {
    error.clear();
    if (!json.is_object() || !json.contains("archsimSweepShard")) {
        error =
            "is not an archsim sweep shard (no \"archsimSweepShard\" field; write one with "
            "'archsim-cli sweep FILE --shard I/N')";
        return std::nullopt;
    }
    try {
        if (json.at("archsimSweepShard").get<int>() != kShardFormat) {
            error = "is a sweep shard of format " + json.at("archsimSweepShard").dump() +
                    "; this archsim reads format " + std::to_string(kShardFormat);
            return std::nullopt;
        }
        SweepShard s;
        s.sweepId = json.at("sweepId").get<std::string>();
        s.version = json.at("version").get<std::string>();
        s.index = json.at("shard").at("index").get<unsigned>();
        s.count = json.at("shard").at("count").get<unsigned>();
        s.complete = json.at("complete").get<bool>();
        s.unitCount = json.at("unitCount").get<std::size_t>();
        s.sweep = json.at("sweep");
        if (s.count < 1 || s.index < 1 || s.index > s.count) {
            error = "has shard " + shardName(s) + ", which is out of range";
            return std::nullopt;
        }
        const std::size_t figureCount = s.sweep.at("figures").size();
        for (const auto& u : json.at("units")) {
            SweepUnit unit;
            unit.unit = u.at(0).get<std::size_t>();
            const auto status = statusFromString(u.at(1).get<std::string>());
            unit.figures = u.at(2).get<std::vector<double>>();
            if (!status || unit.unit >= s.unitCount || unit.figures.size() != figureCount ||
                !unitInShard(unit.unit, s.index, s.count) ||
                (!s.units.empty() && s.units.back().unit >= unit.unit)) {
                error = "has a damaged run record " + u.dump().substr(0, 80);
                return std::nullopt;
            }
            unit.status = *status;
            s.units.push_back(std::move(unit));
        }
        for (const auto& h : json.at("histograms")) {
            std::vector<std::pair<std::size_t, std::uint64_t>> buckets;
            for (const auto& b : h.at("buckets"))
                buckets.emplace_back(b.at(0).get<std::size_t>(), b.at(1).get<std::uint64_t>());
            const Uint128 sum = (static_cast<Uint128>(h.at("sumHigh").get<std::uint64_t>()) << 64) |
                                h.at("sumLow").get<std::uint64_t>();
            auto histogram = LatencyHistogram::fromState(buckets, sum, h.at("min").get<Time>(),
                                                         h.at("max").get<Time>());
            const auto key = h.at("key").get<std::size_t>();
            if (!histogram || s.histograms.count(key)) {
                error = "has a damaged latency histogram (key " + std::to_string(key) + ")";
                return std::nullopt;
            }
            s.histograms.emplace(key, std::move(*histogram));
        }
        return s;
    } catch (const nlohmann::json::exception& e) {
        error = std::string("is not a well-formed sweep shard (") + e.what() + ")";
        return std::nullopt;
    }
}

std::optional<SweepShard> mergeShards(const std::vector<SweepShard>& shards,
                                      const std::vector<std::string>& names, std::string& error) {
    error.clear();
    if (shards.empty()) {
        error = "no shards to merge";
        return std::nullopt;
    }
    const SweepShard& first = shards.front();
    std::vector<std::size_t> byIndex(first.count + 1, shards.size());
    for (std::size_t i = 0; i < shards.size(); ++i) {
        const SweepShard& s = shards[i];
        if (s.version != first.version) {
            error = names[i] + " was written by archsim " + s.version + ", " + names[0] +
                    " by archsim " + first.version + "; run every shard with one version";
            return std::nullopt;
        }
        if (s.sweepId != first.sweepId) {
            error = names[i] + " belongs to a different sweep than " + names[0] +
                    " (the sweep file or a scenario changed between them)";
            return std::nullopt;
        }
        if (s.count != first.count) {
            error = names[i] + " is shard " + shardName(s) + " but " + names[0] + " is shard " +
                    shardName(first) + "; all shards must be of one split";
            return std::nullopt;
        }
        if (!s.complete) {
            error = names[i] + " (shard " + shardName(s) +
                    ") was interrupted and holds only part of its runs; run it again";
            return std::nullopt;
        }
        if (byIndex[s.index] != shards.size()) {
            error =
                names[i] + " and " + names[byIndex[s.index]] + " are both shard " + shardName(s);
            return std::nullopt;
        }
        byIndex[s.index] = i;
    }
    std::vector<std::string> missing;
    for (unsigned index = 1; index <= first.count; ++index)
        if (byIndex[index] == shards.size())
            missing.push_back(std::to_string(index) + "/" + std::to_string(first.count));
    if (!missing.empty()) {
        error = "missing shard";
        error += missing.size() > 1 ? "s " : " ";
        for (std::size_t i = 0; i < missing.size() && i < 10; ++i)
            error += (i ? ", " : "") + missing[i];
        if (missing.size() > 10) error += ", ...";
        return std::nullopt;
    }
    SweepShard merged;
    merged.sweepId = first.sweepId;
    merged.version = first.version;
    merged.sweep = first.sweep;
    merged.unitCount = first.unitCount;
    merged.units.resize(first.unitCount);
    std::vector<bool> placed(first.unitCount, false);
    for (const SweepShard& s : shards) {
        for (const SweepUnit& u : s.units) {
            merged.units[u.unit] = u;
            placed[u.unit] = true;
        }
        for (const auto& [key, h] : s.histograms) merged.histograms[key].merge(h);
    }
    const auto hole = std::find(placed.begin(), placed.end(), false);
    if (hole != placed.end()) {
        const auto unit = static_cast<std::size_t>(hole - placed.begin());
        error = "run " + std::to_string(unit) + " is in no shard (shard " +
                std::to_string(unit % first.count + 1) + "/" + std::to_string(first.count) +
                " is damaged)";
        return std::nullopt;
    }
    return merged;
}

}  // namespace archsim

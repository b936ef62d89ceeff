// Helpers for the reference-table tests: a small CSV reader and a worst-deviation table.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "entropyk/fluids.hpp"

namespace entropyk::fluids::testing {

struct Table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;

    [[nodiscard]] std::size_t column(const std::string& name) const {
        for (std::size_t i = 0; i < header.size(); ++i)
            if (header[i] == name) return i;
        return header.size();
    }
    [[nodiscard]] double num(std::size_t row, const std::string& name) const {
        return std::stod(rows[row][column(name)]);
    }
    [[nodiscard]] const std::string& str(std::size_t row, const std::string& name) const {
        return rows[row][column(name)];
    }
};

inline std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) out.push_back(cell);
    return out;
}

/// Reads tests/data/fluids/<fluid>_<kind>.csv.
inline Table read_table(const std::string& fluid, const std::string& kind) {
    Table t;
    std::ifstream in(std::string(ENTROPYK_TEST_DATA_DIR) + "/fluids/" + fluid + "_" + kind + ".csv");
    std::string line;
    if (!std::getline(in, line)) return t;
    t.header = split(line);
    while (std::getline(in, line))
        if (!line.empty()) t.rows.push_back(split(line));
    return t;
}

/// Relative deviation with a floor on the scale, so that properties that pass through zero
/// (h and s at the reference state, e.g. water at its triple point) are measured against a
/// meaningful magnitude: 1 kJ/kg for h, 1 J/(kg K) for s, otherwise the value itself.
inline double deviation(double value, double reference, double floor = 0.0) {
    return std::fabs(value - reference) / std::max({std::fabs(reference), floor, 1e-300});
}

inline constexpr double h_floor = 1e3;
inline constexpr double s_floor = 1.0;

/// Worst deviation per property, with the row where it occurred; failures counted.
class Worst {
  public:
    explicit Worst(std::string title) : title_(std::move(title)) {}
    /// Records a deviation; returns true when it is within tol.
    bool add(const std::string& property, double dev, double tol, std::size_t row) {
        Entry& e = entries_[property];
        if (!(dev <= e.dev)) { // also catches NaN
            e.dev = dev;
            e.row = row;
        }
        ++e.count;
        const bool ok = dev <= tol;
        if (!ok) ++e.failures;
        return ok;
    }
    void print() const {
        std::printf("%-28s %-10s %12s %6s %6s %5s\n", title_.c_str(), "property", "worst dev", "row", "checks", "fail");
        for (const auto& [name, e] : entries_)
            std::printf("%-28s %-10s %12.3e %6zu %6zu %5zu\n", "", name.c_str(), e.dev, e.row, e.count, e.failures);
    }

  private:
    struct Entry {
        double dev = 0.0;
        std::size_t row = 0, count = 0, failures = 0;
    };
    std::string title_;
    std::map<std::string, Entry> entries_;
};

/// Every fluid of the registry (all_fluids()): a fluid added there is checked against its tables
/// tests/data/fluids/<name>_{single_phase,saturation,flash}.csv without any change here.
inline const std::vector<std::string> fluid_names = [] {
    std::vector<std::string> v;
    for (const Fluid* f : all_fluids()) v.emplace_back(f->name());
    return v;
}();

/// Tolerance of the issue: 1e-6 relative, 1e-5 within 1 K of the critical temperature.
inline double tolerance(const Fluid& f, double T) { return std::fabs(T - f.T_critical().si()) < 1.0 ? 1e-5 : 1e-6; }

inline std::string phase_label(Phase p) {
    switch (p) {
    case Phase::liquid: return "liquid";
    case Phase::vapor: return "gas";
    case Phase::two_phase: return "twophase";
    case Phase::supercritical: return "supercritical";
    case Phase::supercritical_liquid: return "supercritical_liquid";
    case Phase::supercritical_gas: return "supercritical_gas";
    }
    return "?";
}

} // namespace entropyk::fluids::testing

// capi helpers of the diagram module (codegen/api/diagram.api.yaml): a converged result drawn by
// the library's diagram model (include/entropyk/diagrams/) into the caller's buffer.
#pragma once

#include <cstddef>
#include <string>

#include <entropyk.h>

#include "entropyk/capi/buffers.hpp"
#include "entropyk/capi/component.hpp"
#include "entropyk/capi/errors.hpp"
#include "entropyk/capi/result.hpp"
#include "entropyk/diagrams/diagram.hpp"
#include "entropyk/diagrams/svg.hpp"

namespace entropyk::capi {

// EntropykDiagramKind is entropyk::diagrams::DiagramKind, value for value.
static_assert(ENTROPYK_DIAGRAM_PH == static_cast<int>(diagrams::DiagramKind::ph));
static_assert(ENTROPYK_DIAGRAM_TS == static_cast<int>(diagrams::DiagramKind::ts));

/// The diagram view of a result handle (borrows it). `loop` < 0: what entropyk_result_write_svg
/// draws (the whole cycle of a one-loop system; loop 0 of a system of several loops, titled like
/// a one-loop cycle). `loop` >= 0 (checked by the caller): that loop on its own refrigerant and
/// backend, its states numbered as in a table of every loop (after the states of loops 0 ..
/// loop - 1, in flow order, as the `entropyk` command numbers them).
[[nodiscard]] inline diagrams::CycleView diagram_view(const ResultData& data, int loop = -1) {
    diagrams::CycleView v;
    const bool several = loop_count(data.results) > 1;
    const std::size_t drawn = loop < 0 ? 0 : static_cast<std::size_t>(loop);
    const ResultData::Loop own =
        drawn < data.loops.size() ? data.loops[drawn] : ResultData::Loop{data.fluid, data.tables};
    v.fluid = several ? own.fluid : data.fluid;
    v.results = &data.results;
    v.components = data.components;
    v.order = diagrams::flow_order(data.results, data.components);
    // A system of several loops: one loop per diagram (loop 0 for entropyk_result_write_svg);
    // every connection of that loop (branches included) is drawn.
    if (several) {
        v.loop = static_cast<int>(drawn);
        v.order = diagrams::flow_order(data.results, data.components, v.loop);
        for (const ConnectionResult& c : data.results.connections)
            if (c.loop < drawn) ++v.first_number;
    }
    const std::string name = v.fluid != nullptr ? std::string(v.fluid->name()) : std::string();
    v.title = (name.empty() ? std::string("cycle") : name + " cycle") +
              (loop >= 0 && several ? ", loop " + std::to_string(drawn + 1) : std::string());
    v.source = "entropyk C API";
    v.properties = (several ? own.tables : data.tables) ? "tables" : "equation of state";
    return v;
}

/// The checks and the drawing shared by entropyk_result_write_svg and _loop: every argument and
/// the result's state are checked before anything is built, so a refused call writes nothing
/// (see the API description for the buffer rules).
inline Result<void> draw_svg(const EntropykSolverResult& self, int loop, EntropykDiagramKind kind, char* buffer,
                             std::size_t capacity, std::size_t* out_len) {
    require_not_null(out_len, "out_len");
    if (buffer == nullptr && capacity != 0)
        raise(Errc::null_pointer, "'buffer' is NULL but 'capacity' is %zu", capacity);
    if (loop >= 0) require_loop(self, static_cast<std::uint32_t>(loop));
    require_enum(kind, ENTROPYK_DIAGRAM_TS, "kind");
    require_written(self);
    const ResultData& data = *self.data;
    if (!data.results.converged()) {
        const std::string_view st = to_string(data.results.status);
        return ThermoError::format(Errc::invalid_state,
                                   "the solve %.*s: a diagram shows a solution, and this result holds none",
                                   static_cast<int>(st.size()), st.data());
    }
    const Result<diagrams::Diagram> d =
        diagrams::build_diagram(diagram_view(data, loop), static_cast<diagrams::DiagramKind>(kind));
    if (!d) return d.error();
    std::string svg;
    diagrams::write_svg(*d, svg);
    return copy_out_string(svg, buffer, capacity, out_len);
}

/// entropyk_result_write_svg
inline Result<void> result_write_svg(const EntropykSolverResult& self, EntropykDiagramKind kind, char* buffer,
                                     std::size_t capacity, std::size_t* out_len) {
    return draw_svg(self, -1, kind, buffer, capacity, out_len);
}

/// entropyk_result_write_svg_loop: one refrigerant loop of the result on its own refrigerant.
inline Result<void> result_write_svg_loop(const EntropykSolverResult& self, std::uint32_t loop,
                                          EntropykDiagramKind kind, char* buffer, std::size_t capacity,
                                          std::size_t* out_len) {
    require_not_null(out_len, "out_len");
    if (buffer == nullptr && capacity != 0)
        raise(Errc::null_pointer, "'buffer' is NULL but 'capacity' is %zu", capacity);
    require_loop(self, loop);
    return draw_svg(self, static_cast<int>(loop), kind, buffer, capacity, out_len);
}

} // namespace entropyk::capi

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

/// The diagram view of a result handle (borrows it).
[[nodiscard]] inline diagrams::CycleView diagram_view(const ResultData& data) {
    diagrams::CycleView v;
    v.fluid = data.fluid;
    v.results = &data.results;
    v.components = data.components;
    v.order = diagrams::flow_order(data.results, data.components);
    // A system of several loops: the diagram of loop 1 (the loop of the first compressor), on the
    // system's refrigerant; every connection of one loop (branches included) is drawn.
    if (loop_count(data.results) > 1) {
        v.loop = 0;
        v.order = diagrams::flow_order(data.results, data.components, 0);
    }
    v.title = data.fluid != nullptr ? std::string(data.fluid->name()) + " cycle" : std::string("cycle");
    v.source = "entropyk C API";
    v.properties = data.tables ? "tables" : "equation of state";
    return v;
}

/// entropyk_result_write_svg: every argument and the result's state are checked before anything
/// is built, so a refused call writes nothing (see the API description for the buffer rules).
inline Result<void> result_write_svg(const EntropykSolverResult& self, EntropykDiagramKind kind, char* buffer,
                                     std::size_t capacity, std::size_t* out_len) {
    require_not_null(out_len, "out_len");
    if (buffer == nullptr && capacity != 0)
        raise(Errc::null_pointer, "'buffer' is NULL but 'capacity' is %zu", capacity);
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
        diagrams::build_diagram(diagram_view(data), static_cast<diagrams::DiagramKind>(kind));
    if (!d) return d.error();
    std::string svg;
    diagrams::write_svg(*d, svg);
    return copy_out_string(svg, buffer, capacity, out_len);
}

} // namespace entropyk::capi

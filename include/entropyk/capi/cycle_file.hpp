// capi helpers of the cycle_file module (codegen/api/cycle_file.api.yaml): a system read from a
// JSON cycle file by the library's reader (include/entropyk/io/cycle_file.hpp, the same one the
// `entropyk` command uses), and the solves with the settings the file gave.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include <entropyk.h>

#include "entropyk/capi/buffers.hpp"
#include "entropyk/capi/errors.hpp"
#include "entropyk/capi/system.hpp"
#include "entropyk/io/cycle_file.hpp"

namespace entropyk::capi {

/// Hands a read cycle to a new system handle, or its refusal to the caller's message buffer.
inline Result<void> adopt_cycle(io::CycleFileResult read, EntropykSystem** out, char* buffer, std::size_t capacity,
                                std::size_t* out_len) {
    if (!read) {
        // The caller's buffer gets the complete message (or its prefix); the call still fails
        // with ENTROPYK_INVALID_ARGUMENT whatever the buffer's size.
        const Result<void> copied = copy_out_string(read.error(), buffer, capacity, out_len);
        (void)copied;
        return ThermoError{Errc::invalid_argument, read.error()};
    }
    io::CycleFile& file = read.value();
    auto data = std::make_unique<SystemData>(SystemData{std::move(file.system), next_system_id()});
    data->discharge_temperature_limit = file.settings.discharge_temperature_limit;
    data->configured_method = file.method;
    data->configured_settings = file.settings;
    *out = make_handle<EntropykSystem>(std::move(data));
    *out_len = 0;
    if (buffer != nullptr && capacity > 0) buffer[0] = '\0';
    return {};
}

/// The (buffer, capacity, out_len) message triple is checked before anything is read.
inline void require_message_buffer(const char* buffer, std::size_t capacity, const std::size_t* out_len) {
    require_not_null(out_len, "out_len");
    if (buffer == nullptr && capacity != 0)
        raise(Errc::null_pointer, "'buffer' is NULL but 'capacity' is %zu", capacity);
}

/// entropyk_system_from_json
inline Result<void> system_from_json(const char* json_text, const char* source, EntropykSystem** out, char* buffer,
                                     std::size_t capacity, std::size_t* out_len) {
    require_not_null(json_text, "json_text");
    require_not_null(out, "out");
    require_message_buffer(buffer, capacity, out_len);
    *out = nullptr;
    const std::string name = source != nullptr && *source != '\0' ? std::string(source) : std::string("cycle");
    return adopt_cycle(io::read_cycle_json(json_text, name), out, buffer, capacity, out_len);
}

/// entropyk_system_from_file
inline Result<void> system_from_file(const char* path, EntropykSystem** out, char* buffer, std::size_t capacity,
                                     std::size_t* out_len) {
    require_not_null(path, "path");
    require_not_null(out, "out");
    require_message_buffer(buffer, capacity, out_len);
    *out = nullptr;
    return adopt_cycle(io::read_cycle_file(path), out, buffer, capacity, out_len);
}

/// entropyk_solve_configured: a new result, like entropyk_solve_fallback.
inline Result<void> solve_configured(EntropykSystem& self, EntropykSolverResult** out) {
    require_not_null(out, "out");
    *out = nullptr;
    require_finalized(self);
    auto data = std::make_unique<ResultData>();
    describe_system(self.data->system, *data);
    solve_and_fill(self, self.data->configured_method, self.data->configured_settings, StartMode::warm, *data);
    *out = make_handle<EntropykSolverResult>(std::move(data));
    return outcome(self.data->system.results());
}

/// entropyk_solve_configured_into: the allocation-free form.
inline Result<void> solve_configured_into(EntropykSystem& self, EntropykSolverResult* reused) {
    EntropykSolverResult& r = checked_handle(reused);
    require_result_of(self, r);
    solve_and_fill(self, self.data->configured_method, self.data->configured_settings, StartMode::warm, *r.data);
    return outcome(self.data->system.results());
}

} // namespace entropyk::capi

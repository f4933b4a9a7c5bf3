#include "manifest/output.h"

#include "report/finding_writer.h"
#include "report/json_writer.h"

namespace trtdoctor::manifest {

std::string render(std::string_view command, OutputFormat format, const Style& style, const Outcome& o,
                   std::string& err_text) {
    std::string out;
    if (format == OutputFormat::text) {
        out += o.text;
        for (const auto& f : o.findings) out += format_finding_text(f, style) + "\n";
        for (const auto& e : o.errors) err_text += format_tool_error_text(e, style) + "\n";
        return out;
    }
    if (format == OutputFormat::sarif) return sarif_document(command, o.findings, o.errors) + "\n";
    // JSON: the payload's members first (already serialised), then findings and errors.
    JsonWriter w(out);
    w.begin_object();
    for (auto it = o.payload.begin(); it != o.payload.end(); ++it) {
        w.key(it.key()).raw(it.value().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    w.key("findings").begin_array();
    for (const auto& f : o.findings) write_finding_json(w, f);
    w.end_array();
    w.key("errors").begin_array();
    for (const auto& e : o.errors) write_tool_error_json(w, e);
    w.end_array();
    w.end_object();
    out += "\n";
    return out;
}

}  // namespace trtdoctor::manifest

// `trtdoctor inspect FILE...`: what each file is, the TensorRT version and builder GPU of a
// plan, integrity checks and hashes. Inputs that cannot be read are tool errors (exit 2); the
// run continues with the next file and exits with the worst code.
#include <fmt/format.h>

#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "core/text.h"
#include "plan/plan_file.h"
#include "report/finding_writer.h"
#include "report/json_writer.h"

namespace trtdoctor::cli {
namespace {

using plan::InspectResult;

std::string gpu_line(const plan::BuilderGpu& g) {
    std::string s = fmt::format("compute capability {}", g.compute_capability());
    if (g.sm_count) s += fmt::format(", {} SM{}", *g.sm_count, *g.sm_count == 1 ? "" : "s");
    if (g.memory_bytes) s += fmt::format(", {} memory", human_bytes(*g.memory_bytes));
    if (g.l2_bytes) s += fmt::format(", L2 {}", human_bytes(*g.l2_bytes));
    if (g.gpu_clock_khz) s += fmt::format(", {} MHz", *g.gpu_clock_khz / 1000);
    if (g.integrated) s += *g.integrated ? ", integrated" : ", discrete";
    if (!g.family.empty()) s += " - likely " + g.family;
    return s;
}

std::string summary_text(const InspectResult& r, const Style& style) {
    std::string out;
    std::string headline = std::string(plan::to_string(r.kind));
    if (r.generation) headline += fmt::format(" ({} layout)", plan::to_string(*r.generation));
    if (r.trt_version) headline += ", TensorRT " + r.trt_version->to_string();
    out += style.bold(r.path + ":") + " " + headline + "\n";
    auto row = [&](std::string_view key, const std::string& value) {
        out += "  " + style.dim(fmt::format("{:<15}", key)) + " " + value + "\n";
    };
    if (r.serialization_version) {
        std::string s = std::to_string(*r.serialization_version);
        if (!r.serialization_range.empty()) s += " (TensorRT " + r.serialization_range + ")";
        else s += " (not in the known table)";
        if (r.safe_serialization_version) s += fmt::format(", safe {}", *r.safe_serialization_version);
        row("serialization", s);
    }
    if (r.builder_gpu) row("builder GPU", gpu_line(*r.builder_gpu));
    if (!r.sections.empty()) {
        std::string s;
        for (const auto& sec : r.sections) {
            if (!s.empty()) s += ", ";
            s += fmt::format("{} @{} +{}", sec.tag, sec.offset, sec.length);
        }
        row("sections", r.plan_offset ? s + " (from the plan's start)" : s);
    }
    if (!r.platform_tag.empty()) row("platform tag", "\"" + r.platform_tag + "\"");
    if (r.plan_offset) row("plan offset", std::to_string(*r.plan_offset));
    if (r.wrapper_metadata) row("metadata", printable(*r.wrapper_metadata, 200));
    if (r.lfs_oid) row("lfs object", *r.lfs_oid);
    if (r.lfs_size) row("lfs size", fmt::format("{} bytes ({})", *r.lfs_size, human_bytes(*r.lfs_size)));
    if (r.onnx_ir_version) row("onnx IR", std::to_string(*r.onnx_ir_version));
    row("size", fmt::format("{} bytes ({}), {} read", r.size, human_bytes(r.size), human_bytes(r.bytes_read)));
    if (r.sha256) row("sha256", *r.sha256);
    if (r.md5) row("md5", *r.md5);
    if (!r.compatibility_note.empty()) row("compatibility", r.compatibility_note);
    for (const auto& n : r.notes) row("note", n);
    return out;
}

void write_result_json(JsonWriter& w, const InspectResult& r) {
    w.begin_object();
    w.field("path", r.path);
    w.field("kind", plan::to_string(r.kind));
    w.field("size", r.size);
    w.field("bytes_read", r.bytes_read);
    w.field("sha256", r.sha256);
    w.field("md5", r.md5);
    w.key("generation");
    if (r.generation) w.value(plan::to_string(*r.generation)); else w.null();
    w.key("trt_version");
    if (r.trt_version) w.value(r.trt_version->to_string()); else w.null();
    w.field("serialization_version", r.serialization_version);
    w.field("safe_serialization_version", r.safe_serialization_version);
    w.key("serialization_range");
    if (r.serialization_range.empty()) w.null(); else w.value(r.serialization_range);
    w.key("builder_gpu");
    if (r.builder_gpu) {
        const auto& g = *r.builder_gpu;
        w.begin_object();
        w.field("compute_capability", g.compute_capability());
        w.field("sm_count", g.sm_count);
        w.field("memory_bytes", g.memory_bytes);
        w.field("l2_bytes", g.l2_bytes);
        w.field("gpu_clock_khz", g.gpu_clock_khz);
        w.field("memory_clock_khz", g.memory_clock_khz);
        w.field("bus_width_bits", g.bus_width_bits);
        w.field("integrated", g.integrated);
        w.key("family");
        if (g.family.empty()) w.null(); else w.value(g.family);
        w.end_object();
    } else {
        w.null();
    }
    w.key("sections").begin_array();
    for (const auto& s : r.sections) {
        w.begin_object().field("tag", s.tag).field("offset", s.offset).field("length", s.length).end_object();
    }
    w.end_array();
    w.key("platform_tag");
    if (r.platform_tag.empty()) w.null(); else w.value(r.platform_tag);
    w.field("plan_offset", r.plan_offset);
    w.field("wrapper_metadata", r.wrapper_metadata);
    w.key("git_lfs");
    if (r.lfs_oid || r.lfs_size) {
        w.begin_object().field("oid", r.lfs_oid).field("size", r.lfs_size).end_object();
    } else {
        w.null();
    }
    w.field("onnx_ir_version", r.onnx_ir_version);
    w.key("compatibility");
    if (r.compatibility_note.empty()) w.null(); else w.value(r.compatibility_note);
    w.key("notes").begin_array();
    for (const auto& n : r.notes) w.value(n);
    w.end_array();
    w.key("findings").begin_array();
    for (const auto& f : r.findings) write_finding_json(w, f);
    w.end_array();
    w.end_object();
}

}  // namespace

int run_inspect(CommandArgs args) {
    CommonOptions common;
    std::vector<std::string> files;
    bool no_hash = false;
    ArgParser p("inspect", "inspect [OPTIONS] FILE... ('-' reads standard input)",
                "Say what each file is and, for TensorRT plans, which TensorRT wrote it (exact\n"
                "version, serialization number and the releases it implies), the GPU it was built\n"
                "on, its sections, whether it is complete (size fields, end markers, CRC-32 of 7.x\n"
                "plans) and its SHA-256 and MD5. Recognises timing caches, git-lfs pointers, ONNX\n"
                "models, Ultralytics-wrapped plans, text and HTML pages. Reads no GPU, needs no\n"
                "TensorRT.");
    add_common_options(p, common);
    p.flag("no-hash", 0, &no_hash,
           "read only the headers (at most 64 KiB per file): no SHA-256/MD5, no 7.x CRC check");
    p.positionals(&files, "FILE", 1);
    p.epilog("Examples:\n"
             "  trtdoctor inspect model.engine\n"
             "  trtdoctor inspect --no-hash --format json plans/*.plan\n"
             "  curl -fsSL URL | trtdoctor inspect -\n\n"
             "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,\n"
             "2 an input could not be read (the other files are still inspected), 3 usage.");
    if (auto rc = p.parse(args)) return *rc;
    if (auto rc = resolve_common_options("inspect", common)) return *rc;

    plan::InspectOptions options;
    options.hash = !no_hash;
    std::vector<InspectResult> results;
    std::vector<ToolError> errors;
    std::vector<Finding> all_findings;
    const Style out_style(common.color_stdout);
    const Style err_style(common.color_stderr);
    for (const auto& file : files) {
        auto r = plan::inspect_file(file, options);
        if (!r) {
            if (common.output_format == OutputFormat::text) {
                std::fputs(format_tool_error_text(r.error(), err_style).c_str(), stderr);
            }
            errors.push_back(r.error());
            continue;
        }
        for (const auto& f : r->findings) all_findings.push_back(f);
        if (common.output_format == OutputFormat::text) {
            std::string text = summary_text(*r, out_style);
            for (const auto& f : r->findings) text += format_finding_text(f, out_style);
            if (results.size() + errors.size() + 1 < files.size()) text += "\n";
            write_stdout(text);
        }
        results.push_back(std::move(*r));
    }

    if (common.output_format == OutputFormat::json) {
        std::string out;
        JsonWriter w(out);
        w.begin_object().key("files").begin_array();
        for (const auto& r : results) write_result_json(w, r);
        w.end_array().key("errors").begin_array();
        for (const auto& e : errors) write_tool_error_json(w, e);
        w.end_array().end_object();
        out += "\n";
        write_stdout(out);
    } else if (common.output_format == OutputFormat::sarif) {
        write_stdout(sarif_document("inspect", all_findings, errors) + "\n");
    }
    return exit_code_for(all_findings, common.threshold, !errors.empty());
}

}  // namespace trtdoctor::cli

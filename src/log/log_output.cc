#include "log/log_output.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"
#include "report/finding_writer.h"
#include "report/json_writer.h"

namespace trtdoctor::log {

namespace {

std::optional<std::uint64_t> first_line(const Finding& f) {
    for (const auto& ev : f.evidence) {
        if (ev.where.line) return ev.where.line;
    }
    return std::nullopt;
}

void write_log_finding(JsonWriter& w, const Finding& f) {
    w.begin_object();
    w.field("code", f.code);
    w.field("name", f.name);
    w.field("severity", to_string(f.severity));
    w.field("line", first_line(f));
    w.key("evidence").begin_array();
    for (const auto& ev : f.evidence) {
        w.begin_object();
        w.field("line", ev.where.line);
        w.field("text", ev.what);
        w.end_object();
    }
    w.end_array();
    w.field("summary", f.summary);
    w.field("explanation", f.explanation);
    w.field("fix", f.fix);
    w.key("facts").begin_object();
    for (const auto& [k, v] : f.facts) w.field(k, v);
    w.end_object();
    w.end_object();
}

bool matches_key(const Finding& f, const std::vector<std::string>& ignore) {
    return std::any_of(ignore.begin(), ignore.end(), [&](const std::string& k) {
        return to_upper(k) == f.code || k == f.name || to_upper(k) == f.name;
    });
}

std::string optional_text(const std::string& s) { return s; }

}  // namespace

std::vector<Finding> all_findings(const LogReport& report) {
    std::vector<Finding> out;
    if (report.root_cause) out.push_back(*report.root_cause);
    out.insert(out.end(), report.findings.begin(), report.findings.end());
    return out;
}

void drop_ignored(LogReport& report, const std::vector<std::string>& ignore) {
    if (ignore.empty()) return;
    if (report.root_cause && matches_key(*report.root_cause, ignore)) report.root_cause.reset();
    std::erase_if(report.findings, [&](const Finding& f) { return matches_key(f, ignore); });
}

std::string format_log_report_text(const LogReport& report, std::string_view input, const Style& style,
                                   bool show_explanation) {
    std::string out;
    if (report.root_cause) {
        out += style.bold("root cause") + "\n";
        out += format_finding_text(*report.root_cause, style, show_explanation);
    }
    if (!report.findings.empty()) {
        if (!out.empty()) out += "\n";
        out += style.bold(report.root_cause ? fmt::format("other findings ({})", report.findings.size())
                                            : fmt::format("findings ({})", report.findings.size())) + "\n";
        for (const auto& f : report.findings) out += format_finding_text(f, style, show_explanation);
    }
    if (!report.root_cause && report.findings.empty()) {
        out += fmt::format("{}: no problems found\n", input);
    }
    // One line about the run.
    std::vector<std::string> parts;
    parts.push_back(fmt::format("outcome {}", to_string(report.run.outcome)));
    if (report.run.phase != Phase::unknown) parts.push_back(fmt::format("phase {}", to_string(report.run.phase)));
    if (!report.run.trt_version.empty()) parts.push_back("TensorRT " + report.run.trt_version);
    if (!report.run.gpu.empty()) parts.push_back("GPU " + report.run.gpu);
    parts.push_back(fmt::format("{} lines", report.lines));
    if (report.truncated_lines > 0) {
        parts.push_back(fmt::format("{} over-long lines cut", report.truncated_lines));
    }
    out += "\n" + style.dim(fmt::format("run: {}", fmt::join(parts, ", "))) + "\n";
    return out;
}

std::string log_report_json(const LogReport& report, std::string_view input,
                            const std::vector<ToolError>& errors) {
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    w.field("input", input);
    w.key("run").begin_object();
    w.field("outcome", to_string(report.run.outcome));
    w.field("phase", to_string(report.run.phase));
    w.key("trt_version");
    if (report.run.trt_version.empty()) w.null(); else w.value(optional_text(report.run.trt_version));
    w.key("gpu");
    if (report.run.gpu.empty()) w.null(); else w.value(optional_text(report.run.gpu));
    w.end_object();
    w.key("root_cause");
    if (report.root_cause) write_log_finding(w, *report.root_cause); else w.null();
    w.key("findings").begin_array();
    for (const auto& f : report.findings) write_log_finding(w, f);
    w.end_array();
    std::uint64_t by_severity[3] = {0, 0, 0};
    for (const auto& f : all_findings(report)) ++by_severity[static_cast<int>(f.severity)];
    w.key("counts").begin_object();
    w.field("lines", report.lines);
    w.field("truncated_lines", report.truncated_lines);
    w.field("findings", static_cast<std::uint64_t>(report.findings.size() + (report.root_cause ? 1 : 0)));
    w.field("errors", by_severity[2]);
    w.field("warnings", by_severity[1]);
    w.field("infos", by_severity[0]);
    w.end_object();
    w.key("errors").begin_array();
    for (const auto& e : errors) write_tool_error_json(w, e);
    w.end_array();
    w.end_object();
    out += "\n";
    return out;
}

std::string log_report_sarif(const LogReport& report, const std::vector<ToolError>& errors) {
    const auto findings = all_findings(report);
    return sarif_document("trtdoctor logs", findings, errors) + "\n";
}

}  // namespace trtdoctor::log

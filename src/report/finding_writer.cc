#include "report/finding_writer.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdio>
#include <set>

#include "core/catalogue.h"
#include "core/version.h"

#ifndef TRTDOCTOR_DOCS_URL
#define TRTDOCTOR_DOCS_URL "https://github.com/trtdoctor/trtdoctor/blob/main/docs/diagnoses"
#endif

namespace trtdoctor {

namespace {

std::string location_text(const Location& loc) {
    std::string s = loc.path;
    if (loc.line) s += fmt::format(":{}", *loc.line);
    else if (loc.byte_offset) s += fmt::format(":@{}", *loc.byte_offset);
    return s;
}

// The first line gets `prefix`, the following ones are aligned under its text.
std::string indent_lines(std::string_view text, std::string_view prefix, std::size_t width) {
    std::string out;
    std::size_t start = 0;
    bool first = true;
    while (start <= text.size()) {
        const auto nl = text.find('\n', start);
        const auto line = text.substr(start, nl == std::string_view::npos ? text.npos : nl - start);
        out += first ? std::string(prefix) : std::string(width, ' ');
        first = false;
        out += line;
        out += '\n';
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    return out;
}

}  // namespace

std::string format_finding_text(const Finding& f, const Style& style, bool show_explanation) {
    std::string where;
    if (!f.evidence.empty()) where = location_text(f.evidence.front().where);
    std::string out;
    if (!where.empty()) out += style.bold(where + ":") + " ";
    out += style.severity(f.severity) + ": " + style.bold(f.summary) + " " +
           style.dim(fmt::format("[{} {}]", f.code, f.name)) + "\n";
    for (const auto& ev : f.evidence) {
        std::string loc = location_text(ev.where);
        std::string line = ev.what;
        if (ev.where.line && !loc.empty()) loc = fmt::format("line {}", *ev.where.line);
        else if (ev.where.byte_offset) loc = fmt::format("byte {}", *ev.where.byte_offset);
        else loc.clear();
        out += "    " + style.dim(loc.empty() ? "|" : loc + " |") + " " + line + "\n";
    }
    if (show_explanation && !f.explanation.empty()) {
        out += indent_lines(f.explanation, "  " + style.cyan("why:") + " ", 7);
    }
    if (!f.fix.empty()) {
        const std::string label = style.green("fix:");
        out += indent_lines(f.fix, "  " + label + " ", 7);
    }
    out += "  " + style.dim(fmt::format("see: trtdoctor explain {}", f.code)) + "\n";
    return out;
}

std::string format_tool_error_text(const ToolError& e, const Style& style) {
    return fmt::format("trtdoctor: {}: {}\n", style.red("error"), e.to_string());
}

void write_finding_json(JsonWriter& w, const Finding& f) {
    w.begin_object();
    w.field("code", f.code);
    w.field("name", f.name);
    w.field("severity", to_string(f.severity));
    w.field("summary", f.summary);
    w.field("explanation", f.explanation);
    w.field("fix", f.fix);
    w.key("evidence").begin_array();
    for (const auto& ev : f.evidence) {
        w.begin_object();
        w.field("path", ev.where.path);
        w.field("byte_offset", ev.where.byte_offset);
        w.field("line", ev.where.line);
        w.field("text", ev.what);
        w.end_object();
    }
    w.end_array();
    w.key("facts").begin_object();
    for (const auto& [k, v] : f.facts) w.field(k, v);
    w.end_object();
    w.end_object();
}

void write_tool_error_json(JsonWriter& w, const ToolError& e) {
    w.begin_object();
    w.field("code", to_string(e.code));
    w.field("input", e.input);
    w.field("message", e.message);
    w.field("offset", e.offset);
    w.field("line", e.line);
    w.end_object();
}

namespace {

std::string sarif_level(Severity s) {
    switch (s) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::info: return "note";
    }
    return "error";
}

// SARIF artifact URIs are URI references: escape what a path may hold that a URI cannot.
std::string path_to_uri(std::string_view path) {
    std::string out;
    for (const char ch : path) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || std::string_view("/-._~").find(ch) != std::string_view::npos) {
            out += ch;
        } else {
            out += fmt::format("%{:02X}", c);
        }
    }
    return out;
}

}  // namespace

std::string sarif_document(std::string_view command, std::span<const Finding> findings,
                           std::span<const ToolError> errors) {
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    w.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    w.field("version", "2.1.0");
    w.key("runs").begin_array().begin_object();

    // Rules: every catalogue entry that a result refers to, in code order.
    std::set<std::string> used;
    for (const auto& f : findings) used.insert(f.code);
    std::vector<std::string> rule_ids(used.begin(), used.end());
    w.key("tool").begin_object().key("driver").begin_object();
    w.field("name", "trtdoctor");
    w.field("version", tool_version());
    w.field("informationUri", "https://github.com/trtdoctor/trtdoctor");
    w.key("rules").begin_array();
    for (const auto& id : rule_ids) {
        const Diagnosis* d = Catalogue::builtin().by_code(id);
        w.begin_object();
        w.field("id", id);
        w.field("name", d ? d->name : std::string());
        w.key("shortDescription").begin_object().field("text", d ? d->title : id).end_object();
        if (d && !d->explanation.empty()) {
            w.key("fullDescription").begin_object().field("text", d->explanation).end_object();
        }
        w.field("helpUri", fmt::format("{}/{}.md", TRTDOCTOR_DOCS_URL, id));
        if (d && !d->page.empty()) {
            w.key("help").begin_object().field("text", d->page).field("markdown", d->page)
                .end_object();
        }
        w.key("defaultConfiguration").begin_object()
            .field("level", d ? sarif_level(d->severity) : "error").end_object();
        w.key("properties").begin_object().field("taxonomyName", d ? d->name : "").end_object();
        w.end_object();
    }
    w.end_array().end_object().end_object();

    w.key("invocations").begin_array().begin_object();
    w.field("commandLine", command);
    w.field("executionSuccessful", errors.empty());
    w.key("toolExecutionNotifications").begin_array();
    for (const auto& e : errors) {
        w.begin_object();
        w.field("level", "error");
        w.key("message").begin_object().field("text", e.to_string()).end_object();
        w.key("descriptor").begin_object().field("id", to_string(e.code)).end_object();
        if (!e.input.empty() && e.input != "<stdin>") {
            w.key("locations").begin_array().begin_object().key("physicalLocation").begin_object()
                .key("artifactLocation").begin_object().field("uri", path_to_uri(e.input))
                .end_object().end_object().end_object().end_array();
        }
        w.end_object();
    }
    w.end_array().end_object().end_array();

    w.key("results").begin_array();
    for (const auto& f : findings) {
        w.begin_object();
        w.field("ruleId", f.code);
        std::size_t index = 0;
        for (std::size_t i = 0; i < rule_ids.size(); ++i) {
            if (rule_ids[i] == f.code) index = i;
        }
        w.field("ruleIndex", static_cast<std::uint64_t>(index));
        w.field("level", sarif_level(f.severity));
        std::string text = f.summary;
        if (!f.fix.empty()) text += "\nFix: " + f.fix;
        w.key("message").begin_object().field("text", text).end_object();
        w.key("locations").begin_array();
        for (const auto& ev : f.evidence) {
            if (ev.where.path.empty()) continue;
            w.begin_object().key("physicalLocation").begin_object();
            w.key("artifactLocation").begin_object()
                .field("uri", path_to_uri(ev.where.path == "<stdin>" ? "stdin" : ev.where.path))
                .end_object();
            if (ev.where.line || ev.where.byte_offset) {
                w.key("region").begin_object();
                if (ev.where.line) w.field("startLine", *ev.where.line);
                if (ev.where.byte_offset) w.field("byteOffset", *ev.where.byte_offset);
                if (!ev.what.empty()) w.key("snippet").begin_object().field("text", ev.what)
                                          .end_object();
                w.end_object();
            }
            w.end_object().end_object();
        }
        w.end_array();
        w.key("properties").begin_object();
        w.field("name", f.name);
        for (const auto& [k, v] : f.facts) w.field(k, v);
        w.end_object();
        w.end_object();
    }
    w.end_array();
    w.end_object().end_array();
    w.end_object();
    return out;
}

bool write_stdout(std::string_view text) {
    if (text.empty()) return true;
    const std::size_t n = std::fwrite(text.data(), 1, text.size(), stdout);
    return n == text.size();
}

}  // namespace trtdoctor

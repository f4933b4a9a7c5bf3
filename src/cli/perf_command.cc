// `trtdoctor perf RUN` and `trtdoctor perf compare BASE NEW`: trtexec performance output
// read, judged and compared; text, JSON, SARIF and an HTML page.
#include <cstdio>
#include <fstream>

#include <fmt/format.h>

#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "perf/analysis.h"
#include "perf/compare.h"
#include "perf/log_reader.h"
#include "perf/perf_report.h"
#include "report/finding_writer.h"
#include "report/output.h"

namespace trtdoctor::cli {
namespace {

using namespace trtdoctor::perf;

constexpr const char* k_epilog =
    "A run is a trtexec log and/or its JSON exports (--exportProfile, --exportTimes,\n"
    "--exportLayerInfo), recognised by content. In 'compare', join the files of one run\n"
    "with commas: trtdoctor perf compare base.log,base.profile.json new.log,new.profile.json\n"
    "\n"
    "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it (a regression\n"
    "beyond --max-regression, runs under different conditions), 2 an input could not be\n"
    "read, 3 wrong usage. Details: docs/perf.md.\n";

/// "5", "5%", "0.05"? Values are percent: "5" and "5%" both mean 5%.
std::optional<double> parse_percent(std::string text) {
    if (!text.empty() && text.back() == '%') text.pop_back();
    auto v = parse_number(text);
    if (!v || *v < 0 || *v > 10000) return std::nullopt;
    return *v / 100.0;
}

std::optional<std::size_t> parse_count(const std::string& text) {
    auto v = parse_number(text);
    if (!v || *v < 0 || *v > 1e6 || *v != static_cast<double>(static_cast<std::size_t>(*v))) return std::nullopt;
    return static_cast<std::size_t>(*v);
}

std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= s.size()) {
        auto c = s.find(',', pos);
        auto part = s.substr(pos, c == std::string::npos ? std::string::npos : c - pos);
        if (!part.empty()) out.push_back(part);
        if (c == std::string::npos) break;
        pos = c + 1;
    }
    return out;
}

int report_error(const ToolError& e, const CommonOptions& common, const char* command) {
    std::fputs(format_tool_error_text(e, Style(common.color_stderr)).c_str(), stderr);
    if (common.output_format == OutputFormat::json) {
        std::string out;
        JsonWriter w(out);
        w.begin_object().field("command", command).key("errors").begin_array();
        write_tool_error_json(w, e);
        w.end_array().key("findings").begin_array().end_array().end_object();
        write_stdout(out + "\n");
    } else if (common.output_format == OutputFormat::sarif) {
        write_stdout(sarif_document(command, {}, std::span<const ToolError>(&e, 1)) + "\n");
    }
    return exit_input_error;
}

bool write_html(const std::string& path, const std::string& html) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << html;
    out.close();
    if (!out) {
        std::fputs(fmt::format("trtdoctor perf: error: cannot write the HTML page to '{}'\n", path).c_str(), stderr);
        return false;
    }
    return true;
}

}  // namespace

int run_perf(CommandArgs args) {
    const bool compare = !args.empty() && args.front() == "compare";
    if (compare) args = args.subspan(1);
    const char* command = compare ? "perf compare" : "perf";

    CommonOptions common;
    std::vector<std::string> inputs;
    std::string top = "10", segment = "0", html, max_regression = "10", max_memory = "10";
    bool allow_different = false;
    ArgParser p(compare ? "perf compare" : "perf",
                compare ? "perf compare [options] BASE NEW" : "perf [options] FILE...  |  perf compare BASE NEW",
                compare ? "Compare two trtexec runs: conditions first (refused when they differ), then\n"
                          "per-metric deltas, layers matched by name (new, removed, slower, faster) and\n"
                          "memory. A slowdown beyond --max-regression is LATENCY_REGRESSION, naming the\n"
                          "layers responsible. BASE and NEW are comma-separated file lists."
                        : "Read one trtexec run (a log and/or its JSON exports): throughput, latency and\n"
                          "GPU compute percentiles, enqueue- and transfer-bound judgements, stability,\n"
                          "the slowest layers with share and cumulative share, time per layer type,\n"
                          "reformat cost, layers left in FP32, tactics without tensor cores, memory.\n"
                          "'-' reads a log from standard input.");
    add_common_options(p, common);
    p.option("top", 'n', "N", &top, "layers to list (default 10)");
    p.option("segment", 0, "N", &segment,
             "which run to use when a log or export holds several back to back (1-based; default: the last)");
    p.option("html", 0, "FILE", &html, "also write a self-contained HTML page with charts to FILE");
    if (compare) {
        p.option("max-regression", 0, "PERCENT", &max_regression,
                 "slowdown of the gate metric allowed before LATENCY_REGRESSION (default 10)");
        p.option("max-memory-growth", 0, "PERCENT", &max_memory,
                 "memory growth allowed before MEMORY_REGRESSION (default 10)");
        p.flag("allow-different-conditions", 0, &allow_different,
               "compare even when TensorRT version, GPU, precision, shapes or streams differ");
        p.positionals(&inputs, "BASE and NEW", 2, 2);
    } else {
        p.positionals(&inputs, "FILE", 1);
    }
    p.epilog(k_epilog);
    if (auto rc = p.parse(args)) return *rc;
    if (auto rc = resolve_common_options(command, common)) return *rc;

    auto top_n = parse_count(top);
    if (!top_n || *top_n == 0) return usage_failure(command, fmt::format("--top wants a positive count, not '{}'", top));
    auto seg = parse_count(segment);
    if (!seg) return usage_failure(command, fmt::format("--segment wants a run number, not '{}'", segment));
    LoadOptions load;
    load.segment = *seg;
    Style style(common.color_stdout);

    if (!compare) {
        std::vector<std::string> files;
        for (const auto& in : inputs) {
            for (auto& f : split_commas(in)) files.push_back(std::move(f));
        }
        if (files.empty()) return usage_failure(command, "no input file");
        auto run = load_run(files, load);
        if (!run) return report_error(run.error(), common, command);
        auto analysis = analyse_run(*run);
        if (!html.empty() && !write_html(html, run_html(*run, analysis, *top_n))) return exit_input_error;
        std::string out;
        if (common.output_format == OutputFormat::text) {
            out = run_text(*run, analysis, style, *top_n);
        } else if (common.output_format == OutputFormat::json) {
            JsonWriter w(out);
            run_json(w, *run, analysis, *top_n);
            out += "\n";
        } else {
            out = sarif_document(command, analysis.findings, {}) + "\n";
        }
        write_stdout(out);
        return exit_code_for(analysis.findings, common.threshold, false);
    }

    auto max_reg = parse_percent(max_regression);
    if (!max_reg) return usage_failure(command, fmt::format("--max-regression wants a percentage, not '{}'", max_regression));
    auto max_mem = parse_percent(max_memory);
    if (!max_mem) return usage_failure(command, fmt::format("--max-memory-growth wants a percentage, not '{}'", max_memory));
    auto base_files = split_commas(inputs[0]);
    auto new_files = split_commas(inputs[1]);
    if (base_files.empty() || new_files.empty()) return usage_failure(command, "BASE and NEW each need at least one file");
    auto base = load_run(base_files, load);
    if (!base) return report_error(base.error(), common, command);
    auto now = load_run(new_files, load);
    if (!now) return report_error(now.error(), common, command);

    CompareOptions options;
    options.max_regression = *max_reg;
    options.max_memory_growth = *max_mem;
    options.allow_different_conditions = allow_different;
    auto cmp = compare_runs(*base, *now, options);
    if (!html.empty()) {
        auto ba = analyse_run(*base), na = analyse_run(*now);
        if (!write_html(html, compare_html(*base, *now, ba, na, cmp, *top_n))) return exit_input_error;
    }
    std::string out;
    if (common.output_format == OutputFormat::text) {
        out = compare_text(*base, *now, cmp, style, *top_n);
    } else if (common.output_format == OutputFormat::json) {
        JsonWriter w(out);
        compare_json(w, *base, *now, cmp, *top_n);
        out += "\n";
    } else {
        out = sarif_document(command, cmp.findings, {}) + "\n";
    }
    write_stdout(out);
    return exit_code_for(cmp.findings, common.threshold, false);
}

}  // namespace trtdoctor::cli

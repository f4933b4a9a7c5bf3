// `trtdoctor logs FILE|-`: read a TensorRT (or wrapper) log, name its root cause with the
// evidence lines and a specific fix, then the other findings.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>

#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "core/catalogue.h"
#include "core/text.h"
#include "log/log_config.h"
#include "log/log_scan.h"
#include "log/matcher.h"
#include "report/finding_writer.h"
#include "report/output.h"
#if TRTDOCTOR_LOG_DIAGNOSER
#include "log/log_output.h"
#endif

namespace trtdoctor::cli {

namespace {

constexpr std::uint64_t k_progress_threshold = std::uint64_t{64} << 20;

/// A one-line progress bar on stderr, redrawn at most ten times a second.
class ProgressBar {
public:
    void update(std::uint64_t done, std::uint64_t total) {
        const auto now = std::chrono::steady_clock::now();
        if (m_started && now - m_last < std::chrono::milliseconds(100)) return;
        if (!m_started) m_start = now;
        m_started = true;
        m_last = now;
        const double share = total ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
        const int width = 30;
        const int filled = static_cast<int>(share * width);
        const double seconds = std::chrono::duration<double>(now - m_start).count();
        const double rate = seconds > 0.05 ? static_cast<double>(done) / seconds / 1e6 : 0.0;
        std::string bar(static_cast<std::size_t>(std::clamp(filled, 0, width)), '#');
        bar.resize(width, '.');
        std::fprintf(stderr, "\r\x1b[2Kreading [%s] %3d%% %s of %s  %.0f MB/s", bar.c_str(),
                     static_cast<int>(share * 100), human_bytes(done).c_str(), human_bytes(total).c_str(), rate);
        std::fflush(stderr);
    }
    ~ProgressBar() {
        if (m_started) {
            std::fputs("\r\x1b[2K", stderr);
            std::fflush(stderr);
        }
    }

private:
    bool m_started = false;
    std::chrono::steady_clock::time_point m_start, m_last;
};

bool given(CommandArgs args, std::string_view option) {
    for (const auto& a : args) {
        if (a == option || a.starts_with(std::string(option) + "=")) return true;
    }
    return false;
}

int report_tool_error(const ToolError& e, const CommonOptions& common, const std::string& input) {
#if TRTDOCTOR_LOG_DIAGNOSER
    if (common.output_format == OutputFormat::json) {
        write_stdout(log::log_report_json(log::LogReport{}, input, {e}));
        return exit_input_error;
    }
    if (common.output_format == OutputFormat::sarif) {
        write_stdout(log::log_report_sarif(log::LogReport{}, {e}));
        return exit_input_error;
    }
#else
    (void)input;
#endif
    std::fputs(format_tool_error_text(e, Style(common.color_stderr)).c_str(), stderr);
    return exit_input_error;
}

}  // namespace

int run_logs(CommandArgs args) {
    CommonOptions common;
    std::vector<std::string> inputs;
    std::vector<std::string> ignore;
    std::string config_path;
    std::string max_line;
    bool dump_patterns = false;
    bool explain = false;
    bool no_progress = false;
    ArgParser p("logs", "logs [OPTIONS] FILE|-",
                "Read a TensorRT log (trtexec, the C++ or Python logger, Triton, ONNX Runtime,\n"
                "DeepStream, TensorRT-LLM, Polygraphy, Torch-TensorRT, jetson-inference or pasted\n"
                "text; gzip is read directly) and name the root cause of a failure with its\n"
                "evidence lines and a specific fix, then the other findings. '-' reads stdin.");
    add_common_options(p, common);
    p.repeated("ignore", 'i', "CODE|NAME", &ignore, "drop a diagnosis (repeatable)");
    p.option("config", 'c', "FILE", &config_path,
             "read FailOn, Ignore and MaxLineLength from FILE (record format, see docs/logs.md)");
    p.option("max-line-length", 0, "BYTES", &max_line,
             "cut longer lines to BYTES (default 65536); cut lines are counted");
    p.flag("explain", 0, &explain, "also print why each finding matters");
    p.flag("no-progress", 0, &no_progress, "never draw the progress bar");
    p.flag("dump-patterns", 0, &dump_patterns,
           "print every catalogue Pattern, one per line, and exit (for benchmarks)");
    p.positionals(&inputs, "FILE", 0, 1);
    p.epilog("Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,\n"
             "2 the log could not be read (missing, binary, corrupt gzip), 3 wrong usage.\n"
             "Example: trtdoctor logs --format json build.log");
    if (auto rc = p.parse(args)) return *rc;
    if (auto rc = resolve_common_options("logs", common)) return *rc;

    auto matcher = log::Matcher::builtin();
    if (!matcher) return report_tool_error(matcher.error(), common, "catalogue");
    if (dump_patterns) {
        std::string out;
        for (const auto& pattern : matcher->patterns()) out += pattern + "\n";
        write_stdout(out);
        return exit_ok;
    }
    if (inputs.empty()) return usage_failure("logs", "a log file (or '-' for stdin) is required");
    const std::string& input = inputs.front();

    log::ScanOptions options;
    if (!config_path.empty()) {
        auto config = log::load_log_config(config_path);
        if (!config) return report_tool_error(config.error(), common, input);
        if (config->fail_on && !given(args, "--fail-on")) {
            common.fail_on = *config->fail_on;
            common.threshold = *parse_fail_on(common.fail_on);
        }
        options.ignore = config->ignore;
        if (config->max_line_length) options.reader.max_line_length = *config->max_line_length;
    }
    for (const auto& key : ignore) {
        if (Catalogue::builtin().lookup(key).empty()) {
            auto near = suggest_diagnoses(key);
            std::string hint;
            if (!near.empty()) hint = fmt::format(" (did you mean {}?)", fmt::join(near, ", "));
            return usage_failure("logs", fmt::format("--ignore: no diagnosis '{}'{}", key, hint));
        }
        options.ignore.push_back(key);
    }
    if (!max_line.empty()) {
        std::size_t n = 0;
        const auto res = std::from_chars(max_line.data(), max_line.data() + max_line.size(), n);
        if (res.ec != std::errc() || res.ptr != max_line.data() + max_line.size() || n < 80 ||
            n > (std::size_t{1} << 20)) {
            return usage_failure("logs", "--max-line-length must be a number from 80 to 1048576");
        }
        options.reader.max_line_length = n;
    }

    ProgressBar bar;
    if (!no_progress && isatty(STDERR_FILENO)) {
        options.progress = [&bar](std::uint64_t done, std::optional<std::uint64_t> total) {
            if (total && *total > k_progress_threshold) bar.update(done, *total);
        };
    }

#if TRTDOCTOR_LOG_DIAGNOSER
    auto report = log::diagnose_log(input, *matcher, options);
    if (!report) return report_tool_error(report.error(), common, input);
    log::drop_ignored(*report, options.ignore);
    const std::string label = input == "-" ? "<stdin>" : input;
    switch (common.output_format) {
        case OutputFormat::text:
            write_stdout(log::format_log_report_text(*report, label, Style(common.color_stdout), explain));
            break;
        case OutputFormat::json: write_stdout(log::log_report_json(*report, label, {})); break;
        case OutputFormat::sarif: write_stdout(log::log_report_sarif(*report, {})); break;
    }
    const auto findings = log::all_findings(*report);
    return exit_code_for(findings, common.threshold, false);
#else
    (void)explain;
    return report_tool_error(ToolError{ErrorCode::unsupported, input, "this build has no log diagnoser yet",
                                       std::nullopt, std::nullopt},
                             common, input);
#endif
}

}  // namespace trtdoctor::cli

// `trtdoctor env`: the machine as TensorRT sees it, as a checklist, JSON or SARIF, with the
// findings that keep engines from loading here.
#include <fmt/format.h>

#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "core/catalogue.h"
#include "probe/machine_probe.h"
#include "probe/machine_report.h"
#include "probe/machine_rules.h"
#include "report/finding_writer.h"
#include "report/json_writer.h"

namespace trtdoctor::cli {

int run_env(CommandArgs args) {
    CommonOptions common;
    std::string trtexec, timeout_ms = "5000";
    bool no_trtexec = false;
    ArgParser p("env", "env [--format text|json|sarif] [--trtexec PATH] [--timeout-ms N]",
                "Show the machine as TensorRT sees it: NVIDIA driver and CUDA version, every GPU\n"
                "(compute capability, memory, MIG, processes), the TensorRT and CUDA libraries\n"
                "the dynamic loader would find, trtexec, and container settings; then the\n"
                "findings that would keep engines from loading. Needs no CUDA or TensorRT\n"
                "installed: the driver libraries are opened at run time if present.");
    add_common_options(p, common);
    p.option("trtexec", 0, "PATH", &trtexec, "the trtexec to report (default: the one on PATH)");
    p.flag("no-trtexec", 0, &no_trtexec, "do not run trtexec --help to read its version");
    p.option("timeout-ms", 0, "N", &timeout_ms, "longest wait on the NVIDIA driver (default 5000)");
    p.epilog("Exit codes: 0 no finding at or above --fail-on, 1 findings, 3 usage.");
    if (auto rc = p.parse(args)) return *rc;
    if (auto rc = resolve_common_options("env", common)) return *rc;
    char* end = nullptr;
    const long ms = std::strtol(timeout_ms.c_str(), &end, 10);
    if (end == timeout_ms.c_str() || *end != '\0' || ms < 1 || ms > 600000) {
        return usage_failure("env", fmt::format("--timeout-ms wants 1..600000, got '{}'", timeout_ms));
    }

    probe::ProbeOptions options;
    options.driver_deadline = std::chrono::milliseconds(ms);
    options.trtexec_path = trtexec;
    options.find_trtexec = !no_trtexec;
    const probe::MachineFacts machine = probe::probe_machine(options);
    const std::vector<Finding> findings = probe::machine_findings(machine);

    std::string out;
    if (common.output_format == OutputFormat::text) {
        Style style(common.color_stdout);
        out += probe::format_machine_checklist(machine, style);
        if (!findings.empty()) out += "\n";
        for (const auto& f : findings) out += format_finding_text(f, style) + "\n";
        if (findings.empty()) out += "\nNo problem found.\n";
    } else if (common.output_format == OutputFormat::json) {
        JsonWriter w(out);
        w.begin_object();
        w.key("machine");
        probe::write_machine_json(w, machine);
        w.key("findings").begin_array();
        for (const auto& f : findings) write_finding_json(w, f);
        w.end_array();
        w.end_object();
        out += "\n";
    } else {
        out = sarif_document("env", findings, {});
    }
    write_stdout(out);
    return exit_code_for(findings, common.threshold, false);
}

}  // namespace trtdoctor::cli

// `trtdoctor check ENGINE...`: will each engine load on this machine? inspect + env + the
// engine rules; a verdict (valid, suboptimal, invalid) per engine and per GPU, every reason a
// finding with evidence and a fix. Exit 0 all valid, 1 suboptimal or invalid, 2 unreadable.
#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>

#include "check/engine_check.h"
#include "check/plugin_load.h"
#include "check/storage_wait.h"
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "manifest/check_integration.h"
#include "core/catalogue.h"
#include "log/log_scan.h"
#include "plan/plan_file.h"
#include "probe/machine_probe.h"
#include "probe/machine_rules.h"
#include "probe/subprocess.h"
#include "report/finding_writer.h"
#include "report/json_writer.h"

namespace trtdoctor::cli {
namespace {

using check::EngineCheck;
using check::Verdict;

struct LoadRun {
    bool ran = false;
    std::optional<int> exit_status;
    bool timed_out = false;
    std::vector<std::string> error_lines;
    std::string problem;
    std::vector<Finding> findings;  ///< what the logs engine made of trtexec's output
};

/// Diagnoses trtexec's output with the logs engine (through a private temporary file).
void diagnose_output(const std::string& output, LoadRun& r) {
#if TRTDOCTOR_LOG_DIAGNOSER
    char name[] = "/tmp/trtdoctor-load-XXXXXX";
    const int fd = mkstemp(name);
    if (fd < 0) return;
    std::size_t done = 0;
    while (done < output.size()) {
        const ssize_t n = ::write(fd, output.data() + done, output.size() - done);
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    auto matcher = log::Matcher::builtin();
    if (matcher) {
        auto report = log::diagnose_log(name, *matcher);
        if (report) {
            if (report->root_cause) r.findings.push_back(*report->root_cause);
            r.findings.insert(r.findings.end(), report->findings.begin(), report->findings.end());
            for (auto& f : r.findings) {
                for (auto& e : f.evidence) e.where.path = "trtexec output";
            }
        }
    }
    ::unlink(name);
#else
    (void)output;
    (void)r;
#endif
}

/// Runs trtexec --loadEngine on the engine; keeps its ERROR lines as evidence.
LoadRun run_trtexec_load(const std::string& trtexec, const std::string& engine) {
    LoadRun r;
    if (trtexec.empty()) {
        r.problem = "trtexec is not on PATH (use --trtexec PATH)";
        return r;
    }
    auto res = probe::run_command({trtexec, "--loadEngine=" + engine, "--skipInference", "--verbose"},
                                  std::chrono::milliseconds(120000), 16 << 20);
    r.ran = res.started;
    r.timed_out = res.timed_out;
    r.exit_status = res.exit_status;
    if (!res.started) r.problem = res.error;
    std::size_t pos = 0;
    while (pos < res.output.size() && r.error_lines.size() < 20) {
        std::size_t eol = res.output.find('\n', pos);
        if (eol == std::string::npos) eol = res.output.size();
        std::string line = res.output.substr(pos, eol - pos);
        if (line.find("[E]") != std::string::npos || line.find("ERROR") != std::string::npos) {
            r.error_lines.push_back(line.substr(0, 400));
        }
        pos = eol + 1;
    }
    if (res.started) diagnose_output(res.output, r);
    return r;
}

bool valid_shape(const std::string& s) {
    const std::size_t colon = s.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 >= s.size()) return false;
    std::string dims = s.substr(colon + 1);
    bool digit = false;
    for (char c : dims) {
        if (c >= '0' && c <= '9') digit = true;
        else if (c == 'x' && digit) digit = false;
        else return false;
    }
    return digit;
}

}  // namespace

int run_check(CommandArgs args) {
    CommonOptions common;
    std::vector<std::string> engines, plugins, shapes;
    std::string device, sha256, wait, trtexec, manifest_opt;
    bool no_hash = false, load = false;
    ArgParser p("check", "check ENGINE... [--device N] [--sha256 HEX] [--plugins LIB]... [--wait S] [--load]",
                "Will each engine load on this machine? Reads the plan header (as inspect does),\n"
                "probes the machine (as env does) and compares them: TensorRT version, GPU\n"
                "architecture and integrated flag, memory, driver, file integrity and plugins.\n"
                "Verdict per engine and per GPU: valid, suboptimal or invalid, every reason with\n"
                "its taxonomy name, evidence and fix. ENGINE may be - for stdin.");
    // check's verdict contract: suboptimal exits 1 as invalid does, so warnings count by default.
    common.fail_on = "warning";
    add_common_options(p, common);
    p.positionals(&engines, "ENGINE", 1);
    p.option("device", 0, "N", &device, "only this GPU (CUDA ordinal)");
    p.option("sha256", 0, "HEX", &sha256, "the expected SHA-256 of the file (one engine)");
    p.flag("no-hash", 0, &no_hash, "read only the header, do not hash the whole file");
    p.repeated("plugins", 0, "LIB", &plugins, "a plugin library the engine needs; checked by loading it");
    p.repeated("shape", 0, "NAME:DIMS", &shapes, "an input shape to check, e.g. input:1x3x224x224");
    p.option("wait", 0, "SECONDS", &wait, "wait until the file exists and stops growing (storage not ready)");
    p.option("trtexec", 0, "PATH", &trtexec, "the trtexec for --load (default: on PATH)");
    p.flag("load", 0, &load, "also run trtexec --loadEngine --skipInference on each engine");
    p.option("manifest", 0, "FILE",
             &manifest_opt, "the engine's manifest (default: ENGINE.manifest.json beside it)");
    p.epilog("Exit codes: 0 every engine valid, 1 suboptimal or invalid, 2 an engine could not\n"
             "be read, 3 usage. For check, --fail-on defaults to warning (suboptimal exits 1);\n"
             "--fail-on error exits 1 only for invalid engines.");
    if (auto rc = p.parse(args)) return *rc;
    if (auto rc = resolve_common_options("check", common)) return *rc;

    check::CheckOptions options;
    if (!device.empty()) {
        char* end = nullptr;
        long n = std::strtol(device.c_str(), &end, 10);
        if (end == device.c_str() || *end != '\0' || n < 0 || n > 1023) {
            return usage_failure("check", fmt::format("--device wants a GPU index, got '{}'", device));
        }
        options.device = static_cast<int>(n);
    }
    if (!sha256.empty()) {
        if (sha256.size() != 64 || sha256.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
            return usage_failure("check", "--sha256 wants 64 hexadecimal digits");
        }
        if (no_hash) return usage_failure("check", "--sha256 needs the whole file hashed: drop --no-hash");
        if (engines.size() != 1) return usage_failure("check", "--sha256 applies to one engine at a time");
        options.expected_sha256 = sha256;
    }
    for (const auto& s : shapes) {
        if (!valid_shape(s)) {
            return usage_failure("check", fmt::format("--shape wants NAME:DIMS like input:1x3x224x224, got '{}'", s));
        }
    }
    std::chrono::milliseconds wait_limit{0};
    if (!wait.empty()) {
        char* end = nullptr;
        double secs = std::strtod(wait.c_str(), &end);
        if (end == wait.c_str() || *end != '\0' || !(secs >= 0) || secs > 86400) {
            return usage_failure("check", fmt::format("--wait wants seconds (0..86400), got '{}'", wait));
        }
        wait_limit = std::chrono::milliseconds(static_cast<long>(secs * 1000));
    }

    probe::ProbeOptions popts;
    popts.trtexec_path = trtexec;
    popts.find_trtexec = load;
    // NVML answers in milliseconds where cuInit takes 100-300 ms; NVML ignores
    // CUDA_VISIBLE_DEVICES, so the CUDA view is kept when that is set.
    popts.nvml_first = std::getenv("CUDA_VISIBLE_DEVICES") == nullptr;
    const probe::MachineFacts machine = probe::probe_machine(popts);
    std::vector<Finding> machine_fs = probe::machine_findings(machine);

    std::vector<Finding> plugin_fs;
    for (const auto& lib : plugins) {
        auto r = check::try_load_plugin(lib);
        if (!r.loaded) plugin_fs.push_back(check::plugin_finding(lib, r));
    }

    std::vector<EngineCheck> results;
    std::vector<ToolError> errors;
    std::vector<LoadRun> loads;
    std::vector<std::string> shapes_unchecked;  // engines with no manifest to hold profiles
    for (const auto& path : engines) {
        std::vector<Finding> wait_fs;
        if (wait_limit.count() > 0 && path != "-") {
            auto w = check::wait_for_stable_file(path, wait_limit);
            if (w.exists && !w.stable) {
                Finding f = make_finding("TD3060");
                f.summary = fmt::format("{} was still changing size after waiting {:.1f} s (last size {} bytes)",
                                        path, static_cast<double>(w.waited.count()) / 1000, w.size);
                f.add_evidence(Location{path, {}, {}}, fmt::format("{} polls, size {}", w.polls, w.size));
                wait_fs.push_back(std::move(f));
            } else if (!w.exists) {
                errors.push_back(ToolError{ErrorCode::timeout, path,
                                           fmt::format("still missing after waiting {:.1f} s", static_cast<double>(w.waited.count()) / 1000), {}, {}});
                continue;
            }
        }
        plan::InspectOptions iopts;
        iopts.hash = !no_hash;
        auto inspected = plan::inspect_file(path, iopts);
        if (!inspected) {
            errors.push_back(inspected.error());
            continue;
        }
        EngineCheck c = check::check_engine(*inspected, machine, options);
        // A manifest knows what the header does not: profiles, plugins, the builder's name.
        bool shapes_checked = false;
        if (path != "-") {
            auto found = manifest::find_manifest_for(path, manifest_opt);
            if (!found) {
                errors.push_back(found.error());
            } else if (*found) {
                std::vector<manifest::RequestedShape> requested;
                for (const auto& s : shapes) {
                    if (auto parsed = manifest::parse_shape_list(s)) {
                        requested.insert(requested.end(), parsed->begin(), parsed->end());
                    }
                }
                auto mfs = manifest::manifest_findings(**found, *inspected, path, requested, plugins,
                                                       !plugins.empty());
                for (const auto& f : mfs) {
                    if (f.severity == Severity::error) c.verdict = Verdict::invalid;
                }
                c.findings.insert(c.findings.end(), mfs.begin(), mfs.end());
                shapes_checked = true;
            }
        }
        if (!shapes_checked) shapes_unchecked.push_back(path);
        c.findings.insert(c.findings.begin(), wait_fs.begin(), wait_fs.end());
        c.findings.insert(c.findings.end(), plugin_fs.begin(), plugin_fs.end());
        if (!wait_fs.empty() || !plugin_fs.empty()) c.verdict = Verdict::invalid;
        if (load) {
            loads.push_back(run_trtexec_load(machine.trtexec.path, path));
            // A real TensorRT has the last word: a failed load is invalid whatever the header said.
            const auto& l = loads.back();
            if (l.ran && (l.timed_out || l.exit_status.value_or(0) != 0)) c.verdict = Verdict::invalid;
            c.findings.insert(c.findings.end(), l.findings.begin(), l.findings.end());
        }
        results.push_back(std::move(c));
    }

    std::vector<Finding> all = machine_fs;
    Verdict worst = Verdict::valid;
    for (const auto& r : results) {
        all.insert(all.end(), r.findings.begin(), r.findings.end());
        worst = std::max(worst, r.verdict);
    }

    std::string out;
    if (common.output_format == OutputFormat::text) {
        Style style(common.color_stdout);
        auto colour = [&](Verdict v) {
            std::string s(check::to_string(v));
            return v == Verdict::valid ? style.green(s) : v == Verdict::suboptimal ? style.yellow(s) : style.red(s);
        };
        for (const auto& e : errors) out += format_tool_error_text(e, style) + "\n";
        for (std::size_t i = 0; i < results.size(); ++i) {
            const auto& r = results[i];
            out += fmt::format("{} {}\n", style.bold(r.path + ":"), colour(r.verdict));
            for (const auto& g : r.gpus) {
                out += fmt::format("  GPU {} ({}): {}{}\n", g.gpu, g.name, colour(g.verdict),
                                   g.reasons.empty() ? "" : fmt::format("  [{}]", fmt::join(g.reasons, ", ")));
            }
            for (const auto& f : r.findings) out += format_finding_text(f, style) + "\n";
            if (i < loads.size()) {
                const auto& l = loads[i];
                if (!l.ran) out += fmt::format("  trtexec --load: not run: {}\n", l.problem);
                else out += fmt::format("  trtexec --load: {}\n", l.timed_out ? "timed out" : fmt::format("exit {}", l.exit_status.value_or(-1)));
                for (const auto& line : l.error_lines) out += "    " + line + "\n";
            }
        }
        if (!shapes.empty() && !shapes_unchecked.empty()) {
            out += fmt::format("note: --shape not checked for {}: the plan header does not record "
                               "optimization profiles and no manifest was found\n",
                               fmt::join(shapes_unchecked, ", "));
        }
        if (!machine_fs.empty()) out += style.bold("machine:") + "\n";
        for (const auto& f : machine_fs) out += format_finding_text(f, style) + "\n";
        if (!results.empty()) out += fmt::format("verdict: {}\n", colour(worst));
    } else if (common.output_format == OutputFormat::json) {
        JsonWriter w(out);
        w.begin_object();
        w.key("engines").begin_array();
        for (std::size_t i = 0; i < results.size(); ++i) {
            const auto& r = results[i];
            w.begin_object();
            w.field("path", r.path);
            w.field("verdict", std::string(check::to_string(r.verdict)));
            w.key("gpus").begin_array();
            for (const auto& g : r.gpus) {
                w.begin_object();
                w.field("index", g.gpu);
                w.field("name", g.name);
                w.field("verdict", std::string(check::to_string(g.verdict)));
                w.key("reasons").begin_array();
                for (const auto& c : g.reasons) w.value(c);
                w.end_array();
                w.end_object();
            }
            w.end_array();
            w.key("findings").begin_array();
            for (const auto& f : r.findings) write_finding_json(w, f);
            w.end_array();
            if (i < loads.size()) {
                const auto& l = loads[i];
                w.key("load").begin_object();
                w.field("ran", l.ran);
                w.field("exit_status", l.exit_status);
                w.field("timed_out", l.timed_out);
                w.field("problem", l.problem.empty() ? std::optional<std::string>{} : l.problem);
                w.key("error_lines").begin_array();
                for (const auto& line : l.error_lines) w.value(line);
                w.end_array();
                w.key("findings").begin_array();
                for (const auto& f : l.findings) write_finding_json(w, f);
                w.end_array();
                w.end_object();
            }
            w.end_object();
        }
        w.end_array();
        w.field("verdict", results.empty() ? std::optional<std::string>{} : std::optional<std::string>(std::string(check::to_string(worst))));
        w.key("machine_findings").begin_array();
        for (const auto& f : machine_fs) write_finding_json(w, f);
        w.end_array();
        w.key("findings").begin_array();
        for (const auto& f : all) write_finding_json(w, f);
        w.end_array();
        w.key("errors").begin_array();
        for (const auto& e : errors) write_tool_error_json(w, e);
        w.end_array();
        if (!shapes.empty() && !shapes_unchecked.empty()) {
            w.field("note", fmt::format("--shape not checked for {}: the plan header does not record "
                                        "optimization profiles and no manifest was found",
                                        fmt::join(shapes_unchecked, ", ")));
        }
        w.end_object();
        out += "\n";
    } else {
        out = sarif_document("check", all, errors);
    }
    write_stdout(out);
    if (!errors.empty()) return exit_input_error;
    // Machine-only warnings (no TensorRT here) do not change an engine's verdict.
    std::vector<Finding> engine_fs;
    for (const auto& r : results) engine_fs.insert(engine_fs.end(), r.findings.begin(), r.findings.end());
    if (worst == Verdict::valid) return exit_ok;
    return exit_code_for(engine_fs, common.threshold, false);
}

}  // namespace trtdoctor::cli

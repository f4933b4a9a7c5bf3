// `trtdoctor select DIR|FILES...`: the engine variant valid on this machine (or a stated
// target), printed as a path for scripts; every candidate's verdict with --explain.
#include <fmt/format.h>

#include "check/engine_check.h"
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "core/catalogue.h"
#include "manifest/output.h"
#include "manifest/select.h"
#include "plan/plan_file.h"
#include "probe/machine_probe.h"
#include "report/finding_writer.h"

namespace trtdoctor::cli {
namespace {

namespace mf = trtdoctor::manifest;

/// The target from this machine: the TensorRT the loader would pick and the first GPU.
mf::Target machine_target(const probe::MachineFacts& facts, std::vector<std::string>& notes) {
    mf::Target t;
    t.source = "this machine";
    const std::string trt = facts.tensorrt_version();
    if (!trt.empty() && !mf::parse_trt_target(trt, t)) notes.push_back(fmt::format("TensorRT version '{}' not understood", trt));
    if (trt.empty()) notes.push_back("no TensorRT library found here: versions not checked (give --trt)");
    if (!facts.driver.gpus.empty()) {
        const auto& g = facts.driver.gpus.front();
        t.cc_major = g.cc_major;
        t.cc_minor = g.cc_minor;
        t.gpu_name = g.name;
    } else {
        notes.push_back("no GPU visible here: compute capability not checked (give --cc)");
    }
    return t;
}

std::string table(const std::vector<mf::Candidate>& cs, std::optional<std::size_t> best, const Style& s) {
    std::string out = s.bold(fmt::format("{:<6} {:<44} {:<11} {:<4} {:<9} {}\n", "verdict", "engine", "TensorRT", "CC", "manifest", "reason"));
    for (std::size_t i = 0; i < cs.size(); ++i) {
        const auto& c = cs[i];
        const std::string verdict = best && *best == i ? s.green("chosen") : c.valid ? s.green("valid ") : s.red("no    ");
        const std::string reason = c.reasons.empty() ? (c.valid ? "fits" : "") : fmt::format("{}", fmt::join(c.reasons, "; "));
        out += fmt::format("{:<6}  {:<44} {:<11} {:<4} {:<9} {}\n", verdict, c.path, c.trt_version.empty() ? "-" : c.trt_version,
                           c.compute_capability.empty() ? "-" : c.compute_capability, c.manifest_path.empty() ? "no" : "yes", reason);
    }
    return out;
}

}  // namespace

int run_select(CommandArgs args) {
    CommonOptions common;
    std::vector<std::string> pos;
    std::string trt, cc;
    bool explain = false;
    ArgParser p("select", "select DIR|FILES... [--trt X.Y] [--cc X.Y] [--explain]",
                "From engine variants (a folder or files, with or without manifests) choose the\n"
                "one valid on this machine, or for a stated target (--trt 10.3 --cc 8.7), and\n"
                "print its path. A plan is valid when its TensorRT release and compute capability\n"
                "match the target (or its manifest records version / hardware compatibility that\n"
                "covers it), it is intact, and it matches its manifest. Among valid ones the\n"
                "closest fit wins (same patch release, same GPU, verified manifest).");
    add_common_options(p, common);
    p.positionals(&pos, "DIR or FILE", 1);
    p.option("trt", 0, "X.Y", &trt, "target TensorRT release (default: the one installed here)");
    p.option("cc", 0, "X.Y", &cc, "target compute capability (default: this machine's first GPU)");
    p.flag("explain", 0, &explain, "print the table of candidates and verdicts (stderr in text mode)");
    p.epilog("Exit codes: 0 a variant was chosen (its path on stdout), 1 none is valid (reasons\n"
             "on stderr), 2 an argument could not be read, 3 usage.\n\n"
             "Example: ENGINE=$(trtdoctor select engines/) && ./serve --engine \"$ENGINE\"");
    if (auto rc = p.parse(args)) return *rc;
    if (auto rc = resolve_common_options("select", common)) return *rc;

    mf::Target target;
    std::vector<std::string> notes;
    if (!trt.empty() && !mf::parse_trt_target(trt, target)) {
        return usage_failure("select", fmt::format("--trt wants a release like 10.3 or 8.6.1, got '{}'", trt));
    }
    if (!cc.empty() && !mf::parse_cc_target(cc, target)) {
        return usage_failure("select", fmt::format("--cc wants a compute capability like 8.7, got '{}'", cc));
    }
    std::optional<probe::MachineFacts> machine;
    if (trt.empty() || cc.empty()) {
        probe::ProbeOptions opts;
        opts.find_trtexec = false;
        machine = probe::probe_machine(opts);
        mf::Target here = machine_target(*machine, notes);
        // Keep only the notes about what was left to the machine.
        std::erase_if(notes, [&](const std::string& n) {
            return (!trt.empty() && n.find("--trt") != std::string::npos) ||
                   (!cc.empty() && n.find("--cc") != std::string::npos);
        });
        if (trt.empty()) {
            target.trt_major = here.trt_major;
            target.trt_minor = here.trt_minor;
            target.trt_patch = here.trt_patch;
        }
        if (cc.empty()) {
            target.cc_major = here.cc_major;
            target.cc_minor = here.cc_minor;
            target.gpu_name = here.gpu_name;
        }
    }
    target.source = (trt.empty() && cc.empty()) ? "this machine"
                    : fmt::format("{}{}{}", trt.empty() ? "" : "--trt " + trt, (!trt.empty() && !cc.empty()) ? " " : "",
                                  cc.empty() ? "" : "--cc " + cc);
    if (!target.trt_major && !target.cc_major) {
        return usage_failure("select", "no target: nothing is known about this machine; give --trt and --cc");
    }

    mf::Outcome o;
    auto emit = [&](int) {
        std::string err;
        write_stdout(mf::render("select", common.output_format, Style(common.color_stdout), o, err));
        if (!err.empty()) std::fputs(err.c_str(), stderr);
        return exit_code_for(o.findings, common.threshold, !o.errors.empty());
    };
    auto paths = mf::expand_candidates(pos);
    if (!paths) {
        o.errors.push_back(paths.error());
        return emit(0);
    }
    auto cands = mf::judge_all(*paths, target);
    if (machine && trt.empty() && cc.empty()) {
        // On this machine, check's verdict has the last word (driver, memory, integrated GPU...).
        for (auto& c : cands) {
            if (!c.valid) continue;
            plan::InspectOptions io;
            io.hash = false;
            auto r = plan::inspect_file(c.path, io);
            if (!r) continue;
            const auto verdict = check::check_engine(*r, *machine);
            if (verdict.verdict != check::Verdict::invalid) continue;
            c.valid = false;
            for (const auto& f : verdict.findings) {
                if (f.severity == Severity::error) c.reasons.push_back(fmt::format("check: {} [{}]", f.summary, f.code));
            }
        }
    }
    const auto best = mf::best_candidate(cands);
    const std::string target_text =
        fmt::format("{}{}{}", target.trt_major ? fmt::format("TensorRT {}.{}", *target.trt_major, *target.trt_minor) : "TensorRT any",
                    target.cc_major ? fmt::format(", CC {}.{}", *target.cc_major, *target.cc_minor) : ", any GPU",
                    target.gpu_name.empty() ? "" : fmt::format(" ({})", target.gpu_name));
    nlohmann::json jc = nlohmann::json::array();
    for (const auto& c : cands) {
        jc.push_back({{"path", c.path}, {"kind", c.kind}, {"trt_version", c.trt_version},
                      {"compute_capability", c.compute_capability}, {"gpu", c.gpu},
                      {"manifest", c.manifest_path}, {"valid", c.valid}, {"score", c.score}, {"reasons", c.reasons}});
    }
    o.payload["target"] = {{"source", target.source}, {"description", target_text}, {"notes", notes}};
    o.payload["selected"] = best ? nlohmann::json(cands[*best].path) : nlohmann::json(nullptr);
    o.payload["candidates"] = jc;

    const Style err_style(common.color_stderr);
    if (common.output_format == OutputFormat::text && explain) {
        std::string t = fmt::format("target: {} [{}]\n", target_text, target.source);
        for (const auto& n : notes) t += fmt::format("note: {}\n", n);
        t += table(cands, best, err_style);
        std::fputs(t.c_str(), stderr);
    }
    if (best) {
        o.text = cands[*best].path + "\n";
        return emit(0);
    }
    Finding f = make_finding("TD6009");
    f.summary = cands.empty() ? fmt::format("no engine file among the arguments (target {})", target_text)
                              : fmt::format("none of the {} engine variants is valid for {} [{}]", cands.size(), target_text, target.source);
    f.add_evidence({pos[0], {}, {}}, fmt::format("target: {} [{}]", target_text, target.source));
    for (const auto& c : cands) {
        f.add_evidence({c.path, {}, {}}, fmt::format("{}: {}", c.path, c.reasons.empty() ? std::string("not valid") : fmt::format("{}", fmt::join(c.reasons, "; "))));
    }
    f.add_fact("target", target_text).add_fact("candidates", std::to_string(cands.size()));
    if (common.output_format == OutputFormat::text) {
        // Reasons go to stderr so that stdout stays empty (a path or nothing) for scripts.
        std::fputs((format_finding_text(f, err_style) + "\n").c_str(), stderr);
        o.findings.push_back(std::move(f));
        return exit_code_for(o.findings, common.threshold, false);
    }
    o.findings.push_back(std::move(f));
    return emit(0);
}

}  // namespace trtdoctor::cli

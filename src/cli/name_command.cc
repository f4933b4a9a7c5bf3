// `trtdoctor name ENGINE [--rename]`: the canonical file name
// <model>_trt<major.minor>_<gpu>_<precision>.engine, from the manifest or the header.
#include <fmt/format.h>

#include <filesystem>

#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "manifest/check_integration.h"
#include "manifest/manifest.h"
#include "manifest/naming.h"
#include "manifest/output.h"
#include "plan/plan_file.h"
#include "report/finding_writer.h"

namespace trtdoctor::cli {

namespace mf = trtdoctor::manifest;

int run_name(CommandArgs args) {
    CommonOptions common;
    std::vector<std::string> pos;
    std::string manifest_path, model, precision, gpu;
    bool rename = false;
    ArgParser p("name", "name ENGINE [--rename] [--model NAME] [--precision P] [--gpu G]",
                "Print the engine's canonical file name, <model>_trt<major.minor>_<gpu>_<precision>.engine\n"
                "(e.g. resnet50_trt8.6_a100_fp16.engine). The model comes from the manifest's ONNX\n"
                "file or build log, else the file's own name; TensorRT from the plan header; the GPU\n"
                "as a short family (a100, t4, orin, rtx3090) from the manifest's build log, else the\n"
                "header's compute capability (sm89); the precision from the build log's flags.\n"
                "--rename renames the engine and its manifest together.");
    add_common_options(p, common);
    p.positionals(&pos, "ENGINE", 1, 1);
    p.flag("rename", 0, &rename, "rename ENGINE (and ENGINE.manifest.json) to the canonical name");
    p.option("manifest", 'm', "FILE", &manifest_path, "the manifest (default ENGINE.manifest.json if present)");
    p.option("model", 0, "NAME", &model, "the model part, overriding the manifest");
    p.option("precision", 0, "P", &precision, "the precision part (fp32, fp16, int8, best, ...)");
    p.option("gpu", 0, "G", &gpu, "the GPU part (a100, t4, orin, ...)");
    p.epilog("Exit codes: 0 printed (or renamed), 2 the name cannot be made or the rename failed, 3 usage.");
    if (auto rc = p.parse(args)) return *rc;
    if (auto rc = resolve_common_options("name", common)) return *rc;
    const std::string& engine_path = pos[0];

    mf::Outcome o;
    auto emit = [&]() {
        std::string err;
        write_stdout(mf::render("name", common.output_format, Style(common.color_stdout), o, err));
        if (!err.empty()) std::fputs(err.c_str(), stderr);
        return exit_code_for(o.findings, common.threshold, !o.errors.empty());
    };
    auto found = mf::find_manifest_for(engine_path, manifest_path);
    if (!found) {
        o.errors.push_back(found.error());
        return emit();
    }
    plan::InspectOptions opts;
    opts.hash = found->has_value();
    auto engine = plan::inspect_file(engine_path, opts);
    if (!engine) {
        o.errors.push_back(engine.error());
        return emit();
    }
    const nlohmann::json* doc = found->has_value() ? &(*found)->document : nullptr;
    auto parts = mf::canonical_name(*engine, engine_path, doc, {model, precision, gpu});
    if (!parts) {
        o.errors.push_back(parts.error());
        return emit();
    }
    const std::string name = parts->file_name();
    namespace fs = std::filesystem;
    const fs::path target = fs::path(engine_path).parent_path() / name;
    o.payload["name"] = name;
    o.payload["parts"] = {{"model", parts->model}, {"trt", parts->trt}, {"gpu", parts->gpu},
                          {"precision", parts->precision}};
    o.payload["from_manifest"] = doc != nullptr;
    if (!rename) {
        o.text = name + "\n";
        return emit();
    }
    std::error_code ec;
    if (fs::equivalent(engine_path, target, ec)) {
        o.text = fmt::format("{} already has the canonical name\n", engine_path);
        o.payload["renamed_to"] = target.string();
        return emit();
    }
    if (fs::exists(target, ec)) {
        o.errors.push_back({ErrorCode::io_error, target.string(), "exists already; not overwritten", {}, {}});
        return emit();
    }
    fs::rename(engine_path, target, ec);
    if (ec) {
        o.errors.push_back({ErrorCode::io_error, engine_path, "cannot rename: " + ec.message(), {}, {}});
        return emit();
    }
    std::string moved_manifest;
    if (doc) {
        // The manifest follows its engine; the name inside it is updated only where it was
        // the default sidecar, so a signed manifest is never rewritten (its hash still matches).
        const std::string from = (*found)->path;
        const std::string to = target.string() + ".manifest.json";
        if (from == engine_path + ".manifest.json") {
            // An unsigned manifest also gets the new file name; a signed one is left as signed.
            if (!(*found)->document.contains("signature")) {
                nlohmann::json updated = (*found)->document;
                updated["engine"]["file"] = name;
                auto w = mf::write_text_file(from, mf::serialize_manifest(updated));
                if (!w) {
                    o.errors.push_back(w.error());
                    return emit();
                }
            }
            fs::rename(from, to, ec);
            if (ec) {
                o.errors.push_back({ErrorCode::io_error, from, "engine renamed, manifest not: " + ec.message(), {}, {}});
                return emit();
            }
            moved_manifest = to;
        }
    }
    o.text = fmt::format("{} -> {}\n", engine_path, target.string());
    if (!moved_manifest.empty()) o.text += fmt::format("{}.manifest.json -> {}\n", engine_path, moved_manifest);
    o.payload["renamed_to"] = target.string();
    o.payload["manifest_renamed_to"] = moved_manifest;
    return emit();
}

}  // namespace trtdoctor::cli

#include "manifest/naming.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "core/text.h"
#include "manifest/manifest.h"

namespace trtdoctor::manifest {
namespace {

using nlohmann::json;

std::vector<std::string> tokens_of(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u)) {
            cur += static_cast<char>(std::tolower(u));
        } else if (!cur.empty()) {
            out.push_back(std::move(cur));
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

bool is_noise(const std::string& t) {
    static const std::vector<std::string> words = {"nvidia", "geforce", "tesla", "quadro", "laptop",
                                                   "gpu", "generation", "pcie", "sxm", "sxm2", "sxm4",
                                                   "sxm5", "nvl", "hbm3", "hbm2e", "mig", "jetson"};
    if (std::find(words.begin(), words.end(), t) != words.end()) return true;
    // Memory sizes: "40gb", "80gb", "16g".
    if (t.size() >= 3 && (t.ends_with("gb") || t.ends_with("g")) && std::isdigit(static_cast<unsigned char>(t[0]))) {
        return true;
    }
    return false;
}

std::string clean_word(std::string_view s) {
    std::string out;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '.') out += static_cast<char>(std::tolower(u));
        else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

/// "model-trained", "resnet50": the stem of a path, cleaned for file names.
std::string stem_of(std::string_view path) {
    std::string stem = std::filesystem::path(std::string(path)).stem().string();
    return clean_word(stem);
}

/// Precision word found among the tokens of a file name, if any.
std::string precision_from_name(std::string_view name) {
    for (const auto& t : tokens_of(name)) {
        if (t == "int8" || t == "fp16" || t == "fp32" || t == "bf16" || t == "fp8" || t == "int4" ||
            t == "tf32" || t == "best") {
            return t;
        }
    }
    return {};
}

}  // namespace

std::string gpu_short_name(std::string_view gpu_name, std::string_view cc) {
    std::vector<std::string> toks;
    for (auto& t : tokens_of(gpu_name)) {
        if (!is_noise(t)) toks.push_back(std::move(t));
    }
    std::string out;
    if (!toks.empty()) {
        for (const auto& t : toks) {
            if (t == "orin" || t == "xavier" || t == "nano" || t == "thor") {
                out = t;
                break;
            }
        }
        if (out.empty()) {
            const std::string& first = toks[0];
            if ((first == "rtx" || first == "gtx" || first == "titan") && toks.size() > 1) {
                out = first + toks[1];
                if (std::find(toks.begin() + 2, toks.end(), "ada") != toks.end()) out += "ada";
                if (std::find(toks.begin() + 2, toks.end(), "ti") != toks.end()) out += "ti";
            } else if (first == "tegra" && toks.size() > 1) {
                out = "tegra" + toks[1];
            } else {
                out = first;
            }
        }
        if (out.size() > 24) out.resize(24);
    }
    if (out.empty()) {
        std::string digits;
        for (char c : cc) {
            if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
        }
        if (!digits.empty()) out = "sm" + digits;
    }
    return out;
}

std::string precision_word(const json& build) {
    if (build.is_object() && build.contains("command_line") && build["command_line"].is_string()) {
        const auto cmd = build["command_line"].get<std::string>();
        if (cmd.find("--best") != std::string::npos) return "best";
    }
    if (!build.is_object() || !build.contains("precision_flags") || !build["precision_flags"].is_array()) return {};
    std::vector<std::string> flags;
    for (const auto& f : build["precision_flags"]) {
        if (f.is_string()) flags.push_back(f.get<std::string>());
    }
    for (const char* w : {"int4", "fp8", "int8", "fp16", "bf16", "tf32", "fp32"}) {
        if (std::find(flags.begin(), flags.end(), w) != flags.end()) return w;
    }
    return flags.empty() ? std::string() : clean_word(flags.front());
}

std::string NameParts::file_name() const {
    return fmt::format("{}_trt{}_{}_{}.engine", model, trt, gpu, precision);
}

Expected<NameParts> canonical_name(const plan::InspectResult& engine, const std::string& engine_path,
                                   const json* manifest, const NameOverrides& o) {
    NameParts p;
    const json empty = json::object();
    const json& m = manifest ? *manifest : empty;

    // Model: --model, the ONNX file, the build log's model path, else the engine's own stem
    // (cut before an existing "_trt" so renaming twice is stable).
    p.model = clean_word(o.model);
    if (p.model.empty()) p.model = stem_of(get_string(m, "/model/file"));
    if (p.model.empty()) p.model = stem_of(get_string(m, "/build/model/path"));
    if (p.model.empty()) {
        std::string stem = std::filesystem::path(engine_path).stem().string();
        if (auto cut = stem.find("_trt"); cut != std::string::npos && cut > 0) stem.resize(cut);
        p.model = clean_word(stem);
    }

    // TensorRT major.minor: the header is the truth; the manifest's copy when the header has none.
    if (engine.trt_version) {
        p.trt = fmt::format("{}.{}", engine.trt_version->major, engine.trt_version->minor);
    } else {
        const std::string v = get_string(m, "/engine/trt_version");
        const auto dot2 = v.find('.', v.find('.') + 1);
        p.trt = v.substr(0, dot2);
    }

    // GPU: --gpu, the build log's device name, else the header's compute capability.
    p.gpu = clean_word(o.gpu);
    std::string cc = engine.builder_gpu ? engine.builder_gpu->compute_capability()
                                        : get_string(m, "/engine/builder_gpu/compute_capability");
    if (p.gpu.empty()) p.gpu = gpu_short_name(get_string(m, "/build/device/name"), "");
    if (p.gpu.empty() && engine.builder_gpu) {
        const auto& fam = engine.builder_gpu->family;
        if (fam.find("Orin") != std::string::npos) p.gpu = "orin";
        else if (fam.find("Xavier") != std::string::npos) p.gpu = "xavier";
    }
    if (p.gpu.empty()) p.gpu = gpu_short_name("", cc);

    p.precision = clean_word(o.precision);
    if (p.precision.empty() && m.contains("build")) p.precision = precision_word(m["build"]);
    if (p.precision.empty()) p.precision = precision_from_name(std::filesystem::path(engine_path).filename().string());

    std::vector<std::string> missing;
    if (p.model.empty()) missing.push_back("the model (give --model)");
    if (p.trt.empty()) missing.push_back("the TensorRT version (the file is not a readable plan)");
    if (p.gpu.empty()) missing.push_back("the GPU (give --gpu)");
    if (p.precision.empty()) {
        missing.push_back("the precision (no manifest with a build log; give --precision fp16|int8|...)");
    }
    if (!missing.empty()) {
        return ToolError{ErrorCode::unsupported, engine_path,
                         fmt::format("cannot name the engine: missing {}", fmt::join(missing, ", ")), {}, {}};
    }
    return p;
}

}  // namespace trtdoctor::manifest

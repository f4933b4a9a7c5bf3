#include "manifest/select.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <system_error>

#include "manifest/manifest.h"
#include "manifest/verify.h"

namespace trtdoctor::manifest {
namespace {

using nlohmann::json;

std::optional<int> to_int(std::string_view s) {
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty() || v < 0) return std::nullopt;
    return v;
}

std::vector<std::string_view> split_dots(std::string_view s) {
    std::vector<std::string_view> out;
    while (true) {
        auto d = s.find('.');
        out.push_back(s.substr(0, d));
        if (d == std::string_view::npos) break;
        s.remove_prefix(d + 1);
    }
    return out;
}

bool is_sidecar(const std::string& name) {
    return name.ends_with(".json") || name.ends_with(".log") || name.ends_with(".txt") ||
           name.ends_with(".md") || name.ends_with(".pem") || name.ends_with(".onnx") ||
           (!name.empty() && name[0] == '.');
}

}  // namespace

bool parse_trt_target(std::string_view text, Target& t) {
    auto parts = split_dots(text);
    if (parts.size() < 2 || parts.size() > 4) return false;
    auto ma = to_int(parts[0]), mi = to_int(parts[1]);
    if (!ma || !mi) return false;
    t.trt_major = ma;
    t.trt_minor = mi;
    if (parts.size() >= 3) {
        auto pa = to_int(parts[2]);
        if (!pa) return false;
        t.trt_patch = pa;
    }
    return true;
}

bool parse_cc_target(std::string_view text, Target& t) {
    if (text.starts_with("sm_")) text.remove_prefix(3);
    else if (text.starts_with("sm")) text.remove_prefix(2);
    auto parts = split_dots(text);
    std::optional<int> ma, mi;
    if (parts.size() == 2) {
        ma = to_int(parts[0]);
        mi = to_int(parts[1]);
    } else if (parts.size() == 1 && (text.size() == 2 || text.size() == 3)) {  // "87", "100"
        ma = to_int(text.substr(0, text.size() - 1));
        mi = to_int(text.substr(text.size() - 1));
    }
    if (!ma || !mi || *ma == 0 || *ma > 20 || *mi > 9) return false;
    t.cc_major = ma;
    t.cc_minor = mi;
    return true;
}

Candidate judge_candidate(const plan::InspectResult& e, const std::string& path, const json* manifest,
                          const std::string& manifest_path, const Target& t) {
    Candidate c;
    c.path = path;
    c.kind = std::string(plan::to_string(e.kind));
    c.manifest_path = manifest ? manifest_path : "";
    if (e.trt_version) c.trt_version = e.trt_version->to_string();
    if (e.builder_gpu) c.compute_capability = e.builder_gpu->compute_capability();
    if (manifest) c.gpu = get_string(*manifest, "/build/device/name");

    if (e.kind != plan::FileKind::plan) {
        c.reasons.push_back(fmt::format("not a TensorRT plan ({})", c.kind));
        return c;
    }
    if (e.safe_serialization_version && *e.safe_serialization_version != 0) {
        c.reasons.push_back("a plan of another TensorRT product (safety runtime), not loadable by standard TensorRT");
        return c;
    }
    for (const auto& f : e.findings) {
        if (f.severity == Severity::error) c.reasons.push_back(fmt::format("damaged: {} [{}]", f.summary, f.code));
    }
    const bool vc = manifest && manifest->contains("build") &&
                    get_string(*manifest, "/build/version_compatible") == "true";
    const std::string hw = manifest ? get_string(*manifest, "/build/hardware_compatibility") : "";
    const bool ampere_plus = hw.find("Ampere") != std::string::npos;

    bool ok = c.reasons.empty();
    if (t.trt_major && e.trt_version) {
        const auto& v = *e.trt_version;
        const bool same_line = v.major == *t.trt_major && v.minor == *t.trt_minor;
        const bool newer_runtime = *t.trt_major == v.major && *t.trt_minor >= v.minor;
        if (same_line) {
            c.score += 4;
            if (t.trt_patch && *t.trt_patch == v.patch) c.score += 2;
        } else if (vc && newer_runtime && (v.major > 8 || (v.major == 8 && v.minor >= 6))) {
            c.reasons.push_back(fmt::format("version-compatible plan from TensorRT {} runs on {}.{}",
                                            v.to_string(), *t.trt_major, *t.trt_minor));
            c.score += 1;
        } else {
            ok = false;
            c.reasons.push_back(fmt::format("built by TensorRT {}, the target runs {}.{}",
                                            v.to_string(), *t.trt_major, *t.trt_minor));
        }
    }
    if (t.cc_major && e.builder_gpu) {
        const auto& g = *e.builder_gpu;
        const int built = g.cc_major * 10 + g.cc_minor;
        const int want = *t.cc_major * 10 + *t.cc_minor;
        if (built == want) {
            c.score += 3;
        } else if (ampere_plus && want >= 80) {
            c.reasons.push_back(fmt::format("hardware-compatible plan ({}) from sm_{} runs on sm_{}", hw, built, want));
            c.score += 1;
        } else {
            ok = false;
            c.reasons.push_back(fmt::format("built for compute capability {}, the target GPU is {}.{}{}",
                                            g.compute_capability(), *t.cc_major, *t.cc_minor,
                                            t.gpu_name.empty() ? "" : fmt::format(" ({})", t.gpu_name)));
        }
    }
    if (manifest) {
        auto findings = verify_engine(*manifest, manifest_path, e, path);
        for (const auto& f : findings) {
            if (f.severity == Severity::error) {
                ok = false;
                c.reasons.push_back(fmt::format("manifest check failed: {} [{}]", f.summary, f.code));
            }
        }
        if (findings.empty()) c.score += 1;
    }
    c.valid = ok;
    return c;
}

Expected<std::vector<std::string>> expand_candidates(const std::vector<std::string>& args) {
    namespace fs = std::filesystem;
    std::vector<std::string> out;
    for (const auto& a : args) {
        std::error_code ec;
        const auto st = fs::status(a, ec);
        if (ec || !fs::exists(st)) {
            return ToolError{ErrorCode::not_found, a, "no such file or directory", {}, {}};
        }
        if (fs::is_directory(st)) {
            std::vector<std::string> here;
            for (fs::directory_iterator it(a, ec), end; !ec && it != end; it.increment(ec)) {
                std::error_code ec2;
                if (!it->is_regular_file(ec2)) continue;
                const std::string name = it->path().filename().string();
                if (is_sidecar(name)) continue;
                here.push_back(it->path().string());
            }
            if (ec) return ToolError{ErrorCode::io_error, a, "cannot list the folder: " + ec.message(), {}, {}};
            std::sort(here.begin(), here.end());
            out.insert(out.end(), here.begin(), here.end());
        } else {
            out.push_back(a);
        }
    }
    return out;
}

std::vector<Candidate> judge_all(const std::vector<std::string>& paths, const Target& target) {
    std::vector<Candidate> out;
    for (const auto& p : paths) {
        const std::string mpath = default_manifest_path(p);
        std::error_code ec;
        const bool has_manifest = std::filesystem::is_regular_file(mpath, ec);
        plan::InspectOptions opts;
        opts.hash = has_manifest;
        auto r = plan::inspect_file(p, opts);
        if (!r) {
            Candidate c;
            c.path = p;
            c.kind = "unreadable";
            c.reasons.push_back(r.error().message);
            out.push_back(std::move(c));
            continue;
        }
        if (has_manifest) {
            auto m = read_manifest(mpath);
            if (!m) {
                Candidate c = judge_candidate(*r, p, nullptr, "", target);
                c.valid = false;
                c.manifest_path = mpath;
                c.reasons.push_back(fmt::format("its manifest cannot be used: {}", m.error().message));
                out.push_back(std::move(c));
                continue;
            }
            out.push_back(judge_candidate(*r, p, &*m, mpath, target));
        } else {
            out.push_back(judge_candidate(*r, p, nullptr, "", target));
        }
    }
    return out;
}

std::optional<std::size_t> best_candidate(const std::vector<Candidate>& c) {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (!c[i].valid) continue;
        if (!best || c[i].score > c[*best].score) best = i;
    }
    return best;
}

}  // namespace trtdoctor::manifest

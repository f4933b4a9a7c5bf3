#include "manifest/verify.h"

#include <fmt/format.h>

#include <filesystem>

#include "core/catalogue.h"
#include "manifest/create.h"
#include "manifest/manifest.h"

namespace trtdoctor::manifest {

using nlohmann::json;

std::vector<Finding> verify_engine(const json& manifest, const std::string& manifest_path,
                                   const plan::InspectResult& engine, const std::string& engine_path) {
    std::vector<Finding> out;
    const json now = engine_record(engine, engine_path);
    const json& was = manifest["engine"];

    const std::string file_was = get_string(was, "/file");
    const std::string file_now = get_string(now, "/file");
    const bool hashed = !get_string(now, "/sha256").empty();
    const bool hash_same = !hashed || get_string(was, "/sha256") == get_string(now, "/sha256");
    // A manifest found as ENGINE.manifest.json is paired with ENGINE by its place (the engine
    // may have been renamed with it); only one named explicitly can describe another engine.
    const bool paired = manifest_path == default_manifest_path(engine_path);
    if (!hash_same && !paired && !file_was.empty() && file_was != file_now) {
        Finding f = make_finding("TD6003");
        f.summary = fmt::format("the manifest describes '{}', not '{}'", file_was, file_now);
        f.fix = fmt::format("use the manifest written for {} (ENGINE.manifest.json), or create one with "
                            "`trtdoctor manifest create {}`", file_now, engine_path);
        f.add_evidence({manifest_path, {}, {}}, fmt::format("engine.file: {}", file_was));
        f.add_fact("manifest_file", file_was).add_fact("engine_file", file_now);
        out.push_back(std::move(f));
        return out;
    }

    // Bytes: size, SHA-256, MD5.
    struct Check {
        const char* pointer;
        const char* label;
    };
    std::vector<std::string> byte_diffs;
    for (const Check& c : {Check{"/size", "size"}, Check{"/sha256", "sha256"}, Check{"/md5", "md5"}}) {
        const std::string a = get_string(was, c.pointer), b = get_string(now, c.pointer);
        if (a.empty() || a == b) continue;
        if (b.empty()) continue;  // the engine was read without hashing (check --no-hash)
        byte_diffs.push_back(fmt::format("{}: manifest {}, file {}", c.label, a, b));
    }
    if (!byte_diffs.empty()) {
        Finding f = make_finding("TD6001");
        const std::string a = get_string(was, "/size"), b = get_string(now, "/size");
        f.summary = a != b ? fmt::format("the engine is {} bytes, the manifest recorded {}", b, a)
                           : "the engine's bytes differ from the ones the manifest recorded (same size, other hash)";
        for (const auto& d : byte_diffs) f.add_evidence({engine_path, {}, {}}, d);
        f.add_fact("manifest_sha256", get_string(was, "/sha256"))
            .add_fact("engine_sha256", get_string(now, "/sha256"));
        out.push_back(std::move(f));
    }

    // Decoded facts: a changed field in a manifest whose hash still matches means the manifest
    // was edited; with another hash it tells what kind of engine replaced the original.
    for (const Check& c : {Check{"/kind", "kind"}, Check{"/generation", "plan generation"},
                           Check{"/trt_version", "TensorRT version"},
                           Check{"/serialization_version", "serialization number"},
                           Check{"/safe_serialization_version", "safe serialization number"},
                           Check{"/builder_gpu/compute_capability", "builder compute capability"},
                           Check{"/builder_gpu/sm_count", "builder SM count"},
                           Check{"/builder_gpu/memory_bytes", "builder GPU memory"},
                           Check{"/builder_gpu/integrated", "builder integrated GPU"}}) {
        const std::string a = get_string(was, c.pointer), b = get_string(now, c.pointer);
        if (a == b) continue;
        if (a.empty() && !was.contains(json::json_pointer(c.pointer))) continue;  // not recorded
        Finding f = make_finding("TD6002");
        f.summary = fmt::format("{}: manifest says {}, the engine says {}", c.label, a.empty() ? "(none)" : a,
                                b.empty() ? "(none)" : b);
        f.add_evidence({manifest_path, {}, {}}, fmt::format("engine{}: {}", c.pointer, a));
        f.add_evidence({engine_path, {}, {}}, fmt::format("decoded {}: {}", c.label, b));
        f.add_fact("field", std::string("engine") + c.pointer).add_fact("manifest", a).add_fact("engine", b);
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace trtdoctor::manifest

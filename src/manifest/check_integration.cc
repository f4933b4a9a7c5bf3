#include "manifest/check_integration.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>

#include "core/catalogue.h"
#include "manifest/manifest.h"
#include "manifest/naming.h"
#include "manifest/verify.h"

namespace trtdoctor::manifest {
namespace {

using nlohmann::json;

std::string dims_text(const std::vector<std::int64_t>& d) {
    std::string s;
    for (std::size_t i = 0; i < d.size(); ++i) s += (i ? "x" : "") + std::to_string(d[i]);
    return s;
}

std::vector<std::int64_t> dims_of(const json& j) {
    std::vector<std::int64_t> out;
    if (!j.is_array()) return out;
    for (const auto& v : j) out.push_back(v.is_number_integer() ? v.get<std::int64_t>() : -1);
    return out;
}

std::string base_name(const std::string& p) { return std::filesystem::path(p).filename().string(); }

}  // namespace

Expected<std::optional<FoundManifest>> find_manifest_for(const std::string& engine_path,
                                                         const std::string& explicit_path) {
    std::string path = explicit_path;
    if (path.empty()) {
        path = default_manifest_path(engine_path);
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) return std::optional<FoundManifest>{};
    }
    auto doc = read_manifest(path);
    if (!doc) return doc.error();
    return std::optional<FoundManifest>{FoundManifest{path, std::move(*doc)}};
}

std::optional<std::vector<RequestedShape>> parse_shape_list(std::string_view text) {
    std::vector<RequestedShape> out;
    while (!text.empty()) {
        const auto comma = text.find(',');
        std::string_view item = text.substr(0, comma);
        const auto colon = item.rfind(':');
        if (colon == std::string_view::npos || colon == 0) return std::nullopt;
        RequestedShape s{std::string(item.substr(0, colon)), {}};
        std::string_view dims = item.substr(colon + 1);
        while (true) {
            const auto x = dims.find('x');
            const std::string_view d = dims.substr(0, x);
            std::int64_t v = 0;
            auto [p, ec] = std::from_chars(d.data(), d.data() + d.size(), v);
            if (ec != std::errc() || p != d.data() + d.size() || d.empty()) return std::nullopt;
            s.dims.push_back(v);
            if (x == std::string_view::npos) break;
            dims.remove_prefix(x + 1);
        }
        out.push_back(std::move(s));
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return out;
}

std::vector<Finding> manifest_findings(const FoundManifest& fm, const plan::InspectResult& engine,
                                       const std::string& engine_path, const std::vector<RequestedShape>& shapes,
                                       const std::vector<std::string>& plugins, bool plugins_given) {
    const json& m = fm.document;
    std::vector<Finding> out = verify_engine(m, fm.path, engine, engine_path);
    const bool bytes_ok = out.empty();
    const bool hashed = engine.sha256.has_value() && !engine.sha256->empty();

    // Shapes against the recorded profiles: a shape fits a profile when every dim lies in
    // [min, max]; it is valid when some profile fits.
    const json profiles = m.contains("build") && m["build"].contains("profiles") ? m["build"]["profiles"] : json::array();
    if (!shapes.empty() && profiles.is_array() && !profiles.empty()) {
        for (const auto& s : shapes) {
            bool known = false, fits = false;
            std::vector<std::string> ranges;
            for (const auto& p : profiles) {
                if (!p.contains("inputs") || !p["inputs"].is_array()) continue;
                for (const auto& in : p["inputs"]) {
                    if (get_string(in, "/name") != s.input) continue;
                    known = true;
                    const auto mn = dims_of(in.value("min", json())), mx = dims_of(in.value("max", json()));
                    ranges.push_back(fmt::format("profile {}: {} .. {}", get_string(p, "/index"), dims_text(mn), dims_text(mx)));
                    if (mn.size() != s.dims.size() || mx.size() != s.dims.size()) continue;
                    bool ok = true;
                    for (std::size_t i = 0; i < s.dims.size(); ++i) ok = ok && s.dims[i] >= mn[i] && s.dims[i] <= mx[i];
                    fits = fits || ok;
                }
            }
            if (fits) continue;
            Finding f = make_finding("TD6007");
            if (!known) {
                f.summary = fmt::format("input '{}' is not among the inputs the engine was built with", s.input);
            } else {
                f.summary = fmt::format("shape {} of input '{}' lies outside every optimization profile ({})",
                                        dims_text(s.dims), s.input, fmt::join(ranges, "; "));
                f.fix = fmt::format("send {} within {}, or rebuild with --minShapes/--optShapes/--maxShapes covering {}",
                                    s.input, fmt::join(ranges, " or "), dims_text(s.dims));
            }
            f.add_evidence({fm.path, {}, {}}, ranges.empty() ? "build.profiles" : fmt::format("{}", fmt::join(ranges, "; ")));
            f.add_fact("input", s.input).add_fact("shape", dims_text(s.dims));
            out.push_back(std::move(f));
        }
    }

    // Plugins the build loaded.
    if (plugins_given && m.contains("build") && m["build"].contains("plugins") && m["build"]["plugins"].is_array()) {
        std::vector<std::string> have;
        for (const auto& p : plugins) have.push_back(base_name(p));
        for (const auto& p : m["build"]["plugins"]) {
            if (!p.is_string()) continue;
            const std::string need = base_name(p.get<std::string>());
            if (std::find(have.begin(), have.end(), need) != have.end()) continue;
            Finding f = make_finding("TD6008");
            f.summary = fmt::format("the engine was built with plugin library {}, which is not loaded here", need);
            f.fix = fmt::format("load {} before deserializing (trtexec --plugins / --staticPlugins, or dlopen it "
                                "and call initLibNvInferPlugins)", need);
            f.add_evidence({fm.path, {}, {}}, fmt::format("build.plugins: {}", p.get<std::string>()));
            f.add_fact("plugin", need);
            out.push_back(std::move(f));
        }
    }

    // What the manifest adds to check's picture: the builder GPU's name and how it was built.
    Finding info = make_finding("TD6010");
    const std::string gpu = get_string(m, "/build/device/name");
    const std::string prec = m.contains("build") ? precision_word(m["build"]) : "";
    info.summary = fmt::format("manifest {}: built{}{}{}, {}", base_name(fm.path),
                               gpu.empty() ? "" : fmt::format(" on {}", gpu),
                               get_string(m, "/build/trt_version").empty() ? "" : fmt::format(" by TensorRT {}", get_string(m, "/build/trt_version")),
                               prec.empty() ? "" : fmt::format(" ({})", prec),
                               !bytes_ok ? "engine does NOT match it" : hashed ? "engine hash verified" : "size and header match (not hashed)");
    info.add_evidence({fm.path, {}, {}}, fmt::format("engine.sha256: {}", get_string(m, "/engine/sha256")));
    if (!gpu.empty()) info.add_fact("builder_gpu_name", gpu);
    info.add_fact("hash_verified", bytes_ok && hashed ? "true" : "false");
    out.push_back(std::move(info));
    return out;
}

}  // namespace trtdoctor::manifest

#include "manifest/create.h"

#include <fmt/format.h>

#include <ctime>
#include <filesystem>

#include "core/catalogue.h"
#include "core/version.h"
#include "manifest/manifest.h"

namespace trtdoctor::manifest {
namespace {

using nlohmann::json;

json dims_json(const trtexec::Dims& d) { return json(d.values); }

/// "FP32+FP16+INT8" → ["fp32", "fp16", "int8"]; "--best" on the command line adds all three.
json precision_flags(const trtexec::Run& run) {
    json out = json::array();
    std::string p;
    for (char c : run.precision) p += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::size_t i = 0;
    while (i < p.size()) {
        auto j = p.find('+', i);
        if (j == std::string::npos) j = p.size();
        if (j > i) out.push_back(p.substr(i, j - i));
        i = j + 1;
    }
    return out;
}

}  // namespace

std::string utc_now() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

json engine_record(const plan::InspectResult& e, const std::string& path) {
    json j;
    j["file"] = std::filesystem::path(path).filename().string();
    j["size"] = e.size;
    j["sha256"] = e.sha256.value_or("");
    j["md5"] = e.md5.value_or("");
    j["kind"] = std::string(plan::to_string(e.kind));
    if (e.generation) j["generation"] = std::string(plan::to_string(*e.generation));
    if (e.trt_version) j["trt_version"] = e.trt_version->to_string();
    if (e.serialization_version) j["serialization_version"] = *e.serialization_version;
    if (e.safe_serialization_version) j["safe_serialization_version"] = *e.safe_serialization_version;
    if (e.builder_gpu) {
        const auto& g = *e.builder_gpu;
        json b;
        b["compute_capability"] = g.compute_capability();
        if (g.sm_count) b["sm_count"] = *g.sm_count;
        if (g.memory_bytes) b["memory_bytes"] = *g.memory_bytes;
        if (g.integrated) b["integrated"] = *g.integrated;
        if (!g.family.empty()) b["family"] = g.family;
        j["builder_gpu"] = b;
    }
    return j;
}

json build_record(const trtexec::Run& r) {
    json j;
    j["tool"] = "trtexec";
    if (r.version) j["trt_version"] = r.version->to_string();
    j["command_line"] = r.command_line;
    j["outcome"] = std::string(trtexec::to_string(r.outcome));
    if (r.build_seconds) j["duration_seconds"] = *r.build_seconds;
    json model;
    model["path"] = r.model_path;
    model["format"] = r.model_format;
    j["model"] = model;
    j["precision"] = r.precision;
    j["precision_flags"] = precision_flags(r);
    j["workspace"] = r.workspace;
    j["version_compatible"] = r.version_compatible == "Enabled";
    j["hardware_compatibility"] = r.hardware_compatibility.empty() ? "None" : r.hardware_compatibility;
    j["timing_cache"] = {{"mode", r.timing_cache_mode}, {"file", r.timing_cache_file}};
    json profiles = json::array();
    for (const auto& s : r.build_shapes) {
        while (profiles.size() <= static_cast<std::size_t>(s.profile)) {
            profiles.push_back({{"index", profiles.size()}, {"inputs", json::array()}});
        }
        profiles[static_cast<std::size_t>(s.profile)]["inputs"].push_back(
            {{"name", s.input}, {"min", dims_json(s.min)}, {"opt", dims_json(s.opt)}, {"max", dims_json(s.max)}});
    }
    j["profiles"] = profiles;
    j["plugins"] = r.plugins;
    json dev;
    dev["name"] = r.device.name;
    dev["compute_capability"] = r.device.compute_capability;
    if (!r.device.uuid.empty()) dev["uuid"] = r.device.uuid;
    if (r.device.sm_count) dev["sm_count"] = *r.device.sm_count;
    if (r.device.global_memory_mib) dev["memory_mib"] = *r.device.global_memory_mib;
    if (!r.device.driver_version.empty()) dev["driver_version"] = r.device.driver_version;
    if (!r.device.cuda_version.empty()) dev["cuda_version"] = r.device.cuda_version;
    j["device"] = dev;
    // Every option line as printed, so nothing trtexec reported is lost.
    json options = json::object();
    for (const auto& b : r.blocks) {
        json& block = options[b.title];
        if (block.is_null()) block = json::object();
        for (const auto& e : b.entries) {
            if (!block.contains(e.key)) block[e.key] = e.value;
        }
    }
    j["options"] = options;
    return j;
}

json model_record(const OnnxModel& m) {
    json j;
    j["format"] = "onnx";
    j["ir_version"] = m.ir_version;
    json opsets = json::array();
    for (const auto& o : m.opsets) opsets.push_back({{"domain", o.domain}, {"version", o.version}});
    j["opsets"] = opsets;
    j["opset"] = m.default_opset();
    j["producer"] = m.producer_version.empty() ? m.producer_name : m.producer_name + " " + m.producer_version;
    auto tensors = [](const std::vector<OnnxTensor>& list) {
        json a = json::array();
        for (const auto& t : list) {
            json shape = json::array();
            for (const auto& d : t.shape) {
                if (!d.param.empty()) shape.push_back(d.param);
                else if (d.value >= 0) shape.push_back(d.value);
                else shape.push_back(nullptr);
            }
            a.push_back({{"name", t.name}, {"type", onnx_type_name(t.elem_type)}, {"shape", shape}});
        }
        return a;
    };
    j["inputs"] = tensors(m.inputs);
    j["outputs"] = tensors(m.outputs);
    j["initializers"] = m.initializer_count;
    j["nodes"] = m.node_count;
    json custom = json::array();
    for (const auto& c : m.custom_ops) custom.push_back({{"domain", c.domain}, {"op_type", c.op_type}});
    j["custom_ops"] = custom;
    return j;
}

const trtexec::Run* pick_build_run(const trtexec::Log& log) {
    for (auto it = log.runs.rbegin(); it != log.runs.rend(); ++it) {
        if (it->is_build()) return &*it;
    }
    return log.runs.empty() ? nullptr : &log.runs.back();
}

Expected<CreateResult> create_manifest(const CreateInputs& in) {
    const auto& e = *in.engine;
    if (e.kind != plan::FileKind::plan) {
        return ToolError{ErrorCode::invalid_format, in.engine_path,
                         fmt::format("not a TensorRT plan (trtdoctor inspect says: {}); a manifest "
                                     "describes an engine file", plan::to_string(e.kind)), {}, {}};
    }
    CreateResult out;
    json& m = out.manifest;
    m["schema"] = std::string(k_schema_id);
    m["schema_version"] = k_schema_version;
    m["created_by"] = fmt::format("trtdoctor {}", tool_version());
    m["created_at"] = in.created_at.empty() ? utc_now() : in.created_at;
    m["engine"] = engine_record(e, in.engine_path);

    if (in.build_run) {
        const auto& r = *in.build_run;
        json b = build_record(r);
        b["log"] = {{"file", std::filesystem::path(in.log_path).filename().string()}, {"sha256", in.log_sha256}};
        m["build"] = b;
        auto mismatch = [&](std::string what, std::string log_value, std::string engine_value) {
            Finding f = make_finding("TD6006");
            f.summary = fmt::format("the build log's {} ({}) is not the engine's ({})", what, log_value, engine_value);
            f.add_evidence({in.log_path, {}, r.first_line}, fmt::format("{}: {}", what, log_value));
            f.add_fact("field", what).add_fact("log", log_value).add_fact("engine", engine_value);
            out.findings.push_back(std::move(f));
        };
        if (r.version && e.trt_version) {
            const auto& v = *e.trt_version;
            if (r.version->major != v.major || r.version->minor != v.minor || r.version->patch != v.patch) {
                mismatch("TensorRT version", r.version->to_string(), v.to_string());
            }
        }
        if (!r.device.compute_capability.empty() && e.builder_gpu &&
            r.device.compute_capability != e.builder_gpu->compute_capability()) {
            mismatch("compute capability", r.device.compute_capability, e.builder_gpu->compute_capability());
        }
        if (r.outcome != trtexec::Outcome::passed) {
            Finding f = make_finding("TD6006");
            f.severity = Severity::warning;
            f.summary = r.outcome == trtexec::Outcome::failed
                            ? "the build log ends in &&&& FAILED: it may not describe this engine"
                            : "the build log has no &&&& PASSED line: the build may not have finished";
            f.add_evidence({in.log_path, {}, r.outcome_line ? r.outcome_line : r.last_line},
                           fmt::format("outcome: {}", trtexec::to_string(r.outcome)));
            out.findings.push_back(std::move(f));
        }
    }
    if (in.model) {
        json md = model_record(*in.model);
        md["file"] = std::filesystem::path(in.model_path).filename().string();
        md["sha256"] = in.model_sha256;
        md["size"] = in.model_size;
        m["model"] = md;
    }
    return out;
}

}  // namespace trtdoctor::manifest

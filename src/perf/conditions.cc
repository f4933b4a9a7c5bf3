#include "perf/conditions.h"

#include <string_view>

namespace trtdoctor::perf {
namespace {

std::string value_of(const trtexec::Run& run, std::initializer_list<std::string_view> keys) {
    for (const auto& block : run.blocks) {
        for (auto key : keys) {
            if (auto v = block.get(key)) return std::string(*v);
        }
    }
    return {};
}

bool has_flag(const std::string& command, std::string_view flag) {
    std::size_t pos = 0;
    while ((pos = command.find(flag, pos)) != std::string::npos) {
        auto end = pos + flag.size();
        bool starts = pos == 0 || command[pos - 1] == ' ';
        bool ends = end == command.size() || command[end] == ' ' || command[end] == '=';
        if (starts && ends) return true;
        pos = end;
    }
    return false;
}

/// Precision flags from the command line, for runs that print no "Precision:" line
/// (--loadEngine runs skip the build options).
std::string precision_from_command(const std::string& command) {
    std::string out;
    for (auto flag : {"--best", "--fp16", "--bf16", "--int8", "--fp8", "--noTF32", "--stronglyTyped"}) {
        if (has_flag(command, flag)) {
            if (!out.empty()) out += " ";
            out += flag;
        }
    }
    return out;
}

int major_of(const std::string& version) {
    auto dot = version.find('.');
    try {
        return std::stoi(version.substr(0, dot));
    } catch (...) {
        return 0;
    }
}

}  // namespace

bool RunConditions::empty() const {
    return trt_version.empty() && gpu.empty() && precision.empty() && shapes.empty() &&
           cuda_graph.empty() && streams.empty();
}

RunConditions conditions_from(const trtexec::Run& run) {
    RunConditions c;
    if (run.version) c.trt_version = run.version->to_string();
    c.gpu = run.device.name;
    c.compute_capability = run.device.compute_capability;
    c.precision = run.precision;
    if (c.precision.empty() && run.load_engine.empty()) c.precision = precision_from_command(run.command_line);
    for (const auto& s : run.inference_shapes) {
        if (!c.shapes.empty()) c.shapes += ", ";
        c.shapes += s.input + "=" + s.dims.to_string();
    }
    if (c.shapes.empty()) {
        auto v = value_of(run, {"Input inference shapes", "Input inference shape"});
        if (v != "model") c.shapes = v;
    }
    c.batch = value_of(run, {"Batch"});
    c.cuda_graph = value_of(run, {"CUDA Graph"});
    c.streams = value_of(run, {"Inference Streams", "Streams"});
    c.spin_wait = value_of(run, {"Spin-wait"});
    c.command = run.command_line;
    return c;
}

std::vector<ConditionDifference> compare_conditions(const RunConditions& base,
                                                    const RunConditions& now) {
    std::vector<ConditionDifference> out;
    auto check = [&](const char* what, const std::string& a, const std::string& b, std::string note) {
        if (!a.empty() && !b.empty() && a != b) out.push_back({what, a, b, std::move(note)});
    };
    std::string version_note = "kernels, tactics and fusions change between releases";
    int ma = major_of(base.trt_version), mb = major_of(now.trt_version);
    if (ma && mb && ma != mb) {
        version_note = "a major-version change: TensorRT " + std::to_string(std::max(ma, mb)) +
                       " changed defaults (precision handling, CUDA graph and stream behaviour)";
    }
    check("TensorRT version", base.trt_version, now.trt_version, version_note);
    check("GPU", base.gpu, now.gpu, "timings are only comparable on the same GPU model");
    check("compute capability", base.compute_capability, now.compute_capability, "");
    check("precision", base.precision, now.precision, "precision flags decide the kernels");
    check("inference shapes", base.shapes, now.shapes, "latency scales with the input shapes");
    check("batch", base.batch, now.batch, "latency scales with the batch size");
    check("CUDA graph", base.cuda_graph, now.cuda_graph, "CUDA graphs remove launch overhead");
    check("inference streams", base.streams, now.streams,
          "several streams trade latency for throughput");
    check("spin-wait", base.spin_wait, now.spin_wait, "spin-wait changes host-side latency");
    return out;
}

}  // namespace trtdoctor::perf

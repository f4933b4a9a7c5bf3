// The structured parts of a trtexec log: the `&&&& RUNNING` banner and its PASSED/FAILED
// closing line, the option dumps (`=== Model Options ===`, `=== Build Options ===`,
// `=== System Options ===`, `=== Inference Options ===`, `=== Reporting Options ===`), the
// `=== Device Information ===` block, the ONNX parser banner and the build duration lines.
// One file may hold several runs; each banner opens a new one. Lines that belong to none of
// these parts are skipped, so noise (plugin prints, progress bars, shell prompts) is harmless.
// Format reference: docs/manifest.md ("Reading trtexec logs").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace trtdoctor::trtexec {

/// A TensorRT version as trtexec prints it ("v8203" = 8.2.3, "v101601" = 10.16.1).
struct Version {
    int major = 0, minor = 0, patch = 0;
    std::string to_string() const;  ///< "8.2.3"
    friend bool operator==(const Version&, const Version&) = default;
};

/// Parses the banner tag digits ("8203", "101601"); nullopt when they do not fit the scheme.
std::optional<Version> parse_banner_version(std::string_view digits);
/// Parses "8.5.10" or "10.16.1" (two or three parts).
std::optional<Version> parse_dotted_version(std::string_view text);

/// One `Key: value` line of an option dump or device block.
struct OptionEntry {
    std::string key;
    std::string value;  ///< trimmed; may be empty ("Calibration:")
    std::uint64_t line = 0;  ///< 1-based line in the log
};

/// One `=== Title ===` block and the `Key: value` lines under it.
struct OptionBlock {
    std::string title;  ///< "Build Options", "Device Information", ...
    std::uint64_t line = 0;
    std::vector<OptionEntry> entries;

    /// Value of the first entry named `key` (exact, case-sensitive), if present.
    std::optional<std::string_view> get(std::string_view key) const;
};

/// Dimensions as printed: "1x3x224x224"; -1 stays -1.
struct Dims {
    std::vector<std::int64_t> values;
    std::string to_string() const;  ///< "1x3x224x224"
    friend bool operator==(const Dims&, const Dims&) = default;
};
/// Parses "1x3x224x224" (also a lone "16"); nullopt on anything else.
std::optional<Dims> parse_dims(std::string_view text);

/// min/opt/max of one input in one optimization profile (`Input build shape`).
struct ShapeRange {
    std::string input;
    int profile = 0;
    Dims min, opt, max;
};

/// One input's shape used for inference (`Input inference shape`).
struct InferenceShape {
    std::string input;
    Dims dims;
};

/// The GPU trtexec ran on (`=== Device Information ===`).
struct DeviceInfo {
    std::string name;                ///< "NVIDIA H100 PCIe"
    std::string uuid;
    std::string compute_capability;  ///< "9.0"
    std::optional<int> sm_count;
    std::optional<std::uint64_t> global_memory_mib;
    std::string driver_version;      ///< when printed (not by every release)
    std::string cuda_version;        ///< runtime version when printed
};

/// The model as the ONNX parser banner reports it.
struct ParsedModel {
    std::string ir_version;   ///< "0.0.8" as printed
    std::string opset;        ///< "17"
    std::string producer;     ///< "pytorch 2.1.0"
};

enum class Outcome { unknown, passed, failed };
std::string_view to_string(Outcome outcome);  ///< "unknown", "passed", "failed"

/// One trtexec run: from a RUNNING banner (or the first option block when the banner is
/// missing) to the next banner or the end of the log.
struct Run {
    std::uint64_t first_line = 0;
    std::uint64_t last_line = 0;
    std::string command_line;              ///< text after "# " in the banner
    std::optional<Version> banner_version; ///< absent for TensorRT 7 banners
    std::string build_tag;                 ///< "b11" (TensorRT 10), else empty
    std::optional<Version> version;        ///< `TensorRT version:` line, else the banner's
    Outcome outcome = Outcome::unknown;
    std::uint64_t outcome_line = 0;

    std::vector<OptionBlock> blocks;       ///< in log order
    DeviceInfo device;
    std::optional<ParsedModel> parsed_model;

    // Typed views of the option dumps (empty/absent when not printed).
    std::string model_path;                ///< Model Options: Model / ONNX / Prototxt / Engine
    std::string model_format;              ///< "ONNX", "Caffe", "*"
    std::string precision;                 ///< "FP32+FP16" as printed
    std::string workspace;                 ///< "Workspace: 16 MB" or the pool's workspace value
    std::string memory_pools;
    std::string version_compatible;        ///< "Enabled" / "Disabled" / empty
    std::string hardware_compatibility;    ///< e.g. "None", "Ampere+", empty when not printed
    std::string timing_cache_mode;
    std::string timing_cache_file;
    std::string save_engine;
    std::string load_engine;
    std::vector<ShapeRange> build_shapes;
    std::vector<InferenceShape> inference_shapes;
    std::vector<std::string> plugins;      ///< plugin libraries named in System Options and --plugins
    std::optional<double> build_seconds;   ///< "Engine built in X sec." / "Engine generation completed in X seconds."
    std::uint64_t build_seconds_line = 0;

    /// The block titled `title`, or null.
    const OptionBlock* block(std::string_view title) const;
    /// True when this run built an engine (an ONNX/Caffe/UFF model, no --loadEngine).
    bool is_build() const;
};

struct Log {
    std::vector<Run> runs;
    std::uint64_t line_count = 0;
};

/// Parses log text. Never fails: text without trtexec structure yields no runs.
Log parse_log(std::string_view text);

/// Reads and parses a log file ("-" for stdin). ToolError when it cannot be read, is binary,
/// or exceeds `max_bytes`.
Expected<Log> read_log(const std::string& path, std::uint64_t max_bytes = 1ULL << 30);

/// Strips the `[MM/DD/YYYY-HH:MM:SS] [S] ` prefix (and a following `[TRT] `) from a line;
/// also drops a trailing '\r'. `severity` gets the letter when there was one.
std::string_view strip_prefix(std::string_view line, char* severity = nullptr);

}  // namespace trtdoctor::trtexec

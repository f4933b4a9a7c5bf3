// trtexec log reader: banner/sentinel lines, option dumps, device block, build duration.
#include "trtexec/trtexec_log.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <string>

#include "core/input_file.h"
#include "core/text.h"

namespace trtdoctor::trtexec {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::optional<std::int64_t> to_int(std::string_view s) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}

std::optional<double> to_double(std::string_view s) {
    std::string copy(s.substr(0, 64));
    if (copy.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(copy.c_str(), &end);
    if (end == copy.c_str()) return std::nullopt;
    return v;
}

/// Drops ANSI escape sequences (ESC [ ... letter) that progress bars leave in logs.
std::string_view skip_ansi(std::string_view s, std::string& scratch) {
    if (s.find('\x1b') == std::string_view::npos) return s;
    scratch.clear();
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\x1b' && i + 1 < s.size() && s[i + 1] == '[') {
            i += 2;
            while (i < s.size() && !(s[i] >= '@' && s[i] <= '~')) ++i;
            continue;
        }
        scratch.push_back(s[i]);
    }
    return scratch;
}

bool is_known_block(std::string_view title) {
    static constexpr std::string_view titles[] = {"Model Options",     "Build Options",
                                                  "System Options",    "Inference Options",
                                                  "Reporting Options", "Device Information"};
    return std::find(std::begin(titles), std::end(titles), title) != std::end(titles);
}

std::vector<std::string> split_list(std::string_view s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == ';')) ++i;
        std::size_t j = i;
        while (j < s.size() && s[j] != ' ' && s[j] != ',' && s[j] != ';') ++j;
        if (j > i) out.emplace_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

void add_unique(std::vector<std::string>& list, std::string value) {
    if (value.empty()) return;
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

/// "x=1x3+4x3+8x3" or "x:0=4x1x28x28": the name is everything before the last '='.
void parse_shape_item(std::string_view item, bool build, int profile, Run& run) {
    item = trim_blanks(item);
    const auto eq = item.rfind('=');
    if (eq == std::string_view::npos || eq == 0) return;
    const std::string name(trim_blanks(item.substr(0, eq)));
    const std::string_view dims = trim_blanks(item.substr(eq + 1));
    if (build) {
        const auto p1 = dims.find('+');
        const auto p2 = p1 == std::string_view::npos ? p1 : dims.find('+', p1 + 1);
        if (p2 == std::string_view::npos) return;
        auto mn = parse_dims(dims.substr(0, p1));
        auto op = parse_dims(dims.substr(p1 + 1, p2 - p1 - 1));
        auto mx = parse_dims(dims.substr(p2 + 1));
        if (!mn || !op || !mx) return;
        run.build_shapes.push_back({name, profile, *mn, *op, *mx});
    } else {
        auto d = parse_dims(dims);
        if (!d) return;
        run.inference_shapes.push_back({name, *d});
    }
}

/// The shape lines: "Input build shape (profile 0): x=...", "Input inference shape : x=...".
void parse_shape_entry(const OptionEntry& e, Run& run) {
    const bool build = starts_with(e.key, "Input build shape");
    const bool infer = starts_with(e.key, "Input inference shape");
    if (!build && !infer) return;
    if (e.value == "model" || e.value.empty()) return;
    int profile = 0;
    if (auto p = e.key.find("(profile "); p != std::string::npos) {
        auto close = e.key.find(')', p);
        if (close != std::string::npos) {
            if (auto v = to_int(std::string_view(e.key).substr(p + 9, close - p - 9))) {
                profile = static_cast<int>(std::clamp<std::int64_t>(*v, 0, 1 << 20));
            }
        }
    }
    // Several inputs may share a line, comma separated.
    std::string_view rest = e.value;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        parse_shape_item(rest.substr(0, comma), build, profile, run);
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
}

void apply_entry(const std::string& block, const OptionEntry& e, Run& run) {
    const std::string& k = e.key;
    const std::string& v = e.value;
    if (block == "Model Options") {
        if (k == "Format") run.model_format = v;
        else if ((k == "Model" || k == "ONNX" || k == "Prototxt" || k == "UFF") && !v.empty()) {
            if (run.model_path.empty()) run.model_path = v;
        }
    } else if (block == "Build Options") {
        if (k == "Precision") run.precision = v;
        else if (k == "Workspace") run.workspace = v;
        else if (k == "Memory Pools") {
            run.memory_pools = v;
            const auto p = v.find("workspace:");
            if (p != std::string::npos && run.workspace.empty()) {
                auto rest = std::string_view(v).substr(p + 10);
                run.workspace = std::string(trim_blanks(rest.substr(0, rest.find(','))));
            }
        } else if (k == "Version Compatible") run.version_compatible = v;
        else if (k == "Hardware Compatibility Level" || k == "Hardware Compatibility") run.hardware_compatibility = v;
        else if (k == "timingCacheMode") run.timing_cache_mode = v;
        else if (k == "timingCacheFile") run.timing_cache_file = v;
        else if (k == "Save engine") run.save_engine = v;
        else if (k == "Load engine") run.load_engine = v;
        else parse_shape_entry(e, run);
    } else if (block == "System Options") {
        if (k == "Plugins" || k == "Loaded static plugins" || k == "dynamicPlugins" ||
            k == "setPluginsToSerialize" || k == "Static plugins" || k == "Dynamic plugins") {
            for (auto& p : split_list(v)) add_unique(run.plugins, std::move(p));
        }
    } else if (block == "Inference Options") {
        parse_shape_entry(e, run);
    } else if (block == "Device Information") {
        if (k == "Selected Device") run.device.name = v;
        else if (k == "Selected Device UUID") run.device.uuid = v;
        else if (k == "Compute Capability") run.device.compute_capability = v;
        else if (k == "SMs") {
            if (auto n = to_int(v)) run.device.sm_count = static_cast<int>(std::clamp<std::int64_t>(*n, 0, 1 << 20));
        } else if (k == "Device Global Memory") {
            auto num = std::string_view(v).substr(0, v.find(' '));
            if (auto n = to_int(num); n && *n >= 0) run.device.global_memory_mib = static_cast<std::uint64_t>(*n);
        } else if (k == "Driver Version" || k == "CUDA Driver Version" || k == "Cuda Driver Version") {
            run.device.driver_version = v;
        } else if (k == "CUDA Runtime Version" || k == "Cuda Runtime Version" || k == "CUDA Version") {
            run.device.cuda_version = v;
        }
    }
}

/// Plugin libraries given on the command line (--plugins=, --staticPlugins=, --dynamicPlugins=,
/// --setPluginsToSerialize=).
void plugins_from_command(Run& run) {
    static constexpr std::string_view flags[] = {"--plugins=", "--staticPlugins=",
                                                 "--dynamicPlugins=", "--setPluginsToSerialize="};
    for (auto item : split_list(run.command_line)) {
        for (auto f : flags) {
            if (starts_with(item, f)) add_unique(run.plugins, item.substr(f.size()));
        }
    }
}

struct Parser {
    Log log;
    Run* run = nullptr;
    OptionBlock* block = nullptr;

    Run& current(std::uint64_t line) {
        if (!run) open(line);
        return *run;
    }
    void open(std::uint64_t line) {
        finish();
        log.runs.emplace_back();
        run = &log.runs.back();
        run->first_line = line;
        block = nullptr;
    }
    void finish() {
        if (!run) return;
        plugins_from_command(*run);
        if (!run->version && run->banner_version) run->version = run->banner_version;
    }

    /// "&&&& RUNNING TensorRT.trtexec [TensorRT v8203] [b11] # cmd"
    void banner(std::string_view s, std::uint64_t line) {
        s.remove_prefix(5);
        const auto sp = s.find(' ');
        const std::string_view word = s.substr(0, sp);
        std::string_view rest = sp == std::string_view::npos ? std::string_view{} : s.substr(sp + 1);
        if (word == "RUNNING") {
            open(line);
        } else if (word == "PASSED" || word == "FAILED") {
            Run& r = current(line);
            r.outcome = word == "PASSED" ? Outcome::passed : Outcome::failed;
            r.outcome_line = line;
        } else {
            return;
        }
        Run& r = *run;
        const auto hash = rest.find(" # ");
        const std::string_view head = rest.substr(0, hash);
        if (r.command_line.empty() && hash != std::string_view::npos) {
            r.command_line = std::string(trim_blanks(rest.substr(hash + 3)));
        }
        if (auto p = head.find("[TensorRT v"); p != std::string_view::npos) {
            const auto close = head.find(']', p);
            if (close != std::string_view::npos && !r.banner_version) {
                r.banner_version = parse_banner_version(head.substr(p + 11, close - p - 11));
            }
        }
        if (auto p = head.find("[b"); p != std::string_view::npos && r.build_tag.empty()) {
            const auto close = head.find(']', p);
            if (close != std::string_view::npos) r.build_tag = std::string(head.substr(p + 1, close - p - 1));
        }
        if (word != "RUNNING") block = nullptr;
        r.last_line = line;
    }

    void line(std::string_view raw, std::uint64_t n, std::string& scratch) {
        std::string_view s = trim_blanks(skip_ansi(raw, scratch));
        if (starts_with(s, "&&&& ")) {
            banner(s, n);
            return;
        }
        const bool has_prefix = starts_with(s, "[");
        char sev = 0;
        std::string_view body = strip_prefix(s, &sev);
        const bool from_trt = body.size() != s.size() && s.find("] [TRT] ") != std::string_view::npos &&
                              s.find("] [TRT] ") < s.size() - body.size();
        body = trim_blanks(body);
        if (run) run->last_line = n;

        if (starts_with(body, "=== ") && body.size() > 8 && body.substr(body.size() - 4) == " ===" && !from_trt) {
            const std::string title(trim_blanks(body.substr(4, body.size() - 8)));
            if (is_known_block(title)) {
                Run& r = current(n);
                // A second Model Options dump with no banner between means a new run.
                if (r.block(title) && title == "Model Options") open(n);
                run->blocks.push_back({title, n, {}});
                block = &run->blocks.back();
            } else {
                block = nullptr;
            }
            return;
        }
        // Lines with a meaning of their own end an option block (trtexec prints them right
        // after the device block without a separator).
        const bool global = starts_with(body, "TensorRT version:") || starts_with(body, "Engine built in ");
        if (block && has_prefix && sev == 'I' && !from_trt && !global) {
            if (body.empty()) return;
            const auto colon = body.find(':');
            if (colon == std::string_view::npos) return;
            OptionEntry e{std::string(trim_blanks(body.substr(0, colon))),
                          std::string(trim_blanks(body.substr(colon + 1))), n};
            if (e.key.empty() || e.key.size() > 200) return;
            apply_entry(block->title, e, *run);
            block->entries.push_back(std::move(e));
            return;
        }
        block = nullptr;
        if (!run) return;
        if (starts_with(body, "TensorRT version:")) {
            if (auto v = parse_dotted_version(trim_blanks(body.substr(17)))) run->version = v;
        } else if (starts_with(body, "Engine built in ")) {
            if (auto v = to_double(body.substr(16))) {
                run->build_seconds = v;
                run->build_seconds_line = n;
            }
        } else if (starts_with(body, "Engine generation completed in ")) {
            if (!run->build_seconds_line || !run->build_seconds) {
                if (auto v = to_double(body.substr(31))) {
                    run->build_seconds = v;
                    run->build_seconds_line = n;
                }
            }
        } else if (starts_with(body, "ONNX IR version:")) {
            if (!run->parsed_model) run->parsed_model.emplace();
            run->parsed_model->ir_version = std::string(trim_blanks(body.substr(16)));
        } else if (starts_with(body, "Opset version:")) {
            if (!run->parsed_model) run->parsed_model.emplace();
            run->parsed_model->opset = std::string(trim_blanks(body.substr(14)));
        } else if (starts_with(body, "Producer name:")) {
            if (!run->parsed_model) run->parsed_model.emplace();
            const std::string name(trim_blanks(body.substr(14)));
            run->parsed_model->producer = run->parsed_model->producer.empty()
                                              ? name
                                              : name + " " + run->parsed_model->producer;
        } else if (starts_with(body, "Producer version:")) {
            if (!run->parsed_model) run->parsed_model.emplace();
            const std::string ver(trim_blanks(body.substr(17)));
            if (!ver.empty()) {
                run->parsed_model->producer =
                    run->parsed_model->producer.empty() ? ver : run->parsed_model->producer + " " + ver;
            }
        }
    }
};

}  // namespace

std::string Version::to_string() const { return fmt::format("{}.{}.{}", major, minor, patch); }

std::optional<Version> parse_banner_version(std::string_view digits) {
    auto v = to_int(digits);
    if (!v || *v < 0) return std::nullopt;
    if (digits.size() == 4) {  // 8203 = 8.2.3, 8510 = 8.5.10
        return Version{static_cast<int>(*v / 1000), static_cast<int>(*v / 100 % 10),
                       static_cast<int>(*v % 100)};
    }
    if (digits.size() == 6) {  // 101601 = 10.16.1
        return Version{static_cast<int>(*v / 10000), static_cast<int>(*v / 100 % 100),
                       static_cast<int>(*v % 100)};
    }
    return std::nullopt;
}

std::optional<Version> parse_dotted_version(std::string_view text) {
    Version out;
    int* parts[] = {&out.major, &out.minor, &out.patch};
    std::size_t count = 0;
    while (!text.empty() && count < 3) {
        const auto dot = text.find('.');
        auto v = to_int(text.substr(0, dot));
        if (!v || *v < 0 || *v > 100000) return std::nullopt;
        *parts[count++] = static_cast<int>(*v);
        if (dot == std::string_view::npos) {
            text = {};
            break;
        }
        text.remove_prefix(dot + 1);
    }
    if (count < 2) return std::nullopt;
    return out;
}

std::optional<std::string_view> OptionBlock::get(std::string_view key) const {
    for (const auto& e : entries) {
        if (e.key == key) return std::string_view(e.value);
    }
    return std::nullopt;
}

std::string Dims::to_string() const {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += 'x';
        out += std::to_string(values[i]);
    }
    return out;
}

std::optional<Dims> parse_dims(std::string_view text) {
    text = trim_blanks(text);
    if (text.empty() || text.size() > 256) return std::nullopt;
    Dims d;
    while (true) {
        const auto x = text.find('x');
        auto v = to_int(text.substr(0, x));
        if (!v) return std::nullopt;
        d.values.push_back(*v);
        if (x == std::string_view::npos) break;
        text.remove_prefix(x + 1);
    }
    return d;
}

std::string_view to_string(Outcome outcome) {
    switch (outcome) {
        case Outcome::passed: return "passed";
        case Outcome::failed: return "failed";
        case Outcome::unknown: break;
    }
    return "unknown";
}

const OptionBlock* Run::block(std::string_view title) const {
    for (const auto& b : blocks) {
        if (b.title == title) return &b;
    }
    return nullptr;
}

bool Run::is_build() const {
    if (!load_engine.empty()) return false;
    if (command_line.find("--loadEngine") != std::string::npos) return false;
    return !model_path.empty() || build_seconds.has_value() ||
           command_line.find("--onnx") != std::string::npos;
}

std::string_view strip_prefix(std::string_view line, char* severity) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (severity) *severity = 0;
    // "[07/07/2026-02:10:45] [I] msg"
    if (line.size() < 4 || line[0] != '[') return line;
    const auto close = line.find("] [");
    if (close == std::string_view::npos || close > 40) return line;
    std::string_view rest = line.substr(close + 2);
    if (rest.size() >= 3 && rest[0] == '[' && rest[2] == ']') {
        if (severity) *severity = rest[1];
        rest.remove_prefix(3);
        if (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
        if (starts_with(rest, "[TRT] ")) rest.remove_prefix(6);
        return rest;
    }
    if (starts_with(rest, "[TRT] [") && rest.size() >= 10 && rest[8] == ']') {  // Python logger
        if (severity) *severity = rest[7];
        rest.remove_prefix(9);
        if (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
        return rest;
    }
    return line;
}

Log parse_log(std::string_view text) {
    Parser p;
    std::string scratch;
    std::uint64_t n = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        ++n;
        p.line(text.substr(pos, nl - pos), n, scratch);
        pos = nl + 1;
    }
    p.finish();
    p.log.line_count = n;
    return std::move(p.log);
}

Expected<Log> read_log(const std::string& path, std::uint64_t max_bytes) {
    auto file = InputFile::open(path);
    if (!file) return file.error();
    if (file->size() && *file->size() > max_bytes) {
        return ToolError{ErrorCode::too_large, file->name(),
                         fmt::format("log is larger than the {} byte limit", max_bytes), {}, {}};
    }
    // Read in chunks: a FIFO has no size, and a huge buffer up front costs time for small logs.
    std::string body;
    std::string chunk(1 << 20, '\0');
    while (body.size() <= max_bytes) {
        auto got = file->read(chunk.data(), chunk.size());
        if (!got) return got.error();
        if (*got == 0) break;
        body.append(chunk.data(), *got);
    }
    auto* text = &body;
    if (text->size() > max_bytes) {
        return ToolError{ErrorCode::too_large, file->name(),
                         fmt::format("log is larger than the {} byte limit", max_bytes), {}, {}};
    }
    const std::string_view head = std::string_view(*text).substr(0, 4096);
    if (head.find('\0') != std::string_view::npos) {
        return ToolError{ErrorCode::binary_input, file->name(),
                         "expected a trtexec log (text) but found binary data", {}, {}};
    }
    return parse_log(*text);
}

}  // namespace trtdoctor::trtexec

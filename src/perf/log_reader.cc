#include "perf/log_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>

#include "core/input_file.h"
#include "perf/conditions.h"
#include "perf/json_readers.h"
#include "trtexec/trtexec_log.h"

namespace trtdoctor::perf {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

/// The message of a log line: without "[date] [S] " and "[TRT] "; `sev` gets the letter.
std::string_view message_of(std::string_view line, char* sev) {
    *sev = 0;
    if (starts_with(line, "[") && line.size() > 2 && std::isdigit(static_cast<unsigned char>(line[1]))) {
        auto close = line.find("] [");
        if (close != std::string_view::npos && close < 32 && line.size() >= close + 5 &&
            line[close + 4] == ']') {
            *sev = line[close + 3];
            line.remove_prefix(close + 5);
            if (starts_with(line, " ")) line.remove_prefix(1);
            if (starts_with(line, "[TRT] ")) line.remove_prefix(6);
        }
    }
    return line;
}

/// Splits on runs of whitespace.
std::vector<std::string_view> tokens(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        std::size_t j = i;
        while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
        if (j > i) out.push_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

/// "min = 0.1 ms, max = 0.2 ms, mean = ..., percentile(99%) = 0.3 ms" into a Stat.
Stat parse_stat_pairs(std::string_view s) {
    Stat st;
    std::size_t pos = 0;
    while (pos < s.size()) {
        auto comma = s.find(',', pos);
        auto part = trim(s.substr(pos, comma == std::string_view::npos ? s.npos : comma - pos));
        pos = comma == std::string_view::npos ? s.size() : comma + 1;
        auto eq = part.find('=');
        if (eq == std::string_view::npos) continue;
        auto key = trim(part.substr(0, eq));
        auto val = trim(part.substr(eq + 1));
        if (auto sp = val.find(' '); sp != std::string_view::npos) val = val.substr(0, sp);
        auto v = parse_number(val);
        if (!v) continue;
        if (key == "min") st.min = v;
        else if (key == "max") st.max = v;
        else if (key == "mean") st.mean = v;
        else if (key == "median") st.median = v;
        else if (key == "percentile(90%)") st.p90 = v;
        else if (key == "percentile(95%)") st.p95 = v;
        else if (key == "percentile(99%)") st.p99 = v;
    }
    return st;
}

/// The number after `prefix` up to the next space ("Throughput: 52765.3 qps").
std::optional<double> number_after(std::string_view msg, std::string_view prefix) {
    if (!starts_with(msg, prefix)) return std::nullopt;
    auto rest = trim(msg.substr(prefix.size()));
    auto sp = rest.find_first_of(" %");
    return parse_number(rest.substr(0, sp));
}

std::optional<std::uint64_t> integer_after(std::string_view msg, std::string_view prefix) {
    auto v = number_after(msg, prefix);
    if (!v || *v < 0) return std::nullopt;
    return static_cast<std::uint64_t>(*v);
}

/// TensorRT 7 summary lines under "Host Latency" / "Enqueue Time" / "GPU Compute".
void read_trt7_line(std::string_view msg, Stat& st, Stat* end_to_end, Summary& sum) {
    auto paren = msg.find(" (end to end ");
    auto main = paren == std::string_view::npos ? msg : msg.substr(0, paren);
    auto e2e = paren == std::string_view::npos ? std::string_view{} : msg.substr(paren + 13);
    auto first_num = [](std::string_view s) { return parse_number(s.substr(0, s.find(' '))); };
    auto set = [&](std::string_view key, std::optional<double> Stat::*field) {
        if (!starts_with(main, key)) return false;
        st.*field = first_num(trim(main.substr(key.size())));
        if (end_to_end && !e2e.empty()) end_to_end->*field = first_num(e2e);
        return true;
    };
    if (set("min:", &Stat::min) || set("max:", &Stat::max) || set("mean:", &Stat::mean) ||
        set("median:", &Stat::median))
        return;
    if (starts_with(main, "percentile:")) {
        auto rest = trim(main.substr(11));
        if (rest.find("at 99%") != std::string_view::npos) {
            st.p99 = first_num(rest);
            if (end_to_end && !e2e.empty()) end_to_end->p99 = first_num(e2e);
        }
        return;
    }
    if (auto v = number_after(main, "throughput:")) sum.throughput_qps = v;
    else if (auto w = number_after(main, "walltime:")) sum.host_walltime_s = w;
    else if (auto t = number_after(main, "total compute time:")) sum.gpu_compute_total_s = t;
}

/// One --dumpProfile table row; `numbers_first` for the 10.x layout.
std::optional<LayerTime> parse_profile_row(std::string_view msg, bool numbers_first,
                                           int numeric_columns, bool has_median) {
    auto toks = tokens(msg);
    if (toks.size() < static_cast<std::size_t>(numeric_columns) + 1) return std::nullopt;
    std::vector<double> nums;
    std::string name;
    if (numbers_first) {
        for (int i = 0; i < numeric_columns; ++i) {
            auto v = parse_number(toks[static_cast<std::size_t>(i)]);
            if (!v) return std::nullopt;
            nums.push_back(*v);
        }
        // The name is everything after the last numeric token, spaces kept.
        auto last = toks[static_cast<std::size_t>(numeric_columns) - 1];
        auto start = static_cast<std::size_t>(last.data() + last.size() - msg.data());
        name = std::string(trim(msg.substr(start)));
    } else {
        for (int i = numeric_columns; i > 0; --i) {
            auto v = parse_number(toks[toks.size() - static_cast<std::size_t>(i)]);
            if (!v) return std::nullopt;
            nums.push_back(*v);
        }
        auto first_num = toks[toks.size() - static_cast<std::size_t>(numeric_columns)];
        name = std::string(trim(msg.substr(0, static_cast<std::size_t>(first_num.data() - msg.data()))));
    }
    if (name.empty()) return std::nullopt;
    LayerTime lt;
    lt.name = std::move(name);
    lt.total_ms = nums[0];
    lt.avg_ms = nums[1];
    if (has_median) {
        lt.median_ms = nums[2];
        lt.percent = nums[3];
    } else {
        lt.percent = nums[2];
    }
    return lt;
}

/// "[MemUsageChange] Init CUDA: CPU +425, GPU +0, now: CPU 437, GPU 690 (MiB)".
std::optional<MemoryEvent> parse_mem_change(std::string_view msg) {
    constexpr std::string_view tag = "[MemUsageChange] ";
    if (!starts_with(msg, tag)) return std::nullopt;
    msg.remove_prefix(tag.size());
    auto colon = msg.find(": CPU ");
    if (colon == std::string_view::npos) return std::nullopt;
    MemoryEvent ev;
    ev.what = std::string(trim(msg.substr(0, colon)));
    auto rest = msg.substr(colon + 2);
    // rest: "CPU +425, GPU +0, now: CPU 437, GPU 690 (MiB)"
    auto toks = tokens(rest);
    std::vector<double> nums;
    for (auto t : toks) {
        while (!t.empty() && (t.back() == ',')) t.remove_suffix(1);
        if (!t.empty() && t.front() == '+') t.remove_prefix(1);
        if (auto v = parse_number(t)) nums.push_back(*v);
    }
    if (nums.size() != 4) return std::nullopt;
    ev.cpu_delta_mib = static_cast<std::int64_t>(nums[0]);
    ev.gpu_delta_mib = static_cast<std::int64_t>(nums[1]);
    ev.cpu_now_mib = static_cast<std::int64_t>(nums[2]);
    ev.gpu_now_mib = static_cast<std::int64_t>(nums[3]);
    return ev;
}

bool contains_nocase(std::string_view hay, std::string_view needle) {
    auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    return it != hay.end();
}

/// Lines that say a layer or subgraph runs outside TensorRT's GPU path.
bool is_fallback_line(std::string_view msg) {
    if (contains_nocase(msg, "Allow GPU fallback")) return false;  // an option dump line
    return contains_nocase(msg, "falling back to") || contains_nocase(msg, "fall back to") ||
           contains_nocase(msg, "not supported on DLA") ||
           contains_nocase(msg, "running on cpu");
}

}  // namespace

std::optional<double> parse_number(std::string_view text) {
    text = trim(text);
    if (text.empty()) return std::nullopt;
    if (text.front() == '+') text.remove_prefix(1);
    double v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
    if (v != v) return std::nullopt;  // NaN
    return v;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto nl = text.find('\n', pos);
        auto end = nl == std::string_view::npos ? text.size() : nl;
        auto line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        pos = end + 1;
    }
    return lines;
}

bool MemoryFacts::empty() const {
    return timeline.empty() && !engine_size_mib && !activation_bytes && !host_persistent_bytes &&
           !device_persistent_bytes && !scratch_bytes && !allocator_peak_gpu_mib &&
           !context_memory_mib;
}

void read_perf_lines(const std::vector<std::string_view>& lines, std::size_t first,
                     std::size_t last, LogRun& run) {
    enum class Mode { none, summary, trt7_latency, trt7_enqueue, trt7_gpu, profile_header, profile };
    Mode mode = Mode::none;
    Summary sum;
    bool have_summary = false;
    Profile prof;
    bool numbers_first = false, has_median = false;
    int numeric_columns = 3;
    last = std::min(last, lines.size());
    for (std::size_t i = first; i < last; ++i) {
        const std::uint64_t lineno = i + 1;
        char sev = 0;
        std::string_view raw = lines[i];
        if (starts_with(raw, "&&&& ")) {
            if (starts_with(raw, "&&&& PASSED")) run.outcome = "PASSED";
            else if (starts_with(raw, "&&&& FAILED")) run.outcome = "FAILED";
            mode = Mode::none;
            continue;
        }
        std::string_view msg = message_of(raw, &sev);
        std::string_view t = trim(msg);

        // The profile table runs until its Total row.
        if (mode == Mode::profile_header) {
            if (t.empty()) continue;
            numbers_first = starts_with(t, "Time(ms)");
            has_median = t.find("Median") != std::string_view::npos;
            numeric_columns = has_median ? 4 : 3;
            prof.source = numbers_first ? "dumpProfile (10.x layout)"
                          : has_median  ? "dumpProfile (8.5 layout)"
                                        : "dumpProfile (8.2 layout)";
            mode = Mode::profile;
            continue;
        }
        if (mode == Mode::profile) {
            auto row = parse_profile_row(msg, numbers_first, numeric_columns, has_median);
            if (!row) {
                if (t.empty()) continue;
                mode = Mode::none;  // table ended without a Total row (cut short)
            } else if (row->name == "Total") {
                prof.total_avg_ms = row->avg_ms;
                run.profile = std::move(prof);
                prof = Profile{};
                mode = Mode::none;
                continue;
            } else {
                prof.layers.push_back(std::move(*row));
                continue;
            }
        }

        if (starts_with(t, "=== Profile (")) {
            prof = Profile{};
            prof.iterations = integer_after(t, "=== Profile (");
            mode = Mode::profile_header;
            continue;
        }
        if (t == "=== Performance summary ===") {
            sum = Summary{};
            sum.source = "log";
            sum.line = lineno;
            have_summary = true;
            mode = Mode::summary;
            continue;
        }
        if (starts_with(t, "=== ")) {
            mode = Mode::none;
            continue;
        }
        if (sev == 'I' && (t == "Host Latency" || t == "Enqueue Time" || t == "GPU Compute")) {
            if (t == "Host Latency") {
                sum = Summary{};
                sum.source = "log (TensorRT 7 form)";
                sum.line = lineno;
                have_summary = true;
                mode = Mode::trt7_latency;
            } else if (have_summary && sum.source == "log (TensorRT 7 form)") {
                mode = t == "Enqueue Time" ? Mode::trt7_enqueue : Mode::trt7_gpu;
            }
            continue;
        }
        switch (mode) {
        case Mode::trt7_latency: read_trt7_line(t, sum.latency, &sum.end_to_end, sum); break;
        case Mode::trt7_enqueue: read_trt7_line(t, sum.enqueue, nullptr, sum); break;
        case Mode::trt7_gpu: read_trt7_line(t, sum.gpu_compute, nullptr, sum); break;
        case Mode::summary: {
            auto colon = t.find(": ");
            if (auto q = number_after(t, "Throughput:")) {
                sum.throughput_qps = q;
            } else if (auto w = number_after(t, "Total Host Walltime:")) {
                sum.host_walltime_s = w;
            } else if (auto g = number_after(t, "Total GPU Compute Time:")) {
                sum.gpu_compute_total_s = g;
            } else if (colon != std::string_view::npos && t.find("min = ") != std::string_view::npos) {
                auto name = t.substr(0, colon);
                Stat st = parse_stat_pairs(t.substr(colon + 2));
                if (name == "Latency") sum.latency = st;
                else if (name == "End-to-End Host Latency") sum.end_to_end = st;
                else if (name == "Enqueue Time") sum.enqueue = st;
                else if (name == "H2D Latency") sum.h2d = st;
                else if (name == "GPU Compute Time") sum.gpu_compute = st;
                else if (name == "D2H Latency") sum.d2h = st;
            }
            break;
        }
        default: break;
        }

        // Lines read wherever they appear.
        if (auto pos = t.find("coefficient of variance = "); pos != std::string_view::npos) {
            if (auto cv = number_after(t.substr(pos), "coefficient of variance =")) sum.cv_percent = cv;
        }
        if (t.find("bound by Enqueue Time") != std::string_view::npos ||
            t.find("may be bound by Enqueue") != std::string_view::npos) {
            run.enqueue_warnings.push_back({lineno, std::string(t)});
        }
        if (auto ev = parse_mem_change(t)) {
            ev->line = lineno;
            run.memory.timeline.push_back(std::move(*ev));
            continue;
        }
        if (starts_with(t, "[MemUsageStats] Peak memory usage")) {
            auto c = t.find("CPU ");
            auto g = t.find("GPU ", c == std::string_view::npos ? 0 : c);
            if (c != std::string_view::npos && g != std::string_view::npos) {
                auto cv = parse_number(tokens(t.substr(c + 4)).front());
                auto gv = parse_number(tokens(t.substr(g + 4)).front());
                if (cv) run.memory.allocator_peak_cpu_mib = static_cast<std::int64_t>(*cv);
                if (gv) run.memory.allocator_peak_gpu_mib = static_cast<std::int64_t>(*gv);
            }
            continue;
        }
        if (auto e = number_after(t, "Loaded engine size:")) {
            run.memory.engine_size_mib = static_cast<std::int64_t>(*e);
        } else if (auto a = integer_after(t, "Total Activation Memory:")) {
            run.memory.activation_bytes = a;
        } else if (auto hp = integer_after(t, "Total Host Persistent Memory:")) {
            run.memory.host_persistent_bytes = hp;
        } else if (auto dp = integer_after(t, "Total Device Persistent Memory:")) {
            run.memory.device_persistent_bytes = dp;
        } else if (auto sc = integer_after(t, "Total Scratch Memory:")) {
            run.memory.scratch_bytes = sc;
        } else if (auto cm = number_after(t, "Created execution context with device memory size:")) {
            run.memory.context_memory_mib = cm;
        }
        if ((sev == 'W' || sev == 'I' || sev == 'E') && is_fallback_line(t)) {
            if (run.fallbacks.size() < 200) run.fallbacks.push_back({lineno, std::string(t)});
        }
    }
    if (mode == Mode::profile && !prof.layers.empty()) run.profile = std::move(prof);  // no Total row
    if (have_summary) run.summary = std::move(sum);
    for (const auto& ev : run.memory.timeline) {
        run.memory.peak_cpu_mib = std::max(run.memory.peak_cpu_mib.value_or(ev.cpu_now_mib), ev.cpu_now_mib);
        run.memory.peak_gpu_mib = std::max(run.memory.peak_gpu_mib.value_or(ev.gpu_now_mib), ev.gpu_now_mib);
    }
}

std::vector<LogRun> read_log_text(std::string_view text) {
    auto lines = split_lines(text);
    auto log = trtexec::parse_log(text);
    std::vector<LogRun> runs;
    if (log.runs.empty()) {
        LogRun run;
        run.first_line = 1;
        read_perf_lines(lines, 0, lines.size(), run);
        if (run.summary || run.profile || !run.memory.empty()) runs.push_back(std::move(run));
        return runs;
    }
    for (std::size_t r = 0; r < log.runs.size(); ++r) {
        const auto& tr = log.runs[r];
        LogRun run;
        run.first_line = tr.first_line;
        run.conditions = conditions_from(tr);
        // A run's perf lines go up to the next run's first line (the banner closes it).
        std::size_t first = tr.first_line > 0 ? tr.first_line - 1 : 0;
        std::size_t last = r + 1 < log.runs.size() ? log.runs[r + 1].first_line - 1 : lines.size();
        if (r == 0) first = 0;
        read_perf_lines(lines, first, std::max(first, last), run);
        runs.push_back(std::move(run));
    }
    return runs;
}

Expected<std::vector<LogRun>> read_log_file(const std::string& path, std::uint64_t max_bytes) {
    auto text = read_small_file(path, max_bytes);
    if (!text) return text.error();
    auto head = std::string_view(*text).substr(0, 65536);
    if (auto nul = head.find('\0'); nul != std::string_view::npos) {
        return ToolError{ErrorCode::binary_input, path == "-" ? "<stdin>" : path,
                         "binary data where a trtexec log was expected", nul, std::nullopt};
    }
    return read_log_text(*text);
}

}  // namespace trtdoctor::perf

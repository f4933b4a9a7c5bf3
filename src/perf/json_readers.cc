#include "perf/json_readers.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <condition_variable>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>

#include <simdjson.h>

#include "core/input_file.h"
#include "perf/stream_stat.h"

namespace trtdoctor::perf {
namespace ondemand = simdjson::ondemand;

namespace {

bool is_ws(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

ToolError json_error(const std::string& name, std::uint64_t offset, std::string message) {
    return ToolError{ErrorCode::invalid_format, name, std::move(message), offset, std::nullopt};
}

/// A simdjson error with the byte offset where the parser stopped.
ToolError simdjson_failure(const std::string& name, simdjson::error_code code,
                           ondemand::document& doc, const char* base, std::uint64_t base_offset,
                           std::uint64_t fallback_offset) {
    std::uint64_t offset = fallback_offset;
    const char* loc = nullptr;
    if (!doc.current_location().get(loc) && loc >= base) {
        offset = base_offset + static_cast<std::uint64_t>(loc - base);
    }
    return json_error(name, offset, std::string("invalid JSON: ") + simdjson::error_message(code));
}

/// One top-level JSON value: [begin, end) byte offsets.
struct DocSpan {
    std::size_t begin, end;
};

/// Splits `json` into its top-level values ('[' or '{' documents back to back), checking
/// that brackets balance and strings close. Truncation names the offset where input ends.
Expected<std::vector<DocSpan>> split_documents(std::string_view json, const std::string& name) {
    std::vector<DocSpan> docs;
    std::vector<char> stack;
    bool in_str = false, esc = false;
    std::size_t begin = 0;
    for (std::size_t i = 0; i < json.size(); ++i) {
        char c = json[i];
        if (in_str) {
            if (esc) esc = false;
            else if (c == '\\') esc = true;
            else if (c == '"') in_str = false;
            continue;
        }
        if (stack.empty()) {
            if (is_ws(c)) continue;
            if (c != '[' && c != '{') {
                return json_error(name, i, std::string("invalid JSON: expected '[' or '{' at the top level, found '") +
                                               (std::isprint(static_cast<unsigned char>(c)) ? std::string(1, c) : "\\x" + std::to_string(static_cast<unsigned char>(c))) + "'");
            }
            begin = i;
            stack.push_back(c);
            continue;
        }
        switch (c) {
        case '"': in_str = true; break;
        case '[':
        case '{':
            if (stack.size() > 256) return json_error(name, i, "invalid JSON: nesting deeper than 256 levels");
            stack.push_back(c);
            break;
        case ']':
        case '}': {
            char open = c == ']' ? '[' : '{';
            if (stack.back() != open) {
                return json_error(name, i, std::string("invalid JSON: '") + c + "' closes '" + stack.back() + "'");
            }
            stack.pop_back();
            if (stack.empty()) docs.push_back({begin, i + 1});
            break;
        }
        default: break;
        }
    }
    if (!stack.empty() || in_str) {
        return json_error(name, json.size(),
                          "truncated JSON: the input ends inside the value that starts at byte " +
                              std::to_string(begin));
    }
    if (docs.empty()) return json_error(name, 0, "empty input: no JSON value");
    return docs;
}

std::string precision_of(std::string_view format) {
    auto has = [&](std::string_view s) { return format.find(s) != std::string_view::npos; };
    if (has("FP8") || has("Fp8")) return "FP8";
    if (has("BF16") || has("Bf16")) return "BF16";
    if (has("FP16") || has("Half") || has("Fp16")) return "FP16";
    if (has("Int8") || has("INT8")) return "INT8";
    if (has("Int4") || has("INT4")) return "INT4";
    if (has("Int32") || has("INT32")) return "INT32";
    if (has("Int64") || has("INT64")) return "INT64";
    if (has("Bool") || has("BOOL")) return "BOOL";
    if (has("FP32") || has("Float")) return "FP32";
    return {};
}

#define TD_TRY(expr)                                                                        \
    do {                                                                                    \
        if (auto td_err_ = (expr)) return fail(td_err_);                                    \
    } while (0)

}  // namespace

std::string_view to_string(FileKind kind) {
    switch (kind) {
    case FileKind::log: return "log";
    case FileKind::profile_json: return "exportProfile";
    case FileKind::layer_info_json: return "exportLayerInfo";
    case FileKind::times_json: return "exportTimes";
    case FileKind::other_json: return "json";
    }
    return "log";
}

FileKind sniff_kind(std::string_view head) {
    std::size_t i = 0;
    while (i < head.size() && is_ws(head[i])) ++i;
    if (i == head.size() || (head[i] != '[' && head[i] != '{')) return FileKind::log;
    auto has = [&](std::string_view s) { return head.find(s) != std::string_view::npos; };
    if (head[i] == '{') return has("\"Layers\"") ? FileKind::layer_info_json : FileKind::other_json;
    if (has("\"startEnqMs\"") || has("\"latencyMs\"") || has("\"computeMs\"")) return FileKind::times_json;
    if (has("\"count\"") || has("\"averageMs\"") || has("\"timeMs\"")) return FileKind::profile_json;
    // "[" followed by a timestamp is a log line, not JSON.
    std::size_t j = i + 1;
    while (j < head.size() && is_ws(head[j])) ++j;
    if (j < head.size() && (head[j] == '{' || head[j] == '[' || head[j] == ']')) return FileKind::other_json;
    return FileKind::log;
}

Expected<std::vector<Profile>> parse_profile_json(std::string_view json, const std::string& name) {
    auto spans = split_documents(json, name);
    if (!spans) return spans.error();
    std::vector<Profile> out;
    ondemand::parser parser;
    for (const auto& span : *spans) {
        simdjson::padded_string padded(json.substr(span.begin, span.end - span.begin));
        ondemand::document doc;
        auto fail_at = [&](simdjson::error_code e) {
            return simdjson_failure(name, e, doc, padded.data(), span.begin, span.begin);
        };
        if (auto e = parser.iterate(padded).get(doc)) return json_error(name, span.begin, simdjson::error_message(e));
        auto fail = [&](simdjson::error_code e) -> Expected<std::vector<Profile>> { return fail_at(e); };
        ondemand::array arr;
        if (doc.get_array().get(arr)) {
            return json_error(name, span.begin, "not an --exportProfile file: the top-level value is not an array");
        }
        Profile prof;
        prof.source = "exportProfile";
        std::uint64_t index = 0;
        for (auto elem : arr) {
            ondemand::object obj;
            TD_TRY(elem.get_object().get(obj));
            LayerTime lt;
            bool named = false, is_count = false;
            for (auto field : obj) {
                ondemand::raw_json_string key;
                TD_TRY(field.key().get(key));
                auto value = field.value();
                if (key == "name") {
                    std::string_view s;
                    TD_TRY(value.get_string().get(s));
                    lt.name = std::string(s);
                    named = true;
                } else if (key == "count") {
                    double c = 0;
                    TD_TRY(value.get_double().get(c));
                    prof.iterations = static_cast<std::uint64_t>(std::max(0.0, c));
                    is_count = true;
                } else if (key == "timeMs") {
                    TD_TRY(value.get_double().get(lt.total_ms));
                } else if (key == "averageMs") {
                    TD_TRY(value.get_double().get(lt.avg_ms));
                } else if (key == "medianMs") {
                    double m = 0;
                    TD_TRY(value.get_double().get(m));
                    lt.median_ms = m;
                } else if (key == "percentage") {
                    TD_TRY(value.get_double().get(lt.percent));
                }
            }
            if (named) {
                prof.layers.push_back(std::move(lt));
            } else if (!is_count) {
                return json_error(name, span.begin,
                                  "not an --exportProfile file: element " + std::to_string(index) +
                                      " has neither \"name\" nor \"count\"");
            }
            ++index;
        }
        out.push_back(std::move(prof));
    }
    return out;
}

Expected<LayerInfoSet> parse_layer_info_json(std::string_view json, const std::string& name) {
    auto spans = split_documents(json, name);
    if (!spans) return spans.error();
    if (spans->size() != 1) {
        return json_error(name, (*spans)[1].begin,
                          "several JSON values back to back; --exportLayerInfo writes one object");
    }
    const auto span = spans->front();
    simdjson::padded_string padded(json.substr(span.begin, span.end - span.begin));
    ondemand::parser parser;
    ondemand::document doc;
    if (auto e = parser.iterate(padded).get(doc)) return json_error(name, span.begin, simdjson::error_message(e));
    auto fail = [&](simdjson::error_code e) -> Expected<LayerInfoSet> {
        return simdjson_failure(name, e, doc, padded.data(), span.begin, span.begin);
    };
    ondemand::object top;
    if (doc.get_object().get(top)) {
        return json_error(name, span.begin, "not an --exportLayerInfo file: the top-level value is not an object");
    }
    LayerInfoSet set;
    bool saw_layers = false;
    for (auto field : top) {
        ondemand::raw_json_string key;
        TD_TRY(field.key().get(key));
        if (!(key == "Layers")) continue;
        saw_layers = true;
        ondemand::array layers;
        TD_TRY(field.value().get_array().get(layers));
        for (auto elem : layers) {
            ondemand::json_type type;
            TD_TRY(elem.type().get(type));
            LayerInfo li;
            if (type == ondemand::json_type::string) {
                std::string_view s;
                TD_TRY(elem.get_string().get(s));
                li.name = std::string(s);
            } else {
                ondemand::object obj;
                TD_TRY(elem.get_object().get(obj));
                set.detailed = true;
                for (auto lf : obj) {
                    ondemand::raw_json_string lk;
                    TD_TRY(lf.key().get(lk));
                    auto v = lf.value();
                    std::string_view s;
                    if (lk == "Name") {
                        TD_TRY(v.get_string().get(s));
                        li.name = std::string(s);
                    } else if (lk == "LayerType") {
                        TD_TRY(v.get_string().get(s));
                        li.type = std::string(s);
                    } else if (lk == "TacticName") {
                        TD_TRY(v.get_string().get(s));
                        li.tactic = std::string(s);
                    } else if (lk == "Outputs" && li.precision.empty()) {
                        ondemand::array outs;
                        if (v.get_array().get(outs)) continue;
                        for (auto o : outs) {
                            ondemand::object oo;
                            TD_TRY(o.get_object().get(oo));
                            for (auto of : oo) {
                                ondemand::raw_json_string ok;
                                TD_TRY(of.key().get(ok));
                                if (ok == "Format/Datatype") {
                                    std::string_view f;
                                    TD_TRY(of.value().get_string().get(f));
                                    if (li.precision.empty()) li.precision = precision_of(f);
                                }
                            }
                        }
                    }
                }
            }
            set.layers.push_back(std::move(li));
        }
    }
    if (!saw_layers) return json_error(name, span.begin, "not an --exportLayerInfo file: no \"Layers\" array");
    return set;
}

// ---------------------------------------------------------------------------------------
// --exportTimes, streamed.

namespace {

/// Accumulates the records of one array.
struct TimesAccumulator {
    StreamStat latency, compute, enqueue, h2d, d2h, end_to_end;
    double first_start = std::numeric_limits<double>::infinity();
    double last_end = -std::numeric_limits<double>::infinity();
    std::uint64_t records = 0;
    bool trt7 = false;

    void merge(const TimesAccumulator& o) {
        latency.merge(o.latency);
        compute.merge(o.compute);
        enqueue.merge(o.enqueue);
        h2d.merge(o.h2d);
        d2h.merge(o.d2h);
        end_to_end.merge(o.end_to_end);
        first_start = std::min(first_start, o.first_start);
        last_end = std::max(last_end, o.last_end);
        records += o.records;
        trt7 = trt7 || o.trt7;
    }

    TimesSegment finish() const {
        TimesSegment seg;
        seg.records = records;
        seg.trt7_schema = trt7;
        seg.exact_percentiles = latency.exact();
        Summary& s = seg.summary;
        s.source = "exportTimes";
        s.latency = latency.to_stat();
        s.gpu_compute = compute.to_stat();
        s.enqueue = enqueue.to_stat();
        s.h2d = h2d.to_stat();
        s.d2h = d2h.to_stat();
        if (end_to_end.count()) s.end_to_end = end_to_end.to_stat();
        if (records && last_end > first_start) {
            double wall_ms = last_end - first_start;
            s.host_walltime_s = wall_ms / 1000.0;
            s.throughput_qps = static_cast<double>(records) / (wall_ms / 1000.0);
        }
        if (compute.count()) {
            s.gpu_compute_total_s = compute.sum() / 1000.0;
            if (auto mean = s.gpu_compute.mean; mean && *mean > 0 && s.gpu_compute.stddev) {
                s.cv_percent = *s.gpu_compute.stddev / *mean * 100.0;
            }
        }
        return seg;
    }
};

/// Adds one record's fields to `acc`; false when it has neither latencyMs nor computeMs.
struct TimesRecord {
    static constexpr double k_none = std::numeric_limits<double>::quiet_NaN();
    double start_enq = k_none, end_enq = k_none, latency = k_none, compute = k_none, h2d = k_none, d2h = k_none,
           e2e = k_none, end_out = k_none;
    bool set(std::string_view key, double v, bool& trt7) {
        if (key == "latencyMs") latency = v;
        else if (key == "computeMs") compute = v;
        else if (key == "startEnqMs") start_enq = v;
        else if (key == "endEnqMs") end_enq = v;
        else if (key == "h2dMs") h2d = v;
        else if (key == "d2hMs") d2h = v;
        else if (key == "endD2hMs") end_out = v;
        else if (key == "inMs") { h2d = v; trt7 = true; }
        else if (key == "outMs") { d2h = v; trt7 = true; }
        else if (key == "endOutMs") end_out = v;
        else if (key == "endToEndMs") e2e = v;
        else return false;
        return true;
    }
    bool add_to(TimesAccumulator& acc) const {
        if (std::isnan(latency) && std::isnan(compute)) return false;
        ++acc.records;
        if (!std::isnan(latency)) acc.latency.add(latency);
        if (!std::isnan(compute)) acc.compute.add(compute);
        if (!std::isnan(start_enq) && !std::isnan(end_enq)) {
            acc.enqueue.add(end_enq - start_enq);
            acc.first_start = std::min(acc.first_start, start_enq);
        }
        if (!std::isnan(h2d)) acc.h2d.add(h2d);
        if (!std::isnan(d2h)) acc.d2h.add(d2h);
        if (!std::isnan(e2e)) acc.end_to_end.add(e2e);
        if (!std::isnan(end_out)) acc.last_end = std::max(acc.last_end, end_out);
        return true;
    }
};

/// The slow path, only after the fast one failed: the on-demand parser reports where.
ToolError locate_times_error(const char* p, std::size_t need, std::size_t capacity, std::uint64_t body_offset,
                             const std::string& name) {
    ondemand::parser parser;
    ondemand::document doc;
    auto fail = [&](simdjson::error_code e) {
        std::uint64_t offset = body_offset;
        const char* loc = nullptr;
        if (!doc.current_location().get(loc) && loc > p) offset = body_offset + static_cast<std::uint64_t>(loc - p - 1);
        return json_error(name, offset, std::string("invalid JSON in --exportTimes: ") + simdjson::error_message(e));
    };
    if (auto e = parser.iterate(p, need, capacity).get(doc)) {
        // No document to ask for a location (invalid UTF-8, for one): the batch's start.
        return json_error(name, body_offset, std::string("invalid JSON in --exportTimes: ") + simdjson::error_message(e));
    }
    ondemand::array arr;
    if (auto e = doc.get_array().get(arr)) return fail(e);
    for (auto elem : arr) {
        ondemand::object obj;
        if (auto e = elem.get_object().get(obj)) return fail(e);
        TimesRecord rec;
        bool trt7 = false;
        for (auto field : obj) {
            std::string_view key;
            if (auto e = field.unescaped_key().get(key)) return fail(e);
            double v = 0;
            if (auto e = field.value().get_double().get(v)) return fail(e);
            rec.set(key, v, trt7);
        }
        if (std::isnan(rec.latency) && std::isnan(rec.compute)) {
            const char* loc = nullptr;
            std::uint64_t offset = body_offset;
            if (!doc.current_location().get(loc) && loc > p) offset = body_offset + static_cast<std::uint64_t>(loc - p - 1);
            return json_error(name, offset, "not an --exportTimes record: no latencyMs or computeMs");
        }
    }
    return json_error(name, body_offset, "invalid JSON in --exportTimes");
}

/// Copies "[" + body + "]" into `scratch` (grown when needed), padded for simdjson.
std::size_t frame_body(simdjson::padded_string& scratch, std::string_view body) {
    const std::size_t need = body.size() + 2;
    if (scratch.size() < need) scratch = simdjson::padded_string(need + need / 4);
    char* p = scratch.data();
    p[0] = '[';
    std::memcpy(p + 1, body.data(), body.size());
    p[need - 1] = ']';
    std::memset(p + need, ' ', simdjson::SIMDJSON_PADDING);  // padded_string allocates size() + padding
    return need;
}

/// Parses a framed body of whole records and adds them to `acc`. The DOM parser is used
/// because it picks the fastest SIMD kernels of this CPU at run time. `not_json` is set
/// when the text itself is not valid JSON (then nothing was added to `acc`).
std::optional<ToolError> parse_framed(simdjson::dom::parser& parser, const simdjson::padded_string& scratch,
                                      std::size_t need, std::uint64_t body_offset, TimesAccumulator& acc,
                                      const std::string& name, bool* not_json) {
    const char* p = scratch.data();
    const std::size_t capacity = scratch.size() + simdjson::SIMDJSON_PADDING;
    simdjson::dom::element root;
    simdjson::dom::array arr;
    if (parser.parse(reinterpret_cast<const std::uint8_t*>(p), need, false).get(root) || root.get_array().get(arr)) {
        if (not_json) *not_json = true;
        return locate_times_error(p, need, capacity, body_offset, name);
    }
    for (simdjson::dom::element elem : arr) {
        simdjson::dom::object obj;
        if (elem.get_object().get(obj)) return locate_times_error(p, need, capacity, body_offset, name);
        TimesRecord rec;
        for (auto field : obj) {
            double v = 0;
            if (field.value.get_double().get(v)) return locate_times_error(p, need, capacity, body_offset, name);
            rec.set(field.key, v, acc.trt7);
        }
        if (!rec.add_to(acc)) return locate_times_error(p, need, capacity, body_offset, name);
    }
    return std::nullopt;
}

std::optional<ToolError> parse_times_batch(simdjson::dom::parser& parser, simdjson::padded_string& scratch,
                                           std::string_view body, std::uint64_t body_offset,
                                           TimesAccumulator& acc, const std::string& name,
                                           bool* not_json = nullptr) {
    const std::size_t need = frame_body(scratch, body);
    return parse_framed(parser, scratch, need, body_offset, acc, name, not_json);
}

/// A second parser on its own thread: the reader hands it every other window, so two
/// windows are parsed at once. It keeps its own accumulator, merged at the end of an array.
class TimesWorker {
public:
    explicit TimesWorker(const std::string& name) : m_name(name), m_thread([this] { loop(); }) {}
    ~TimesWorker() {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_cv.notify_all();
        m_thread.join();
    }
    TimesWorker(const TimesWorker&) = delete;
    TimesWorker& operator=(const TimesWorker&) = delete;

    /// Starts parsing `body` when idle; false when busy (the caller parses it itself).
    bool try_start(std::string_view body, std::uint64_t body_offset) {
        std::unique_lock<std::mutex> lock(m_mutex);
        if (m_busy || m_error) return false;
        m_need = frame_body(m_scratch, body);
        m_offset = body_offset;
        m_busy = true;
        lock.unlock();
        m_cv.notify_all();
        return true;
    }

    /// Waits for the current job; merges what was parsed into `acc`; the first error if any.
    std::optional<ToolError> drain_into(TimesAccumulator& acc) {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_cv.wait(lock, [this] { return !m_busy; });
        if (m_error) return m_error;
        acc.merge(m_acc);
        m_acc = TimesAccumulator();
        return std::nullopt;
    }

private:
    void loop() {
        std::unique_lock<std::mutex> lock(m_mutex);
        while (true) {
            m_cv.wait(lock, [this] { return m_stop || m_busy; });
            if (m_stop) return;
            lock.unlock();
            auto err = parse_framed(m_parser, m_scratch, m_need, m_offset, m_acc, m_name, nullptr);
            lock.lock();
            if (err && !m_error) m_error = std::move(err);
            m_busy = false;
            m_cv.notify_all();
        }
    }

    const std::string& m_name;
    simdjson::dom::parser m_parser;
    simdjson::padded_string m_scratch{1 << 16};
    std::size_t m_need = 0;
    std::uint64_t m_offset = 0;
    TimesAccumulator m_acc;
    std::optional<ToolError> m_error;
    bool m_busy = false, m_stop = false;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::thread m_thread;  // last: starts after the members it uses
};

/// Bytes the structural scanner must stop at, outside strings (at depth >= 2).
struct ScanTables {
    bool structural[256] = {};
    bool in_string[256] = {};
    ScanTables() {
        for (unsigned char c : {'"', '{', '}', '[', ']'}) structural[c] = true;
        for (unsigned char c : {'"', '\\'}) in_string[c] = true;
    }
};
const ScanTables k_scan;

}  // namespace

Expected<TimesResult> read_times_stream(const ReadFn& read, const std::string& name, std::size_t window) {
    window = std::max<std::size_t>(window, 4096);
    TimesResult result;
    simdjson::dom::parser parser;
    simdjson::padded_string scratch(window + 1024);
    std::optional<TimesAccumulator> acc;
    std::uint64_t array_open_offset = 0;

    // buf holds the bytes not yet consumed; buf[0] is always a "safe point": outside any
    // string, at depth 0 (between arrays) or 1 (between records of an open array).
    std::string buf;
    std::uint64_t buf_offset = 0;  // file offset of buf[0]
    int depth = 0;                 // at buf[0]
    bool after_record = false;     // at buf[0]: a record ended, a comma must come next
    bool eof = false;

    // Parser threads besides this one: up to 3, one fewer than the CPUs (at least 1).
    const unsigned cpus = std::max(2u, std::thread::hardware_concurrency());
    std::vector<std::unique_ptr<TimesWorker>> workers;
    for (unsigned k = 0; k < std::min(3u, cpus - 1); ++k) workers.push_back(std::make_unique<TimesWorker>(name));
    std::optional<ToolError> worker_error;
    auto drain_workers = [&](TimesAccumulator& into) {
        for (auto& w : workers) {
            if (auto err = w->drain_into(into); err && !worker_error) worker_error = std::move(err);
        }
    };
    auto close_segment = [&]() {
        drain_workers(*acc);
        result.segments.push_back(acc->finish());
        acc.reset();
    };
    auto parse_body = [&](std::size_t from, std::size_t to, bool* not_json = nullptr) -> std::optional<ToolError> {
        return parse_times_batch(parser, scratch, std::string_view(buf).substr(from, to - from), buf_offset + from, *acc,
                                 name, not_json);
    };
    std::optional<ToolError> fast_error;

    // Fast path: between records of an open array, cut the window after its last '}' and let
    // the SIMD parser validate the records. Only taken when the text between holds no
    // brackets; anything unusual goes to the exact scanner below.
    auto fast_window = [&]() -> std::optional<std::size_t> {  // bytes consumed, or nullopt
        if (depth != 1) return std::nullopt;
        std::size_t b = 0;
        int commas = 0;
        while (b < buf.size() && (is_ws(buf[b]) || buf[b] == ',')) commas += buf[b++] == ',';
        if (b >= buf.size() || buf[b] != '{' || commas != (after_record ? 1 : 0)) return std::nullopt;
        const void* last = nullptr;
        for (std::size_t k = buf.size(); k > b; --k) {
            if (buf[k - 1] == '}') {
                last = buf.data() + k - 1;
                break;
            }
        }
        if (!last) return std::nullopt;
        const std::size_t end = static_cast<std::size_t>(static_cast<const char*>(last) - buf.data()) + 1;
        // An array end inside (several arrays back to back) needs the exact scanner.
        if (std::memchr(buf.data() + b, ']', end - b)) return std::nullopt;
        for (auto& w : workers) {
            if (w->try_start(std::string_view(buf).substr(b, end - b), buf_offset + b)) {
                after_record = true;
                return end;
            }
        }
        bool not_json = false;
        if (auto err = parse_body(b, end, &not_json)) {
            // A cut inside a string (or broken JSON): the exact scanner redoes this window.
            // Records already added cannot be redone: then the error stands.
            if (!not_json) fast_error = std::move(err);
            return std::nullopt;
        }
        after_record = true;
        return end;
    };

    // Exact scanner: tracks strings and depth byte by byte; parses complete records in
    // batches; returns the bytes consumed (up to the last safe point).
    auto exact_window = [&]() -> Expected<std::size_t> {
        bool in_str = false, esc = false;
        int d = depth;
        std::size_t safe = 0;
        int safe_depth = depth;
        bool safe_after = after_record;
        std::size_t batch_start = std::string::npos, batch_end = 0;
        auto flush = [&]() -> std::optional<ToolError> {
            if (batch_start == std::string::npos || batch_end <= batch_start) return std::nullopt;
            auto err = parse_body(batch_start, batch_end);
            batch_start = std::string::npos;
            return err;
        };
        const std::size_t n = buf.size();
        const char* data = buf.data();
        for (std::size_t i = 0; i < n; ++i) {
            if (in_str && !esc) {
                while (i < n && !k_scan.in_string[static_cast<unsigned char>(data[i])]) ++i;
            } else if (d >= 2 && !in_str) {
                while (i < n && !k_scan.structural[static_cast<unsigned char>(data[i])]) ++i;
            }
            if (i >= n) break;
            const char c = data[i];
            if (in_str) {
                if (esc) esc = false;
                else if (c == '\\') esc = true;
                else if (c == '"') in_str = false;
                continue;
            }
            if (d >= 2) {
                if (c == '"') {
                    in_str = true;
                } else if (c == '{' || c == '[') {
                    if (++d > 64) return json_error(name, buf_offset + i, "invalid JSON: nesting deeper than 64 levels");
                } else if ((c == '}' || c == ']') && --d == 1) {
                    batch_end = i + 1;
                    safe = i + 1;
                    safe_depth = 1;
                    safe_after = true;
                }
                continue;
            }
            if (is_ws(c)) continue;
            if (d == 1) {
                if (c == '{') {
                    d = 2;
                    if (batch_start == std::string::npos) batch_start = i;
                } else if (c == ']') {
                    if (auto err = flush()) return *err;
                    close_segment();
                    if (worker_error) return *worker_error;
                    d = 0;
                    safe = i + 1;
                    safe_depth = 0;
                    safe_after = false;
                } else if (c != ',') {
                    return json_error(name, buf_offset + i,
                                      std::string("not an --exportTimes file: expected a record object, found '") + c + "'");
                }
                continue;
            }
            if (c == '[') {  // a new top-level array: several back to back are separate segments
                d = 1;
                acc.emplace();
                array_open_offset = buf_offset + i;
                safe = i + 1;
                safe_depth = 1;
                safe_after = false;
            } else {
                return json_error(name, buf_offset + i,
                                  result.segments.empty() ? "not an --exportTimes file: it does not start with '['"
                                                          : "invalid JSON after the end of the array");
            }
        }
        if (auto err = flush()) return *err;
        if (eof && (d != 0 || in_str)) {
            return json_error(name, result.bytes,
                              "truncated JSON: the input ends inside the array that starts at byte " +
                                  std::to_string(array_open_offset) + " (" + std::to_string(acc ? acc->records : 0) +
                                  " complete records before it)");
        }
        // The bytes after the last safe point (a partial record) stay for the next window.
        depth = safe_depth;
        after_record = safe_after;
        if (eof) return n;
        return safe;
    };

    while (true) {
        const std::size_t old = buf.size();
        buf.resize(old + window);
        auto got = read(buf.data() + old, window);
        if (!got) return got.error();
        buf.resize(old + *got);
        result.bytes += *got;
        eof = *got == 0;

        std::size_t consumed = 0;
        if (!eof) {
            if (auto fast = fast_window()) consumed = *fast;
            if (fast_error) return *fast_error;
            if (worker_error) return *worker_error;
        }
        if (consumed == 0) {
            auto exact = exact_window();
            if (!exact) return exact.error();
            consumed = *exact;
        }
        buf.erase(0, consumed);
        buf_offset += consumed;
        if (eof) break;
        if (buf.size() > (64u << 20)) {
            return json_error(name, buf_offset, "a single --exportTimes record is larger than 64 MiB");
        }
    }
    if (acc) drain_workers(*acc);
    if (worker_error) return *worker_error;
    if (result.segments.empty()) return json_error(name, 0, "empty input: no JSON array");
    return result;
}

Expected<TimesResult> parse_times_json(std::string_view json, const std::string& name, std::size_t window) {
    std::size_t pos = 0;
    ReadFn read = [&](char* buf, std::size_t n) -> Expected<std::size_t> {
        std::size_t k = std::min(n, json.size() - pos);
        std::memcpy(buf, json.data() + pos, k);
        pos += k;
        return k;
    };
    return read_times_stream(read, name, window);
}

Expected<TimesResult> read_times_file(const std::string& path, std::size_t window) {
    auto in = InputFile::open(path);
    if (!in) return in.error();
    ReadFn read = [&](char* buf, std::size_t n) -> Expected<std::size_t> {
        std::size_t total = 0;
        while (total < n) {
            auto got = in->read(buf + total, n - total);
            if (!got) return got.error();
            if (*got == 0) break;
            total += *got;
        }
        return total;
    };
    return read_times_stream(read, in->name(), window);
}

Expected<std::string> read_bounded(InputFile& in, std::uint64_t max_bytes) {
    std::string out;
    const std::uint64_t limit = max_bytes + 1;
    std::size_t step = in.size() ? static_cast<std::size_t>(std::min<std::uint64_t>(*in.size() + 1, limit)) : 1u << 20;
    while (out.size() < limit) {
        const std::size_t old = out.size();
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(std::max<std::size_t>(step, 65536), limit - old));
        out.resize(old + want);
        auto got = in.read(out.data() + old, want);
        if (!got) return got.error();
        out.resize(old + *got);
        if (*got == 0) break;
        step = out.size();  // grow geometrically for streams
    }
    return out;
}

Expected<std::string> read_small_file(const std::string& path, std::uint64_t max_bytes) {
    auto in = InputFile::open(path);
    if (!in) return in.error();
    auto text = read_bounded(*in, max_bytes);
    if (!text) return text.error();
    if (text->size() > max_bytes) {
        return ToolError{ErrorCode::too_large, in->name(),
                         "larger than the limit of " + std::to_string(max_bytes) + " bytes for this kind of file",
                         std::nullopt, std::nullopt};
    }
    return std::move(*text);
}

}  // namespace trtdoctor::perf

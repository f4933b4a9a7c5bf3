#include "log/matcher.h"

#include <hs.h>
#include <re2/re2.h>

#include <algorithm>
#include <type_traits>
#include <cstring>

#include "core/embedded.h"
#include "log/line_reader.h"
#include "log/normaliser.h"

namespace trtdoctor::embedded {
extern const EmbeddedFile log_markers_data[];
extern const std::size_t log_markers_data_count;
}  // namespace trtdoctor::embedded

namespace trtdoctor::log {

namespace {

struct Extractor {
    std::unique_ptr<RE2> re;
    std::vector<std::pair<int, std::string>> groups;  // capture index, name
};

// One rule or marker: its extractors; its patterns point back at it.
struct Entry {
    const Diagnosis* rule = nullptr;  // null for a marker
    std::string marker;
    std::vector<Extractor> extractors;
};

struct PatternInfo {
    std::uint32_t entry = 0;
    std::string text;             // as written
    std::unique_ptr<RE2> verify;  // null when RE2 cannot read it (Hyperscan's word is final)
};

RE2::Options re2_options(bool caseless) {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_encoding(RE2::Options::EncodingLatin1);
    o.set_case_sensitive(!caseless);
    return o;
}

std::string_view strip_caseless(std::string_view p, bool& caseless) {
    caseless = false;
    if (p.starts_with("(?i)")) {
        caseless = true;
        p.remove_prefix(4);
    }
    return p;
}

// True when a pattern holds a construct that Hyperscan lets match '\n' (in multiline mode
// without DOTALL, '.' never does); only those need RE2 to confirm the hit on the line itself.
bool can_cross_lines(std::string_view p) {
    for (const std::string_view token : {"\\s", "\\W", "\\D", "\\H", "[^", "\\n", "\\x0a", "\\x0A", "\\v",
                                         "\\R", "\\012", "(?s", "\\p", "\\P"}) {
        if (p.find(token) != std::string_view::npos) return true;
    }
    return false;
}

struct Located {
    std::size_t to;      // match end offset in the block
    std::uint32_t id;    // pattern id
};

struct ScanContext {
    const char* data;
    std::size_t size;
    std::vector<Located>* hits;
    std::vector<std::pair<std::size_t, std::size_t>>* line_of;  // per pattern: its last hit's line
};

// Index of the last byte a match covers (the '\n' of a line counts as that line's).
std::size_t anchor_of(std::size_t to) { return to > 0 ? to - 1 : 0; }

std::size_t line_end_at(const char* data, std::size_t size, std::size_t anchor) {
    if (anchor >= size) return size;
    const void* nl = std::memchr(data + anchor, '\n', size - anchor);
    return nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - data) : size;
}

std::size_t line_start_at(const char* data, std::size_t end) {
    if (end == 0) return 0;
    const void* nl = memrchr(data, '\n', end);
    return nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - data) + 1 : 0;
}

int on_match(unsigned int id, unsigned long long /*from*/, unsigned long long to,
             unsigned int /*flags*/, void* ctx) {
    auto* c = static_cast<ScanContext*>(ctx);
    const std::size_t anchor = anchor_of(static_cast<std::size_t>(to));
    auto& [start, end] = (*c->line_of)[id];
    // Later matches of a pattern on a line it already hit add nothing.
    if (start != SIZE_MAX && anchor >= start && anchor <= end) return 0;
    end = line_end_at(c->data, c->size, anchor);
    start = line_start_at(c->data, end);
    c->hits->push_back({static_cast<std::size_t>(to), id});
    return 0;
}

}  // namespace

struct Matcher::Impl {
    std::vector<Entry> entries;
    std::vector<PatternInfo> patterns;
    hs_database_t* db = nullptr;
    mutable hs_scratch_t* scratch = nullptr;
    std::size_t rules = 0, markers = 0;

    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl() {
        if (scratch) hs_free_scratch(scratch);
        if (db) hs_free_database(db);
    }

    // Facts from the entry's extractors; the first value of each name wins.
    std::vector<std::pair<std::string, std::string>> extract(const Entry& e, std::string_view line) const {
        std::vector<std::pair<std::string, std::string>> facts;
        const re2::StringPiece text(line.data(), line.size());
        for (const auto& x : e.extractors) {
            const int n = x.re->NumberOfCapturingGroups();
            std::vector<re2::StringPiece> sub(static_cast<std::size_t>(n) + 1);
            if (!x.re->Match(text, 0, text.size(), RE2::UNANCHORED, sub.data(), n + 1)) continue;
            for (const auto& group : x.groups) {
                const auto& piece = sub[static_cast<std::size_t>(group.first)];
                if (piece.data() == nullptr) continue;
                const std::string& name = group.second;
                const bool seen = std::any_of(facts.begin(), facts.end(),
                                              [&name](const auto& f) { return f.first == name; });
                if (!seen) facts.emplace_back(name, std::string(piece.data(), piece.size()));
            }
        }
        return facts;
    }

    bool verified(std::uint32_t pattern, std::string_view line) const {
        const auto& re = patterns[pattern].verify;
        if (!re) return true;
        return RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), *re);
    }

    // The distinct entries whose pattern fired on the line and holds there, markers first.
    void fired_entries(std::string_view line, const std::vector<std::uint32_t>& ids,
                       std::vector<std::uint32_t>& fired) const {
        fired.clear();
        for (const auto id : ids) {
            const auto entry = patterns[id].entry;
            if (std::find(fired.begin(), fired.end(), entry) != fired.end()) continue;
            if (verified(id, line)) fired.push_back(entry);
        }
        std::stable_sort(fired.begin(), fired.end(), [&](auto a, auto b) {
            return (entries[a].rule == nullptr) > (entries[b].rule == nullptr);
        });
    }

    // A RuleHit or MarkerHit for entry `e` on the normalised line: the shared fields, then the
    // rule or marker it names.
    template <class Hit>
    Hit make_hit(const Entry& e, const LogLine& norm, std::string_view line) const {
        Hit h;
        if constexpr (std::is_same_v<Hit, RuleHit>) h.rule = e.rule;
        else h.marker = e.marker;
        h.line = norm.number;
        h.level = norm.level;
        h.origin = norm.origin;
        h.text = std::string(line.substr(0, k_max_hit_text));
        h.facts = extract(e, line);
        return h;
    }
    RuleHit rule_hit(const Entry& e, const LogLine& norm, std::string_view line) const {
        return make_hit<RuleHit>(e, norm, line);
    }
    MarkerHit marker_hit(const Entry& e, const LogLine& norm, std::string_view line) const {
        return make_hit<MarkerHit>(e, norm, line);
    }

    // Locates the lines of a block's matches and calls on_line(line, number, ids) in order.
    // Buffers reused from block to block.
    struct Scratch {
        std::vector<Located> hits;
        std::vector<std::pair<std::size_t, std::size_t>> line_of;
        std::vector<std::uint32_t> ids;
    };

    template <class OnLine>
    void locate(std::string_view block, std::uint64_t first_line, Scratch& work, OnLine&& on_line) const {
        if (!db || block.empty()) return;
        std::vector<Located>& hits = work.hits;
        hits.clear();
        work.line_of.assign(patterns.size(), {SIZE_MAX, SIZE_MAX});
        ScanContext ctx{block.data(), block.size(), &hits, &work.line_of};
        hs_scan(db, block.data(), static_cast<unsigned>(block.size()), 0, scratch, on_match, &ctx);
        if (hits.empty()) return;
        std::sort(hits.begin(), hits.end(), [](const Located& a, const Located& b) {
            return a.to != b.to ? a.to < b.to : a.id < b.id;
        });
        const char* data = block.data();
        std::size_t counted_to = 0;  // newlines before this offset are counted in `line`
        std::uint64_t line = first_line;
        std::size_t i = 0;
        std::vector<std::uint32_t>& ids = work.ids;
        while (i < hits.size()) {
            const std::size_t anchor = anchor_of(hits[i].to);
            const std::size_t end = line_end_at(data, block.size(), anchor);
            const std::size_t start = line_start_at(data, end);
            if (start > counted_to) {
                line += count_newlines(data + counted_to, start - counted_to);
                counted_to = start;
            }
            ids.clear();
            while (i < hits.size() && anchor_of(hits[i].to) <= end && anchor_of(hits[i].to) >= start) {
                ids.push_back(hits[i].id);
                ++i;
            }
            std::sort(ids.begin(), ids.end());
            ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
            on_line(block.substr(start, end - start), line, ids);
        }
    }
};

Matcher::Matcher(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Matcher::Matcher(Matcher&&) noexcept = default;
Matcher& Matcher::operator=(Matcher&&) noexcept = default;
Matcher::~Matcher() = default;

Expected<std::vector<Record>> builtin_markers() {
    std::vector<Record> all;
    for (std::size_t i = 0; i < embedded::log_markers_data_count; ++i) {
        const auto& f = embedded::log_markers_data[i];
        auto records = parse_records(f.contents, f.name);
        if (!records) return records.error();
        for (auto& r : *records) all.push_back(std::move(r));
    }
    return all;
}

Expected<Matcher> Matcher::create(std::vector<const Diagnosis*> rules, std::vector<Record> markers) {
    auto impl = std::make_unique<Impl>();
    auto error = [](std::string where, std::string message) {
        return ToolError{ErrorCode::invalid_format, std::move(where), std::move(message),
                         std::nullopt, std::nullopt};
    };
    std::vector<std::string> hs_texts;
    std::vector<unsigned> flags;
    auto add_entry = [&](Entry entry, const Record& record, const std::string& label) -> std::optional<ToolError> {
        const auto index = static_cast<std::uint32_t>(impl->entries.size());
        for (const auto pattern : record.get_all("Pattern")) {
            bool caseless = false;
            const std::string_view body = strip_caseless(pattern, caseless);
            PatternInfo info;
            info.entry = index;
            info.text = std::string(pattern);
            auto re = std::make_unique<RE2>(re2::StringPiece(body.data(), body.size()), re2_options(caseless));
            if (re->ok() && can_cross_lines(body)) info.verify = std::move(re);
            impl->patterns.push_back(std::move(info));
            hs_texts.emplace_back(body);
            flags.push_back(HS_FLAG_MULTILINE | (caseless ? HS_FLAG_CASELESS : 0u));
        }
        for (const auto extract : record.get_all("Extract")) {
            bool caseless = false;
            const std::string_view body = strip_caseless(extract, caseless);
            Extractor x;
            x.re = std::make_unique<RE2>(re2::StringPiece(body.data(), body.size()), re2_options(caseless));
            if (!x.re->ok()) {
                return error(record.source, label + ": Extract '" + std::string(extract) +
                                                "' is not a valid RE2 expression: " + x.re->error());
            }
            for (const auto& [name, group] : x.re->NamedCapturingGroups()) x.groups.emplace_back(group, name);
            std::sort(x.groups.begin(), x.groups.end());
            entry.extractors.push_back(std::move(x));
        }
        impl->entries.push_back(std::move(entry));
        return std::nullopt;
    };
    for (const Diagnosis* d : rules) {
        Entry e;
        e.rule = d;
        if (auto err = add_entry(std::move(e), d->record, d->code)) return *err;
        ++impl->rules;
    }
    for (const Record& r : markers) {
        Entry e;
        e.marker = std::string(r.get("Marker").value_or(""));
        if (e.marker.empty()) {
            return error(r.source, "record at line " + std::to_string(r.line) + " has no Marker");
        }
        const std::string label = "marker " + e.marker;
        if (auto err = add_entry(std::move(e), r, label)) return *err;
        ++impl->markers;
    }
    if (!hs_texts.empty()) {
        std::vector<const char*> exprs;
        std::vector<unsigned> ids;
        for (std::size_t i = 0; i < hs_texts.size(); ++i) {
            exprs.push_back(hs_texts[i].c_str());
            ids.push_back(static_cast<unsigned>(i));
        }
        hs_compile_error_t* compile_error = nullptr;
        if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), static_cast<unsigned>(exprs.size()),
                             HS_MODE_BLOCK, nullptr, &impl->db, &compile_error) != HS_SUCCESS) {
            std::string where = "catalogue";
            std::string message = compile_error ? compile_error->message : "compile failed";
            if (compile_error && compile_error->expression >= 0) {
                const auto& p = impl->patterns[static_cast<std::size_t>(compile_error->expression)];
                const Entry& e = impl->entries[p.entry];
                where = e.rule ? e.rule->record.source : std::string("log.markers");
                message = (e.rule ? e.rule->code : "marker " + e.marker) + ": Pattern '" + p.text +
                          "' is rejected by Hyperscan: " + message;
            }
            if (compile_error) hs_free_compile_error(compile_error);
            return error(where, message);
        }
        if (hs_alloc_scratch(impl->db, &impl->scratch) != HS_SUCCESS) {
            return ToolError{ErrorCode::io_error, "catalogue", "cannot allocate Hyperscan scratch space",
                             std::nullopt, std::nullopt};
        }
    }
    return Matcher(std::move(impl));
}

Expected<Matcher> Matcher::builtin() {
    auto markers = builtin_markers();
    if (!markers) return markers.error();
    return create(Catalogue::builtin().in_domain("log"), std::move(*markers));
}

void Matcher::scan_block(std::string_view block, std::uint64_t first_line, bool truncated,
                         HitSink& sink) const {
    const Impl& m = *m_impl;
    std::vector<std::uint32_t> fired;
    Impl::Scratch work;
    m.locate(block, first_line, work, [&](std::string_view line, std::uint64_t number, const auto& ids) {
        m.fired_entries(line, ids, fired);
        if (fired.empty()) return;
        LogLine norm = normalise(line, number);
        norm.truncated = truncated;
        for (const auto entry : fired) {
            const Entry& e = m.entries[entry];
            if (e.rule) sink.hit(m.rule_hit(e, norm, line));
            else sink.marker(m.marker_hit(e, norm, line));
        }
    });
}

struct Matcher::Session::State {
    const Impl& m;
    HitSink& sink;
    std::vector<std::uint32_t> fired;
    Impl::Scratch work;
    // The last event delivered or held: a marker entry, or -1 for anything else.
    std::int64_t last_marker = -1;
    bool held = false;  // a later hit of last_marker's run waits in held_line
    std::string held_line;
    std::uint64_t held_number = 0;
    bool held_truncated = false;

    void flush() {
        if (!held) return;
        held = false;
        LogLine norm = normalise(held_line, held_number);
        norm.truncated = held_truncated;
        sink.marker(m.marker_hit(m.entries[static_cast<std::size_t>(last_marker)], norm, held_line));
    }
};

Matcher::Session::Session(const Matcher& matcher, HitSink& sink)
    : m_state(std::make_unique<State>(State{*matcher.m_impl, sink, {}, {}, -1, false, {}, 0, false})) {}
Matcher::Session::~Session() = default;

void Matcher::Session::scan_block(std::string_view block, std::uint64_t first_line, bool truncated) {
    State& st = *m_state;
    const Impl& m = st.m;
    m.locate(block, first_line, st.work, [&](std::string_view line, std::uint64_t number, const auto& ids) {
        m.fired_entries(line, ids, st.fired);
        if (st.fired.empty()) return;
        // One marker alone on the line, repeating the previous event: hold it back.
        if (st.fired.size() == 1 && m.entries[st.fired[0]].rule == nullptr &&
            static_cast<std::int64_t>(st.fired[0]) == st.last_marker) {
            st.held = true;
            st.held_line.assign(line.substr(0, k_max_hit_text));
            st.held_number = number;
            st.held_truncated = truncated;
            return;
        }
        st.flush();
        LogLine norm = normalise(line, number);
        norm.truncated = truncated;
        for (const auto entry : st.fired) {
            const Entry& e = m.entries[entry];
            if (e.rule) st.sink.hit(m.rule_hit(e, norm, line));
            else st.sink.marker(m.marker_hit(e, norm, line));
        }
        st.last_marker = (st.fired.size() == 1 && m.entries[st.fired[0]].rule == nullptr)
                             ? static_cast<std::int64_t>(st.fired[0]) : -1;
    });
}

void Matcher::Session::finish() { m_state->flush(); }

Matcher::LineResult Matcher::match_line(std::string_view line) const {
    struct Collect : HitSink {
        LineResult result;
        void hit(RuleHit h) override { result.rules.push_back(std::move(h)); }
        void marker(MarkerHit h) override { result.markers.push_back(std::move(h)); }
    } collect;
    std::string block(line);
    std::replace(block.begin(), block.end(), '\n', ' ');
    block += '\n';
    scan_block(block, 1, false, collect);
    return std::move(collect.result);
}

std::vector<std::string> Matcher::patterns() const {
    std::vector<std::string> out;
    for (const auto& p : m_impl->patterns) out.push_back(p.text);
    return out;
}

std::size_t Matcher::rule_count() const { return m_impl->rules; }
std::size_t Matcher::marker_count() const { return m_impl->markers; }

}  // namespace trtdoctor::log

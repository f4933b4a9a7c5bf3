#include "log/log_scan.h"

#include "core/text.h"

namespace trtdoctor::log {

namespace {

// Drops ignored rules, forwards the rest.
class FilterSink : public HitSink {
public:
    FilterSink(HitSink& next, const std::vector<std::string>& ignore) : m_next(next), m_ignore(ignore) {}
    void hit(RuleHit h) override {
        if (h.rule && is_ignored(*h.rule, m_ignore)) return;
        m_next.hit(std::move(h));
    }
    void marker(MarkerHit h) override { m_next.marker(std::move(h)); }

private:
    HitSink& m_next;
    const std::vector<std::string>& m_ignore;
};

#if TRTDOCTOR_LOG_DIAGNOSER
class DiagnoserSink : public HitSink {
public:
    explicit DiagnoserSink(Diagnoser& d) : m_d(d) {}
    void hit(RuleHit h) override { m_d.hit(std::move(h)); }
    void marker(MarkerHit h) override { m_d.marker(std::move(h)); }

private:
    Diagnoser& m_d;
};
#endif

}  // namespace

bool is_ignored(const Diagnosis& rule, const std::vector<std::string>& ignore) {
    for (const auto& key : ignore) {
        if (to_upper(key) == rule.code || key == rule.name || to_upper(key) == rule.name) return true;
    }
    return false;
}

Expected<ScanStats> scan_log(const std::string& path, const Matcher& matcher, HitSink& sink,
                             const ScanOptions& options) {
    auto reader = LineReader::open(path, options.reader);
    if (!reader) return reader.error();
    FilterSink filter(sink, options.ignore);
    HitSink& target = options.ignore.empty() ? sink : static_cast<HitSink&>(filter);
    Matcher::Session session(matcher, target);
    LineBlock block;
    for (;;) {
        auto more = reader->next(block);
        if (!more) return more.error();
        if (!*more) break;
        const std::size_t size = clean_block(block.data, block.size);
        session.scan_block(std::string_view(block.data, size), block.first_line, block.truncated);
        if (options.progress) options.progress(reader->bytes_consumed(), reader->input_size());
    }
    session.finish();
    ScanStats stats;
    stats.lines = reader->lines();
    stats.truncated_lines = reader->truncated_lines();
    stats.bytes = reader->bytes_consumed();
    stats.input_size = reader->input_size();
    stats.compressed = reader->compressed();
    return stats;
}

#if TRTDOCTOR_LOG_DIAGNOSER
Expected<LogReport> diagnose_log(const std::string& path, const Matcher& matcher,
                                 const ScanOptions& options) {
    Diagnoser diagnoser(path == "-" ? std::string("<stdin>") : path);
    DiagnoserSink sink(diagnoser);
    auto stats = scan_log(path, matcher, sink, options);
    if (!stats) return stats.error();
    return diagnoser.finish(stats->lines, stats->truncated_lines);
}
#endif

}  // namespace trtdoctor::log

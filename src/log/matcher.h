// Rule matching for logs: every Pattern of the log-domain catalogue records and of the run
// markers, compiled into one Hyperscan database and run once per block of lines. Only lines
// with a hit are located, verified with RE2, normalised and given their Extract facts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalogue.h"
#include "core/error.h"
#include "core/record_format.h"
#include "log/rule_hit.h"

namespace trtdoctor::log {

/// Receives what fired, in line order (markers of a line before its rules).
class HitSink {
public:
    virtual ~HitSink() = default;
    virtual void hit(RuleHit hit) = 0;
    virtual void marker(MarkerHit hit) = 0;
};

/// Longest line text a hit carries (evidence stays bounded).
inline constexpr std::size_t k_max_hit_text = 2048;

class Matcher {
public:
    /// Compiles `rules` (Domain: log records) and `markers` (log.markers records). Zero
    /// patterns is fine: nothing fires. A pattern Hyperscan rejects is an invalid_format
    /// error naming the rule and the pattern.
    static Expected<Matcher> create(std::vector<const Diagnosis*> rules, std::vector<Record> markers);
    /// The built-in catalogue's log rules and the compiled-in catalogue/log.markers.
    static Expected<Matcher> builtin();

    Matcher(Matcher&&) noexcept;
    Matcher& operator=(Matcher&&) noexcept;
    ~Matcher();

    /// Scans a cleaned block of whole lines (each ends with '\n', the block starts a line).
    /// `truncated` marks a block that is one line cut to the limit. Every hit is delivered.
    void scan_block(std::string_view block, std::uint64_t first_line, bool truncated,
                    HitSink& sink) const;

    /// Scanning one input block after block. A run of the same marker firing on successive
    /// hit lines with nothing else in between (trtexec prints "Average on 10 runs" thousands
    /// of times) is delivered as its first and its last hit only: the order of events and the
    /// run's end stay visible while the cost per repeated line stays near zero.
    class Session {
    public:
        Session(const Matcher& matcher, HitSink& sink);
        ~Session();
        Session(const Session&) = delete;
        Session& operator=(const Session&) = delete;
        void scan_block(std::string_view block, std::uint64_t first_line, bool truncated);
        /// Delivers a held-back last marker of a run; call after the last block.
        void finish();

    private:
        struct State;
        std::unique_ptr<State> m_state;
    };

    /// What fires on one line (tests and the catalogue-examples check).
    struct LineResult {
        std::vector<RuleHit> rules;
        std::vector<MarkerHit> markers;
    };
    LineResult match_line(std::string_view line) const;

    /// Every Pattern, one per entry, as written in the catalogue (for --dump-patterns).
    std::vector<std::string> patterns() const;
    std::size_t rule_count() const;
    std::size_t marker_count() const;

private:
    struct Impl;
    explicit Matcher(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// The log.markers records compiled into this binary (empty when the file is absent).
Expected<std::vector<Record>> builtin_markers();

}  // namespace trtdoctor::log

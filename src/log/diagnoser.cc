#include "log/diagnoser.h"

#include <re2/re2.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "log/diagnoser_rules.h"

namespace trtdoctor::log {

std::string_view to_string(Outcome o) {
    switch (o) {
        case Outcome::unknown: return "unknown";
        case Outcome::built: return "built";
        case Outcome::loaded: return "loaded";
        case Outcome::ran: return "ran";
        case Outcome::failed: return "failed";
    }
    return "unknown";
}

std::string_view to_string(Phase p) {
    switch (p) {
        case Phase::unknown: return "unknown";
        case Phase::parse: return "parse";
        case Phase::build: return "build";
        case Phase::load: return "load";
        case Phase::run: return "run";
    }
    return "unknown";
}

namespace {

using Facts = std::vector<std::pair<std::string, std::string>>;

// Bounds: hits kept per rule (the first ones, plus the latest), markers kept per kind,
// phase changes remembered. Everything else is counted, not stored.
constexpr std::size_t k_first_hits = 16;
constexpr std::size_t k_marker_keep = 64;
constexpr std::size_t k_phase_changes = 4096;
constexpr std::size_t k_evidence_lines = 3;

struct StoredHit {
    std::uint64_t line = 0;
    Level level = Level::none;
    std::string text;
    Facts facts;
};

// Hits of one rule: the first few, the latest, and for aggregating rules the largest values.
struct RuleHits {
    const Diagnosis* rule = nullptr;
    std::vector<StoredHit> first;
    std::optional<StoredHit> last;
    std::uint64_t count = 0;
    // Aggregate: dominant
    double sum = 0;
    std::uint64_t values = 0;
    std::vector<std::pair<double, StoredHit>> top;  // largest values, at most 3
};

Phase phase_of_marker(std::string_view m) {
    if (m == "phase_parse") return Phase::parse;
    if (m == "phase_build") return Phase::build;
    if (m == "phase_load") return Phase::load;
    if (m == "phase_run") return Phase::run;
    return Phase::unknown;
}

int severity_rank(Severity s) { return static_cast<int>(s); }

std::optional<double> to_double(std::string_view s) {
    double v = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc()) return std::nullopt;
    return v;
}

std::optional<int> to_int(std::string_view s) {
    int v = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc()) return std::nullopt;
    return v;
}

const std::string* fact(const Facts& facts, std::string_view key) {
    for (const auto& [k, v] : facts) {
        if (k == key) return &v;
    }
    return nullptr;
}

void add_fact(Facts& facts, std::string key, std::string value) {
    if (value.empty() || fact(facts, key)) return;
    facts.emplace_back(std::move(key), std::move(value));
}

std::string unwrap(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

std::string major_of(std::string_view v) { return std::string(v.substr(0, v.find('.'))); }

// One hit after the rule's reasoning keys were applied.
struct Resolved {
    const Diagnosis* rule = nullptr;  // the diagnosis it counts for (after Reclassify/NameIf)
    Severity severity = Severity::error;
    const StoredHit* hit = nullptr;
};

// All hits of one diagnosis name.
struct Candidate {
    const Diagnosis* rule = nullptr;
    const RuleLogic* logic = nullptr;
    Role role = Role::cause;
    Severity severity = Severity::info;
    int priority = 50;
    std::uint64_t first_line = 0;
    std::uint64_t count = 0;
    std::vector<const StoredHit*> hits;  // in line order
};

// Facts computed from extracted ones: the releases behind serialization numbers and the
// direction of a version mismatch (runtime older or newer than the plan).
void derive_facts(Facts& facts) {
    const std::string* rs = fact(facts, "runtime_ser");
    const std::string* es = fact(facts, "engine_ser");
    if (rs && es) {
        const auto r = to_int(*rs), e = to_int(*es);
        if (r && e) {
            const std::string rt(release_for_serialization(*r)), et(release_for_serialization(*e));
            add_fact(facts, "runtime_trt", rt);
            add_fact(facts, "engine_trt", et);
            int cmp = (!rt.empty() && !et.empty()) ? compare_versions(rt, et) : (*r < *e ? -1 : 1);
            if (cmp == 0) cmp = *r < *e ? -1 : 1;
            add_fact(facts, "direction", cmp < 0 ? "older" : "newer");
        }
    }
    const std::string* rv = fact(facts, "runtime_version");
    const std::string* ev = fact(facts, "engine_version");
    if (rv && ev && !fact(facts, "direction")) {
        add_fact(facts, "direction", compare_versions(*rv, *ev) < 0 ? "older" : "newer");
    }
}

// The finding for one diagnosis: facts merged over its hits, templated summary and fix, and
// its first distinct evidence lines plus the last one.
Finding finding_for(const Candidate& c, const std::string& path) {
    Finding f;
    f.code = c.rule->code;
    f.name = c.rule->name;
    f.severity = c.severity;
    // Record continuation lines only wrap the text: one paragraph each.
    f.explanation = unwrap(c.rule->explanation);
    Facts facts;
    for (const StoredHit* h : c.hits) {
        for (const auto& [k, v] : h->facts) add_fact(facts, k, v);
    }
    derive_facts(facts);
    if (c.count > c.hits.size() || c.count > 1) add_fact(facts, "occurrences", std::to_string(c.count));
    f.summary = c.rule->title;
    for (const auto& t : c.logic->summary_templates) {
        if (auto s = fill_template(t, facts)) {
            f.summary = *s;
            break;
        }
    }
    f.fix = unwrap(c.rule->fix);
    for (const auto& t : c.logic->fix_templates) {
        if (auto s = fill_template(t, facts)) {
            f.fix = *s;
            break;
        }
    }
    // Evidence: the first distinct lines and the last one.
    std::vector<const StoredHit*> ev_hits;
    auto seen = [&](const StoredHit* h) {
        return std::any_of(ev_hits.begin(), ev_hits.end(), [&](const StoredHit* e) { return e->text == h->text; });
    };
    for (std::size_t i = 0; i < c.hits.size() && ev_hits.size() + 1 < k_evidence_lines; ++i) {
        if (!seen(c.hits[i])) ev_hits.push_back(c.hits[i]);
    }
    if (!c.hits.empty() && !seen(c.hits.back())) ev_hits.push_back(c.hits.back());
    for (const StoredHit* h : ev_hits) {
        f.add_evidence(Location{path, std::nullopt, h->line}, h->text);
    }
    f.facts = std::move(facts);
    return f;
}

}  // namespace

struct Diagnoser::State {
    std::string path;
    std::map<const Diagnosis*, RuleHits> hits;
    std::map<std::string, std::vector<MarkerHit>> markers;
    std::map<std::string, std::uint64_t> marker_counts;
    std::vector<std::pair<std::uint64_t, Phase>> phases;  // changes, in line order

    Phase phase_at(std::uint64_t line) const {
        Phase before = Phase::unknown;
        for (const auto& [l, p] : phases) {
            if (l <= line) before = p;
            else if (before == Phase::unknown) return p;  // the first phase after the line
            else break;
        }
        return before;
    }
    bool has_marker(std::string_view m) const { return marker_counts.count(std::string(m)) > 0; }
    const MarkerHit* first_marker(std::string_view m) const {
        auto it = markers.find(std::string(m));
        return it == markers.end() || it->second.empty() ? nullptr : &it->second.front();
    }
};

Diagnoser::Diagnoser(std::string path) : m_state(std::make_unique<State>()) {
    m_state->path = std::move(path);
}

Diagnoser::~Diagnoser() = default;

void Diagnoser::hit(RuleHit hit) {
    if (!hit.rule) return;
    auto& rh = m_state->hits[hit.rule];
    rh.rule = hit.rule;
    ++rh.count;
    StoredHit stored{hit.line, hit.level, std::move(hit.text), std::move(hit.facts)};
    const RuleLogic& logic = RuleBook::builtin().logic(hit.rule);
    if (logic.aggregate_dominant) {
        const std::string* ms = fact(stored.facts, "ms");
        const std::string* layer = fact(stored.facts, "layer");
        if (!ms || !layer) return;
        // Totals printed among the layers are not layers.
        std::string lname = *layer;
        std::transform(lname.begin(), lname.end(), lname.begin(), ::tolower);
        if (lname.find("network time") != std::string::npos || lname.find("total") != std::string::npos) return;
        auto value = to_double(*ms);
        if (!value) return;
        rh.sum += *value;
        ++rh.values;
        rh.top.emplace_back(*value, std::move(stored));
        std::sort(rh.top.begin(), rh.top.end(),
                  [](const auto& a, const auto& b) { return a.first > b.first; });
        if (rh.top.size() > 3) rh.top.pop_back();
        return;
    }
    if (rh.first.size() < k_first_hits) rh.first.push_back(std::move(stored));
    else rh.last = std::move(stored);
}

void Diagnoser::marker(MarkerHit hit) {
    auto& st = *m_state;
    const Phase p = phase_of_marker(hit.marker);
    if (p != Phase::unknown) {
        if ((st.phases.empty() || st.phases.back().second != p) && st.phases.size() < k_phase_changes) {
            st.phases.emplace_back(hit.line, p);
        }
    }
    ++st.marker_counts[hit.marker];
    auto& list = st.markers[hit.marker];
    if (list.size() < k_marker_keep) list.push_back(std::move(hit));
    else list.back() = std::move(hit);  // keep the latest as the last one
}

LogReport Diagnoser::finish(std::uint64_t lines, std::uint64_t truncated_lines) {
    State& st = *m_state;
    const RuleBook& book = RuleBook::builtin();
    LogReport report;
    report.lines = lines;
    report.truncated_lines = truncated_lines;

    // --- run facts -------------------------------------------------------------------------
    const bool passed = st.has_marker("outcome_passed");
    const bool failed_marker = st.has_marker("outcome_failed");
    if (const MarkerHit* v = st.first_marker("trt_version")) {
        if (const std::string* code = fact(v->facts, "trt_code")) report.run.trt_version = version_from_tag(*code);
        else if (const std::string* ver = fact(v->facts, "trt_version")) report.run.trt_version = *ver;
    }
    if (const MarkerHit* g = st.first_marker("gpu")) {
        if (const std::string* name = fact(g->facts, "gpu")) report.run.gpu = *name;
    }

    // --- resolve every stored hit to the diagnosis it counts for --------------------------------
    std::map<const Diagnosis*, Candidate> candidates;
    std::vector<std::pair<const Diagnosis*, const StoredHit*>> all;
    for (auto& [rule, rh] : st.hits) {
        if (book.logic(rule).aggregate_dominant) {
            // A layer dominating: the largest value well above the mean of the others.
            if (rh.values < 5 || rh.top.empty()) continue;
            const double top = rh.top.front().first;
            const double others = (rh.sum - top) / static_cast<double>(rh.values - 1);
            if (top < 5.0 * others || top <= 0.0) continue;
            for (const auto& [v, h] : rh.top) {
                if (v >= 0.5 * top) all.emplace_back(rule, &h);
            }
            continue;
        }
        for (const auto& h : rh.first) all.emplace_back(rule, &h);
        if (rh.last) all.emplace_back(rule, &*rh.last);
    }
    std::sort(all.begin(), all.end(),
              [](const auto& a, const auto& b) { return a.second->line < b.second->line; });

    for (const auto& [source, h] : all) {
        const RuleLogic& src = book.logic(source);
        bool dropped = false;
        for (const auto& re : src.unless) {
            if (RE2::PartialMatch(h->text, *re)) {
                dropped = true;
                break;
            }
        }
        if (!dropped && src.at_least) {
            const std::string* v = fact(h->facts, src.at_least->fact);
            const auto value = v ? to_double(*v) : std::nullopt;
            dropped = !value || *value < src.at_least->value;
        }
        if (dropped) continue;
        const Diagnosis* target = source;
        for (const auto& rc : src.reclassify) {
            const std::string* v = fact(h->facts, rc.fact);
            if (v && RE2::PartialMatch(*v, *rc.re)) {
                if (const Diagnosis* d = book.by_name(rc.name)) target = d;
                break;
            }
        }
        if (target == source) {
            for (const auto& [marker, name] : src.name_if) {
                const Phase p = phase_of_marker(marker);
                const bool present = p != Phase::unknown ? st.phase_at(h->line) == p : st.has_marker(marker);
                if (present) {
                    if (const Diagnosis* d = book.by_name(name)) target = d;
                    break;
                }
            }
        }
        const RuleLogic& tgt = book.logic(target);
        Severity sev = target->severity;
        if (sev == Severity::warning && tgt.role == Role::cause &&
            (h->level == Level::error || h->level == Level::fatal)) {
            sev = Severity::error;  // the tool itself reported it as an error
        }
        for (const auto& si : src.severity_if) {
            if (RE2::PartialMatch(h->text, *si.re)) {
                sev = si.severity;
                break;
            }
        }
        if (src.major_mismatch) {
            const std::string* a = fact(h->facts, src.major_mismatch->a);
            const std::string* b = fact(h->facts, src.major_mismatch->b);
            if (a && b && major_of(*a) != major_of(*b)) sev = src.major_mismatch->severity;
        }
        auto& c = candidates[target];
        if (!c.rule) {
            c.rule = target;
            c.logic = &tgt;
            c.role = tgt.role;
            c.priority = tgt.priority;
            c.first_line = h->line;
            c.severity = sev;
        }
        c.severity = severity_rank(sev) > severity_rank(c.severity) ? sev : c.severity;
        c.hits.push_back(h);
    }
    for (auto it = candidates.begin(); it != candidates.end();) {
        Candidate& c = it->second;
        auto h = st.hits.find(it->first);
        c.count = h != st.hits.end() ? std::max<std::uint64_t>(h->second.count, c.hits.size()) : c.hits.size();
        if (c.count < c.logic->min_count) it = candidates.erase(it);
        else ++it;
    }

    // --- causal links: a diagnosis that explains another turns it into a consequence ----------
    std::map<std::string, Candidate*, std::less<>> by_name;
    for (auto& [rule, c] : candidates) by_name.emplace(rule->name, &c);
    for (auto& [rule, c] : candidates) {
        for (const auto& name : c.logic->explains) {
            auto it = by_name.find(name);
            if (it == by_name.end() || it->second == &c) continue;
            Candidate& other = *it->second;
            if (other.role == Role::benign) continue;
            other.role = Role::consequence;
            if (!passed && severity_rank(other.severity) > severity_rank(c.severity)) c.severity = other.severity;
        }
    }

    // --- benign stays benign; a run that passed has no error-level cause ---------------------
    // An engine built or run after a message means the run got past it (tactic failures the
    // builder recovered from, a wrapper that fell back and went on).
    std::uint64_t success_line = 0;
    for (const char* m : {"outcome_built", "outcome_ran"}) {
        if (auto it = st.markers.find(m); it != st.markers.end() && !it->second.empty()) {
            success_line = std::max(success_line, it->second.back().line);
        }
    }
    for (auto& [rule, c] : candidates) {
        const bool recovered = !failed_marker && !c.hits.empty() && c.hits.back()->line < success_line;
        const bool got_past = passed || recovered;
        if ((c.role == Role::benign || got_past) && c.severity == Severity::error) c.severity = Severity::warning;
        if (got_past && c.logic->when_passed && severity_rank(*c.logic->when_passed) < severity_rank(c.severity)) {
            c.severity = *c.logic->when_passed;
        }
    }

    // --- choose the root cause --------------------------------------------------------------
    std::vector<Candidate*> ordered;
    for (auto& [rule, c] : candidates) ordered.push_back(&c);
    auto rank = [](const Candidate* c) {
        // causes before consequences, then severity, then priority, then the earliest line
        return std::make_tuple(c->role != Role::consequence, severity_rank(c->severity), c->priority);
    };
    std::sort(ordered.begin(), ordered.end(), [&](const Candidate* a, const Candidate* b) {
        const auto ra = rank(a), rb = rank(b);
        if (ra != rb) return ra > rb;
        return a->first_line < b->first_line;
    });
    Candidate* root = nullptr;
    for (Candidate* c : ordered) {
        if (c->role == Role::consequence) continue;
        if (c->severity == Severity::info && (c->role == Role::benign || passed)) continue;
        root = c;
        break;
    }
    if (!root && !passed) {
        for (Candidate* c : ordered) {
            if (c->role == Role::consequence) {
                root = c;
                break;
            }
        }
    }

    // --- findings ------------------------------------------------------------------------------

    if (root) {
        Finding f = finding_for(*root, st.path);
        // Cascade: the generic failure lines after the root cause follow from it.
        std::vector<std::uint64_t> cascade;
        std::uint64_t cascade_count = 0;
        if (auto it = st.markers.find("cascade_error"); it != st.markers.end()) {
            for (const auto& m : it->second) {
                if (m.line > root->first_line) {
                    ++cascade_count;
                    if (cascade.size() < 8) cascade.push_back(m.line);
                }
            }
        }
        for (const auto& [rule, c] : candidates) {
            if (&c != root && c.role == Role::consequence) {
                for (const StoredHit* h : c.hits) {
                    if (h->line > root->first_line) {
                        ++cascade_count;
                        if (cascade.size() < 8) cascade.push_back(h->line);
                    }
                }
            }
        }
        if (cascade_count > 0) {
            std::sort(cascade.begin(), cascade.end());
            cascade.erase(std::unique(cascade.begin(), cascade.end()), cascade.end());
            std::string list;
            for (auto l : cascade) list += (list.empty() ? "" : ", ") + std::to_string(l);
            f.add_fact("cascade_lines", list);
            f.explanation += " The later failure lines (" + list +
                             (cascade_count > cascade.size() ? ", ..." : "") + ") follow from it.";
        }
        report.root_cause = std::move(f);
    }
    for (Candidate* c : ordered) {
        if (c == root) continue;
        if (c->logic->only_alone && root) continue;  // said only when nothing else explains the run
        Finding f = finding_for(*c, st.path);
        if (c->role == Role::consequence && root) {
            f.severity = std::min(f.severity, Severity::warning);
            f.summary += " (follows from " + root->rule->name + ")";
        }
        report.findings.push_back(std::move(f));
    }

    // --- outcome and phase ----------------------------------------------------------------------
    const bool has_error_cause = root && root->severity == Severity::error;
    if (failed_marker || (has_error_cause && !passed)) {
        report.run.outcome = Outcome::failed;
    } else if (st.has_marker("outcome_ran")) {
        report.run.outcome = Outcome::ran;
    } else if (st.has_marker("outcome_built")) {
        report.run.outcome = Outcome::built;
    } else if (st.has_marker("outcome_loaded")) {
        report.run.outcome = Outcome::loaded;
    } else if (passed) {
        report.run.outcome = Outcome::ran;
    }
    if (root) {
        report.run.phase = st.phase_at(root->first_line);
        if (report.run.phase == Phase::unknown) {
            const auto ph = root->rule->record.get("Phase");
            if (ph == "parse") report.run.phase = Phase::parse;
            else if (ph == "build") report.run.phase = Phase::build;
            else if (ph == "load") report.run.phase = Phase::load;
            else if (ph == "run") report.run.phase = Phase::run;
        }
    } else if (!st.phases.empty()) {
        report.run.phase = st.phases.back().second;
    }
    return report;
}

}  // namespace trtdoctor::log

// trtdoctor-eval-logs: measures `trtdoctor logs` against a labeled corpus (JSON lines with
// `id`, `log`, `primary`, `evidence`). Each case goes through the real pipeline (reader,
// normaliser, matcher, diagnoser) from a temporary file. Prints top-1 over fault cases, false
// alarms over CLEAN cases, evidence hits, and a confusion table of the misses; exits 1 when a
// figure is below the thresholds given on the command line.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <unistd.h>
#include <vector>

#include "log/log_scan.h"
#include "log/matcher.h"

namespace {

using trtdoctor::Severity;
namespace tl = trtdoctor::log;

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return std::string(s);
}

// A reported line counts as the case's evidence when the texts agree after trimming, or one
// holds the other (the corpus sometimes quotes part of a wrapped line).
bool same_line(const std::string& reported, const std::string& expected) {
    const std::string a = trim(reported), b = trim(expected);
    if (a.empty() || b.empty()) return false;
    if (a == b) return true;
    const auto& shorter = a.size() < b.size() ? a : b;
    const auto& longer = a.size() < b.size() ? b : a;
    return shorter.size() >= 16 && longer.find(shorter) != std::string::npos;
}

struct Options {
    std::string corpus;
    std::vector<std::string> files;  // --files: report each log (no labels)
    double min_top1 = -1, max_false_alarms = 2, min_evidence = -1;
    bool verbose = false;
};

int usage() {
    std::cerr << "usage: trtdoctor-eval-logs CORPUS.jsonl [--min-top1 F] [--max-false-alarms F]\n"
                 "                           [--min-evidence F] [--verbose]\n"
                 "       trtdoctor-eval-logs --files LOG... (root cause per log; exit 1 if one is an error)\n"
                 "Runs trtdoctor's log diagnosis over every case and prints top-1, false alarms,\n"
                 "evidence hits and the confusion table. Exit 1 below a threshold, 2 on bad input.\n";
    return 3;
}

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&](double& out) {
            if (i + 1 >= argc) return false;
            out = std::stod(argv[++i]);
            return true;
        };
        if (a == "--help" || a == "-h") return usage(), 0;
        if (a == "--verbose") opt.verbose = true;
        else if (a == "--files") {
            while (i + 1 < argc) opt.files.emplace_back(argv[++i]);
        }
        else if (a == "--min-top1") { if (!value(opt.min_top1)) return usage(); }
        else if (a == "--max-false-alarms") { if (!value(opt.max_false_alarms)) return usage(); }
        else if (a == "--min-evidence") { if (!value(opt.min_evidence)) return usage(); }
        else if (opt.corpus.empty()) opt.corpus = a;
        else return usage();
    }
    if (!opt.files.empty() || opt.corpus == "--files") {
        auto m = tl::Matcher::builtin();
        if (!m) return 2;
        int errors = 0;
        for (const auto& f : opt.files) {
            auto r = tl::diagnose_log(f, *m);
            if (!r) {
                std::printf("%s: %s\n", f.c_str(), r.error().to_string().c_str());
                continue;
            }
            std::string others;
            for (const auto& x : r->findings) others += " " + x.name;
            const auto& rc = r->root_cause;
            if (rc && rc->severity == Severity::error) ++errors;
            std::printf("%s: root=%s %s line %llu | outcome=%s phase=%s trt=%s | others:%s\n", f.c_str(),
                        rc ? rc->name.c_str() : "-", rc ? std::string(trtdoctor::to_string(rc->severity)).c_str() : "",
                        static_cast<unsigned long long>(rc && !rc->evidence.empty() ? rc->evidence.front().where.line.value_or(0) : 0),
                        std::string(tl::to_string(r->run.outcome)).c_str(), std::string(tl::to_string(r->run.phase)).c_str(),
                        r->run.trt_version.c_str(), others.c_str());
        }
        return errors == 0 ? 0 : 1;
    }
    if (opt.corpus.empty()) return usage();

    std::ifstream in(opt.corpus);
    if (!in) {
        std::cerr << "trtdoctor-eval-logs: cannot read " << opt.corpus << "\n";
        return 2;
    }
    auto matcher = tl::Matcher::builtin();
    if (!matcher) {
        std::cerr << "trtdoctor-eval-logs: " << matcher.error().to_string() << "\n";
        return 2;
    }
    const auto tmp = std::filesystem::temp_directory_path() /
                     ("trtdoctor-eval-" + std::to_string(::getpid()) + ".log");

    int faults = 0, top1 = 0, cleans = 0, false_alarms = 0, evidence_cases = 0, evidence_hits = 0;
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> confusion;
    std::string line;
    std::size_t line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (trim(line).empty()) continue;
        nlohmann::json c;
        try {
            c = nlohmann::json::parse(line);
        } catch (const std::exception& e) {
            std::cerr << "trtdoctor-eval-logs: " << opt.corpus << ":" << line_no << ": not JSON\n";
            return 2;
        }
        const std::string id = c.value("id", "line " + std::to_string(line_no));
        const std::string primary = c.value("primary", "");
        const std::string log = c.value("log", "");
        std::vector<std::string> evidence;
        if (c.contains("evidence") && c["evidence"].is_array()) {
            for (const auto& e : c["evidence"]) {
                if (e.is_string()) evidence.push_back(e.get<std::string>());
            }
        }
        {
            std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
            out << log << '\n';
        }
        auto report = tl::diagnose_log(tmp.string(), *matcher);
        if (!report) {
            std::cerr << "trtdoctor-eval-logs: " << id << ": " << report.error().to_string() << "\n";
            confusion[{primary, "<error>"}].push_back(id);
            if (primary != "CLEAN") ++faults;
            else ++cleans;
            continue;
        }
        const auto& root = report->root_cause;
        const std::string got = root ? root->name : "CLEAN";
        if (primary == "CLEAN") {
            ++cleans;
            if (root && root->severity == Severity::error) {
                ++false_alarms;
                confusion[{primary, got}].push_back(id);
            }
            continue;
        }
        ++faults;
        if (got == primary) ++top1;
        else confusion[{primary, got}].push_back(id);
        if (!evidence.empty()) {
            ++evidence_cases;
            bool hit = false;
            if (root) {
                for (const auto& ev : root->evidence) {
                    for (const auto& want : evidence) hit = hit || same_line(ev.what, want);
                }
            }
            if (hit) ++evidence_hits;
            else if (opt.verbose) std::cout << "  evidence miss " << id << " (" << got << ")\n";
        }
        if (opt.verbose && got != primary && root) {
            std::cout << "  miss " << id << ": want " << primary << ", got " << got << " at line "
                      << (root->evidence.empty() ? 0 : root->evidence.front().where.line.value_or(0))
                      << "\n";
        }
    }
    std::filesystem::remove(tmp);

    auto pct = [](int a, int b) { return b == 0 ? 0.0 : 100.0 * a / b; };
    const double r_top1 = pct(top1, faults), r_fa = pct(false_alarms, cleans),
                 r_ev = pct(evidence_hits, evidence_cases);
    std::printf("corpus: %s\n", opt.corpus.c_str());
    std::printf("top-1:        %5.1f%%  (%d of %d fault cases)\n", r_top1, top1, faults);
    std::printf("false alarms: %5.1f%%  (%d of %d CLEAN cases got an error-level root cause)\n", r_fa,
                false_alarms, cleans);
    std::printf("evidence hit: %5.1f%%  (%d of %d fault cases name a labeled evidence line)\n", r_ev,
                evidence_hits, evidence_cases);
    if (!confusion.empty()) {
        std::printf("\nconfusion (expected -> reported: cases)\n");
        std::vector<std::pair<std::pair<std::string, std::string>, std::vector<std::string>>> rows(
            confusion.begin(), confusion.end());
        std::sort(rows.begin(), rows.end(),
                  [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
        for (const auto& [key, ids] : rows) {
            std::string list;
            for (const auto& i : ids) list += (list.empty() ? "" : " ") + i;
            std::printf("  %-28s -> %-28s %zu: %s\n", key.first.c_str(), key.second.c_str(), ids.size(),
                        list.c_str());
        }
    }
    bool ok = true;
    if (opt.min_top1 >= 0 && r_top1 < opt.min_top1 * 100.0) ok = false;
    if (r_fa > opt.max_false_alarms * 100.0) ok = false;
    if (opt.min_evidence >= 0 && r_ev < opt.min_evidence * 100.0) ok = false;
    if (!ok) std::printf("\nFAILED: below the required figures\n");
    return ok ? 0 : 1;
}

// Test-only rule sets built from record text, so matcher tests do not depend on the
// shipped catalogue's contents.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "core/catalogue.h"
#include "core/record_format.h"

namespace trtdoctor::log::test {

/// Owns Diagnosis objects parsed from `Code/Name/Pattern/Extract` records.
struct TestRules {
    std::deque<Diagnosis> rules;
    std::vector<Record> markers;

    std::vector<const Diagnosis*> pointers() const {
        std::vector<const Diagnosis*> out;
        for (const auto& d : rules) out.push_back(&d);
        return out;
    }
};

inline TestRules make_rules(std::string_view rule_text, std::string_view marker_text = "") {
    TestRules t;
    auto records = parse_records(rule_text, "test.cat");
    for (auto& r : *records) {
        Diagnosis d{};
        d.code = std::string(r.get("Code").value_or("TD4999"));
        d.name = std::string(r.get("Name").value_or("TEST_RULE"));
        d.severity = Severity::error;
        d.domain = "log";
        d.record = r;
        t.rules.push_back(std::move(d));
    }
    if (!marker_text.empty()) t.markers = *parse_records(marker_text, "test.markers");
    return t;
}

}  // namespace trtdoctor::log::test

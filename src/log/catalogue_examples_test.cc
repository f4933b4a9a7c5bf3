// Every log rule and run marker carries its own examples: each Positive line must fire it
// and each NearMiss line must not. Checked through the real matcher (Hyperscan + RE2).
#include <gtest/gtest.h>

#include <algorithm>

#include "core/catalogue.h"
#include "log/matcher.h"

namespace trtdoctor::log {
namespace {

const Matcher& builtin_matcher() {
    static const Matcher m = [] {
        auto made = Matcher::builtin();
        if (!made) throw std::runtime_error(made.error().to_string());
        return std::move(*made);
    }();
    return m;
}

bool fires_rule(std::string_view line, const Diagnosis& d) {
    const auto r = builtin_matcher().match_line(line);
    return std::any_of(r.rules.begin(), r.rules.end(), [&](const RuleHit& h) { return h.rule && h.rule->code == d.code; });
}

bool fires_marker(std::string_view line, std::string_view marker) {
    const auto r = builtin_matcher().match_line(line);
    return std::any_of(r.markers.begin(), r.markers.end(), [&](const MarkerHit& h) { return h.marker == marker; });
}

TEST(CatalogueExamples, EveryLogRuleHasAPositiveAndANearMiss) {
    const auto rules = Catalogue::builtin().in_domain("log");
    ASSERT_GE(rules.size(), 40u);
    for (const Diagnosis* d : rules) {
        SCOPED_TRACE(d->code + " " + d->name);
        EXPECT_FALSE(d->record.get_all("Pattern").empty());
        EXPECT_FALSE(d->record.get_all("Positive").empty());
        EXPECT_FALSE(d->record.get_all("NearMiss").empty());
        EXPECT_TRUE(d->record.get("Role").has_value());
    }
}

TEST(CatalogueExamples, EveryPositiveFiresItsRuleAndEveryNearMissStaysSilent) {
    for (const Diagnosis* d : Catalogue::builtin().in_domain("log")) {
        for (auto line : d->record.get_all("Positive")) {
            EXPECT_TRUE(fires_rule(line, *d)) << d->code << " " << d->name << " misses: " << line;
        }
        for (auto line : d->record.get_all("NearMiss")) {
            EXPECT_FALSE(fires_rule(line, *d)) << d->code << " " << d->name << " fires on: " << line;
        }
    }
}

TEST(CatalogueExamples, EveryMarkerFiresOnItsPositivesOnly) {
    auto markers = builtin_markers();
    ASSERT_TRUE(markers);
    ASSERT_FALSE(markers->empty());
    for (const auto& m : *markers) {
        const std::string name(m.get("Marker").value_or(""));
        ASSERT_FALSE(name.empty());
        EXPECT_FALSE(m.get_all("Positive").empty()) << name;
        for (auto line : m.get_all("Positive")) EXPECT_TRUE(fires_marker(line, name)) << name << ": " << line;
        for (auto line : m.get_all("NearMiss")) EXPECT_FALSE(fires_marker(line, name)) << name << ": " << line;
    }
}

TEST(CatalogueExamples, ExtractPullsTheFactsAFixNeeds) {
    const auto r = builtin_matcher().match_line(
        "[E] [TRT] 6: The engine plan file is generated on an incompatible device, expecting compute 8.6 got compute 8.9, please rebuild.");
    auto it = std::find_if(r.rules.begin(), r.rules.end(),
                           [](const RuleHit& h) { return h.rule->name == "GPU_ARCH_MISMATCH"; });
    ASSERT_NE(it, r.rules.end());
    EXPECT_EQ(it->facts, (std::vector<std::pair<std::string, std::string>>{{"device_cc", "8.6"}, {"plan_cc", "8.9"}}));
}

}  // namespace
}  // namespace trtdoctor::log

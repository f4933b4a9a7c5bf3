#include "log/matcher.h"

#include <gtest/gtest.h>

#include "log/test_rules.h"

namespace trtdoctor::log {
namespace {

using test::make_rules;

constexpr std::string_view k_rules = R"(Code: TD4901
Name: VERSION_RULE
Pattern: The engine plan file is not compatible with this version of TensorRT
Pattern: Version tag does not match
Extract: expecting library version (?P<runtime>[0-9.]+) got (?P<plan>[0-9.]+)

Code: TD4902
Name: PLUGIN_RULE
Pattern: (?i)getPluginCreator could not find plugin
Extract: plugin (?P<plugin>\S+) version (?P<version>\d+)

Code: TD4903
Name: ANCHORED_RULE
Pattern: ^Network must have at least one output$
)";

constexpr std::string_view k_markers = R"(Marker: outcome_failed
Pattern: ^&&&& FAILED
Extract: \[TensorRT v(?P<tag>\d+)\]
)";

struct Recorder : HitSink {
    std::vector<RuleHit> hits;
    std::vector<MarkerHit> markers;
    void hit(RuleHit h) override { hits.push_back(std::move(h)); }
    void marker(MarkerHit h) override { markers.push_back(std::move(h)); }
};

TEST(Matcher, FiresOnlyOnMatchingLinesWithTheirNumbers) {
    auto rules = make_rules(k_rules, k_markers);
    auto m = Matcher::create(rules.pointers(), rules.markers);
    ASSERT_TRUE(m) << m.error().to_string();
    const std::string block =
        "[I] start\n"
        "[TRT] INVALID_ARGUMENT: getPluginCreator could not find plugin ScatterND version 1\n"
        "[I] nothing here\n"
        "Network must have at least one output\n"
        "[E] [TRT] Network must have at least one output\n"
        "&&&& FAILED TensorRT.trtexec [TensorRT v8203] # trtexec\n";
    Recorder r;
    m->scan_block(block, 10, false, r);
    ASSERT_EQ(r.hits.size(), 2u);
    EXPECT_EQ(r.hits[0].rule->code, "TD4902");
    EXPECT_EQ(r.hits[0].line, 11u);
    EXPECT_EQ(r.hits[0].origin, Origin::tensorrt);
    EXPECT_EQ(r.hits[0].text, "[TRT] INVALID_ARGUMENT: getPluginCreator could not find plugin ScatterND version 1");
    const std::vector<std::pair<std::string, std::string>> facts{{"plugin", "ScatterND"}, {"version", "1"}};
    EXPECT_EQ(r.hits[0].facts, facts);
    // The anchored pattern fires on the bare line, not on the prefixed one.
    EXPECT_EQ(r.hits[1].rule->code, "TD4903");
    EXPECT_EQ(r.hits[1].line, 13u);
    ASSERT_EQ(r.markers.size(), 1u);
    EXPECT_EQ(r.markers[0].marker, "outcome_failed");
    EXPECT_EQ(r.markers[0].line, 15u);
    EXPECT_EQ(r.markers[0].level, Level::error);
    EXPECT_EQ(r.markers[0].facts, (std::vector<std::pair<std::string, std::string>>{{"tag", "8203"}}));
}

TEST(Matcher, ReportsARuleOnceForALineWhereSeveralOfItsPatternsMatch) {
    auto rules = make_rules(k_rules);
    auto m = Matcher::create(rules.pointers(), {});
    ASSERT_TRUE(m);
    auto r = m->match_line("6: The engine plan file is not compatible with this version of TensorRT, "
                           "expecting library version 8.5.2 got 8.6.1, please rebuild. Version tag does not match");
    ASSERT_EQ(r.rules.size(), 1u);
    EXPECT_EQ(r.rules[0].rule->name, "VERSION_RULE");
    const std::vector<std::pair<std::string, std::string>> facts{{"runtime", "8.5.2"}, {"plan", "8.6.1"}};
    EXPECT_EQ(r.rules[0].facts, facts);
}

TEST(Matcher, NearMissesStaySilent) {
    auto rules = make_rules(k_rules, k_markers);
    auto m = Matcher::create(rules.pointers(), rules.markers);
    ASSERT_TRUE(m);
    EXPECT_TRUE(m->match_line("The engine plan file is compatible with this version of TensorRT").rules.empty());
    EXPECT_TRUE(m->match_line("Network must have at least one output tensor").rules.empty());
    EXPECT_TRUE(m->match_line("&&&& PASSED TensorRT.trtexec [TensorRT v8203]").markers.empty());
}

TEST(Matcher, CaseInsensitivePatternsIgnoreCase) {
    auto rules = make_rules(k_rules);
    auto m = Matcher::create(rules.pointers(), {});
    ASSERT_TRUE(m);
    auto r = m->match_line("GETPLUGINCREATOR COULD NOT FIND PLUGIN Foo version 2");
    ASSERT_EQ(r.rules.size(), 1u);
    EXPECT_EQ(r.rules[0].rule->code, "TD4902");
}

TEST(Matcher, ZeroPatternsIsValidAndNothingFires) {
    auto m = Matcher::create({}, {});
    ASSERT_TRUE(m);
    EXPECT_EQ(m->rule_count(), 0u);
    EXPECT_TRUE(m->patterns().empty());
    EXPECT_TRUE(m->match_line("[E] anything").rules.empty());
}

TEST(Matcher, APatternHyperscanRejectsIsAnErrorNamingTheRule) {
    auto rules = make_rules("Code: TD4950\nName: BAD\nPattern: (a)\\1\n");
    auto m = Matcher::create(rules.pointers(), {});
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().code, ErrorCode::invalid_format);
    EXPECT_NE(m.error().message.find("TD4950"), std::string::npos);
}

TEST(Matcher, AMarkerWithoutNameIsAnError) {
    auto rules = make_rules(k_rules, "Pattern: ^x\n");
    auto m = Matcher::create(rules.pointers(), rules.markers);
    ASSERT_FALSE(m);
    EXPECT_NE(m.error().message.find("no Marker"), std::string::npos);
}

TEST(Matcher, PatternsCannotReachAcrossLines) {
    auto rules = make_rules("Code: TD4960\nName: SPAN\nPattern: alpha\\s+beta\n");
    auto m = Matcher::create(rules.pointers(), {});
    ASSERT_TRUE(m);
    Recorder r;
    m->scan_block("alpha\nbeta\nalpha beta\n", 1, false, r);
    ASSERT_EQ(r.hits.size(), 1u);
    EXPECT_EQ(r.hits[0].line, 3u);
}

TEST(Matcher, BuiltinCatalogueCompiles) {
    auto m = Matcher::builtin();
    ASSERT_TRUE(m) << m.error().to_string();
    EXPECT_EQ(m->patterns().size() >= m->rule_count(), true);
}

}  // namespace
}  // namespace trtdoctor::log

namespace trtdoctor::log {
namespace {

TEST(MatcherSession, DeliversARunOfOneRepeatedMarkerAsItsFirstAndLastHit) {
    auto rules = test::make_rules("Code: TD4970\nName: FAIL_RULE\nPattern: Network must have at least one output\n",
                                  "Marker: phase_run\nPattern: Average on [0-9]+ runs\nExtract: on (?P<runs>[0-9]+) runs\n");
    auto m = Matcher::create(rules.pointers(), rules.markers);
    ASSERT_TRUE(m);
    struct Events : HitSink {
        std::vector<std::string> seen;
        void hit(RuleHit h) override { seen.push_back("rule@" + std::to_string(h.line)); }
        void marker(MarkerHit h) override {
            seen.push_back(h.marker + "@" + std::to_string(h.line) + ":" + h.facts.at(0).second);
        }
    } events;
    Matcher::Session session(*m, events);
    session.scan_block("Average on 1 runs\nAverage on 2 runs\nquiet\nAverage on 3 runs\n", 1, false);
    session.scan_block("Average on 4 runs\nNetwork must have at least one output\nAverage on 5 runs\n"
                       "Average on 6 runs\n", 5, false);
    session.finish();
    EXPECT_EQ(events.seen, (std::vector<std::string>{"phase_run@1:1", "phase_run@5:4", "rule@6",
                                                      "phase_run@7:5", "phase_run@8:6"}));
}

}  // namespace
}  // namespace trtdoctor::log

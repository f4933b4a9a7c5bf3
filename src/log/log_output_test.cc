#include "log/log_output.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace trtdoctor::log {
namespace {

Finding finding(std::string code, std::string name, Severity sev, std::uint64_t line, std::string text) {
    Finding f;
    f.code = std::move(code);
    f.name = std::move(name);
    f.severity = sev;
    f.summary = "summary of " + f.name;
    f.fix = "fix for " + f.name;
    f.add_evidence(Location{"run.log", std::nullopt, line}, std::move(text));
    return f;
}

LogReport sample() {
    LogReport r;
    r.run.outcome = Outcome::failed;
    r.run.phase = Phase::load;
    r.run.trt_version = "8.5.2";
    r.root_cause = finding("TD4901", "ROOT_NAME", Severity::error, 12, "[E] root line");
    r.findings.push_back(finding("TD4902", "OTHER_NAME", Severity::warning, 30, "[W] other line"));
    r.lines = 40;
    return r;
}

TEST(LogOutput, TextPutsTheRootCauseFirstWithEvidenceLineAndFix) {
    const std::string text = format_log_report_text(sample(), "run.log", Style(false));
    const auto root = text.find("root cause");
    const auto other = text.find("other findings (1)");
    ASSERT_NE(root, std::string::npos);
    ASSERT_NE(other, std::string::npos);
    EXPECT_LT(root, other);
    EXPECT_NE(text.find("line 12 | [E] root line"), std::string::npos);
    EXPECT_NE(text.find("fix: fix for ROOT_NAME"), std::string::npos);
    EXPECT_NE(text.find("trtdoctor explain TD4901"), std::string::npos);
    EXPECT_NE(text.find("outcome failed, phase load, TensorRT 8.5.2, 40 lines"), std::string::npos);
}

TEST(LogOutput, TextSaysSoWhenNothingWasFound) {
    LogReport r;
    r.lines = 3;
    const std::string text = format_log_report_text(r, "ok.log", Style(false));
    EXPECT_NE(text.find("ok.log: no problems found"), std::string::npos);
    EXPECT_EQ(text.find("root cause"), std::string::npos);
}

TEST(LogOutput, JsonHasRootCauseFindingsRunAndCounts) {
    const auto j = nlohmann::json::parse(log_report_json(sample(), "run.log", {}));
    EXPECT_EQ(j["root_cause"]["code"], "TD4901");
    EXPECT_EQ(j["root_cause"]["name"], "ROOT_NAME");
    EXPECT_EQ(j["root_cause"]["line"], 12);
    EXPECT_EQ(j["root_cause"]["evidence"][0]["text"], "[E] root line");
    EXPECT_EQ(j["root_cause"]["fix"], "fix for ROOT_NAME");
    EXPECT_EQ(j["findings"].size(), 1u);
    EXPECT_EQ(j["findings"][0]["severity"], "warning");
    EXPECT_EQ(j["run"]["outcome"], "failed");
    EXPECT_EQ(j["run"]["trt_version"], "8.5.2");
    EXPECT_TRUE(j["run"]["gpu"].is_null());
    EXPECT_EQ(j["counts"]["findings"], 2);
    EXPECT_EQ(j["counts"]["errors"], 1);
    EXPECT_EQ(j["counts"]["lines"], 40);
}

TEST(LogOutput, JsonRootCauseIsNullWhenThereIsNone) {
    LogReport r;
    const auto j = nlohmann::json::parse(log_report_json(r, "x.log", {}));
    EXPECT_TRUE(j["root_cause"].is_null());
    EXPECT_TRUE(j["findings"].empty());
}

TEST(LogOutput, SarifPointsAtTheLogLines) {
    const auto j = nlohmann::json::parse(log_report_sarif(sample(), {}));
    const auto& results = j["runs"][0]["results"];
    ASSERT_EQ(results.size(), 2u);
    EXPECT_EQ(results[0]["ruleId"], "TD4901");
    EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 12);
    EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "run.log");
}

TEST(LogOutput, DropIgnoredRemovesByCodeOrNameIncludingTheRootCause) {
    LogReport r = sample();
    drop_ignored(r, {"td4901"});
    EXPECT_FALSE(r.root_cause.has_value());
    EXPECT_EQ(r.findings.size(), 1u);
    drop_ignored(r, {"OTHER_NAME"});
    EXPECT_TRUE(r.findings.empty());
}

}  // namespace
}  // namespace trtdoctor::log

#include "report/finding_writer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/catalogue.h"

namespace trtdoctor {
namespace {

Finding sample() {
    const auto& d = Catalogue::builtin().all().front();
    Finding f = make_finding(d.code);
    f.summary = "file is 100 bytes short";
    f.fix = "copy it again";
    f.add_evidence({"models/a b.engine", 16, std::nullopt}, "u64 @16 = 1124");
    f.add_fact("expected_size", "1124");
    return f;
}

TEST(FindingWriterTest, TextIsCompilerStyle) {
    const std::string text = format_finding_text(sample(), Style(false));
    const auto& d = Catalogue::builtin().all().front();
    EXPECT_EQ(text.rfind("models/a b.engine:@16: " + std::string(to_string(d.severity)) +
                             ": file is 100 bytes short [" + d.code + " " + d.name + "]",
                         0),
              0u)
        << text;
    EXPECT_NE(text.find("byte 16 | u64 @16 = 1124"), std::string::npos);
    EXPECT_NE(text.find("fix: copy it again"), std::string::npos);
    EXPECT_NE(text.find("trtdoctor explain " + d.code), std::string::npos);
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
}

TEST(FindingWriterTest, JsonCarriesEveryField) {
    std::string out;
    JsonWriter w(out);
    write_finding_json(w, sample());
    auto j = nlohmann::json::parse(out);
    EXPECT_EQ(j["summary"], "file is 100 bytes short");
    EXPECT_EQ(j["evidence"][0]["byte_offset"], 16);
    EXPECT_TRUE(j["evidence"][0]["line"].is_null());
    EXPECT_EQ(j["facts"]["expected_size"], "1124");
}

TEST(FindingWriterTest, SarifHasRulesLocationsAndNotifications) {
    const Finding f = sample();
    const ToolError err{ErrorCode::not_found, "missing.plan", "no such file", {}, {}};
    auto j = nlohmann::json::parse(sarif_document("trtdoctor inspect", {&f, 1}, {&err, 1}));
    EXPECT_EQ(j["version"], "2.1.0");
    const auto& run = j["runs"][0];
    EXPECT_EQ(run["tool"]["driver"]["rules"][0]["id"], f.code);
    EXPECT_NE(run["tool"]["driver"]["rules"][0]["helpUri"].get<std::string>().find(f.code + ".md"),
              std::string::npos);
    EXPECT_EQ(run["results"][0]["ruleId"], f.code);
    const auto& loc = run["results"][0]["locations"][0]["physicalLocation"];
    EXPECT_EQ(loc["artifactLocation"]["uri"], "models/a%20b.engine");
    EXPECT_EQ(loc["region"]["byteOffset"], 16);
    EXPECT_EQ(run["invocations"][0]["executionSuccessful"], false);
    EXPECT_EQ(run["invocations"][0]["toolExecutionNotifications"][0]["descriptor"]["id"], "not_found");
}

}  // namespace
}  // namespace trtdoctor

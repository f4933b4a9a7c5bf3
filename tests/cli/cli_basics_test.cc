// The CLI's shared behaviour: --version, --help on every command, unknown commands and
// options, and the catalogue commands (rules, explain).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/catalogue.h"
#include "support/testing.h"

namespace trtdoctor {
namespace {

using testing::run_trtdoctor;

TEST(CliTest, VersionAndTopLevelHelp) {
    auto v = run_trtdoctor({"--version"});
    EXPECT_EQ(v.exit_code, 0);
    EXPECT_EQ(v.out.rfind("trtdoctor ", 0), 0u);
    auto h = run_trtdoctor({"--help"});
    EXPECT_EQ(h.exit_code, 0);
    for (const char* cmd : {"inspect", "check", "env", "logs", "rules", "explain"}) {
        EXPECT_NE(h.out.find(cmd), std::string::npos) << cmd;
    }
    EXPECT_EQ(run_trtdoctor({}).exit_code, 3);
}

TEST(CliTest, EveryCommandHasHelp) {
    for (const char* cmd : {"inspect", "check", "env", "logs", "manifest", "name", "select",
                            "perf", "rules", "explain"}) {
        auto r = run_trtdoctor({cmd, "--help"});
        EXPECT_EQ(r.exit_code, 0) << cmd << ": " << r.err;
        EXPECT_NE(r.out.find("Usage: trtdoctor " + std::string(cmd)), std::string::npos) << cmd;
    }
}

TEST(CliTest, UnknownCommandSuggestsTheClosest) {
    auto r = run_trtdoctor({"inspct", "x"});
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.err.find("did you mean 'inspect'"), std::string::npos) << r.err;
}

TEST(CliTest, UnknownOptionIsUsageError) {
    auto r = run_trtdoctor({"rules", "--frmat", "json"});
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.err.find("did you mean '--format'"), std::string::npos) << r.err;
    EXPECT_EQ(run_trtdoctor({"rules", "--format", "xml"}).exit_code, 3);
}

TEST(CliTest, RulesListsTheWholeCatalogue) {
    auto r = run_trtdoctor({"rules", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["diagnoses"].size(), Catalogue::builtin().all().size());
    auto text = run_trtdoctor({"rules"});
    EXPECT_NE(text.out.find("TD1001  ENGINE_NOT_A_PLAN"), std::string::npos) << text.out;
    EXPECT_EQ(text.out.find('\x1b'), std::string::npos);  // NO_COLOR is set by the harness
}

TEST(CliTest, ExplainByCodeAndByName) {
    auto by_code = run_trtdoctor({"explain", "td1001"});
    EXPECT_EQ(by_code.exit_code, 0);
    EXPECT_NE(by_code.out.find("# TD1001 ENGINE_NOT_A_PLAN"), std::string::npos);
    EXPECT_NE(by_code.out.find("## How to fix"), std::string::npos);
    auto by_name = run_trtdoctor({"explain", "ENGINE_NOT_A_PLAN"});
    EXPECT_EQ(by_name.exit_code, 0);
    EXPECT_NE(by_name.out.find("TD1001"), std::string::npos);
    auto wrong = run_trtdoctor({"explain", "ENGINE_NOT_A_PLAM"});
    EXPECT_EQ(wrong.exit_code, 3);
    EXPECT_NE(wrong.err.find("ENGINE_NOT_A_PLAN"), std::string::npos) << wrong.err;
}

}  // namespace
}  // namespace trtdoctor

// `trtdoctor logs` end to end on logs written here (short synthetic lines), plus bad inputs.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "support/testing.h"

namespace trtdoctor {
namespace {

using testing::run_trtdoctor;
using testing::TempDir;

// A load that fails because the plan was built by another TensorRT version.
const std::string k_failed_load =
    "[12/01/2023-10:00:00] [I] TensorRT version: 8.5.2\n"
    "[12/01/2023-10:00:00] [I] Engine loaded in 0.1 sec.\n"
    "[12/01/2023-10:00:01] [E] [TRT] 1: [stdArchiveReader.cpp::StdArchiveReader::32] Error Code 1: "
    "Serialization (Serialization assertion stdVersionRead == kSERIALIZATION_VERSION failed.Version tag does not match. "
    "Note: Current Version: 232, Serialized Engine Version: 236)\n"
    "[12/01/2023-10:00:01] [E] [TRT] 4: [runtime.cpp::deserializeCudaEngine::66] Error Code 4: "
    "Internal Error (Engine deserialization failed.)\n"
    "[12/01/2023-10:00:01] [E] Engine set up failed\n"
    "&&&& FAILED TensorRT.trtexec [TensorRT v8502] # trtexec --loadEngine=model.plan\n";

const std::string k_passed_run =
    "&&&& RUNNING TensorRT.trtexec [TensorRT v8601] # trtexec --onnx=model.onnx\n"
    "[12/01/2023-10:00:00] [I] TensorRT version: 8.6.1\n"
    "[12/01/2023-10:00:05] [I] Engine built in 5.1 sec.\n"
    "[12/01/2023-10:00:09] [I] Throughput: 1500.2 qps\n"
    "&&&& PASSED TensorRT.trtexec [TensorRT v8601] # trtexec --onnx=model.onnx\n";

TEST(LogsCommand, NamesTheRootCauseWithItsEvidenceLineInJson) {
    TempDir dir;
    const auto log = dir.write("load.log", k_failed_load);
    auto r = run_trtdoctor({"logs", "--format", "json", log.string()});
    ASSERT_EQ(r.exit_code, 1) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    ASSERT_FALSE(doc["root_cause"].is_null()) << r.out;
    EXPECT_EQ(doc["root_cause"]["name"], "ENGINE_VERSION_MISMATCH");
    EXPECT_EQ(doc["root_cause"]["severity"], "error");
    EXPECT_EQ(doc["root_cause"]["line"], 3);
    EXPECT_NE(doc["root_cause"]["evidence"][0]["text"].get<std::string>().find("Version tag does not match"),
              std::string::npos);
    EXPECT_FALSE(doc["root_cause"]["fix"].get<std::string>().empty());
    EXPECT_EQ(doc["run"]["outcome"], "failed");
    EXPECT_EQ(doc["counts"]["lines"], 6);
    EXPECT_TRUE(doc["findings"].is_array());
}

TEST(LogsCommand, TextPutsTheRootCauseFirstWithLineAndExplainHint) {
    TempDir dir;
    const auto log = dir.write("load.log", k_failed_load);
    auto r = run_trtdoctor({"logs", log.string()});
    ASSERT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.out.rfind("root cause", 0), 0u) << r.out;
    EXPECT_NE(r.out.find("line 3 |"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("trtdoctor explain TD4"), std::string::npos);
    EXPECT_EQ(r.out.find("\x1b["), std::string::npos);  // NO_COLOR is set by the test runner
}

TEST(LogsCommand, ACleanRunHasNoRootCauseAndExitsZero) {
    TempDir dir;
    const auto log = dir.write("ok.log", k_passed_run);
    auto r = run_trtdoctor({"logs", "--format", "json", log.string()});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_TRUE(doc["root_cause"].is_null());
    EXPECT_EQ(doc["counts"]["errors"], 0);
}

TEST(LogsCommand, ReadsStandardInputAndCrLfQuotedPastes) {
    std::string pasted;
    for (std::size_t start = 0; start < k_failed_load.size();) {
        const auto nl = k_failed_load.find('\n', start);
        pasted += "> " + k_failed_load.substr(start, nl - start) + "\r\n";
        start = nl + 1;
    }
    auto r = run_trtdoctor({"logs", "--format", "json", "-"}, pasted);
    ASSERT_EQ(r.exit_code, 1) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["root_cause"]["name"], "ENGINE_VERSION_MISMATCH");
    EXPECT_EQ(doc["input"], "<stdin>");
}

TEST(LogsCommand, IgnoreAndConfigFileGateTheExitCode) {
    TempDir dir;
    const auto log = dir.write("load.log", k_failed_load);
    auto never = dir.write("gate.conf", "# CI gate\nFailOn: never\n");
    auto r = run_trtdoctor({"logs", "--config", never.string(), log.string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    // The command line wins over the file.
    r = run_trtdoctor({"logs", "--config", never.string(), "--fail-on", "error", log.string()});
    EXPECT_EQ(r.exit_code, 1);
    r = run_trtdoctor({"logs", "--format", "json", "--ignore", "ENGINE_VERSION_MISMATCH", log.string()});
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_TRUE(doc["root_cause"].is_null() || doc["root_cause"]["name"] != "ENGINE_VERSION_MISMATCH");
    for (const auto& f : doc["findings"]) EXPECT_NE(f["name"], "ENGINE_VERSION_MISMATCH");
}

TEST(LogsCommand, BadConfigAndUnknownIgnoreAreReported) {
    TempDir dir;
    const auto log = dir.write("ok.log", k_passed_run);
    const auto bad = dir.write("gate.conf", "FailOnn: warning\n");
    auto r = run_trtdoctor({"logs", "--config", bad.string(), log.string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("FailOnn"), std::string::npos) << r.err;
    r = run_trtdoctor({"logs", "--ignore", "NOT_A_DIAGNOSIS_AT_ALL", log.string()});
    EXPECT_EQ(r.exit_code, 3);
}

TEST(LogsCommand, SarifPointsAtTheLogLine) {
    TempDir dir;
    const auto log = dir.write("load.log", k_failed_load);
    auto r = run_trtdoctor({"logs", "--format", "sarif", log.string()});
    ASSERT_EQ(r.exit_code, 1);
    const auto doc = nlohmann::json::parse(r.out);
    const auto& first = doc["runs"][0]["results"][0];
    EXPECT_EQ(first["locations"][0]["physicalLocation"]["region"]["startLine"], 3);
}

TEST(LogsCommand, BadInputsGetAClearErrorAndExitTwo) {
    TempDir dir;
    const auto binary = dir.write("model.plan", std::string("ftrt\0\0\0\0\x01\x02", 10) + std::string(64, '\0'));
    auto r = run_trtdoctor({"logs", binary.string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("model.plan"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("binary"), std::string::npos) << r.err;
    r = run_trtdoctor({"logs", dir.path().string()});
    EXPECT_EQ(r.exit_code, 2);
    r = run_trtdoctor({"logs", (dir.path() / "missing.log").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("missing.log"), std::string::npos);
    r = run_trtdoctor({"logs", "--format", "json", binary.string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(nlohmann::json::parse(r.out)["errors"][0]["code"], "binary_input");
    r = run_trtdoctor({"logs"});
    EXPECT_EQ(r.exit_code, 3);
}

TEST(LogsCommand, EmptyInputAndOverLongLinesAreHandled) {
    TempDir dir;
    auto r = run_trtdoctor({"logs", dir.write("empty.log", "").string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("no problems found"), std::string::npos);
    const auto long_log = dir.write("long.log", "[I] start\n" + std::string(3 << 20, 'x') + "\n" + k_failed_load);
    r = run_trtdoctor({"logs", "--format", "json", "--max-line-length", "4096", long_log.string()});
    ASSERT_EQ(r.exit_code, 1) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["counts"]["truncated_lines"], 1);
    EXPECT_EQ(doc["root_cause"]["line"], 5);
}

TEST(LogsCommand, DumpPatternsPrintsOnePatternPerLine) {
    auto r = run_trtdoctor({"logs", "--dump-patterns"});
    ASSERT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Version tag does not match\n"), std::string::npos);
}

}  // namespace
}  // namespace trtdoctor

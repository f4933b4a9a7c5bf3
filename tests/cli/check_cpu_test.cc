// `trtdoctor check` end to end: real fixtures (from ../shared, skipped when absent) and bad
// inputs generated here. On a machine without a GPU every plan is invalid, and says why.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "support/testing.h"

namespace trtdoctor {
namespace {

using testing::run_trtdoctor;
namespace fs = std::filesystem;

std::vector<std::string> codes_of(const nlohmann::json& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings) out.push_back(f["code"]);
    return out;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(CheckCommandTest, EveryRealFixtureGetsAVerdictAndAReason) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    std::vector<std::string> args = {"check", "--format", "json", "--no-hash"};
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(shared / "fixtures" / "engines")) {
        if (e.path().extension() == ".tsv") continue;
        args.push_back(e.path().string());
        ++n;
    }
    auto r = run_trtdoctor(args);
    ASSERT_EQ(r.exit_code, 1) << r.err;
    auto doc = nlohmann::json::parse(r.out);
    ASSERT_EQ(doc["engines"].size(), n);
    EXPECT_EQ(doc["verdict"], "invalid");
    const bool gpu_here = !doc["machine_findings"].empty() &&
                          !contains(codes_of(doc["machine_findings"]), "TD2001");
    for (const auto& e : doc["engines"]) {
        const std::string name = fs::path(e["path"].get<std::string>()).filename().string();
        EXPECT_EQ(e["verdict"], "invalid") << name;
        const auto codes = codes_of(e["findings"]);
        const bool lookalike = name.find("lfs") != std::string::npos || name.find("Cache") != std::string::npos ||
                               name.find("timeCache") != std::string::npos || name.find("sergeev917") != std::string::npos;
        if (lookalike) {
            EXPECT_TRUE(std::any_of(codes.begin(), codes.end(), [](const std::string& c) { return c.rfind("TD1", 0) == 0; })) << name;
        }
        if (!gpu_here) EXPECT_TRUE(contains(codes, "TD3011")) << name;
    }
}

TEST(CheckCommandTest, ReadsAPlanFromStdin) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    const std::string bytes = testing::read_file(shared / "fixtures/engines/ybwerneck_inference_TensorRT_model.trt");
    auto r = run_trtdoctor({"check", "--format", "json", "-"}, bytes);
    ASSERT_NE(r.exit_code, 2) << r.err;
    auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["engines"][0]["path"], "<stdin>");
}

TEST(CheckCommandTest, UnreadableInputsAreToolErrorsNamingTheInput) {
    testing::TempDir dir;
    auto missing = run_trtdoctor({"check", (dir.path() / "nope.engine").string()});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE((missing.out + missing.err).find("nope.engine"), std::string::npos);
    auto directory = run_trtdoctor({"check", dir.path().string()});
    EXPECT_EQ(directory.exit_code, 2);
}

TEST(CheckCommandTest, GarbageAndEmptyFilesAreInvalidNotCrashes) {
    testing::TempDir dir;
    auto garbage = dir.write("garbage.engine", std::string(5000, '\xAB'));
    auto empty = dir.write("empty.engine", "");
    auto r = run_trtdoctor({"check", "--format", "json", garbage.string(), empty.string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    auto doc = nlohmann::json::parse(r.out);
    ASSERT_EQ(doc["engines"].size(), 2u);
    for (const auto& e : doc["engines"]) EXPECT_EQ(e["verdict"], "invalid");
}

TEST(CheckCommandTest, WaitGivesUpOnAFileThatNeverAppears) {
    testing::TempDir dir;
    auto r = run_trtdoctor({"check", "--wait", "0.3", (dir.path() / "late.engine").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE((r.out + r.err).find("still missing after waiting"), std::string::npos) << r.out << r.err;
}

TEST(CheckCommandTest, WrongOptionValuesAreUsageErrors) {
    testing::TempDir dir;
    auto f = dir.write("a.engine", "x").string();
    EXPECT_EQ(run_trtdoctor({"check", "--sha256", "abc", f}).exit_code, 3);
    EXPECT_EQ(run_trtdoctor({"check", "--no-hash", "--sha256", std::string(64, 'a'), f}).exit_code, 3);
    EXPECT_EQ(run_trtdoctor({"check", "--shape", "input:1xx3", f}).exit_code, 3);
    EXPECT_EQ(run_trtdoctor({"check", "--device", "-1", f}).exit_code, 3);
    EXPECT_EQ(run_trtdoctor({"check", "--wait", "soon", f}).exit_code, 3);
    EXPECT_EQ(run_trtdoctor({"check"}).exit_code, 3);
}

TEST(CheckCommandTest, ChecksumAndPluginProblemsAreFindings) {
    testing::TempDir dir;
    auto f = dir.write("a.engine", "not a plan at all").string();
    auto r = run_trtdoctor({"check", "--format", "json", "--sha256", std::string(64, '0'),
                            "--plugins", "/nonexistent/libplugin.so", f});
    auto doc = nlohmann::json::parse(r.out);
    const auto codes = codes_of(doc["engines"][0]["findings"]);
    EXPECT_TRUE(contains(codes, "TD3030"));
    EXPECT_TRUE(contains(codes, "TD3040"));
}

TEST(CheckCommandTest, SarifAndTextOutputs) {
    testing::TempDir dir;
    auto f = dir.write("a.engine", "not a plan").string();
    auto sarif = nlohmann::json::parse(run_trtdoctor({"check", "--format", "sarif", f}).out);
    EXPECT_EQ(sarif["version"], "2.1.0");
    auto text = run_trtdoctor({"check", f});
    EXPECT_NE(text.out.find("verdict: invalid"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace trtdoctor

namespace trtdoctor {
namespace {

TEST(CheckLoadTest, LoadRunsTrtexecAndReportsItsFailure) {
    testing::TempDir dir;
    // A stand-in trtexec: the banner for --help, a deserialization error for --loadEngine.
    auto script = dir.write("trtexec",
                            "#!/bin/sh\n"
                            "echo '&&&& RUNNING TensorRT.trtexec [TensorRT v8601] # trtexec'\n"
                            "case \"$1\" in --loadEngine=*) "
                            "echo '[11/21/2026-12:00:00] [E] Error[1]: [stdArchiveReader.cpp::StdArchiveReader::32] "
                            "Error Code 1: Serialization (Serialization assertion magicTagRead == kMAGIC_TAG failed.Magic Tag does not match)'; "
                            "echo '&&&& FAILED TensorRT.trtexec [TensorRT v8601]'; exit 1;; esac\n"
                            "exit 0\n");
    fs::permissions(script, fs::perms::owner_all);
    auto engine = dir.write("a.engine", "not a plan");
    auto r = run_trtdoctor({"check", "--format", "json", "--load", "--trtexec", script.string(), engine.string()});
    auto doc = nlohmann::json::parse(r.out);
    const auto& load = doc["engines"][0]["load"];
    EXPECT_TRUE(load["ran"].get<bool>());
    EXPECT_EQ(load["exit_status"], 1);
    ASSERT_FALSE(load["error_lines"].empty());
    EXPECT_NE(load["error_lines"][0].get<std::string>().find("Magic Tag does not match"), std::string::npos);
    EXPECT_EQ(doc["engines"][0]["verdict"], "invalid");
    // The logs engine read trtexec's output: the magic-tag error is a log diagnosis (TD4xxx).
    bool log_diagnosis = false;
    for (const auto& f : load["findings"]) {
        log_diagnosis = log_diagnosis || (f["code"].get<std::string>().rfind("TD4", 0) == 0 &&
                                          f["name"] == "ENGINE_NOT_A_PLAN");
    }
    EXPECT_TRUE(log_diagnosis) << load.dump();
}

TEST(CheckLoadTest, LoadWithoutTrtexecSaysWhy) {
    testing::TempDir dir;
    auto engine = dir.write("a.engine", "not a plan");
    auto r = run_trtdoctor({"check", "--format", "json", "--load", "--trtexec", "/nonexistent/trtexec", engine.string()});
    auto doc = nlohmann::json::parse(r.out);
    EXPECT_FALSE(doc["engines"][0]["load"]["ran"].get<bool>());
}

}  // namespace
}  // namespace trtdoctor

namespace trtdoctor {
namespace {

TEST(CheckWaitTest, FileThatKeepsGrowingDuringWaitIsReported) {
    testing::TempDir dir;
    const auto path = dir.path() / "syncing.engine";
    std::atomic<bool> stop{false};
    std::thread writer([&] {
        std::ofstream out(path, std::ios::binary);
        while (!stop) {
            out << std::string(100, 'x') << std::flush;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
    auto r = run_trtdoctor({"check", "--format", "json", "--no-hash", "--wait", "0.8", path.string()});
    stop = true;
    writer.join();
    auto doc = nlohmann::json::parse(r.out);
    ASSERT_EQ(doc["engines"].size(), 1u) << r.out << r.err;
    EXPECT_TRUE(contains(codes_of(doc["engines"][0]["findings"]), "TD3060"));
    EXPECT_EQ(doc["engines"][0]["verdict"], "invalid");
}

}  // namespace
}  // namespace trtdoctor

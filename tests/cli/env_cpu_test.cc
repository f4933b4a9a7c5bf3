// `trtdoctor env` end to end on the machine running the tests (a CPU-only machine in CI):
// it must describe the machine and report a missing driver cleanly, never crash.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/testing.h"

namespace trtdoctor {
namespace {

using testing::run_trtdoctor;

bool has_code(const nlohmann::json& findings, const std::string& code) {
    for (const auto& f : findings) {
        if (f["code"] == code) return true;
    }
    return false;
}

TEST(EnvCommandTest, JsonDescribesTheMachineAndItsFindings) {
    auto r = run_trtdoctor({"env", "--format", "json", "--no-trtexec"});
    ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
    auto doc = nlohmann::json::parse(r.out);
    ASSERT_TRUE(doc.contains("machine"));
    ASSERT_TRUE(doc.contains("findings"));
    const auto& m = doc["machine"];
    EXPECT_TRUE(m["gpus"].is_array());
    EXPECT_TRUE(m["libraries"].is_array());
    EXPECT_TRUE(m["container"]["device_nodes"].is_array());
    EXPECT_FALSE(m["driver"]["timed_out"].get<bool>());
    if (m["driver"]["libcuda"].is_null()) {
        // No driver here: said once, with the loader's reason, and no GPU invented.
        EXPECT_TRUE(has_code(doc["findings"], "TD2001"));
        EXPECT_TRUE(m["gpus"].empty());
        EXPECT_EQ(r.exit_code, 1);
    }
    if (m["tensorrt_version"].is_null()) EXPECT_TRUE(has_code(doc["findings"], "TD2010"));
}

TEST(EnvCommandTest, TextIsAChecklistWithTheSections) {
    auto r = run_trtdoctor({"env", "--no-trtexec"});
    ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
    for (const char* part : {"NVIDIA driver", "TensorRT", "CUDA libraries", "trtexec",
                             "Devices and container", "CUDA_MODULE_LOADING="}) {
        EXPECT_NE(r.out.find(part), std::string::npos) << part << "\n" << r.out;
    }
    EXPECT_EQ(r.out.find("\x1b["), std::string::npos);  // NO_COLOR is set by the helper
}

TEST(EnvCommandTest, EagerModuleLoadingIsReported) {
    auto r = run_trtdoctor({"env", "--format", "json", "--no-trtexec"}, "", {"CUDA_MODULE_LOADING=EAGER"});
    auto doc = nlohmann::json::parse(r.out);
    EXPECT_TRUE(has_code(doc["findings"], "TD2030"));
    EXPECT_EQ(doc["machine"]["container"]["CUDA_MODULE_LOADING"], "EAGER");
}

TEST(EnvCommandTest, ContainerWithoutGpusIsReported) {
    auto r = run_trtdoctor({"env", "--format", "json", "--no-trtexec"}, "", {"NVIDIA_VISIBLE_DEVICES=void"});
    EXPECT_TRUE(has_code(nlohmann::json::parse(r.out)["findings"], "TD2006"));
}

TEST(EnvCommandTest, SarifIsValid) {
    auto r = run_trtdoctor({"env", "--format", "sarif", "--no-trtexec"});
    auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["version"], "2.1.0");
}

TEST(EnvCommandTest, BadTimeoutAndTrtexecPathAreHandled) {
    EXPECT_EQ(run_trtdoctor({"env", "--timeout-ms", "abc"}).exit_code, 3);
    auto r = run_trtdoctor({"env", "--format", "json", "--trtexec", "/nonexistent/trtexec"});
    auto doc = nlohmann::json::parse(r.out);
    EXPECT_NE(doc["machine"]["trtexec"]["problem"].get<std::string>().find("not an executable"), std::string::npos);
}

}  // namespace
}  // namespace trtdoctor

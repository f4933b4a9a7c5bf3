#include "probe/host_probe.h"

#include <gtest/gtest.h>

namespace trtdoctor::probe {
namespace {

TEST(HostProbeTest, ReadsTheDriverNumberFromProcVersion) {
    EXPECT_EQ(parse_proc_driver_version(
                  "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.15  Tue Mar  5 22:23:56 UTC 2024"),
              "550.54.15");
    EXPECT_EQ(parse_proc_driver_version(
                  "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  560.35.03  Release Build"),
              "560.35.03");
    EXPECT_EQ(parse_proc_driver_version("no numbers here"), "");
    EXPECT_EQ(parse_proc_driver_version(""), "");
}

TEST(HostProbeTest, ReadsTheTensorRtVersionFromTheTrtexecBanner) {
    EXPECT_EQ(parse_trtexec_version("&&&& RUNNING TensorRT.trtexec [TensorRT v8601] # trtexec --help"), "8.6.1");
    EXPECT_EQ(parse_trtexec_version("&&&& RUNNING TensorRT.trtexec [TensorRT v100300] # trtexec"), "10.3.0");
    EXPECT_EQ(parse_trtexec_version("[TensorRT v8601"), "");
    EXPECT_EQ(parse_trtexec_version("TensorRT 8.6"), "");
}

TEST(HostProbeTest, ExplicitTrtexecThatIsNotExecutableIsAProblemNotACrash) {
    TrtexecFacts t = probe_trtexec("/nonexistent/trtexec");
    EXPECT_TRUE(t.path.empty());
    EXPECT_NE(t.problem.find("not an executable"), std::string::npos);
}

}  // namespace
}  // namespace trtdoctor::probe

#include "probe/gpu_probe.h"

#include <gtest/gtest.h>

#include "probe/fake_driver_api.h"
#include "probe/machine_rules.h"

namespace trtdoctor::probe {
namespace {

TEST(GpuProbeTest, StuckDriverBecomesATimedOutFactWithinTheDeadline) {
    FakeMachine fake = fake_machines::hopper();
    fake.cu_init_delay = std::chrono::milliseconds(3000);
    std::shared_ptr<DriverApi> api(make_fake_driver_api(fake));
    DriverFacts facts = collect_driver_facts_bounded(api, std::chrono::milliseconds(50));
    EXPECT_TRUE(facts.timed_out);
    EXPECT_EQ(facts.timeout_ms, 50u);
    EXPECT_TRUE(facts.gpus.empty());
}

TEST(GpuProbeTest, AnsweringDriverIsCollectedCompletely) {
    std::shared_ptr<DriverApi> api(make_fake_driver_api(fake_machines::hopper()));
    DriverFacts facts = collect_driver_facts_bounded(api, std::chrono::milliseconds(5000));
    EXPECT_FALSE(facts.timed_out);
    ASSERT_EQ(facts.gpus.size(), 1u);
    EXPECT_EQ(facts.gpus[0].name, "NVIDIA H100 80GB HBM3");
    EXPECT_EQ(facts.gpus[0].compute_capability(), "9.0");
    EXPECT_EQ(facts.driver_version, "550.54.15");
    EXPECT_EQ(facts.cuda_driver_version, 12040);
}

TEST(GpuProbeTest, MissingLibrariesAreFactsNotErrors) {
    auto api = make_dlopen_driver_api("libtrtdoctor-no-such-cuda.so.1", "libtrtdoctor-no-such-nvml.so.1");
    DriverFacts facts = collect_driver_facts(*api);
    EXPECT_FALSE(facts.cuda.found);
    EXPECT_NE(facts.cuda.error.find("libtrtdoctor-no-such-cuda.so.1"), std::string::npos);
    EXPECT_FALSE(facts.cu_init.has_value());
    EXPECT_FALSE(facts.nvml.found);
}

TEST(GpuProbeTest, LibraryWithoutTheEntryPointsIsReportedAsBroken) {
    // libm loads fine but exports none of the CUDA or NVML symbols: a "broken driver".
    auto api = make_dlopen_driver_api("libm.so.6", "libm.so.6");
    DriverFacts facts = collect_driver_facts(*api);
    ASSERT_TRUE(facts.cuda.found);
    EXPECT_EQ(facts.cuda.path.front(), '/') << facts.cuda.path;  // the file the loader picked
    EXPECT_NE(std::find(facts.cuda.missing_symbols.begin(), facts.cuda.missing_symbols.end(),
                        "cuInit"), facts.cuda.missing_symbols.end());
    EXPECT_EQ(facts.cu_init, -1);
    EXPECT_TRUE(facts.gpus.empty());
}

TEST(GpuProbeTest, CuResultMeaningsNameTheCause) {
    EXPECT_NE(cu_result_meaning(35).find("driver too old"), std::string::npos);
    EXPECT_NE(cu_result_meaning(100).find("no CUDA-capable device"), std::string::npos);
    EXPECT_EQ(cu_result_meaning(12345), "CUresult 12345");
}

}  // namespace
}  // namespace trtdoctor::probe

namespace trtdoctor::probe {
namespace {

TEST(GpuProbeFastPathTest, NvmlFirstSkipsCuInitWhenNvmlHasGpus) {
    FakeMachine fake = fake_machines::hopper();
    fake.cu_init_delay = std::chrono::milliseconds(3000);  // would blow the deadline if called
    std::shared_ptr<DriverApi> api(make_fake_driver_api(fake));
    DriverFacts facts = collect_driver_facts_bounded(api, std::chrono::milliseconds(1000), true);
    EXPECT_FALSE(facts.timed_out);
    EXPECT_FALSE(facts.cu_init.has_value());
    EXPECT_TRUE(facts.cuda.found);  // libcuda is still located, so no false "no driver"
    ASSERT_EQ(facts.gpus.size(), 1u);
    EXPECT_EQ(facts.gpus[0].compute_capability(), "9.0");
    EXPECT_FALSE(facts.gpus[0].sm_count.has_value());
}

TEST(GpuProbeFastPathTest, FastPathMachineGivesNoDriverFinding) {
    MachineFacts m;
    m.driver = collect_driver_facts(*make_fake_driver_api(fake_machines::hopper()), true);
    m.libraries.push_back({"libnvinfer", "libnvinfer.so.10", "/x/libnvinfer.so.10", "10.3.0", "ld.so.cache"});
    EXPECT_TRUE(machine_findings(m).empty());
    EXPECT_TRUE(has_usable_gpu(m));
}

TEST(GpuProbeFastPathTest, NvmlFirstFallsBackToCudaWithoutNvml) {
    auto api = make_fake_driver_api(fake_machines::jetson_orin());
    DriverFacts facts = collect_driver_facts(*api, true);
    ASSERT_TRUE(facts.cu_init.has_value());
    ASSERT_EQ(facts.gpus.size(), 1u);
    EXPECT_EQ(facts.gpus[0].integrated, true);
}

}  // namespace
}  // namespace trtdoctor::probe

#include "probe/machine_rules.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "probe/fake_driver_api.h"
#include "probe/gpu_probe.h"

namespace trtdoctor::probe {
namespace {

MachineFacts machine_with(FakeMachine fake) {
    MachineFacts m;
    auto api = make_fake_driver_api(std::move(fake));
    m.driver = collect_driver_facts(*api);
    FoundLibrary nvinfer{"libnvinfer", "libnvinfer.so.10", "/usr/lib/x86_64-linux-gnu/libnvinfer.so.10", "10.3.0", "ld.so.cache"};
    m.libraries.push_back(nvinfer);
    return m;
}

std::vector<std::string> codes(const std::vector<Finding>& fs) {
    std::vector<std::string> out;
    for (const auto& f : fs) out.push_back(f.code);
    return out;
}

bool has(const std::vector<Finding>& fs, const std::string& code) {
    auto c = codes(fs);
    return std::find(c.begin(), c.end(), code) != c.end();
}

const Finding& get(const std::vector<Finding>& fs, const std::string& code) {
    return *std::find_if(fs.begin(), fs.end(), [&](const Finding& f) { return f.code == code; });
}

TEST(MachineRulesTest, NoDriverIsReportedAsCudaDriverEnvWithTheLoaderError) {
    auto fs = machine_findings(machine_with(fake_machines::no_driver()));
    ASSERT_TRUE(has(fs, "TD2001"));
    const Finding& f = get(fs, "TD2001");
    EXPECT_EQ(f.name, "CUDA_DRIVER_ENV");
    EXPECT_NE(f.evidence.at(0).what.find("cannot open shared object file"), std::string::npos);
    EXPECT_FALSE(has(fs, "TD2002"));  // cuInit was never called
}

TEST(MachineRulesTest, OldDriverGivesCuInit35WithTheDriverVersionInTheFix) {
    auto fs = machine_findings(machine_with(fake_machines::old_driver()));
    ASSERT_TRUE(has(fs, "TD2002"));
    const Finding& f = get(fs, "TD2002");
    EXPECT_NE(f.summary.find("35 (CUDA_ERROR_INSUFFICIENT_DRIVER)"), std::string::npos);
    EXPECT_NE(f.fix.find("418.67"), std::string::npos);
    EXPECT_NE(f.fix.find("upgrade"), std::string::npos);
}

TEST(MachineRulesTest, EachCuInitFailureCodeGetsItsOwnMeaning) {
    for (int code : {35, 100, 999}) {
        auto fs = machine_findings(machine_with(fake_machines::cu_init_fails(code)));
        ASSERT_TRUE(has(fs, "TD2002")) << code;
        EXPECT_NE(get(fs, "TD2002").summary.find(std::to_string(code)), std::string::npos);
    }
    auto no_device = machine_findings(machine_with(fake_machines::cu_init_fails(100)));
    EXPECT_NE(get(no_device, "TD2002").summary.find("no CUDA-capable device"), std::string::npos);
    auto unknown = machine_findings(machine_with(fake_machines::cu_init_fails(999)));
    EXPECT_NE(get(unknown, "TD2002").fix.find("dmesg"), std::string::npos);
}

TEST(MachineRulesTest, TwoHealthyGpusGiveNoDriverFinding) {
    MachineFacts m = machine_with(fake_machines::two_gpus_turing_ampere());
    ASSERT_EQ(m.driver.gpus.size(), 2u);
    EXPECT_EQ(m.driver.gpus[0].compute_capability(), "7.5");
    EXPECT_EQ(m.driver.gpus[1].compute_capability(), "8.6");
    EXPECT_EQ(m.driver.gpus[1].sm_count, 72);
    EXPECT_TRUE(m.driver.gpus[1].free_bytes.has_value());
    auto fs = machine_findings(m);
    EXPECT_TRUE(fs.empty()) << fs.front().code;
    EXPECT_TRUE(has_usable_gpu(m));
}

TEST(MachineRulesTest, MissingNvmlLeavesFreeMemoryUnknownButIsNoFinding) {
    MachineFacts m = machine_with(fake_machines::nvml_missing());
    ASSERT_EQ(m.driver.gpus.size(), 1u);
    EXPECT_FALSE(m.driver.gpus[0].free_bytes.has_value());
    EXPECT_FALSE(m.driver.nvml.found);
    EXPECT_TRUE(machine_findings(m).empty());
}

TEST(MachineRulesTest, MigModeIsAFactOfTheGpu) {
    MachineFacts m = machine_with(fake_machines::mig_on());
    ASSERT_EQ(m.driver.gpus.size(), 1u);
    EXPECT_EQ(m.driver.gpus[0].mig_enabled, true);
}

TEST(MachineRulesTest, JetsonIsIntegratedWithoutNvml) {
    MachineFacts m = machine_with(fake_machines::jetson_orin());
    ASSERT_EQ(m.driver.gpus.size(), 1u);
    EXPECT_EQ(m.driver.gpus[0].integrated, true);
    EXPECT_EQ(m.driver.gpus[0].compute_capability(), "8.7");
    EXPECT_TRUE(machine_findings(m).empty());
}

TEST(MachineRulesTest, BrokenLibcudaNamesTheMissingEntryPoints) {
    FakeMachine fake = fake_machines::hopper();
    fake.cuda_missing_symbols = {"cuInit", "cuDeviceGet"};
    auto fs = machine_findings(machine_with(fake));
    ASSERT_TRUE(has(fs, "TD2004"));
    EXPECT_NE(get(fs, "TD2004").summary.find("cuInit, cuDeviceGet"), std::string::npos);
}

TEST(MachineRulesTest, DeviceNodeWithoutPermissionIsReported) {
    MachineFacts m = machine_with(fake_machines::hopper());
    m.host.device_nodes.push_back({"/dev/nvidia0", false, false, "crw-------"});
    m.host.device_nodes.push_back({"/dev/nvidiactl", true, true, "crw-rw-rw-"});
    auto fs = machine_findings(m);
    const auto c = codes(fs);
    ASSERT_EQ(std::count(c.begin(), c.end(), "TD2003"), 1);
    EXPECT_NE(get(fs, "TD2003").summary.find("/dev/nvidia0"), std::string::npos);
}

TEST(MachineRulesTest, ContainerWithVoidVisibleDevicesIsReportedButAllIsNot) {
    MachineFacts m = machine_with(fake_machines::cu_init_fails(100));
    m.host.nvidia_visible_devices = "void";
    EXPECT_TRUE(has(machine_findings(m), "TD2006"));
    m.host.nvidia_visible_devices = "all";
    EXPECT_FALSE(has(machine_findings(m), "TD2006"));
}

TEST(MachineRulesTest, NoTensorRtIsAWarningAndMixedReleasesAnError) {
    MachineFacts m = machine_with(fake_machines::hopper());
    m.libraries.clear();
    auto none = machine_findings(m);
    ASSERT_TRUE(has(none, "TD2010"));
    EXPECT_EQ(get(none, "TD2010").severity, Severity::warning);

    m.libraries.push_back({"libnvinfer", "libnvinfer.so.8", "/a/libnvinfer.so.8", "8.6.1", "ld.so.cache"});
    m.libraries.push_back({"libnvinfer_plugin", "libnvinfer_plugin.so.8", "/b/libnvinfer_plugin.so.8", "8.5.3", "ld.so.cache"});
    m.libraries.push_back({"libcublasLt", "libcublasLt.so.12", "/c/libcublasLt.so.12", "12.1.3.1", "ld.so.cache"});
    auto mixed = machine_findings(m);
    ASSERT_TRUE(has(mixed, "TD2011"));
    EXPECT_NE(get(mixed, "TD2011").summary.find("8.5.3"), std::string::npos);
    EXPECT_FALSE(has(mixed, "TD2010"));
    EXPECT_FALSE(has(mixed, "TD2020"));  // cuBLASLt is there

    // Same release, different patch spelling: silent.
    m.libraries[1].version = "8.6.1";
    EXPECT_FALSE(has(machine_findings(m), "TD2011"));
}

TEST(MachineRulesTest, DuplicateTensorRtInstallationsAreFlagged) {
    MachineFacts m = machine_with(fake_machines::hopper());
    m.libraries.push_back({"libnvinfer", "libnvinfer.so.10", "/opt/trt/lib/libnvinfer.so.10", "10.6.0", "LD_LIBRARY_PATH"});
    auto fs = machine_findings(m);
    ASSERT_TRUE(has(fs, "TD2012"));
    EXPECT_EQ(get(fs, "TD2012").evidence.size(), 2u);
}

TEST(MachineRulesTest, Trt8WithoutCublasAndCudaMajorMismatchAreReported) {
    MachineFacts m = machine_with(fake_machines::hopper());
    m.libraries[0] = {"libnvinfer", "libnvinfer.so.8", "/a/libnvinfer.so.8", "8.6.1", "ld.so.cache"};
    EXPECT_TRUE(has(machine_findings(m), "TD2020"));
    m.libraries.push_back({"libcudart", "libcudart.so.11.0", "/a/libcudart.so.11.0", "11.8.89", "ld.so.cache"});
    m.libraries.push_back({"libcublas", "libcublas.so.12", "/a/libcublas.so.12", "12.1.3.1", "ld.so.cache"});
    auto fs = machine_findings(m);
    EXPECT_FALSE(has(fs, "TD2020"));
    EXPECT_TRUE(has(fs, "TD2021"));
}

TEST(MachineRulesTest, EagerModuleLoadingIsReportedAndLazyIsNot) {
    MachineFacts m = machine_with(fake_machines::hopper());
    m.host.cuda_module_loading = "EAGER";
    EXPECT_TRUE(has(machine_findings(m), "TD2030"));
    m.host.cuda_module_loading = "LAZY";
    EXPECT_FALSE(has(machine_findings(m), "TD2030"));
}

TEST(MachineRulesTest, ProhibitedComputeModeIsReported) {
    FakeMachine fake = fake_machines::hopper();
    fake.gpus[0].compute_mode = 2;
    EXPECT_TRUE(has(machine_findings(machine_with(fake)), "TD2007"));
}

}  // namespace
}  // namespace trtdoctor::probe

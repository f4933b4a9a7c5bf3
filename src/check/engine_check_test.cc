#include "check/engine_check.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "plan/plan_builder.h"
#include "probe/fake_driver_api.h"
#include "probe/gpu_probe.h"

namespace trtdoctor::check {
namespace {

using plan::PlanBuilder;
using probe::FakeMachine;
namespace fm = probe::fake_machines;

probe::MachineFacts machine(FakeMachine fake, std::string trt = "") {
    probe::MachineFacts m;
    m.driver = probe::collect_driver_facts(*probe::make_fake_driver_api(std::move(fake)));
    if (!trt.empty()) {
        m.libraries.push_back({"libnvinfer", "libnvinfer.so." + trt.substr(0, trt.find('.')),
                               "/usr/lib/libnvinfer.so", trt, "ld.so.cache"});
    }
    return m;
}

plan::InspectResult plan_of(const PlanBuilder& b) { return plan::inspect_bytes(b.build(), "model.plan"); }

bool has(const EngineCheck& c, const std::string& code) {
    return std::any_of(c.findings.begin(), c.findings.end(), [&](const Finding& f) { return f.code == code; });
}
const Finding& get(const EngineCheck& c, const std::string& code) {
    return *std::find_if(c.findings.begin(), c.findings.end(), [&](const Finding& f) { return f.code == code; });
}

TEST(EngineCheckTest, AdaPlanOnHopperIsInvalidForArchMismatchWithTheHardwareCompatibilityException) {
    auto c = check_engine(plan_of(PlanBuilder().version(8, 6, 1, 6).cc(8, 9)), machine(fm::hopper()));
    EXPECT_EQ(c.verdict, Verdict::invalid);
    ASSERT_TRUE(has(c, "TD3003"));
    const Finding& f = get(c, "TD3003");
    EXPECT_EQ(f.name, "GPU_ARCH_MISMATCH");
    EXPECT_NE(f.summary.find("8.9 (Ada)"), std::string::npos);
    EXPECT_NE(f.summary.find("9.0 (Hopper)"), std::string::npos);
    EXPECT_NE(f.summary.find("hardware-compatible"), std::string::npos);
    EXPECT_NE(f.explanation.find("exception is a plan built with hardware"), std::string::npos);
    EXPECT_NE(f.explanation.find("Ampere or newer"), std::string::npos);
    ASSERT_EQ(c.gpus.size(), 1u);
    EXPECT_EQ(c.gpus[0].verdict, Verdict::invalid);
}

TEST(EngineCheckTest, PreAmperePlanHasNoHardwareCompatibilityWayOut) {
    auto c = check_engine(plan_of(PlanBuilder().version(8, 6, 1, 6).cc(7, 5).sms(40)), machine(fm::hopper()));
    ASSERT_TRUE(has(c, "TD3003"));
    EXPECT_EQ(get(c, "TD3003").summary.find("hardware-compatible"), std::string::npos);
}

TEST(EngineCheckTest, MatchingGpuAndTensorRtIsValid) {
    auto c = check_engine(plan_of(PlanBuilder().version(8, 6, 1, 6).cc(8, 6).sms(72)),
                          machine(fm::two_gpus_turing_ampere(), "8.6.1"), CheckOptions{1, {}});
    EXPECT_EQ(c.verdict, Verdict::valid) << (c.findings.empty() ? "" : c.findings[0].summary);
    EXPECT_TRUE(c.findings.empty());
}

TEST(EngineCheckTest, TwoGpusGiveAVerdictEachAndTheEngineLoadsOnTheMatchingOne) {
    auto m = machine(fm::two_gpus_turing_ampere(), "8.6.1");
    auto c = check_engine(plan_of(PlanBuilder().version(8, 6, 1, 6).cc(8, 6).sms(72)), m);
    ASSERT_EQ(c.gpus.size(), 2u);
    EXPECT_EQ(c.gpus[0].verdict, Verdict::invalid);
    EXPECT_EQ(c.gpus[1].verdict, Verdict::valid);
    EXPECT_EQ(c.verdict, Verdict::valid);
    auto only0 = check_engine(plan_of(PlanBuilder().version(8, 6, 1, 6).cc(8, 6).sms(72)), m, CheckOptions{0, {}});
    EXPECT_EQ(only0.verdict, Verdict::invalid);
    auto missing = check_engine(plan_of(PlanBuilder().version(8, 6, 1, 6).cc(8, 6).sms(72)), m, CheckOptions{5, {}});
    EXPECT_TRUE(has(missing, "TD3011"));
}

TEST(EngineCheckTest, SameArchitectureOtherModelIsSuboptimal) {
    auto c = check_engine(plan_of(PlanBuilder().version(8, 6, 1, 6).cc(8, 6).sms(28)),
                          machine(fm::two_gpus_turing_ampere(), "8.6.1"), CheckOptions{1, {}});
    EXPECT_EQ(c.verdict, Verdict::suboptimal);
    ASSERT_TRUE(has(c, "TD3004"));
    EXPECT_NE(get(c, "TD3004").summary.find("28 SMs"), std::string::npos);
}

TEST(EngineCheckTest, DesktopPlanOnJetsonAndJetsonPlanOnDesktopAreInvalid) {
    auto on_jetson = check_engine(plan_of(PlanBuilder().version(10, 3, 0, 26).cc(8, 6).sms(8)), machine(fm::jetson_orin()));
    EXPECT_TRUE(has(on_jetson, "TD3005"));
    EXPECT_NE(get(on_jetson, "TD3005").summary.find("integrated (Jetson) GPU"), std::string::npos);
    auto jetson_plan = check_engine(plan_of(PlanBuilder().version(10, 3, 0, 30).cc(8, 7).sms(8).integrated(true)),
                                    machine(fm::two_gpus_turing_ampere()), CheckOptions{1, {}});
    EXPECT_TRUE(has(jetson_plan, "TD3005"));
    // The near miss: a Jetson plan on the same Jetson.
    auto same = check_engine(plan_of(PlanBuilder().version(10, 3, 0, 30).cc(8, 7).sms(8).integrated(true).memory(7ull << 30)),
                             machine(fm::jetson_orin()));
    EXPECT_FALSE(has(same, "TD3005"));
    EXPECT_FALSE(has(same, "TD3003"));
}

TEST(EngineCheckTest, OldReleaseCannotRunOnANewerArchitecture) {
    auto c = check_engine(plan_of(PlanBuilder().version(7, 1, 3, 4).cc(7, 5).sms(40)), machine(fm::hopper()));
    ASSERT_TRUE(has(c, "TD3006"));
    EXPECT_NE(get(c, "TD3006").summary.find("newer"), std::string::npos);
}

TEST(EngineCheckTest, InstalledTensorRtOfAnotherReleaseIsAVersionMismatch) {
    auto c = check_engine(plan_of(PlanBuilder().version(8, 6, 1, 6).cc(9, 0).sms(132)), machine(fm::hopper(), "10.3.0"));
    ASSERT_TRUE(has(c, "TD3001"));
    EXPECT_NE(get(c, "TD3001").summary.find("8.6.1.6"), std::string::npos);
    EXPECT_EQ(get(c, "TD3001").summary.find("version-compatible"), std::string::npos);  // majors differ
    auto newer_same_major = check_engine(plan_of(PlanBuilder().version(10, 0, 1, 6).cc(9, 0).sms(132)),
                                         machine(fm::hopper(), "10.3.0"));
    ASSERT_TRUE(has(newer_same_major, "TD3001"));
    EXPECT_NE(get(newer_same_major, "TD3001").summary.find("version-compatible"), std::string::npos);
    auto same = check_engine(plan_of(PlanBuilder().version(10, 3, 0, 26).cc(9, 0).sms(132)), machine(fm::hopper(), "10.3.0"));
    EXPECT_FALSE(has(same, "TD3001"));
}

TEST(EngineCheckTest, NoDriverMakesEveryPlanInvalidWithTheReason) {
    for (auto fake : {fm::no_driver(), fm::cu_init_fails(100)}) {
        auto c = check_engine(plan_of(PlanBuilder()), machine(fake));
        EXPECT_EQ(c.verdict, Verdict::invalid);
        ASSERT_TRUE(has(c, "TD3011"));
    }
}

TEST(EngineCheckTest, PlanLargerThanFreeMemoryIsReported) {
    FakeMachine small = fm::hopper();
    small.gpus[0].free_bytes = 1000;
    auto c = check_engine(plan_of(PlanBuilder().cc(9, 0).sms(132).body_size(5000)), machine(small));
    ASSERT_TRUE(has(c, "TD3020"));
    EXPECT_EQ(get(c, "TD3020").severity, Severity::error);
    auto roomy = check_engine(plan_of(PlanBuilder().cc(9, 0).sms(132).body_size(5000)), machine(fm::hopper()));
    EXPECT_FALSE(has(roomy, "TD3020"));
}

TEST(EngineCheckTest, DriverOlderThanThePlansTensorRtNeedsIsReported) {
    FakeMachine old = fm::hopper();
    old.driver_version = "440.33.01";
    auto c = check_engine(plan_of(PlanBuilder().version(8, 6, 1, 6).cc(9, 0).sms(132)), machine(old));
    ASSERT_TRUE(has(c, "TD3010"));
    EXPECT_NE(get(c, "TD3010").summary.find("450.80.02"), std::string::npos);
    auto fine = check_engine(plan_of(PlanBuilder().version(8, 6, 1, 6).cc(9, 0).sms(132)), machine(fm::hopper()));
    EXPECT_FALSE(has(fine, "TD3010"));
}

TEST(EngineCheckTest, ChecksumMismatchIsReportedAndAMatchIsSilent) {
    auto p = plan_of(PlanBuilder().cc(9, 0).sms(132));
    p.sha256 = std::string(64, 'a');
    auto bad = check_engine(p, machine(fm::hopper()), CheckOptions{{}, std::string(64, 'B')});
    EXPECT_TRUE(has(bad, "TD3030"));
    auto good = check_engine(p, machine(fm::hopper()), CheckOptions{{}, std::string(64, 'A')});
    EXPECT_FALSE(has(good, "TD3030"));
}

TEST(EngineCheckTest, LookAlikeKeepsItsInspectFindingAndIsInvalid) {
    auto p = plan::inspect_bytes("version https://git-lfs.github.com/spec/v1\noid sha256:"
                                 "0000000000000000000000000000000000000000000000000000000000000000\nsize 12345\n",
                                 "model.engine");
    auto c = check_engine(p, machine(fm::hopper()));
    EXPECT_EQ(c.verdict, Verdict::invalid);
    EXPECT_TRUE(std::any_of(c.findings.begin(), c.findings.end(), [](const Finding& f) { return f.code.rfind("TD1", 0) == 0; }));
}

}  // namespace
}  // namespace trtdoctor::check

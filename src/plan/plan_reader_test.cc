// The plan reader on synthetic plans of every generation and every defect, built at test time
// by PlanBuilder, and on look-alikes. Each defect test has its healthy twin that must stay silent.
#include <gtest/gtest.h>

#include <algorithm>

#include "plan/plan_builder.h"
#include "plan/plan_file.h"

namespace trtdoctor::plan {
namespace {

std::vector<std::string> codes(const InspectResult& r) {
    std::vector<std::string> out;
    for (const auto& f : r.findings) out.push_back(f.code);
    return out;
}

std::string fact(const Finding& f, std::string_view key) {
    for (const auto& [k, v] : f.facts) {
        if (k == key) return v;
    }
    return "<missing " + std::string(key) + ">";
}

const Finding& only_finding(const InspectResult& r) {
    EXPECT_EQ(r.findings.size(), 1u) << ::testing::PrintToString(codes(r));
    static const Finding none{};
    return r.findings.empty() ? none : r.findings.front();
}

TEST(PlanReaderTest, DecodesAHealthyG3PlanWithVersionGpuAndSection) {
    const auto bytes = PlanBuilder().version(8, 6, 1, 6).cc(8, 9).sms(46).memory(12589334528ull).build();
    const auto r = inspect_bytes(bytes, "a.plan");
    EXPECT_EQ(r.kind, FileKind::plan);
    EXPECT_EQ(r.generation, Generation::g3);
    ASSERT_TRUE(r.trt_version);
    EXPECT_EQ(r.trt_version->to_string(), "8.6.1.6");
    EXPECT_EQ(r.serialization_version, 236u);
    EXPECT_EQ(r.serialization_range, "8.6");
    ASSERT_TRUE(r.builder_gpu);
    EXPECT_EQ(r.builder_gpu->compute_capability(), "8.9");
    EXPECT_EQ(r.builder_gpu->sm_count, 46u);
    EXPECT_EQ(r.builder_gpu->memory_bytes, 12589334528ull);
    EXPECT_EQ(r.builder_gpu->integrated, false);
    EXPECT_EQ(r.builder_gpu->family, "Ada (RTX 40xx / L4 / L40)");
    ASSERT_EQ(r.sections.size(), 1u);
    EXPECT_EQ(r.sections[0].tag, "NGNE");
    EXPECT_EQ(r.sections[0].offset, 56u);
    EXPECT_EQ(r.size, bytes.size());
    EXPECT_TRUE(r.findings.empty()) << ::testing::PrintToString(codes(r));
    EXPECT_EQ(r.sha256->size(), 64u);
    EXPECT_EQ(r.md5->size(), 32u);
}

TEST(PlanReaderTest, DecodesATwoSectionTen6PlanWithTheShortBlobHeader) {
    const auto bytes = PlanBuilder().version(10, 6, 0, 26).cc(7, 5).sms(16).weights_section(1000)
                           .short_blob_header(true).build();
    const auto r = inspect_bytes(bytes, "b.trt");
    EXPECT_EQ(r.trt_version->to_string(), "10.6.0.26");
    EXPECT_EQ(r.serialization_version, 239u);
    EXPECT_FALSE(r.safe_serialization_version);
    ASSERT_EQ(r.sections.size(), 2u);
    EXPECT_EQ(r.sections[0].offset, 80u);
    EXPECT_EQ(r.sections[1].tag, "THGW");
    EXPECT_EQ(r.sections[1].length, 1000u);
    EXPECT_EQ(r.platform_tag, "rtrt");
    EXPECT_EQ(r.builder_gpu->compute_capability(), "7.5");
    EXPECT_EQ(r.builder_gpu->sm_count, 16u);
    EXPECT_TRUE(r.findings.empty()) << ::testing::PrintToString(codes(r));
}

TEST(PlanReaderTest, DecodesAG2PlanAndChecksItsEndMarker) {
    const auto bytes = PlanBuilder().version(8, 5, 2, 2).cc(7, 2).sms(6).integrated(true).build();
    const auto r = inspect_bytes(bytes, "c.engine");
    EXPECT_EQ(r.generation, Generation::g2);
    EXPECT_EQ(r.serialization_version, 232u);
    EXPECT_EQ(r.safe_serialization_version, 0u);
    EXPECT_EQ(r.builder_gpu->family, "Jetson Xavier (NX / AGX)");
    EXPECT_TRUE(r.findings.empty());
    EXPECT_NE(std::find(r.notes.begin(), r.notes.end(), "end marker present"), r.notes.end());
}

TEST(PlanReaderTest, Ten3OnOrinIsNamedJetsonOrin) {
    const auto r = inspect_bytes(PlanBuilder().version(10, 3, 0, 30).cc(8, 7).sms(8).integrated(true).build(), "o");
    EXPECT_EQ(r.builder_gpu->family, "Jetson Orin");
    EXPECT_EQ(r.platform_tag, "utrt");
    EXPECT_EQ(r.builder_gpu->integrated, true);
}

TEST(PlanReaderTest, DecodesAG1PlanAndVerifiesItsCrc) {
    const auto bytes = PlanBuilder().version(7, 1, 3, 0).cc(5, 3).sms(1).integrated(true).build();
    const auto r = inspect_bytes(bytes, "d.engine");
    EXPECT_EQ(r.generation, Generation::g1);
    EXPECT_EQ(r.trt_version->to_string(), "7.1.3.0");
    EXPECT_EQ(r.serialization_version, 97u);
    EXPECT_EQ(r.serialization_range, "7.1");
    EXPECT_EQ(r.builder_gpu->compute_capability(), "5.3");
    EXPECT_EQ(r.builder_gpu->family, "Jetson Nano / TX1");
    EXPECT_TRUE(r.findings.empty()) << ::testing::PrintToString(codes(r));
    EXPECT_NE(std::find(r.notes.begin(), r.notes.end(), "CRC-32 matches"), r.notes.end());
}

TEST(PlanReaderTest, G1CrcMismatchIsTruncatedWithBothValues) {
    const auto r = inspect_bytes(PlanBuilder().version(7, 0, 0, 11).cc(6, 1).bad_crc(true).build(), "e");
    const auto& f = only_finding(r);
    EXPECT_EQ(f.code, "TD1013");
    EXPECT_EQ(f.name, "ENGINE_TRUNCATED");
    EXPECT_NE(fact(f, "crc_expected"), fact(f, "crc_actual"));
    EXPECT_NE(f.summary.find("CRC-32"), std::string::npos);
}

TEST(PlanReaderTest, TruncatedPlansOfEveryGenerationGiveTheMissingBytes) {
    for (auto [major, minor] : {std::pair{7, 1}, {8, 2}, {8, 6}, {10, 3}}) {
        SCOPED_TRACE(major * 10 + minor);
        PlanBuilder b;
        b.version(major, minor, 0, 1).body_size(2000);
        const auto healthy = b.build();
        const auto r = inspect_bytes(b.truncate(952).build(), "t.plan");
        const auto& f = only_finding(r);
        EXPECT_EQ(f.code, "TD1011");
        EXPECT_EQ(fact(f, "missing_bytes"), "952");
        EXPECT_EQ(fact(f, "actual_size"), std::to_string(healthy.size() - 952));
        EXPECT_NE(f.summary.find("952 bytes short"), std::string::npos) << f.summary;
        EXPECT_NE(f.fix.find("SHA-256"), std::string::npos);
    }
}

TEST(PlanReaderTest, OverlongPlanShowsTheExtraBytes) {
    const auto r = inspect_bytes(PlanBuilder().version(8, 4, 1, 5).append(64).build(), "o.plan");
    const auto& f = only_finding(r);
    EXPECT_EQ(f.code, "TD1012");
    EXPECT_EQ(fact(f, "extra_bytes"), "64");
    EXPECT_NE(f.fix.find("head -c"), std::string::npos);
}

TEST(PlanReaderTest, MissingEndMarkersAreReportedForG2AndG3ButNotFor82) {
    EXPECT_EQ(codes(inspect_bytes(PlanBuilder().version(8, 5, 2, 2).no_end_marker(true).build(), "x")),
              std::vector<std::string>{"TD1014"});
    EXPECT_EQ(codes(inspect_bytes(PlanBuilder().version(8, 6, 1, 6).no_end_marker(true).build(), "x")),
              std::vector<std::string>{"TD1014"});
    // 8.2 never wrote the marker: its absence is normal.
    EXPECT_TRUE(inspect_bytes(PlanBuilder().version(8, 2, 1, 8).build(), "x").findings.empty());
}

TEST(PlanReaderTest, SectionOutsideTheFileNamesTheSection) {
    const auto r = inspect_bytes(PlanBuilder().version(10, 0, 1, 6).section_overrun(4096).build(), "s");
    ASSERT_FALSE(r.findings.empty());
    EXPECT_EQ(r.findings[0].code, "TD1015");
    EXPECT_EQ(fact(r.findings[0], "section"), "NGNE");
}

TEST(PlanReaderTest, LyingSectionCountAndSizeFieldsAreFindingsNotCrashes) {
    const auto count = inspect_bytes(PlanBuilder().section_count(0xFFFFFFFFu).build(), "n");
    ASSERT_FALSE(count.findings.empty());
    EXPECT_EQ(count.findings[0].code, "TD1015");
    EXPECT_EQ(fact(count.findings[0], "section_count"), "4294967295");
    const auto size = inspect_bytes(PlanBuilder().size_field(UINT64_MAX).build(), "z");
    ASSERT_FALSE(size.findings.empty());
    EXPECT_EQ(size.findings[0].code, "TD1011");
}

TEST(PlanReaderTest, HeaderOnlyFragmentsAreTruncated) {
    const auto plan = PlanBuilder().version(8, 5, 2, 2).build();
    for (std::size_t n : {4u, 10u, 27u}) {
        const auto r = inspect_bytes(std::string_view(plan).substr(0, n), "h");
        EXPECT_EQ(r.kind, FileKind::plan);
        EXPECT_EQ(codes(r), std::vector<std::string>{"TD1011"}) << n;
    }
    const auto g3 = PlanBuilder().build();
    EXPECT_EQ(codes(inspect_bytes(std::string_view(g3).substr(0, 20), "h")), std::vector<std::string>{"TD1011"});
}

TEST(PlanReaderTest, NonZeroSafeSerializationIsAnotherProduct) {
    const auto r = inspect_bytes(PlanBuilder().version(8, 5, 2, 2).safe_serialization(43).build(), "s");
    const auto& f = only_finding(r);
    EXPECT_EQ(f.code, "TD1030");
    EXPECT_EQ(f.name, "ENGINE_WRONG_PRODUCT");
    EXPECT_EQ(fact(f, "safe_serialization_version"), "43");
}

TEST(PlanReaderTest, UnknownSerializationNumberIsInfoWithTheVersion) {
    const auto r = inspect_bytes(PlanBuilder().version(10, 13, 3, 9).serialization(241).build(), "u");
    const auto& f = only_finding(r);
    EXPECT_EQ(f.code, "TD1040");
    EXPECT_EQ(f.severity, Severity::info);
    EXPECT_NE(f.summary.find("10.13.3.9"), std::string::npos);
    EXPECT_TRUE(r.serialization_range.empty());
}

TEST(PlanReaderTest, TimingCachesAreNamedWithTheirRelease) {
    const auto r = inspect_bytes(PlanBuilder().version(8, 6, 1, 6).generation(Generation::g2).timing_cache(true).build(), "tc");
    EXPECT_EQ(r.kind, FileKind::timing_cache);
    EXPECT_EQ(r.serialization_version, 236u);
    const auto& f = only_finding(r);
    EXPECT_EQ(f.code, "TD1005");
    EXPECT_NE(f.summary.find("TensorRT 8.6"), std::string::npos);
}

TEST(PlanReaderTest, UltralyticsWrapperShowsMetadataAndInspectsTheInnerPlan) {
    const std::string meta = R"({"description": "Ultralytics YOLOv8n", "imgsz": [640, 640]})";
    const auto bytes = ultralytics_wrap(meta, PlanBuilder().version(10, 3, 0, 26).build());
    const auto r = inspect_bytes(bytes, "yolo.engine");
    EXPECT_EQ(r.kind, FileKind::wrapped_plan);
    EXPECT_EQ(r.plan_offset, 4 + meta.size());
    EXPECT_EQ(r.wrapper_metadata, meta);
    EXPECT_EQ(r.trt_version->to_string(), "10.3.0.26");
    const auto& f = only_finding(r);
    EXPECT_EQ(f.code, "TD1020");
    EXPECT_EQ(f.severity, Severity::warning);
    EXPECT_NE(f.fix.find("tail -c +" + std::to_string(5 + meta.size())), std::string::npos);
}

TEST(PlanReaderTest, TruncatedPlanInsideAWrapperIsBothWrappedAndTruncated) {
    const auto bytes = ultralytics_wrap("{\"a\": 1}", PlanBuilder().truncate(10).build());
    EXPECT_EQ(codes(inspect_bytes(bytes, "w")), (std::vector<std::string>{"TD1020", "TD1011"}));
}

TEST(PlanReaderTest, GitLfsPointerGivesOidAndRealSize) {
    const std::string oid = "sha256:e050790be9d3958243b727caa3f8225aad909537f385b6c4bf2de02008c3d6b1";
    const auto r = inspect_bytes(git_lfs_pointer(oid, 34709711), "p.engine");
    EXPECT_EQ(r.kind, FileKind::git_lfs_pointer);
    EXPECT_EQ(r.lfs_oid, oid);
    EXPECT_EQ(r.lfs_size, 34709711u);
    const auto& f = only_finding(r);
    EXPECT_EQ(f.code, "TD1003");
    EXPECT_NE(f.fix.find("git lfs pull to fetch the 34709711-byte object " + oid), std::string::npos);
}

TEST(PlanReaderTest, OnnxModelIsNamedWithIrVersionAndProducer) {
    const auto r = inspect_bytes(onnx_model_stub(8, "pytorch"), "m.engine");
    EXPECT_EQ(r.kind, FileKind::onnx);
    EXPECT_EQ(r.onnx_ir_version, 8u);
    const auto& f = only_finding(r);
    EXPECT_EQ(f.code, "TD1004");
    EXPECT_EQ(fact(f, "onnx_producer"), "pytorch");
}

TEST(PlanReaderTest, HtmlAndTextAreText) {
    const auto html = inspect_bytes("<!DOCTYPE html>\n<html><title>404</title></html>\n", "x.engine");
    EXPECT_EQ(html.kind, FileKind::text);
    EXPECT_NE(only_finding(html).summary.find("HTML page"), std::string::npos);
    const auto text = inspect_bytes("model weights go here\n", "y.engine");
    EXPECT_EQ(text.kind, FileKind::text);
    EXPECT_EQ(only_finding(text).code, "TD1002");
    EXPECT_EQ(only_finding(text).summary.find("HTML"), std::string::npos);
}

TEST(PlanReaderTest, EmptyFileIsTruncatedWithKindEmpty) {
    const auto r = inspect_bytes("", "e.engine");
    EXPECT_EQ(r.kind, FileKind::empty);
    EXPECT_EQ(only_finding(r).code, "TD1010");
    EXPECT_EQ(only_finding(r).name, "ENGINE_TRUNCATED");
}

TEST(PlanReaderTest, RandomBytesAreUnknownWithTheFirstBytes) {
    std::string junk;
    for (int i = 0; i < 4096; ++i) junk.push_back(static_cast<char>((i * 131 + 7) % 251));
    const auto r = inspect_bytes(junk, "r.bin");
    EXPECT_EQ(r.kind, FileKind::unknown);
    EXPECT_EQ(only_finding(r).code, "TD1001");
    EXPECT_EQ(fact(only_finding(r), "first_bytes").substr(0, 5), "07 8a");
}

TEST(PlanReaderTest, JsonThatMerelyStartsLikeAWrapperIsNotWrapped) {
    // A length prefix and '{' but no plan after the metadata: not an Ultralytics export.
    std::string s = ultralytics_wrap("{\"a\": 1}", "not a plan at all");
    EXPECT_NE(inspect_bytes(s, "j").kind, FileKind::wrapped_plan);
}

}  // namespace
}  // namespace trtdoctor::plan

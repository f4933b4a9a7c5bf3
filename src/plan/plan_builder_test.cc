// Text descriptions of plans (the examples' and other modules' test inputs).
#include <gtest/gtest.h>

#include "plan/plan_builder.h"
#include "plan/plan_file.h"
#include "support/testing.h"

#include <set>

namespace trtdoctor::plan {
namespace {

TEST(PlanDescriptionTest, ParsesOneFilePerRecord) {
    auto d = parse_descriptions(
        "File: a.plan\nVersion: 10.3.0.30\nCC: 8.7\nSMs: 8\nIntegrated: true\nMemory: 8 GiB\n\n"
        "File: b.engine\nKind: git_lfs_pointer\nOid: sha256:abc\nSize: 1234\n\n"
        "File: c.engine\nVersion: 8.5.2.2\nTruncate: 100\n",
        "t.txt");
    ASSERT_TRUE(d) << d.error().to_string();
    ASSERT_EQ(d->size(), 3u);
    EXPECT_EQ((*d)[0].file, "a.plan");
    const auto a = inspect_bytes((*d)[0].image.join(), "a.plan");
    EXPECT_EQ(a.trt_version->to_string(), "10.3.0.30");
    EXPECT_EQ(a.builder_gpu->memory_bytes, 8ull << 30);
    EXPECT_EQ(a.builder_gpu->family, "Jetson Orin");
    EXPECT_EQ(inspect_bytes((*d)[1].image.join(), "b").lfs_size, 1234u);
    const auto c = inspect_bytes((*d)[2].image.join(), "c");
    ASSERT_EQ(c.findings.size(), 1u);
    EXPECT_EQ(c.findings[0].code, "TD1011");
}

TEST(PlanDescriptionTest, RejectsUnknownKeysAndBadValuesNamingTheLine) {
    auto bad_key = parse_descriptions("File: a\nColour: red\n", "x.txt");
    ASSERT_FALSE(bad_key);
    EXPECT_NE(bad_key.error().message.find("unknown key 'Colour'"), std::string::npos);
    EXPECT_EQ(bad_key.error().line, 1u);
    auto bad_version = parse_descriptions("File: a\nVersion: 8.6\n", "x.txt");
    ASSERT_FALSE(bad_version);
    EXPECT_NE(bad_version.error().message.find("4-part version"), std::string::npos);
    EXPECT_FALSE(parse_descriptions("Version: 8.6.1.6\n", "x.txt"));        // no File
    EXPECT_FALSE(parse_descriptions("File: ../escape\n", "x.txt"));        // not a plain name
}

TEST(PlanImageTest, SparseImageJoinsToTheSameBytesAsItsSize) {
    const auto img = PlanBuilder().body_size(1 << 20).image();
    EXPECT_EQ(img.zeros, 1u << 20);
    EXPECT_EQ(img.join().size(), img.size());
    EXPECT_TRUE(inspect_bytes(img.join(), "s").findings.empty());
}

}  // namespace
}  // namespace trtdoctor::plan

namespace trtdoctor::plan {
namespace {

TEST(ExampleDescriptionsTest, EveryExampleBuildsIntoTheKindItsNameSays) {
    const std::string path = std::string(TRTDOCTOR_SOURCE_DIR) + "/tools/examples/plans.plan.txt";
    const std::string text = testing::read_file(path);
    auto ds = parse_descriptions(text, "plans.plan.txt");
    ASSERT_TRUE(ds) << ds.error().to_string();
    ASSERT_GE(ds->size(), 9u);
    std::set<std::string> kinds;
    for (const auto& d : *ds) {
        const auto r = inspect_bytes(d.image.join(), d.file);
        kinds.insert(std::string(to_string(r.kind)));
        if (d.file.starts_with("healthy") || d.file.starts_with("two-sections") ||
            d.file.starts_with("jetson")) {
            EXPECT_TRUE(r.findings.empty()) << d.file;
        } else {
            EXPECT_FALSE(r.findings.empty()) << d.file;
        }
    }
    EXPECT_EQ(kinds, (std::set<std::string>{"plan", "wrapped_plan", "timing_cache", "git_lfs_pointer",
                                            "onnx", "empty"}));
}

}  // namespace
}  // namespace trtdoctor::plan

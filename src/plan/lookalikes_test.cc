// Look-alike recognisers and their near misses, and what --no-hash leaves unchecked.
#include <gtest/gtest.h>

#include <algorithm>

#include "plan/lookalikes.h"
#include "plan/plan_builder.h"
#include "plan/plan_file.h"
#include "support/testing.h"

namespace trtdoctor::plan {
namespace {

TEST(LookalikeTest, LfsPointerNeedsTheSpecLine) {
    EXPECT_TRUE(parse_lfs_pointer("version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 5\n"));
    EXPECT_FALSE(parse_lfs_pointer("version https://example.com/spec/v1\noid sha256:ab\nsize 5\n"));
    const auto no_size = parse_lfs_pointer("version https://git-lfs.github.com/spec/v1\nsize x\n");
    ASSERT_TRUE(no_size);
    EXPECT_FALSE(no_size->size);
}

TEST(LookalikeTest, OnnxNeedsASmallIrVersionAndAModelField) {
    EXPECT_TRUE(parse_onnx_header(onnx_model_stub(9, "tf2onnx")));
    EXPECT_FALSE(parse_onnx_header(std::string("\x08\x7f\x12\x01x", 5)));   // IR 127: not ONNX
    EXPECT_FALSE(parse_onnx_header(std::string("\x08\x08\x99\x01x", 5)));   // no model field next
    EXPECT_FALSE(parse_onnx_header(std::string("\x08", 1)));                // cut short
}

TEST(LookalikeTest, UltralyticsLengthMustFitAndStartWithABrace) {
    const std::string wrapped = ultralytics_wrap("{\"a\":1}", "ptrt");
    EXPECT_EQ(ultralytics_metadata_length(wrapped, wrapped.size()), 7u);
    EXPECT_FALSE(ultralytics_metadata_length(wrapped, 8));  // longer than the file
    EXPECT_FALSE(ultralytics_metadata_length(ultralytics_wrap("[1]", "ptrt"), 11));
}

TEST(LookalikeTest, TextToleratesTabsButNotBinary) {
    const auto tsv = classify_text("a\tb\tc\n1\t2\t3\n");
    ASSERT_TRUE(tsv);
    EXPECT_EQ(tsv->first_line, "a b c");
    EXPECT_FALSE(classify_text(std::string("ab\0cd", 5)));
    EXPECT_FALSE(classify_text(std::string(100, '\x01')));
}

TEST(NoHashTest, G1CrcIsLeftUncheckedAndSaidSo) {
    testing::TempDir dir;
    const auto path = dir.write("g1.engine", PlanBuilder().version(7, 1, 3, 4).bad_crc(true).build());
    auto quick = inspect_file(path.string(), InspectOptions{.hash = false});
    ASSERT_TRUE(quick);
    EXPECT_TRUE(quick->findings.empty());
    EXPECT_FALSE(quick->sha256);
    EXPECT_NE(std::find(quick->notes.begin(), quick->notes.end(),
                        "CRC-32 not checked (--no-hash reads only the header)"), quick->notes.end());
    auto full = inspect_file(path.string());
    ASSERT_TRUE(full);
    ASSERT_EQ(full->findings.size(), 1u);
    EXPECT_EQ(full->findings[0].code, "TD1013");
}

TEST(InspectFileTest, MissingFileIsAToolErrorNamingIt) {
    auto r = inspect_file("/nonexistent/dir/model.engine");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::not_found);
    EXPECT_EQ(r.error().input, "/nonexistent/dir/model.engine");
}

}  // namespace
}  // namespace trtdoctor::plan

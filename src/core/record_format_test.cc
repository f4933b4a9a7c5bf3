#include "core/record_format.h"

#include <gtest/gtest.h>

namespace trtdoctor {
namespace {

TEST(RecordFormatTest, ParsesBlocksRepeatsAndContinuations) {
    auto recs = parse_records(
        "# comment\nCode: TD1\nPattern: a: b\nPattern: (?i)x\n\n\nCode: TD2\nFix: one\n  two\n",
        "t.cat");
    ASSERT_TRUE(recs) << recs.error().to_string();
    ASSERT_EQ(recs->size(), 2u);
    EXPECT_EQ((*recs)[0].line, 2u);
    EXPECT_EQ((*recs)[0].get_all("Pattern"), (std::vector<std::string_view>{"a: b", "(?i)x"}));
    EXPECT_EQ(*(*recs)[1].get("Fix"), "one two");
    EXPECT_FALSE((*recs)[1].get("Pattern"));
}

TEST(RecordFormatTest, NamesTheBadLine) {
    auto recs = parse_records("Code: TD1\nnot a field\n", "bad.cat");
    ASSERT_FALSE(recs);
    EXPECT_EQ(recs.error().line, 2u);
    EXPECT_EQ(recs.error().input, "bad.cat");
    auto orphan = parse_records("  continued\n", "bad.cat");
    ASSERT_FALSE(orphan);
}

}  // namespace
}  // namespace trtdoctor

#include "check/trt_releases.h"

#include <gtest/gtest.h>

namespace trtdoctor::check {
namespace {

TEST(TrtReleasesTest, KnownReleasesHaveTheirRow) {
    auto r86 = release_facts(8, 6);
    ASSERT_TRUE(r86);
    EXPECT_EQ(r86->min_driver, "450.80.02");
    EXPECT_TRUE(r86->hardware_compatible);
    EXPECT_EQ(r86->max_cc, 90);
    auto r71 = release_facts(7, 1);
    ASSERT_TRUE(r71);
    EXPECT_LT(r71->max_cc, 90);  // no Hopper in TensorRT 7
}

TEST(TrtReleasesTest, UnknownMinorFallsBackToTheOlderRowAsUncertain) {
    auto r83 = release_facts(8, 3);
    ASSERT_TRUE(r83);
    EXPECT_EQ(r83->minor, 3);
    EXPECT_FALSE(r83->certain);
    EXPECT_FALSE(release_facts(12, 0).has_value());
    EXPECT_FALSE(release_facts(6, 0).has_value());
}

TEST(TrtReleasesTest, DriverVersionsCompareNumerically) {
    EXPECT_LT(compare_versions("440.33.01", "450.80.02"), 0);
    EXPECT_GT(compare_versions("550.54.15", "525.60.13"), 0);
    EXPECT_EQ(compare_versions("525.60.13", "525.60.13"), 0);
    EXPECT_GT(compare_versions("1000.1", "999.99"), 0);
    EXPECT_EQ(compare_versions("", ""), 0);
}

}  // namespace
}  // namespace trtdoctor::check

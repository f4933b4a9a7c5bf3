#include "core/text.h"

#include <gtest/gtest.h>

namespace trtdoctor {
namespace {

TEST(TextTest, SuggestsCloseWords) {
    EXPECT_EQ(closest_matches("inspct", {"inspect", "check", "logs"}, 2),
              std::vector<std::string>{"inspect"});
    EXPECT_TRUE(closest_matches("zzzzzz", {"inspect"}, 2).empty());
}

TEST(TextTest, FormatsBytes) {
    EXPECT_EQ(human_bytes(17), "17 B");
    EXPECT_EQ(human_bytes(1536), "1.5 KiB");
    EXPECT_EQ(hex_bytes("ptrt"), "70 74 72 74");
    EXPECT_EQ(printable(std::string("a\x01", 2)), "a\\x01");
}

TEST(TextTest, ReplacesInvalidUtf8) {
    EXPECT_EQ(sanitize_utf8("ok \xc3\xa9"), "ok \xc3\xa9");
    EXPECT_EQ(sanitize_utf8("bad \xff!"), "bad \xEF\xBF\xBD!");
    EXPECT_EQ(sanitize_utf8("\xe2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // truncated sequence
    EXPECT_EQ(sanitize_utf8("\xed\xa0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
}

}  // namespace
}  // namespace trtdoctor

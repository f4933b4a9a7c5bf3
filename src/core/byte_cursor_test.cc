#include "core/byte_cursor.h"

#include <gtest/gtest.h>

namespace trtdoctor {
namespace {

TEST(ByteCursorTest, ReadsLittleEndianAndStopsAtTheEnd) {
    const std::string bytes("\x01\x02\x03\x04\x05", 5);
    ByteCursor c(bytes, 100);
    EXPECT_EQ(c.read_le<std::uint32_t>(), 0x04030201u);
    EXPECT_EQ(c.file_offset(), 104u);
    EXPECT_FALSE(c.read_le<std::uint32_t>());  // only one byte left
    EXPECT_EQ(c.position(), 4u);                // a failed read does not move
    EXPECT_EQ(c.read_le<std::uint8_t>(), 5u);
    EXPECT_TRUE(c.at_end());
}

TEST(ByteCursorTest, SliceRejectsLyingLengths) {
    const std::string bytes(16, 'x');
    ByteCursor c(bytes);
    EXPECT_TRUE(c.slice(8, 8));
    EXPECT_FALSE(c.slice(8, 9));
    EXPECT_FALSE(c.slice(UINT64_MAX, 2));
    EXPECT_FALSE(c.slice(2, UINT64_MAX));
    EXPECT_FALSE(c.peek_le<std::uint64_t>(SIZE_MAX - 2));
    EXPECT_FALSE(checked_add(UINT64_MAX, 1));
    EXPECT_EQ(checked_add(1, 2), 3u);
}

}  // namespace
}  // namespace trtdoctor

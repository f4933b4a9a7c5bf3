#include "core/input_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "support/testing.h"

namespace trtdoctor {
namespace {

TEST(InputFileTest, ReadsRegularFilesAndCountsBytes) {
    testing::TempDir dir;
    auto p = dir.write("a.bin", "hello world");
    auto f = InputFile::open(p.string());
    ASSERT_TRUE(f) << f.error().to_string();
    EXPECT_TRUE(f->seekable());
    EXPECT_EQ(f->size(), 11u);
    char buf[5];
    auto n = f->read_at(6, buf, 5);
    ASSERT_TRUE(n);
    EXPECT_EQ(std::string(buf, *n), "world");
    EXPECT_EQ(f->bytes_read(), 5u);
}

TEST(InputFileTest, NamesTheInputForEachBadKind) {
    testing::TempDir dir;
    auto missing = InputFile::open((dir.path() / "nope").string());
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::not_found);
    EXPECT_NE(missing.error().to_string().find("nope"), std::string::npos);

    auto directory = InputFile::open(dir.path().string());
    ASSERT_FALSE(directory);
    EXPECT_EQ(directory.error().code, ErrorCode::is_directory);

    auto dev = InputFile::open("/dev/zero");
    ASSERT_FALSE(dev);
    EXPECT_EQ(dev.error().code, ErrorCode::not_regular_file);

    auto loop = dir.path() / "loop";
    std::filesystem::create_symlink(loop, loop);
    auto looped = InputFile::open(loop.string());
    ASSERT_FALSE(looped);
    EXPECT_EQ(looped.error().code, ErrorCode::symlink_loop);

    if (::geteuid() != 0) {  // root reads anything
        auto secret = dir.write("secret", "x");
        ::chmod(secret.c_str(), 0);
        auto denied = InputFile::open(secret.string());
        ASSERT_FALSE(denied);
        EXPECT_EQ(denied.error().code, ErrorCode::permission_denied);
    }
}

TEST(InputFileTest, FifoWithoutWriterDoesNotHang) {
    testing::TempDir dir;
    auto fifo = dir.path() / "fifo";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    auto f = InputFile::open(fifo.string());
    ASSERT_TRUE(f) << f.error().to_string();
    EXPECT_FALSE(f->seekable());
    auto data = f->read_up_to(16);
    ASSERT_TRUE(data);
    EXPECT_TRUE(data->empty());
}

}  // namespace
}  // namespace trtdoctor

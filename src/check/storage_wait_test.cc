#include "check/storage_wait.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "support/testing.h"

namespace trtdoctor::check {
namespace {

TEST(StorageWaitTest, FileThatStopsChangingIsStable) {
    testing::TempDir dir;
    auto path = dir.write("a.plan", "0123456789");
    auto w = wait_for_stable_file(path.string(), std::chrono::milliseconds(3000), std::chrono::milliseconds(50));
    EXPECT_TRUE(w.exists);
    EXPECT_TRUE(w.stable);
    EXPECT_EQ(w.size, 10u);
}

TEST(StorageWaitTest, MissingFileIsReportedAsMissingAfterTheLimit) {
    testing::TempDir dir;
    auto w = wait_for_stable_file((dir.path() / "nope.plan").string(), std::chrono::milliseconds(150));
    EXPECT_FALSE(w.exists);
    EXPECT_FALSE(w.stable);
    EXPECT_GE(w.polls, 2u);
}

TEST(StorageWaitTest, FileThatKeepsGrowingIsNeverStable) {
    testing::TempDir dir;
    const auto path = dir.path() / "growing.plan";
    std::atomic<bool> stop{false};
    std::thread writer([&] {
        std::ofstream out(path, std::ios::binary);
        while (!stop) {
            out << "xxxxxxxxxx" << std::flush;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    });
    auto w = wait_for_stable_file(path.string(), std::chrono::milliseconds(500), std::chrono::milliseconds(100));
    stop = true;
    writer.join();
    EXPECT_TRUE(w.exists);
    EXPECT_FALSE(w.stable);
}

TEST(StorageWaitTest, FileThatAppearsLateIsFound) {
    testing::TempDir dir;
    const auto path = dir.path() / "late.plan";
    std::thread writer([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        std::ofstream(path, std::ios::binary) << "plan";
    });
    auto w = wait_for_stable_file(path.string(), std::chrono::milliseconds(5000), std::chrono::milliseconds(50));
    writer.join();
    EXPECT_TRUE(w.exists);
    EXPECT_TRUE(w.stable);
}

}  // namespace
}  // namespace trtdoctor::check

#include "probe/subprocess.h"

#include <gtest/gtest.h>

namespace trtdoctor::probe {
namespace {

TEST(SubprocessTest, CollectsOutputAndExitStatus) {
    CommandResult r = run_command({"/bin/sh", "-c", "echo hello; echo err >&2; exit 3"},
                                  std::chrono::milliseconds(5000));
    EXPECT_TRUE(r.started);
    EXPECT_FALSE(r.timed_out);
    EXPECT_EQ(r.exit_status, 3);
    EXPECT_NE(r.output.find("hello"), std::string::npos);
    EXPECT_NE(r.output.find("err"), std::string::npos);
}

TEST(SubprocessTest, StuckProgramIsKilledAtTheDeadline) {
    CommandResult r = run_command({"/bin/sleep", "30"}, std::chrono::milliseconds(100));
    EXPECT_TRUE(r.timed_out);
    EXPECT_FALSE(r.exit_status.has_value());
}

TEST(SubprocessTest, MissingProgramIsAnErrorNotAStart) {
    CommandResult r = run_command({"/nonexistent/program"}, std::chrono::milliseconds(1000));
    EXPECT_FALSE(r.started);
    EXPECT_FALSE(r.error.empty());
}

TEST(SubprocessTest, OutputIsCapped) {
    CommandResult r = run_command({"/bin/sh", "-c", "yes | head -c 100000"},
                                  std::chrono::milliseconds(5000), 1000);
    EXPECT_EQ(r.output.size(), 1000u);
}

}  // namespace
}  // namespace trtdoctor::probe

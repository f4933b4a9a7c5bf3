#include "report/output.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace trtdoctor {
namespace {

Finding finding(Severity s) {
    Finding f;
    f.severity = s;
    return f;
}

TEST(ExitCodeTest, FollowsTheThreshold) {
    const std::vector<Finding> warn{finding(Severity::warning)};
    EXPECT_EQ(exit_code_for(warn, FailOn::error, false), exit_ok);
    EXPECT_EQ(exit_code_for(warn, FailOn::warning, false), exit_findings);
    EXPECT_EQ(exit_code_for(warn, FailOn::never, false), exit_ok);
    EXPECT_EQ(exit_code_for(warn, FailOn::never, true), exit_input_error);
    EXPECT_EQ(exit_code_for({}, FailOn::info, false), exit_ok);
}

TEST(ColorTest, NeverWithNoColorOrOffTerminal) {
    ::setenv("NO_COLOR", "1", 1);
    EXPECT_FALSE(use_color(ColorMode::automatic, stdout));
    EXPECT_TRUE(use_color(ColorMode::always, stdout));
    ::unsetenv("NO_COLOR");
    EXPECT_FALSE(use_color(ColorMode::never, stdout));
    EXPECT_EQ(Style(false).red("x"), "x");
    EXPECT_EQ(Style(true).red("x"), "\x1b[1;31mx\x1b[0m");
}

TEST(ParseTest, RejectsUnknownValues) {
    EXPECT_FALSE(parse_output_format("xml"));
    EXPECT_EQ(parse_output_format("sarif"), OutputFormat::sarif);
    EXPECT_FALSE(parse_fail_on("fatal"));
    EXPECT_FALSE(parse_color_mode("yes"));
}

}  // namespace
}  // namespace trtdoctor

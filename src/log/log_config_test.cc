#include "log/log_config.h"

#include <gtest/gtest.h>

#include "support/testing.h"

namespace trtdoctor::log {
namespace {

TEST(LogConfig, ReadsFailOnIgnoreAndMaxLineLength) {
    auto c = parse_log_config("# CI gate\nFailOn: warning\nIgnore: TD4012\nIgnore: SOME_NAME\nMaxLineLength: 4096\n",
                              "gate.conf");
    ASSERT_TRUE(c) << c.error().to_string();
    EXPECT_EQ(c->fail_on, std::optional<std::string>("warning"));
    EXPECT_EQ(c->ignore, (std::vector<std::string>{"TD4012", "SOME_NAME"}));
    EXPECT_EQ(c->max_line_length, std::optional<std::size_t>(4096));
}

TEST(LogConfig, UnknownKeyIsAnErrorNamingTheKeyAndFile) {
    auto c = parse_log_config("FailOn: error\nIgnroe: TD4012\n", "gate.conf");
    ASSERT_FALSE(c);
    EXPECT_NE(c.error().message.find("Ignroe"), std::string::npos);
    EXPECT_EQ(c.error().input, "gate.conf");
}

TEST(LogConfig, BadValuesAreErrors) {
    EXPECT_FALSE(parse_log_config("FailOn: sometimes\n", "c"));
    EXPECT_FALSE(parse_log_config("MaxLineLength: 12\n", "c"));
    EXPECT_FALSE(parse_log_config("MaxLineLength: lots\n", "c"));
    EXPECT_TRUE(parse_log_config("", "c"));
}

TEST(LogConfig, MissingFileIsNotFound) {
    trtdoctor::testing::TempDir dir;
    auto c = load_log_config((dir.path() / "absent.conf").string());
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace trtdoctor::log

#include "cli/arg_parser.h"

#include <gtest/gtest.h>

namespace trtdoctor::cli {
namespace {

TEST(ArgParserTest, ParsesLongShortInlineRepeatedAndPositionals) {
    bool verbose = false;
    std::string out;
    std::vector<std::string> tags, files;
    ArgParser p("t", "t", "test");
    p.flag("verbose", 'v', &verbose, "");
    p.option("out", 'o', "FILE", &out, "");
    p.repeated("tag", 0, "T", &tags, "");
    p.positionals(&files, "FILE", 1);
    const std::vector<std::string> args{"-v", "--out=x", "--tag", "a", "--tag=b", "-", "--", "--odd"};
    EXPECT_FALSE(p.parse(args));
    EXPECT_TRUE(verbose);
    EXPECT_EQ(out, "x");
    EXPECT_EQ(tags, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(files, (std::vector<std::string>{"-", "--odd"}));
}

TEST(ArgParserTest, MisuseIsExitCodeThree) {
    std::vector<std::string> files;
    std::string out;
    ArgParser p("t", "t", "test");
    p.option("out", 'o', "FILE", &out, "");
    p.positionals(&files, "FILE", 1, 1);
    EXPECT_EQ(p.parse(std::vector<std::string>{"--bogus", "a"}), exit_usage);
    EXPECT_EQ(p.parse(std::vector<std::string>{"--out"}), exit_usage);
    EXPECT_EQ(p.parse(std::vector<std::string>{}), exit_usage);
    EXPECT_EQ(p.parse(std::vector<std::string>{"a", "b"}), exit_usage);
}

TEST(ArgParserTest, HelpListsOptions) {
    std::string out;
    ArgParser p("t", "t FILE", "does things");
    p.option("out", 'o', "FILE", &out, "where to write");
    const std::string h = p.help();
    EXPECT_NE(h.find("Usage: trtdoctor t FILE"), std::string::npos);
    EXPECT_NE(h.find("-o, --out FILE"), std::string::npos);
    EXPECT_NE(h.find("where to write"), std::string::npos);
}

}  // namespace
}  // namespace trtdoctor::cli

#include "log/log_scan.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "log/test_rules.h"
#include "support/testing.h"

namespace trtdoctor::log {
namespace {

using trtdoctor::testing::TempDir;

constexpr std::string_view k_rules = R"(Code: TD4901
Name: DESERIALIZE_RULE
Pattern: Deserialize engine failed$

Code: TD4902
Name: OUTPUT_RULE
Pattern: Network must have at least one output
)";

struct Recorder : HitSink {
    std::vector<RuleHit> hits;
    std::vector<MarkerHit> markers;
    void hit(RuleHit h) override { hits.push_back(std::move(h)); }
    void marker(MarkerHit h) override { markers.push_back(std::move(h)); }
};

class LogScan : public ::testing::Test {
protected:
    void SetUp() override {
        auto m = Matcher::create(rules.pointers(), {});
        ASSERT_TRUE(m);
        matcher.emplace(std::move(*m));
    }
    test::TestRules rules = test::make_rules(k_rules);
    std::optional<Matcher> matcher;
    TempDir dir;
};

TEST_F(LogScan, CleansCrLfAnsiAndQuotesBeforeMatching) {
    const auto path = dir.write("run.log",
                                "> [I] start\r\n"
                                "> \x1b[31mERROR: Deserialize engine failed\x1b[0m\r\n"
                                "[I] done\r\n");
    Recorder r;
    auto stats = scan_log(path.string(), *matcher, r);
    ASSERT_TRUE(stats) << stats.error().to_string();
    EXPECT_EQ(stats->lines, 3u);
    ASSERT_EQ(r.hits.size(), 1u);
    EXPECT_EQ(r.hits[0].line, 2u);
    EXPECT_EQ(r.hits[0].text, "ERROR: Deserialize engine failed");
    EXPECT_EQ(r.hits[0].level, Level::error);
}

TEST_F(LogScan, LineNumbersStayRightAcrossBlocksAndCutLines) {
    std::string text;
    for (int i = 1; i <= 3000; ++i) {
        if (i == 1500) text += std::string(500, 'z') + "\n";
        else if (i % 1000 == 0) text += "[E] [TRT] Network must have at least one output\n";
        else text += "[V] [TRT] filler line number " + std::to_string(i) + "\n";
    }
    const auto path = dir.write("big.log", text);
    Recorder r;
    ScanOptions o;
    o.reader = ReaderOptions{512, 64};
    auto stats = scan_log(path.string(), *matcher, r, o);
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats->lines, 3000u);
    EXPECT_EQ(stats->truncated_lines, 1u);
    ASSERT_EQ(r.hits.size(), 3u);
    EXPECT_EQ(r.hits[0].line, 1000u);
    EXPECT_EQ(r.hits[1].line, 2000u);
    EXPECT_EQ(r.hits[2].line, 3000u);
}

TEST_F(LogScan, IgnoredRulesNeverReachTheSinkByCodeOrName) {
    const auto path = dir.write("run.log", "Deserialize engine failed\nNetwork must have at least one output\n");
    for (const std::string key : {"td4901", "DESERIALIZE_RULE"}) {
        Recorder r;
        ScanOptions o;
        o.ignore = {key};
        ASSERT_TRUE(scan_log(path.string(), *matcher, r, o));
        ASSERT_EQ(r.hits.size(), 1u) << key;
        EXPECT_EQ(r.hits[0].rule->code, "TD4902");
    }
}

TEST_F(LogScan, BinaryInputIsRefusedWithAnError) {
    const auto path = dir.write("model.onnx", std::string("\x08\x07\x12\x00\x00\x01pytorch", 13));
    Recorder r;
    auto stats = scan_log(path.string(), *matcher, r);
    ASSERT_FALSE(stats);
    EXPECT_EQ(stats.error().code, ErrorCode::binary_input);
    EXPECT_TRUE(r.hits.empty());
}

TEST_F(LogScan, ReportsProgressWithTheInputSize) {
    const auto path = dir.write("run.log", "a\nb\n");
    Recorder r;
    ScanOptions o;
    std::uint64_t last = 0;
    std::optional<std::uint64_t> total;
    o.progress = [&](std::uint64_t done, std::optional<std::uint64_t> t) {
        last = done;
        total = t;
    };
    ASSERT_TRUE(scan_log(path.string(), *matcher, r, o));
    EXPECT_EQ(last, 4u);
    EXPECT_EQ(total, std::optional<std::uint64_t>(4));
}

}  // namespace
}  // namespace trtdoctor::log

namespace trtdoctor::log {
namespace {

TEST(LogScanRealLogs, EveryFixtureLogIsReadWithTheRightLineCount) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    auto matcher = Matcher::builtin();
    ASSERT_TRUE(matcher) << matcher.error().to_string();
    std::size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(shared / "fixtures" / "logs")) {
        if (e.path().extension() != ".log") continue;
        const std::string bytes = trtdoctor::testing::read_file(e.path());
        std::uint64_t expected = count_newlines(bytes.data(), bytes.size());
        if (!bytes.empty() && bytes.back() != '\n') ++expected;
        Recorder r;
        auto stats = scan_log(e.path().string(), *matcher, r);
        ASSERT_TRUE(stats) << stats.error().to_string();
        EXPECT_EQ(stats->lines, expected) << e.path();
        for (const auto& h : r.hits) EXPECT_LE(h.line, expected);
        ++files;
    }
    EXPECT_GE(files, 30u);
}

}  // namespace
}  // namespace trtdoctor::log

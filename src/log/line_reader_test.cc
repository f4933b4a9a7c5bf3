#include "log/line_reader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <zlib.h>

#include <string>

#include "support/testing.h"

namespace trtdoctor::log {
namespace {

using trtdoctor::testing::TempDir;

std::string gzip(std::string_view text) {
    z_stream z{};
    deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, static_cast<uLong>(text.size())) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

struct Collected {
    std::string text;
    std::vector<std::uint64_t> truncated_lines;
    std::uint64_t lines = 0;
    std::uint64_t truncated = 0;
};

Expected<Collected> collect(const std::string& path, ReaderOptions options = {}) {
    auto reader = LineReader::open(path, options);
    if (!reader) return reader.error();
    Collected c;
    LineBlock b;
    std::uint64_t expected_first = 1;
    for (;;) {
        auto more = reader->next(b);
        if (!more) return more.error();
        if (!*more) break;
        EXPECT_EQ(b.first_line, expected_first);
        EXPECT_EQ(b.data[b.size - 1], '\n');
        if (b.truncated) c.truncated_lines.push_back(b.first_line);
        expected_first += count_newlines(b.data, b.size);
        c.text.append(b.data, b.size);
    }
    c.lines = reader->lines();
    c.truncated = reader->truncated_lines();
    return c;
}

std::string numbered_lines(int n) {
    std::string s;
    for (int i = 1; i <= n; ++i) s += "[I] line " + std::to_string(i) + " of the log\n";
    return s;
}

TEST(LineReader, HandsOutEveryLineOnceAcrossManySmallBlocks) {
    TempDir dir;
    const std::string text = numbered_lines(5000);
    const auto path = dir.write("run.log", text);
    auto c = collect(path.string(), ReaderOptions{256, 32});
    ASSERT_TRUE(c) << c.error().to_string();
    EXPECT_EQ(c->text, text);
    EXPECT_EQ(c->lines, 5000u);
    EXPECT_EQ(c->truncated, 0u);
}

TEST(LineReader, AddsTheMissingNewlineOfTheLastLine) {
    TempDir dir;
    const auto path = dir.write("run.log", "first\nlast without newline");
    auto c = collect(path.string());
    ASSERT_TRUE(c);
    EXPECT_EQ(c->text, "first\nlast without newline\n");
    EXPECT_EQ(c->lines, 2u);
}

TEST(LineReader, CutsOverLongLinesAndKeepsCountingAfterThem) {
    TempDir dir;
    const std::string longline(1000, 'x');
    const auto path = dir.write("run.log", "short one\n" + longline + "\nafter\n" + longline);
    auto c = collect(path.string(), ReaderOptions{256, 32});
    ASSERT_TRUE(c);
    EXPECT_EQ(c->text, "short one\n" + std::string(32, 'x') + "\nafter\n" + std::string(32, 'x') + "\n");
    EXPECT_EQ(c->lines, 4u);
    EXPECT_EQ(c->truncated, 2u);
    EXPECT_EQ(c->truncated_lines, (std::vector<std::uint64_t>{2, 4}));
}

TEST(LineReader, LineExactlyAtTheLimitIsNotCut) {
    TempDir dir;
    const auto path = dir.write("run.log", std::string(32, 'y') + "\nz\n");
    auto c = collect(path.string(), ReaderOptions{256, 32});
    ASSERT_TRUE(c);
    EXPECT_EQ(c->truncated, 0u);
    EXPECT_EQ(c->text, std::string(32, 'y') + "\nz\n");
}

TEST(LineReader, InflatesGzipRecognisedByItsMagicBytes) {
    TempDir dir;
    const std::string text = numbered_lines(2000);
    const auto path = dir.write("run.log.gz", gzip(text) + gzip("second member\n"));
    auto reader = LineReader::open(path.string());
    ASSERT_TRUE(reader);
    auto c = collect(path.string());
    ASSERT_TRUE(c) << c.error().to_string();
    EXPECT_EQ(c->text, text + "second member\n");
    EXPECT_EQ(c->lines, 2001u);
}

TEST(LineReader, TruncatedGzipIsAnInvalidFormatErrorNamingTheInput) {
    TempDir dir;
    const std::string z = gzip(numbered_lines(2000));
    const auto path = dir.write("cut.log.gz", z.substr(0, z.size() / 2));
    auto c = collect(path.string());
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code, ErrorCode::invalid_format);
    EXPECT_NE(c.error().to_string().find("cut.log.gz"), std::string::npos);
}

TEST(LineReader, RefusesBinaryInput) {
    TempDir dir;
    std::string bytes = "ELF";
    bytes += std::string("\0\x01\x02\x03", 4);
    const auto path = dir.write("engine.plan", bytes + std::string(100, 'a'));
    auto c = collect(path.string());
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code, ErrorCode::binary_input);
    EXPECT_NE(c.error().to_string().find("engine.plan"), std::string::npos);
}

TEST(LineReader, EmptyInputHasNoLines) {
    TempDir dir;
    const auto path = dir.write("empty.log", "");
    auto c = collect(path.string());
    ASSERT_TRUE(c);
    EXPECT_EQ(c->lines, 0u);
    EXPECT_TRUE(c->text.empty());
}

TEST(LineReader, DirectoryAndMissingFileAreErrors) {
    TempDir dir;
    auto d = LineReader::open(dir.path().string());
    if (d) {
        LineBlock b;
        auto r = d->next(b);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, ErrorCode::is_directory);
    } else {
        EXPECT_EQ(d.error().code, ErrorCode::is_directory);
    }
    auto m = LineReader::open((dir.path() / "nope.log").string());
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().code, ErrorCode::not_found);
}

TEST(LooksBinary, TextWithUtf8AndAFewLatin1BytesIsText) {
    EXPECT_FALSE(looks_binary("[I] caf\xc3\xa9 \xe2\x9c\x93 ok\n"));
    EXPECT_FALSE(looks_binary("[W] na\xefve latin-1 line with mostly ascii text in it\n"));
    EXPECT_FALSE(looks_binary("\x1b[1A\x1b[2K[----] Building engine\r\n"));
}

TEST(LooksBinary, NulOrManyControlBytesIsBinary) {
    EXPECT_TRUE(looks_binary(std::string("abc\0def", 7)));
    std::string noise;
    for (int i = 0; i < 400; ++i) noise += static_cast<char>(0x80 + (i * 37) % 64);
    EXPECT_TRUE(looks_binary(noise));
    EXPECT_TRUE(looks_binary("\x01\x02\x03\x04\x05\x06 abc"));
}

TEST(CountNewlines, MatchesANaiveCountAtEveryLengthAndAlignment) {
    std::string s;
    for (int i = 0; i < 5000; ++i) s += (i % 7 == 0 || i % 13 == 0) ? '\n' : 'a';
    for (std::size_t start : {0u, 1u, 3u, 15u}) {
        for (std::size_t len : {0u, 1u, 15u, 16u, 17u, 255u * 16u + 5u, 4000u}) {
            std::uint64_t naive = 0;
            for (std::size_t i = start; i < start + len; ++i) naive += s[i] == '\n';
            EXPECT_EQ(count_newlines(s.data() + start, len), naive) << start << "+" << len;
        }
    }
}

std::string cleaned(std::string s) {
    s.resize(clean_block(s.data(), s.size()));
    return s;
}

TEST(CleanBlock, RemovesCarriageReturnsBeforeNewlines) {
    EXPECT_EQ(cleaned("[E] a\r\n[E] b\r\n"), "[E] a\n[E] b\n");
    EXPECT_EQ(cleaned("50%\r60%\n"), "50% 60%\n");
}

TEST(CleanBlock, RemovesAnsiEscapesButKeepsTheText) {
    EXPECT_EQ(cleaned("\x1b[1A\x1b[0G\x1b[2K[----] Building engine 0/6\n"), "[----] Building engine 0/6\n");
    EXPECT_EQ(cleaned("\x1b[31m[E]\x1b[0m failed\n"), "[E] failed\n");
    EXPECT_EQ(cleaned("\x1b]0;title\x07text\n"), "text\n");
}

TEST(CleanBlock, StripsMarkdownQuotePrefixesOnly) {
    EXPECT_EQ(cleaned("> [E] quoted\n> > nested\n>\nplain > not a prefix\n"),
              "[E] quoted\nnested\n\nplain > not a prefix\n");
    EXPECT_EQ(cleaned(">>>>>>>>>>>>>>> Chose Runner Type: Reformat\n"),
              ">>>>>>>>>>>>>>> Chose Runner Type: Reformat\n");
}

TEST(CleanBlock, FastAndQuotedPathsAgreeOnEscapesAndCarriageReturns) {
    const std::string body = "a\r\n\x1b[2Kb\rc\x1b[0m\r\n\x1b[1;31m[E]\x1b[0m d\r\n\x1b";
    EXPECT_EQ(cleaned(body), "a\nb c\n[E] d\n");
    EXPECT_EQ(cleaned("> x\n" + body), "x\na\nb c\n[E] d\n");
}

TEST(CleanBlock, LeavesCleanBlocksUntouched) {
    const std::string s = "[I] a -> b\n[W] c\n";
    EXPECT_EQ(cleaned(s), s);
}

}  // namespace
}  // namespace trtdoctor::log

#include "core/catalogue.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "support/testing.h"

namespace trtdoctor {
namespace {

using embedded::EmbeddedFile;

TEST(CatalogueTest, LoadsRecordsAndAttachesPages) {
    const EmbeddedFile files[] = {{"a.cat",
                                   "Code: TD9002\nName: B_NAME\nSeverity: warning\nDomain: plan\n"
                                   "Title: second\n\nCode: TD9001\nName: A_NAME\nSeverity: error\n"
                                   "Domain: log\nTitle: first\nFix: do\n  this\n"}};
    const EmbeddedFile pages[] = {{"TD9001.md", "# TD9001 A_NAME: first\n"}};
    auto cat = Catalogue::load(files, pages);
    ASSERT_TRUE(cat) << cat.error().to_string();
    ASSERT_EQ(cat->all().size(), 2u);
    EXPECT_EQ(cat->all()[0].code, "TD9001");  // sorted by code
    EXPECT_EQ(cat->all()[0].fix, "do this");
    EXPECT_EQ(cat->all()[0].page, "# TD9001 A_NAME: first\n");
    EXPECT_TRUE(cat->all()[1].page.empty());
    EXPECT_EQ(cat->lookup("td9002").size(), 1u);
    EXPECT_EQ(cat->lookup("b_name").front()->code, "TD9002");
}

TEST(CatalogueTest, RejectsDuplicateCodes) {
    const EmbeddedFile files[] = {
        {"a.cat", "Code: TD9001\nName: A\nSeverity: error\nDomain: log\nTitle: t\n"},
        {"b.cat", "Code: TD9001\nName: B\nSeverity: error\nDomain: log\nTitle: t\n"}};
    auto cat = Catalogue::load(files, {});
    ASSERT_FALSE(cat);
    EXPECT_NE(cat.error().message.find("TD9001 listed twice"), std::string::npos);
}

TEST(CatalogueTest, RejectsMissingFieldsAndBadCodes) {
    const EmbeddedFile missing[] = {{"a.cat", "Code: TD9001\nName: A\nSeverity: error\n"}};
    EXPECT_FALSE(Catalogue::load(missing, {}));
    const EmbeddedFile bad_code[] = {
        {"a.cat", "Code: X1\nName: A\nSeverity: error\nDomain: log\nTitle: t\n"}};
    EXPECT_FALSE(Catalogue::load(bad_code, {}));
    const EmbeddedFile bad_sev[] = {
        {"a.cat", "Code: TD9001\nName: A\nSeverity: fatal\nDomain: log\nTitle: t\n"}};
    EXPECT_FALSE(Catalogue::load(bad_sev, {}));
}

TEST(BuiltinCatalogueTest, LoadsAndIsNotEmpty) {
    EXPECT_FALSE(Catalogue::builtin().all().empty());
}

TEST(BuiltinCatalogueTest, EveryDiagnosisHasACompletePage) {
    for (const auto& d : Catalogue::builtin().all()) {
        SCOPED_TRACE(d.code + " " + d.name);
        ASSERT_FALSE(d.page.empty()) << "missing docs/diagnoses/" << d.code << ".md";
        const std::string heading = "# " + d.code + " " + d.name;
        EXPECT_EQ(d.page.substr(0, heading.size()), heading) << "page must start with " << heading;
        for (const char* section : {"## What you see", "## Why it happens", "## How to fix",
                                    "## When it is not a problem"}) {
            EXPECT_NE(d.page.find(section), std::string_view::npos) << "page lacks " << section;
        }
    }
}

TEST(BuiltinCatalogueTest, EveryPageBelongsToADiagnosis) {
    std::set<std::string> codes;
    for (const auto& d : Catalogue::builtin().all()) codes.insert(d.code);
    for (const auto& page : embedded::diagnosis_pages()) {
        const std::string code(page.name.substr(0, page.name.find('.')));
        EXPECT_TRUE(codes.count(code)) << page.name << " has no catalogue record";
    }
}

TEST(BuiltinCatalogueTest, DomainMatchesCodeSeries) {
    const std::map<char, std::string> series = {{'1', "plan"}, {'2', "machine"}, {'3', "check"},
                                                {'4', "log"},  {'5', "perf"},    {'6', "manifest"}};
    for (const auto& d : Catalogue::builtin().all()) {
        auto it = series.find(d.code[2]);
        ASSERT_NE(it, series.end()) << d.code;
        EXPECT_EQ(it->second, d.domain) << d.code;
    }
}

TEST(BuiltinCatalogueTest, NamesComeFromTheTaxonomyOrTheProjectsAdditions) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    const std::string taxonomy = testing::read_file(shared / "taxonomy.md");
    // Names the project added (documented in docs/taxonomy-additions.md).
    const std::string additions =
        testing::read_file(std::filesystem::path(TRTDOCTOR_SOURCE_DIR) / "docs" /
                           "taxonomy-additions.md");
    for (const auto& d : Catalogue::builtin().all()) {
        const std::string cell = "| " + d.name + " |";
        const bool in_taxonomy = taxonomy.find(cell) != std::string::npos;
        const bool added = additions.find("`" + d.name + "`") != std::string::npos;
        EXPECT_TRUE(in_taxonomy || added) << d.code << " uses unknown name " << d.name;
    }
}

TEST(MakeFindingTest, FillsFromCatalogueAndRejectsUnknownCodes) {
    const auto& first = Catalogue::builtin().all().front();
    Finding f = make_finding(first.code);
    EXPECT_EQ(f.name, first.name);
    EXPECT_EQ(f.summary, first.title);
    EXPECT_THROW(make_finding("TD0000"), std::out_of_range);
}

}  // namespace
}  // namespace trtdoctor

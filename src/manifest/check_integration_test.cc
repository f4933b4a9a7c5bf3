#include "manifest/check_integration.h"

#include <gtest/gtest.h>

#include "manifest/create.h"
#include "manifest/manifest.h"
#include "plan/plan_builder.h"
#include "support/testing.h"

namespace trtdoctor::manifest {
namespace {

using nlohmann::json;

struct EngineWithManifest {
    testing::TempDir dir;
    std::string engine;
    plan::InspectResult r;
    EngineWithManifest() {
        engine = dir.write("det.engine", plan::PlanBuilder().build()).string();
        r = *plan::inspect_file(engine);
        CreateInputs in;
        in.engine = &r;
        in.engine_path = engine;
        json m = create_manifest(in)->manifest;
        m["build"] = {{"device", {{"name", "NVIDIA GeForce RTX 4070"}}},
                      {"precision_flags", {"fp32", "fp16"}},
                      {"plugins", {"./libnms_plugin.so"}},
                      {"profiles", {{{"index", 0}, {"inputs", {{{"name", "images"}, {"min", {1, 3, 640, 640}},
                                                                {"opt", {4, 3, 640, 640}}, {"max", {8, 3, 640, 640}}}}}}}}};
        dir.write("det.engine.manifest.json", serialize_manifest(m));
    }
    std::vector<Finding> run(std::string_view shapes, std::vector<std::string> plugins, bool given) {
        auto found = find_manifest_for(engine);
        EXPECT_TRUE(found && found->has_value());
        return manifest_findings(**found, r, engine, *parse_shape_list(shapes), plugins, given);
    }
};

std::vector<std::string> codes(const std::vector<Finding>& fs) {
    std::vector<std::string> out;
    for (const auto& f : fs) out.push_back(f.code);
    return out;
}

TEST(CheckIntegrationTest, ShapeInsideTheProfileAndPluginLoadedGiveOnlyTheInfo) {
    EngineWithManifest s;
    auto fs = s.run("images:4x3x640x640", {"/opt/lib/libnms_plugin.so"}, true);
    EXPECT_EQ(codes(fs), std::vector<std::string>{"TD6010"});
    EXPECT_NE(fs[0].summary.find("NVIDIA GeForce RTX 4070"), std::string::npos);
    EXPECT_NE(fs[0].summary.find("hash verified"), std::string::npos);
}

TEST(CheckIntegrationTest, EngineReadWithoutHashingIsCheckedOnSizeAndHeaderOnly) {
    EngineWithManifest s;
    plan::InspectOptions opts;
    opts.hash = false;
    s.r = *plan::inspect_file(s.engine, opts);
    auto fs = s.run("", {}, false);
    ASSERT_EQ(codes(fs), std::vector<std::string>{"TD6010"});
    EXPECT_NE(fs[0].summary.find("not hashed"), std::string::npos);
}

TEST(CheckIntegrationTest, ShapeOutsideEveryProfileNamesTheRange) {
    EngineWithManifest s;
    auto fs = s.run("images:16x3x640x640", {}, false);
    ASSERT_EQ(codes(fs), (std::vector<std::string>{"TD6007", "TD6010"}));
    EXPECT_NE(fs[0].summary.find("1x3x640x640 .. 8x3x640x640"), std::string::npos);
    EXPECT_EQ(fs[0].name, "SHAPE_OUT_OF_RANGE");
}

TEST(CheckIntegrationTest, UnknownInputAndWrongRankAreOutOfRange) {
    EngineWithManifest s;
    EXPECT_EQ(codes(s.run("input:1x3x640x640", {}, false))[0], "TD6007");
    EXPECT_EQ(codes(s.run("images:1x3x640", {}, false))[0], "TD6007");
}

TEST(CheckIntegrationTest, MissingPluginLibraryIsReportedOnlyWhenPluginsAreGiven) {
    EngineWithManifest s;
    EXPECT_EQ(codes(s.run("", {"libother.so"}, true)), (std::vector<std::string>{"TD6008", "TD6010"}));
    EXPECT_EQ(codes(s.run("", {}, false)), std::vector<std::string>{"TD6010"});
}

TEST(CheckIntegrationTest, NoManifestBesideTheEngineIsNotAnError) {
    testing::TempDir dir;
    const auto engine = dir.write("x.engine", plan::PlanBuilder().build()).string();
    auto found = find_manifest_for(engine);
    ASSERT_TRUE(found);
    EXPECT_FALSE(found->has_value());
    auto named = find_manifest_for(engine, (dir.path() / "missing.json").string());
    ASSERT_FALSE(named);
    EXPECT_EQ(named.error().code, ErrorCode::not_found);
}

TEST(CheckIntegrationTest, ShapeListParsing) {
    auto s = parse_shape_list("x:0:1x28x28,images:4x3x640x640");
    ASSERT_TRUE(s);
    ASSERT_EQ(s->size(), 2u);
    EXPECT_EQ((*s)[0].input, "x:0");
    EXPECT_EQ((*s)[1].dims, (std::vector<std::int64_t>{4, 3, 640, 640}));
    EXPECT_FALSE(parse_shape_list("images"));
    EXPECT_FALSE(parse_shape_list("images:4xx3"));
    EXPECT_TRUE(parse_shape_list("")->empty());
}

}  // namespace
}  // namespace trtdoctor::manifest

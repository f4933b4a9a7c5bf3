#include "check/plugin_load.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include "support/testing.h"

namespace trtdoctor::check {
namespace {

TEST(PluginLoadTest, MissingLibraryIsNotLoadedAndNamed) {
    auto r = try_load_plugin("/nonexistent/libmy_plugin.so");
    EXPECT_FALSE(r.loaded);
    Finding f = plugin_finding("/nonexistent/libmy_plugin.so", r);
    EXPECT_EQ(f.code, "TD3040");
    EXPECT_EQ(f.name, "PLUGIN_LIBRARY_LOAD");
    EXPECT_NE(f.summary.find("libmy_plugin.so"), std::string::npos);
}

TEST(PluginLoadTest, FileThatIsNotASharedObjectFailsWithTheLoaderMessage) {
    testing::TempDir dir;
    auto path = dir.write("libfake.so", "not an ELF file");
    auto r = try_load_plugin(path.string());
    EXPECT_FALSE(r.loaded);
    EXPECT_FALSE(r.error.empty());
}

TEST(PluginLoadTest, RealSharedObjectLoads) {
    const char* candidates[] = {"/lib/x86_64-linux-gnu/libm.so.6", "/usr/lib/x86_64-linux-gnu/libm.so.6",
                                "/lib/aarch64-linux-gnu/libm.so.6", "/lib64/libm.so.6"};
    for (const char* c : candidates) {
        if (access(c, R_OK) == 0) {
            EXPECT_TRUE(try_load_plugin(c).loaded) << c;
            return;
        }
    }
    GTEST_SKIP() << "no libm.so.6 at a known path";
}

}  // namespace
}  // namespace trtdoctor::check

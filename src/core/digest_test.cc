#include "core/digest.h"

#include <gtest/gtest.h>

namespace trtdoctor {
namespace {

TEST(DigesterTest, MatchesKnownVectorsAcrossChunks) {
    Digester d;
    d.update("a");
    d.update("bc");
    std::string sha, md5;
    d.finish(sha, md5);
    EXPECT_EQ(sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(md5, "900150983cd24fb0d6963f7d28e17f72");
}

}  // namespace
}  // namespace trtdoctor

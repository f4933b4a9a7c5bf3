#include "manifest/signing.h"

#include <gtest/gtest.h>

#include "manifest/manifest.h"
#include "support/testing.h"

namespace trtdoctor::manifest {
namespace {

using nlohmann::json;

struct Keys {
    testing::TempDir dir;
    std::string priv, pub, other_priv, other_pub;
    Keys() {
        auto a = *generate_key_pair();
        auto b = *generate_key_pair();
        priv = dir.write("a.pem", a.first).string();
        pub = dir.write("a.pub.pem", a.second).string();
        other_priv = dir.write("b.pem", b.first).string();
        other_pub = dir.write("b.pub.pem", b.second).string();
    }
};

json sample() {
    return json{{"schema", "trtdoctor.engine-manifest"}, {"schema_version", 1},
                {"engine", {{"file", "a.engine"}, {"size", 10}, {"sha256", "ab"}}}};
}

TEST(SigningTest, SignedManifestVerifiesWithItsPublicKey) {
    Keys k;
    json m = sample();
    ASSERT_TRUE(sign_manifest(m, k.priv));
    EXPECT_EQ(m["signature"]["algorithm"], "ed25519");
    EXPECT_EQ(m["signature"]["value"].get<std::string>().size(), 88u);  // base64 of 64 bytes
    auto c = verify_signature(m, k.pub);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->status, SignatureStatus::valid);
    // Survives writing to disk and reading back.
    auto back = parse_manifest(serialize_manifest(m), "m.json");
    ASSERT_TRUE(back);
    EXPECT_EQ(verify_signature(*back, k.pub)->status, SignatureStatus::valid);
}

TEST(SigningTest, ChangedFieldAfterSigningIsInvalid) {
    Keys k;
    json m = sample();
    ASSERT_TRUE(sign_manifest(m, k.priv));
    m["engine"]["size"] = 11;
    EXPECT_EQ(verify_signature(m, k.pub)->status, SignatureStatus::invalid);
}

TEST(SigningTest, SignatureByAnotherKeyIsNamedAsSuch) {
    Keys k;
    json m = sample();
    ASSERT_TRUE(sign_manifest(m, k.other_priv));
    auto c = verify_signature(m, k.pub);
    EXPECT_EQ(c->status, SignatureStatus::other_key);
    EXPECT_NE(c->detail.find(*key_id_of(k.other_pub)), std::string::npos);
}

TEST(SigningTest, UnsignedAndMalformedSignaturesAreDistinguished) {
    Keys k;
    json m = sample();
    EXPECT_EQ(verify_signature(m, k.pub)->status, SignatureStatus::unsigned_);
    m["signature"] = {{"algorithm", "ed25519"}, {"key_id", "x"}, {"value", "not base64!"}};
    EXPECT_EQ(verify_signature(m, k.pub)->status, SignatureStatus::malformed);
    m["signature"] = "abc";
    EXPECT_EQ(verify_signature(m, k.pub)->status, SignatureStatus::malformed);
}

TEST(SigningTest, KeysThatAreNotEd25519PemAreToolErrors) {
    Keys k;
    const auto junk = k.dir.write("junk.pem", "hello\n").string();
    json m = sample();
    auto s = sign_manifest(m, junk);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, ErrorCode::invalid_format);
    EXPECT_FALSE(verify_signature(m, k.dir.path().string()));  // a directory
    // A private key file may stand in for its public half when verifying.
    ASSERT_TRUE(sign_manifest(m, k.priv));
    EXPECT_EQ(verify_signature(m, k.priv)->status, SignatureStatus::valid);
}

TEST(SigningTest, CanonicalBytesIgnoreTheSignatureAndKeyOrder) {
    json a = json::parse(R"({"b":1,"a":{"y":2,"x":3}})");
    json b = json::parse(R"({"a":{"x":3,"y":2},"b":1,"signature":{"value":"z"}})");
    EXPECT_EQ(canonical_bytes(a), canonical_bytes(b));
    EXPECT_EQ(canonical_bytes(a), R"({"a":{"x":3,"y":2},"b":1})");
}

}  // namespace
}  // namespace trtdoctor::manifest

#include "manifest/signing.h"

#include <fmt/format.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>
#include <vector>

#include "core/input_file.h"
#include "core/text.h"
#include "manifest/manifest.h"

namespace trtdoctor::manifest {
namespace {

using nlohmann::json;

struct PkeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

Expected<std::string> read_small(const std::string& path) {
    auto file = InputFile::open(path);
    if (!file) return file.error();
    if (file->size() && *file->size() > 65536) {
        return ToolError{ErrorCode::too_large, file->name(), "a key file is at most 64 KiB", {}, {}};
    }
    return file->read_up_to(65536);
}

/// Loads a PEM key: private when `want_private`, else public (a private key file also works,
/// its public half is used).
Expected<Pkey> load_key(const std::string& path, bool want_private) {
    auto text = read_small(path);
    if (!text) return text.error();
    std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(text->data(), static_cast<int>(text->size())));
    EVP_PKEY* raw = nullptr;
    if (want_private) {
        raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
    } else {
        raw = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
        if (!raw) {
            std::unique_ptr<BIO, BioFree> again(BIO_new_mem_buf(text->data(), static_cast<int>(text->size())));
            raw = PEM_read_bio_PrivateKey(again.get(), nullptr, nullptr, nullptr);
        }
    }
    if (!raw) {
        return ToolError{ErrorCode::invalid_format, path,
                         want_private ? "not a PEM private key (expected -----BEGIN PRIVATE KEY-----)"
                                      : "not a PEM public key (expected -----BEGIN PUBLIC KEY-----)",
                         {}, {}};
    }
    Pkey key(raw);
    if (EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) {
        return ToolError{ErrorCode::unsupported, path, "the key is not an Ed25519 key", {}, {}};
    }
    return key;
}

std::string key_id(EVP_PKEY* key) {
    unsigned char* der = nullptr;
    const int len = i2d_PUBKEY(key, &der);
    if (len <= 0) return {};
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    EVP_Digest(der, static_cast<std::size_t>(len), md, &md_len, EVP_sha256(), nullptr);
    OPENSSL_free(der);
    std::string hex;
    for (unsigned i = 0; i < md_len; ++i) hex += fmt::format("{:02x}", md[i]);
    return "sha256:" + hex;
}

std::string base64(const unsigned char* data, std::size_t n) {
    std::string out(4 * ((n + 2) / 3) + 1, '\0');
    const int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(n));
    out.resize(static_cast<std::size_t>(len));
    return out;
}

std::optional<std::vector<unsigned char>> unbase64(std::string_view s) {
    if (s.empty() || s.size() % 4 != 0 || s.size() > 4096) return std::nullopt;
    std::vector<unsigned char> out(s.size() / 4 * 3 + 1);
    const int len = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(s.data()),
                                    static_cast<int>(s.size()));
    if (len < 0) return std::nullopt;
    std::size_t n = static_cast<std::size_t>(len);
    // EVP_DecodeBlock counts padding bytes as data: drop them.
    if (s.size() >= 1 && s[s.size() - 1] == '=') --n;
    if (s.size() >= 2 && s[s.size() - 2] == '=') --n;
    out.resize(n);
    return out;
}

}  // namespace

Expected<bool> sign_manifest(json& manifest, const std::string& key_path) {
    auto key = load_key(key_path, true);
    if (!key) return key.error();
    const std::string msg = canonical_bytes(manifest);
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    unsigned char sig[64];
    std::size_t sig_len = sizeof(sig);
    if (EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key->get()) != 1 ||
        EVP_DigestSign(ctx.get(), sig, &sig_len, reinterpret_cast<const unsigned char*>(msg.data()),
                       msg.size()) != 1) {
        return ToolError{ErrorCode::io_error, key_path, "OpenSSL could not sign with this key", {}, {}};
    }
    manifest["signature"] = {{"algorithm", "ed25519"},
                             {"key_id", key_id(key->get())},
                             {"value", base64(sig, sig_len)}};
    return true;
}

Expected<SignatureCheck> verify_signature(const json& manifest, const std::string& pubkey_path) {
    auto key = load_key(pubkey_path, false);
    if (!key) return key.error();
    SignatureCheck out;
    out.key_id = key_id(key->get());
    auto it = manifest.find("signature");
    if (it == manifest.end()) {
        out.status = SignatureStatus::unsigned_;
        out.detail = "the manifest carries no signature";
        return out;
    }
    const json& s = *it;
    if (!s.is_object() || get_string(s, "/algorithm") != "ed25519" || !s.contains("value") ||
        !s["value"].is_string()) {
        out.status = SignatureStatus::malformed;
        out.detail = "the signature member is not {\"algorithm\": \"ed25519\", \"key_id\", \"value\"}";
        return out;
    }
    out.manifest_key_id = get_string(s, "/key_id");
    auto sig = unbase64(s["value"].get<std::string>());
    if (!sig || sig->size() != 64) {
        out.status = SignatureStatus::malformed;
        out.detail = "the signature value is not base64 of 64 bytes";
        return out;
    }
    const std::string msg = canonical_bytes(manifest);
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    const bool ok = EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key->get()) == 1 &&
                    EVP_DigestVerify(ctx.get(), sig->data(), sig->size(),
                                     reinterpret_cast<const unsigned char*>(msg.data()), msg.size()) == 1;
    if (ok) {
        out.status = SignatureStatus::valid;
        out.detail = fmt::format("signed by {}", out.key_id);
    } else if (!out.manifest_key_id.empty() && out.manifest_key_id != out.key_id) {
        out.status = SignatureStatus::other_key;
        out.detail = fmt::format("signed by key {}, not by the trusted key {}", out.manifest_key_id, out.key_id);
    } else {
        out.status = SignatureStatus::invalid;
        out.detail = "the signature does not match the manifest's contents (changed after signing?)";
    }
    return out;
}

Expected<std::string> key_id_of(const std::string& pem_path) {
    auto key = load_key(pem_path, false);
    if (!key) return key.error();
    return key_id(key->get());
}

Expected<std::pair<std::string, std::string>> generate_key_pair() {
    EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    if (!raw) return ToolError{ErrorCode::io_error, "<keygen>", "OpenSSL could not generate a key", {}, {}};
    Pkey key(raw);
    std::unique_ptr<BIO, BioFree> priv(BIO_new(BIO_s_mem())), pub(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(priv.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    PEM_write_bio_PUBKEY(pub.get(), key.get());
    auto text = [](BIO* b) {
        char* data = nullptr;
        const long n = BIO_get_mem_data(b, &data);
        return std::string(data, static_cast<std::size_t>(n));
    };
    return std::make_pair(text(priv.get()), text(pub.get()));
}

}  // namespace trtdoctor::manifest

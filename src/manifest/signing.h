// Ed25519 signatures over a manifest (OpenSSL 3). Keys are PEM files (PKCS#8 private,
// SubjectPublicKeyInfo public: what `openssl genpkey -algorithm ed25519` and
// `openssl pkey -pubout` write); the signature is base64 of the 64 raw bytes over
// canonical_bytes(manifest). Layout in docs/manifest.md ("Signing").
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "core/error.h"

namespace trtdoctor::manifest {

/// Adds (or replaces) `signature` {algorithm "ed25519", key_id, value} using the PEM private
/// key at `key_path`. ToolError when the key cannot be read or is not Ed25519.
Expected<bool> sign_manifest(nlohmann::json& manifest, const std::string& key_path);

enum class SignatureStatus {
    valid,        ///< signed by the trusted key and the bytes match
    unsigned_,    ///< no signature member
    other_key,    ///< signed, but by another key than the trusted one
    invalid,      ///< the signature does not verify (contents changed after signing, or forged)
    malformed,    ///< the signature member is not {algorithm, key_id, value} with base64
};

struct SignatureCheck {
    SignatureStatus status = SignatureStatus::unsigned_;
    std::string key_id;           ///< of the trusted key
    std::string manifest_key_id;  ///< the one the manifest names
    std::string detail;           ///< one line for findings
};

/// Verifies `manifest` against the PEM public key at `pubkey_path`.
Expected<SignatureCheck> verify_signature(const nlohmann::json& manifest, const std::string& pubkey_path);

/// "sha256:<hex>" of the DER SubjectPublicKeyInfo of the key in a PEM file (public or private).
Expected<std::string> key_id_of(const std::string& pem_path);

/// Generates a fresh Ed25519 key pair as PEM texts (tests and `manifest keygen`).
Expected<std::pair<std::string, std::string>> generate_key_pair();

}  // namespace trtdoctor::manifest

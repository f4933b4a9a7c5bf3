#include "core/digest.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <stdexcept>

namespace trtdoctor {

struct Digester::State {
    EVP_MD_CTX* sha = EVP_MD_CTX_new();
    EVP_MD_CTX* md5 = EVP_MD_CTX_new();
    ~State() {
        EVP_MD_CTX_free(sha);
        EVP_MD_CTX_free(md5);
    }
};

Digester::Digester() : m_state(std::make_unique<State>()) {
    if (!m_state->sha || !m_state->md5 ||
        EVP_DigestInit_ex(m_state->sha, EVP_sha256(), nullptr) != 1 ||
        EVP_DigestInit_ex(m_state->md5, EVP_md5(), nullptr) != 1) {
        throw std::runtime_error("OpenSSL digest initialisation failed");
    }
}

Digester::~Digester() = default;

void Digester::update(std::string_view bytes) {
    EVP_DigestUpdate(m_state->sha, bytes.data(), bytes.size());
    EVP_DigestUpdate(m_state->md5, bytes.data(), bytes.size());
}

namespace {
std::string hex(const unsigned char* p, unsigned n) {
    std::string out;
    out.reserve(n * 2);
    for (unsigned i = 0; i < n; ++i) out += fmt::format("{:02x}", p[i]);
    return out;
}
}  // namespace

void Digester::finish(std::string& sha256_hex, std::string& md5_hex) {
    unsigned char buf[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    EVP_DigestFinal_ex(m_state->sha, buf, &n);
    sha256_hex = hex(buf, n);
    EVP_DigestFinal_ex(m_state->md5, buf, &n);
    md5_hex = hex(buf, n);
}

}  // namespace trtdoctor

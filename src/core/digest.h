// Streaming SHA-256 and MD5 (OpenSSL's EVP, which uses the CPU's SHA extensions).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace trtdoctor {

class Digester {
public:
    Digester();
    ~Digester();
    Digester(const Digester&) = delete;
    Digester& operator=(const Digester&) = delete;

    void update(std::string_view bytes);
    /// Finishes both digests; call once. Lower-case hex.
    void finish(std::string& sha256_hex, std::string& md5_hex);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace trtdoctor

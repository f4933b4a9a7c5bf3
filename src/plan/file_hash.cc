#include "plan/file_hash.h"

#include <openssl/evp.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <memory>
#include <thread>
#include <vector>

namespace trtdoctor::plan {
namespace {

constexpr std::size_t kBlock = 4u << 20;  // 4 MiB: few syscalls, fits in L3 on most CPUs

struct MdCtx {
    explicit MdCtx(const EVP_MD* md) : ctx(EVP_MD_CTX_new()) { EVP_DigestInit_ex(ctx, md, nullptr); }
    ~MdCtx() { EVP_MD_CTX_free(ctx); }
    MdCtx(const MdCtx&) = delete;
    MdCtx& operator=(const MdCtx&) = delete;
    void update(const char* p, std::size_t n) { EVP_DigestUpdate(ctx, p, n); }
    std::string hex() {
        unsigned char buf[EVP_MAX_MD_SIZE];
        unsigned n = 0;
        EVP_DigestFinal_ex(ctx, buf, &n);
        std::string out;
        out.reserve(2 * n);
        for (unsigned i = 0; i < n; ++i) out += fmt::format("{:02x}", buf[i]);
        return out;
    }
    EVP_MD_CTX* ctx;
};

/// Folds the part of [offset, offset+n) that overlaps `range` into `crc`.
void crc_update(std::uint32_t& crc, const CrcRange& range, std::uint64_t offset, const char* p,
                std::size_t n) {
    const std::uint64_t lo = std::max(offset, range.offset);
    const std::uint64_t hi = std::min(offset + n, range.offset + range.length);
    for (std::uint64_t at = lo; at < hi;) {
        const auto len = static_cast<uInt>(std::min<std::uint64_t>(hi - at, 1u << 30));
        crc = static_cast<std::uint32_t>(
            crc32(crc, reinterpret_cast<const Bytef*>(p + (at - offset)), len));
        at += len;
    }
}

}  // namespace

FileHashes hash_bytes(std::string_view bytes, std::optional<CrcRange> crc) {
    FileHashes out;
    MdCtx sha(EVP_sha256()), md5(EVP_md5());
    sha.update(bytes.data(), bytes.size());
    md5.update(bytes.data(), bytes.size());
    out.sha256 = sha.hex();
    out.md5 = md5.hex();
    if (crc && crc->length <= bytes.size() && crc->offset <= bytes.size() - crc->length) {
        std::uint32_t c = static_cast<std::uint32_t>(crc32(0, nullptr, 0));
        crc_update(c, *crc, 0, bytes.data(), bytes.size());
        out.crc = c;
    }
    return out;
}

Expected<FileHashes> hash_file(InputFile& file, std::uint64_t size, std::optional<CrcRange> crc) {
    FileHashes out;
    const bool want_crc = crc && crc->length <= size && crc->offset <= size - crc->length;
    std::uint32_t crc_value = static_cast<std::uint32_t>(crc32(0, nullptr, 0));

    // MD5 on a second thread, reading the same blocks with pread (page-cache hits).
    std::string md5_hex;
    int md5_errno = 0;
    const int fd = file.fd();
    std::thread md5_thread([&md5_hex, &md5_errno, fd, size] {
        MdCtx md5(EVP_md5());
        std::unique_ptr<char[]> buf(new char[kBlock]);
        std::uint64_t at = 0;
        while (at < size) {
            const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(kBlock, size - at));
            const ssize_t n = ::pread(fd, buf.get(), want, static_cast<off_t>(at));
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                md5_errno = errno;
                return;
            }
            if (n == 0) break;
            md5.update(buf.get(), static_cast<std::size_t>(n));
            at += static_cast<std::uint64_t>(n);
        }
        md5_hex = md5.hex();
    });

    MdCtx sha(EVP_sha256());
    std::unique_ptr<char[]> buf(new char[kBlock]);
    std::optional<ToolError> error;
    std::uint64_t at = 0;
    while (at < size) {
        const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(kBlock, size - at));
        auto n = file.read_at(at, buf.get(), want);
        if (!n) {
            error = n.error();
            break;
        }
        if (*n == 0) break;
        sha.update(buf.get(), *n);
        if (want_crc) crc_update(crc_value, *crc, at, buf.get(), *n);
        at += *n;
    }
    md5_thread.join();
    if (error) return *error;
    if (md5_errno != 0) {
        return ToolError{ErrorCode::io_error, file.name(), std::strerror(md5_errno), {}, {}};
    }
    out.sha256 = sha.hex();
    out.md5 = md5_hex;
    if (want_crc && at == size) out.crc = crc_value;
    return out;
}

}  // namespace trtdoctor::plan

#include "plan/byte_source.h"

#include <algorithm>

namespace trtdoctor::plan {

std::string MemorySource::read(std::uint64_t offset, std::size_t n) {
    if (offset >= m_bytes.size()) return {};
    return std::string(m_bytes.substr(static_cast<std::size_t>(offset), n));
}

std::string FileSource::read(std::uint64_t offset, std::size_t n) {
    if (offset >= m_size || m_error) return {};
    n = static_cast<std::size_t>(std::min<std::uint64_t>(n, m_size - offset));
    std::string out(n, '\0');
    std::size_t got = 0;
    while (got < n) {
        auto r = m_file.read_at(offset + got, out.data() + got, n - got);
        if (!r) {
            m_error = r.error();
            break;
        }
        if (*r == 0) break;  // the file shrank since it was opened
        got += *r;
    }
    out.resize(got);
    return out;
}

}  // namespace trtdoctor::plan

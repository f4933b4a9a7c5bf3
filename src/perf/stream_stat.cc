#include "perf/stream_stat.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace trtdoctor::perf {
namespace {

// Buckets come from the bits of the double: the exponent and the top 12 mantissa bits, so
// each bucket spans 1/4096 of a power of two (0.024% relative width). Index 0 holds values
// up to 2^-20 ms (zero transfers); the last bucket everything from 2^24 ms up.
constexpr int k_mantissa_bits = 12;
constexpr int k_min_exp = -20, k_max_exp = 24;
constexpr std::uint64_t key_of(int exponent) {
    return static_cast<std::uint64_t>(exponent + 1023) << k_mantissa_bits;
}
constexpr std::uint64_t k_low_key = key_of(k_min_exp);
constexpr std::size_t k_buckets = static_cast<std::size_t>(key_of(k_max_exp) - k_low_key) + 2;

double bucket_low(std::size_t b) {
    std::uint64_t bits = (k_low_key + (b - 1)) << (52 - k_mantissa_bits);
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
}

}  // namespace

std::size_t StreamStat::bucket_of(double v) const {
    if (!(v > 0)) return 0;
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    const std::uint64_t key = bits >> (52 - k_mantissa_bits);
    if (key < k_low_key) return 0;
    const std::uint64_t idx = key - k_low_key + 1;
    return idx >= k_buckets ? k_buckets - 1 : static_cast<std::size_t>(idx);
}

void StreamStat::add(double v) {
    if (m_count == 0) {
        m_min = m_max = v;
        m_hist.assign(k_buckets, 0);
    }
    ++m_count;
    m_sum += v;
    double delta = v - m_mean;
    m_mean += delta / static_cast<double>(m_count);
    m_m2 += delta * (v - m_mean);
    m_min = std::min(m_min, v);
    m_max = std::max(m_max, v);
    ++m_hist[bucket_of(v)];
    if (m_count <= m_exact_limit) {
        m_values.push_back(v);
        m_sorted = false;
    } else if (!m_values.empty()) {
        std::vector<double>().swap(m_values);  // over budget: the histogram takes over
    }
}

void StreamStat::merge(const StreamStat& o) {
    if (o.m_count == 0) return;
    if (m_count == 0) {
        *this = o;
        return;
    }
    const double n1 = static_cast<double>(m_count), n2 = static_cast<double>(o.m_count);
    const double delta = o.m_mean - m_mean;
    m_mean += delta * n2 / (n1 + n2);
    m_m2 += o.m_m2 + delta * delta * n1 * n2 / (n1 + n2);
    m_sum += o.m_sum;
    m_min = std::min(m_min, o.m_min);
    m_max = std::max(m_max, o.m_max);
    m_count += o.m_count;
    for (std::size_t b = 0; b < m_hist.size(); ++b) m_hist[b] += o.m_hist[b];
    if (m_count <= m_exact_limit) {
        m_values.insert(m_values.end(), o.m_values.begin(), o.m_values.end());
        m_sorted = false;
    } else {
        std::vector<double>().swap(m_values);
    }
}

double StreamStat::value_of_rank(std::uint64_t rank) const {
    if (exact()) {
        if (!m_sorted) {
            std::sort(m_values.begin(), m_values.end());
            m_sorted = true;
        }
        return m_values[static_cast<std::size_t>(rank)];
    }
    std::uint64_t seen = 0;
    for (std::size_t b = 0; b < m_hist.size(); ++b) {
        seen += m_hist[b];
        if (seen > rank) {
            if (b == 0) return std::min(m_max, std::max(m_min, 0.0));
            if (b == k_buckets - 1) return m_max;
            return std::clamp((bucket_low(b) + bucket_low(b + 1)) / 2, m_min, m_max);
        }
    }
    return m_max;
}

double StreamStat::percentile(double p) const {
    if (m_count == 0) return 0;
    // trtexec: exclude the top (1 - p) share, take the largest remaining sample.
    auto all = static_cast<std::int64_t>(m_count);
    auto exclude = static_cast<std::int64_t>((1.0 - p / 100.0) * static_cast<double>(all));
    auto rank = std::max<std::int64_t>(all - 1 - exclude, 0);
    return value_of_rank(static_cast<std::uint64_t>(rank));
}

double StreamStat::median() const {
    if (m_count == 0) return 0;
    if (m_count % 2 == 1) return value_of_rank(m_count / 2);
    return (value_of_rank(m_count / 2 - 1) + value_of_rank(m_count / 2)) / 2;
}

Stat StreamStat::to_stat() const {
    Stat s;
    s.count = m_count;
    if (m_count == 0) return s;
    s.min = m_min;
    s.max = m_max;
    s.mean = m_mean;
    s.median = median();
    s.p90 = percentile(90);
    s.p95 = percentile(95);
    s.p99 = percentile(99);
    s.stddev = m_count > 1 ? std::sqrt(m_m2 / static_cast<double>(m_count)) : 0.0;
    return s;
}

}  // namespace trtdoctor::perf

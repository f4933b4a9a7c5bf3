#include "perf/stream_stat.h"

#include <algorithm>
#include <cmath>

namespace trtdoctor::perf {
namespace {

// Buckets: index 0 holds values <= 1e-6 ms (zero transfers); then 10000 per decade from
// 1e-6 ms to 1e7 ms; the last bucket holds anything larger.
constexpr double k_low = 1e-6;
constexpr int k_per_decade = 10000;
constexpr int k_decades = 13;
constexpr std::size_t k_buckets = static_cast<std::size_t>(k_per_decade) * k_decades + 2;

}  // namespace

std::size_t StreamStat::bucket_of(double v) const {
    if (!(v > k_low)) return 0;
    double idx = std::log10(v / k_low) * k_per_decade;
    if (idx >= static_cast<double>(k_buckets - 2)) return k_buckets - 1;
    return static_cast<std::size_t>(idx) + 1;
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
            double lo = k_low * std::pow(10.0, static_cast<double>(b - 1) / k_per_decade);
            double hi = k_low * std::pow(10.0, static_cast<double>(b) / k_per_decade);
            return std::clamp(std::sqrt(lo * hi), m_min, m_max);
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

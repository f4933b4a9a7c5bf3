// Running statistics of one timing metric in bounded memory: count, mean, standard
// deviation, min and max exactly; percentiles exactly (trtexec's definition) while the
// samples fit a fixed budget, then from a histogram of 1/4096-octave buckets (0.024% wide).
#pragma once

#include <cstdint>
#include <vector>

#include "perf/perf_model.h"

namespace trtdoctor::perf {

class StreamStat {
public:
    /// `exact_limit`: samples kept for exact percentiles before switching to the histogram.
    explicit StreamStat(std::size_t exact_limit = 1u << 18) : m_exact_limit(exact_limit) {}

    void add(double value_ms);
    /// Adds every sample of `other` (statistics of two halves of a stream combined).
    void merge(const StreamStat& other);
    std::uint64_t count() const { return m_count; }
    double sum() const { return m_sum; }
    /// True while every sample is kept (percentiles are exact).
    bool exact() const { return m_count <= m_exact_limit; }

    /// Percentile `p` in (0, 100] as trtexec computes it; 0 when empty.
    double percentile(double p) const;
    double median() const;
    /// The figures as a Stat (empty optionals when no sample was added).
    Stat to_stat() const;

private:
    std::size_t bucket_of(double v) const;
    double value_of_rank(std::uint64_t rank) const;  // 0-based rank in sorted order

    std::size_t m_exact_limit;
    std::uint64_t m_count = 0;
    double m_sum = 0, m_mean = 0, m_m2 = 0;
    double m_min = 0, m_max = 0;
    mutable std::vector<double> m_values;  // sorted lazily
    mutable bool m_sorted = true;
    std::vector<std::uint32_t> m_hist;     // allocated on first sample
};

}  // namespace trtdoctor::perf

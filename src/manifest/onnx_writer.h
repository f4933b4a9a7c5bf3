// Synthetic ONNX models for tests and examples: a tiny protobuf encoder for the ModelProto
// fields onnx_model.h reads, so tests describe a model in a few lines instead of copying one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trtdoctor::manifest::onnx_writer {

inline std::string varint(std::uint64_t v) {
    std::string out;
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7f) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
    return out;
}
inline std::string int_field(int number, std::uint64_t v) { return varint(static_cast<std::uint64_t>(number) << 3) + varint(v); }
inline std::string bytes_field(int number, std::string_view b) {
    return varint((static_cast<std::uint64_t>(number) << 3) | 2) + varint(b.size()) + std::string(b);
}

/// A dimension: a number, or a symbolic name when `param` is not empty.
struct Dim {
    std::int64_t value = 0;
    std::string param;
};

/// ValueInfoProto for a float tensor (elem_type 1 unless given).
inline std::string value_info(std::string_view name, const std::vector<Dim>& dims, int elem_type = 1) {
    std::string shape;
    for (const auto& d : dims) {
        shape += bytes_field(1, d.param.empty() ? int_field(1, static_cast<std::uint64_t>(d.value)) : bytes_field(2, d.param));
    }
    const std::string tensor = int_field(1, static_cast<std::uint64_t>(elem_type)) + bytes_field(2, shape);
    return bytes_field(1, name) + bytes_field(2, bytes_field(1, tensor));
}

struct Model {
    std::int64_t ir_version = 8;
    std::vector<std::pair<std::string, std::int64_t>> opsets{{"", 17}};
    std::string producer = "pytorch";
    std::string producer_version = "2.1.0";
    std::vector<std::pair<std::string, std::vector<Dim>>> inputs;
    std::vector<std::pair<std::string, std::vector<Dim>>> outputs;
    std::vector<std::string> initializers;  ///< names (also listed as inputs by old exporters)
    std::vector<std::pair<std::string, std::string>> nodes;  ///< (domain, op_type)

    std::string bytes() const {
        std::string graph;
        for (const auto& [domain, op] : nodes) {
            std::string node = bytes_field(4, op);
            if (!domain.empty()) node += bytes_field(7, domain);
            graph += bytes_field(1, node);
        }
        graph += bytes_field(2, "g");
        for (const auto& name : initializers) graph += bytes_field(5, int_field(1, 1) + bytes_field(8, name));
        for (const auto& [n, d] : inputs) graph += bytes_field(11, value_info(n, d));
        for (const auto& [n, d] : outputs) graph += bytes_field(12, value_info(n, d));
        std::string m = int_field(1, static_cast<std::uint64_t>(ir_version)) + bytes_field(2, producer) +
                        bytes_field(3, producer_version);
        for (const auto& [domain, v] : opsets) m += bytes_field(8, bytes_field(1, domain) + int_field(2, static_cast<std::uint64_t>(v)));
        m += bytes_field(7, graph);
        return m;
    }
};

}  // namespace trtdoctor::manifest::onnx_writer

// Protobuf wire-format reader for the ModelProto fields listed in onnx_model.h.
#include "manifest/onnx_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

#include "core/byte_cursor.h"

namespace trtdoctor::manifest {
namespace {

/// One field: number, wire type, and either a varint or a length-delimited payload.
struct Field {
    std::uint32_t number = 0;
    int wire = 0;
    std::uint64_t varint = 0;
    std::string_view bytes;
};

class Wire {
public:
    Wire(std::string_view bytes, std::uint64_t base) : m_cur(bytes, base) {}
    bool at_end() const { return m_cur.at_end(); }
    std::uint64_t offset() const { return m_cur.file_offset(); }

    std::optional<std::uint64_t> varint() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            auto b = m_cur.read_le<std::uint8_t>();
            if (!b) return std::nullopt;
            v |= static_cast<std::uint64_t>(*b & 0x7f) << shift;
            if (!(*b & 0x80)) return v;
        }
        return std::nullopt;
    }

    /// Next field, or nullopt at a malformed one (offset() then says where).
    std::optional<Field> next() {
        auto key = varint();
        if (!key) return std::nullopt;
        Field f;
        f.number = static_cast<std::uint32_t>(*key >> 3);
        f.wire = static_cast<int>(*key & 7);
        if (f.number == 0) return std::nullopt;
        switch (f.wire) {
            case 0: {
                auto v = varint();
                if (!v) return std::nullopt;
                f.varint = *v;
                return f;
            }
            case 1:
                if (!m_cur.skip(8)) return std::nullopt;
                return f;
            case 5:
                if (!m_cur.skip(4)) return std::nullopt;
                return f;
            case 2: {
                auto len = varint();
                if (!len || *len > m_cur.remaining()) return std::nullopt;
                auto b = m_cur.read_bytes(static_cast<std::size_t>(*len));
                if (!b) return std::nullopt;
                f.bytes = *b;
                return f;
            }
            default:
                return std::nullopt;  // groups (3, 4) are not used by ONNX
        }
    }
    std::uint64_t base_of(std::string_view sub) const {
        return m_cur.file_offset() - m_cur.position() +
               static_cast<std::uint64_t>(sub.data() - m_cur.bytes().data());
    }

private:
    ByteCursor m_cur;
};

struct Failure {
    std::uint64_t offset;
    std::string what;
};

/// Walks every field of a message; `on_field` returns false to report a nested failure.
template <class F>
std::optional<Failure> walk(std::string_view bytes, std::uint64_t base, std::string_view what, F&& on_field) {
    Wire w(bytes, base);
    while (!w.at_end()) {
        auto f = w.next();
        if (!f) return Failure{w.offset(), fmt::format("malformed protobuf field in {}", what)};
        if (auto fail = on_field(*f, w.base_of(f->bytes))) return fail;
    }
    return std::nullopt;
}

constexpr int k_max_depth_dims = 64;

std::optional<Failure> parse_dim(std::string_view b, std::uint64_t base, OnnxDim& d) {
    return walk(b, base, "TensorShapeProto.Dimension", [&](const Field& f, std::uint64_t) -> std::optional<Failure> {
        if (f.number == 1 && f.wire == 0) d.value = static_cast<std::int64_t>(f.varint);
        if (f.number == 2 && f.wire == 2) d.param = std::string(f.bytes.substr(0, 256));
        return std::nullopt;
    });
}

std::optional<Failure> parse_type(std::string_view b, std::uint64_t base, OnnxTensor& t) {
    return walk(b, base, "TypeProto", [&](const Field& f, std::uint64_t fb) -> std::optional<Failure> {
        if (f.number != 1 || f.wire != 2) return std::nullopt;  // only tensor_type
        return walk(f.bytes, fb, "TypeProto.Tensor", [&](const Field& g, std::uint64_t gb) -> std::optional<Failure> {
            if (g.number == 1 && g.wire == 0) t.elem_type = static_cast<int>(g.varint & 0x7fffffff);
            if (g.number == 2 && g.wire == 2) {
                t.has_shape = true;
                return walk(g.bytes, gb, "TensorShapeProto", [&](const Field& h, std::uint64_t hb) -> std::optional<Failure> {
                    if (h.number != 1 || h.wire != 2) return std::nullopt;
                    if (t.shape.size() >= k_max_depth_dims) return std::nullopt;
                    t.shape.emplace_back();
                    return parse_dim(h.bytes, hb, t.shape.back());
                });
            }
            return std::nullopt;
        });
    });
}

std::optional<Failure> parse_value_info(std::string_view b, std::uint64_t base, OnnxTensor& t) {
    return walk(b, base, "ValueInfoProto", [&](const Field& f, std::uint64_t fb) -> std::optional<Failure> {
        if (f.number == 1 && f.wire == 2) t.name = std::string(f.bytes.substr(0, 1024));
        if (f.number == 2 && f.wire == 2) return parse_type(f.bytes, fb, t);
        return std::nullopt;
    });
}

}  // namespace

std::int64_t OnnxModel::default_opset() const {
    for (const auto& o : opsets) {
        if (o.domain.empty() || o.domain == "ai.onnx") return o.version;
    }
    return 0;
}

std::string onnx_type_name(int t) {
    static constexpr std::string_view names[] = {
        "undefined", "float", "uint8", "int8", "uint16", "int16", "int32", "int64", "string",
        "bool", "float16", "double", "uint32", "uint64", "complex64", "complex128", "bfloat16",
        "float8e4m3fn", "float8e4m3fnuz", "float8e5m2", "float8e5m2fnuz", "uint4", "int4"};
    if (t >= 0 && static_cast<std::size_t>(t) < std::size(names)) return std::string(names[t]);
    return fmt::format("type {}", t);
}

std::string onnx_shape_string(const OnnxTensor& t) {
    if (!t.has_shape) return "?";
    if (t.shape.empty()) return "scalar";
    std::string out;
    for (std::size_t i = 0; i < t.shape.size(); ++i) {
        if (i) out += 'x';
        const auto& d = t.shape[i];
        if (!d.param.empty()) out += d.param;
        else if (d.value >= 0) out += std::to_string(d.value);
        else out += '?';
    }
    return out;
}

Expected<OnnxModel> parse_onnx(std::string_view bytes, std::string_view name) {
    OnnxModel m;
    bool have_graph = false;
    std::vector<OnnxTensor> graph_inputs;
    std::set<std::string> initializer_names;
    std::set<std::pair<std::string, std::string>> custom;
    auto fail = walk(bytes, 0, "ModelProto", [&](const Field& f, std::uint64_t fb) -> std::optional<Failure> {
        if (f.number == 1 && f.wire == 0) m.ir_version = static_cast<std::int64_t>(f.varint);
        else if (f.number == 2 && f.wire == 2) m.producer_name = std::string(f.bytes.substr(0, 256));
        else if (f.number == 3 && f.wire == 2) m.producer_version = std::string(f.bytes.substr(0, 256));
        else if (f.number == 8 && f.wire == 2) {
            OnnxOpset o;
            auto r = walk(f.bytes, fb, "OperatorSetIdProto", [&](const Field& g, std::uint64_t) -> std::optional<Failure> {
                if (g.number == 1 && g.wire == 2) o.domain = std::string(g.bytes.substr(0, 256));
                if (g.number == 2 && g.wire == 0) o.version = static_cast<std::int64_t>(g.varint);
                return std::nullopt;
            });
            if (r) return r;
            if (m.opsets.size() < 1024) m.opsets.push_back(std::move(o));
        } else if (f.number == 7 && f.wire == 2) {
            have_graph = true;
            return walk(f.bytes, fb, "GraphProto", [&](const Field& g, std::uint64_t gb) -> std::optional<Failure> {
                if (g.number == 1 && g.wire == 2) {  // NodeProto: op_type 4, domain 7
                    ++m.node_count;
                    std::string op, domain;
                    auto r = walk(g.bytes, gb, "NodeProto", [&](const Field& h, std::uint64_t) -> std::optional<Failure> {
                        if (h.number == 4 && h.wire == 2) op = std::string(h.bytes.substr(0, 256));
                        if (h.number == 7 && h.wire == 2) domain = std::string(h.bytes.substr(0, 256));
                        return std::nullopt;
                    });
                    if (r) return r;
                    if (!domain.empty() && domain != "ai.onnx" && custom.size() < 1024) custom.emplace(domain, op);
                } else if (g.number == 5 && g.wire == 2) {  // TensorProto: name 8
                    ++m.initializer_count;
                    return walk(g.bytes, gb, "TensorProto", [&](const Field& h, std::uint64_t) -> std::optional<Failure> {
                        if (h.number == 8 && h.wire == 2 && initializer_names.size() < 1000000) {
                            initializer_names.emplace(h.bytes.substr(0, 1024));
                        }
                        return std::nullopt;
                    });
                } else if ((g.number == 11 || g.number == 12) && g.wire == 2) {
                    OnnxTensor t;
                    if (auto r = parse_value_info(g.bytes, gb, t)) return r;
                    auto& list = g.number == 11 ? graph_inputs : m.outputs;
                    if (list.size() < 100000) list.push_back(std::move(t));
                }
                return std::nullopt;
            });
        }
        return std::nullopt;
    });
    if (fail) {
        return ToolError{ErrorCode::invalid_format, std::string(name),
                         fail->what + " (not a valid ONNX model)", fail->offset, {}};
    }
    if (!have_graph || m.ir_version <= 0) {
        return ToolError{ErrorCode::invalid_format, std::string(name),
                         "not an ONNX model: no ir_version or no graph", {}, {}};
    }
    for (auto& t : graph_inputs) {
        if (!initializer_names.count(t.name)) m.inputs.push_back(std::move(t));
    }
    for (const auto& [d, op] : custom) m.custom_ops.push_back({d, op});
    return m;
}

}  // namespace trtdoctor::manifest

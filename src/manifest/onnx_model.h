// Reading the few facts a manifest records about an ONNX model straight from its protobuf
// wire bytes (no libprotobuf): IR version, opset imports, producer, graph inputs and outputs
// with their shapes, initializer and node counts, and ops from custom domains (plugins).
// Every length is checked against the bytes present through core/byte_cursor.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace trtdoctor::manifest {

/// One dimension: a fixed size, or a symbolic name ("batch"), or unknown (neither set).
struct OnnxDim {
    std::int64_t value = -1;  ///< -1 when symbolic or unknown
    std::string param;        ///< "batch" when symbolic
};

struct OnnxTensor {
    std::string name;
    int elem_type = 0;  ///< TensorProto.DataType (1 float, 10 float16, 7 int64, ...)
    std::vector<OnnxDim> shape;
    bool has_shape = false;
};

struct OnnxOpset {
    std::string domain;  ///< "" for the default ai.onnx domain
    std::int64_t version = 0;
};

struct OnnxCustomOp {
    std::string domain;
    std::string op_type;
};

struct OnnxModel {
    std::int64_t ir_version = 0;
    std::vector<OnnxOpset> opsets;
    std::string producer_name, producer_version;
    std::vector<OnnxTensor> inputs;   ///< graph inputs that are not initializers
    std::vector<OnnxTensor> outputs;
    std::uint64_t initializer_count = 0;
    std::uint64_t node_count = 0;
    std::vector<OnnxCustomOp> custom_ops;  ///< distinct (domain, op_type) outside ai.onnx
    /// The default-domain opset version, or 0.
    std::int64_t default_opset() const;
};

/// Name of an ONNX element type ("float", "float16", "int64", ...; "type N" if unknown).
std::string onnx_type_name(int elem_type);

/// "1x3x224x224", with symbolic dims by name ("batchx3x224x224") and "?" when unknown.
std::string onnx_shape_string(const OnnxTensor& t);

/// Parses ModelProto bytes. invalid_format (with the byte offset) when the wire format is
/// broken or there is no graph.
Expected<OnnxModel> parse_onnx(std::string_view bytes, std::string_view name);

}  // namespace trtdoctor::manifest

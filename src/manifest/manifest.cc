#include "manifest/manifest.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/digest.h"
#include "core/input_file.h"

namespace trtdoctor::manifest {

using nlohmann::json;

std::string default_manifest_path(const std::string& engine_path) {
    return engine_path + ".manifest.json";
}

Expected<json> parse_manifest(std::string_view text, std::string_view source) {
    const std::string src(source);
    json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
        return ToolError{ErrorCode::invalid_format, src, "not a manifest: the file is not valid JSON", {}, {}};
    }
    if (!doc.is_object()) {
        return ToolError{ErrorCode::invalid_format, src, "not a manifest: the JSON is not an object", {}, {}};
    }
    auto schema = doc.find("schema");
    if (schema == doc.end() || !schema->is_string() || *schema != k_schema_id) {
        return ToolError{ErrorCode::invalid_format, src,
                         fmt::format("not a manifest: \"schema\" is not \"{}\"", k_schema_id), {}, {}};
    }
    auto version = doc.find("schema_version");
    if (version == doc.end() || !version->is_number_integer()) {
        return ToolError{ErrorCode::invalid_format, src, "manifest has no integer \"schema_version\"", {}, {}};
    }
    const auto v = version->get<std::int64_t>();
    if (v > k_schema_version) {
        return ToolError{ErrorCode::unsupported, src,
                         fmt::format("manifest schema_version {} is newer than this trtdoctor reads ({}); "
                                     "upgrade trtdoctor", v, k_schema_version), {}, {}};
    }
    if (v < 1) {
        return ToolError{ErrorCode::invalid_format, src, fmt::format("manifest schema_version {} is not valid", v), {}, {}};
    }
    auto engine = doc.find("engine");
    if (engine == doc.end() || !engine->is_object() || !engine->contains("sha256") ||
        !(*engine)["sha256"].is_string() || !engine->contains("size") ||
        !(*engine)["size"].is_number_unsigned()) {
        return ToolError{ErrorCode::invalid_format, src,
                         "manifest has no \"engine\" object with \"size\" and \"sha256\"", {}, {}};
    }
    return doc;
}

Expected<json> read_manifest(const std::string& path) {
    auto file = InputFile::open(path);
    if (!file) return file.error();
    constexpr std::size_t limit = 16u << 20;
    if (file->size() && *file->size() > limit) {
        return ToolError{ErrorCode::too_large, file->name(), "manifest is larger than 16 MiB", {}, {}};
    }
    std::string text;
    std::string chunk(1 << 16, '\0');
    while (text.size() <= limit) {
        auto got = file->read(chunk.data(), chunk.size());
        if (!got) return got.error();
        if (*got == 0) break;
        text.append(chunk.data(), *got);
    }
    if (text.size() > limit) {
        return ToolError{ErrorCode::too_large, file->name(), "manifest is larger than 16 MiB", {}, {}};
    }
    return parse_manifest(text, file->name());
}

std::string serialize_manifest(const json& manifest) {
    return manifest.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string canonical_bytes(const json& manifest) {
    json copy = manifest;
    if (copy.is_object()) copy.erase("signature");
    return copy.dump(-1, ' ', false, json::error_handler_t::replace);
}

Expected<bool> write_text_file(const std::string& path, std::string_view text) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path tmp = target.parent_path() / fmt::format(".{}.tmp{}", target.filename().string(), ::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return ToolError{ErrorCode::io_error, path, "cannot create the file (is the folder writable?)", {}, {}};
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.flush();
        if (!out) {
            std::error_code ec;
            fs::remove(tmp, ec);
            return ToolError{ErrorCode::io_error, path, "write failed (disk full?)", {}, {}};
        }
    }
    std::error_code ec;
    fs::rename(tmp, target, ec);
    if (ec) {
        fs::remove(tmp, ec);
        return ToolError{ErrorCode::io_error, path, "cannot replace the file: " + ec.message(), {}, {}};
    }
    return true;
}

std::string get_string(const json& j, std::string_view pointer) {
    const json::json_pointer p{std::string(pointer)};
    if (!j.contains(p)) return {};
    const auto& v = j.at(p);
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number() || v.is_boolean()) return v.dump();
    return {};
}

std::optional<std::int64_t> get_int(const json& j, std::string_view pointer) {
    const json::json_pointer p{std::string(pointer)};
    if (!j.contains(p)) return std::nullopt;
    const auto& v = j.at(p);
    if (v.is_number_integer()) return v.get<std::int64_t>();
    return std::nullopt;
}

}  // namespace trtdoctor::manifest

namespace trtdoctor::manifest {

Expected<FileHash> hash_file(const std::string& path) {
    auto file = InputFile::open(path);
    if (!file) return file.error();
    Digester d;
    FileHash out;
    std::string chunk(1 << 20, '\0');
    while (true) {
        auto got = file->read(chunk.data(), chunk.size());
        if (!got) return got.error();
        if (*got == 0) break;
        d.update(std::string_view(chunk.data(), *got));
        out.size += *got;
    }
    std::string md5;
    d.finish(out.sha256, md5);
    return out;
}

Expected<std::string> read_whole_file(const std::string& path, std::uint64_t max_bytes) {
    auto file = InputFile::open(path);
    if (!file) return file.error();
    if (file->size() && *file->size() > max_bytes) {
        return ToolError{ErrorCode::too_large, file->name(),
                         fmt::format("larger than the {} limit", max_bytes), {}, {}};
    }
    std::string text;
    std::string chunk(1 << 20, '\0');
    while (text.size() <= max_bytes) {
        auto got = file->read(chunk.data(), chunk.size());
        if (!got) return got.error();
        if (*got == 0) break;
        text.append(chunk.data(), *got);
    }
    if (text.size() > max_bytes) {
        return ToolError{ErrorCode::too_large, file->name(), fmt::format("larger than the {} limit", max_bytes), {}, {}};
    }
    return text;
}

}  // namespace trtdoctor::manifest

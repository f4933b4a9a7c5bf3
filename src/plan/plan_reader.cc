// inspect_file / inspect_bytes: sniff what the input is, decode plans of every generation,
// check sizes, end markers and CRC, and turn every defect into a finding with its numbers.
#include <fmt/format.h>

#include <algorithm>

#include "core/byte_cursor.h"
#include "core/catalogue.h"
#include "core/input_file.h"
#include "core/text.h"
#include "plan/blob_layout.h"
#include "plan/byte_source.h"
#include "plan/file_hash.h"
#include "plan/gpu_family.h"
#include "plan/lookalikes.h"
#include "plan/plan_file.h"
#include "plan/serialization_table.h"

namespace trtdoctor::plan {
namespace {

constexpr std::size_t kHeadBytes = 16 * 1024;   // first read: every header we know fits
constexpr std::size_t kBlobHeadBytes = 2048;    // engine blob header + GPU record
constexpr std::size_t kMetadataShown = 32 * 1024;
constexpr std::string_view kPtrtEnd{"\x8f\x8b\x8d\x8b", 4};
constexpr std::string_view kFtrtEnd{"\x99\x8b\x8d\x8b", 4};

bool at_least(const std::optional<TrtVersion>& v, int major, int minor) {
    return v && (v->major > major || (v->major == major && v->minor >= minor));
}

/// Decodes one input through a ByteSource, filling an InspectResult.
class Decoder {
public:
    Decoder(ByteSource& src, InspectResult& r) : m_src(src), m_r(r) {}

    void run();
    /// The G1 CRC range still to be checked over the whole body (needs every byte).
    std::optional<CrcRange> pending_crc;
    std::uint32_t expected_crc = 0;

private:
    void decode_plan(std::uint64_t base, std::string_view head);
    void decode_ptrt(std::uint64_t base, std::string_view head);
    void decode_container(std::uint64_t base, std::string_view head);
    void decode_engine_section(std::uint64_t base, const Section& s, std::uint64_t avail);
    void check_serialization(Generation gen, std::uint32_t number, std::uint64_t at);
    void check_safe(std::uint32_t safe, std::uint64_t at);
    void size_mismatch(std::uint64_t base, std::uint64_t field_at, std::uint64_t claimed,
                       std::uint64_t actual, std::string_view what);

    Location at(std::uint64_t offset) const { return {m_r.path, offset, {}}; }
    std::string subject(std::uint64_t base) const {
        return base == 0 ? "the file" : fmt::format("the plan (from byte {})", base);
    }
    Finding& add(std::string_view code) { return m_r.findings.emplace_back(make_finding(code)); }

    ByteSource& m_src;
    InspectResult& m_r;
};

void Decoder::run() {
    const std::uint64_t size = m_src.size();
    m_r.size = size;
    if (size == 0) {
        m_r.kind = FileKind::empty;
        auto& f = add("TD1010");
        f.summary = "the file is empty (0 bytes)";
        f.fix = fmt::format("delete {} and build the engine again (or copy it again); check free "
                            "disk space and the build log for what stopped it", m_r.path);
        f.add_evidence(at(0), "0 bytes").add_fact("actual_size", "0");
        return;
    }
    const std::string head = m_src.read(0, static_cast<std::size_t>(std::min<std::uint64_t>(size, kHeadBytes)));
    const std::string_view magic = std::string_view(head).substr(0, 4);

    if (magic == "ftrt" || magic == "ptrt") {
        m_r.kind = FileKind::plan;
        decode_plan(0, head);
        return;
    }
    if (auto lfs = parse_lfs_pointer(head)) {
        m_r.kind = FileKind::git_lfs_pointer;
        m_r.lfs_oid = lfs->oid;
        m_r.lfs_size = lfs->size;
        auto& f = add("TD1003");
        const std::string object = lfs->size ? fmt::format("{}-byte object", *lfs->size) : "object";
        f.summary = fmt::format("the file is a {}-byte git-lfs pointer to the {} {}", size, object,
                                lfs->oid.empty() ? "(no oid line)" : lfs->oid);
        f.fix = fmt::format("git lfs pull to fetch the {} {} (git lfs install first if Git LFS "
                            "is not set up in this clone), then inspect {} again",
                            object, lfs->oid, m_r.path);
        f.add_evidence(at(0), printable(head, 60));
        if (!lfs->oid.empty()) f.add_fact("lfs_oid", lfs->oid);
        if (lfs->size) f.add_fact("lfs_size", std::to_string(*lfs->size));
        return;
    }
    if (auto len = ultralytics_metadata_length(head, size)) {
        const std::uint64_t plan_at = 4 + std::uint64_t{*len};
        const std::string inner = m_src.read(plan_at, kHeadBytes);
        const auto inner_magic = std::string_view(inner).substr(0, 4);
        const std::string last = m_src.read(plan_at - 1, 1);
        if (last == "}" && (inner_magic == "ptrt" || inner_magic == "ftrt" || inner.empty())) {
            m_r.kind = FileKind::wrapped_plan;
            m_r.plan_offset = plan_at;
            m_r.wrapper_metadata =
                sanitize_utf8(m_src.read(4, static_cast<std::size_t>(std::min<std::uint64_t>(*len, kMetadataShown))));
            auto& f = add("TD1020");
            f.summary = fmt::format("an Ultralytics export: {} bytes of JSON metadata, then the "
                                    "plan at byte {}", *len, plan_at);
            f.fix = fmt::format("load it with Ultralytics, or strip the {}-byte prefix for plain "
                                "TensorRT: tail -c +{} {} > plain.engine", plan_at, plan_at + 1,
                                m_r.path);
            f.add_evidence(at(0), fmt::format("i32 length {} then '{{'", *len))
                .add_fact("metadata_bytes", std::to_string(*len))
                .add_fact("plan_offset", std::to_string(plan_at));
            if (inner.empty()) {
                auto& t = add("TD1011");
                t.summary = fmt::format("the wrapper's {}-byte metadata ends the file: no plan "
                                        "follows it", *len);
                t.fix = fmt::format("export the model again; {} holds only the metadata", m_r.path);
                t.add_evidence(at(plan_at), "end of file").add_fact("actual_size", std::to_string(size));
                return;
            }
            decode_plan(plan_at, inner);
            return;
        }
    }
    if (auto onnx = parse_onnx_header(head)) {
        m_r.kind = FileKind::onnx;
        m_r.onnx_ir_version = onnx->ir_version;
        auto& f = add("TD1004");
        f.summary = fmt::format("the file is an ONNX model (IR version {}{}), not a TensorRT plan",
                                onnx->ir_version,
                                onnx->producer.empty() ? "" : ", producer " + onnx->producer);
        f.fix = fmt::format("build a plan from it on the target machine: trtexec --onnx={} "
                            "--saveEngine=model.engine, and load that file", m_r.path);
        f.add_evidence(at(0), hex_bytes(std::string_view(head).substr(0, 16)))
            .add_fact("onnx_ir_version", std::to_string(onnx->ir_version));
        if (!onnx->producer.empty()) f.add_fact("onnx_producer", onnx->producer);
        return;
    }
    if (auto text = classify_text(head)) {
        m_r.kind = FileKind::text;
        auto& f = add("TD1002");
        f.summary = fmt::format("the file is {}, not a TensorRT plan: \"{}\"",
                                text->html ? "an HTML page" : "text", text->first_line);
        f.fix = fmt::format("open {} to see what it says; download the engine again with a client "
                            "that fails on HTTP errors (curl -fL) and compare its size and SHA-256 "
                            "with the source", m_r.path);
        f.add_evidence(at(0), text->first_line).add_fact("html", text->html ? "true" : "false");
        return;
    }
    m_r.kind = FileKind::unknown;
    auto& f = add("TD1001");
    const std::string first = hex_bytes(std::string_view(head).substr(0, 16));
    f.summary = fmt::format("the file starts with {}: neither \"ptrt\" nor \"ftrt\" nor a known "
                            "look-alike", first);
    f.add_evidence(at(0), first).add_fact("first_bytes", first);
}

void Decoder::decode_plan(std::uint64_t base, std::string_view head) {
    if (head.substr(0, 4) == "ftrt") {
        m_r.generation = Generation::g3;
        decode_container(base, head);
    } else {
        decode_ptrt(base, head);
    }
    if (m_r.builder_gpu) m_r.builder_gpu->family = gpu_family(*m_r.builder_gpu);
    m_r.compatibility_note = compatibility_note(m_r);
}

void Decoder::size_mismatch(std::uint64_t base, std::uint64_t field_at, std::uint64_t claimed,
                            std::uint64_t actual, std::string_view what) {
    if (actual < claimed) {
        auto& f = add("TD1011");
        f.summary = fmt::format("the {} says {} bytes, {} has {}: the copy is {} bytes short",
                                what, claimed, subject(base), actual, claimed - actual);
        f.fix = fmt::format("copy {} again and compare SHA-256 with the source ({} bytes); rebuild "
                            "it if the source is also {} bytes", m_r.path, claimed + base, actual + base);
        f.add_evidence(at(field_at), fmt::format("size field: {}", claimed))
            .add_fact("claimed_size", std::to_string(claimed))
            .add_fact("actual_size", std::to_string(actual))
            .add_fact("missing_bytes", std::to_string(claimed - actual));
    } else {
        auto& f = add("TD1012");
        const std::string extra = m_src.read(base + claimed, 16);
        f.summary = fmt::format("the {} says {} bytes, {} has {}: {} extra bytes follow the end of "
                                "the plan", what, claimed, subject(base), actual, actual - claimed);
        f.fix = fmt::format("copy {} again in binary mode and compare SHA-256 with the source; the "
                            "plan itself is the first {} bytes (head -c {} {} > plain.engine)",
                            m_r.path, claimed + base, claimed + base, m_r.path);
        f.add_evidence(at(base + claimed), hex_bytes(extra))
            .add_fact("claimed_size", std::to_string(claimed))
            .add_fact("actual_size", std::to_string(actual))
            .add_fact("extra_bytes", std::to_string(actual - claimed));
    }
}

void Decoder::check_serialization(Generation gen, std::uint32_t number, std::uint64_t field_at) {
    auto entry = find_serialization(gen, number);
    if (!entry && gen == Generation::g2) entry = find_serialization(Generation::g3, number);
    if (entry) {
        m_r.serialization_range = std::string(entry->range);
        return;
    }
    auto& f = add("TD1040");
    f.summary = fmt::format("serialization number {} is not in trtdoctor's table{}", number,
                            m_r.trt_version ? "; the version fields say TensorRT " +
                                                  m_r.trt_version->to_string()
                                            : "");
    if (m_r.trt_version) {
        f.fix = fmt::format("load it with TensorRT {} exactly, or confirm with that release's "
                            "trtexec --loadEngine={}", m_r.trt_version->to_string(), m_r.path);
    }
    f.add_evidence(at(field_at), fmt::format("serialization number {}", number))
        .add_fact("serialization_version", std::to_string(number));
}

void Decoder::check_safe(std::uint32_t safe, std::uint64_t field_at) {
    if (safe == 0) return;
    auto& f = add("TD1030");
    f.summary = fmt::format("the safe serialization number is {}, not 0: a plan from another "
                            "TensorRT product (safety runtime or similar)", safe);
    f.fix = fmt::format("load {} with the runtime of the product that built it, or rebuild it "
                        "with standard TensorRT{}", m_r.path,
                        m_r.trt_version ? " " + m_r.trt_version->to_string() : "");
    f.add_evidence(at(field_at), fmt::format("safe serialization number {}", safe))
        .add_fact("safe_serialization_version", std::to_string(safe));
}

void Decoder::decode_ptrt(std::uint64_t base, std::string_view head) {
    const std::uint64_t avail = m_src.size() - base;
    auto blob = parse_blob_header(head);
    if (!blob) {
        ByteCursor c(head);
        const auto at4 = c.peek_le<std::uint32_t>(4);
        m_r.generation = at4 && *at4 != 0 ? Generation::g1 : Generation::g2;
        if (avail < 28) {
            auto& f = add("TD1011");
            f.summary = fmt::format("{} ends after {} bytes, inside the 24-byte plan header",
                                    subject(base), avail);
            f.fix = fmt::format("copy {} again and compare SHA-256 with the source; rebuild it if "
                                "the source is this small too", m_r.path);
            f.add_evidence(at(base + avail), "end of file").add_fact("actual_size", std::to_string(avail));
            return;
        }
        auto& f = add("TD1040");
        f.summary = "the \"ptrt\" header has a layout trtdoctor does not know: no field tag at "
                    "byte 20 or 24";
        f.add_evidence(at(base), hex_bytes(head.substr(0, 32)));
        return;
    }
    const Generation gen = blob->header == BlobHeader::g1 ? Generation::g1 : Generation::g2;
    m_r.generation = gen;
    m_r.serialization_version = blob->serialization;
    if (blob->header == BlobHeader::std24) m_r.safe_serialization_version = blob->safe_serialization;
    const BodyInfo body = walk_body(head.substr(blob->header_size), gen == Generation::g1 ? 0x00 : 0x80);
    if (body.timing_cache) m_r.kind = base == 0 ? FileKind::timing_cache : m_r.kind;
    m_r.trt_version = body.version;
    m_r.builder_gpu = body.gpu;

    if (body.timing_cache) {
        check_serialization(gen, blob->serialization, base + 8);
        auto& f = add("TD1005");
        f.summary = fmt::format("the file is a TensorRT timing cache (serialization {}{}), not a plan",
                                blob->serialization,
                                m_r.serialization_range.empty() ? "" : ", TensorRT " + m_r.serialization_range);
        f.fix = fmt::format("give it to the builder (trtexec --timingCacheFile={}) and point the "
                            "runtime at the engine file itself", m_r.path);
        f.add_evidence(at(base + blob->header_size), "first body tag 18 80 01 00");
    } else {
        check_serialization(gen, blob->serialization, base + (blob->header == BlobHeader::std24 ? 8 : 4));
    }
    if (blob->header == BlobHeader::std24) check_safe(blob->safe_serialization, base + 4);

    const std::uint64_t field_at = base + (blob->header == BlobHeader::g1 ? 12 : blob->header == BlobHeader::std24 ? 16 : 8);
    const auto claimed = blob->claimed_size();
    if (!claimed || *claimed != avail) {
        size_mismatch(base, field_at, claimed.value_or(UINT64_MAX), avail, "header");
        return;
    }
    if (gen == Generation::g1) {
        pending_crc = CrcRange{base + 24, blob->length_field};
        expected_crc = blob->crc;
        return;
    }
    const bool marker_expected = !body.timing_cache &&
        (body.version ? at_least(body.version, 8, 4) : blob->serialization >= 213);
    if (marker_expected && avail >= 4) {
        const std::string last = m_src.read(base + avail - 4, 4);
        if (last != kPtrtEnd) {
            auto& f = add("TD1014");
            f.summary = fmt::format("the last 4 bytes are {}, not the end marker 8f 8b 8d 8b that "
                                    "TensorRT {} writes", hex_bytes(last),
                                    m_r.trt_version ? m_r.trt_version->to_string() : "8.4+");
            f.fix = fmt::format("copy {} again and compare SHA-256 with the source", m_r.path);
            f.add_evidence(at(base + avail - 4), hex_bytes(last));
        } else {
            m_r.notes.push_back("end marker present");
        }
    }
}

void Decoder::decode_container(std::uint64_t base, std::string_view head) {
    const std::uint64_t avail = m_src.size() - base;
    ByteCursor c(head, base);
    if (head.size() < 32) {
        auto& f = add("TD1011");
        f.summary = fmt::format("{} ends after {} bytes, inside the 32-byte container header",
                                subject(base), head.size());
        f.fix = fmt::format("copy {} again and compare SHA-256 with the source", m_r.path);
        f.add_evidence(at(base + head.size()), "end of file")
            .add_fact("actual_size", std::to_string(head.size()));
        return;
    }
    const auto format_id = *c.peek_le<std::uint32_t>(4);
    const auto n_sections = *c.peek_le<std::uint32_t>(8);
    const auto total = *c.peek_le<std::uint64_t>(16);
    m_r.trt_version = TrtVersion{*c.peek_le<std::uint8_t>(24), *c.peek_le<std::uint8_t>(25),
                                 *c.peek_le<std::uint8_t>(26), *c.peek_le<std::uint8_t>(27)};
    const std::string_view platform = head.substr(28, 4);
    if (std::all_of(platform.begin(), platform.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; })) {
        m_r.platform_tag = std::string(platform);
    }
    if (format_id != 0) {
        auto& f = add("TD1040");
        f.summary = fmt::format("container format {} is not one trtdoctor knows (0 in every plan "
                                "seen); TensorRT {} by the version bytes", format_id,
                                m_r.trt_version->to_string());
        f.add_evidence(at(base + 4), fmt::format("format id {}", format_id));
    }

    bool sections_ok = true;
    const std::uint64_t table_end = 32 + 24ull * n_sections;
    if (n_sections == 0 || n_sections > 64 || table_end > avail) {
        sections_ok = false;
        auto& f = add("TD1015");
        f.summary = n_sections == 0
            ? std::string("the container header lists no sections")
            : fmt::format("the container header says {} sections: the table would end at byte {}, "
                          "{} has {}", n_sections, base + table_end, subject(base), avail);
        f.fix = fmt::format("copy {} again and compare SHA-256 with the source; the header is damaged",
                            m_r.path);
        f.add_evidence(at(base + 8), fmt::format("section count {}", n_sections))
            .add_fact("section_count", std::to_string(n_sections));
    }
    const std::uint32_t readable = std::min<std::uint32_t>(n_sections, 64);
    for (std::uint32_t i = 0; i < readable; ++i) {
        const std::size_t e = 32 + 24 * static_cast<std::size_t>(i);
        auto tag = c.slice(e, 4);
        auto off = c.peek_le<std::uint64_t>(e + 8);
        auto len = c.peek_le<std::uint64_t>(e + 16);
        if (!tag || !off || !len) break;
        // With a count that cannot be right, keep only entries that look like section tags.
        const bool plausible_tag = std::all_of(tag->begin(), tag->end(),
                                               [](char ch) { return ch >= 'A' && ch <= 'Z'; });
        if (!sections_ok && !plausible_tag) break;
        m_r.sections.push_back({printable(*tag, 8), *off, *len});
    }

    if (total != avail) {
        size_mismatch(base, base + 16, total, avail, "container header");
        sections_ok = false;
    }
    const std::uint64_t parsed_table_end = 32 + 24ull * m_r.sections.size();
    for (const auto& s : m_r.sections) {
        const auto end = checked_add(s.offset, s.length);
        if (end && *end <= avail && s.offset >= parsed_table_end) continue;
        sections_ok = false;
        if (total != avail && end && *end <= total) continue;  // already explained by the size
        auto& f = add("TD1015");
        f.summary = end && s.offset >= parsed_table_end
            ? fmt::format("section {} (offset {}, length {}) ends at byte {}, past the end of {} "
                          "({} bytes)", s.tag, s.offset, s.length, *end, subject(base), avail)
            : fmt::format("section {} (offset {}, length {}) does not lie inside the file",
                          s.tag, s.offset, s.length);
        f.fix = fmt::format("copy {} again and compare SHA-256 with the source; rebuild it if the "
                            "source has the same damage", m_r.path);
        f.add_evidence(at(base + 32), fmt::format("{} @{} +{}", s.tag, s.offset, s.length))
            .add_fact("section", s.tag)
            .add_fact("section_end", end ? std::to_string(*end) : "overflow")
            .add_fact("actual_size", std::to_string(avail));
    }

    const Section* engine = nullptr;
    for (const auto& s : m_r.sections) {
        if (s.tag == "NGNE") engine = &s;
    }
    if (!engine && !m_r.sections.empty()) engine = &m_r.sections.front();
    if (engine) decode_engine_section(base, *engine, avail);

    if (sections_ok && avail >= 4) {
        const std::string last = m_src.read(base + avail - 4, 4);
        if (last != kFtrtEnd) {
            auto& f = add("TD1014");
            f.summary = fmt::format("the last 4 bytes are {}, not the container end marker 99 8b "
                                    "8d 8b", hex_bytes(last));
            f.fix = fmt::format("copy {} again and compare SHA-256 with the source", m_r.path);
            f.add_evidence(at(base + avail - 4), hex_bytes(last));
        } else {
            m_r.notes.push_back("container end marker present");
        }
    }
}

void Decoder::decode_engine_section(std::uint64_t base, const Section& s, std::uint64_t avail) {
    if (s.offset >= avail) return;
    const auto take = static_cast<std::size_t>(std::min<std::uint64_t>(s.length, kBlobHeadBytes));
    const std::string blob_head = m_src.read(base + s.offset, take);
    auto blob = parse_blob_header(blob_head);
    if (!blob) {
        m_r.notes.push_back(fmt::format("section {} does not start with a known \"ptrt\" header", s.tag));
        return;
    }
    m_r.serialization_version = blob->serialization;
    if (blob->header == BlobHeader::std24) {
        m_r.safe_serialization_version = blob->safe_serialization;
    }
    const BodyInfo body = walk_body(std::string_view(blob_head).substr(blob->header_size), 0x80);
    m_r.builder_gpu = body.gpu;
    if (body.version && m_r.trt_version && !(*body.version == *m_r.trt_version)) {
        m_r.body_version = body.version;
        m_r.notes.push_back(fmt::format("the engine body says TensorRT {}, the container {}",
                                        body.version->to_string(), m_r.trt_version->to_string()));
    }
    check_serialization(Generation::g3, blob->serialization,
                        base + s.offset + (blob->header == BlobHeader::std24 ? 8 : 4));
    if (blob->header == BlobHeader::std24) check_safe(blob->safe_serialization, base + s.offset + 4);

    const auto end = checked_add(s.offset, s.length);
    if (end && *end <= avail && s.length >= 4) {
        const std::string last = m_src.read(base + *end - 4, 4);
        if (last != kPtrtEnd) {
            auto& f = add("TD1014");
            f.summary = fmt::format("the engine section's last 4 bytes are {}, not the end marker "
                                    "8f 8b 8d 8b", hex_bytes(last));
            f.fix = fmt::format("copy {} again and compare SHA-256 with the source", m_r.path);
            f.add_evidence(at(base + *end - 4), hex_bytes(last));
        }
    }
}

void finish_crc(InspectResult& r, const Decoder& d, const std::optional<std::uint32_t>& crc) {
    if (!d.pending_crc) return;
    if (!crc) {
        r.notes.push_back("CRC-32 not checked (--no-hash reads only the header)");
        return;
    }
    if (*crc == d.expected_crc) {
        r.notes.push_back("CRC-32 matches");
        return;
    }
    auto f = make_finding("TD1013");
    f.summary = fmt::format("the header's CRC-32 is {:08x}, the body's is {:08x}: the bytes "
                            "changed after the build", d.expected_crc, *crc);
    f.fix = fmt::format("copy {} again from the machine that built it and compare SHA-256; "
                        "rebuild it with TensorRT {} if the original is damaged too", r.path,
                        r.trt_version ? r.trt_version->to_string() : "7.x");
    f.add_evidence({r.path, (r.plan_offset ? *r.plan_offset : 0) + 20, {}},
                   fmt::format("CRC-32 field {:08x}", d.expected_crc))
        .add_fact("crc_expected", fmt::format("{:08x}", d.expected_crc))
        .add_fact("crc_actual", fmt::format("{:08x}", *crc));
    r.findings.push_back(std::move(f));
}

}  // namespace

InspectResult inspect_bytes(std::string_view bytes, std::string_view name) {
    InspectResult r;
    r.path = std::string(name);
    MemorySource src(bytes);
    Decoder d(src, r);
    d.run();
    const FileHashes h = hash_bytes(bytes, d.pending_crc);
    r.sha256 = h.sha256;
    r.md5 = h.md5;
    finish_crc(r, d, h.crc);
    r.bytes_read = bytes.size();
    return r;
}

Expected<InspectResult> inspect_file(const std::string& path, const InspectOptions& options) {
    auto file = InputFile::open(path);
    if (!file) return file.error();
    if (!file->seekable()) {
        // A pipe or FIFO: read it all, then inspect in memory.
        std::string bytes;
        std::string chunk(1 << 20, '\0');
        while (true) {
            auto n = file->read(chunk.data(), chunk.size());
            if (!n) return n.error();
            if (*n == 0) break;
            bytes.append(chunk.data(), *n);
        }
        InspectResult r = inspect_bytes(bytes, file->name());
        if (!options.hash) {
            r.sha256.reset();
            r.md5.reset();
        }
        r.bytes_read = file->bytes_read();
        return r;
    }
    InspectResult r;
    r.path = file->name();
    FileSource src(*file, *file->size());
    Decoder d(src, r);
    d.run();
    if (src.error()) return *src.error();
    std::optional<std::uint32_t> crc;
    if (options.hash) {
        auto h = hash_file(*file, *file->size(), d.pending_crc);
        if (!h) return h.error();
        r.sha256 = h->sha256;
        r.md5 = h->md5;
        crc = h->crc;
    }
    finish_crc(r, d, crc);
    r.bytes_read = file->bytes_read();
    return r;
}

}  // namespace trtdoctor::plan

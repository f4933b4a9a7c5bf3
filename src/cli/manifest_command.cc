// `trtdoctor manifest create|verify|sign|keygen`: the engine's sidecar manifest.
#include <fmt/format.h>
#include <sys/stat.h>

#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "core/catalogue.h"
#include "manifest/create.h"
#include "manifest/manifest.h"
#include "manifest/onnx_model.h"
#include "manifest/output.h"
#include "manifest/signing.h"
#include "manifest/verify.h"
#include "plan/plan_file.h"
#include "report/finding_writer.h"
#include "trtexec/trtexec_log.h"

namespace trtdoctor::cli {
namespace {

using nlohmann::json;
namespace mf = trtdoctor::manifest;

/// Writes the rendered outcome and returns the exit code.
int finish(std::string_view command, const CommonOptions& common, const mf::Outcome& o) {
    std::string err;
    const std::string out = mf::render(command, common.output_format, Style(common.color_stdout), o, err);
    write_stdout(out);
    if (!err.empty()) std::fputs(err.c_str(), stderr);
    return exit_code_for(o.findings, common.threshold, !o.errors.empty());
}

int fail(std::string_view command, const CommonOptions& common, ToolError e) {
    mf::Outcome o;
    o.errors.push_back(std::move(e));
    return finish(command, common, o);
}

constexpr std::uint64_t k_max_onnx = 2ULL << 30;  // protobuf's own 2 GiB limit

int run_create(CommandArgs args) {
    CommonOptions common;
    std::vector<std::string> pos;
    std::string log_path, onnx_path, out_path, key_path;
    bool force = false;
    ArgParser p("manifest create", "manifest create ENGINE [--build-log LOG] [--onnx MODEL] [--out FILE]",
                "Write ENGINE.manifest.json: the engine's size, SHA-256, MD5 and everything its\n"
                "header decodes to (TensorRT version, serialization number, builder GPU); from a\n"
                "trtexec build log, the precision, workspace, profiles (min/opt/max per input),\n"
                "plugins, compatibility flags, timing cache, GPU name, build time and outcome;\n"
                "from the ONNX model, its hash, IR version, opsets, inputs and outputs.\n"
                "Schema: docs/manifest.md.");
    add_common_options(p, common);
    p.positionals(&pos, "ENGINE", 1, 1);
    p.option("build-log", 'l', "LOG", &log_path, "the trtexec log of the build that wrote ENGINE");
    p.option("onnx", 0, "MODEL", &onnx_path, "the ONNX model ENGINE was built from");
    p.option("out", 'o', "FILE", &out_path, "where to write (default ENGINE.manifest.json)");
    p.option("key", 0, "PRIVATE", &key_path, "sign it at once with this PEM Ed25519 private key");
    p.flag("force", 0, &force, "write even when the build log contradicts the engine");
    p.epilog("Exit codes: 0 written, 1 the log contradicts the engine (not written without --force),\n"
             "2 an input could not be read, 3 usage.");
    if (auto rc = p.parse(args)) return *rc;
    if (auto rc = resolve_common_options("manifest create", common)) return *rc;
    const std::string& engine_path = pos[0];
    if (engine_path == "-") return usage_failure("manifest create", "ENGINE must be a file (the manifest names it)");

    auto engine = plan::inspect_file(engine_path, {});
    if (!engine) return fail("manifest create", common, engine.error());

    mf::CreateInputs in;
    in.engine = &*engine;
    in.engine_path = engine_path;
    std::optional<trtexec::Log> log;
    if (!log_path.empty()) {
        auto l = trtexec::read_log(log_path);
        if (!l) return fail("manifest create", common, l.error());
        log = std::move(*l);
        in.build_run = mf::pick_build_run(*log);
        if (!in.build_run) {
            return fail("manifest create", common,
                        ToolError{ErrorCode::invalid_format, log_path,
                                  "no trtexec run found (no &&&& RUNNING banner or === Model Options === block)", {}, {}});
        }
        in.log_path = log_path;
        if (auto h = mf::hash_file(log_path)) in.log_sha256 = h->sha256;
    }
    std::optional<mf::OnnxModel> model;
    if (!onnx_path.empty()) {
        auto bytes = mf::read_whole_file(onnx_path, k_max_onnx);
        if (!bytes) return fail("manifest create", common, bytes.error());
        auto m = mf::parse_onnx(*bytes, onnx_path);
        if (!m) return fail("manifest create", common, m.error());
        model = std::move(*m);
        in.model = &*model;
        in.model_path = onnx_path;
        in.model_size = bytes->size();
        if (auto h = mf::hash_file(onnx_path)) in.model_sha256 = h->sha256;
    }
    auto created = mf::create_manifest(in);
    if (!created) return fail("manifest create", common, created.error());

    mf::Outcome o;
    o.findings = created->findings;
    const bool blocked = !force && worst_severity(o.findings) == Severity::error;
    if (out_path.empty()) out_path = mf::default_manifest_path(engine_path);
    if (!blocked) {
        if (!key_path.empty()) {
            auto s = mf::sign_manifest(created->manifest, key_path);
            if (!s) return fail("manifest create", common, s.error());
        }
        auto w = mf::write_text_file(out_path, mf::serialize_manifest(created->manifest));
        if (!w) return fail("manifest create", common, w.error());
        o.text = fmt::format("{}\n", out_path);
        o.payload["manifest_path"] = out_path;
        o.payload["manifest"] = created->manifest;
    } else {
        o.text = "";
        o.payload["manifest_path"] = nullptr;
        std::fprintf(stderr, "trtdoctor manifest create: not written: the build log contradicts the engine "
                             "(use --force to write anyway)\n");
    }
    return finish("manifest create", common, o);
}

int run_verify(CommandArgs args) {
    CommonOptions common;
    std::vector<std::string> pos;
    std::string manifest_path, pubkey;
    ArgParser p("manifest verify", "manifest verify ENGINE [--manifest FILE] [--pubkey PUBLIC]",
                "Check ENGINE against its manifest: size, SHA-256, MD5 and every decoded fact\n"
                "(TensorRT version, serialization number, builder GPU). Each mismatch names the\n"
                "field and both values. With --pubkey, the manifest must also carry a valid\n"
                "Ed25519 signature by that key.");
    add_common_options(p, common);
    p.positionals(&pos, "ENGINE", 1, 1);
    p.option("manifest", 'm', "FILE", &manifest_path, "the manifest (default ENGINE.manifest.json)");
    p.option("pubkey", 0, "PUBLIC", &pubkey, "require a signature by this PEM Ed25519 public key");
    p.epilog("Exit codes: 0 the engine matches, 1 mismatches, 2 an input could not be read, 3 usage.");
    if (auto rc = p.parse(args)) return *rc;
    if (auto rc = resolve_common_options("manifest verify", common)) return *rc;
    const std::string& engine_path = pos[0];
    if (manifest_path.empty()) manifest_path = mf::default_manifest_path(engine_path);

    auto doc = mf::read_manifest(manifest_path);
    if (!doc) return fail("manifest verify", common, doc.error());
    auto engine = plan::inspect_file(engine_path, {});
    if (!engine) return fail("manifest verify", common, engine.error());

    mf::Outcome o;
    o.findings = mf::verify_engine(*doc, manifest_path, *engine, engine_path);
    std::string signature = "not checked";
    if (!pubkey.empty()) {
        auto check = mf::verify_signature(*doc, pubkey);
        if (!check) return fail("manifest verify", common, check.error());
        signature = check->detail;
        if (check->status != mf::SignatureStatus::valid) {
            Finding f = make_finding(check->status == mf::SignatureStatus::unsigned_ ? "TD6005" : "TD6004");
            f.summary = check->detail;
            f.add_evidence({manifest_path, {}, {}}, fmt::format("signature.key_id: {}", check->manifest_key_id.empty() ? "(none)" : check->manifest_key_id));
            f.add_fact("trusted_key_id", check->key_id);
            o.findings.push_back(std::move(f));
        }
    }
    const bool ok = !worst_severity(o.findings) || *worst_severity(o.findings) == Severity::info;
    o.text = ok ? fmt::format("{}: matches {} (sha256 {}){}\n", engine_path, manifest_path,
                              mf::get_string(*doc, "/engine/sha256").substr(0, 16),
                              pubkey.empty() ? "" : fmt::format("; {}", signature))
                : "";
    o.payload["engine"] = engine_path;
    o.payload["manifest_path"] = manifest_path;
    o.payload["verified"] = ok;
    o.payload["signature"] = signature;
    return finish("manifest verify", common, o);
}

int run_sign(CommandArgs args) {
    CommonOptions common;
    std::vector<std::string> pos;
    std::string manifest_path, key;
    ArgParser p("manifest sign", "manifest sign ENGINE --key PRIVATE [--manifest FILE]",
                "Sign ENGINE's manifest with an Ed25519 private key (PEM, PKCS#8: what\n"
                "`openssl genpkey -algorithm ed25519` writes). The signature (base64) covers the\n"
                "manifest's canonical bytes; the engine is verified against it first.");
    add_common_options(p, common);
    p.positionals(&pos, "ENGINE", 1, 1);
    p.option("key", 'k', "PRIVATE", &key, "PEM Ed25519 private key");
    p.option("manifest", 'm', "FILE", &manifest_path, "the manifest (default ENGINE.manifest.json)");
    if (auto rc = p.parse(args)) return *rc;
    if (auto rc = resolve_common_options("manifest sign", common)) return *rc;
    if (key.empty()) return usage_failure("manifest sign", "--key PRIVATE is required");
    const std::string& engine_path = pos[0];
    if (manifest_path.empty()) manifest_path = mf::default_manifest_path(engine_path);

    auto doc = mf::read_manifest(manifest_path);
    if (!doc) return fail("manifest sign", common, doc.error());
    auto engine = plan::inspect_file(engine_path, {});
    if (!engine) return fail("manifest sign", common, engine.error());
    mf::Outcome o;
    o.findings = mf::verify_engine(*doc, manifest_path, *engine, engine_path);
    if (worst_severity(o.findings) == Severity::error) {
        std::fprintf(stderr, "trtdoctor manifest sign: not signed: the engine does not match its manifest\n");
        return finish("manifest sign", common, o);
    }
    auto s = mf::sign_manifest(*doc, key);
    if (!s) return fail("manifest sign", common, s.error());
    auto w = mf::write_text_file(manifest_path, mf::serialize_manifest(*doc));
    if (!w) return fail("manifest sign", common, w.error());
    o.text = fmt::format("{}: signed by {}\n", manifest_path, mf::get_string(*doc, "/signature/key_id"));
    o.payload["manifest_path"] = manifest_path;
    o.payload["key_id"] = mf::get_string(*doc, "/signature/key_id");
    return finish("manifest sign", common, o);
}

int run_keygen(CommandArgs args) {
    std::vector<std::string> pos;
    ArgParser p("manifest keygen", "manifest keygen PREFIX",
                "Write a new Ed25519 key pair: PREFIX.pem (private, keep it secret) and\n"
                "PREFIX.pub.pem (public, give it to deployments). Same formats as\n"
                "`openssl genpkey -algorithm ed25519` and `openssl pkey -pubout`.");
    p.positionals(&pos, "PREFIX", 1, 1);
    if (auto rc = p.parse(args)) return *rc;
    auto pair = mf::generate_key_pair();
    if (!pair) {
        std::fputs(format_tool_error_text(pair.error(), Style(false)).c_str(), stderr);
        return exit_input_error;
    }
    const std::string priv = pos[0] + ".pem", pub = pos[0] + ".pub.pem";
    for (const auto& [path, text] : {std::pair{priv, pair->first}, std::pair{pub, pair->second}}) {
        auto w = mf::write_text_file(path, text);
        if (!w) {
            std::fprintf(stderr, "%s\n", format_tool_error_text(w.error(), Style(false)).c_str());
            return exit_input_error;
        }
    }
    ::chmod(priv.c_str(), 0600);
    write_stdout(fmt::format("{}\n{}\n", priv, pub));
    return exit_ok;
}

}  // namespace

int run_manifest(CommandArgs args) {
    static constexpr std::string_view help =
        "Usage: trtdoctor manifest SUBCOMMAND [OPTIONS]\n\n"
        "An engine manifest (ENGINE.manifest.json) records what built an engine, so a deployment\n"
        "can verify it, name it and pick among variants. Schema: docs/manifest.md.\n\n"
        "Subcommands:\n"
        "  create ENGINE [--build-log LOG] [--onnx MODEL] [--out FILE]   write the manifest\n"
        "  verify ENGINE [--manifest FILE] [--pubkey PUBLIC]              check the engine against it\n"
        "  sign ENGINE --key PRIVATE [--manifest FILE]                    add an Ed25519 signature\n"
        "  keygen PREFIX                                                  make a signing key pair\n\n"
        "'trtdoctor manifest SUBCOMMAND --help' for the options of each.\n";
    if (args.empty()) {
        std::fputs(std::string(help).c_str(), stderr);
        return exit_usage;
    }
    const std::string& sub = args[0];
    if (sub == "-h" || sub == "--help") {
        write_stdout(help);
        return exit_ok;
    }
    const auto rest = args.subspan(1);
    if (sub == "create") return run_create(rest);
    if (sub == "verify") return run_verify(rest);
    if (sub == "sign") return run_sign(rest);
    if (sub == "keygen") return run_keygen(rest);
    return usage_failure("manifest", fmt::format("unknown subcommand '{}' (create, verify, sign, keygen)", sub));
}

}  // namespace trtdoctor::cli

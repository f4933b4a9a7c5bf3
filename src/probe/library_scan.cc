#include "probe/library_scan.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <system_error>

#include <fmt/format.h>

#include "probe/subprocess.h"

namespace trtdoctor::probe {
namespace fs = std::filesystem;

const std::vector<std::string>& known_components() {
    static const std::vector<std::string> names = {
        "libnvinfer", "libnvinfer_plugin", "libnvonnxparser", "libnvparsers",
        "libnvinfer_lean", "libnvinfer_dispatch", "libnvinfer_vc_plugin",
        "libcudnn", "libcublas", "libcublasLt", "libcudart", "libcuda", "libnvidia-ml"};
    return names;
}

std::vector<CacheEntry> parse_ldconfig_output(std::string_view text) {
    std::vector<CacheEntry> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        pos = eol + 1;
        const std::size_t arrow = line.find(" => ");
        if (arrow == std::string_view::npos) continue;
        std::string_view left = line.substr(0, arrow);
        while (!left.empty() && (left.front() == ' ' || left.front() == '\t')) left.remove_prefix(1);
        const std::size_t space = left.find(' ');
        std::string_view soname = left.substr(0, space);
        std::string_view path = line.substr(arrow + 4);
        while (!path.empty() && (path.back() == '\r' || path.back() == ' ')) path.remove_suffix(1);
        if (soname.empty() || path.empty() || path.front() != '/') continue;
        if (soname.find(".so") == std::string_view::npos) continue;
        out.push_back({std::string(soname), std::string(path)});
    }
    return out;
}

std::string component_of(std::string_view file_name) {
    const std::size_t so = file_name.find(".so");
    if (so == std::string_view::npos) return {};
    std::string_view stem = file_name.substr(0, so);
    for (const auto& c : known_components()) {
        if (stem == c) return c;
    }
    // cuDNN 8/9 split libraries (libcudnn_ops_infer, libcudnn_graph, ...) count as cuDNN parts,
    // not as the cuDNN entry point; they are not reported separately.
    return {};
}

std::string version_of(std::string_view file_name) {
    const std::size_t so = file_name.find(".so.");
    if (so == std::string_view::npos) return {};
    std::string_view v = file_name.substr(so + 4);
    for (char c : v) {
        if (!(c == '.' || (c >= '0' && c <= '9'))) return {};
    }
    return std::string(v);
}

namespace {

void add_found(std::vector<FoundLibrary>& out, std::set<std::string>& seen, const fs::path& path,
               const std::string& soname, const std::string& source) {
    std::string component = component_of(soname);
    if (component.empty()) return;
    std::error_code ec;
    fs::path real = fs::canonical(path, ec);
    if (ec) return;  // a dangling link is not something the loader can use
    if (!seen.insert(real.string()).second) return;
    FoundLibrary lib;
    lib.component = component;
    lib.soname = soname;
    lib.path = path.string();
    std::string v = version_of(real.filename().string());
    if (v.empty() || v.find('.') == std::string::npos) {
        std::string sv = version_of(soname);
        if (v.size() < sv.size()) v = sv;
    }
    lib.version = v;
    lib.source = source;
    out.push_back(std::move(lib));
}

void scan_dir(std::vector<FoundLibrary>& out, std::set<std::string>& seen, const fs::path& dir,
              const std::string& source) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec), end;
    for (int n = 0; !ec && it != end && n < 20000; it.increment(ec), ++n) {
        const std::string name = it->path().filename().string();
        // Only the names the loader asks for: the soname (libx.so.N), not the dev link.
        if (name.find(".so.") == std::string::npos) continue;
        const std::string v = version_of(name);
        if (v.empty() || v.find('.') != std::string::npos) continue;
        add_found(out, seen, it->path(), name, source);
    }
}

std::string find_ldconfig() {
    for (const char* p : {"/sbin/ldconfig", "/usr/sbin/ldconfig", "/sbin/ldconfig.real"}) {
        if (access(p, X_OK) == 0) return p;
    }
    return {};
}

}  // namespace

std::vector<FoundLibrary> scan_libraries(std::vector<std::string>& notes) {
    std::vector<FoundLibrary> out;
    std::set<std::string> seen;
    if (const char* ld = std::getenv("LD_LIBRARY_PATH"); ld != nullptr && *ld != '\0') {
        std::string_view rest(ld);
        while (!rest.empty()) {
            std::size_t colon = rest.find(':');
            std::string dir(rest.substr(0, colon));
            if (!dir.empty()) scan_dir(out, seen, dir, "LD_LIBRARY_PATH");
            if (colon == std::string_view::npos) break;
            rest.remove_prefix(colon + 1);
        }
    }
    const std::string ldconfig = find_ldconfig();
    if (ldconfig.empty()) {
        notes.push_back("ldconfig not found: the ld.so cache was not read");
    } else {
        CommandResult r = run_command({ldconfig, "-p"}, std::chrono::milliseconds(2000), 8 << 20);
        if (!r.started || r.timed_out) {
            notes.push_back(fmt::format("ldconfig -p could not run: {}",
                                        r.timed_out ? "timed out after 2 s" : r.error));
        } else {
            for (const auto& e : parse_ldconfig_output(r.output)) {
                add_found(out, seen, e.path, e.soname, "ld.so.cache");
            }
        }
    }
    for (const char* dir : {"/lib", "/usr/lib", "/lib64", "/usr/lib64",
                            "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu"}) {
        scan_dir(out, seen, dir, "standard directory");
    }
    return out;
}

}  // namespace trtdoctor::probe

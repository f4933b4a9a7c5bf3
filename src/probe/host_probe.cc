#include "probe/host_probe.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

#include "probe/subprocess.h"

namespace trtdoctor::probe {
namespace fs = std::filesystem;
namespace {

std::string first_line(const char* path) {
    std::ifstream in(path);
    std::string line;
    if (in) std::getline(in, line);
    if (line.size() > 512) line.resize(512);
    return line;
}

std::optional<std::string> env(const char* name) {
    if (const char* v = std::getenv(name)) return std::string(v);
    return std::nullopt;
}

std::string mode_string(mode_t m) {
    std::string s = S_ISCHR(m) ? "c" : S_ISDIR(m) ? "d" : "-";
    const char* rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; ++i) s += (m & (1 << (8 - i))) ? rwx[i] : '-';
    return s;
}

bool is_digits_and_dots(std::string_view s) {
    if (s.empty() || !std::isdigit(static_cast<unsigned char>(s.front()))) return false;
    for (char c : s) {
        if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.')) return false;
    }
    return s.find('.') != std::string_view::npos;
}

}  // namespace

std::string parse_proc_driver_version(std::string_view line) {
    const std::size_t km = line.find("Kernel Module");
    std::string_view rest = km == std::string_view::npos ? line : line.substr(km + 13);
    // The first whitespace-separated token shaped like N.N(.N) (open modules add a word first).
    std::size_t i = 0;
    while (i < rest.size()) {
        while (i < rest.size() && std::isspace(static_cast<unsigned char>(rest[i]))) ++i;
        std::size_t j = i;
        while (j < rest.size() && !std::isspace(static_cast<unsigned char>(rest[j]))) ++j;
        std::string_view tok = rest.substr(i, j - i);
        if (is_digits_and_dots(tok) && tok.size() < 32) return std::string(tok);
        i = j;
    }
    return {};
}

std::string parse_trtexec_version(std::string_view output) {
    const std::size_t at = output.find("[TensorRT v");
    if (at == std::string_view::npos) return {};
    std::size_t i = at + 11, j = i;
    while (j < output.size() && j - i < 9 && std::isdigit(static_cast<unsigned char>(output[j]))) ++j;
    if (j >= output.size() || output[j] != ']') return {};
    const std::string digits(output.substr(i, j - i));
    const long n = std::strtol(digits.c_str(), nullptr, 10);
    // 8601 = 8.6.1 (major*1000 + minor*100 + patch); 100300 = 10.3.0 (major*10000 + minor*100 + patch).
    if (digits.size() == 4) return fmt::format("{}.{}.{}", n / 1000, (n / 100) % 10, n % 100);
    if (digits.size() == 6) return fmt::format("{}.{}.{}", n / 10000, (n / 100) % 100, n % 100);
    return {};
}

HostFacts probe_host() {
    HostFacts h;
    h.proc_driver_version = first_line("/proc/driver/nvidia/version");
    h.proc_driver_number = parse_proc_driver_version(h.proc_driver_version);
    h.tegra_release = first_line("/etc/nv_tegra_release");
    std::error_code ec;
    fs::directory_iterator it("/dev", ec), end;
    for (int n = 0; !ec && it != end && n < 5000; it.increment(ec), ++n) {
        const std::string name = it->path().filename().string();
        if (name.rfind("nvidia", 0) != 0 && name != "nvhost-ctrl-gpu") continue;
        struct stat st {};
        if (stat(it->path().c_str(), &st) != 0 || S_ISDIR(st.st_mode)) continue;
        DeviceNode d;
        d.path = it->path().string();
        d.readable = access(d.path.c_str(), R_OK) == 0;
        d.writable = access(d.path.c_str(), W_OK) == 0;
        d.mode = mode_string(st.st_mode);
        h.device_nodes.push_back(std::move(d));
    }
    std::sort(h.device_nodes.begin(), h.device_nodes.end(),
              [](const DeviceNode& a, const DeviceNode& b) { return a.path < b.path; });
    h.nvidia_visible_devices = env("NVIDIA_VISIBLE_DEVICES");
    h.nvidia_driver_capabilities = env("NVIDIA_DRIVER_CAPABILITIES");
    h.cuda_visible_devices = env("CUDA_VISIBLE_DEVICES");
    h.cuda_module_loading = env("CUDA_MODULE_LOADING");
    h.in_container = access("/.dockerenv", F_OK) == 0 || access("/run/.containerenv", F_OK) == 0 ||
                     env("KUBERNETES_SERVICE_HOST").has_value();
    return h;
}

TrtexecFacts probe_trtexec(const std::string& explicit_path) {
    TrtexecFacts t;
    if (!explicit_path.empty()) {
        if (access(explicit_path.c_str(), X_OK) == 0) t.path = explicit_path;
        else t.problem = fmt::format("{} is not an executable file", explicit_path);
    } else if (const char* path = std::getenv("PATH")) {
        std::string_view rest(path);
        while (!rest.empty() && t.path.empty()) {
            std::size_t colon = rest.find(':');
            std::string dir(rest.substr(0, colon));
            if (!dir.empty()) {
                std::string candidate = dir + "/trtexec";
                struct stat st {};
                if (stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
                    access(candidate.c_str(), X_OK) == 0) {
                    t.path = candidate;
                }
            }
            if (colon == std::string_view::npos) break;
            rest.remove_prefix(colon + 1);
        }
    }
    if (t.path.empty()) return t;
    CommandResult r = run_command({t.path, "--help"}, std::chrono::milliseconds(3000), 256 << 10);
    if (!r.started) t.problem = fmt::format("could not run: {}", r.error);
    else if (r.timed_out) t.problem = "did not answer --help within 3 s";
    t.version = parse_trtexec_version(r.output);
    if (t.version.empty() && t.problem.empty()) {
        t.problem = r.output.find("error while loading shared libraries") != std::string::npos
                        ? "cannot start: a shared library is missing"
                        : "no \"[TensorRT vNNNN]\" banner in its --help output";
    }
    return t;
}

}  // namespace trtdoctor::probe

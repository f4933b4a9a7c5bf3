#include "check/plugin_load.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "core/catalogue.h"

namespace trtdoctor::check {

PluginLoad try_load_plugin(const std::string& path, std::chrono::milliseconds deadline) {
    PluginLoad out;
    if (access(path.c_str(), R_OK) != 0) {
        out.error = fmt::format("{}: {}", path, std::strerror(errno));
        return out;
    }
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        out.error = std::strerror(errno);
        return out;
    }
    const pid_t pid = fork();
    if (pid < 0) {
        out.error = std::strerror(errno);
        close(fds[0]);
        close(fds[1]);
        return out;
    }
    if (pid == 0) {
        close(fds[0]);
        // A path with a slash is opened as given, never searched for.
        const std::string p = path.find('/') == std::string::npos ? "./" + path : path;
        void* h = dlopen(p.c_str(), RTLD_NOW | RTLD_LOCAL);
        const char* e = h == nullptr ? dlerror() : "";
        std::string msg = h == nullptr ? (e ? e : "dlopen failed") : "OK";
        (void)!write(fds[1], msg.data(), msg.size());
        _exit(h == nullptr ? 1 : 0);
    }
    close(fds[1]);
    std::string msg;
    char buf[1024];
    const auto end = std::chrono::steady_clock::now() + deadline;
    bool timed_out = false;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
        if (left.count() <= 0) { timed_out = true; break; }
        pollfd pfd{fds[0], POLLIN, 0};
        int rc = poll(&pfd, 1, static_cast<int>(left.count()));
        if (rc < 0 && errno == EINTR) continue;
        if (rc == 0) { timed_out = true; break; }
        ssize_t n = read(fds[0], buf, sizeof buf);
        if (n <= 0) break;
        if (msg.size() < 4096) msg.append(buf, static_cast<std::size_t>(n));
    }
    close(fds[0]);
    if (timed_out) kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (timed_out) {
        out.error = fmt::format("loading did not finish within {} ms", deadline.count());
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && msg == "OK") {
        out.loaded = true;
    } else if (WIFSIGNALED(status)) {
        out.error = fmt::format("the library crashed while loading (signal {})", WTERMSIG(status));
    } else {
        out.error = msg.empty() ? "dlopen failed" : msg;
    }
    return out;
}

Finding plugin_finding(const std::string& path, const PluginLoad& load) {
    Finding f = make_finding("TD3040");
    f.summary = fmt::format("plugin library {} cannot be loaded: {}", path, load.error);
    f.add_evidence(Location{path, {}, {}}, load.error);
    f.add_fact("plugin", path);
    if (load.error.find("undefined symbol") != std::string::npos) {
        f.fix = "the library was built against another TensorRT/CUDA than the one found here: "
                "rebuild it against the installed TensorRT.";
    } else if (load.error.find("cannot open shared object file") != std::string::npos) {
        f.fix = fmt::format("a dependency of {} is missing: run ldd on it, install the missing "
                            "library or add its folder to LD_LIBRARY_PATH.", path);
    }
    return f;
}

}  // namespace trtdoctor::check

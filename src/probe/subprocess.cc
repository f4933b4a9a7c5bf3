#include "probe/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace trtdoctor::probe {

CommandResult run_command(const std::vector<std::string>& argv, std::chrono::milliseconds deadline,
                          std::size_t max_output) {
    CommandResult result;
    if (argv.empty()) {
        result.error = "empty command";
        return result;
    }
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        result.error = std::strerror(errno);
        return result;
    }
    int err_pipe[2];  // reports an exec failure to the parent
    if (pipe2(err_pipe, O_CLOEXEC) != 0) {
        close(fds[0]);
        close(fds[1]);
        result.error = std::strerror(errno);
        return result;
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);

    const pid_t pid = fork();
    if (pid < 0) {
        result.error = std::strerror(errno);
        for (int fd : {fds[0], fds[1], err_pipe[0], err_pipe[1]}) close(fd);
        return result;
    }
    if (pid == 0) {
        setpgid(0, 0);
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0) dup2(devnull, 0);
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        execv(args[0], args.data());
        int e = errno;
        (void)!write(err_pipe[1], &e, sizeof e);
        _exit(127);
    }
    close(fds[1]);
    close(err_pipe[1]);
    int exec_errno = 0;
    if (read(err_pipe[0], &exec_errno, sizeof exec_errno) == sizeof exec_errno) {
        result.error = std::strerror(exec_errno);
    } else {
        result.started = true;
    }
    close(err_pipe[0]);

    const auto end = std::chrono::steady_clock::now() + deadline;
    char buf[8192];
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            end - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            result.timed_out = true;
            break;
        }
        pollfd p{fds[0], POLLIN, 0};
        int rc = poll(&p, 1, static_cast<int>(left.count()));
        if (rc < 0 && errno == EINTR) continue;
        if (rc <= 0) {
            if (rc == 0) result.timed_out = true;
            break;
        }
        ssize_t n = read(fds[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        std::size_t keep = std::min<std::size_t>(static_cast<std::size_t>(n),
                                                  max_output - std::min(max_output, result.output.size()));
        result.output.append(buf, keep);
    }
    close(fds[0]);
    if (result.timed_out) {
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!result.timed_out && result.started) {
        if (WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
        else if (WIFSIGNALED(status)) result.exit_status = 128 + WTERMSIG(status);
    }
    return result;
}

}  // namespace trtdoctor::probe

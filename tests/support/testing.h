// Helpers shared by the tests: the ../shared folder (real fixtures, skipped when absent),
// temporary directories, and running the trtdoctor binary end to end.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace trtdoctor::testing {

/// The shared fixtures folder (TRTDOCTOR_SHARED, else ../shared beside the source tree),
/// or nullopt when it is not there.
std::optional<std::filesystem::path> shared_dir();

/// Skip the current test with a clear message when ../shared is absent.
#define TRTDOCTOR_REQUIRE_SHARED(var)                                                     \
    const auto var##_opt = ::trtdoctor::testing::shared_dir();                            \
    if (!var##_opt) GTEST_SKIP() << "../shared is absent: real-fixture test skipped";     \
    const std::filesystem::path var = *var##_opt

/// A fresh directory removed at scope exit.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    /// Writes `contents` to `name` inside the directory and returns the full path.
    std::filesystem::path write(const std::string& name, std::string_view contents) const;

private:
    std::filesystem::path m_path;
};

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs the built trtdoctor binary with `args` (stdin from `input`), environment extended
/// with `env` ("KEY=VALUE"). NO_COLOR is set unless `env` overrides colour.
RunResult run_trtdoctor(const std::vector<std::string>& args, const std::string& input = "",
                        const std::vector<std::string>& env = {});

/// Path of the trtdoctor binary under test.
std::string trtdoctor_binary();

/// Reads a whole file (test data only).
std::string read_file(const std::filesystem::path& p);

}  // namespace trtdoctor::testing

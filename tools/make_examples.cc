// make_examples OUTDIR: writes the example inputs described in tools/examples/*.plan.txt
// (compiled in) into OUTDIR/plans/. Every file is generated; nothing is copied.
#include <cstdio>
#include <filesystem>
#include <string>

#include "core/embedded.h"
#include "plan/plan_builder.h"

namespace trtdoctor::embedded {
extern const EmbeddedFile example_data[];
extern const std::size_t example_data_count;
}  // namespace trtdoctor::embedded

int main(int argc, char** argv) {
    if (argc != 2 || std::string(argv[1]) == "--help") {
        std::fputs("Usage: make_examples OUTDIR\n"
                   "Writes the example plans and look-alikes into OUTDIR/plans/.\n", argc == 2 ? stdout : stderr);
        return argc == 2 ? 0 : 3;
    }
    namespace fs = std::filesystem;
    const fs::path out = fs::path(argv[1]) / "plans";
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) {
        std::fprintf(stderr, "make_examples: %s: %s\n", out.c_str(), ec.message().c_str());
        return 2;
    }
    int written = 0;
    for (std::size_t i = 0; i < trtdoctor::embedded::example_data_count; ++i) {
        const auto& file = trtdoctor::embedded::example_data[i];
        auto descriptions = trtdoctor::plan::parse_descriptions(file.contents, file.name);
        if (!descriptions) {
            std::fprintf(stderr, "make_examples: %s\n", descriptions.error().to_string().c_str());
            return 2;
        }
        for (const auto& d : *descriptions) {
            auto ok = d.image.write_to((out / d.file).string());
            if (!ok) {
                std::fprintf(stderr, "make_examples: %s\n", ok.error().to_string().c_str());
                return 2;
            }
            ++written;
        }
    }
    std::printf("make_examples: wrote %d files to %s\n", written, out.c_str());
    return 0;
}

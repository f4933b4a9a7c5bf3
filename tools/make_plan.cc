// make_plan OUT [--size BYTES] [--version A.B.C.D] [--description FILE]: writes one synthetic
// plan (sparse: the body is a hole), e.g. the 1 GiB plan of bench/inspect_bench.sh.
#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "plan/plan_builder.h"

int main(int argc, char** argv) {
    if (argc < 2 || std::string(argv[1]) == "--help") {
        std::fputs("Usage: make_plan OUT [--size BYTES] [--version A.B.C.D]\n"
                   "       make_plan OUTDIR --description FILE\n"
                   "Writes a synthetic TensorRT plan of about BYTES bytes (default 1 GiB, sparse),\n"
                   "or every file described in FILE (tools/examples/*.plan.txt syntax).\n",
                   argc < 2 ? stderr : stdout);
        return argc < 2 ? 3 : 0;
    }
    const std::string out = argv[1];
    std::uint64_t size = 1ull << 30;
    int v[4] = {8, 6, 1, 6};
    std::string description;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string key = argv[i], value = argv[i + 1];
        if (key == "--size") {
            std::from_chars(value.data(), value.data() + value.size(), size);
        } else if (key == "--version") {
            if (std::sscanf(value.c_str(), "%d.%d.%d.%d", &v[0], &v[1], &v[2], &v[3]) != 4) {
                std::fprintf(stderr, "make_plan: bad version '%s'\n", value.c_str());
                return 3;
            }
        } else if (key == "--description") {
            description = value;
        } else {
            std::fprintf(stderr, "make_plan: unknown option '%s'\n", key.c_str());
            return 3;
        }
    }
    if (!description.empty()) {
        std::ifstream in(description, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        if (!in) {
            std::fprintf(stderr, "make_plan: cannot read %s\n", description.c_str());
            return 2;
        }
        auto ds = trtdoctor::plan::parse_descriptions(text.str(), description);
        if (!ds) {
            std::fprintf(stderr, "make_plan: %s\n", ds.error().to_string().c_str());
            return 2;
        }
        for (const auto& d : *ds) {
            if (auto ok = d.image.write_to(out + "/" + d.file); !ok) {
                std::fprintf(stderr, "make_plan: %s\n", ok.error().to_string().c_str());
                return 2;
            }
        }
        return 0;
    }
    trtdoctor::plan::PlanBuilder b;
    b.version(v[0], v[1], v[2], v[3]);
    const auto overhead = b.body_size(0).image().size();
    b.body_size(size > overhead ? size - overhead : 0);
    if (auto ok = b.image().write_to(out); !ok) {
        std::fprintf(stderr, "make_plan: %s\n", ok.error().to_string().c_str());
        return 2;
    }
    return 0;
}

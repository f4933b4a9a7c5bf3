// `trtdoctor explain CODE|NAME`: a diagnosis's page, compiled into the binary.
#include <fmt/format.h>

#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "core/catalogue.h"
#include "report/finding_writer.h"

namespace trtdoctor::cli {

int run_explain(CommandArgs args) {
    std::vector<std::string> keys;
    ArgParser p("explain", "explain CODE|NAME...",
                "Print the page of a diagnosis: what you see, why it happens, how to fix it and\n"
                "when it is not a problem. CODE is e.g. TD1003; NAME a taxonomy name such as\n"
                "ENGINE_VERSION_MISMATCH (every diagnosis with that name is shown).");
    p.positionals(&keys, "CODE or NAME", 1);
    if (auto rc = p.parse(args)) return *rc;

    std::string out;
    for (const auto& key : keys) {
        auto found = Catalogue::builtin().lookup(key);
        if (found.empty()) {
            auto near = suggest_diagnoses(key);
            std::string hint;
            if (!near.empty()) hint = fmt::format(" (did you mean {}?)", fmt::join(near, ", "));
            return usage_failure("explain",
                                 fmt::format("no diagnosis with code or name '{}'{}", key, hint));
        }
        for (const auto* d : found) {
            if (!out.empty()) out += "\n";
            if (d->page.empty()) {
                out += fmt::format("# {} {}: {}\n\n(no page)\n", d->code, d->name, d->title);
            } else {
                out += d->page;
            }
        }
    }
    write_stdout(out);
    return exit_ok;
}

}  // namespace trtdoctor::cli

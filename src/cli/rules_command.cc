// `trtdoctor rules`: the catalogue, one line per diagnosis.
#include <fmt/format.h>

#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "core/catalogue.h"
#include "report/finding_writer.h"
#include "report/json_writer.h"

namespace trtdoctor::cli {

int run_rules(CommandArgs args) {
    CommonOptions common;
    std::string domain;
    ArgParser p("rules", "rules [--domain DOMAIN] [--format text|json]",
                "List every diagnosis: its stable code, taxonomy name, default severity, domain\n"
                "and one-line summary. 'trtdoctor explain CODE' prints a diagnosis's page.");
    add_common_options(p, common);
    p.option("domain", 'd', "DOMAIN",
             &domain, "only this domain: plan, machine, check, log, perf, manifest");
    if (auto rc = p.parse(args)) return *rc;
    if (auto rc = resolve_common_options("rules", common)) return *rc;

    std::vector<const Diagnosis*> entries;
    for (const auto& d : Catalogue::builtin().all()) {
        if (domain.empty() || d.domain == domain) entries.push_back(&d);
    }
    if (entries.empty() && !domain.empty()) {
        return usage_failure("rules", fmt::format("no diagnosis in domain '{}'", domain));
    }
    if (common.output_format == OutputFormat::text) {
        Style style(common.color_stdout);
        std::string out;
        for (const auto* d : entries) {
            out += fmt::format("{}  {:<28} {:<8} {:<9} {}\n", style.bold(d->code), d->name,
                               to_string(d->severity), d->domain, d->title);
        }
        write_stdout(out);
        return exit_ok;
    }
    if (common.output_format == OutputFormat::sarif) {
        return usage_failure("rules", "--format sarif is for findings; use text or json");
    }
    std::string out;
    JsonWriter w(out);
    w.begin_object().key("diagnoses").begin_array();
    for (const auto* d : entries) {
        w.begin_object();
        w.field("code", d->code);
        w.field("name", d->name);
        w.field("severity", to_string(d->severity));
        w.field("domain", d->domain);
        w.field("title", d->title);
        w.end_object();
    }
    w.end_array().end_object();
    write_stdout(out);
    return exit_ok;
}

}  // namespace trtdoctor::cli

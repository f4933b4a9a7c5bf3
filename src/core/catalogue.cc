#include "core/catalogue.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/text.h"

namespace trtdoctor {

namespace {

bool valid_code(std::string_view code) {
    if (code.size() != 6 || code.substr(0, 2) != "TD") return false;
    return std::all_of(code.begin() + 2, code.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

Expected<Catalogue> Catalogue::load(std::span<const embedded::EmbeddedFile> record_files,
                                    std::span<const embedded::EmbeddedFile> pages) {
    Catalogue cat;
    for (const auto& file : record_files) {
        auto records = parse_records(file.contents, file.name);
        if (!records) return records.error();
        for (auto& rec : *records) {
            auto fail = [&](std::string msg) {
                return ToolError{ErrorCode::invalid_format, rec.source, std::move(msg),
                                 std::nullopt, rec.line};
            };
            Diagnosis d;
            for (const char* key : {"Code", "Name", "Severity", "Domain", "Title"}) {
                if (!rec.get(key)) return fail(fmt::format("record lacks '{}'", key));
            }
            d.code = std::string(*rec.get("Code"));
            if (!valid_code(d.code)) return fail(fmt::format("bad code '{}'", d.code));
            d.name = std::string(*rec.get("Name"));
            auto sev = parse_severity(*rec.get("Severity"));
            if (!sev) return fail(fmt::format("bad severity '{}'", *rec.get("Severity")));
            d.severity = *sev;
            d.domain = std::string(*rec.get("Domain"));
            d.title = std::string(*rec.get("Title"));
            d.explanation = std::string(rec.get("Explanation").value_or(""));
            d.fix = std::string(rec.get("Fix").value_or(""));
            d.record = std::move(rec);
            cat.m_entries.push_back(std::move(d));
        }
    }
    std::sort(cat.m_entries.begin(), cat.m_entries.end(),
              [](const Diagnosis& a, const Diagnosis& b) { return a.code < b.code; });
    for (std::size_t i = 1; i < cat.m_entries.size(); ++i) {
        if (cat.m_entries[i].code == cat.m_entries[i - 1].code) {
            return ToolError{ErrorCode::invalid_format, cat.m_entries[i].record.source,
                             fmt::format("code {} listed twice", cat.m_entries[i].code),
                             std::nullopt, cat.m_entries[i].record.line};
        }
    }
    for (auto& d : cat.m_entries) {
        const std::string want = d.code + ".md";
        for (const auto& page : pages) {
            if (page.name == want) d.page = page.contents;
        }
    }
    return cat;
}

const Catalogue& Catalogue::builtin() {
    static const Catalogue cat = [] {
        auto loaded = load(embedded::catalogue_files(), embedded::diagnosis_pages());
        if (!loaded) throw std::logic_error("built-in catalogue: " + loaded.error().to_string());
        return std::move(*loaded);
    }();
    return cat;
}

const Diagnosis* Catalogue::by_code(std::string_view code) const {
    auto it = std::lower_bound(m_entries.begin(), m_entries.end(), code,
                               [](const Diagnosis& d, std::string_view c) { return d.code < c; });
    return it != m_entries.end() && it->code == code ? &*it : nullptr;
}

std::vector<const Diagnosis*> Catalogue::by_name(std::string_view name) const {
    std::vector<const Diagnosis*> out;
    for (const auto& d : m_entries) {
        if (d.name == name) out.push_back(&d);
    }
    return out;
}

std::vector<const Diagnosis*> Catalogue::lookup(std::string_view code_or_name) const {
    const std::string upper = to_upper(code_or_name);
    if (const auto* d = by_code(upper)) return {d};
    return by_name(upper);
}

std::vector<const Diagnosis*> Catalogue::in_domain(std::string_view domain) const {
    std::vector<const Diagnosis*> out;
    for (const auto& d : m_entries) {
        if (d.domain == domain) out.push_back(&d);
    }
    return out;
}

Finding make_finding(std::string_view code) {
    const Diagnosis* d = Catalogue::builtin().by_code(code);
    if (!d) throw std::out_of_range(fmt::format("unknown diagnosis code {}", code));
    Finding f;
    f.code = d->code;
    f.name = d->name;
    f.severity = d->severity;
    f.summary = d->title;
    f.explanation = d->explanation;
    f.fix = d->fix;
    return f;
}

std::vector<std::string> suggest_diagnoses(std::string_view text, std::size_t max) {
    std::vector<std::string> candidates;
    for (const auto& d : Catalogue::builtin().all()) {
        candidates.push_back(d.code);
        candidates.push_back(d.name);
    }
    return closest_matches(to_upper(text), candidates, max);
}

}  // namespace trtdoctor

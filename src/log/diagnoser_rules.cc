#include "log/diagnoser_rules.h"

#include <re2/re2.h>

#include <charconv>
#include <map>
#include <mutex>

namespace trtdoctor::log {

namespace {

std::shared_ptr<re2::RE2> compile_re(std::string_view pattern) {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_encoding(RE2::Options::EncodingLatin1);
    auto re = std::make_shared<re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), o);
    if (!re->ok()) return nullptr;
    return re;
}

// Splits "first rest..." at the first space.
std::pair<std::string_view, std::string_view> split_word(std::string_view s) {
    const auto sp = s.find(' ');
    if (sp == std::string_view::npos) return {s, {}};
    auto rest = s.substr(sp + 1);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    return {s.substr(0, sp), rest};
}

// Splits "rest... last" at the last space.
std::pair<std::string_view, std::string_view> split_last_word(std::string_view s) {
    const auto sp = s.rfind(' ');
    if (sp == std::string_view::npos) return {{}, s};
    return {s.substr(0, sp), s.substr(sp + 1)};
}

}  // namespace

RuleLogic RuleBook::compile(const Diagnosis* rule) {
    RuleLogic l;
    l.rule = rule;
    const Record& r = rule->record;
    if (auto role = r.get("Role")) {
        if (*role == "consequence") l.role = Role::consequence;
        else if (*role == "benign") l.role = Role::benign;
    }
    if (auto p = r.get("Priority")) {
        int v = 0;
        if (std::from_chars(p->data(), p->data() + p->size(), v).ec == std::errc()) l.priority = v;
    }
    for (auto u : r.get_all("Unless")) {
        if (auto re = compile_re(u)) l.unless.push_back(std::move(re));
    }
    for (auto rc : r.get_all("Reclassify")) {
        auto [fact, rest] = split_word(rc);
        auto [pattern, name] = split_last_word(rest);
        if (auto re = compile_re(pattern)) {
            l.reclassify.push_back({std::string(fact), std::move(re), std::string(name)});
        }
    }
    for (auto ni : r.get_all("NameIf")) {
        auto [marker, name] = split_word(ni);
        l.name_if.emplace_back(std::string(marker), std::string(name));
    }
    for (auto si : r.get_all("SeverityIf")) {
        auto [sev, pattern] = split_word(si);
        auto severity = parse_severity(sev);
        auto re = compile_re(pattern);
        if (severity && re) l.severity_if.push_back({*severity, std::move(re)});
    }
    if (auto mm = r.get("MajorMismatch")) {
        auto [a, rest] = split_word(*mm);
        auto [b, sev] = split_word(rest);
        if (auto severity = parse_severity(sev)) {
            l.major_mismatch = RuleLogic::MajorMismatch{std::string(a), std::string(b), *severity};
        }
    }
    for (auto e : r.get_all("Explains")) l.explains.emplace_back(e);
    if (auto wp = r.get("WhenPassed")) l.when_passed = parse_severity(*wp);
    l.only_alone = r.get("OnlyAlone") == "yes";
    if (auto mc = r.get("MinCount")) {
        std::size_t v = 1;
        if (std::from_chars(mc->data(), mc->data() + mc->size(), v).ec == std::errc()) l.min_count = v;
    }
    if (auto al = r.get("AtLeast")) {
        auto [f, num] = split_word(*al);
        double v = 0;
        if (std::from_chars(num.data(), num.data() + num.size(), v).ec == std::errc()) {
            l.at_least = RuleLogic::AtLeast{std::string(f), v};
        }
    }
    if (auto agg = r.get("Aggregate")) l.aggregate_dominant = (*agg == "dominant");
    for (auto t : r.get_all("SummaryTemplate")) l.summary_templates.emplace_back(t);
    for (auto t : r.get_all("FixTemplate")) l.fix_templates.emplace_back(t);
    return l;
}

struct RuleBook::Impl {
    std::map<const Diagnosis*, RuleLogic> logic;
    std::map<std::string, const Diagnosis*, std::less<>> by_name;
    mutable std::mutex extra_mutex;
    mutable std::map<const Diagnosis*, RuleLogic> extra;
};

RuleBook::RuleBook() : m_impl(std::make_shared<Impl>()) {
    for (const Diagnosis* d : Catalogue::builtin().in_domain("log")) {
        m_impl->logic.emplace(d, compile(d));
        m_impl->by_name.emplace(d->name, d);  // first (lowest) code wins
    }
}

const RuleBook& RuleBook::builtin() {
    static const RuleBook book;
    return book;
}

const RuleLogic& RuleBook::logic(const Diagnosis* rule) const {
    if (auto it = m_impl->logic.find(rule); it != m_impl->logic.end()) return it->second;
    // Records made outside the catalogue (tests): compiled on first use. A record at a reused
    // address is another record, so the cached logic must still describe it.
    std::lock_guard lock(m_impl->extra_mutex);
    auto it = m_impl->extra.find(rule);
    if (it != m_impl->extra.end() && it->second.source_fields != rule->record.fields) {
        m_impl->extra.erase(it);
        it = m_impl->extra.end();
    }
    if (it == m_impl->extra.end()) {
        RuleLogic l = compile(rule);
        l.source_fields = rule->record.fields;
        it = m_impl->extra.emplace(rule, std::move(l)).first;
    }
    return it->second;
}

const Diagnosis* RuleBook::by_name(std::string_view name) const {
    auto it = m_impl->by_name.find(name);
    return it == m_impl->by_name.end() ? nullptr : it->second;
}

std::optional<std::string> fill_template(std::string_view tmpl,
                                         const std::vector<std::pair<std::string, std::string>>& facts) {
    std::string out;
    out.reserve(tmpl.size() + 32);
    for (std::size_t i = 0; i < tmpl.size(); ++i) {
        const char c = tmpl[i];
        if (c == '{') {
            const auto close = tmpl.find('}', i);
            if (close == std::string_view::npos) return std::nullopt;
            const auto key = tmpl.substr(i + 1, close - i - 1);
            const std::string* value = nullptr;
            for (const auto& [k, v] : facts) {
                if (k == key && !v.empty()) {
                    value = &v;
                    break;
                }
            }
            if (!value) return std::nullopt;
            out += *value;
            i = close;
        } else if (c == '\n') {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::string_view release_for_serialization(int number) {
    // engine-format notes, section 5 (numbers stated or read from real plans).
    switch (number) {
        case 89: case 194: return "7.0";
        case 97: case 211: return "7.1";
        case 96: return "7.2";
        case 205: return "8.2";
        case 213: return "8.4";
        case 232: return "8.5";
        case 236: return "8.6";
        case 226: return "9.1";
        case 228: return "9.2";
        case 237: return "10.0/10.1";
        case 238: return "10.2";
        case 239: return "10.3-10.9";
        case 240: return "10.11";
        case 243: return "11.2";
        case 244: return "11.3";
        default: return "";
    }
}

int compare_versions(std::string_view a, std::string_view b) {
    auto next = [](std::string_view& s) -> long {
        long v = 0;
        bool any = false;
        while (!s.empty() && s.front() >= '0' && s.front() <= '9') {
            v = v * 10 + (s.front() - '0');
            s.remove_prefix(1);
            any = true;
        }
        while (!s.empty() && (s.front() < '0' || s.front() > '9')) s.remove_prefix(1);
        return any ? v : -1;
    };
    while (!a.empty() || !b.empty()) {
        const long x = a.empty() ? 0 : next(a);
        const long y = b.empty() ? 0 : next(b);
        if (x != y) return x < y ? -1 : 1;
    }
    return 0;
}

std::string version_from_tag(std::string_view code) {
    // NV_TENSORRT_VERSION: major*1000 + minor*100 + patch before 10, major*10000 + ... after.
    if (code.size() == 4) {
        const int patch = (code[2] - '0') * 10 + (code[3] - '0');
        return std::string{code[0], '.', code[1], '.'} + std::to_string(patch);
    }
    if (code.size() == 6) {
        auto num = [&](std::size_t at) {
            int v = (code[at] - '0') * 10 + (code[at + 1] - '0');
            return std::to_string(v);
        };
        return num(0) + "." + num(2) + "." + num(4);
    }
    return std::string(code);
}

}  // namespace trtdoctor::log

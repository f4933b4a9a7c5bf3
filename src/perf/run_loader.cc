#include "perf/run_loader.h"

#include "core/input_file.h"
#include "perf/log_reader.h"

namespace trtdoctor::perf {
namespace {

constexpr std::uint64_t k_max_small_json = 512ull << 20;
constexpr std::uint64_t k_max_log = 1ull << 30;

/// Picks element `segment` (1-based; 0 = last) and notes the choice when there are several.
template <class T>
Expected<T> pick(std::vector<T>&& items, std::size_t segment, const std::string& path,
                 const char* what, std::vector<std::string>& notes) {
    if (items.empty()) {
        return ToolError{ErrorCode::invalid_format, path, std::string("no ") + what + " found",
                         std::nullopt, std::nullopt};
    }
    std::size_t index = segment == 0 ? items.size() : segment;
    if (index > items.size()) {
        return ToolError{ErrorCode::usage, path,
                         "--segment " + std::to_string(segment) + " asked, but the file holds " +
                             std::to_string(items.size()) + " " + what + "s",
                         std::nullopt, std::nullopt};
    }
    if (items.size() > 1) {
        notes.push_back(path + " holds " + std::to_string(items.size()) + " " + what +
                        "s back to back; using " + what + " " + std::to_string(index) +
                        " (choose with --segment N)");
    }
    return std::move(items[index - 1]);
}

Expected<std::string> head_of(const std::string& path) {
    if (path == "-") return std::string();
    auto in = InputFile::open(path);
    if (!in) return in.error();
    return in->read_up_to(4096);
}

}  // namespace

Expected<RunData> load_run(const std::vector<std::string>& files, const LoadOptions& options) {
    RunData run;
    run.files = files;
    for (const auto& f : files) run.label += (run.label.empty() ? "" : ",") + f;
    std::optional<Profile> log_profile;
    for (const auto& path : files) {
        auto head = head_of(path);
        if (!head) return head.error();
        FileKind kind = path == "-" ? FileKind::log : sniff_kind(*head);
        switch (kind) {
        case FileKind::log: {
            if (!run.log_path.empty()) {
                return ToolError{ErrorCode::usage, path, "a second log for one run (the first is " + run.log_path + ")",
                                 std::nullopt, std::nullopt};
            }
            auto runs = read_log_file(path, k_max_log);
            if (!runs) return runs.error();
            if (runs->empty()) {
                return ToolError{ErrorCode::invalid_format, path,
                                 "no trtexec run found: no banner, option dump, performance summary or profile",
                                 std::nullopt, std::nullopt};
            }
            auto chosen = pick(std::move(*runs), options.segment, path, "run", run.notes);
            if (!chosen) return chosen.error();
            run.log_path = path;
            run.log = std::move(*chosen);
            break;
        }
        case FileKind::profile_json: {
            auto text = read_small_file(path, k_max_small_json);
            if (!text) return text.error();
            auto profiles = parse_profile_json(*text, path);
            if (!profiles) return profiles.error();
            auto chosen = pick(std::move(*profiles), options.segment, path, "profile array", run.notes);
            if (!chosen) return chosen.error();
            run.profile_path = path;
            run.profile = std::move(*chosen);
            break;
        }
        case FileKind::layer_info_json: {
            auto text = read_small_file(path, k_max_small_json);
            if (!text) return text.error();
            auto info = parse_layer_info_json(*text, path);
            if (!info) return info.error();
            run.layer_info_path = path;
            run.layer_info = std::move(*info);
            break;
        }
        case FileKind::times_json: {
            auto times = read_times_file(path, options.times_window);
            if (!times) return times.error();
            auto chosen = pick(std::move(times->segments), options.segment, path, "timing array", run.notes);
            if (!chosen) return chosen.error();
            run.times_path = path;
            run.times_records = chosen->records;
            run.times_summary = std::move(chosen->summary);
            break;
        }
        case FileKind::other_json:
            return ToolError{ErrorCode::unsupported, path,
                             "JSON that trtdoctor perf does not read (expected a trtexec log, "
                             "--exportProfile, --exportTimes or --exportLayerInfo)",
                             std::nullopt, std::nullopt};
        }
    }
    if (run.log) {
        run.conditions = run.log->conditions;
        run.memory = run.log->memory;
        if (run.log->summary) run.summary = run.log->summary;
        if (!run.profile && run.log->profile) run.profile = run.log->profile;
    }
    if (!run.summary && run.times_summary) run.summary = run.times_summary;
    return run;
}

}  // namespace trtdoctor::perf

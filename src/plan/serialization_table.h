// What a plan's serialization number says about the TensorRT release that wrote it. The
// runtime compares this number first; it changes at most once per minor release, so it names
// a range of releases, not one. Sources are listed in docs/plan-format.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "plan/plan_file.h"

namespace trtdoctor::plan {

struct SerializationEntry {
    Generation generation;
    std::uint32_t number;
    std::string_view range;  ///< e.g. "8.6", "10.3-10.9"
    bool confirmed;          ///< seen in a real plan (false: only reported by others)
};

/// The entry for `number` in `generation` (G1 numbers are a different scale), if known.
std::optional<SerializationEntry> find_serialization(Generation generation, std::uint32_t number);

/// The number a release of `version` writes, if known (used by the plan builder).
std::optional<std::uint32_t> serialization_for(const TrtVersion& version);

/// The layout generation a release of `version` writes: G1 for 7.x, G2 for 8.0-8.5, else G3.
Generation generation_for(const TrtVersion& version);

}  // namespace trtdoctor::plan

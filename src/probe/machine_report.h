// The machine facts written for people (a checklist, like `flutter doctor`) and for programs
// (the "machine" JSON object). Returns text; printing is the caller's business.
#pragma once

#include <string>

#include "probe/machine_facts.h"
#include "report/json_writer.h"
#include "report/output.h"

namespace trtdoctor::probe {

/// "[✓] NVIDIA driver 550.54.15 (CUDA 12.4)" lines with indented details.
std::string format_machine_checklist(const MachineFacts& machine, const Style& style);

/// Writes the machine as one JSON object value (schema in docs/env.md).
void write_machine_json(JsonWriter& w, const MachineFacts& machine);

/// "12.4" from cuDriverGetVersion's 12040.
std::string cuda_version_string(int version);

}  // namespace trtdoctor::probe

// Files compiled into the binary by cmake/Embed.cmake (catalogue records, diagnosis pages).
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace trtdoctor::embedded {

struct EmbeddedFile {
    std::string_view name;      ///< file name without directory, e.g. "TD1001.md"
    std::string_view contents;  ///< whole file
};

/// Catalogue record files (catalogue/*.cat).
std::span<const EmbeddedFile> catalogue_files();
/// Diagnosis pages (docs/diagnoses/*.md).
std::span<const EmbeddedFile> diagnosis_pages();

}  // namespace trtdoctor::embedded

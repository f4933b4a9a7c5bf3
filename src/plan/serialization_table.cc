#include "plan/serialization_table.h"

#include <array>

namespace trtdoctor::plan {
namespace {

constexpr std::array<SerializationEntry, 17> kTable{{
    {Generation::g1, 89, "7.0", true},
    {Generation::g1, 96, "7.2 (reported, not seen)", false},
    {Generation::g1, 97, "7.1", true},
    {Generation::g2, 205, "8.2", true},
    {Generation::g2, 213, "8.4", true},
    {Generation::g2, 232, "8.5", true},
    {Generation::g2, 236, "8.6", true},
    {Generation::g3, 236, "8.6", true},
    {Generation::g3, 226, "9.1 (reported, not seen)", false},
    {Generation::g3, 228, "9.2 (reported, not seen)", false},
    {Generation::g3, 237, "10.0-10.1", true},
    {Generation::g3, 238, "10.2 (guessed, not seen)", false},
    {Generation::g3, 239, "10.3-10.9", true},
    {Generation::g3, 240, "10.11 (reported, not seen)", false},
    {Generation::g3, 243, "11.2 (reported, not seen)", false},
    {Generation::g3, 244, "11.3 (reported, not seen)", false},
    {Generation::g2, 237, "8.5 early access (reported once) or 10.0-10.1", false},
}};

}  // namespace

std::optional<SerializationEntry> find_serialization(Generation generation, std::uint32_t number) {
    for (const auto& e : kTable) {
        if (e.generation == generation && e.number == number) return e;
    }
    return std::nullopt;
}

std::optional<std::uint32_t> serialization_for(const TrtVersion& v) {
    if (v.major == 7 && v.minor == 0) return 89;
    if (v.major == 7 && v.minor == 1) return 97;
    if (v.major == 7 && v.minor == 2) return 96;
    if (v.major == 8 && v.minor == 2) return 205;
    if (v.major == 8 && v.minor == 4) return 213;
    if (v.major == 8 && v.minor == 5) return 232;
    if (v.major == 8 && v.minor == 6) return 236;
    if (v.major == 9 && v.minor == 1) return 226;
    if (v.major == 9 && v.minor == 2) return 228;
    if (v.major == 10 && v.minor <= 1) return 237;
    if (v.major == 10 && v.minor == 2) return 238;
    if (v.major == 10 && v.minor >= 3 && v.minor <= 9) return 239;
    if (v.major == 10 && v.minor == 11) return 240;
    if (v.major == 11 && v.minor == 2) return 243;
    if (v.major == 11 && v.minor == 3) return 244;
    return std::nullopt;
}

Generation generation_for(const TrtVersion& v) {
    if (v.major <= 7) return Generation::g1;
    if (v.major == 8 && v.minor <= 5) return Generation::g2;
    return Generation::g3;
}

}  // namespace trtdoctor::plan

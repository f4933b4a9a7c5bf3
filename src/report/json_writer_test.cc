#include "report/json_writer.h"

#include <gtest/gtest.h>

namespace trtdoctor {
namespace {

TEST(JsonWriterTest, WritesNestedCompactDocuments) {
    std::string out;
    JsonWriter w(out, false);
    w.begin_object().field("a", 1).key("b").begin_array().value("x").null().value(true).end_array();
    w.field("c", std::optional<int>()).key("d").begin_object().end_object().end_object();
    EXPECT_EQ(out, R"({"a":1,"b":["x",null,true],"c":null,"d":{}})");
}

TEST(JsonWriterTest, EscapesControlQuotesAndInvalidUtf8) {
    EXPECT_EQ(json_quote("a\"b\\c\n\x01"), R"("a\"b\\c\n\u0001")");
    EXPECT_EQ(json_quote("\xff"), "\"\xEF\xBF\xBD\"");
}

TEST(JsonWriterTest, NonFiniteNumbersBecomeNull) {
    std::string out;
    JsonWriter w(out, false);
    w.begin_array().value(1.0 / 0.0).value(0.5).end_array();
    EXPECT_EQ(out, "[null,0.5]");
}

}  // namespace
}  // namespace trtdoctor

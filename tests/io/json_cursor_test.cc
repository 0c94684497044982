// JsonCursor (sim/io/json_cursor.h): the strict reader of twsim's own compact
// JSON. Values are checked against the text JsonWriter writes for them and
// against the limits of 64-bit integers, worked by hand.
#include "sim/io/json_cursor.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "sim/io/json_document.h"
#include "sim/io/json_writer.h"

namespace twsim {
namespace {

std::string error_of(const std::string& text, void (*read)(JsonCursor*)) {
  JsonCursor in(text);
  try {
    read(&in);
  } catch (const JsonCursor::Error& e) {
    return e.what();
  }
  return "";
}

TEST(JsonCursorTest, ReadsWhatTheWriterWrites) {
  std::string text;
  JsonWriter w(&text);
  w.begin_object();
  w.key("min");
  w.value(std::numeric_limits<std::int64_t>::min());
  w.key("max");
  w.value(std::numeric_limits<std::int64_t>::max());
  w.key("umax");
  w.value(std::numeric_limits<std::uint64_t>::max());
  w.key("zero");
  w.value(0);
  w.key("yes");
  w.value(true);
  w.key("role");
  w.value("worker");
  w.key("empty");
  w.value("");
  w.end_object();
  JsonCursor in(text);
  in.expect('{');
  in.key("min");
  EXPECT_EQ(in.integer(), std::numeric_limits<std::int64_t>::min());
  in.expect(',');
  in.key("max");
  EXPECT_EQ(in.integer(), std::numeric_limits<std::int64_t>::max());
  in.expect(',');
  in.key("umax");
  EXPECT_EQ(in.unsigned_integer(), std::numeric_limits<std::uint64_t>::max());
  in.expect(',');
  in.key("zero");
  EXPECT_EQ(in.integer(), 0);
  in.expect(',');
  in.key("yes");
  EXPECT_TRUE(in.boolean());
  in.expect(',');
  in.key("role");
  EXPECT_EQ(in.word(), "worker");
  in.expect(',');
  in.key("empty");
  EXPECT_EQ(in.word(), "");
  in.expect('}');
  EXPECT_TRUE(in.at_end());
}

TEST(JsonCursorTest, RefusesIntegersThatAreNotExactlyOneInt64) {
  const auto integer = [](JsonCursor* in) { in->integer(); };
  // 2^63 = 9223372036854775808 fits only negated; 2^64 fits nowhere.
  EXPECT_EQ(error_of("9223372036854775808", integer),
            "expected an integer that fits in 64 bits at byte 0");
  EXPECT_EQ(error_of("-9223372036854775809", integer),
            "expected an integer that fits in 64 bits at byte 1");
  EXPECT_EQ(error_of("18446744073709551616", integer),
            "expected an integer that fits in 64 bits at byte 19");
  EXPECT_EQ(error_of("07", integer), "expected an integer at byte 0");
  EXPECT_EQ(error_of("1e3", integer), "expected an integer at byte 1");
  EXPECT_EQ(error_of("2.0", integer), "expected an integer at byte 1");
  EXPECT_EQ(error_of("-", integer), "expected an integer at byte 1");
  EXPECT_EQ(error_of("\"7\"", integer), "expected an integer at byte 0");
  EXPECT_EQ(error_of("-0", integer), "");
}

TEST(JsonCursorTest, KeysWordsAndLiteralsMustBeExact) {
  EXPECT_EQ(error_of("\"event\":1", [](JsonCursor* in) { in->key("events"); }),
            "expected \"events\" at byte 0");
  EXPECT_EQ(error_of("\"events\" :1", [](JsonCursor* in) { in->key("events"); }),
            "expected \"events\" at byte 0");
  EXPECT_EQ(error_of("\"eve", [](JsonCursor* in) { in->key("events"); }),
            "expected \"events\" at byte 0");
  EXPECT_EQ(error_of("\"a\\\"b\"", [](JsonCursor* in) { in->word(); }),
            "expected a word at byte 2");
  EXPECT_EQ(error_of("\"ab", [](JsonCursor* in) { in->word(); }), "expected '\"' at byte 3");
  EXPECT_EQ(error_of("tru", [](JsonCursor* in) { in->boolean(); }),
            "expected true or false at byte 0");
  EXPECT_EQ(error_of("x", [](JsonCursor* in) { in->expect('{'); }), "expected '{' at byte 0");
}

TEST(JsonCursorTest, ValueTextIsTheWholeValueWhateverItHolds) {
  // A scenario as json_dump writes it: nested, with escapes and brackets
  // inside strings.
  const std::string scenario = json_dump(
      parse_json_document(R"({"a":[1,{"b":"x\"]}"}],"c":"\\","d":null,"e":-1.5e3})", "t"));
  const std::string text = scenario + ",7";
  JsonCursor in(text);
  EXPECT_EQ(in.value_text(), scenario);
  in.expect(',');
  EXPECT_EQ(in.value_text(), "7");
  EXPECT_TRUE(in.at_end());
}

TEST(JsonCursorTest, ValueTextRefusesDeepOrUnclosedValues) {
  const auto value = [](JsonCursor* in) { in->value_text(); };
  const std::string deep(kMaxJsonDepth + 1, '[');
  EXPECT_EQ(error_of(deep, value), "expected nesting of at most " + std::to_string(kMaxJsonDepth) +
                                       " at byte " + std::to_string(kMaxJsonDepth));
  EXPECT_EQ(error_of("[1,2", value), "expected ']' at byte 4");
  EXPECT_EQ(error_of("{\"a\" 1}", value), "expected ':' at byte 4");
  EXPECT_EQ(error_of("\"abc", value), "expected '\"' at byte 4");
  EXPECT_EQ(error_of("", value), "expected a value at byte 0");
}

}  // namespace
}  // namespace twsim

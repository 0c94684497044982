// JsonWriter (sim/io/json_writer.h) against nlohmann's compact dump of the
// same document built as a tree: the second, independent method.
#include "sim/io/json_writer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "sim/io/json_document.h"

namespace twsim {
namespace {

TEST(JsonWriterTest, NestedDocumentIsNlohmannsCompactDump) {
  std::string text;
  JsonWriter w(&text);
  w.begin_object();
  w.key("a");
  w.value(std::numeric_limits<std::int64_t>::min());
  w.key("b");
  w.begin_array();
  w.value(std::numeric_limits<std::uint64_t>::max());
  w.begin_array();
  w.end_array();
  w.begin_object();
  w.end_object();
  w.value(true);
  w.value(false);
  w.value(0);
  w.end_array();
  w.key("c");
  w.begin_object();
  w.key("");
  w.value("");
  w.key("d");
  w.raw("{\"x\":[1,2]}");
  w.end_object();
  w.end_object();

  Json tree = Json::object();
  tree["a"] = std::numeric_limits<std::int64_t>::min();
  tree["b"] = Json::array(
      {std::numeric_limits<std::uint64_t>::max(), Json::array(), Json::object(), true, false, 0});
  tree["c"] = Json::object();
  tree["c"][""] = "";
  tree["c"]["d"] = Json{{"x", {1, 2}}};
  EXPECT_EQ(text, json_dump(tree));
}

TEST(JsonWriterTest, StringsAreEscapedAsNlohmannEscapesThem) {
  for (const std::string& s : {std::string("plain worker"), std::string("q\"uote\\back"),
                               std::string("tab\tnl\ncr\rbs\bff\f"), std::string("\x01\x1f"),
                               std::string("caf\xc3\xa9 \xe2\x80\x94"),
                               std::string("bad \xff byte"), std::string("nul\0in", 6)}) {
    std::string text;
    append_json_string(&text, s);
    EXPECT_EQ(text, json_dump(Json(s))) << s;
  }
}

}  // namespace
}  // namespace twsim

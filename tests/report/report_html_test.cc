// report.html's pieces: escaping (against Python's html.escape), base64
// (against RFC 4648 §10's test vectors), the CSV reader, and the page.
#include "sim/io/report_html.h"

#include <gtest/gtest.h>

#include "sim/io/csv_table.h"
#include "sim/io/input_error.h"

namespace twsim {
namespace {

TEST(HtmlEscape, EscapesTheFiveCharactersAsPythonsHtmlEscapeDoes) {
  // python3 -c 'import html; print(html.escape("<a href=\"x\">Tom & Jerry'"'"'s</a>"))'
  EXPECT_EQ(html_escape("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#x27;s&lt;/a&gt;");
  EXPECT_EQ(html_escape("plain 1.5 µs"), "plain 1.5 µs");
}

TEST(Base64, MatchesRfc4648TestVectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  // High bytes: 0xff 0xfe 0xfd -> 111111 111111 111011 111101.
  EXPECT_EQ(base64_encode("\xff\xfe\xfd"), "//79");
}

TEST(CsvTable, ReadsQuotedFieldsAsCsvFieldWritesThem) {
  const CsvTable t = parse_csv("a,b,c\n\"x,1\",\"say \"\"hi\"\"\",\n\"two\nlines\",2,3\n", "t.csv");
  ASSERT_EQ(t.header, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0], (std::vector<std::string>{"x,1", "say \"hi\"", ""}));
  EXPECT_EQ(t.rows[1], (std::vector<std::string>{"two\nlines", "2", "3"}));
  EXPECT_EQ(t.column("c"), 2u);
  EXPECT_FALSE(t.column("d"));
}

TEST(CsvTable, RejectsRaggedRowsAndOpenQuotes) {
  try {
    parse_csv("a,b\n1,2,3\n", "t.csv");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "t.csv: row 1 has 3 fields, the header 2");
  }
  EXPECT_THROW(parse_csv("a,b\n\"1,2\n", "t.csv"), InputError);
  EXPECT_THROW(parse_csv("", "t.csv"), InputError);
}

ReportPage hostile_page() {
  ReportPage page;
  page.name = "x<script>alert(1)</script>";
  page.question = "Does <b>it</b> & \"that\" lock up?";
  page.summary = {"summary-table", {"point", "alg<o>"}, {{"0", "old"}, {"1", "new&"}}};
  page.images = {{"a\"b.png", "\x89PNG\r\n\x1a\n"}};
  page.explain_text = "CPU 3 <spun>";
  page.provenance = {{"host", "h<1>"}};
  return page;
}

TEST(ReportHtml, EscapesEverythingFromFiles) {
  const std::string html = report_html(hostile_page());
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find("x&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("Does &lt;b&gt;it&lt;/b&gt; &amp; &quot;that&quot; lock up?"),
            std::string::npos);
  EXPECT_NE(html.find("<th>alg&lt;o&gt;</th>"), std::string::npos);
  EXPECT_NE(html.find("<td>new&amp;</td>"), std::string::npos);
  EXPECT_NE(html.find("alt=\"a&quot;b.png\""), std::string::npos);
  EXPECT_NE(html.find("CPU 3 &lt;spun&gt;"), std::string::npos);
  EXPECT_NE(html.find("<td>h&lt;1&gt;</td>"), std::string::npos);
}

TEST(ReportHtml, EmbedsImagesAsDataUrisAndFetchesNothing) {
  const std::string html = report_html(hostile_page());
  // base64 of the 8-byte PNG signature (RFC 4648 alphabet, by hand).
  EXPECT_NE(html.find("<img src=\"data:image/png;base64,iVBORw0KGgo=\""), std::string::npos);
  for (const char* external : {"http:", "https:", "<link", "@import", "url("}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
  EXPECT_EQ(html.find("id=\"ratios\""), std::string::npos);  // no rows: no section
  EXPECT_NE(html.find("<table id=\"summary-table\">"), std::string::npos);
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n"));
  EXPECT_TRUE(html.ends_with("</html>\n"));
}

}  // namespace
}  // namespace twsim

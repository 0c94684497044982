// `twsim report DIR` end to end: on a real run of a tiny config with a
// hostile description, the page has the question escaped, the summary table,
// every PNG of the directory as a data: URI, the explanation and provenance;
// anything that is not a results directory is one line and exit 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "tests/cli/cli_test_util.h"

namespace twsim {
namespace {

// A 1x1 PNG and its base64 (python3: base64.b64encode(open(f, "rb").read())).
constexpr std::string_view kPng{
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00"
    "\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0d\x49\x44\x41\x54\x78\xda\x63"
    "\x64\x60\xf8\x5f\x0f\x00\x02\x87\x01\x80\xeb\x47\xba\x92\x00\x00\x00\x00\x49\x45\x4e\x44"
    "\xae\x42\x60\x82",
    70};
constexpr const char* kPngDataUri =
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg"
    "==";

void write(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

class ReportTest : public CliTest {
 protected:
  ReportTest() : CliTest("report", "--quiet") {}

  // cli_tiny.json renamed, with markup in its description.
  std::string hostile_config() {
    std::string text = slurp(test_data("cli_tiny.json"));
    text =
        std::regex_replace(text, std::regex("\"name\": \"cli_tiny\""), "\"name\": \"report_tiny\"");
    text = std::regex_replace(
        text, std::regex("\"description\": \"[^\"]*\""),
        R"("description": "Does <b>it</b> & \"that\" lock up? </pre><script>x</script>")");
    write(out("hostile.json"), text);
    return out("hostile.json");
  }
};

TEST_F(ReportTest, WritesTheWholePageEscaped) {
  ASSERT_EQ(twsim("run '" + hostile_config() + "' --quiet -o '" + out("r") + "'").status, 0);
  write(out("r/b_plot.png"), kPng);
  write(out("r/a_plot.png"), kPng);
  write(out("r/.staged.png"), kPng);         // a temporary: not a plot
  write(out("r/notes.png"), "not a png\n");  // warned about, left out
  const CliResult r = twsim("report '" + out("r") + "'");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("report: " + out("r") + "/report.html (2 plots, ")) << r.out;
  EXPECT_EQ(r.err, "twsim: warning: report: " + out("r") +
                       "/notes.png: not a readable PNG; left "
                       "out\n");
  const std::string html = slurp(out("r/report.html"));

  // The question, escaped; no markup from the file survives.
  EXPECT_NE(html.find("Does &lt;b&gt;it&lt;/b&gt; &amp; &quot;that&quot; lock up? "
                      "&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;"),
            std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<b>it"), std::string::npos);

  // Every PNG, by name, as a data: URI; nothing else.
  EXPECT_EQ(count(html, "<img "), 2u);
  EXPECT_EQ(count(html, std::string("<img src=\"") + kPngDataUri + "\""), 2u);
  EXPECT_LT(html.find("alt=\"a_plot.png\""), html.find("alt=\"b_plot.png\""));

  // The summary: a header and 2 points x 2 algorithms.
  const std::size_t table = html.find("<table id=\"summary-table\">");
  ASSERT_NE(table, std::string::npos);
  const std::string summary = html.substr(table, html.find("</table>", table) - table);
  EXPECT_EQ(count(summary, "<tr>"), 5u);
  EXPECT_NE(summary.find("<td>0</td><td>2</td><td>old</td><td>2</td>"), std::string::npos);
  EXPECT_NE(html.find("<table id=\"ratios-table\">"), std::string::npos);

  // The explanation, as `twsim explain` words it.
  EXPECT_NE(html.find("<pre>== report_tiny, point "), std::string::npos);

  // Provenance as results.json has it.
  const std::string results = slurp(out("r/results.json"));
  std::smatch m;
  for (const char* key : {"git_commit", "config_hash", "source_hash"}) {
    ASSERT_TRUE(
        std::regex_search(results, m, std::regex(std::string("\"") + key + "\": \"([^\"]+)\"")))
        << key;
    EXPECT_NE(html.find(m[1].str()), std::string::npos) << key;
  }
  EXPECT_NE(html.find("<tr><th>config file</th><td>" + out("hostile.json") + "</td></tr>"),
            std::string::npos);

  // Deterministic: a second report is the same page.
  ASSERT_EQ(twsim("report '" + out("r") + "'").status, 0);
  EXPECT_EQ(slurp(out("r/report.html")), html);
}

TEST_F(ReportTest, AnythingButAResultsDirectoryIsOneLineAndExit2) {
  std::filesystem::create_directories(out("empty"));
  EXPECT_TRUE(is_bad_input(twsim("report '" + out("empty") + "'"),
                           "twsim: error: report: " + out("empty") +
                               ": not a twsim results directory (no results.json)\n"));
  EXPECT_TRUE(is_bad_input(twsim("report '" + out("missing") + "'"),
                           "twsim: error: report: " + out("missing") + ": not a directory\n"));
  write(out("empty/results.json"), "{\"twsim\": 1");
  EXPECT_TRUE(is_bad_input(twsim("report '" + out("empty") + "'"),
                           "twsim: error: report: " + out("empty") +
                               "/results.json: not a twsim results.json (not valid JSON)\n"));
  ASSERT_EQ(run_into("r").status, 0);
  write(out("r/summary.csv"), "point,algorithm\n0\n");
  EXPECT_TRUE(is_bad_input(
      twsim("report '" + out("r") + "'"),
      "twsim: error: report: " + out("r") + "/summary.csv: row 1 has 1 fields, the header 2\n"));
  EXPECT_FALSE(std::filesystem::exists(out("r/report.html")));
  EXPECT_TRUE(is_bad_input(twsim("report"),
                           "twsim: error: report: missing DIR; usage: twsim report DIR\n"));
}

}  // namespace
}  // namespace twsim

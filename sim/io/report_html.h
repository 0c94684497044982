// report.html: one self-contained page per results directory (`twsim
// report`): the experiment's question, its summary table, every plot as a
// data: URI (RFC 2397), the explanation of its most interesting run, and
// provenance. Plain HTML with an inline style sheet: no script, nothing
// fetched, so it opens offline, mails as one file and prints.
#ifndef TWSIM_IO_REPORT_HTML_H_
#define TWSIM_IO_REPORT_HTML_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace twsim {

// Text made safe for HTML element content and double-quoted attribute values:
// & < > " ' as character references (HTML Living Standard §13.1.4; the five
// that Python's html.escape replaces).
std::string html_escape(std::string_view text);

// RFC 4648 §4 base64 with '=' padding, no line breaks.
std::string base64_encode(std::string_view bytes);

struct ReportTable {
  std::string id;  // the element id: "summary-table"
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

struct ReportImage {
  std::string file_name;  // "p_lockup_vs_cpus.png", shown as its caption
  std::string png;        // the file's bytes
};

struct ReportPage {
  std::string name;          // the experiment's name
  std::string question;      // the config's description
  std::string summary_note;  // how to read the summary table
  ReportTable summary;
  ReportTable ratios;  // no rows: the section is left out
  std::vector<ReportImage> images;
  std::string explain_note;  // which run is explained, and why that one
  std::string explain_text;  // `twsim explain`'s words
  std::vector<std::pair<std::string, std::string>> provenance;  // (what, value)
};

// The page. Every string of `page` is escaped; nothing in it is markup.
std::string report_html(const ReportPage& page);

}  // namespace twsim

#endif  // TWSIM_IO_REPORT_HTML_H_

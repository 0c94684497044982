#include "sim/io/report_html.h"

#include <cstdint>

namespace twsim {
namespace {

// Readable on screen and on paper; no fonts or files fetched.
constexpr const char* kStyle = R"(
body { font-family: sans-serif; line-height: 1.4; max-width: 72em; margin: 1.5em auto;
       padding: 0 1em; color: #111; background: #fff; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 1.6em; }
table { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0; }
th, td { border: 1px solid #999; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; }
td { white-space: nowrap; }
figure { margin: 1em 0; break-inside: avoid; }
figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
figcaption { font-family: monospace; font-size: 0.9em; }
pre { white-space: pre-wrap; background: #f6f6f6; border: 1px solid #ddd; padding: 0.6em; }
@media print { body { max-width: none; margin: 0; } h2 { break-after: avoid; }
               tr { break-inside: avoid; } }
)";

void table_html(std::string& out, const ReportTable& t) {
  out += "<table id=\"" + html_escape(t.id) + "\">\n<thead><tr>";
  for (const std::string& h : t.header) out += "<th>" + html_escape(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (const std::string& cell : row) out += "<td>" + html_escape(cell) + "</td>";
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#x27;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string base64_encode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                            static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1]))
                                << 8 |
                            static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
    out += kAlphabet[v & 63];
  }
  const std::size_t left = bytes.size() - i;
  if (left > 0) {
    std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (left == 2) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += left == 2 ? kAlphabet[v >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

std::string report_html(const ReportPage& page) {
  const std::string name = html_escape(page.name);
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>twsim report: " + name + "</title>\n<style>" + kStyle + "</style>\n";
  out += "</head>\n<body>\n<h1>twsim report: " + name + "</h1>\n";

  out += "<section id=\"question\">\n<h2>The question</h2>\n<p>" + html_escape(page.question) +
         "</p>\n</section>\n";

  out +=
      "<section id=\"summary\">\n<h2>Summary</h2>\n<p>" + html_escape(page.summary_note) + "</p>\n";
  table_html(out, page.summary);
  out += "</section>\n";

  if (!page.ratios.rows.empty()) {
    out += "<section id=\"ratios\">\n<h2>Old over new, replication by replication</h2>\n";
    out +=
        "<p>ratios.csv: the geometric mean of the per-replication ratios (both algorithms see "
        "the same random numbers in the same replication) with its 95% interval.</p>\n";
    table_html(out, page.ratios);
    out += "</section>\n";
  }

  out += "<section id=\"plots\">\n<h2>Plots</h2>\n";
  if (page.images.empty()) {
    out +=
        "<p>No plots in this directory: draw them with <code>scripts/plot.sh DIR</code>, then "
        "run <code>twsim report DIR</code> again.</p>\n";
  }
  for (const ReportImage& image : page.images) {
    const std::string file = html_escape(image.file_name);
    out += "<figure>\n<img src=\"data:image/png;base64," + base64_encode(image.png) + "\" alt=\"" +
           file + "\">\n<figcaption>" + file + "</figcaption>\n</figure>\n";
  }
  out += "</section>\n";

  out += "<section id=\"explain\">\n<h2>The most interesting run, explained</h2>\n<p>" +
         html_escape(page.explain_note) + "</p>\n<pre>" + html_escape(page.explain_text) +
         "</pre>\n</section>\n";

  out += "<section id=\"provenance\">\n<h2>Provenance</h2>\n<table id=\"provenance-table\">\n";
  for (const auto& [what, value] : page.provenance) {
    out += "<tr><th>" + html_escape(what) + "</th><td>" + html_escape(value) + "</td></tr>\n";
  }
  out += "</table>\n</section>\n</body>\n</html>\n";
  return out;
}

}  // namespace twsim

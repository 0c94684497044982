#include "sim/io/number_format.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace twsim {
namespace {

template <typename T>
void append_padded(std::string* out, T v, int width, char fill) {
  char digits[24];
  const char* end = std::to_chars(digits, digits + sizeof digits, v).ptr;
  const auto n = static_cast<int>(end - digits);
  if (n < width) out->append(static_cast<std::size_t>(width - n), fill);
  out->append(digits, static_cast<std::size_t>(end - digits));
}

}  // namespace

void append_decimal(std::string* out, std::int64_t v, int width, char fill) {
  append_padded(out, v, width, fill);
}

void append_decimal(std::string* out, std::uint64_t v, int width, char fill) {
  append_padded(out, v, width, fill);
}

std::string format_int(std::int64_t v) { return std::to_string(v); }

std::string format_double(double v) {
  if (!std::isfinite(v)) return "";
  if (v == 0) v = 0;  // -0 -> 0
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

std::string format_decimal(double v) {
  std::string text = format_double(v);
  if (text.find('e') == std::string::npos) return text;
  // Rounded to nine significant digits first, so that both forms agree.
  const double rounded = std::strtod(text.c_str(), nullptr);
  const int exponent = static_cast<int>(std::floor(std::log10(std::fabs(rounded))));
  const int decimals = exponent >= 8 ? 0 : 8 - exponent;
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, rounded);
  text = buf;
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

double printed_double(double v) {
  if (!std::isfinite(v)) return std::numeric_limits<double>::quiet_NaN();
  return std::strtod(format_double(v).c_str(), nullptr);
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string param_display(std::string_view json_text) {
  if (json_text.size() < 2 || json_text.front() != '"' || json_text.back() != '"') {
    return std::string(json_text);
  }
  std::string out;
  for (std::size_t i = 1; i + 1 < json_text.size(); ++i) {
    char c = json_text[i];
    if (c == '\\' && i + 2 < json_text.size()) {
      c = json_text[++i];
      if (c == 'n') c = '\n';
      if (c == 't') c = '\t';
    }
    out += c;
  }
  return out;
}

std::string swept_value(const Point& point, std::string_view key) {
  for (const auto& [k, v] : point.params) {
    if (k == key) return param_display(v);
  }
  return "";
}

}  // namespace twsim

// How every number in twsim's result files is printed, so that the same
// values always give the same bytes: integers in full ("%lld"); doubles with
// nine significant digits ("%.9g": exact for integers below 1e9 and for
// nanosecond means up to a second, while hiding last-bit libm differences);
// NaN and infinities, which mean "undefined", as an empty string (an empty
// CSV cell) or JSON null. Negative zero prints as "0".
#ifndef TWSIM_IO_NUMBER_FORMAT_H_
#define TWSIM_IO_NUMBER_FORMAT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/scenario/config.h"

namespace twsim {

std::string format_int(std::int64_t v);
// The same appended to *out, right-aligned in `width` characters filled
// with `fill` ("%5llu" is fill ' ', "%06llu" is '0'), without a string made.
void append_decimal(std::string* out, std::int64_t v, int width = 0, char fill = ' ');
void append_decimal(std::string* out, std::uint64_t v, int width = 0, char fill = ' ');
inline void append_decimal(std::string* out, int v, int width = 0, char fill = ' ') {
  append_decimal(out, static_cast<std::int64_t>(v), width, fill);
}

// "%.9g", or "" if v is not finite.
std::string format_double(double v);

// The same nine significant digits as format_double, never in exponent
// form, for CSV cells that R and pandas must read as plain decimals:
// 3.08e+10 -> "30800000000", 1.5e-07 -> "0.00000015"; "" if v is not finite.
std::string format_decimal(double v);

// v rounded to what format_double prints (NaN stays NaN), for JSON output
// that must agree with the CSVs.
double printed_double(double v);

// One CSV field (RFC 4180): quoted, with quotes doubled, only if it holds a
// comma, a quote or a line break.
std::string csv_field(std::string_view text);

// A swept value as written in a CSV cell or the terminal: the JSON text of
// Point::params, with a JSON string's quotes and escapes removed
// ("\"uniform\"" -> "uniform"); numbers and other values unchanged.
std::string param_display(std::string_view json_text);

// param_display of `point`'s value for swept key `key`; "" if it has none.
std::string swept_value(const Point& point, std::string_view key);

}  // namespace twsim

#endif  // TWSIM_IO_NUMBER_FORMAT_H_

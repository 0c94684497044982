#include "sim/io/json_cursor.h"

#include <limits>

#include "sim/io/json_document.h"

namespace twsim {

void JsonCursor::fail(const std::string& expected) const {
  throw Error("expected " + expected + " at byte " + std::to_string(pos_));
}

bool JsonCursor::consume(char c) {
  if (pos_ < text_.size() && text_[pos_] == c) {
    ++pos_;
    return true;
  }
  return false;
}

void JsonCursor::expect(char c) {
  if (!consume(c)) fail(std::string("'") + c + "'");
}

void JsonCursor::key(std::string_view name) {
  const std::size_t n = name.size();
  if (text_.size() - pos_ < n + 3 || text_[pos_] != '"' || text_.substr(pos_ + 1, n) != name ||
      text_[pos_ + 1 + n] != '"' || text_[pos_ + 2 + n] != ':') {
    fail("\"" + std::string(name) + "\"");
  }
  pos_ += n + 3;
}

std::uint64_t JsonCursor::unsigned_integer() {
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  const std::size_t start = pos_;
  std::uint64_t v = 0;
  while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
    const auto digit = static_cast<std::uint64_t>(text_[pos_] - '0');
    if (v > (kMax - digit) / 10) fail("an integer that fits in 64 bits");
    v = v * 10 + digit;
    ++pos_;
  }
  // JSON has no leading zeros; the writer never adds a fraction or exponent.
  const std::size_t digits = pos_ - start;
  if (digits == 0 || (digits > 1 && text_[start] == '0')) {
    pos_ = start;
    fail("an integer");
  }
  if (pos_ < text_.size() && (text_[pos_] == '.' || text_[pos_] == 'e' || text_[pos_] == 'E')) {
    fail("an integer");
  }
  return v;
}

std::int64_t JsonCursor::integer() {
  const bool negative = consume('-');
  const std::size_t start = pos_;
  const std::uint64_t magnitude = unsigned_integer();
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (magnitude > kMax + (negative ? 1 : 0)) {
    pos_ = start;
    fail("an integer that fits in 64 bits");
  }
  if (!negative) return static_cast<std::int64_t>(magnitude);
  // -(2^63) has no positive twin: negate in unsigned arithmetic.
  return static_cast<std::int64_t>(0 - magnitude);
}

bool JsonCursor::boolean() {
  if (text_.substr(pos_, 4) == "true") {
    pos_ += 4;
    return true;
  }
  if (text_.substr(pos_, 5) == "false") {
    pos_ += 5;
    return false;
  }
  fail("true or false");
}

std::string_view JsonCursor::word() {
  expect('"');
  const std::size_t start = pos_;
  while (pos_ < text_.size() && text_[pos_] != '"') {
    if (text_[pos_] == '\\' || static_cast<unsigned char>(text_[pos_]) < 0x20) fail("a word");
    ++pos_;
  }
  const std::string_view w = text_.substr(start, pos_ - start);
  expect('"');
  return w;
}

void JsonCursor::skip_string() {
  expect('"');
  while (pos_ < text_.size() && text_[pos_] != '"') {
    if (static_cast<unsigned char>(text_[pos_]) < 0x20) fail("a string");
    // An escape's next byte is never the closing quote.
    pos_ += text_[pos_] == '\\' ? 2 : 1;
  }
  expect('"');
}

void JsonCursor::skip_value(int depth) {
  if (pos_ >= text_.size()) fail("a value");
  const char c = text_[pos_];
  if (c == '"') return skip_string();
  if (c == '{' || c == '[') {
    if (depth >= kMaxJsonDepth) fail("nesting of at most " + std::to_string(kMaxJsonDepth));
    const char close = c == '{' ? '}' : ']';
    ++pos_;
    if (consume(close)) return;
    do {
      if (c == '{') {
        skip_string();
        expect(':');
      }
      skip_value(depth + 1);
    } while (consume(','));
    return expect(close);
  }
  // A number or a literal: the bytes up to the next delimiter.
  const std::size_t start = pos_;
  while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '}' && text_[pos_] != ']') {
    ++pos_;
  }
  if (pos_ == start) fail("a value");
}

std::string_view JsonCursor::value_text() {
  const std::size_t start = pos_;
  skip_value(0);
  return text_.substr(start, pos_ - start);
}

}  // namespace twsim

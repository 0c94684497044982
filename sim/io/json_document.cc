#include "sim/io/json_document.h"

#include <cmath>
#include <cstddef>
#include <cstdio>
#include <set>
#include <utility>
#include <vector>

#include "sim/io/input_error.h"

namespace twsim {
namespace {

constexpr std::size_t kMaxMessageValue = 200;  // characters of a value quoted in a message

// 1-based line and column (in bytes) of byte `offset` of `text`.
std::pair<int, int> line_and_column(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(offset - line_start) + 1};
}

// The offset of the first '[' or '{' nested deeper than `max_depth`, if any.
// A linear scan that only needs to tell strings from structure; syntax errors
// are left to the parser.
std::optional<std::size_t> too_deep_at(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

struct DuplicateKey {
  std::string pointer;
};

// Watches the parser's events to find a key repeated within one object,
// tracking the pointer of the value being parsed. nlohmann would keep the last
// value silently; a config with two "machine" sections is a mistake.
class DuplicateKeyCheck {
 public:
  bool operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
    using E = Json::parse_event_t;
    switch (event) {
      case E::object_start:
      case E::array_start:
        frames_.push_back(Frame{event == E::object_start, {}, 0, {}});
        break;
      case E::key: {
        Frame& f = frames_.back();
        f.key = parsed.get<std::string>();
        if (!f.keys.insert(f.key).second) throw DuplicateKey{pointer()};
        break;
      }
      case E::object_end:
      case E::array_end:
        frames_.pop_back();
        element_done();
        break;
      case E::value:
        element_done();
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool object;
    std::string key;    // objects: the key being parsed
    std::size_t index;  // arrays: the element being parsed
    std::set<std::string> keys;
  };

  void element_done() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
  }

  std::string pointer() const {
    std::string p;
    for (const Frame& f : frames_) {
      p += "/" + (f.object ? pointer_token(f.key) : std::to_string(f.index));
    }
    return p;
  }

  std::vector<Frame> frames_;
};

// nlohmann's "[json.exception.parse_error.101] parse error at line 1, column
// 9: syntax error while parsing object - unexpected '}'; expected string
// literal" -> "unexpected '}'; expected string literal".
std::string parse_problem(const std::string& what) {
  std::string rest = what;
  const std::size_t column = rest.find(", column ");
  if (column != std::string::npos) {
    const std::size_t colon = rest.find(": ", column);
    if (colon != std::string::npos) rest = rest.substr(colon + 2);
  }
  if (rest.rfind("syntax error while parsing ", 0) == 0) {
    const std::size_t dash = rest.find(" - ");
    if (dash != std::string::npos) rest = rest.substr(dash + 3);
  }
  return printable(rest);
}

// The length of the well-formed UTF-8 sequence at s[i], or 0 if there is none.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
  };
  const unsigned c = byte(0);
  const auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return byte(k) >= lo && byte(k) <= hi;
  };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  if (c >= 0xE1 && c <= 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (c == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

bool blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

Json parse_json_document(std::string_view text, const std::string& file) {
  // nlohmann stops at a NUL byte as if the input ended there, which would
  // silently drop whatever follows it.
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    const auto [line, column] = line_and_column(text, nul);
    throw InputError(file, line, column, "parse error: unexpected NUL byte");
  }
  if (const std::optional<std::size_t> at = too_deep_at(text, kMaxJsonDepth)) {
    const auto [line, column] = line_and_column(text, *at);
    throw InputError(
        file, line, column,
        "parse error: nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  }
  try {
    return Json::parse(text.begin(), text.end(), DuplicateKeyCheck());
  } catch (const DuplicateKey& d) {
    throw InputError(file, printable(d.pointer), "duplicate key");
  } catch (const Json::parse_error& e) {
    // e.byte counts the bytes read, the offending one included.
    const auto [line, column] = line_and_column(text, e.byte == 0 ? 0 : e.byte - 1);
    const std::string problem =
        blank(text) ? "the file is empty; expected a JSON object" : parse_problem(e.what());
    throw InputError(file, line, column, "parse error: " + problem);
  } catch (const Json::out_of_range& e) {
    // 406 "number overflow parsing '1e400'" carries no position: find the
    // number in the text.
    const std::string what = e.what();
    const std::size_t open = what.find('\''), close = what.rfind('\'');
    std::string number = open < close ? what.substr(open + 1, close - open - 1) : "";
    const std::size_t at = number.empty() ? std::string_view::npos : text.find(number);
    const auto [line, column] = line_and_column(text, at == std::string_view::npos ? 0 : at);
    throw InputError(file, line, column,
                     "parse error: number out of range, got " + printable(number));
  }
}

std::optional<Json> try_parse_json(std::string_view text) {
  if (too_deep_at(text, kMaxJsonDepth) || text.find('\0') != std::string_view::npos) {
    return std::nullopt;
  }
  try {
    return Json::parse(text.begin(), text.end(), DuplicateKeyCheck());
  } catch (...) {  // parse_error, out_of_range (number overflow), DuplicateKey
    return std::nullopt;
  }
}

std::string json_dump(const Json& v) {
  return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string json_text(const Json& v) {
  if (v.is_number_float() && !std::isfinite(v.get<double>())) {
    const double d = v.get<double>();
    return std::isnan(d) ? "nan" : d > 0 ? "inf" : "-inf";
  }
  std::string s = json_dump(v);
  if (s.size() <= kMaxMessageValue) return s;
  std::size_t cut = kMaxMessageValue - 3;
  // Do not split a UTF-8 sequence: back up over continuation bytes.
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "...";
}

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = utf8_length(s, i);
    if (n == 0 || c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
      ++i;
    } else {
      out += s.substr(i, n);
      i += n;
    }
  }
  return out;
}

void erase_member(Json* object, const std::string& key) {
  if (!object->is_object() || !object->contains(key)) return;
  Json kept = Json::object();
  for (const auto& [k, v] : object->items()) {
    if (k != key) kept[k] = v;
  }
  *object = std::move(kept);
}

std::string pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (const char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace twsim

#include "sim/io/json_writer.h"

#include "sim/io/json_document.h"
#include "sim/io/number_format.h"

namespace twsim {
namespace {

// Plain ASCII without quotes, backslashes or control characters: written as it is.
bool plain(std::string_view s) {
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x80 || c == '"' || c == '\\') return false;
  }
  return true;
}

}  // namespace

void append_json_string(std::string* out, std::string_view s) {
  if (plain(s)) {
    out->push_back('"');
    out->append(s);
    out->push_back('"');
    return;
  }
  // Anything else (escapes, UTF-8, invalid bytes) the way json_dump writes it.
  out->append(json_dump(Json(std::string(s))));
}

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (first_.empty()) return;
  if (!first_.back()) out_->push_back(',');
  first_.back() = false;
}

void JsonWriter::open(char c) {
  separate();
  out_->push_back(c);
  first_.push_back(true);
}

void JsonWriter::close(char c) {
  first_.pop_back();
  out_->push_back(c);
}

void JsonWriter::key(std::string_view name) {
  separate();
  append_json_string(out_, name);
  out_->push_back(':');
  after_key_ = true;
}

void JsonWriter::value(std::int64_t v) {
  separate();
  append_decimal(out_, v);
}

void JsonWriter::value(std::uint64_t v) {
  separate();
  append_decimal(out_, v);
}

void JsonWriter::value(bool v) {
  separate();
  out_->append(v ? "true" : "false");
}

void JsonWriter::value(std::string_view s) {
  separate();
  append_json_string(out_, s);
}

void JsonWriter::raw(std::string_view json) {
  separate();
  out_->append(json);
}

}  // namespace twsim

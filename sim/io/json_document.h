// JSON text in and out for sim/io's experiment reader: the one header of the
// reader that includes nlohmann/json (the model and the CLI never see it).
// Parsing is hardened for hostile input: nesting is bounded before nlohmann
// builds anything, duplicate keys are errors rather than silently overwritten,
// and every failure is an InputError with a position.
#ifndef TWSIM_IO_JSON_DOCUMENT_H_
#define TWSIM_IO_JSON_DOCUMENT_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace twsim {

// Insertion-ordered, so that the user's order of sweep keys (which sets the
// order of the points) survives parsing.
using Json = nlohmann::ordered_json;

// Arrays and objects nested deeper than this are rejected: nlohmann's dump,
// copy and compare recurse, so unbounded depth could overflow the stack.
inline constexpr int kMaxJsonDepth = 64;

// Parses a whole document. Throws InputError: "FILE:LINE:COL: parse error:
// ..." for bad syntax, a NUL byte, too deep nesting or a number out of double
// range, and
// "FILE: /pointer: duplicate key" for a key given twice in one object.
Json parse_json_document(std::string_view text, const std::string& file);

// The value `text` holds if it is exactly one valid JSON value (with the same
// limits as parse_json_document), else nullopt. Never throws.
std::optional<Json> try_parse_json(std::string_view text);

// `v` as written in a message: compact JSON, non-finite numbers as inf/nan,
// bytes that are not UTF-8 replaced, cut to about 200 characters with "...".
std::string json_text(const Json& v);

// `v` as compact JSON in full (invalid UTF-8 replaced).
std::string json_dump(const Json& v);

// `s` with control characters and bytes that are not UTF-8 written as \xNN,
// so that a message stays one printable line.
std::string printable(std::string_view s);

// Removes member `key` from `object` if it has one. Use this, not
// Json::erase: in nlohmann 3.11.2 with JSON_DIAGNOSTICS, ordered_json's erase
// leaves the moved members without their parent link and trips an assertion.
void erase_member(Json* object, const std::string& key);

// The JSON pointer token for object key `key` ("~" -> "~0", "/" -> "~1").
std::string pointer_token(std::string_view key);

}  // namespace twsim

#endif  // TWSIM_IO_JSON_DOCUMENT_H_

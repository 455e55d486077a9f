// JsonNode: a parsed JSON document that keeps what Connect's JSON converter needs and
// nlohmann::json loses: numbers as their exact source text (a DECIMAL(38,10) or an
// unsigned 64-bit value must survive the round trip) and object members in document order.
//
// Thread-safety: a plain value; share read-only or copy.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace tributary::converters {

class JsonNode {
 public:
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };

  // Parses one JSON document (RFC 8259); trailing non-space text is an error. Errors name
  // the byte offset and what was expected there.
  static Result<JsonNode> Parse(std::string_view text);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_number() const { return kind_ == Kind::kNumber; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_object() const { return kind_ == Kind::kObject; }
  bool is_array() const { return kind_ == Kind::kArray; }
  bool bool_value() const { return bool_; }
  // The decoded string, or the number exactly as written.
  const std::string& text() const { return text_; }
  // True when a number has no fraction and no exponent.
  bool is_integral() const;
  const std::vector<JsonNode>& items() const { return items_; }
  const std::vector<std::pair<std::string, JsonNode>>& members() const { return members_; }
  // The member named `key` of an object, or nullptr.
  const JsonNode* Find(std::string_view key) const;
  // Compact JSON text of this node (numbers as written, members in document order).
  std::string Dump() const;
  // "null", "boolean", "number", "string", "array" or "object", for error messages.
  std::string_view KindName() const;

 private:
  friend class JsonParser;
  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  std::string text_;
  std::vector<JsonNode> items_;
  std::vector<std::pair<std::string, JsonNode>> members_;
};

}  // namespace tributary::converters

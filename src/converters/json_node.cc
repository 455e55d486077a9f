#include "converters/json_node.h"

#include <cctype>
#include <cstdint>

#include "converters/json_text.h"

namespace tributary::converters {

class JsonParser {
 public:
  explicit JsonParser(std::string_view text) : text_(text) {}

  Result<JsonNode> ParseDocument() {
    JsonNode root;
    TRIB_RETURN_IF_ERROR(ParseValue(&root, 0));
    SkipSpace();
    if (pos_ != text_.size()) return Error("end of document");
    return root;
  }

 private:
  static constexpr int kMaxDepth = 512;

  Status Error(std::string_view expected) const {
    return Status::Corruption("invalid JSON at byte offset {}: expected {}", pos_, expected);
  }

  void SkipSpace() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }

  bool Consume(std::string_view literal) {
    if (text_.substr(pos_, literal.size()) != literal) return false;
    pos_ += literal.size();
    return true;
  }

  Status ParseValue(JsonNode* node, int depth) {
    if (depth > kMaxDepth) return Error("less deeply nested data");
    SkipSpace();
    if (pos_ >= text_.size()) return Error("a value");
    char c = text_[pos_];
    switch (c) {
      case '{': return ParseObject(node, depth);
      case '[': return ParseArray(node, depth);
      case '"':
        node->kind_ = JsonNode::Kind::kString;
        return ParseString(&node->text_);
      case 't':
      case 'f':
        if (Consume("true")) {
          node->kind_ = JsonNode::Kind::kBool;
          node->bool_ = true;
          return Status::OK();
        }
        if (Consume("false")) {
          node->kind_ = JsonNode::Kind::kBool;
          return Status::OK();
        }
        return Error("true or false");
      case 'n':
        if (Consume("null")) return Status::OK();
        return Error("null");
      default:
        if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) return ParseNumber(node);
        return Error("a value");
    }
  }

  Status ParseNumber(JsonNode* node) {
    size_t start = pos_;
    auto digits = [&] {
      size_t from = pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      return pos_ > from;
    };
    if (text_[pos_] == '-') ++pos_;
    if (!digits()) return Error("a digit");
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (!digits()) return Error("a digit after the decimal point");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (!digits()) return Error("a digit in the exponent");
    }
    node->kind_ = JsonNode::Kind::kNumber;
    node->text_.assign(text_.substr(start, pos_ - start));
    return Status::OK();
  }

  static void AppendUtf8(std::string* out, uint32_t cp) {
    if (cp < 0x80) {
      *out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      *out += static_cast<char>(0xC0 | (cp >> 6));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      *out += static_cast<char>(0xE0 | (cp >> 12));
      *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      *out += static_cast<char>(0xF0 | (cp >> 18));
      *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool ParseHex4(uint32_t* cp) {
    if (pos_ + 4 > text_.size()) return false;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      char h = text_[pos_ + i];
      v <<= 4;
      if (h >= '0' && h <= '9') v |= h - '0';
      else if (h >= 'a' && h <= 'f') v |= h - 'a' + 10;
      else if (h >= 'A' && h <= 'F') v |= h - 'A' + 10;
      else return false;
    }
    pos_ += 4;
    *cp = v;
    return true;
  }

  Status ParseString(std::string* out) {
    ++pos_;  // opening quote
    out->clear();
    while (true) {
      size_t run = pos_;
      while (pos_ < text_.size() && text_[pos_] != '"' && text_[pos_] != '\\' &&
             static_cast<unsigned char>(text_[pos_]) >= 0x20)
        ++pos_;
      out->append(text_.data() + run, pos_ - run);
      if (pos_ >= text_.size()) return Error("a closing quote");
      char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return Status::OK();
      }
      if (c != '\\') return Error("an escaped control character");
      if (++pos_ >= text_.size()) return Error("an escape sequence");
      char e = text_[pos_++];
      switch (e) {
        case '"': *out += '"'; break;
        case '\\': *out += '\\'; break;
        case '/': *out += '/'; break;
        case 'b': *out += '\b'; break;
        case 'f': *out += '\f'; break;
        case 'n': *out += '\n'; break;
        case 'r': *out += '\r'; break;
        case 't': *out += '\t'; break;
        case 'u': {
          uint32_t cp = 0;
          if (!ParseHex4(&cp)) return Error("four hex digits after \\u");
          if (cp >= 0xD800 && cp < 0xDC00) {
            uint32_t low = 0;
            if (!Consume("\\u") || !ParseHex4(&low) || low < 0xDC00 || low > 0xDFFF)
              return Error("the low half of a UTF-16 surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          AppendUtf8(out, cp);
          break;
        }
        default: return Error("a valid escape character");
      }
    }
  }

  Status ParseArray(JsonNode* node, int depth) {
    ++pos_;
    node->kind_ = JsonNode::Kind::kArray;
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return Status::OK();
    }
    while (true) {
      node->items_.emplace_back();
      TRIB_RETURN_IF_ERROR(ParseValue(&node->items_.back(), depth + 1));
      SkipSpace();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == ']') {
        ++pos_;
        return Status::OK();
      }
      return Error("',' or ']'");
    }
  }

  Status ParseObject(JsonNode* node, int depth) {
    ++pos_;
    node->kind_ = JsonNode::Kind::kObject;
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return Status::OK();
    }
    while (true) {
      SkipSpace();
      if (pos_ >= text_.size() || text_[pos_] != '"') return Error("a member name");
      node->members_.emplace_back();
      auto& member = node->members_.back();
      TRIB_RETURN_IF_ERROR(ParseString(&member.first));
      SkipSpace();
      if (pos_ >= text_.size() || text_[pos_] != ':') return Error("':'");
      ++pos_;
      TRIB_RETURN_IF_ERROR(ParseValue(&member.second, depth + 1));
      SkipSpace();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        return Status::OK();
      }
      return Error("',' or '}'");
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
};

Result<JsonNode> JsonNode::Parse(std::string_view text) { return JsonParser(text).ParseDocument(); }

bool JsonNode::is_integral() const {
  return kind_ == Kind::kNumber && text_.find_first_of(".eE") == std::string::npos;
}

const JsonNode* JsonNode::Find(std::string_view key) const {
  for (const auto& [k, v] : members_)
    if (k == key) return &v;
  return nullptr;
}

namespace {
void DumpTo(const JsonNode& node, std::string* out) {
  switch (node.kind()) {
    case JsonNode::Kind::kNull: out->append("null"); break;
    case JsonNode::Kind::kBool: out->append(node.bool_value() ? "true" : "false"); break;
    case JsonNode::Kind::kNumber: out->append(node.text()); break;
    case JsonNode::Kind::kString: AppendJsonString(out, node.text()); break;
    case JsonNode::Kind::kArray:
      out->push_back('[');
      for (size_t i = 0; i < node.items().size(); ++i) {
        if (i) out->push_back(',');
        DumpTo(node.items()[i], out);
      }
      out->push_back(']');
      break;
    case JsonNode::Kind::kObject:
      out->push_back('{');
      for (size_t i = 0; i < node.members().size(); ++i) {
        if (i) out->push_back(',');
        AppendJsonString(out, node.members()[i].first);
        out->push_back(':');
        DumpTo(node.members()[i].second, out);
      }
      out->push_back('}');
      break;
  }
}
}  // namespace

std::string JsonNode::Dump() const {
  std::string out;
  DumpTo(*this, &out);
  return out;
}

std::string_view JsonNode::KindName() const {
  switch (kind_) {
    case Kind::kNull: return "null";
    case Kind::kBool: return "boolean";
    case Kind::kNumber: return "number";
    case Kind::kString: return "string";
    case Kind::kArray: return "array";
    case Kind::kObject: return "object";
  }
  return "unknown";
}

}  // namespace tributary::converters

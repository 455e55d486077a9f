#include "s3sink/json_encoder.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace tributary::s3sink {

namespace {

using data::Schema;
using data::Type;
using data::Value;

void AppendQuoted(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789ABCDEF";
  out->push_back('"');
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\b': *out += "\\b"; break;
      case '\f': *out += "\\f"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default:
        if (c < 0x20) {
          *out += "\\u00";
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        } else {
          out->push_back(ch);
        }
    }
  }
  out->push_back('"');
}

// Shortest round-trip digits of `v` in Java's notation.
template <typename F>
std::string JavaFloatingString(F v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  std::string sci(buf, r.ptr);  // e.g. "-1.2345e+06"
  bool negative = sci[0] == '-';
  if (negative) sci.erase(0, 1);
  size_t e = sci.find('e');
  int exponent = std::stoi(sci.substr(e + 1));
  std::string digits;
  for (char c : sci.substr(0, e))
    if (c != '.') digits += c;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out = negative ? "-" : "";
  double magnitude = std::fabs(static_cast<double>(v));
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      std::string int_part = digits.substr(0, std::min<size_t>(digits.size(), exponent + 1));
      int_part.append(exponent + 1 - int_part.size(), '0');
      std::string frac = digits.size() > size_t(exponent + 1) ? digits.substr(exponent + 1) : "0";
      out += int_part + "." + frac;
    } else {
      out += "0." + std::string(-exponent - 1, '0') + digits;
    }
  } else {
    out += digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0") + "E" +
           std::to_string(exponent);
  }
  return out;
}

bool IsNamed(const Schema* s, std::string_view name) { return s && s->IsNamed(name); }

}  // namespace

std::string JavaDoubleString(double v) { return JavaFloatingString(v); }
std::string JavaFloatString(float v) { return JavaFloatingString(v); }

std::string Base64Encode(std::string_view bytes) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t n = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i + 1 == bytes.size()) {
    uint32_t n = uint8_t(bytes[i]) << 16;
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    uint32_t n = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8);
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string DecimalString(std::string_view unscaled, int32_t scale) {
  // Magnitude of the two's-complement integer as base-256 digits.
  std::vector<uint8_t> mag(unscaled.begin(), unscaled.end());
  bool negative = !mag.empty() && (mag[0] & 0x80);
  if (negative) {
    for (auto& b : mag) b = static_cast<uint8_t>(~b);
    for (size_t i = mag.size(); i-- > 0;)
      if (++mag[i] != 0) break;
  }
  std::string digits;
  while (true) {
    bool zero = true;
    uint32_t rem = 0;
    for (auto& b : mag) {
      uint32_t cur = (rem << 8) | b;
      b = static_cast<uint8_t>(cur / 10);
      rem = cur % 10;
      if (b) zero = false;
    }
    digits.insert(digits.begin(), static_cast<char>('0' + rem));
    if (zero) break;
  }
  while (digits.size() > 1 && digits[0] == '0') digits.erase(0, 1);
  if (scale > 0) {
    if (digits.size() <= size_t(scale)) digits.insert(0, scale - digits.size() + 1, '0');
    digits.insert(digits.size() - scale, ".");
  } else if (scale < 0) {
    digits.append(-scale, '0');
  }
  return (negative && digits.find_first_not_of("0.") != std::string::npos ? "-" : "") + digits;
}

Status JsonEncoder::Encode(const Schema* schema, const Value& value, std::string* out) const {
  if (value.is_null()) {
    if (schema && schema->default_value() && !schema->default_value()->is_null())
      return Encode(schema, *schema->default_value(), out);
    *out += "null";
    return Status::OK();
  }
  switch (value.kind()) {
    case Value::Kind::kNull: *out += "null"; break;
    case Value::Kind::kBool: *out += value.as_bool() ? "true" : "false"; break;
    case Value::Kind::kInt: *out += std::to_string(value.as_int()); break;
    case Value::Kind::kDouble:
      if (schema && schema->type() == Type::kFloat32) {
        std::string s = JavaFloatString(static_cast<float>(value.as_double()));
        if (s == "NaN" || s.find("Infinity") != std::string::npos) AppendQuoted(s, out);
        else *out += s;
      } else {
        std::string s = JavaDoubleString(value.as_double());
        if (s == "NaN" || s.find("Infinity") != std::string::npos) AppendQuoted(s, out);
        else *out += s;
      }
      break;
    case Value::Kind::kString: AppendQuoted(value.as_string(), out); break;
    case Value::Kind::kBytes:
      if (IsNamed(schema, data::names::kDecimal)) {
        const std::string* scale = schema->parameter(data::names::kDecimalScaleParam);
        int32_t s = scale ? std::stoi(*scale) : 0;
        if (decimal_format_ == DecimalFormat::kNumeric) {
          *out += DecimalString(value.as_bytes(), s);
          break;
        }
      }
      AppendQuoted(Base64Encode(value.as_bytes()), out);
      break;
    case Value::Kind::kStruct: {
      const auto& sv = value.as_struct();
      const Schema* s = sv.schema ? sv.schema.get() : schema;
      out->push_back('{');
      if (s) {
        for (size_t i = 0; i < s->fields().size(); ++i) {
          if (i) out->push_back(',');
          const auto& f = s->fields()[i];
          AppendQuoted(f.name, out);
          out->push_back(':');
          TRIB_RETURN_IF_ERROR(Encode(f.schema.get(), sv.values[f.index], out));
        }
      }
      out->push_back('}');
      break;
    }
    case Value::Kind::kArray: {
      const Schema* element = schema ? schema->value_schema().get() : nullptr;
      out->push_back('[');
      bool first = true;
      for (const auto& e : value.as_array()) {
        if (!first) out->push_back(',');
        first = false;
        TRIB_RETURN_IF_ERROR(Encode(element, e, out));
      }
      out->push_back(']');
      break;
    }
    case Value::Kind::kMap: {
      const Schema* ks = schema ? schema->key_schema().get() : nullptr;
      const Schema* vs = schema ? schema->value_schema().get() : nullptr;
      bool object_mode = schema ? ks->type() == Type::kString : true;
      if (!schema)
        for (const auto& [k, v] : value.as_map())
          if (k.kind() != Value::Kind::kString) object_mode = false;
      out->push_back(object_mode ? '{' : '[');
      bool first = true;
      for (const auto& [k, v] : value.as_map()) {
        if (!first) out->push_back(',');
        first = false;
        if (object_mode) {
          AppendQuoted(k.as_string(), out);
          out->push_back(':');
          TRIB_RETURN_IF_ERROR(Encode(vs, v, out));
        } else {
          out->push_back('[');
          TRIB_RETURN_IF_ERROR(Encode(ks, k, out));
          out->push_back(',');
          TRIB_RETURN_IF_ERROR(Encode(vs, v, out));
          out->push_back(']');
        }
      }
      out->push_back(object_mode ? '}' : ']');
      break;
    }
  }
  return Status::OK();
}

}  // namespace tributary::s3sink

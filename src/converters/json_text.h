// Text primitives for writing JSON exactly as Jackson (and so Kafka's JsonConverter) does:
// compact output, Jackson's string escaping, Java's Double.toString/Float.toString number
// forms, and base64 (standard alphabet, padded, no line breaks) for binary values.
//
// Thread-safety: stateless functions.
#pragma once

#include <string>
#include <string_view>

namespace tributary::converters {

// Appends `s` as a quoted JSON string: '"' and '\\' escaped, control characters as \b \t \n
// \f \r or \u00XX (upper-case hex), characters outside the Basic Multilingual Plane as their
// UTF-16 surrogate pair (\uD83D\uDE00, as Jackson writes them), other UTF-8 as is.
void AppendJsonString(std::string* out, std::string_view s);
// True when AppendJsonString writes `s` as is between the quotes (no byte to escape).
bool IsPlainJsonText(std::string_view s);

// Appends a double as Java's Double.toString renders it ("1.0", "1.5E-5", "1.0E7"); NaN and
// the infinities as the quoted strings Jackson writes for them.
void AppendJavaDouble(std::string* out, double v);
// The same for a float (Float.toString: the shortest digits that identify the float).
void AppendJavaFloat(std::string* out, float v);

void AppendBase64(std::string* out, std::string_view bytes);
// Decodes standard base64 (padding optional, whitespace not allowed); false if malformed.
bool DecodeBase64(std::string_view text, std::string* out);

}  // namespace tributary::converters

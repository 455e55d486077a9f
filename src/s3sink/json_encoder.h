// JsonEncoder: renders a Connect value as Kafka Connect's JsonConverter does with
// schemas.enable=false (what Confluent's JsonFormat writes): structs and string-keyed maps as
// objects in field order, other maps as [[key, value], ...], bytes and (by default) decimals as
// base64, Date/Time/Timestamp as their integers, floats in Java's Double.toString/
// Float.toString notation, compact, strings escaped as Jackson does.
//
// Thread-safety: immutable; safe to share.
#pragma once

#include <string>

#include "common/status.h"
#include "data/schema.h"
#include "data/value.h"
#include "s3sink/s3_sink_config.h"

namespace tributary::s3sink {

class JsonEncoder {
 public:
  explicit JsonEncoder(DecimalFormat decimal_format) : decimal_format_(decimal_format) {}
  // Appends the JSON of `value` (of `schema`, or schemaless when null) to `out`.
  Status Encode(const data::Schema* schema, const data::Value& value, std::string* out) const;

 private:
  DecimalFormat decimal_format_;
};

// Java's Double.toString / Float.toString of `v` ("1.0", "1.0E10", "1.0E-5", "NaN").
std::string JavaDoubleString(double v);
std::string JavaFloatString(float v);
std::string Base64Encode(std::string_view bytes);
// The unscaled two's-complement big-endian integer with `scale`, in plain decimal notation.
std::string DecimalString(std::string_view unscaled, int32_t scale);

}  // namespace tributary::s3sink

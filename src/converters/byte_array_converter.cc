#include "converters/byte_array_converter.h"

namespace tributary::converters {

Status ByteArrayConverter::Configure(const connect::Config& /*config*/, bool /*is_key*/) {
  return Status::OK();
}

Status ByteArrayConverter::FromConnectData(const std::string& topic, const data::SchemaPtr& schema,
                                           const data::Value& value, std::string* out) {
  out->clear();
  if (schema && schema->type() != data::Type::kBytes)
    return Status::InvalidArgument(
        "invalid schema type for ByteArrayConverter on topic '{}': {} (use a bytes schema or "
        "another converter)",
        topic, schema->DebugString());
  if (value.is_null()) return Status::OK();
  if (value.kind() != data::Value::Kind::kBytes)
    return Status::InvalidArgument(
        "ByteArrayConverter on topic '{}' is not compatible with objects of this type: {}", topic,
        value.DebugString());
  out->assign(value.as_bytes());
  return Status::OK();
}

Status ByteArrayConverter::ToConnectData(const std::string& /*topic*/, std::string_view bytes,
                                         bool is_null, data::SchemaPtr* schema,
                                         data::Value* value) {
  *schema = data::OptionalBytesSchema();
  *value = is_null ? data::Value() : data::Value::BytesOf(std::string(bytes));
  return Status::OK();
}

}  // namespace tributary::converters

// StringConverter: org.apache.kafka.connect.storage.StringConverter.
//
// Writes any value as its text (strings as is, numbers and booleans as Java prints them,
// other values in Connect's toString style); reads bytes back as an optional string.
// Config: converter.encoding (UTF-8 only; UTF8 accepted too), with the older
// serializer.encoding / deserializer.encoding names.
//
// Thread-safety: one instance per task thread.
#pragma once

#include "connect/task.h"

namespace tributary::converters {

class StringConverter : public connect::Converter {
 public:
  Status Configure(const connect::Config& config, bool is_key) override;
  Status FromConnectData(const std::string& topic, const data::SchemaPtr& schema,
                         const data::Value& value, std::string* out) override;
  Status ToConnectData(const std::string& topic, std::string_view bytes, bool is_null,
                       data::SchemaPtr* schema, data::Value* value) override;
};

}  // namespace tributary::converters

// ByteArrayConverter: org.apache.kafka.connect.converters.ByteArrayConverter.
//
// Passes bytes through untouched. Writing requires a bytes value (and a bytes schema when
// there is one); reading yields an optional bytes schema.
//
// Thread-safety: stateless.
#pragma once

#include "connect/task.h"

namespace tributary::converters {

class ByteArrayConverter : public connect::Converter {
 public:
  Status Configure(const connect::Config& config, bool is_key) override;
  Status FromConnectData(const std::string& topic, const data::SchemaPtr& schema,
                         const data::Value& value, std::string* out) override;
  Status ToConnectData(const std::string& topic, std::string_view bytes, bool is_null,
                       data::SchemaPtr* schema, data::Value* value) override;
};

}  // namespace tributary::converters

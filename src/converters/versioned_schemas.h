// VersionedSchemas: gives the Connect schemas an Avro converter decodes the registry version
// of the writer schema, as Confluent's AvroConverter does (AvroData.toConnectData with the
// subject's version). The S3 sink's schema.compatibility BACKWARD/FORWARD/FULL order schema
// changes by that version and cannot work without it.
//
// The decoded schema comes from AvroData's cache and has no version; each (schema, version)
// pair gets one versioned copy, built on first use and reused for every record after it.
//
// Thread-safety: none; one instance per converter (one per task thread).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <utility>

#include "data/schema.h"
#include "data/value.h"

namespace tributary::converters {

class VersionedSchemas {
 public:
  // Sets *schema to `decoded` carrying `version` (or `decoded` itself when there is no
  // version) and points a struct *value at that schema, so that the record's schema and its
  // value's agree.
  void Attach(const data::SchemaPtr& decoded, std::optional<int32_t> version,
              data::SchemaPtr* schema, data::Value* value);

 private:
  struct Entry {
    data::SchemaPtr decoded;  // keeps the key's address from being reused
    data::SchemaPtr versioned;
  };
  std::map<std::pair<const data::Schema*, int32_t>, Entry> copies_;
  const Entry* last_ = nullptr;
  int32_t last_version_ = 0;
};

}  // namespace tributary::converters

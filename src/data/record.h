// Record: one message as Kafka Connect sees it, on its way from a source to a sink.
//
// A source fills topic, key, value, timestamp and its source partition/offset (opaque JSON,
// as Connect's Map<String, ?>); the runtime assigns kafka_offset (the Kafka offset, or in
// embedded mode a per-topic-partition sequence number) before a sink sees it.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "data/schema.h"
#include "data/value.h"

namespace tributary::data {

struct Header {
  std::string key;
  SchemaPtr schema;  // may be null for schemaless headers
  Value value;
};

struct Record {
  std::string topic;
  int32_t partition = -1;  // -1: not chosen yet (the producer's partitioner decides)

  SchemaPtr key_schema;  // null for schemaless keys
  Value key;
  SchemaPtr value_schema;
  Value value;  // null value = tombstone

  int64_t timestamp_ms = -1;
  std::vector<Header> headers;

  // Source side: where in the source this record came from, as Connect's sourcePartition and
  // sourceOffset maps. Committed only once the record (and everything before it) is durable.
  nlohmann::json source_partition;
  nlohmann::json source_offset;

  // Sink side: the record's offset in its topic partition.
  int64_t kafka_offset = -1;

  bool is_tombstone() const { return value.is_null(); }
  const Header* header(std::string_view key) const {
    for (const auto& h : headers)
      if (h.key == key) return &h;
    return nullptr;
  }
};

// A batch of records; the hot path moves records in batches and recycles the vectors.
struct RecordBatch {
  std::vector<Record> records;
  void clear() { records.clear(); }
  size_t size() const { return records.size(); }
  bool empty() const { return records.empty(); }
};

}  // namespace tributary::data

// Plain values exchanged with the Kafka wrappers (producer.h, consumer.h, admin.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace tributary::kafka {

// A record header; a null value is std::nullopt.
struct Header {
  std::string key;
  std::optional<std::string> value;
};

struct ConsumedMessage {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  int64_t timestamp_ms = -1;  // -1 when the broker gave none
  std::optional<std::string> key;    // nullopt: null key
  std::optional<std::string> value;  // nullopt: null value (tombstone)
  std::vector<Header> headers;
};

// A partition and an offset: for Assign, the next offset to read (or kOffsetBeginning /
// kOffsetEnd); for Commit and Committed, the next offset the group will read.
struct TopicPartitionOffset {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  bool operator==(const TopicPartitionOffset&) const = default;
};

inline constexpr int64_t kOffsetBeginning = -2;
inline constexpr int64_t kOffsetEnd = -1;
inline constexpr int64_t kOffsetInvalid = -1001;  // no committed offset
inline constexpr int32_t kAnyPartition = -1;

// What happened to one produced message.
struct DeliveryReport {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = -1;
  uint64_t cookie = 0;  // as given to Produce
  Status status;        // OK when the broker acknowledged it
};

}  // namespace tributary::kafka

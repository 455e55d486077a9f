// WireRecord: a record as it sits in a Kafka topic: the key and value bytes its converters
// produced (absent = null), its headers and timestamp. The embedded mode passes these between
// the source and sink sides in process, so both modes convert exactly the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/record.h"

namespace tributary::runtime {

struct WireRecord {
  std::string topic;
  int32_t partition = -1;  // -1: let the partitioner choose
  std::optional<std::string> key;
  std::optional<std::string> value;
  int64_t timestamp_ms = -1;
  std::vector<data::Header> headers;
};

}  // namespace tributary::runtime

// Partitioner: maps a record to its encoded partition, the directory part of its object key,
// as Confluent's partitioner.class:
//   DefaultPartitioner    "partition=<kafka partition>"
//   FieldPartitioner      "<field>=<value>[/<field2>=<value2>...]" (partition.field.name)
//   TimeBasedPartitioner  path.format of the record time bucketed by partition.duration.ms
//   DailyPartitioner      "'year'=YYYY/'month'=MM/'day'=dd", one day
//   HourlyPartitioner     "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH", one hour
// With behavior.on.null.values=write, tombstones go to tombstone.encoded.partition.
// The object key is then <topics.dir>/<PartitionedPath(topic, encoded)>/<file name>.
//
// Thread-safety: immutable after creation; safe to share.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/status.h"
#include "data/record.h"
#include "s3sink/s3_sink_config.h"
#include "s3sink/timestamp_extractor.h"

namespace tributary::s3sink {

class Partitioner {
 public:
  virtual ~Partitioner() = default;
  // InvalidArgument naming the record and the field when the record cannot be partitioned.
  virtual Result<std::string> EncodePartition(const data::Record& record, int64_t now_ms) const = 0;
  // "<topic><directory.delim><encoded>".
  std::string PartitionedPath(const std::string& topic, const std::string& encoded) const {
    return topic + delim_ + encoded;
  }
  // The time source of time-based partitioners (used by rotate.interval.ms); null otherwise.
  virtual const TimestampExtractor* timestamp_extractor() const { return nullptr; }

 protected:
  explicit Partitioner(std::string delim) : delim_(std::move(delim)) {}
  std::string delim_;
};

Result<std::unique_ptr<Partitioner>> NewPartitioner(const S3SinkConfig& config);

}  // namespace tributary::s3sink

// TimestampExtractor: the time of a record for TimeBasedPartitioner and rotate.interval.ms,
// as Confluent's timestamp.extractor: Wallclock (processing time), Record (the record's Kafka
// timestamp) or RecordField (a field of the value, dotted path in timestamp.field: a Timestamp,
// an int32/int64 of epoch milliseconds, or a string of digits or ISO-8601).
//
// Thread-safety: immutable; safe to share.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"
#include "data/record.h"
#include "s3sink/s3_sink_config.h"

namespace tributary::s3sink {

class TimestampExtractor {
 public:
  TimestampExtractor(TimestampExtractorKind kind, std::string field, bool tombstones_use_record)
      : kind_(kind), field_(std::move(field)), tombstones_use_record_(tombstones_use_record) {}

  // Epoch milliseconds; InvalidArgument naming the topic, partition, offset and field when the
  // record has no usable time.
  Result<int64_t> Extract(const data::Record& record, int64_t now_ms) const;

  // Joda's ISODateTimeFormat.dateTimeParser subset: yyyy[-MM[-dd]][Thh[:mm[:ss[.SSS]]]]
  // [Z|+hh[:mm]]; times without an offset are UTC.
  static Result<int64_t> ParseIsoDateTime(const std::string& text);

 private:
  TimestampExtractorKind kind_;
  std::string field_;
  bool tombstones_use_record_;  // behavior.on.null.values=write: tombstones use Record time
};

}  // namespace tributary::s3sink

// TimeZone: UTC offsets of a time zone by its Joda-Time / IANA id ("UTC", "Europe/Berlin",
// "+05:30"), read from the system's tz database (/usr/share/zoneinfo, TZif files). Used for
// TimeBasedPartitioner paths and scheduled rotation, as Joda's DateTimeZone is by Confluent.
//
// Known limit: instants after the last transition of the file (2037 in "fat" TZif files) use
// the last offset; the footer's POSIX rule is not evaluated.
//
// Thread-safety: immutable after construction; safe to share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace tributary::s3sink {

class TimeZone {
 public:
  static TimeZone Utc();
  // InvalidArgument naming the id when it is neither an offset nor a zone of the database.
  static Result<TimeZone> ForId(std::string_view id);

  const std::string& id() const { return id_; }
  // Offset of local time from UTC at the instant `utc_ms`, in milliseconds.
  int64_t OffsetMs(int64_t utc_ms) const;
  int64_t UtcToLocal(int64_t utc_ms) const { return utc_ms + OffsetMs(utc_ms); }
  // The instant whose local time is `local_ms` (as Joda's convertLocalToUTC, non-strict: a
  // local time in a daylight-saving gap maps to the offset before the gap).
  int64_t LocalToUtc(int64_t local_ms) const;

 private:
  std::string id_;
  std::vector<int64_t> transitions_s_;   // ascending UTC seconds
  std::vector<int32_t> offset_after_s_;  // offset in force from each transition on
  int32_t initial_offset_s_ = 0;
};

}  // namespace tributary::s3sink

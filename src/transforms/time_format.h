// TimeFormat: the subset of java.text.SimpleDateFormat patterns that Kafka's
// TimestampConverter configs use, always in UTC: y (yyyy, yy), M (MM, MMM, MMMM), d, D, H, h,
// k, K, a, m, s, S (milliseconds), E (EEE, EEEE), Z (+0000), X (Z or +00[:00]), z (UTC), and
// 'quoted' literals. Other pattern letters are rejected when the pattern is compiled.
//
// Also the civil-calendar helpers the time transforms share.
//
// Thread-safety: an immutable value after Compile.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace tributary::transforms {

// Days since 1970-01-01 -> (year, month 1-12, day 1-31) and back, proleptic Gregorian.
void CivilFromDays(int64_t days, int64_t* year, int* month, int* day);
int64_t DaysFromCivil(int64_t year, int month, int day);
int64_t FloorDiv(int64_t a, int64_t b);

class TimeFormat {
 public:
  static Result<TimeFormat> Compile(std::string_view pattern);
  // Milliseconds since the epoch (UTC) -> text.
  std::string Format(int64_t epoch_ms) const;
  // Text -> milliseconds since the epoch (UTC); fields not in the pattern default to the
  // epoch's (1970-01-01 00:00:00.000).
  Result<int64_t> Parse(std::string_view text) const;

 private:
  struct Token {
    char letter = 0;    // 0 for a literal
    int count = 0;
    std::string literal;
  };
  std::string pattern_;
  std::vector<Token> tokens_;
};

}  // namespace tributary::transforms

// JodaDateFormat: formats instants with a Joda-Time DateTimeFormat pattern, as Confluent's
// TimeBasedPartitioner does with path.format, e.g. "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH"
// -> "year=2026/month=11/day=27/hour=16".
//
// Supported letters: G C Y y M d D E e a H k K h m s S Z (English names); text in single
// quotes is literal, '' is a quote; other non-letters are literal. Other letters are rejected
// at Compile with a message naming the letter.
//
// Thread-safety: immutable after Compile; safe to share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "s3sink/time_zone.h"

namespace tributary::s3sink {

class JodaDateFormat {
 public:
  static Result<JodaDateFormat> Compile(std::string_view pattern);
  std::string Format(int64_t utc_ms, const TimeZone& zone) const;

 private:
  struct Token {
    char letter = 0;  // 0: literal
    int count = 0;
    std::string literal;
  };
  std::vector<Token> tokens_;
};

// Days since 1970-01-01 -> proleptic Gregorian year, month (1-12), day (1-31).
void CivilFromDays(int64_t days, int64_t* year, int* month, int* day);
int64_t DaysFromCivil(int64_t year, int month, int day);

}  // namespace tributary::s3sink

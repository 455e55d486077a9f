#include "s3sink/timestamp_extractor.h"

#include <cctype>

#include "s3sink/joda_date_format.h"
#include "s3sink/nested_field.h"

namespace tributary::s3sink {

namespace {

bool AllDigits(const std::string& s, size_t from) {
  if (from >= s.size()) return false;
  for (size_t i = from; i < s.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

}  // namespace

Result<int64_t> TimestampExtractor::ParseIsoDateTime(const std::string& text) {
  size_t i = 0;
  auto bad = [&] {
    return Status::InvalidArgument("'{}' is neither epoch milliseconds nor an ISO-8601 time",
                                   text);
  };
  auto number = [&](int digits, int64_t* out) {
    if (i + digits > text.size()) return false;
    int64_t v = 0;
    for (int k = 0; k < digits; ++k) {
      char c = text[i + k];
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
      v = v * 10 + (c - '0');
    }
    i += digits;
    *out = v;
    return true;
  };
  int64_t year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, millis = 0;
  bool negative_year = i < text.size() && text[i] == '-';
  if (negative_year) ++i;
  if (!number(4, &year)) return bad();
  if (negative_year) year = -year;
  if (i < text.size() && text[i] == '-') {
    ++i;
    if (!number(2, &month)) return bad();
    if (i < text.size() && text[i] == '-') {
      ++i;
      if (!number(2, &day)) return bad();
    }
  }
  if (i < text.size() && text[i] == 'T') {
    ++i;
    if (!number(2, &hour)) return bad();
    if (i < text.size() && text[i] == ':') {
      ++i;
      if (!number(2, &minute)) return bad();
      if (i < text.size() && text[i] == ':') {
        ++i;
        if (!number(2, &second)) return bad();
        if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
          ++i;
          int64_t scale = 100;
          size_t start = i;
          while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
            millis += (text[i] - '0') * scale;
            scale /= 10;
            ++i;
          }
          if (i == start) return bad();
        }
      }
    }
  }
  int64_t offset_minutes = 0;
  if (i < text.size()) {
    if (text[i] == 'Z') {
      ++i;
    } else if (text[i] == '+' || text[i] == '-') {
      int sign = text[i] == '-' ? -1 : 1;
      ++i;
      int64_t oh = 0, om = 0;
      if (!number(2, &oh)) return bad();
      if (i < text.size() && text[i] == ':') ++i;
      if (i < text.size() && !number(2, &om)) return bad();
      offset_minutes = sign * (oh * 60 + om);
    }
  }
  if (i != text.size() || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 ||
      minute > 59 || second > 59)
    return bad();
  int64_t days = DaysFromCivil(year, static_cast<int>(month), static_cast<int>(day));
  return days * 86400000 + hour * 3600000 + minute * 60000 + second * 1000 + millis -
         offset_minutes * 60000;
}

Result<int64_t> TimestampExtractor::Extract(const data::Record& record, int64_t now_ms) const {
  TimestampExtractorKind kind = kind_;
  if (tombstones_use_record_ && record.is_tombstone()) kind = TimestampExtractorKind::kRecord;
  auto where = [&] {
    return fmt::format("record {}-{}@{}", record.topic, record.partition, record.kafka_offset);
  };
  switch (kind) {
    case TimestampExtractorKind::kWallclock: return now_ms;
    case TimestampExtractorKind::kRecord:
      if (record.timestamp_ms < 0)
        return Status::InvalidArgument(
            "{} has no timestamp for timestamp.extractor=Record; use Wallclock or RecordField",
            where());
      return record.timestamp_ms;
    case TimestampExtractorKind::kRecordField: break;
  }
  using Kind = data::Value::Kind;
  if (record.value.kind() != Kind::kStruct && record.value.kind() != Kind::kMap)
    return Status::InvalidArgument(
        "{}: timestamp.extractor=RecordField needs a struct or map value", where());
  NestedFieldRef ref = FindNestedField(record.value_schema, record.value, field_);
  if (!ref.value)
    return Status::InvalidArgument("{}: timestamp.field '{}' is not in the value", where(),
                                   field_);
  const data::Value& v = *ref.value;
  if (v.kind() == Kind::kInt) return v.as_int();
  if (v.kind() == Kind::kDouble) return static_cast<int64_t>(v.as_double());
  if (v.kind() == Kind::kString) {
    const std::string& s = v.as_string();
    if (AllDigits(s, s.size() > 0 && s[0] == '-' ? 1 : 0) && s.size() <= 20)
      return std::stoll(s);
    auto parsed = ParseIsoDateTime(s);
    if (!parsed.ok())
      return Status::InvalidArgument("{}: timestamp.field '{}': {}", where(), field_,
                                     parsed.status().message());
    return parsed;
  }
  return Status::InvalidArgument(
      "{}: timestamp.field '{}' is {}; it must be a Timestamp, int32, int64 or string", where(),
      field_, v.is_null() ? std::string("null") : v.DebugString());
}

}  // namespace tributary::s3sink

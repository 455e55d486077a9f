#include "s3sink/joda_date_format.h"

#include <fmt/format.h>

#include <cstdlib>

namespace tributary::s3sink {

namespace {

constexpr std::string_view kSupported = "GCYyMdDEeaHkKhmsSZ";
constexpr const char* kMonths[] = {"January", "February", "March",     "April",
                                   "May",     "June",     "July",      "August",
                                   "September", "October", "November", "December"};
constexpr const char* kWeekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::string Padded(int64_t value, int width) {
  std::string digits = std::to_string(std::llabs(value));
  if (static_cast<int>(digits.size()) < width) digits.insert(0, width - digits.size(), '0');
  return value < 0 ? "-" + digits : digits;
}

std::string Text(const char* full, int count) {
  return count >= 4 ? std::string(full) : std::string(full).substr(0, 3);
}

}  // namespace

void CivilFromDays(int64_t days, int64_t* year, int* month, int* day) {
  // Howard Hinnant's civil_from_days.
  days += 719468;
  const int64_t era = FloorDiv(days, 146097);
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2);
}

int64_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2;
  const int64_t era = FloorDiv(year, 400);
  const int64_t yoe = year - era * 400;
  const int64_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Result<JodaDateFormat> JodaDateFormat::Compile(std::string_view pattern) {
  JodaDateFormat f;
  auto literal = [&](std::string text) {
    if (!f.tokens_.empty() && f.tokens_.back().letter == 0) {
      f.tokens_.back().literal += text;
    } else {
      f.tokens_.push_back(Token{0, 0, std::move(text)});
    }
  };
  for (size_t i = 0; i < pattern.size();) {
    char c = pattern[i];
    if (c == '\'') {
      if (i + 1 < pattern.size() && pattern[i + 1] == '\'') {
        literal("'");
        i += 2;
        continue;
      }
      std::string text;
      size_t j = i + 1;
      for (; j < pattern.size(); ++j) {
        if (pattern[j] != '\'') {
          text += pattern[j];
        } else if (j + 1 < pattern.size() && pattern[j + 1] == '\'') {
          text += '\'';
          ++j;
        } else {
          break;
        }
      }
      if (j >= pattern.size())
        return Status::InvalidArgument("path.format: unterminated quote in '{}'", pattern);
      literal(std::move(text));
      i = j + 1;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      size_t j = i;
      while (j < pattern.size() && pattern[j] == c) ++j;
      if (kSupported.find(c) == std::string_view::npos) {
        return Status::InvalidArgument(
            "path.format: pattern letter '{}' in '{}' is not supported; supported letters: {} "
            "(quote literal text, e.g. 'year'=YYYY)",
            c, pattern, kSupported);
      }
      f.tokens_.push_back(Token{c, static_cast<int>(j - i), {}});
      i = j;
    } else {
      literal(std::string(1, c));
      ++i;
    }
  }
  return f;
}

std::string JodaDateFormat::Format(int64_t utc_ms, const TimeZone& zone) const {
  const int64_t offset_ms = zone.OffsetMs(utc_ms);
  const int64_t local = utc_ms + offset_ms;
  const int64_t days = FloorDiv(local, 86400000);
  const int64_t ms_of_day = local - days * 86400000;
  int64_t year;
  int month, day;
  CivilFromDays(days, &year, &month, &day);
  const int hour = static_cast<int>(ms_of_day / 3600000);
  const int minute = static_cast<int>(ms_of_day / 60000 % 60);
  const int second = static_cast<int>(ms_of_day / 1000 % 60);
  const int millis = static_cast<int>(ms_of_day % 1000);
  const int weekday = static_cast<int>(((days % 7) + 7 + 3) % 7) + 1;  // Monday=1, 1970-01-01 a Thursday

  std::string out;
  for (const Token& t : tokens_) {
    switch (t.letter) {
      case 0: out += t.literal; break;
      case 'G': out += year > 0 ? "AD" : "BC"; break;
      case 'C': out += Padded(FloorDiv(year > 0 ? year : 1 - year, 100), t.count); break;
      case 'Y':
      case 'y': {
        int64_t y = t.letter == 'Y' && year <= 0 ? 1 - year : year;
        out += t.count == 2 ? Padded(((y % 100) + 100) % 100, 2) : Padded(y, t.count);
        break;
      }
      case 'M':
        out += t.count >= 3 ? Text(kMonths[month - 1], t.count) : Padded(month, t.count);
        break;
      case 'd': out += Padded(day, t.count); break;
      case 'D': out += Padded(days - DaysFromCivil(year, 1, 1) + 1, t.count); break;
      case 'E': out += Text(kWeekdays[weekday - 1], t.count); break;
      case 'e': out += Padded(weekday, t.count); break;
      case 'a': out += hour < 12 ? "AM" : "PM"; break;
      case 'H': out += Padded(hour, t.count); break;
      case 'k': out += Padded(hour == 0 ? 24 : hour, t.count); break;
      case 'K': out += Padded(hour % 12, t.count); break;
      case 'h': out += Padded(hour % 12 == 0 ? 12 : hour % 12, t.count); break;
      case 'm': out += Padded(minute, t.count); break;
      case 's': out += Padded(second, t.count); break;
      case 'S': {
        std::string frac = Padded(millis, 3);
        if (t.count <= 3) {
          out += frac.substr(0, t.count);
        } else {
          out += frac + std::string(t.count - 3, '0');
        }
        break;
      }
      case 'Z': {
        if (t.count >= 3) {
          out += zone.id();
          break;
        }
        int64_t minutes = std::llabs(offset_ms) / 60000;
        out += offset_ms < 0 ? '-' : '+';
        out += Padded(minutes / 60, 2);
        if (t.count == 2) out += ':';
        out += Padded(minutes % 60, 2);
        break;
      }
    }
  }
  return out;
}

}  // namespace tributary::s3sink

#include "transforms/time_format.h"

#include <fmt/format.h>

#include <cctype>
#include <cstring>

namespace tributary::transforms {

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

void CivilFromDays(int64_t z, int64_t* year, int* month, int* day) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2);
}

int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

namespace {

constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
constexpr const char* kDays[] = {"Thursday", "Friday", "Saturday", "Sunday",
                                 "Monday",   "Tuesday", "Wednesday"};  // 1970-01-01 was a Thursday

bool IsNumericLetter(char c) { return std::strchr("yMdDHhkKmsS", c) != nullptr; }

}  // namespace

Result<TimeFormat> TimeFormat::Compile(std::string_view pattern) {
  TimeFormat f;
  f.pattern_ = std::string(pattern);
  for (size_t i = 0; i < pattern.size();) {
    char c = pattern[i];
    if (c == '\'') {
      Token t;
      size_t j = i + 1;
      if (j < pattern.size() && pattern[j] == '\'') {  // '' is a literal quote
        t.literal = "'";
        f.tokens_.push_back(t);
        i = j + 1;
        continue;
      }
      while (j < pattern.size()) {
        if (pattern[j] == '\'') {
          if (j + 1 < pattern.size() && pattern[j + 1] == '\'') {
            t.literal += '\'';
            j += 2;
            continue;
          }
          break;
        }
        t.literal += pattern[j++];
      }
      if (j >= pattern.size())
        return Status::InvalidArgument("unterminated quote in date format '{}'", pattern);
      f.tokens_.push_back(t);
      i = j + 1;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(c))) {
      if (std::strchr("yMdDHhkKmsSaEZXz", c) == nullptr)
        return Status::NotSupported("date format '{}' uses pattern letter '{}', which is not supported",
                                    pattern, c);
      Token t;
      t.letter = c;
      while (i < pattern.size() && pattern[i] == c) {
        ++t.count;
        ++i;
      }
      f.tokens_.push_back(t);
      continue;
    }
    Token t;
    t.literal = std::string(1, c);
    f.tokens_.push_back(t);
    ++i;
  }
  return f;
}

std::string TimeFormat::Format(int64_t ms) const {
  int64_t days = FloorDiv(ms, 86400000);
  int64_t ms_of_day = ms - days * 86400000;
  int64_t year;
  int month, day;
  CivilFromDays(days, &year, &month, &day);
  int hour = static_cast<int>(ms_of_day / 3600000);
  int minute = static_cast<int>(ms_of_day / 60000 % 60);
  int second = static_cast<int>(ms_of_day / 1000 % 60);
  int millis = static_cast<int>(ms_of_day % 1000);
  std::string out;
  auto num = [&](int64_t v, int width) { out += fmt::format("{:0{}}", v, width); };
  for (const auto& t : tokens_) {
    switch (t.letter) {
      case 0: out += t.literal; break;
      case 'y':
        if (t.count == 2) num(((year % 100) + 100) % 100, 2);
        else num(year, t.count);
        break;
      case 'M':
        if (t.count >= 4) out += kMonths[month - 1];
        else if (t.count == 3) out += std::string(kMonths[month - 1]).substr(0, 3);
        else num(month, t.count);
        break;
      case 'd': num(day, t.count); break;
      case 'D': num(days - DaysFromCivil(year, 1, 1) + 1, t.count); break;
      case 'H': num(hour, t.count); break;
      case 'k': num(hour == 0 ? 24 : hour, t.count); break;
      case 'K': num(hour % 12, t.count); break;
      case 'h': num(hour % 12 == 0 ? 12 : hour % 12, t.count); break;
      case 'a': out += hour < 12 ? "AM" : "PM"; break;
      case 'm': num(minute, t.count); break;
      case 's': num(second, t.count); break;
      case 'S': num(millis, t.count); break;
      case 'E': {
        std::string name = kDays[((days % 7) + 7) % 7];
        out += t.count >= 4 ? name : name.substr(0, 3);
        break;
      }
      case 'Z': out += "+0000"; break;
      case 'X': out += "Z"; break;
      case 'z': out += "UTC"; break;
    }
  }
  return out;
}

Result<int64_t> TimeFormat::Parse(std::string_view text) const {
  int64_t year = 1970;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0, millis = 0;
  bool pm = false, has_ampm = false;
  int64_t offset_ms = 0;
  size_t pos = 0;
  auto fail = [&](std::string_view what) {
    return Status::InvalidArgument("'{}' does not match date format '{}': expected {} at offset {}",
                                   text, pattern_, what, pos);
  };
  for (size_t i = 0; i < tokens_.size(); ++i) {
    const Token& t = tokens_[i];
    if (t.letter == 0) {
      if (text.substr(pos, t.literal.size()) != t.literal) return fail("'" + t.literal + "'");
      pos += t.literal.size();
      continue;
    }
    if (IsNumericLetter(t.letter) && !(t.letter == 'M' && t.count >= 3)) {
      // Adjacent numeric fields are read by width, as SimpleDateFormat does.
      bool fixed = i + 1 < tokens_.size() && tokens_[i + 1].letter != 0 &&
                   IsNumericLetter(tokens_[i + 1].letter);
      size_t start = pos;
      if (t.letter == 'y' && pos < text.size() && (text[pos] == '-' || text[pos] == '+')) ++pos;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) &&
             (!fixed || pos - start < static_cast<size_t>(t.count)))
        ++pos;
      if (pos == start) return fail("a number");
      int64_t v = std::stoll(std::string(text.substr(start, pos - start)));
      switch (t.letter) {
        case 'y': year = (t.count == 2 && pos - start == 2) ? 2000 + v : v; break;
        case 'M': month = static_cast<int>(v); break;
        case 'd': day = static_cast<int>(v); break;
        case 'D': month = 1, day = static_cast<int>(v); break;
        case 'H': case 'k': hour = static_cast<int>(v % 24); break;
        case 'h': case 'K': hour = static_cast<int>(v % 12); break;
        case 'm': minute = static_cast<int>(v); break;
        case 's': second = static_cast<int>(v); break;
        case 'S': millis = static_cast<int>(v); break;
      }
      continue;
    }
    switch (t.letter) {
      case 'M': {
        bool found = false;
        for (int m = 0; m < 12 && !found; ++m) {
          std::string full = kMonths[m];
          for (const std::string& name : {full, full.substr(0, 3)}) {
            if (text.substr(pos, name.size()) == name) {
              month = m + 1;
              pos += name.size();
              found = true;
              break;
            }
          }
        }
        if (!found) return fail("a month name");
        break;
      }
      case 'E': {
        bool found = false;
        for (const char* d : kDays) {
          std::string full = d;
          for (const std::string& name : {full, full.substr(0, 3)}) {
            if (!found && text.substr(pos, name.size()) == name) {
              pos += name.size();
              found = true;
            }
          }
        }
        if (!found) return fail("a day name");
        break;
      }
      case 'a':
        if (text.substr(pos, 2) == "AM" || text.substr(pos, 2) == "PM") {
          pm = text.substr(pos, 2) == "PM";
          has_ampm = true;
          pos += 2;
        } else {
          return fail("AM or PM");
        }
        break;
      case 'z':
        if (text.substr(pos, 3) == "UTC" || text.substr(pos, 3) == "GMT") pos += 3;
        else return fail("UTC");
        break;
      case 'Z':
      case 'X': {
        if (pos < text.size() && text[pos] == 'Z') {
          ++pos;
          break;
        }
        if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) return fail("a zone offset");
        int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        std::string digits;
        while (pos < text.size() && (std::isdigit(static_cast<unsigned char>(text[pos])) || text[pos] == ':')) {
          if (text[pos] != ':') digits += text[pos];
          ++pos;
        }
        if (digits.size() != 2 && digits.size() != 4) return fail("a zone offset");
        int hh = std::stoi(digits.substr(0, 2));
        int mm = digits.size() == 4 ? std::stoi(digits.substr(2)) : 0;
        offset_ms = sign * (hh * 3600000LL + mm * 60000LL);
        break;
      }
    }
  }
  if (pos != text.size()) return fail("the end of the text");
  if (has_ampm && pm) hour += 12;
  // SimpleDateFormat is lenient: out-of-range fields roll over, which the arithmetic does.
  int64_t days = DaysFromCivil(year, 1, 1);
  int64_t months_from_jan = month - 1;
  int64_t y = year + FloorDiv(months_from_jan, 12);
  int m = static_cast<int>(months_from_jan - FloorDiv(months_from_jan, 12) * 12) + 1;
  days = DaysFromCivil(y, m, 1) + (day - 1);
  return days * 86400000 + hour * 3600000LL + minute * 60000LL + second * 1000LL + millis -
         offset_ms;
}

}  // namespace tributary::transforms

#include "s3sink/time_zone.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iterator>

namespace tributary::s3sink {

namespace {

constexpr char kZoneInfoDir[] = "/usr/share/zoneinfo/";

uint32_t BigEndian32(const std::string& b, size_t at) {
  return (uint32_t(uint8_t(b[at])) << 24) | (uint32_t(uint8_t(b[at + 1])) << 16) |
         (uint32_t(uint8_t(b[at + 2])) << 8) | uint32_t(uint8_t(b[at + 3]));
}

int64_t BigEndian64(const std::string& b, size_t at) {
  return static_cast<int64_t>((uint64_t(BigEndian32(b, at)) << 32) | BigEndian32(b, at + 4));
}

// "+05:30", "-08", "+0100" -> seconds; false if `id` is not an offset.
bool ParseOffset(std::string_view id, int32_t* seconds) {
  if (id.size() < 2 || (id[0] != '+' && id[0] != '-')) return false;
  std::string digits;
  for (char c : id.substr(1)) {
    if (c == ':') continue;
    if (c < '0' || c > '9') return false;
    digits += c;
  }
  if (digits.size() != 2 && digits.size() != 4) return false;
  int hours = (digits[0] - '0') * 10 + (digits[1] - '0');
  int minutes = digits.size() == 4 ? (digits[2] - '0') * 10 + (digits[3] - '0') : 0;
  if (hours > 23 || minutes > 59) return false;
  *seconds = (hours * 3600 + minutes * 60) * (id[0] == '-' ? -1 : 1);
  return true;
}

}  // namespace

TimeZone TimeZone::Utc() {
  TimeZone tz;
  tz.id_ = "UTC";
  return tz;
}

Result<TimeZone> TimeZone::ForId(std::string_view id) {
  if (id == "UTC" || id == "Z" || id == "GMT") return Utc();
  TimeZone tz;
  tz.id_ = std::string(id);
  if (ParseOffset(id, &tz.initial_offset_s_)) return tz;
  bool safe = !id.empty() && id.find("..") == std::string_view::npos && id[0] != '/';
  std::ifstream in(kZoneInfoDir + std::string(id), std::ios::binary);
  if (!safe || !in) {
    return Status::InvalidArgument(
        "timezone: unknown time zone id '{}'; use an IANA id such as UTC or Europe/Berlin, or "
        "an offset such as +05:30",
        id);
  }
  std::string b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto corrupt = [&] {
    return Status::Corruption("timezone: {}{} is not a TZif file", kZoneInfoDir, id);
  };
  if (b.size() < 44 || b.compare(0, 4, "TZif") != 0) return corrupt();
  // Skip the version-1 block (32-bit times) to the version-2 block when there is one.
  auto counts = [&](size_t at, uint32_t c[6]) {
    for (int i = 0; i < 6; ++i) c[i] = BigEndian32(b, at + 20 + 4 * i);
  };
  uint32_t c[6];  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  counts(0, c);
  size_t at = 44;
  int time_size = 4;
  if (b[4] >= '2') {
    at += size_t(c[3]) * 5 + size_t(c[4]) * 6 + c[5] + size_t(c[2]) * 8 + c[1] + c[0];
    if (b.size() < at + 44) return corrupt();
    counts(at, c);
    at += 44;
    time_size = 8;
  }
  const uint32_t timecnt = c[3], typecnt = c[4];
  size_t needed = at + size_t(timecnt) * (time_size + 1) + size_t(typecnt) * 6;
  if (typecnt == 0 || b.size() < needed) return corrupt();
  size_t types_at = at + size_t(timecnt) * (time_size + 1);
  std::vector<int32_t> type_offsets(typecnt);
  for (uint32_t i = 0; i < typecnt; ++i)
    type_offsets[i] = static_cast<int32_t>(BigEndian32(b, types_at + 6 * i));
  tz.initial_offset_s_ = type_offsets[0];
  for (uint32_t i = 0; i < timecnt; ++i) {
    int64_t t = time_size == 8 ? BigEndian64(b, at + 8 * i)
                               : static_cast<int32_t>(BigEndian32(b, at + 4 * i));
    uint8_t type = uint8_t(b[at + size_t(timecnt) * time_size + i]);
    if (type >= typecnt) return corrupt();
    tz.transitions_s_.push_back(t);
    tz.offset_after_s_.push_back(type_offsets[type]);
  }
  return tz;
}

int64_t TimeZone::OffsetMs(int64_t utc_ms) const {
  int64_t s = utc_ms >= 0 ? utc_ms / 1000 : -((-utc_ms + 999) / 1000);
  auto it = std::upper_bound(transitions_s_.begin(), transitions_s_.end(), s);
  if (it == transitions_s_.begin()) return int64_t(initial_offset_s_) * 1000;
  return int64_t(offset_after_s_[it - transitions_s_.begin() - 1]) * 1000;
}

int64_t TimeZone::LocalToUtc(int64_t local_ms) const {
  int64_t offset_local = OffsetMs(local_ms);
  int64_t offset = OffsetMs(local_ms - offset_local);
  if (offset != offset_local) {
    // Near a transition: prefer the offset that maps back to the same local time.
    int64_t next = OffsetMs(local_ms - offset);
    if (offset != next) offset = std::max(offset, offset_local);
  }
  return local_ms - offset;
}

}  // namespace tributary::s3sink

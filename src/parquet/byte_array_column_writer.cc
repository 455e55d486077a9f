#include "parquet/byte_array_column_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "parquet/decimal_encoding.h"
#include "parquet/rle_bit_packed_encoder.h"

namespace tributary::parquet {

ByteArrayColumnWriter::ByteArrayColumnWriter(std::string path, format::Repetition repetition,
                                             uint8_t def_level, uint8_t rep_level,
                                             std::vector<std::string> schema_path,
                                             const WriterOptions& options,
                                             const int64_t* row_serial, data::Value::Kind kind,
                                             bool decimal_order, int32_t fixed_length)
    : LeafColumnWriter(std::move(path), repetition, def_level, rep_level,
                       std::move(schema_path),
                       fixed_length > 0 ? format::Type::kFixedLenByteArray
                                        : format::Type::kByteArray,
                       options, row_serial),
      kind_(kind),
      decimal_order_(decimal_order),
      fixed_length_(static_cast<size_t>(fixed_length)),
      use_dictionary_(options.dictionary),
      dictionary_mode_(use_dictionary_) {}

bool ByteArrayColumnWriter::Write(const data::Value& value, uint8_t rep_level,
                                  std::string* error) {
  if (value.kind() != kind_) {
    if (value.is_null()) return WriteNull(rep_level, error);
    return KindError(value, kind_ == data::Value::Kind::kString ? "a string" : "bytes", error);
  }
  const std::string_view bytes = BytesOf(value);
  if (fixed_length_ > 0) return WriteFixed(bytes, rep_level, error);
  MarkRowIfNew();
  const uint32_t length = static_cast<uint32_t>(bytes.size());
  plain_.append(reinterpret_cast<const char*>(&length), 4);
  plain_.append(bytes);
  ++plain_count_;
  RecordPresent(rep_level);
  return true;
}

bool ByteArrayColumnWriter::WriteColumn(const ValueColumn& values, std::string* error) {
  if (fixed_length_ > 0 || rep_level() > 0) return ColumnWriter::WriteColumn(values, error);
  MarkRowIfNew();
  // The block's bytes first, so that the page buffer grows once per block.
  size_t bytes = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i].kind() == kind_) {
      const std::string& v = BytesOf(values[i]);
      __builtin_prefetch(v.data());  // a long string's bytes are elsewhere on the heap
      bytes += 4 + v.size();
    }
  }
  const size_t base = plain_.size();
  plain_.resize(base + bytes);
  char* out = plain_.data() + base;
  uint8_t* levels = ExtendDefLevels(values.size());
  const bool optional = repetition() == format::Repetition::kOptional;
  const uint8_t present = def_level();
  size_t count = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    const data::Value& value = values[i];
    if (value.kind() == kind_) [[likely]] {
      const std::string& v = BytesOf(value);
      const uint32_t length = static_cast<uint32_t>(v.size());
      std::memcpy(out, &length, 4);
      std::memcpy(out + 4, v.data(), length);
      out += 4 + length;
      ++count;
      if (levels != nullptr) levels[i] = present;
    } else if (value.is_null() && optional) {
      levels[i] = static_cast<uint8_t>(present - 1);  // optional: levels exist
    } else {
      // The caller rolls the block back; what was written so far is dropped with it.
      if (value.is_null()) return WriteNull(0, error);
      return KindError(value, kind_ == data::Value::Kind::kString ? "a string" : "bytes", error);
    }
  }
  plain_count_ += count;
  CommitEntries(values.size(), values.size() - count);
  return true;
}

bool ByteArrayColumnWriter::WriteFixed(std::string_view unscaled, uint8_t rep_level,
                                       std::string* error) {
  MarkRowIfNew();
  const size_t at = plain_.size();
  const uint32_t length = static_cast<uint32_t>(fixed_length_);
  plain_.append(reinterpret_cast<const char*>(&length), 4);
  if (!AppendSignExtended(unscaled, fixed_length_, &plain_)) {
    plain_.resize(at);
    *error = fmt::format(
        "field '{}' holds a decimal whose unscaled value ({} bytes) does not fit the column's "
        "{} bytes; raise connect.decimal.precision",
        path(), unscaled.size(), fixed_length_);
    return false;
  }
  ++plain_count_;
  RecordPresent(rep_level);
  return true;
}

void ByteArrayColumnWriter::AppendPlain(std::string_view length_prefixed,
                                        std::string* out) const {
  if (fixed_length_ == 0) {
    out->append(length_prefixed);
    return;
  }
  for (size_t at = 0; at < length_prefixed.size(); at += 4 + fixed_length_) {
    out->append(length_prefixed.substr(at + 4, fixed_length_));
  }
}

void ByteArrayColumnWriter::EncodeDictionaryPage(std::string* out) const {
  AppendPlain(dictionary_.plain(), out);
}

void ByteArrayColumnWriter::MarkValues() {
  marked_values_ = plain_count_;
  marked_plain_bytes_ = plain_.size();
}

void ByteArrayColumnWriter::RollbackValues() {
  plain_.resize(marked_plain_bytes_);
  plain_count_ = marked_values_;
}

size_t ByteArrayColumnWriter::ValuesMemoryBytes() const { return plain_.size(); }

void ByteArrayColumnWriter::ResizeSlots(size_t slots) {
  closed_plain_.resize(slots);
  closed_counts_.resize(slots);
}

void ByteArrayColumnWriter::DetachPageValues(size_t slot) {
  plain_.swap(closed_plain_[slot]);
  closed_counts_[slot] = plain_count_;
  plain_.clear();
  plain_count_ = 0;
}

bool ByteArrayColumnWriter::DictionaryDone() const {
  if (!dictionary_mode_) return false;
  const size_t dictionary_bytes = dictionary_.plain_bytes();
  return static_cast<int64_t>(dictionary_bytes) > options().dictionary_page_bytes ||
         dictionary_bytes + encoded_index_bytes_ >= raw_bytes_;
}

int ByteArrayColumnWriter::IndexBitWidth() const {
  const int width = RleBitPackedEncoder::BitWidth(
      static_cast<uint32_t>(dictionary_.size() == 0 ? 0 : dictionary_.size() - 1));
  return width == 0 ? 1 : width;  // some readers mishandle 0-bit indices
}

size_t ByteArrayColumnWriter::PageValueBytes() const { return plain_.size(); }

format::Encoding ByteArrayColumnWriter::EncodePageValues(size_t slot, std::string* out) {
  std::string& plain = closed_plain_[slot];
  const size_t count = closed_counts_[slot];
  const format::Encoding encoding =
      dictionary_mode_ ? format::Encoding::kRleDictionary : format::Encoding::kPlain;
  if (dictionary_mode_) {
    dictionary_used_ = true;
    indices_.resize(count);
    dictionary_.InsertBatch(plain, count, indices_.data());
    raw_bytes_ += plain.size();
    const int bit_width = IndexBitWidth();
    const size_t start = out->size();
    out->push_back(static_cast<char>(bit_width));
    RleBitPackedEncoder::Encode(indices_.data(), indices_.size(), bit_width, out);
    encoded_index_bytes_ += out->size() - start;
  } else {
    AppendPlain(plain, out);
    for (size_t at = 0; at < plain.size();) {
      uint32_t length;
      std::memcpy(&length, plain.data() + at, 4);
      Consider(std::string_view(plain.data() + at + 4, length));
      at += 4 + length;
    }
  }
  plain.clear();
  closed_counts_[slot] = 0;
  return encoding;
}

namespace {

// Unsigned byte order, as memcmp's, eight bytes at a time: statistics compare every value of
// a PLAIN page, mostly short strings, where a library call per comparison dominates.
bool LessBytes(std::string_view a, std::string_view b) {
  const size_t common = std::min(a.size(), b.size());
  size_t i = 0;
  for (; i + 8 <= common; i += 8) {
    uint64_t x, y;
    std::memcpy(&x, a.data() + i, 8);
    std::memcpy(&y, b.data() + i, 8);
    if (x != y) return __builtin_bswap64(x) < __builtin_bswap64(y);
  }
  for (; i < common; ++i) {
    if (a[i] != b[i]) return static_cast<uint8_t>(a[i]) < static_cast<uint8_t>(b[i]);
  }
  return a.size() < b.size();
}

}  // namespace

bool ByteArrayColumnWriter::Less(std::string_view a, std::string_view b) const {
  if (!decimal_order_) return LessBytes(a, b);
  // Two's complement big-endian: sign first, then magnitude after sign-extending the shorter.
  const bool a_negative = !a.empty() && (static_cast<uint8_t>(a[0]) & 0x80);
  const bool b_negative = !b.empty() && (static_cast<uint8_t>(b[0]) & 0x80);
  if (a_negative != b_negative) return a_negative;
  const char fill = a_negative ? '\xff' : '\0';
  const size_t width = std::max(a.size(), b.size());
  for (size_t i = 0; i < width; ++i) {
    const uint8_t x = static_cast<uint8_t>(i + a.size() < width ? fill : a[i + a.size() - width]);
    const uint8_t y = static_cast<uint8_t>(i + b.size() < width ? fill : b[i + b.size() - width]);
    if (x != y) return x < y;
  }
  return false;
}

void ByteArrayColumnWriter::Consider(std::string_view v) {
  if (v.size() > kMaxStatisticsBytes) {
    too_long_ = true;
    return;
  }
  if (!any_) {
    min_.assign(v);
    max_.assign(v);
    any_ = true;
  } else if (Less(v, min_)) {
    min_.assign(v);
  } else if (Less(max_, v)) {
    max_.assign(v);
  }
}

void ByteArrayColumnWriter::FillStatistics(format::Statistics* statistics) const {
  std::string_view min = min_, max = max_;
  bool any = any_;
  bool too_long = too_long_;
  if (dictionary_used_) {
    for (size_t i = 0; i < dictionary_.size(); ++i) {
      const std::string_view v = dictionary_.Get(static_cast<uint32_t>(i));
      if (v.size() > kMaxStatisticsBytes) {
        too_long = true;
        continue;
      }
      if (!any || Less(v, min)) min = v;
      if (!any || Less(max, v)) max = v;
      any = true;
    }
  }
  // A bound that leaves out a long value would be wrong, so there is none at all then.
  if (!any || too_long) return;
  statistics->min_value = std::string(min);
  statistics->max_value = std::string(max);
}

void ByteArrayColumnWriter::ResetChunk() {
  plain_.clear();
  plain_count_ = 0;
  dictionary_.Clear();
  dictionary_mode_ = use_dictionary_;
  dictionary_used_ = false;
  raw_bytes_ = 0;
  encoded_index_bytes_ = 0;
  any_ = false;
  too_long_ = false;
  min_.clear();
  max_.clear();
}

}  // namespace tributary::parquet

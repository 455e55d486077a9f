#include "parquet/byte_array_column_writer.h"

#include <cstring>

#include "parquet/rle_bit_packed_encoder.h"

namespace tributary::parquet {

ByteArrayColumnWriter::ByteArrayColumnWriter(std::string path, format::Repetition repetition,
                                             uint8_t def_level, uint8_t rep_level,
                                             std::vector<std::string> schema_path,
                                             const WriterOptions& options,
                                             data::Value::Kind kind, bool decimal_order)
    : LeafColumnWriter(std::move(path), repetition, def_level, rep_level,
                       std::move(schema_path), format::Type::kByteArray, options),
      kind_(kind),
      decimal_order_(decimal_order),
      use_dictionary_(options.dictionary),
      dictionary_mode_(use_dictionary_) {}

bool ByteArrayColumnWriter::AppendValue(const data::Value& value, std::string* error) {
  if (value.kind() != kind_) {
    return KindError(value, kind_ == data::Value::Kind::kString ? "a string" : "bytes", error);
  }
  const std::string_view bytes =
      kind_ == data::Value::Kind::kString ? value.as_string() : value.as_bytes();
  if (dictionary_mode_) {
    indices_.push_back(dictionary_.Insert(bytes));
    if (static_cast<int64_t>(dictionary_.plain_bytes()) > options().dictionary_page_bytes) {
      FallBackToPlain();
    }
  } else {
    AppendPlain(bytes);
  }
  return true;
}

void ByteArrayColumnWriter::AppendPlain(std::string_view value) {
  const uint32_t length = static_cast<uint32_t>(value.size());
  char prefix[4];
  std::memcpy(prefix, &length, 4);
  plain_.append(prefix, 4);
  plain_.append(value);
  ++plain_count_;
}

void ByteArrayColumnWriter::FallBackToPlain() {
  plain_.clear();
  plain_count_ = 0;
  for (size_t i = 0; i < indices_.size(); ++i) {
    // A fall-back inside a row keeps the row's start so that the row can still be undone.
    if (i == marked_values_) marked_plain_bytes_ = plain_.size();
    AppendPlain(dictionary_.Get(indices_[i]));
  }
  if (marked_values_ >= indices_.size()) marked_plain_bytes_ = plain_.size();
  indices_.clear();
  indices_.shrink_to_fit();
  dictionary_.Clear();
  dictionary_mode_ = false;
}

void ByteArrayColumnWriter::MarkValues() {
  marked_values_ = dictionary_mode_ ? indices_.size() : plain_count_;
  marked_plain_bytes_ = plain_.size();
  marked_dictionary_size_ = dictionary_.size();
}

void ByteArrayColumnWriter::RollbackValues() {
  if (dictionary_mode_) {
    indices_.resize(marked_values_);
    dictionary_.Truncate(marked_dictionary_size_);
  } else {
    plain_.resize(marked_plain_bytes_);
    plain_count_ = marked_values_;
  }
}

size_t ByteArrayColumnWriter::ValuesMemoryBytes() const {
  return dictionary_mode_ ? indices_.size() * sizeof(uint32_t) + dictionary_.memory_bytes()
                          : plain_.size();
}

int ByteArrayColumnWriter::IndexBitWidth() const {
  const int width = RleBitPackedEncoder::BitWidth(
      static_cast<uint32_t>(dictionary_.size() == 0 ? 0 : dictionary_.size() - 1));
  return width == 0 ? 1 : width;  // some readers mishandle 0-bit indices
}

double ByteArrayColumnWriter::EncodedBytesPerValue() const {
  if (dictionary_mode_) return IndexBitWidth() / 8.0;
  return plain_count_ == 0 ? 4.0
                           : static_cast<double>(plain_.size()) / static_cast<double>(plain_count_);
}

void ByteArrayColumnWriter::BeginPages() { cursor_ = 0; }

void ByteArrayColumnWriter::EncodeNextValues(size_t count, std::string* out) {
  if (dictionary_mode_) {
    const int bit_width = IndexBitWidth();
    out->push_back(static_cast<char>(bit_width));
    RleBitPackedEncoder::Encode(indices_.data() + cursor_, count, bit_width, out);
    cursor_ += count;
    return;
  }
  size_t end = cursor_;
  for (size_t i = 0; i < count; ++i) {
    uint32_t length;
    std::memcpy(&length, plain_.data() + end, 4);
    end += 4 + length;
  }
  out->append(plain_.data() + cursor_, end - cursor_);
  cursor_ = end;
}

bool ByteArrayColumnWriter::Less(std::string_view a, std::string_view b) const {
  if (!decimal_order_) return a < b;  // char_traits<char> compares as unsigned char
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

void ByteArrayColumnWriter::FillStatistics(format::Statistics* statistics) const {
  std::string_view min, max;
  bool any = false;
  auto consider = [&](std::string_view v) {
    if (!any || Less(v, min)) min = v;
    if (!any || Less(max, v)) max = v;
    any = true;
  };
  if (dictionary_mode_) {
    for (size_t i = 0; i < dictionary_.size(); ++i) consider(dictionary_.Get(static_cast<uint32_t>(i)));
  } else {
    size_t at = 0;
    while (at < plain_.size()) {
      uint32_t length;
      std::memcpy(&length, plain_.data() + at, 4);
      consider(std::string_view(plain_.data() + at + 4, length));
      at += 4 + length;
    }
  }
  if (!any || min.size() > kMaxStatisticsBytes || max.size() > kMaxStatisticsBytes) return;
  statistics->min_value = std::string(min);
  statistics->max_value = std::string(max);
}

void ByteArrayColumnWriter::ResetValues() {
  indices_.clear();
  plain_.clear();
  plain_count_ = 0;
  dictionary_.Clear();
  dictionary_mode_ = use_dictionary_;
  marked_values_ = 0;
  marked_plain_bytes_ = 0;
  marked_dictionary_size_ = 0;
}

}  // namespace tributary::parquet

// FixedWidthColumnWriter<Traits>: leaves of the fixed-width physical types BOOLEAN, INT32,
// INT64, FLOAT and DOUBLE. The open page buffers raw values; when it closes they are either
// looked up in the dictionary as a batch and written as RLE_DICTIONARY indices, or written
// PLAIN once the dictionary has outgrown options.dictionary_page_bytes (never a dictionary for
// BOOLEAN). The dictionary can overshoot that limit by at most one page of new values.
//
// DECIMAL columns of up to 18 digits are INT32/INT64 leaves too: their Connect values are the
// unscaled big-endian bytes, decoded here (DecimalInt32Traits, DecimalInt64Traits).
//
// Statistics: min/max in the type's order; floating-point min/max skip NaN and widen zero
// to -0.0 / +0.0 as the format specification asks.
//
// Thread-safety: not thread-safe.
#pragma once

#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "parquet/decimal_encoding.h"
#include "parquet/leaf_column_writer.h"
#include "parquet/rle_bit_packed_encoder.h"
#include "parquet/value_dictionary.h"

namespace tributary::parquet {

struct BooleanTraits {
  using Physical = uint8_t;
  static constexpr format::Type kType = format::Type::kBoolean;
  static constexpr data::Value::Kind kKind = data::Value::Kind::kBool;
  static constexpr std::string_view kKindName = "a boolean";
  static bool Convert(const data::Value& v, Physical* out) {
    *out = v.as_bool() ? 1 : 0;
    return true;
  }
};
struct Int32Traits {
  using Physical = int32_t;
  static constexpr format::Type kType = format::Type::kInt32;
  static constexpr data::Value::Kind kKind = data::Value::Kind::kInt;
  static constexpr std::string_view kKindName = "an integer";
  static bool Convert(const data::Value& v, Physical* out) {
    *out = static_cast<int32_t>(v.as_int());
    return true;
  }
};
struct Int64Traits {
  using Physical = int64_t;
  static constexpr format::Type kType = format::Type::kInt64;
  static constexpr data::Value::Kind kKind = data::Value::Kind::kInt;
  static constexpr std::string_view kKindName = "an integer";
  static bool Convert(const data::Value& v, Physical* out) {
    *out = v.as_int();
    return true;
  }
};
struct FloatTraits {
  using Physical = float;
  static constexpr format::Type kType = format::Type::kFloat;
  static constexpr data::Value::Kind kKind = data::Value::Kind::kDouble;
  static constexpr std::string_view kKindName = "a floating-point number";
  static bool Convert(const data::Value& v, Physical* out) {
    *out = static_cast<float>(v.as_double());
    return true;
  }
};
struct DoubleTraits {
  using Physical = double;
  static constexpr format::Type kType = format::Type::kDouble;
  static constexpr data::Value::Kind kKind = data::Value::Kind::kDouble;
  static constexpr std::string_view kKindName = "a floating-point number";
  static bool Convert(const data::Value& v, Physical* out) {
    *out = v.as_double();
    return true;
  }
};

// Convert() fails only for decimals whose unscaled value is wider than the column.
template <typename Physical_, format::Type kType_>
struct DecimalTraits {
  using Physical = Physical_;
  static constexpr format::Type kType = kType_;
  static constexpr data::Value::Kind kKind = data::Value::Kind::kBytes;
  static constexpr std::string_view kKindName = "a decimal (bytes)";
  static bool Convert(const data::Value& v, Physical* out) {
    return UnscaledFromBigEndian(v.as_bytes(), out);
  }
};
using DecimalInt32Traits = DecimalTraits<int32_t, format::Type::kInt32>;
using DecimalInt64Traits = DecimalTraits<int64_t, format::Type::kInt64>;

template <typename Traits>
class FixedWidthColumnWriter final : public LeafColumnWriter {
 public:
  using T = typename Traits::Physical;
  static constexpr bool kBoolean = Traits::kType == format::Type::kBoolean;

  FixedWidthColumnWriter(std::string path, format::Repetition repetition, uint8_t def_level,
                         uint8_t rep_level, std::vector<std::string> schema_path,
                         const WriterOptions& options, const int64_t* row_serial)
      : LeafColumnWriter(std::move(path), repetition, def_level, rep_level,
                         std::move(schema_path), Traits::kType, options, row_serial),
        use_dictionary_(options.dictionary && !kBoolean),
        dictionary_mode_(use_dictionary_) {}

  bool Write(const data::Value& value, uint8_t rep_level, std::string* error) override {
    if (value.kind() != Traits::kKind) {
      return value.is_null() ? WriteNull(rep_level, error)
                             : KindError(value, Traits::kKindName, error);
    }
    T converted;
    if (!Traits::Convert(value, &converted)) [[unlikely]] return ConvertError(value, error);
    MarkRowIfNew();
    values_.push_back(converted);
    RecordPresent(rep_level);
    return true;
  }

  bool WriteColumn(const ValueColumn& values, std::string* error) override {
    if (rep_level() > 0) return ColumnWriter::WriteColumn(values, error);
    MarkRowIfNew();
    const size_t base = values_.size();
    values_.resize(base + values.size());
    T* out = values_.data() + base;
    uint8_t* levels = ExtendDefLevels(values.size());
    const bool optional = repetition() == format::Repetition::kOptional;
    const uint8_t present = def_level();
    size_t count = 0;
    for (size_t i = 0; i < values.size(); ++i) {
      const data::Value& value = values[i];
      if (value.kind() == Traits::kKind) [[likely]] {
        if (!Traits::Convert(value, out + count)) [[unlikely]] return ConvertError(value, error);
        ++count;
        if (levels != nullptr) levels[i] = present;
      } else if (value.is_null() && optional) {
        levels[i] = static_cast<uint8_t>(present - 1);  // optional: levels exist
      } else {
        // The caller rolls the block back; what was written so far is dropped with it.
        return value.is_null() ? WriteNull(0, error) : KindError(value, Traits::kKindName, error);
      }
    }
    values_.resize(base + count);
    CommitEntries(values.size(), values.size() - count);
    return true;
  }

 protected:

  void MarkValues() override { marked_values_ = values_.size(); }
  void RollbackValues() override { values_.resize(marked_values_); }
  size_t PageValueBytes() const override {
    return kBoolean ? values_.size() / 8 : values_.size() * sizeof(T);
  }
  size_t ValuesMemoryBytes() const override { return values_.size() * sizeof(T); }
  void ResizeSlots(size_t slots) override { closed_values_.resize(slots); }
  void DetachPageValues(size_t slot) override {
    values_.swap(closed_values_[slot]);
    values_.clear();
  }
  size_t DictionaryMemoryBytes() const override { return dictionary_.memory_bytes(); }
  bool DictionaryDone() const override {
    if (!dictionary_mode_) return false;
    const size_t dictionary_bytes = dictionary_.plain_bytes();
    return static_cast<int64_t>(dictionary_bytes) > options().dictionary_page_bytes ||
           dictionary_bytes + encoded_index_bytes_ >= raw_bytes_;
  }

  format::Encoding EncodePageValues(size_t slot, std::string* out) override {
    std::vector<T>& values = closed_values_[slot];
    format::Encoding encoding = format::Encoding::kPlain;
    if (dictionary_mode_) {
      dictionary_used_ = true;
      indices_.resize(values.size());
      dictionary_.InsertBatch(values.data(), values.size(), indices_.data());
      raw_bytes_ += values.size() * sizeof(T);
      const int bit_width = IndexBitWidth();
      const size_t start = out->size();
      out->push_back(static_cast<char>(bit_width));
      RleBitPackedEncoder::Encode(indices_.data(), indices_.size(), bit_width, out);
      encoded_index_bytes_ += out->size() - start;
      encoding = format::Encoding::kRleDictionary;
    } else {
      AppendPlain(values.data(), values.size(), out);
      for (const T v : values) Widen(v, &any_, &min_, &max_);
    }
    values.clear();
    return encoding;
  }
  void StopDictionary() override { dictionary_mode_ = false; }

  bool has_dictionary() const override { return dictionary_used_; }
  int32_t dictionary_size() const override { return static_cast<int32_t>(dictionary_.size()); }
  void EncodeDictionaryPage(std::string* out) const override {
    AppendPlain(dictionary_.values().data(), dictionary_.size(), out);
  }

  void FillStatistics(format::Statistics* statistics) const override {
    T min = min_, max = max_;
    bool any = any_;
    if (dictionary_used_) {
      for (const T v : dictionary_.values()) Widen(v, &any, &min, &max);
    }
    if (!any) return;
    if constexpr (std::is_floating_point_v<T>) {
      if (min == 0) min = -T{0};
      if (max == 0) max = T{0};
    }
    statistics->min_value = std::string(reinterpret_cast<const char*>(&min), sizeof(T));
    statistics->max_value = std::string(reinterpret_cast<const char*>(&max), sizeof(T));
    // These orders are all signed, so the deprecated fields are valid too.
    statistics->min = statistics->min_value;
    statistics->max = statistics->max_value;
  }

  void ResetChunk() override {
    values_.clear();
    dictionary_.Clear();
    dictionary_mode_ = use_dictionary_;
    dictionary_used_ = false;
    raw_bytes_ = 0;
    encoded_index_bytes_ = 0;
    any_ = false;
  }

 private:
  int IndexBitWidth() const {
    // At least 1: some readers mishandle 0-bit indices.
    const int width = RleBitPackedEncoder::BitWidth(
        static_cast<uint32_t>(dictionary_.size() == 0 ? 0 : dictionary_.size() - 1));
    return width == 0 ? 1 : width;
  }

  bool ConvertError(const data::Value& value, std::string* error) const {
    *error = fmt::format(
        "field '{}' holds a decimal whose unscaled value ({} bytes) does not fit the "
        "column's {} bytes; raise connect.decimal.precision",
        path(), value.as_bytes().size(), sizeof(T));
    return false;
  }

  static void Widen(T v, bool* any, T* min, T* max) {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(v)) return;  // NaN orders nowhere: statistics leave it out
    }
    if (!*any || v < *min) *min = v;
    if (!*any || *max < v) *max = v;
    *any = true;
  }

  static void AppendPlain(const T* values, size_t count, std::string* out) {
    if constexpr (kBoolean) {
      const size_t start = out->size();
      out->resize(start + (count + 7) / 8);
      auto* bits = reinterpret_cast<uint8_t*>(out->data() + start);
      size_t i = 0;
      for (; i + 8 <= count; i += 8) {  // a byte at a time
        uint8_t byte = 0;
        for (size_t bit = 0; bit < 8; ++bit) byte |= static_cast<uint8_t>(values[i + bit] << bit);
        *bits++ = byte;
      }
      if (i < count) {
        uint8_t byte = 0;
        for (size_t bit = 0; i + bit < count; ++bit) byte |= static_cast<uint8_t>(values[i + bit] << bit);
        *bits = byte;
      }
    } else {
      out->append(reinterpret_cast<const char*>(values), count * sizeof(T));
    }
  }

  const bool use_dictionary_;
  bool dictionary_mode_;         // the open page is dictionary-encoded
  bool dictionary_used_ = false;  // some page of the chunk is
  FixedWidthDictionary<T> dictionary_;
  std::vector<T> values_;                     // the open page
  std::vector<std::vector<T>> closed_values_;  // closed pages', by slot
  std::vector<uint32_t> indices_;  // scratch of the encoding: the page's dictionary indices
  size_t marked_values_ = 0;
  // Sizes of the dictionary-encoded pages so far: PLAIN size of their values, and of indices.
  size_t raw_bytes_ = 0;
  size_t encoded_index_bytes_ = 0;
  // min/max of the PLAIN pages written so far.
  bool any_ = false;
  T min_{};
  T max_{};
};

using BooleanColumnWriter = FixedWidthColumnWriter<BooleanTraits>;
using Int32ColumnWriter = FixedWidthColumnWriter<Int32Traits>;
using Int64ColumnWriter = FixedWidthColumnWriter<Int64Traits>;
using FloatColumnWriter = FixedWidthColumnWriter<FloatTraits>;
using DoubleColumnWriter = FixedWidthColumnWriter<DoubleTraits>;
using DecimalInt32ColumnWriter = FixedWidthColumnWriter<DecimalInt32Traits>;
using DecimalInt64ColumnWriter = FixedWidthColumnWriter<DecimalInt64Traits>;

}  // namespace tributary::parquet

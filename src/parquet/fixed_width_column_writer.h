// FixedWidthColumnWriter<Traits>: leaves of the fixed-width physical types BOOLEAN, INT32,
// INT64, FLOAT and DOUBLE. Values are dictionary-encoded while the dictionary stays within
// options.dictionary_page_bytes (never for BOOLEAN); past that the chunk falls back to PLAIN
// (the dictionary's values are expanded back into the PLAIN buffer).
//
// Statistics: min/max in the type's order; floating-point min/max skip NaN and widen zero
// to -0.0 / +0.0 as the format specification asks.
//
// Thread-safety: not thread-safe.
#pragma once

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "parquet/leaf_column_writer.h"
#include "parquet/rle_bit_packed_encoder.h"
#include "parquet/value_dictionary.h"

namespace tributary::parquet {

struct BooleanTraits {
  using Physical = uint8_t;
  static constexpr format::Type kType = format::Type::kBoolean;
  static constexpr data::Value::Kind kKind = data::Value::Kind::kBool;
  static constexpr std::string_view kKindName = "a boolean";
  static Physical Convert(const data::Value& v) { return v.as_bool() ? 1 : 0; }
};
struct Int32Traits {
  using Physical = int32_t;
  static constexpr format::Type kType = format::Type::kInt32;
  static constexpr data::Value::Kind kKind = data::Value::Kind::kInt;
  static constexpr std::string_view kKindName = "an integer";
  static Physical Convert(const data::Value& v) { return static_cast<int32_t>(v.as_int()); }
};
struct Int64Traits {
  using Physical = int64_t;
  static constexpr format::Type kType = format::Type::kInt64;
  static constexpr data::Value::Kind kKind = data::Value::Kind::kInt;
  static constexpr std::string_view kKindName = "an integer";
  static Physical Convert(const data::Value& v) { return v.as_int(); }
};
struct FloatTraits {
  using Physical = float;
  static constexpr format::Type kType = format::Type::kFloat;
  static constexpr data::Value::Kind kKind = data::Value::Kind::kDouble;
  static constexpr std::string_view kKindName = "a floating-point number";
  static Physical Convert(const data::Value& v) { return static_cast<float>(v.as_double()); }
};
struct DoubleTraits {
  using Physical = double;
  static constexpr format::Type kType = format::Type::kDouble;
  static constexpr data::Value::Kind kKind = data::Value::Kind::kDouble;
  static constexpr std::string_view kKindName = "a floating-point number";
  static Physical Convert(const data::Value& v) { return v.as_double(); }
};

template <typename Traits>
class FixedWidthColumnWriter final : public LeafColumnWriter {
 public:
  using T = typename Traits::Physical;
  static constexpr bool kBoolean = Traits::kType == format::Type::kBoolean;

  FixedWidthColumnWriter(std::string path, format::Repetition repetition, uint8_t def_level,
                         uint8_t rep_level, std::vector<std::string> schema_path,
                         const WriterOptions& options)
      : LeafColumnWriter(std::move(path), repetition, def_level, rep_level,
                         std::move(schema_path), Traits::kType, options),
        use_dictionary_(options.dictionary && !kBoolean),
        dictionary_mode_(use_dictionary_) {}

 protected:
  bool AppendValue(const data::Value& value, std::string* error) override {
    if (value.kind() != Traits::kKind) return KindError(value, Traits::kKindName, error);
    const T v = Traits::Convert(value);
    if (dictionary_mode_) {
      indices_.push_back(dictionary_.Insert(v));
      if (static_cast<int64_t>(dictionary_.plain_bytes()) > options().dictionary_page_bytes) {
        FallBackToPlain();
      }
    } else {
      values_.push_back(v);
    }
    return true;
  }

  void MarkValues() override {
    marked_values_ = value_count();
    marked_dictionary_size_ = dictionary_.size();
  }
  void RollbackValues() override {
    if (dictionary_mode_) {
      indices_.resize(marked_values_);
      dictionary_.Truncate(marked_dictionary_size_);
    } else {
      values_.resize(marked_values_);
    }
  }
  size_t ValuesMemoryBytes() const override {
    return dictionary_mode_ ? indices_.size() * sizeof(uint32_t) + dictionary_.memory_bytes()
                            : values_.size() * sizeof(T);
  }

  bool dictionary_encoded() const override { return dictionary_mode_; }
  int32_t dictionary_size() const override { return static_cast<int32_t>(dictionary_.size()); }
  void EncodeDictionaryPage(std::string* out) const override {
    AppendPlain(dictionary_.values().data(), dictionary_.size(), out);
  }
  double EncodedBytesPerValue() const override {
    if (dictionary_mode_) return IndexBitWidth() / 8.0;
    return kBoolean ? 0.125 : static_cast<double>(sizeof(T));
  }
  void BeginPages() override { cursor_ = 0; }
  void EncodeNextValues(size_t count, std::string* out) override {
    if (dictionary_mode_) {
      const int bit_width = IndexBitWidth();
      out->push_back(static_cast<char>(bit_width));
      RleBitPackedEncoder::Encode(indices_.data() + cursor_, count, bit_width, out);
    } else {
      AppendPlain(values_.data() + cursor_, count, out);
    }
    cursor_ += count;
  }

  void FillStatistics(format::Statistics* statistics) const override {
    const std::vector<T>& source = dictionary_mode_ ? dictionary_.values() : values_;
    bool any = false;
    T min{}, max{};
    for (const T v : source) {
      if constexpr (std::is_floating_point_v<T>) {
        if (std::isnan(v)) continue;
      }
      if (!any || v < min) min = v;
      if (!any || max < v) max = v;
      any = true;
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

  void ResetValues() override {
    indices_.clear();
    values_.clear();
    dictionary_.Clear();
    dictionary_mode_ = use_dictionary_;
    marked_values_ = 0;
    marked_dictionary_size_ = 0;
  }

 private:
  size_t value_count() const { return dictionary_mode_ ? indices_.size() : values_.size(); }
  int IndexBitWidth() const {
    // At least 1: some readers mishandle 0-bit indices.
    const int width = RleBitPackedEncoder::BitWidth(
        static_cast<uint32_t>(dictionary_.size() == 0 ? 0 : dictionary_.size() - 1));
    return width == 0 ? 1 : width;
  }

  void FallBackToPlain() {
    values_.clear();
    values_.reserve(indices_.size());
    for (const uint32_t index : indices_) values_.push_back(dictionary_.values()[index]);
    indices_.clear();
    indices_.shrink_to_fit();
    dictionary_.Clear();
    dictionary_mode_ = false;
  }

  static void AppendPlain(const T* values, size_t count, std::string* out) {
    if constexpr (kBoolean) {
      const size_t start = out->size();
      out->append((count + 7) / 8, '\0');
      auto* bits = reinterpret_cast<uint8_t*>(out->data() + start);
      for (size_t i = 0; i < count; ++i) bits[i / 8] |= static_cast<uint8_t>(values[i] << (i % 8));
    } else {
      out->append(reinterpret_cast<const char*>(values), count * sizeof(T));
    }
  }

  const bool use_dictionary_;
  bool dictionary_mode_;
  FixedWidthDictionary<T> dictionary_;
  std::vector<uint32_t> indices_;  // dictionary mode
  std::vector<T> values_;          // PLAIN mode
  size_t cursor_ = 0;
  size_t marked_values_ = 0;
  size_t marked_dictionary_size_ = 0;
};

using BooleanColumnWriter = FixedWidthColumnWriter<BooleanTraits>;
using Int32ColumnWriter = FixedWidthColumnWriter<Int32Traits>;
using Int64ColumnWriter = FixedWidthColumnWriter<Int64Traits>;
using FloatColumnWriter = FixedWidthColumnWriter<FloatTraits>;
using DoubleColumnWriter = FixedWidthColumnWriter<DoubleTraits>;

}  // namespace tributary::parquet

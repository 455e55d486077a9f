// ByteArrayColumnWriter: BYTE_ARRAY leaves (STRING, bytes, DECIMAL as parquet-avro writes
// Avro bytes-decimals). Dictionary-encoded while the dictionary's PLAIN size stays within
// options.dictionary_page_bytes; past that the chunk falls back to PLAIN.
//
// Statistics: strings and bytes compare as unsigned bytes; decimals as big-endian two's
// complement integers. min/max are omitted when either exceeds kMaxStatisticsBytes, as
// parquet-cpp does, to keep footers small.
//
// Thread-safety: not thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parquet/leaf_column_writer.h"
#include "parquet/value_dictionary.h"

namespace tributary::parquet {

class ByteArrayColumnWriter final : public LeafColumnWriter {
 public:
  static constexpr size_t kMaxStatisticsBytes = 4096;

  // `kind`: the Connect value kind stored (kString or kBytes). `decimal_order`: compare as
  // signed big-endian integers for statistics.
  ByteArrayColumnWriter(std::string path, format::Repetition repetition, uint8_t def_level,
                        uint8_t rep_level, std::vector<std::string> schema_path,
                        const WriterOptions& options, data::Value::Kind kind,
                        bool decimal_order);

 protected:
  bool AppendValue(const data::Value& value, std::string* error) override;
  void MarkValues() override;
  void RollbackValues() override;
  size_t ValuesMemoryBytes() const override;
  bool dictionary_encoded() const override { return dictionary_mode_; }
  int32_t dictionary_size() const override { return static_cast<int32_t>(dictionary_.size()); }
  void EncodeDictionaryPage(std::string* out) const override { out->append(dictionary_.plain()); }
  double EncodedBytesPerValue() const override;
  void BeginPages() override;
  void EncodeNextValues(size_t count, std::string* out) override;
  void FillStatistics(format::Statistics* statistics) const override;
  void ResetValues() override;

 private:
  int IndexBitWidth() const;
  void FallBackToPlain();
  void AppendPlain(std::string_view value);
  bool Less(std::string_view a, std::string_view b) const;

  const data::Value::Kind kind_;
  const bool decimal_order_;
  const bool use_dictionary_;
  bool dictionary_mode_;
  ByteArrayDictionary dictionary_;
  std::vector<uint32_t> indices_;  // dictionary mode
  std::string plain_;              // PLAIN mode: 4-byte little-endian length + bytes, per value
  size_t plain_count_ = 0;
  size_t cursor_ = 0;  // value index (dictionary) or byte offset in plain_ (PLAIN)
  size_t marked_values_ = 0;
  size_t marked_plain_bytes_ = 0;
  size_t marked_dictionary_size_ = 0;
};

}  // namespace tributary::parquet

// ByteArrayColumnWriter: BYTE_ARRAY leaves (STRING, bytes) and FIXED_LEN_BYTE_ARRAY leaves
// (DECIMAL above 18 digits: the unscaled value sign-extended to the column's width). The open page buffers values PLAIN-encoded; when it closes they are
// looked up in the dictionary as a batch (RLE_DICTIONARY indices), or copied as they are once
// the dictionary's PLAIN size has outgrown options.dictionary_page_bytes.
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
  // signed big-endian integers for statistics. `fixed_length` > 0 makes the column
  // FIXED_LEN_BYTE_ARRAY(fixed_length) of sign-extended decimals (needs decimal_order).
  ByteArrayColumnWriter(std::string path, format::Repetition repetition, uint8_t def_level,
                        uint8_t rep_level, std::vector<std::string> schema_path,
                        const WriterOptions& options, const int64_t* row_serial,
                        data::Value::Kind kind, bool decimal_order, int32_t fixed_length = 0);

  bool Write(const data::Value& value, uint8_t rep_level, std::string* error) override;
  bool WriteColumn(const ValueColumn& values, std::string* error) override;

 protected:
  void MarkValues() override;
  void RollbackValues() override;
  size_t PageValueBytes() const override;
  size_t ValuesMemoryBytes() const override;
  bool DictionaryDone() const override;
  void ResizeSlots(size_t slots) override;
  void DetachPageValues(size_t slot) override;
  size_t DictionaryMemoryBytes() const override { return dictionary_.memory_bytes(); }
  format::Encoding EncodePageValues(size_t slot, std::string* out) override;
  void StopDictionary() override { dictionary_mode_ = false; }
  bool has_dictionary() const override { return dictionary_used_; }
  int32_t dictionary_size() const override { return static_cast<int32_t>(dictionary_.size()); }
  void EncodeDictionaryPage(std::string* out) const override;
  void FillStatistics(format::Statistics* statistics) const override;
  void ResetChunk() override;

 private:
  int IndexBitWidth() const;
  const std::string& BytesOf(const data::Value& value) const {
    return kind_ == data::Value::Kind::kString ? value.as_string() : value.as_bytes();
  }
  bool WriteFixed(std::string_view unscaled, uint8_t rep_level, std::string* error);
  bool Less(std::string_view a, std::string_view b) const;
  // Appends `count` values kept as BYTE_ARRAY PLAIN (length-prefixed) in this column's PLAIN
  // encoding: as they are, or without the length prefixes for FIXED_LEN_BYTE_ARRAY.
  void AppendPlain(std::string_view length_prefixed, std::string* out) const;
  // Widens the PLAIN pages' min/max with v.
  void Consider(std::string_view v);

  const data::Value::Kind kind_;
  const bool decimal_order_;
  const size_t fixed_length_;  // 0: BYTE_ARRAY
  const bool use_dictionary_;
  bool dictionary_mode_;          // the open page is dictionary-encoded
  bool dictionary_used_ = false;  // some page of the chunk is
  ByteArrayDictionary dictionary_;
  // The open page as BYTE_ARRAY PLAIN: 4-byte length + bytes per value (also for fixed-length
  // values, so that the dictionary handles both alike).
  std::string plain_;
  size_t plain_count_ = 0;
  // Closed pages' values as plain_, and their counts, by slot.
  std::vector<std::string> closed_plain_;
  std::vector<size_t> closed_counts_;
  std::vector<uint32_t> indices_;  // scratch of the encoding: the page's dictionary indices
  size_t marked_values_ = 0;
  size_t marked_plain_bytes_ = 0;
  // Sizes of the dictionary-encoded pages so far: PLAIN size of their values, and of indices.
  size_t raw_bytes_ = 0;
  size_t encoded_index_bytes_ = 0;
  // min/max of the PLAIN pages written so far.
  bool any_ = false;
  bool too_long_ = false;
  std::string min_;
  std::string max_;
};

}  // namespace tributary::parquet

#include "parquet/leaf_column_writer.h"

#include <algorithm>
#include <cstring>

#include "parquet/codec.h"
#include "parquet/rle_bit_packed_encoder.h"

namespace tributary::parquet {

LeafColumnWriter::LeafColumnWriter(std::string path, format::Repetition repetition,
                                   uint8_t def_level, uint8_t rep_level,
                                   std::vector<std::string> schema_path,
                                   format::Type physical_type, const WriterOptions& options,
                                   const int64_t* row_serial)
    : ColumnWriter(std::move(path), repetition, def_level, rep_level),
      options_(options),
      row_serial_(row_serial),
      schema_path_(std::move(schema_path)),
      physical_type_(physical_type) {}

void LeafColumnWriter::WriteAbsent(uint8_t rep_level, uint8_t def_level) {
  MarkRowIfNew();
  if (this->rep_level() > 0) rep_levels_.push_back(rep_level);
  def_levels_.push_back(def_level);  // only reached below an optional or repeated node
  ++page_entries_;
  ++page_nulls_;
}

Status LeafColumnWriter::CloseFullPage() {
  // Levels take a few bits per entry; an eighth of a byte each is a fair estimate.
  const size_t level_bytes = (def_levels_.size() + rep_levels_.size()) / 8;
  if (page_entries_ == 0 ||
      static_cast<int64_t>(PageValueBytes() + level_bytes) < options_.page_bytes) {
    return Status::OK();
  }
  TRIB_RETURN_IF_ERROR(FlushPage());
  if (DictionaryDone()) StopDictionary();
  return Status::OK();
}

void LeafColumnWriter::RollbackRow() {
  if (marked_row_ != *row_serial_) return;  // the row wrote nothing here
  page_entries_ = marked_entries_;
  page_nulls_ = marked_nulls_;
  if (def_level() > 0) def_levels_.resize(page_entries_);
  if (rep_level() > 0) rep_levels_.resize(page_entries_);
  RollbackValues();
}

size_t LeafColumnWriter::MemoryBytes() const {
  return pages_capacity_ + def_levels_.size() + rep_levels_.size() + ValuesMemoryBytes();
}

namespace {

// Room for a data or dictionary page header (a few varints), reserved with the page.
constexpr size_t kMaxPageHeaderBytes = 64;

// Levels with a 4-byte little-endian length prefix, as data page v1 stores them.
void AppendLevels(const std::vector<uint8_t>& levels, uint8_t max_level, std::string* page) {
  const size_t length_at = page->size();
  page->append(4, '\0');
  RleBitPackedEncoder::Encode(levels.data(), levels.size(),
                              RleBitPackedEncoder::BitWidth(max_level), page);
  const uint32_t length = static_cast<uint32_t>(page->size() - length_at - 4);
  std::memcpy(page->data() + length_at, &length, 4);
}

}  // namespace

Status LeafColumnWriter::AppendPage(format::PageHeader header, std::string_view body,
                                    std::string* out) {
  std::string_view stored = body;
  if (options_.codec != Codec::kUncompressed) {
    const size_t room = MaxCompressedLength(options_.codec, body.size());
    if (room > compressed_capacity_) {
      compressed_capacity_ = std::max(room, compressed_capacity_ * 2);
      compressed_scratch_ = std::make_unique_for_overwrite<char[]>(compressed_capacity_);
    }
    TRIB_ASSIGN_OR_RETURN(size_t written,
                          CompressTo(options_.codec, body, compressed_scratch_.get(),
                                     compressed_capacity_, options_.compression_level));
    stored = std::string_view(compressed_scratch_.get(), written);
  }
  if (body.size() > INT32_MAX || stored.size() > INT32_MAX) {
    return Status::InvalidArgument(
        "column '{}': a page of {} bytes exceeds Parquet's 2 GiB page limit; lower the page size",
        path(), body.size());
  }
  header.uncompressed_page_size = static_cast<int32_t>(body.size());
  header.compressed_page_size = static_cast<int32_t>(stored.size());
  const size_t header_at = out->size();
  out->reserve(header_at + stored.size() + kMaxPageHeaderBytes);
  format::Serialize(header, out);
  const int64_t header_size = static_cast<int64_t>(out->size() - header_at);
  out->append(stored);
  uncompressed_bytes_ += header_size + static_cast<int64_t>(body.size());
  compressed_bytes_ += header_size + static_cast<int64_t>(stored.size());
  return Status::OK();
}

Status LeafColumnWriter::FlushPage() {
  std::string& page = page_scratch_;
  page.clear();
  if (rep_level() > 0) AppendLevels(rep_levels_, rep_level(), &page);
  if (def_level() > 0) AppendLevels(def_levels_, def_level(), &page);
  const format::Encoding encoding = EncodePageValues(&page);
  format::PageHeader header;
  header.type = format::PageType::kDataPage;
  header.data_page_header = format::DataPageHeader{static_cast<int32_t>(page_entries_), encoding,
                                                   format::Encoding::kRle, format::Encoding::kRle};
  if (pages_used_ == pages_.size()) pages_.emplace_back();
  std::string& stored = pages_[pages_used_++];
  stored.clear();
  const size_t capacity_before = stored.capacity();
  TRIB_RETURN_IF_ERROR(AppendPage(header, page, &stored));
  pages_capacity_ += stored.capacity() - capacity_before;
  (encoding == format::Encoding::kRleDictionary ? dictionary_pages_ : plain_pages_) += 1;
  chunk_entries_ += static_cast<int64_t>(page_entries_);
  chunk_nulls_ += static_cast<int64_t>(page_nulls_);
  def_levels_.clear();
  rep_levels_.clear();
  page_entries_ = 0;
  page_nulls_ = 0;
  marked_row_ = -1;  // the next row marks the empty page
  return Status::OK();
}

Status LeafColumnWriter::WriteChunk(ChunkSink& sink, format::ColumnChunk* chunk) {
  if (page_entries_ > 0) TRIB_RETURN_IF_ERROR(FlushPage());
  format::ColumnMetaData& meta = chunk->meta_data;
  meta = format::ColumnMetaData{};
  meta.type = physical_type_;
  meta.path_in_schema = schema_path_;
  meta.codec = static_cast<format::CompressionCodec>(options_.codec);
  meta.num_values = chunk_entries_;
  const int64_t chunk_start = sink.out_file_offset + static_cast<int64_t>(sink.out->size());
  chunk->file_offset = chunk_start;

  const int64_t data_uncompressed = uncompressed_bytes_;
  const int64_t data_compressed = compressed_bytes_;
  uncompressed_bytes_ = 0;
  compressed_bytes_ = 0;
  if (has_dictionary()) {
    meta.dictionary_page_offset = chunk_start;
    format::PageHeader header;
    header.type = format::PageType::kDictionaryPage;
    header.dictionary_page_header =
        format::DictionaryPageHeader{dictionary_size(), format::Encoding::kPlain};
    page_scratch_.clear();
    EncodeDictionaryPage(&page_scratch_);
    TRIB_RETURN_IF_ERROR(AppendPage(header, page_scratch_, sink.out));
    meta.encoding_stats.push_back({format::PageType::kDictionaryPage, format::Encoding::kPlain, 1});
  }
  meta.data_page_offset = sink.out_file_offset + static_cast<int64_t>(sink.out->size());
  for (size_t i = 0; i < pages_used_; ++i) sink.out->append(pages_[i]);
  meta.total_uncompressed_size = uncompressed_bytes_ + data_uncompressed;
  meta.total_compressed_size = compressed_bytes_ + data_compressed;

  meta.encodings = {format::Encoding::kPlain, format::Encoding::kRle};
  if (dictionary_pages_ > 0) {
    meta.encodings.push_back(format::Encoding::kRleDictionary);
    meta.encoding_stats.push_back(
        {format::PageType::kDataPage, format::Encoding::kRleDictionary, dictionary_pages_});
  }
  if (plain_pages_ > 0) {
    meta.encoding_stats.push_back({format::PageType::kDataPage, format::Encoding::kPlain, plain_pages_});
  }
  FillStatistics(&meta.statistics);
  meta.statistics.null_count = chunk_nulls_;

  pages_used_ = 0;
  chunk_entries_ = 0;
  chunk_nulls_ = 0;
  uncompressed_bytes_ = 0;
  compressed_bytes_ = 0;
  dictionary_pages_ = 0;
  plain_pages_ = 0;
  ResetChunk();
  marked_row_ = -1;
  return Status::OK();
}

}  // namespace tributary::parquet

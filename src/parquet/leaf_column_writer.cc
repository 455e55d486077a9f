#include "parquet/leaf_column_writer.h"

#include <cstring>

#include "parquet/codec.h"
#include "parquet/rle_bit_packed_encoder.h"

namespace tributary::parquet {

LeafColumnWriter::LeafColumnWriter(std::string path, format::Repetition repetition,
                                   uint8_t def_level, uint8_t rep_level,
                                   std::vector<std::string> schema_path,
                                   format::Type physical_type, const WriterOptions& options)
    : ColumnWriter(std::move(path), repetition, def_level, rep_level),
      options_(options),
      schema_path_(std::move(schema_path)),
      physical_type_(physical_type) {}

bool LeafColumnWriter::Write(const data::Value& value, uint8_t rep_level, std::string* error) {
  if (value.is_null()) return WriteNull(rep_level, error);
  if (!AppendValue(value, error)) return false;
  if (this->rep_level() > 0) rep_levels_.push_back(rep_level);
  if (def_level() > 0) def_levels_.push_back(def_level());
  ++num_entries_;
  return true;
}

void LeafColumnWriter::WriteAbsent(uint8_t rep_level, uint8_t def_level) {
  if (this->rep_level() > 0) rep_levels_.push_back(rep_level);
  def_levels_.push_back(def_level);  // only reached below an optional or repeated node
  ++num_entries_;
}

void LeafColumnWriter::MarkRowStart() {
  marked_entries_ = num_entries_;
  MarkValues();
}

void LeafColumnWriter::RollbackRow() {
  num_entries_ = marked_entries_;
  if (def_level() > 0) def_levels_.resize(num_entries_);
  if (rep_level() > 0) rep_levels_.resize(num_entries_);
  RollbackValues();
}

size_t LeafColumnWriter::MemoryBytes() const {
  return def_levels_.size() + rep_levels_.size() + ValuesMemoryBytes();
}

namespace {

// Levels with a 4-byte little-endian length prefix, as data page v1 stores them.
void AppendLevels(const uint8_t* levels, size_t count, uint8_t max_level, std::string* page) {
  const size_t length_at = page->size();
  page->append(4, '\0');
  RleBitPackedEncoder::Encode(levels, count, RleBitPackedEncoder::BitWidth(max_level), page);
  const uint32_t length = static_cast<uint32_t>(page->size() - length_at - 4);
  std::memcpy(page->data() + length_at, &length, 4);
}

}  // namespace

void LeafColumnWriter::EncodeDataPage(size_t first_entry, size_t end_entry, size_t value_count,
                                      std::string* page) {
  page->clear();
  if (rep_level() > 0) {
    AppendLevels(rep_levels_.data() + first_entry, end_entry - first_entry, rep_level(), page);
  }
  if (def_level() > 0) {
    AppendLevels(def_levels_.data() + first_entry, end_entry - first_entry, def_level(), page);
  }
  EncodeNextValues(value_count, page);
}

Status LeafColumnWriter::WritePage(ChunkSink& sink, const format::PageHeader& header_template,
                                   std::string_view body, format::ColumnMetaData* meta) {
  std::string_view stored = body;
  if (options_.codec != Codec::kUncompressed) {
    sink.compressed->clear();
    TRIB_RETURN_IF_ERROR(Compress(options_.codec, body, sink.compressed,
                                  options_.compression_level));
    stored = *sink.compressed;
  }
  if (body.size() > INT32_MAX || stored.size() > INT32_MAX) {
    return Status::InvalidArgument("column '{}': a page of {} bytes exceeds Parquet's 2 GiB limit",
                                   path(), body.size());
  }
  format::PageHeader header = header_template;
  header.uncompressed_page_size = static_cast<int32_t>(body.size());
  header.compressed_page_size = static_cast<int32_t>(stored.size());
  const size_t header_at = sink.out->size();
  format::Serialize(header, sink.out);
  const int64_t header_size = static_cast<int64_t>(sink.out->size() - header_at);
  sink.out->append(stored);
  meta->total_uncompressed_size += header_size + static_cast<int64_t>(body.size());
  meta->total_compressed_size += header_size + static_cast<int64_t>(stored.size());
  return Status::OK();
}

Status LeafColumnWriter::WriteChunk(ChunkSink& sink, format::ColumnChunk* chunk) {
  format::ColumnMetaData& meta = chunk->meta_data;
  meta = format::ColumnMetaData{};
  meta.type = physical_type_;
  meta.path_in_schema = schema_path_;
  meta.codec = static_cast<format::CompressionCodec>(options_.codec);
  meta.num_values = num_entries_;
  const int64_t chunk_start = sink.out_file_offset + static_cast<int64_t>(sink.out->size());
  chunk->file_offset = chunk_start;

  const bool dictionary = dictionary_encoded();
  if (dictionary) {
    meta.dictionary_page_offset = chunk_start;
    format::PageHeader header;
    header.type = format::PageType::kDictionaryPage;
    header.dictionary_page_header = format::DictionaryPageHeader{dictionary_size(),
                                                                 format::Encoding::kPlain};
    sink.page->clear();
    EncodeDictionaryPage(sink.page);
    TRIB_RETURN_IF_ERROR(WritePage(sink, header, *sink.page, &meta));
    meta.encoding_stats.push_back({format::PageType::kDictionaryPage, format::Encoding::kPlain, 1});
  }
  meta.data_page_offset = sink.out_file_offset + static_cast<int64_t>(sink.out->size());

  const format::Encoding value_encoding =
      dictionary ? format::Encoding::kRleDictionary : format::Encoding::kPlain;
  format::PageHeader header;
  header.type = format::PageType::kDataPage;
  header.data_page_header = format::DataPageHeader{0, value_encoding, format::Encoding::kRle,
                                                   format::Encoding::kRle};
  // Levels take a few bits per entry; a quarter byte is a fair estimate for page sizing.
  const double entry_bytes = (def_level() > 0 ? 0.125 : 0.0) + (rep_level() > 0 ? 0.125 : 0.0);
  const double value_bytes = EncodedBytesPerValue();
  const double page_bytes = static_cast<double>(options_.page_bytes);
  const bool has_def = def_level() > 0;
  const bool has_rep = rep_level() > 0;
  const uint8_t max_def = def_level();

  BeginPages();
  int32_t data_pages = 0;
  int64_t null_count = 0;
  size_t entry = 0;
  const size_t num_entries = static_cast<size_t>(num_entries_);
  while (entry < num_entries) {
    const size_t first = entry;
    size_t values = 0;
    while (entry < num_entries) {
      const bool is_value = !has_def || def_levels_[entry] == max_def;
      values += is_value;
      null_count += !is_value;
      ++entry;
      const bool row_boundary = !has_rep || entry == num_entries || rep_levels_[entry] == 0;
      if (row_boundary && static_cast<double>(values) * value_bytes +
                                  static_cast<double>(entry - first) * entry_bytes >=
                              page_bytes) {
        break;
      }
    }
    EncodeDataPage(first, entry, values, sink.page);
    header.data_page_header->num_values = static_cast<int32_t>(entry - first);
    TRIB_RETURN_IF_ERROR(WritePage(sink, header, *sink.page, &meta));
    ++data_pages;
  }
  meta.encoding_stats.push_back({format::PageType::kDataPage, value_encoding, data_pages});
  meta.encodings = dictionary ? std::vector<format::Encoding>{format::Encoding::kPlain,
                                                              format::Encoding::kRle,
                                                              format::Encoding::kRleDictionary}
                              : std::vector<format::Encoding>{format::Encoding::kPlain,
                                                              format::Encoding::kRle};
  FillStatistics(&meta.statistics);
  meta.statistics.null_count = null_count;

  num_entries_ = 0;
  marked_entries_ = 0;
  def_levels_.clear();
  rep_levels_.clear();
  ResetValues();
  return Status::OK();
}

}  // namespace tributary::parquet

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
  return pages_capacity_ + pending_body_bytes_ + def_levels_.size() + rep_levels_.size() +
         ValuesMemoryBytes();
}

Status LeafColumnWriter::FlushOpenPage() {
  return page_entries_ > 0 ? FlushPage() : Status::OK();
}

namespace {

// Room for a data or dictionary page header (a few varints), reserved with the page.
constexpr size_t kMaxPageHeaderBytes = 64;

struct StoredPage {
  int64_t header_bytes = 0;
  size_t stored_bytes = 0;  // after compression
};

// Compresses `body` with `codec` and appends the page (header, then the stored bytes) to
// *out. Safe on any thread: the compressed bytes go through a buffer of the calling thread.
Result<StoredPage> StorePage(Codec codec, int level, format::PageHeader header,
                             std::string_view body, std::string* out) {
  std::string_view stored = body;
  if (codec != Codec::kUncompressed) {
    // A raw buffer, since a string would zero-fill the codec's worst case for every page.
    thread_local std::unique_ptr<char[]> scratch;
    thread_local size_t capacity = 0;
    const size_t room = MaxCompressedLength(codec, body.size());
    if (room > capacity) {
      capacity = std::max(room, capacity * 2);
      scratch = std::make_unique_for_overwrite<char[]>(capacity);
    }
    TRIB_ASSIGN_OR_RETURN(size_t written,
                          CompressTo(codec, body, scratch.get(), capacity, level));
    stored = std::string_view(scratch.get(), written);
  }
  if (body.size() > INT32_MAX || stored.size() > INT32_MAX) {
    return Status::InvalidArgument(
        "a page of {} bytes exceeds Parquet's 2 GiB page limit; lower the page size",
        body.size());
  }
  header.uncompressed_page_size = static_cast<int32_t>(body.size());
  header.compressed_page_size = static_cast<int32_t>(stored.size());
  const size_t header_at = out->size();
  out->reserve(header_at + stored.size() + kMaxPageHeaderBytes);
  format::Serialize(header, out);
  StoredPage page{static_cast<int64_t>(out->size() - header_at), stored.size()};
  out->append(stored);
  return page;
}

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

void LeafColumnWriter::CountPage(int64_t header_bytes, size_t body_bytes, size_t stored_bytes) {
  uncompressed_bytes_ += header_bytes + static_cast<int64_t>(body_bytes);
  compressed_bytes_ += header_bytes + static_cast<int64_t>(stored_bytes);
}

Status LeafColumnWriter::AppendPage(format::PageHeader header, std::string_view body,
                                    std::string* out) {
  auto stored = StorePage(options_.codec, options_.compression_level, header, body, out);
  if (!stored.ok()) return stored.status().Annotate(fmt::format("column '{}'", path()));
  CountPage(stored->header_bytes, body.size(), stored->stored_bytes);
  return Status::OK();
}

std::string LeafColumnWriter::TakeBodyBuffer() {
  if (spare_bodies_.empty()) return std::string();
  std::string body = std::move(spare_bodies_.back());
  spare_bodies_.pop_back();
  body.clear();
  return body;
}

void LeafColumnWriter::KeepBodyBuffer(std::string body) {
  // Two cover a page being filled while one is compressed; more would only hold memory.
  if (spare_bodies_.size() < 2) spare_bodies_.push_back(std::move(body));
}

// A data page handed to the compressor: its body until compressed, then its sizes.
struct LeafColumnWriter::PendingPage {
  format::PageHeader header;
  std::string body;
  std::string* stored = nullptr;  // its slot in pages_
  size_t capacity_before = 0;     // of the slot, before this page
  StoredPage sizes;
};

Status LeafColumnWriter::FlushPage() {
  // The body goes behind room for its header: stored uncompressed, it becomes the page.
  std::string page = TakeBodyBuffer();
  page.append(kMaxPageHeaderBytes, '\0');
  if (rep_level() > 0) AppendLevels(rep_levels_, rep_level(), &page);
  if (def_level() > 0) AppendLevels(def_levels_, def_level(), &page);
  const format::Encoding encoding = EncodePageValues(&page);
  format::PageHeader header;
  header.type = format::PageType::kDataPage;
  header.data_page_header = format::DataPageHeader{static_cast<int32_t>(page_entries_), encoding,
                                                   format::Encoding::kRle, format::Encoding::kRle};
  if (pages_used_ == pages_.size()) {
    pages_.emplace_back();
    page_starts_.push_back(0);
  }
  page_starts_[pages_used_] = 0;
  std::string& stored = pages_[pages_used_++];
  stored.clear();
  const size_t capacity_before = stored.capacity();
  const std::string_view body = std::string_view(page).substr(kMaxPageHeaderBytes);
  (encoding == format::Encoding::kRleDictionary ? dictionary_pages_ : plain_pages_) += 1;
  chunk_entries_ += static_cast<int64_t>(page_entries_);
  chunk_nulls_ += static_cast<int64_t>(page_nulls_);
  def_levels_.clear();
  rep_levels_.clear();
  page_entries_ = 0;
  page_nulls_ = 0;
  marked_row_ = -1;  // the next row marks the empty page

  if (options_.codec == Codec::kUncompressed) {
    if (body.size() > INT32_MAX) {
      return Status::InvalidArgument(
          "column '{}': a page of {} bytes exceeds Parquet's 2 GiB page limit; lower the page "
          "size", path(), body.size());
    }
    header.uncompressed_page_size = static_cast<int32_t>(body.size());
    header.compressed_page_size = header.uncompressed_page_size;
    std::string& header_bytes = stored;  // the slot's old buffer, free until the swap
    format::Serialize(header, &header_bytes);
    if (header_bytes.size() > kMaxPageHeaderBytes) {
      return Status::Internal("column '{}': a page header of {} bytes", path(),
                              header_bytes.size());
    }
    const size_t start = kMaxPageHeaderBytes - header_bytes.size();
    std::memcpy(page.data() + start, header_bytes.data(), header_bytes.size());
    CountPage(static_cast<int64_t>(header_bytes.size()), body.size(), body.size());
    stored.swap(page);
    page_starts_[pages_used_ - 1] = start;
    pages_capacity_ += stored.capacity() - capacity_before;
    KeepBodyBuffer(std::move(page));
    return Status::OK();
  }
  if (compressor_ == nullptr) {
    Status s = AppendPage(header, body, &stored);
    pages_capacity_ += stored.capacity() - capacity_before;
    KeepBodyBuffer(std::move(page));
    return s;
  }
  auto pending = std::make_shared<PendingPage>();
  pending->header = header;
  pending->body = std::move(page);
  pending->stored = &stored;
  pending->capacity_before = capacity_before;
  pending_body_bytes_ += pending->body.size();
  const Codec codec = options_.codec;
  const int level = options_.compression_level;
  return compressor_->Submit(
      [pending, codec, level]() -> Status {
        const std::string_view body =
            std::string_view(pending->body).substr(kMaxPageHeaderBytes);
        TRIB_ASSIGN_OR_RETURN(pending->sizes,
                              StorePage(codec, level, pending->header, body, pending->stored));
        return Status::OK();
      },
      [this, pending](Status compressed) -> Status {
        pending_body_bytes_ -= pending->body.size();
        const size_t body_bytes = pending->body.size() - kMaxPageHeaderBytes;
        KeepBodyBuffer(std::move(pending->body));
        if (!compressed.ok()) return compressed.Annotate(fmt::format("column '{}'", path()));
        pages_capacity_ += pending->stored->capacity() - pending->capacity_before;
        CountPage(pending->sizes.header_bytes, body_bytes, pending->sizes.stored_bytes);
        return Status::OK();
      });
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
    std::string page = TakeBodyBuffer();
    EncodeDictionaryPage(&page);
    Status s = AppendPage(header, page, sink.out);
    KeepBodyBuffer(std::move(page));
    TRIB_RETURN_IF_ERROR(s);
    meta.encoding_stats.push_back({format::PageType::kDictionaryPage, format::Encoding::kPlain, 1});
  }
  meta.data_page_offset = sink.out_file_offset + static_cast<int64_t>(sink.out->size());
  for (size_t i = 0; i < pages_used_; ++i) sink.out->append(pages_[i], page_starts_[i]);
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

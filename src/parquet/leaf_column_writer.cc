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
  return FlushPage();
}

void LeafColumnWriter::set_compressor(PageCompressor* compressor) {
  compressor_ = compressor;
  // A page's slot is free again once its job is retired: at most depth() jobs are
  // unretired after a page is submitted, so depth() + 1 slots leave one for the next page.
  const size_t slots = compressor == nullptr ? 1 : compressor->depth() + 1;
  closed_def_levels_.resize(slots);
  closed_rep_levels_.resize(slots);
  ResizeSlots(slots);
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
  return pages_capacity_ + pending_page_bytes_ + def_levels_.size() + rep_levels_.size() +
         ValuesMemoryBytes() + dictionary_bytes_;
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
  // One per page slot covers the pages in flight; more would only hold memory.
  if (spare_bodies_.size() < closed_def_levels_.size() + 1) {
    spare_bodies_.push_back(std::move(body));
  }
}

// A closed data page: its slot until encoded, then its stored bytes' place and sizes.
struct LeafColumnWriter::ClosedPage {
  uint64_t serial = 0;  // of the column's pages, for the encoding order
  size_t slot = 0;
  size_t entries = 0;
  size_t plain_bytes = 0;  // of levels and values, as counted while open
  std::string body;        // the encoded page, built behind room for its header
  size_t page_index = 0;   // in pages_
  std::string* stored = nullptr;
  size_t capacity_before = 0;  // of *stored, before this page
  size_t start = 0;            // of the page in *stored
  StoredPage sizes;
  size_t body_bytes = 0;
  size_t dictionary_bytes = 0;  // DictionaryMemoryBytes() after this page
};

Status LeafColumnWriter::FlushPage() {
  if (closed_def_levels_.empty()) set_compressor(nullptr);
  auto page = std::make_shared<ClosedPage>();
  page->serial = pages_closed_++;
  page->slot = next_slot_;
  next_slot_ = (next_slot_ + 1) % closed_def_levels_.size();
  page->entries = page_entries_;
  page->plain_bytes = PageValueBytes() + def_levels_.size() + rep_levels_.size();
  page->body = TakeBodyBuffer();
  def_levels_.swap(closed_def_levels_[page->slot]);
  rep_levels_.swap(closed_rep_levels_[page->slot]);
  def_levels_.clear();
  rep_levels_.clear();
  DetachPageValues(page->slot);
  if (pages_used_ == pages_.size()) {
    pages_.emplace_back();
    page_starts_.push_back(0);
  }
  page->page_index = pages_used_++;
  page->stored = &pages_[page->page_index];
  page->stored->clear();
  page->capacity_before = page->stored->capacity();
  chunk_entries_ += static_cast<int64_t>(page_entries_);
  chunk_nulls_ += static_cast<int64_t>(page_nulls_);
  page_entries_ = 0;
  page_nulls_ = 0;
  marked_row_ = -1;  // the next row marks the empty page

  if (compressor_ == nullptr) {
    Status encoded = EncodePage(*page);
    return RetirePage(*page, std::move(encoded));
  }
  pending_page_bytes_ += page->plain_bytes;
  return compressor_->Submit([this, page]() { return EncodePage(*page); },
                             [this, page](Status encoded) {
                               pending_page_bytes_ -= page->plain_bytes;
                               return RetirePage(*page, std::move(encoded));
                             });
}

Status LeafColumnWriter::EncodePage(ClosedPage& page) {
  {
    // The column's pages share its dictionary and statistics: one at a time, in order. The
    // compressor hands out jobs in order, so the page before is being encoded already.
    std::unique_lock lock(encode_mutex_);
    encoded_.wait(lock, [&] { return pages_encoded_ == page.serial; });
  }
  std::string& body = page.body;
  body.append(kMaxPageHeaderBytes, '\0');
  if (rep_level() > 0) AppendLevels(closed_rep_levels_[page.slot], rep_level(), &body);
  if (def_level() > 0) AppendLevels(closed_def_levels_[page.slot], def_level(), &body);
  closed_rep_levels_[page.slot].clear();
  closed_def_levels_[page.slot].clear();
  const format::Encoding encoding = EncodePageValues(page.slot, &body);
  (encoding == format::Encoding::kRleDictionary ? dictionary_pages_ : plain_pages_) += 1;
  if (DictionaryDone()) StopDictionary();
  page.dictionary_bytes = DictionaryMemoryBytes();
  {
    std::lock_guard lock(encode_mutex_);
    ++pages_encoded_;
  }
  encoded_.notify_all();

  format::PageHeader header;
  header.type = format::PageType::kDataPage;
  header.data_page_header = format::DataPageHeader{static_cast<int32_t>(page.entries), encoding,
                                                   format::Encoding::kRle, format::Encoding::kRle};
  const std::string_view values = std::string_view(body).substr(kMaxPageHeaderBytes);
  page.body_bytes = values.size();
  if (options_.codec != Codec::kUncompressed) {
    TRIB_ASSIGN_OR_RETURN(page.sizes, StorePage(options_.codec, options_.compression_level,
                                                header, values, page.stored));
    return Status::OK();
  }
  // Stored uncompressed, the body becomes the page: its header goes into the room before it.
  if (values.size() > INT32_MAX) {
    return Status::InvalidArgument(
        "a page of {} bytes exceeds Parquet's 2 GiB page limit; lower the page size",
        values.size());
  }
  header.uncompressed_page_size = static_cast<int32_t>(values.size());
  header.compressed_page_size = header.uncompressed_page_size;
  std::string& header_bytes = *page.stored;  // the slot's old buffer, free until the swap
  format::Serialize(header, &header_bytes);
  if (header_bytes.size() > kMaxPageHeaderBytes) {
    return Status::Internal("a page header of {} bytes", header_bytes.size());
  }
  page.start = kMaxPageHeaderBytes - header_bytes.size();
  std::memcpy(body.data() + page.start, header_bytes.data(), header_bytes.size());
  page.sizes = StoredPage{static_cast<int64_t>(header_bytes.size()), values.size()};
  page.stored->swap(body);
  return Status::OK();
}

Status LeafColumnWriter::RetirePage(ClosedPage& page, Status encoded) {
  KeepBodyBuffer(std::move(page.body));
  if (!encoded.ok()) return encoded.Annotate(fmt::format("column '{}'", path()));
  page_starts_[page.page_index] = page.start;
  pages_capacity_ += page.stored->capacity() - page.capacity_before;
  CountPage(page.sizes.header_bytes, page.body_bytes, page.sizes.stored_bytes);
  dictionary_bytes_ = page.dictionary_bytes;
  return Status::OK();
}

Status LeafColumnWriter::WriteChunk(ChunkSink& sink, format::ColumnChunk* chunk) {
  if (page_entries_ > 0 || pending_page_bytes_ > 0) {
    return Status::Internal("column '{}': the chunk is written before its pages are encoded",
                            path());
  }
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
  dictionary_bytes_ = 0;
  ResetChunk();
  marked_row_ = -1;
  return Status::OK();
}

}  // namespace tributary::parquet

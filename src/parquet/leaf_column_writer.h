// LeafColumnWriter: a primitive column. Shreds values into the open page's buffers; at the
// end of a row, a page that reached options.page_bytes is closed: its buffers are handed to
// encoding and compression (levels, dictionary or PLAIN values, the page header, the codec)
// into the column chunk's buffer, so pages end on row boundaries and memory holds encoded
// pages plus one open page per column. When the row group closes, WriteChunk() emits the
// column chunk: an optional PLAIN dictionary page, then the data pages (v1), each holding
// RLE/bit-packed repetition and definition levels followed by the values.
//
// With a PageCompressor (set_compressor), closed pages are encoded and compressed on the
// pool's threads while rows are shredded: a page's buffers go to a slot of their own until
// its job is retired, and the pages of one column are encoded one after the other in order
// (they share the dictionary and statistics), so the bytes do not depend on timing.
//
// Subclasses (one per physical type) own the values: how a Connect value becomes a Parquet
// value, dictionary or PLAIN encoding, and min/max statistics. A dictionary that outgrows
// options.dictionary_page_bytes ends dictionary encoding for the rest of the chunk: the pages
// written so far stay RLE_DICTIONARY, later ones are PLAIN (as parquet-mr and Arrow do).
//
// Thread-safety: not thread-safe; the encoding of closed pages runs on the compressor's
// threads, ordered with the writer's thread by the compressor.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/status.h"
#include "parquet/column_writer.h"
#include "parquet/metadata.h"
#include "parquet/page_compressor.h"
#include "parquet/writer_options.h"

namespace tributary::parquet {

// Where a column chunk goes: appended to `out`, whose first byte is at file offset
// `out_file_offset`.
struct ChunkSink {
  std::string* out = nullptr;
  int64_t out_file_offset = 0;
};

class LeafColumnWriter : public ColumnWriter {
 public:
  // Write() is implemented by each subclass around AppendPresent(), so that the value's
  // conversion inlines into the shredding loop.
  void WriteAbsent(uint8_t rep_level, uint8_t def_level) final;

  // Between rows: closes the open page if it reached options.page_bytes. Called every few
  // rows, so pages end on row boundaries.
  Status CloseFullPage();
  // Drops what the current row or block (number *row_serial, see the constructor) wrote here.
  void RollbackRow();
  // Ends the open page, if it has entries (before the row group's chunks are written).
  Status FlushOpenPage();
  // Closed pages are then encoded and compressed through `compressor` (owned by the file
  // writer, which retires its jobs before WriteChunk()); without one, on the calling thread.
  // Set before the first row.
  void set_compressor(PageCompressor* compressor);

  // Memory held for the open row group: encoded pages (with the room kept from earlier row
  // groups), closed pages waiting for encoding (at their PLAIN size), the open page, and the
  // dictionary as of the last retired page.
  size_t MemoryBytes() const;

  // Appends this row group's column chunk to sink.out, fills *chunk, and resets. The open
  // page must be flushed and the compressor's jobs retired first.
  Status WriteChunk(ChunkSink& sink, format::ColumnChunk* chunk);

  // The open page's levels (empty when the maximum level is 0), for tests.
  const std::vector<uint8_t>& def_levels() const { return def_levels_; }
  const std::vector<uint8_t>& rep_levels() const { return rep_levels_; }

 protected:
  // `row_serial` numbers row attempts (the writer bumps it before each row, or each block of
  // rows given to WriteColumn()); the first write of a row here remembers the state that
  // RollbackRow() restores. It must outlive the leaf.
  LeafColumnWriter(std::string path, format::Repetition repetition, uint8_t def_level,
                   uint8_t rep_level, std::vector<std::string> schema_path,
                   format::Type physical_type, const WriterOptions& options,
                   const int64_t* row_serial);

  // Records the levels of a present value; the subclass has stored the value itself.
  // Call MarkRowIfNew() before storing it.
  void RecordPresent(uint8_t rep_level) {
    if (this->rep_level() > 0) rep_levels_.push_back(rep_level);
    if (def_level() > 0) def_levels_.push_back(def_level());
    ++page_entries_;
  }
  // For WriteColumn(): room for the definition levels of `count` more entries (nullptr when
  // the column has none), to fill before CommitEntries(count, nulls among them).
  uint8_t* ExtendDefLevels(size_t count) {
    if (def_level() == 0) return nullptr;
    const size_t at = def_levels_.size();
    def_levels_.resize(at + count);
    return def_levels_.data() + at;
  }
  void CommitEntries(size_t count, size_t nulls) {
    page_entries_ += count;
    page_nulls_ += nulls;
  }
  // Remember / restore the open page's values for row rollback.
  virtual void MarkValues() = 0;
  virtual void RollbackValues() = 0;
  // PLAIN size of the open page's values.
  virtual size_t PageValueBytes() const = 0;
  // Memory of the open page's values.
  virtual size_t ValuesMemoryBytes() const = 0;
  // Room for `slots` closed pages' values (DetachPageValues' slots); called before any row.
  virtual void ResizeSlots(size_t slots) = 0;
  // Moves the open page's values to `slot` (free: its last page is encoded), leaving the
  // open page empty.
  virtual void DetachPageValues(size_t slot) = 0;

  // The rest runs in the encoding of closed pages: on any thread, one page of the column at
  // a time, in order.
  //
  // True once dictionary encoding should stop for the rest of the chunk: the dictionary
  // (updated as pages are encoded) passed options.dictionary_page_bytes, or, as parquet-mr
  // judges after the first page, dictionary plus indices are no smaller than PLAIN would be
  // (unique values such as ids or timestamps).
  virtual bool DictionaryDone() const = 0;
  // Encodes the values in `slot` onto *out, empties the slot, and says how they were encoded.
  virtual format::Encoding EncodePageValues(size_t slot, std::string* out) = 0;
  // Stops dictionary encoding for the rest of the chunk (the dictionary stays for its page).
  virtual void StopDictionary() = 0;
  virtual size_t DictionaryMemoryBytes() const = 0;

  // After the chunk's pages are encoded:
  // The chunk's dictionary, if any page used it.
  virtual bool has_dictionary() const = 0;
  virtual int32_t dictionary_size() const = 0;
  virtual void EncodeDictionaryPage(std::string* out) const = 0;
  // min/max over the chunk (and the deprecated min/max where the order is signed).
  virtual void FillStatistics(format::Statistics* statistics) const = 0;
  // Forgets the chunk's values and dictionary.
  virtual void ResetChunk() = 0;

  const WriterOptions& options() const { return options_; }

  // Remembers the state before the current row's first write here, for RollbackRow().
  void MarkRowIfNew() {
    if (marked_row_ != *row_serial_) {
      marked_row_ = *row_serial_;
      marked_entries_ = page_entries_;
      marked_nulls_ = page_nulls_;
      MarkValues();
    }
  }
 private:
  struct ClosedPage;
  Status FlushPage();
  // Encodes and stores a closed page (any thread, in the column's page order).
  Status EncodePage(ClosedPage& page);
  // Accounts for an encoded page (the writer's thread, in page order).
  Status RetirePage(ClosedPage& page, Status encoded);
  // Compresses `body` and appends header + body to *out; adds the sizes to the totals.
  Status AppendPage(format::PageHeader header, std::string_view body, std::string* out);
  // Adds a stored page's sizes to the chunk's totals.
  void CountPage(int64_t header_bytes, size_t body_bytes, size_t stored_bytes);
  // An empty buffer for the next page's body, reusing the room of earlier pages.
  std::string TakeBodyBuffer();
  void KeepBodyBuffer(std::string body);

  const WriterOptions& options_;
  const int64_t* row_serial_;
  int64_t marked_row_ = -1;
  std::vector<std::string> schema_path_;
  format::Type physical_type_;

  // The open page.
  std::vector<uint8_t> def_levels_;  // only when def_level() > 0
  std::vector<uint8_t> rep_levels_;  // only when rep_level() > 0
  size_t page_entries_ = 0;
  size_t page_nulls_ = 0;
  size_t marked_entries_ = 0;
  size_t marked_nulls_ = 0;

  // The chunk so far: its data pages, headers included, one string each, the page starting
  // at page_starts_[i] (an uncompressed page is its body buffer, built behind room for its
  // header, so it is never copied). The strings stay for the next row group (pages_used_ of
  // them are this chunk's), so after the first row group pages cost no allocation and touch
  // no fresh memory. A deque, so that a page being compressed on another thread keeps its
  // place while pages are added.
  std::deque<std::string> pages_;
  std::vector<size_t> page_starts_;
  size_t pages_used_ = 0;
  size_t pages_capacity_ = 0;  // of all of pages_
  int64_t chunk_entries_ = 0;
  int64_t chunk_nulls_ = 0;
  int64_t uncompressed_bytes_ = 0;  // headers included
  int64_t compressed_bytes_ = 0;
  int32_t dictionary_pages_ = 0;  // data pages that are RLE_DICTIONARY
  int32_t plain_pages_ = 0;

  PageCompressor* compressor_ = nullptr;
  size_t pending_page_bytes_ = 0;  // PLAIN size of closed pages not yet retired
  std::vector<std::string> spare_bodies_;  // page body buffers to reuse
  size_t dictionary_bytes_ = 0;  // DictionaryMemoryBytes() as of the last retired page

  // Closed pages' levels, by slot (the values are the subclass's); pages take the slots in
  // turn, and a slot is free again once its page is retired.
  std::vector<std::vector<uint8_t>> closed_def_levels_;
  std::vector<std::vector<uint8_t>> closed_rep_levels_;
  size_t next_slot_ = 0;
  // Pages of the column closed so far, and encoded so far: a page waits for its turn.
  uint64_t pages_closed_ = 0;
  std::mutex encode_mutex_;
  std::condition_variable encoded_;
  uint64_t pages_encoded_ = 0;  // guarded by encode_mutex_
};

}  // namespace tributary::parquet

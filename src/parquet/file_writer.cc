#include "parquet/file_writer.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "parquet/column_tree.h"
#include "parquet/metadata.h"
#include "parquet/page_compressor.h"

namespace tributary::parquet {

static_assert(std::endian::native == std::endian::little,
              "PLAIN encoding copies values in host byte order");

namespace {
constexpr std::string_view kMagic = "PAR1";
constexpr int64_t kRowsPerSizeCheck = 32;
// Data pages of a file being compressed at once (each up to options.page_bytes).
constexpr size_t kPagesInCompression = 4;

// Asks the CPU to start loading the field values of a row (a struct) into the cache.
[[maybe_unused]] void PrefetchFields(const data::Value& row) {
  if (row.kind() != data::Value::Kind::kStruct) return;
  const std::vector<data::Value>& fields = row.as_struct().values;
  const char* begin = reinterpret_cast<const char*>(fields.data());
  const char* end = reinterpret_cast<const char*>(fields.data() + fields.size());
  for (const char* line = begin; line < end; line += 64) __builtin_prefetch(line);
}
}  // namespace

class ParquetFileWriter::Impl {
 public:
  Impl(data::SchemaPtr schema, WriterOptions options)
      : schema_(std::move(schema)), options_(std::move(options)) {}

  Status Init() {
    if (options_.page_bytes <= 0 || options_.row_group_bytes <= 0) {
      return Status::InvalidArgument(
          "Parquet page size ({}) and row group size ({}) must be positive", options_.page_bytes,
          options_.row_group_bytes);
    }
    TRIB_ASSIGN_OR_RETURN(tree_, BuildColumnTree(*schema_, options_));
    if (options_.background_compression) {
      compressor_ = std::make_unique<PageCompressor>(kPagesInCompression);
      for (LeafColumnWriter* leaf : tree_.leaves) leaf->set_compressor(compressor_.get());
    }
    out_.append(kMagic);
    return Status::OK();
  }

  bool IsRowOfSchema(const data::Value& row) const {
    if (row.kind() != data::Value::Kind::kStruct) return false;
    const data::SchemaPtr& row_schema = row.as_struct().schema;
    return row_schema == schema_ || (row_schema != nullptr && row_schema->Equals(*schema_));
  }

  Status WriteBatch(std::span<const data::Value* const> rows) {
    if (finished_) return Status::InvalidArgument("Parquet writer: Write() after Finish()");
    size_t at = 0;
    while (at < rows.size()) {
      // A block ends where sizes are checked next, so pages and row groups end on the same
      // rows as when the rows are written one by one: the file is the same.
      size_t block = std::min<size_t>(rows.size() - at,
                                      static_cast<size_t>(next_size_check_ - row_group_rows_));
      for (size_t i = 0; i < block; ++i) {
        if (!IsRowOfSchema(*rows[at + i])) {
          block = i;
          break;
        }
      }
      if (block == 0) {  // Write() rejects the row with its message
        TRIB_RETURN_IF_ERROR(Write(*rows[at]));
        ++at;
        continue;
      }
      const std::span<const data::Value* const> rows_in_block = rows.subspan(at, block);
      const std::span<const data::Value* const> upcoming =
          rows.subspan(at + block, std::min(rows.size() - at - block, block));
      ++*tree_.row_serial;
      if (!tree_.root->WriteRows(rows_in_block, upcoming, &error_)) {
        // Some row does not fit: drop the block, then row by row, the rows before it are
        // written and it is rejected with its message.
        for (LeafColumnWriter* leaf : tree_.leaves) leaf->RollbackRow();
        for (const data::Value* row : rows_in_block) TRIB_RETURN_IF_ERROR(Write(*row));
        at += block;
        continue;
      }
      at += block;
      num_rows_ += static_cast<int64_t>(block);
      row_group_rows_ += static_cast<int64_t>(block);
      TRIB_RETURN_IF_ERROR(CheckSizes());
    }
    return Status::OK();
  }

  Status Write(const data::Value& row) {
    if (finished_) return Status::InvalidArgument("Parquet writer: Write() after Finish()");
    if (row.kind() != data::Value::Kind::kStruct) {
      return Status::InvalidArgument(
          "Parquet row {} is {}, not a struct of schema {}", num_rows_,
          row.is_null() ? "null (a tombstone?)" : "not a struct", RootName(*schema_));
    }
    const data::SchemaPtr& row_schema = row.as_struct().schema;
    if (row_schema != schema_ && (row_schema == nullptr || !row_schema->Equals(*schema_))) {
      return Status::InvalidArgument(
          "Parquet row {} has schema {} but the file's schema is {}; start a new file for a "
          "new schema",
          num_rows_, row_schema ? row_schema->DebugString() : "(none)", schema_->DebugString());
    }
    ++*tree_.row_serial;
    if (!tree_.root->Write(row, 0, &error_)) {
      for (LeafColumnWriter* leaf : tree_.leaves) leaf->RollbackRow();
      return Status::InvalidArgument("Parquet row {}: {}", num_rows_, error_);
    }
    ++num_rows_;
    ++row_group_rows_;
    return CheckSizes();
  }

  Status CheckSizes() {
    // Page and row group sizes are targets: checking them every few rows is precise enough
    // and keeps the per-row cost to the shredding itself. Large rows are checked more often,
    // so that a row group overshoots its size by at most about half the room that was left.
    if (row_group_rows_ < next_size_check_) return Status::OK();
    size_t buffered = 0;
    for (LeafColumnWriter* leaf : tree_.leaves) {
      TRIB_RETURN_IF_ERROR(leaf->CloseFullPage());
      buffered += leaf->MemoryBytes();
    }
    NotePeak(buffered + out_.size());
    const int64_t room = options_.row_group_bytes - static_cast<int64_t>(buffered);
    if (room <= 0) return FlushRowGroup();
    const int64_t row_bytes = static_cast<int64_t>(buffered) / row_group_rows_ + 1;
    next_size_check_ = row_group_rows_ + std::clamp<int64_t>(room / row_bytes / 2, 1,
                                                             kRowsPerSizeCheck);
    return Status::OK();
  }

  size_t BufferedBytes() const {
    size_t total = 0;
    for (const LeafColumnWriter* leaf : tree_.leaves) total += leaf->MemoryBytes();
    return total;
  }

  void NotePeak(size_t held) { peak_buffered_bytes_ = std::max(peak_buffered_bytes_, held); }

  Status FlushRowGroup() {
    // While the chunks are copied out, the pages and their copy coexist.
    const size_t buffered = BufferedBytes();
    // The last pages of all columns are compressed at once, then the chunks written.
    for (LeafColumnWriter* leaf : tree_.leaves) TRIB_RETURN_IF_ERROR(leaf->FlushOpenPage());
    if (compressor_) TRIB_RETURN_IF_ERROR(compressor_->RetireAll());
    format::RowGroup group;
    group.num_rows = row_group_rows_;
    group.file_offset = out_file_offset_ + static_cast<int64_t>(out_.size());
    group.ordinal = static_cast<int16_t>(metadata_.row_groups.size() & 0x7FFF);
    // The encoded chunks are at most what the columns hold now: grow the output once.
    out_.reserve(out_.size() + buffered);
    ChunkSink sink{&out_, out_file_offset_};
    group.columns.resize(tree_.leaves.size());
    for (size_t i = 0; i < tree_.leaves.size(); ++i) {
      TRIB_RETURN_IF_ERROR(tree_.leaves[i]->WriteChunk(sink, &group.columns[i]));
      group.total_byte_size += group.columns[i].meta_data.total_uncompressed_size;
      group.total_compressed_size += group.columns[i].meta_data.total_compressed_size;
    }
    metadata_.row_groups.push_back(std::move(group));
    row_group_rows_ = 0;
    next_size_check_ = 1;
    NotePeak(buffered + out_.size());
    return Status::OK();
  }

  std::string TakeOutput() {
    std::string taken;
    taken.swap(out_);
    out_file_offset_ += static_cast<int64_t>(taken.size());
    return taken;
  }

  Result<std::string> Finish() {
    if (finished_) return Status::InvalidArgument("Parquet writer: Finish() called twice");
    if (row_group_rows_ > 0) TRIB_RETURN_IF_ERROR(FlushRowGroup());
    finished_ = true;
    metadata_.schema = tree_.schema;
    metadata_.num_rows = num_rows_;
    metadata_.created_by = options_.created_by;
    metadata_.num_leaf_columns = static_cast<int32_t>(tree_.leaves.size());
    if (!options_.avro_schema_json.empty()) {
      metadata_.key_value_metadata.push_back({"parquet.avro.schema", options_.avro_schema_json});
      metadata_.key_value_metadata.push_back({"writer.model.name", "avro"});
    }
    for (const auto& [key, value] : options_.key_value_metadata) {
      metadata_.key_value_metadata.push_back({key, value});
    }
    const size_t footer_start = out_.size();
    format::Serialize(metadata_, &out_);
    const uint32_t footer_length = static_cast<uint32_t>(out_.size() - footer_start);
    char length[4];
    std::memcpy(length, &footer_length, 4);
    out_.append(length, 4);
    out_.append(kMagic);
    return TakeOutput();
  }

  data::SchemaPtr schema_;
  WriterOptions options_;
  ColumnTree tree_;
  // Declared after tree_: destroyed first, it waits for jobs that write into the leaves.
  std::unique_ptr<PageCompressor> compressor_;
  format::FileMetaData metadata_;
  std::string out_;
  int64_t out_file_offset_ = 0;  // file offset of out_[0]
  std::string error_;
  int64_t num_rows_ = 0;
  int64_t row_group_rows_ = 0;
  int64_t next_size_check_ = 1;  // row of the open row group at which sizes are checked next
  size_t peak_buffered_bytes_ = 0;
  bool finished_ = false;
};

Result<std::unique_ptr<ParquetFileWriter>> ParquetFileWriter::Create(data::SchemaPtr value_schema,
                                                                     WriterOptions options) {
  if (value_schema == nullptr) return Status::InvalidArgument("Parquet writer needs a schema");
  auto impl = std::make_unique<Impl>(std::move(value_schema), std::move(options));
  TRIB_RETURN_IF_ERROR(impl->Init());
  return std::unique_ptr<ParquetFileWriter>(new ParquetFileWriter(std::move(impl)));
}

ParquetFileWriter::ParquetFileWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ParquetFileWriter::~ParquetFileWriter() = default;

Status ParquetFileWriter::Write(const data::Value& row) { return impl_->Write(row); }

Status ParquetFileWriter::WriteBatch(std::span<const data::Value* const> rows) {
  return impl_->WriteBatch(rows);
}

int64_t ParquetFileWriter::num_rows() const { return impl_->num_rows_; }

size_t ParquetFileWriter::EstimatedSize() const {
  return static_cast<size_t>(impl_->out_file_offset_) + impl_->out_.size() +
         impl_->BufferedBytes();
}

size_t ParquetFileWriter::BufferedBytes() const {
  return impl_->BufferedBytes() + impl_->out_.size();
}

size_t ParquetFileWriter::PeakBufferedBytes() const {
  return std::max(impl_->peak_buffered_bytes_, BufferedBytes());
}

std::string ParquetFileWriter::TakeOutput() { return impl_->TakeOutput(); }

Result<std::string> ParquetFileWriter::Finish() { return impl_->Finish(); }

std::string ParquetFileWriter::SchemaString() const { return SchemaToString(impl_->tree_.schema); }

}  // namespace tributary::parquet

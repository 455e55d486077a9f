#include "avro/container_file.h"

#include <fmt/format.h>

#include <cstring>
#include <random>

#include "avro/binary.h"
#include "avro/schema_parser.h"

namespace tributary::avro {

namespace {

constexpr std::string_view kMagic("Obj\x01", 4);

SyncMarker RandomSyncMarker() {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<uint64_t>(rd()) << 32) ^ rd());
  SyncMarker m;
  for (size_t i = 0; i < m.size(); i += 8) {
    uint64_t x = gen();
    std::memcpy(m.data() + i, &x, 8);
  }
  return m;
}

std::string_view AsView(const SyncMarker& m) {
  return std::string_view(reinterpret_cast<const char*>(m.data()), m.size());
}

}  // namespace

ContainerWriter::ContainerWriter(SchemaPtr schema, Sink sink, ContainerWriterOptions options)
    : schema_(std::move(schema)), sink_(std::move(sink)), options_(std::move(options)) {}

Result<std::unique_ptr<ContainerWriter>> ContainerWriter::Create(SchemaPtr schema, Sink sink,
                                                                 ContainerWriterOptions options) {
  if (!schema) return Status::InvalidArgument("an Avro container file needs a schema");
  std::unique_ptr<ContainerWriter> w(
      new ContainerWriter(std::move(schema), std::move(sink), std::move(options)));
  w->sync_ = w->options_.sync_marker ? *w->options_.sync_marker : RandomSyncMarker();
  std::string header(kMagic);
  std::vector<std::pair<std::string, std::string>> meta = {
      {"avro.schema", ToJson(*w->schema_)},
      {"avro.codec", std::string(CodecName(w->options_.codec))},
  };
  for (const auto& kv : w->options_.metadata) {
    if (kv.first == "avro.schema" || kv.first == "avro.codec")
      return Status::InvalidArgument("metadata key '{}' is reserved by the container format", kv.first);
    meta.push_back(kv);
  }
  WriteLong(static_cast<int64_t>(meta.size()), &header);
  for (const auto& [k, v] : meta) {
    WriteBytes(k, &header);
    WriteBytes(v, &header);
  }
  WriteLong(0, &header);
  header.append(AsView(w->sync_));
  TRIB_RETURN_IF_ERROR(w->Emit(header));
  return w;
}

Result<std::unique_ptr<ContainerWriter>> ContainerWriter::Create(SchemaPtr schema,
                                                                 std::string* out,
                                                                 ContainerWriterOptions options) {
  return Create(std::move(schema),
                [out](std::string_view bytes) {
                  out->append(bytes);
                  return Status::OK();
                },
                std::move(options));
}

Status ContainerWriter::Emit(std::string_view bytes) {
  TRIB_RETURN_IF_ERROR(sink_(bytes));
  bytes_out_ += bytes.size();
  return Status::OK();
}

Status ContainerWriter::Append(const Datum& datum) {
  Status s = EncodeDatum(*schema_, datum, &block_);
  if (!s.ok()) {
    DiscardObject();
    return s;
  }
  return CommitObject();
}

Status ContainerWriter::AppendEncoded(std::string_view object) {
  block_.append(object);
  return CommitObject();
}

Status ContainerWriter::CommitObject() {
  if (closed_) return Status::InvalidArgument("Avro container writer is closed");
  committed_bytes_ = block_.size();
  ++block_objects_;
  ++objects_;
  if (block_.size() >= options_.block_size) return Flush();
  return Status::OK();
}

Status ContainerWriter::Flush() {
  block_.resize(committed_bytes_);
  if (block_objects_ == 0) return Status::OK();
  scratch_.clear();
  WriteLong(block_objects_, &scratch_);
  std::string compressed;
  std::string_view payload = block_;
  if (options_.codec != Codec::kNull) {
    TRIB_RETURN_IF_ERROR(Compress(options_.codec, block_, options_.compression_level, &compressed));
    payload = compressed;
  }
  WriteLong(static_cast<int64_t>(payload.size()), &scratch_);
  scratch_.append(payload);
  scratch_.append(AsView(sync_));
  TRIB_RETURN_IF_ERROR(Emit(scratch_));
  block_.clear();
  committed_bytes_ = 0;
  block_objects_ = 0;
  return Status::OK();
}

Status ContainerWriter::Close() {
  if (closed_) return Status::OK();
  Status s = Flush();
  closed_ = true;
  return s;
}

// ------------------------------------------------------------------------------------ reader

Result<std::unique_ptr<ContainerReader>> ContainerReader::Open(std::string_view file,
                                                               ContainerReaderOptions options) {
  std::unique_ptr<ContainerReader> r(new ContainerReader());
  r->file_ = file;
  r->options_ = std::move(options);
  if (file.substr(0, 4) != kMagic)
    return Status::Corruption("not an Avro container file: the first 4 bytes are not 'Obj\\x01'");
  BinaryReader in(file.substr(4), 4);
  while (true) {
    int64_t count, block_bytes;
    TRIB_RETURN_IF_ERROR(in.ReadBlockCount(&count, &block_bytes));
    if (count == 0) break;
    if (static_cast<uint64_t>(count) > in.remaining())
      return in.Corrupt(in.position(), "metadata entry count exceeds the file");
    for (int64_t i = 0; i < count; ++i) {
      std::string_view k, v;
      TRIB_RETURN_IF_ERROR(in.ReadBytes(&k));
      TRIB_RETURN_IF_ERROR(in.ReadBytes(&v));
      r->metadata_.emplace_back(std::string(k), std::string(v));
    }
  }
  std::string_view sync;
  TRIB_RETURN_IF_ERROR(in.ReadFixed(16, &sync));
  std::memcpy(r->sync_.data(), sync.data(), 16);
  r->pos_ = 4 + in.position();

  const std::string* schema_json = r->metadata("avro.schema");
  if (!schema_json) return Status::Corruption("Avro container file has no avro.schema metadata");
  auto schema = ParseSchema(*schema_json);
  if (!schema.ok())
    return Status::Corruption("Avro container file's avro.schema is invalid: {}", schema.status().message());
  r->writer_schema_ = *schema;
  if (const std::string* codec = r->metadata("avro.codec")) {
    TRIB_ASSIGN_OR_RETURN(r->codec_, ParseCodec(*codec));
  }
  if (r->options_.reader_schema) {
    TRIB_ASSIGN_OR_RETURN(r->resolution_,
                          SchemaResolution::Create(r->writer_schema_, r->options_.reader_schema));
  }
  return r;
}

const std::string* ContainerReader::metadata(std::string_view key) const {
  for (const auto& [k, v] : metadata_)
    if (k == key) return &v;
  return nullptr;
}

Status ContainerReader::LoadBlock() {
  size_t start = pos_;
  BinaryReader in(file_.substr(pos_), pos_);
  int64_t count, size;
  TRIB_RETURN_IF_ERROR(in.ReadLong(&count));
  TRIB_RETURN_IF_ERROR(in.ReadLong(&size));
  if (count <= 0) return in.Corrupt(0, fmt::format("block object count {} is not positive", count));
  if (size < 0 || static_cast<uint64_t>(size) > in.remaining())
    return in.Corrupt(0, fmt::format("block size {} exceeds the {} bytes left", size, in.remaining()));
  std::string_view payload;
  TRIB_RETURN_IF_ERROR(in.ReadFixed(static_cast<size_t>(size), &payload));
  std::string_view sync;
  TRIB_RETURN_IF_ERROR(in.ReadFixed(16, &sync));
  if (sync != AsView(sync_))
    return in.Corrupt(in.position() - 16, "sync marker does not match the header's");
  block_.clear();
  Status s = Decompress(codec_, payload, options_.max_block_bytes, &block_);
  if (!s.ok()) return s.Annotate(fmt::format("Avro container block at byte {}", start));
  if (static_cast<uint64_t>(count) > block_.size() && !EncodesToZeroBytes(*writer_schema_))
    return in.Corrupt(0, fmt::format("block claims {} objects in {} bytes", count, block_.size()));
  if (count > options_.limits.max_items)
    return in.Corrupt(0, fmt::format("block claims {} objects, over the limit", count));
  pos_ += in.position();
  block_file_offset_ = start;
  block_reader_ = std::make_unique<BinaryReader>(block_);
  remaining_in_block_ = count;
  return Status::OK();
}

Result<bool> ContainerReader::NextEncoded(std::string_view* object) {
  if (remaining_in_block_ == 0) {
    if (pos_ >= file_.size()) return false;
    TRIB_RETURN_IF_ERROR(LoadBlock());
  }
  size_t begin = block_reader_->position();
  Status s = SkipDatum(*writer_schema_, block_reader_.get(), options_.limits);
  if (!s.ok()) return s.Annotate(fmt::format("Avro container block at byte {}", block_file_offset_));
  *object = std::string_view(block_).substr(begin, block_reader_->position() - begin);
  if (--remaining_in_block_ == 0 && !block_reader_->at_end())
    return Status::Corruption("Avro container block at byte {}: {} bytes left after its last object",
                              block_file_offset_, block_reader_->remaining());
  return true;
}

Result<bool> ContainerReader::Next(Datum* out) {
  std::string_view object;
  TRIB_ASSIGN_OR_RETURN(bool more, NextEncoded(&object));
  if (!more) return false;
  BinaryReader in(object);
  Status s = resolution_ ? resolution_->Decode(&in, out, options_.limits)
                         : DecodeDatum(*writer_schema_, &in, out, options_.limits);
  if (!s.ok()) return s.Annotate(fmt::format("Avro container block at byte {}", block_file_offset_));
  return true;
}

}  // namespace tributary::avro

// AvroFormat: one Avro object container file per object, as Confluent's AvroFormat writes
// with Avro's DataFileWriter: the Avro schema AvroData derives from the Connect schema and
// avro.codec null (default), deflate, snappy or zstandard. Extension ".avro". The object
// streams out a block at a time.
//
// The sync marker is derived from the Avro schema instead of drawn at random, so a replay
// after a crash rewrites byte-identical objects.
#include "avro/avro_data.h"
#include "avro/container_file.h"
#include "avro/schema_parser.h"
#include "s3sink/avro_data_config.h"
#include "s3sink/format.h"

namespace tributary::s3sink {

namespace {

avro::SyncMarker SchemaSyncMarker(const avro::Schema& schema) {
  uint64_t a = avro::Fingerprint64(schema);
  uint64_t b = avro::Fingerprint64(std::to_string(a) + ".sync");
  avro::SyncMarker marker;
  for (int i = 0; i < 8; ++i) {
    marker[i] = static_cast<uint8_t>(a >> (8 * i));
    marker[8 + i] = static_cast<uint8_t>(b >> (8 * i));
  }
  return marker;
}

class AvroRecordWriter : public RecordWriter {
 public:
  AvroRecordWriter(std::shared_ptr<avro::AvroData> avro_data, data::SchemaPtr schema)
      : avro_data_(std::move(avro_data)), schema_(std::move(schema)) {}

  Status Open(const avro::SchemaPtr& avro_schema, avro::ContainerWriterOptions options) {
    options.sync_marker = SchemaSyncMarker(*avro_schema);
    auto writer = avro::ContainerWriter::Create(avro_schema, &file_, std::move(options));
    if (!writer.ok()) return writer.status();
    writer_ = std::move(*writer);
    return Status::OK();
  }

  Status Write(const data::SchemaPtr&, const data::Value& value) override {
    Status s = avro_data_->EncodeConnectValue(schema_, value, writer_->object_buffer());
    if (!s.ok()) {
      writer_->DiscardObject();
      return s;
    }
    return writer_->CommitObject();
  }

  // The header and each finished block (about options.block_size bytes), as they come.
  std::string TakeOutput() override {
    std::string taken;
    taken.swap(file_);
    return taken;
  }
  Result<std::string> Finish() override {
    TRIB_RETURN_IF_ERROR(writer_->Close());
    return TakeOutput();
  }

 private:
  std::shared_ptr<avro::AvroData> avro_data_;
  data::SchemaPtr schema_;
  std::string file_;  // written, not yet taken
  std::unique_ptr<avro::ContainerWriter> writer_;
};

class AvroFormat : public Format {
 public:
  AvroFormat(avro::Codec codec, avro::AvroDataConfig config)
      : codec_(codec),
        avro_data_(std::make_shared<avro::AvroData>(config)) {}

  std::string extension() const override { return ".avro"; }

  Result<std::unique_ptr<RecordWriter>> NewWriter(const data::SchemaPtr& schema) const override {
    if (!schema)
      return Status::InvalidArgument(
          "format.class=AvroFormat needs records with schemas; use a converter with schemas "
          "or JsonFormat");
    auto avro_schema = avro_data_->FromConnectSchema(schema);
    if (!avro_schema.ok()) return avro_schema.status();
    auto writer = std::make_unique<AvroRecordWriter>(avro_data_, schema);
    avro::ContainerWriterOptions options;
    options.codec = codec_;
    options.block_size = 64000;  // Avro's DataFileWriter default sync interval
    TRIB_RETURN_IF_ERROR(writer->Open(*avro_schema, std::move(options)));
    return std::unique_ptr<RecordWriter>(std::move(writer));
  }

 private:
  avro::Codec codec_;
  std::shared_ptr<avro::AvroData> avro_data_;
};

}  // namespace

Result<std::unique_ptr<Format>> NewAvroFormat(const S3SinkConfig& config) {
  auto codec = avro::ParseCodec(config.avro_codec);
  if (!codec.ok()) return codec.status().Annotate("avro.codec");
  return std::unique_ptr<Format>(new AvroFormat(*codec, SinkAvroDataConfig(config)));
}

}  // namespace tributary::s3sink

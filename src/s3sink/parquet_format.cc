// ParquetFormat: one Parquet file per object through parquet::ParquetFileWriter, with
// parquet.codec (default snappy) and Confluent's extensions (".snappy.parquet", ".gz.parquet",
// ".zstd.parquet", ".parquet"). As parquet-avro does, the footer carries the records' Avro
// schema (parquet.avro.schema, from AvroData) so Avro-aware readers recover it.
//
// A row group closes once its buffered rows take s3.part.size bytes (or parquet-mr's 128 MiB
// if smaller), and the sink streams it out as a multipart part: a file's memory is bounded by
// about one part, not by the file.
#include <algorithm>

#include "avro/avro_data.h"
#include "avro/schema_parser.h"
#include "parquet/file_writer.h"
#include "s3sink/avro_data_config.h"
#include "s3sink/format.h"

namespace tributary::s3sink {

namespace {

class ParquetRecordWriter : public RecordWriter {
 public:
  explicit ParquetRecordWriter(std::unique_ptr<parquet::ParquetFileWriter> writer)
      : writer_(std::move(writer)) {}

  Status Write(const data::SchemaPtr&, const data::Value& value) override {
    return writer_->Write(value);
  }
  Status WriteBatch(const data::SchemaPtr&, std::span<const data::Value* const> values,
                    size_t* written) override {
    const int64_t before = writer_->num_rows();
    Status s = writer_->WriteBatch(values);
    *written = static_cast<size_t>(writer_->num_rows() - before);
    return s;
  }
  std::string TakeOutput() override { return writer_->TakeOutput(); }
  Result<std::string> Finish() override { return writer_->Finish(); }

 private:
  std::unique_ptr<parquet::ParquetFileWriter> writer_;
};

class ParquetFormat : public Format {
 public:
  ParquetFormat(parquet::Codec codec, int64_t row_group_bytes, avro::AvroDataConfig config)
      : codec_(codec),
        row_group_bytes_(row_group_bytes),
        avro_data_(std::make_shared<avro::AvroData>(config)) {}
  std::string extension() const override {
    return std::string(parquet::ParquetFileExtension(codec_));
  }
  Result<std::unique_ptr<RecordWriter>> NewWriter(const data::SchemaPtr& schema) const override {
    if (!schema || schema->type() != data::Type::kStruct)
      return Status::InvalidArgument(
          "format.class=ParquetFormat writes struct records with a schema (got {}); use a "
          "converter with schemas (e.g. AvroConverter) or JsonFormat",
          schema ? schema->DebugString() : std::string("schemaless data"));
    auto avro_schema = avro_data_->FromConnectSchema(schema);
    if (!avro_schema.ok()) return avro_schema.status();
    parquet::WriterOptions options;
    options.codec = codec_;
    options.row_group_bytes = std::min(options.row_group_bytes, row_group_bytes_);
    options.avro_schema_json = avro::ToJson(**avro_schema);
    auto writer = parquet::ParquetFileWriter::Create(schema, std::move(options));
    if (!writer.ok()) return writer.status();
    return std::unique_ptr<RecordWriter>(new ParquetRecordWriter(std::move(*writer)));
  }

 private:
  parquet::Codec codec_;
  int64_t row_group_bytes_;
  std::shared_ptr<avro::AvroData> avro_data_;
};

}  // namespace

Result<std::unique_ptr<Format>> NewParquetFormat(const S3SinkConfig& config) {
  auto codec = parquet::ParseCodec(config.parquet_codec);
  if (!codec.ok()) return codec.status().Annotate("parquet.codec");
  return std::unique_ptr<Format>(
      new ParquetFormat(*codec, config.s3_part_size, SinkAvroDataConfig(config)));
}

}  // namespace tributary::s3sink

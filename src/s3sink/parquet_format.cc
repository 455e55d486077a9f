// ParquetFormat: one Parquet file per object through parquet::ParquetFileWriter, with
// parquet.codec (default snappy) and Confluent's extensions (".snappy.parquet", ".gz.parquet",
// ".zstd.parquet", ".parquet").
#include "parquet/file_writer.h"
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
  Result<std::string> Finish() override { return writer_->Finish(); }

 private:
  std::unique_ptr<parquet::ParquetFileWriter> writer_;
};

class ParquetFormat : public Format {
 public:
  explicit ParquetFormat(parquet::Codec codec) : codec_(codec) {}
  std::string extension() const override {
    return std::string(parquet::ParquetFileExtension(codec_));
  }
  Result<std::unique_ptr<RecordWriter>> NewWriter(const data::SchemaPtr& schema) const override {
    if (!schema || schema->type() != data::Type::kStruct)
      return Status::InvalidArgument(
          "format.class=ParquetFormat writes struct records with a schema (got {}); use a "
          "converter with schemas (e.g. AvroConverter) or JsonFormat",
          schema ? schema->DebugString() : std::string("schemaless data"));
    parquet::WriterOptions options;
    options.codec = codec_;
    auto writer = parquet::ParquetFileWriter::Create(schema, std::move(options));
    if (!writer.ok()) return writer.status();
    return std::unique_ptr<RecordWriter>(new ParquetRecordWriter(std::move(*writer)));
  }

 private:
  parquet::Codec codec_;
};

}  // namespace

Result<std::unique_ptr<Format>> NewParquetFormat(const S3SinkConfig& config) {
  auto codec = parquet::ParseCodec(config.parquet_codec);
  if (!codec.ok()) return codec.status().Annotate("parquet.codec");
  return std::unique_ptr<Format>(new ParquetFormat(*codec));
}

}  // namespace tributary::s3sink

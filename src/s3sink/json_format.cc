// JsonFormat: one JSON document per line (JsonEncoder), gzip-compressed as a whole when
// s3.compression.type=gzip. Extension ".json" or ".json.gz".
#include "s3sink/format.h"
#include "s3sink/gzip.h"
#include "s3sink/json_encoder.h"

namespace tributary::s3sink {

namespace {

class JsonRecordWriter : public RecordWriter {
 public:
  JsonRecordWriter(const JsonEncoder& encoder, bool gzip, int gzip_level)
      : encoder_(encoder), gzip_(gzip), gzip_level_(gzip_level) {}

  Status Write(const data::SchemaPtr& schema, const data::Value& value) override {
    TRIB_RETURN_IF_ERROR(encoder_.Encode(schema.get(), value, &buffer_));
    buffer_.push_back('\n');
    return Status::OK();
  }

  Result<std::string> Finish() override {
    if (gzip_) return GzipCompress(buffer_, gzip_level_);
    return std::move(buffer_);
  }

 private:
  const JsonEncoder& encoder_;
  bool gzip_;
  int gzip_level_;
  std::string buffer_;
};

class JsonFormat : public Format {
 public:
  explicit JsonFormat(const S3SinkConfig& c)
      : encoder_(c.json_decimal_format), gzip_(c.gzip), gzip_level_(c.gzip_level) {}
  std::string extension() const override { return gzip_ ? ".json.gz" : ".json"; }
  Result<std::unique_ptr<RecordWriter>> NewWriter(const data::SchemaPtr&) const override {
    return std::unique_ptr<RecordWriter>(new JsonRecordWriter(encoder_, gzip_, gzip_level_));
  }

 private:
  JsonEncoder encoder_;
  bool gzip_;
  int gzip_level_;
};

}  // namespace

Result<std::unique_ptr<Format>> NewJsonFormat(const S3SinkConfig& config) {
  return std::unique_ptr<Format>(new JsonFormat(config));
}

}  // namespace tributary::s3sink

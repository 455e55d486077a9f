// JsonFormat: one JSON document per line (JsonEncoder), the object one gzip member when
// s3.compression.type=gzip. Extension ".json" or ".json.gz". The object streams out in chunks
// (ChunkedOutput).
#include "s3sink/chunked_output.h"
#include "s3sink/format.h"
#include "s3sink/json_encoder.h"

namespace tributary::s3sink {

namespace {

class JsonRecordWriter : public RecordWriter {
 public:
  JsonRecordWriter(const JsonEncoder& encoder, std::unique_ptr<ChunkedOutput> output)
      : encoder_(encoder), output_(std::move(output)) {}

  Status Write(const data::SchemaPtr& schema, const data::Value& value) override {
    std::string* buffer = output_->buffer();
    const size_t record_start = buffer->size();
    Status s = encoder_.Encode(schema.get(), value, buffer);
    if (!s.ok()) {
      buffer->resize(record_start);
      return s;
    }
    buffer->push_back('\n');
    return output_->EndRecord();
  }
  std::string TakeOutput() override { return output_->TakeOutput(); }
  Result<std::string> Finish() override { return output_->Finish(); }

 private:
  const JsonEncoder& encoder_;
  std::unique_ptr<ChunkedOutput> output_;
};

class JsonFormat : public Format {
 public:
  explicit JsonFormat(const S3SinkConfig& c)
      : encoder_(c.json_decimal_format), gzip_(c.gzip), gzip_level_(c.gzip_level) {}
  std::string extension() const override { return gzip_ ? ".json.gz" : ".json"; }
  Result<std::unique_ptr<RecordWriter>> NewWriter(const data::SchemaPtr&) const override {
    TRIB_ASSIGN_OR_RETURN(auto output, ChunkedOutput::Create(gzip_, gzip_level_));
    return std::unique_ptr<RecordWriter>(new JsonRecordWriter(encoder_, std::move(output)));
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

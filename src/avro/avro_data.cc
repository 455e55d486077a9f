#include "avro/avro_data.h"

#include <fmt/format.h>

#include "avro/connect_plan.h"

namespace tributary::avro {

AvroData::AvroData(AvroDataConfig config) : config_(config) {}
AvroData::~AvroData() = default;

Result<std::shared_ptr<const AvroData::FromEntry>> AvroData::FromEntryFor(
    const data::Schema& schema, const data::SchemaPtr& owner) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = from_cache_.find(&schema);
    if (it != from_cache_.end() &&
        (it->second->keep_alive.get() == &schema || it->second->connect_copy->Equals(schema)))
      return it->second;
  }
  TRIB_ASSIGN_OR_RETURN(SchemaPtr avro, ConnectToAvroSchema(schema, config_));
  auto entry = std::make_shared<FromEntry>();
  entry->keep_alive = owner;
  // Without an owner, keep a copy to verify later hits against a recycled address.
  entry->connect_copy = owner ? owner : data::SchemaBuilder::From(schema).Build();
  entry->avro = avro;
  TRIB_ASSIGN_OR_RETURN(entry->plan,
                        ConnectPlan::Compile(*entry->connect_copy, entry->connect_copy, avro));
  std::lock_guard<std::mutex> lock(mu_);
  if (from_cache_.size() >= config_.schemas_cache_size) from_cache_.clear();
  from_cache_[&schema] = entry;
  return std::shared_ptr<const FromEntry>(std::move(entry));
}

Result<SchemaPtr> AvroData::FromConnectSchema(const data::SchemaPtr& schema) {
  if (!schema) return Status::InvalidArgument("no Connect schema to convert to Avro");
  TRIB_ASSIGN_OR_RETURN(auto e, FromEntryFor(*schema, schema));
  return e->avro;
}

Result<SchemaPtr> AvroData::FromConnectSchema(const data::Schema& schema) {
  TRIB_ASSIGN_OR_RETURN(auto e, FromEntryFor(schema, nullptr));
  return e->avro;
}

Status AvroData::EncodeConnectValue(const data::SchemaPtr& schema, const data::Value& value,
                                    std::string* out) {
  if (!schema) return Status::InvalidArgument("no Connect schema to encode the value with");
  TRIB_ASSIGN_OR_RETURN(auto e, FromEntryFor(*schema, schema));
  return e->plan->Encode(value, out);
}

Status AvroData::EncodeConnectValue(const data::Schema& schema, const data::Value& value,
                                    std::string* out) {
  TRIB_ASSIGN_OR_RETURN(auto e, FromEntryFor(schema, nullptr));
  return e->plan->Encode(value, out);
}

Result<std::shared_ptr<const AvroData::ToEntry>> AvroData::ToEntryFor(const SchemaPtr& schema) {
  if (!schema) return Status::InvalidArgument("no Avro schema to convert to Connect");
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = to_cache_.find(schema.get());
    if (it != to_cache_.end()) return it->second;
  }
  TRIB_ASSIGN_OR_RETURN(data::SchemaPtr connect, AvroToConnectSchema(*schema, config_));
  auto entry = std::make_shared<ToEntry>();
  entry->keep_alive = schema;
  entry->connect = connect;
  TRIB_ASSIGN_OR_RETURN(entry->plan, ConnectPlan::Compile(*connect, connect, schema));
  std::lock_guard<std::mutex> lock(mu_);
  if (to_cache_.size() >= config_.schemas_cache_size) to_cache_.clear();
  to_cache_[schema.get()] = entry;
  return std::shared_ptr<const ToEntry>(std::move(entry));
}

Result<std::shared_ptr<const ConnectPlan>> AvroData::EncoderFor(const data::SchemaPtr& schema) {
  if (!schema) return Status::InvalidArgument("no Connect schema to encode with");
  TRIB_ASSIGN_OR_RETURN(auto e, FromEntryFor(*schema, schema));
  return e->plan;
}

Result<std::shared_ptr<const ConnectPlan>> AvroData::DecoderFor(const SchemaPtr& writer) {
  TRIB_ASSIGN_OR_RETURN(auto e, ToEntryFor(writer));
  return e->plan;
}

Result<data::SchemaPtr> AvroData::ToConnectSchema(const SchemaPtr& schema) {
  TRIB_ASSIGN_OR_RETURN(auto e, ToEntryFor(schema));
  return e->connect;
}

Status AvroData::DecodeToConnect(const SchemaPtr& writer, std::string_view bytes,
                                 data::Value* out, data::SchemaPtr* connect_schema) {
  TRIB_ASSIGN_OR_RETURN(auto e, ToEntryFor(writer));
  BinaryReader in(bytes);
  TRIB_RETURN_IF_ERROR(e->plan->Decode(&in, out));
  if (!in.at_end())
    return in.Corrupt(in.position(), fmt::format("{} trailing bytes after the value", in.remaining()));
  if (connect_schema) *connect_schema = e->connect;
  return Status::OK();
}

Status AvroData::DecodeToConnect(const SchemaPtr& writer, const SchemaPtr& reader,
                                 std::string_view bytes, data::Value* out,
                                 data::SchemaPtr* connect_schema) {
  if (!writer || !reader) return Status::InvalidArgument("schema resolution needs two schemas");
  if (writer == reader) return DecodeToConnect(writer, bytes, out, connect_schema);
  std::shared_ptr<const SchemaResolution> resolution;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = resolution_cache_.find({writer.get(), reader.get()});
    if (it != resolution_cache_.end()) resolution = it->second;
  }
  if (!resolution) {
    TRIB_ASSIGN_OR_RETURN(resolution, SchemaResolution::Create(writer, reader));
    std::lock_guard<std::mutex> lock(mu_);
    if (resolution_cache_.size() >= config_.schemas_cache_size) resolution_cache_.clear();
    resolution_cache_[{writer.get(), reader.get()}] = resolution;
  }
  TRIB_ASSIGN_OR_RETURN(Datum datum, resolution->Decode(bytes));
  std::string reencoded;
  TRIB_RETURN_IF_ERROR(EncodeDatum(*reader, datum, &reencoded));
  return DecodeToConnect(reader, reencoded, out, connect_schema);
}

Result<Datum> AvroData::FromConnectValue(const data::SchemaPtr& schema, const data::Value& value) {
  TRIB_ASSIGN_OR_RETURN(auto e, FromEntryFor(*schema, schema));
  std::string bytes;
  TRIB_RETURN_IF_ERROR(e->plan->Encode(value, &bytes));
  return DecodeDatum(*e->avro, bytes);
}

Result<data::Value> AvroData::ToConnectValue(const SchemaPtr& avro, const Datum& datum) {
  std::string bytes;
  TRIB_RETURN_IF_ERROR(EncodeDatum(*avro, datum, &bytes));
  data::Value out;
  TRIB_RETURN_IF_ERROR(DecodeToConnect(avro, bytes, &out));
  return out;
}

}  // namespace tributary::avro

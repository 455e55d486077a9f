// avro_converter_tool: drives our Avro converters from tests in other languages, so that
// independent implementations (confluent-kafka's AvroSerializer/AvroDeserializer, fastavro)
// can check the bytes we write and we can read theirs.
//
//   avro_converter_tool encode URL confluent|glue TOPIC
//       serializes the fixed "movies" records below as the topic's value, one hex line each
//   avro_converter_tool decode URL confluent|glue TOPIC
//       reads hex lines on stdin and prints each decoded value as one JSON line
// URL is the registry (schema.registry.url for Confluent's converter, endpoint for Glue's).
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "converters/avro_converter.h"
#include "converters/glue_avro_converter.h"

namespace {

using namespace tributary;
using data::SchemaBuilder;

data::SchemaPtr MovieSchema() {
  return SchemaBuilder::Struct()
      .Name("db1.sampledatabase.movies.Value")
      .Field("movie_id", data::Int32Schema())
      .Field("title", data::OptionalStringSchema())
      .Field("release_year", data::OptionalInt32Schema())
      .Field("rating", data::Float64Schema())
      .Field("seen", data::BooleanSchema())
      .Field("views", data::Int64Schema())
      .Build();
}

data::Value Movie(const data::SchemaPtr& schema, int id, const char* title, bool has_year) {
  data::Value v = data::Value::EmptyStruct(schema);
  v.set("movie_id", data::Value::Int(id));
  v.set("title", title ? data::Value::String(title) : data::Value::Null());
  v.set("release_year", has_year ? data::Value::Int(2000 + id) : data::Value::Null());
  v.set("rating", data::Value::Double(id * 1.5));
  v.set("seen", data::Value::Bool(id % 2 == 0));
  v.set("views", data::Value::Int(int64_t{1} << (30 + id)));
  return v;
}

nlohmann::json ToJson(const data::Value& v) {
  switch (v.kind()) {
    case data::Value::Kind::kNull: return nullptr;
    case data::Value::Kind::kBool: return v.as_bool();
    case data::Value::Kind::kInt: return v.as_int();
    case data::Value::Kind::kDouble: return v.as_double();
    case data::Value::Kind::kString: return v.as_string();
    case data::Value::Kind::kStruct: {
      nlohmann::json out = nlohmann::json::object();
      const auto& s = v.as_struct();
      for (const auto& f : s.schema->fields()) out[f.name] = ToJson(s.values[f.index]);
      return out;
    }
    default: return v.DebugString();
  }
}

std::string Hex(const std::string& bytes) {
  std::string out;
  for (unsigned char c : bytes) out += fmt::format("{:02x}", c);
  return out;
}

std::string Unhex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

int Fail(const Status& s) {
  std::fprintf(stderr, "%s\n", s.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s encode|decode URL confluent|glue TOPIC\n", argv[0]);
    return 2;
  }
  std::string mode = argv[1], url = argv[2], kind = argv[3], topic = argv[4];
  std::unique_ptr<connect::Converter> converter;
  std::map<std::string, std::string> config;
  if (kind == "confluent") {
    converter = std::make_unique<converters::AvroConverter>();
    config = {{"schema.registry.url", url}};
  } else {
    converter = std::make_unique<converters::GlueAvroConverter>();
    config = {{"endpoint", url}, {"registry.name", "msk-connect-blog-values"},
              {"schemaAutoRegistrationEnabled", "true"}, {"compatibility", "FORWARD"}};
  }
  Status s = converter->Configure(connect::Config(config), false);
  if (!s.ok()) return Fail(s);
  if (mode == "encode") {
    auto schema = MovieSchema();
    const std::vector<data::Value> movies = {Movie(schema, 1, "Movie 1", true),
                                             Movie(schema, 2, nullptr, false),
                                             Movie(schema, 3, "Ünïcødé ✓", true)};
    for (const auto& movie : movies) {
      std::string bytes;
      s = converter->FromConnectData(topic, schema, movie, &bytes);
      if (!s.ok()) return Fail(s);
      std::printf("%s\n", Hex(bytes).c_str());
    }
    return 0;
  }
  for (std::string line; std::getline(std::cin, line);) {
    data::SchemaPtr schema;
    data::Value value;
    s = converter->ToConnectData(topic, Unhex(line), false, &schema, &value);
    if (!s.ok()) return Fail(s);
    std::printf("%s\n", ToJson(value).dump().c_str());
  }
  return 0;
}

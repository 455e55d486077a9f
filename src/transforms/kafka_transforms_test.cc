// Kafka Connect's built-in transforms, each checked against the output of Kafka 4.1.1's own
// implementation (org.apache.kafka.connect.transforms.*) on the same record, rendered by
// Kafka's JsonConverter. The records are built through TransformChain from a connector
// config, as the runtime builds them.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "converters/decimal_text.h"
#include "converters/json_converter.h"
#include "transforms/plugins.h"
#include "transforms/transform_chain.h"

namespace tributary::transforms {
namespace {

using data::SchemaBuilder;
using data::SchemaPtr;
using data::Value;

const SchemaPtr& Meta() {
  static const SchemaPtr s = SchemaBuilder::Struct()
                                 .Name("meta")
                                 .Field("source", data::StringSchema())
                                 .Field("score", data::OptionalFloat64Schema())
                                 .Optional()
                                 .Build();
  return s;
}
const SchemaPtr& MovieSchema() {
  static const SchemaPtr s =
      SchemaBuilder::Struct()
          .Name("db1.sampledatabase.movies.Value")
          .Version(1)
          .Field("movie_id", data::Int32Schema())
          .Field("title", data::OptionalStringSchema())
          .Field("release_year", data::OptionalInt32Schema())
          .Field("meta", Meta())
          .Field("tags", SchemaBuilder::Array(data::StringSchema()).Optional().Build())
          .Field("ts", data::OptionalInt64Schema())
          .Field("price", SchemaBuilder::Decimal(2).Optional().Build())
          .Build();
  return s;
}
const SchemaPtr& KeySchema() {
  static const SchemaPtr s = SchemaBuilder::Struct()
                                 .Name("db1.sampledatabase.movies.Key")
                                 .Field("movie_id", data::Int32Schema())
                                 .Build();
  return s;
}

data::Record Movie(bool nulls) {
  data::Record r;
  r.topic = "db1.sampledatabase.movies";
  r.partition = 0;
  r.kafka_offset = 42;
  r.timestamp_ms = 1700000000999;
  r.key_schema = KeySchema();
  r.key = Value::EmptyStruct(KeySchema());
  r.key.set("movie_id", Value::Int(7));
  r.value_schema = MovieSchema();
  r.value = Value::EmptyStruct(MovieSchema());
  r.value.set("movie_id", Value::Int(7));
  if (!nulls) {
    Value meta = Value::EmptyStruct(Meta());
    meta.set("source", Value::String("imdb"));
    meta.set("score", Value::Double(8.25));
    r.value.set("title", Value::String("Heat"));
    r.value.set("release_year", Value::Int(1995));
    r.value.set("meta", meta);
    r.value.set("tags", Value::ArrayOf({Value::String("crime"), Value::String("drama")}));
    r.value.set("ts", Value::Int(1700000000123));
    r.value.set("price", Value::BytesOf(converters::DecimalFromString("12.50", 2).value()));
  }
  return r;
}

data::Record Schemaless() {
  data::Record r;
  r.topic = "movies";
  r.partition = 1;
  r.kafka_offset = 43;
  r.timestamp_ms = 1700000000999;
  r.value = Value::MapOf(
      {{Value::String("movie_id"), Value::Int(7)},
       {Value::String("title"), Value::String("Heat")},
       {Value::String("meta"), Value::MapOf({{Value::String("source"), Value::String("imdb")},
                                             {Value::String("score"), Value::Double(8.25)}})}});
  return r;
}

data::Record Single(SchemaPtr schema, Value value) {
  data::Record r;
  r.topic = "t";
  r.partition = 0;
  r.kafka_offset = 1;
  r.value_schema = std::move(schema);
  r.value = std::move(value);
  return r;
}

data::Record Key(SchemaPtr schema, Value key) {
  data::Record r = Single(nullptr, Value());
  r.key_schema = std::move(schema);
  r.key = std::move(key);
  return r;
}

struct Case {
  std::string label;
  std::string class_name;
  std::map<std::string, std::string> config;
  data::Record input;
  std::string topic;  // "DROPPED" if the transform drops the record
  std::string key_json;
  std::string value_json;
};

std::vector<Case> Cases() {
  return {
    {"regex", "org.apache.kafka.connect.transforms.RegexRouter", {{"regex", "db1\\.(.*)\\.movies"}, {"replacement", "films-$1"}}, Movie(false), "films-sampledatabase", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"source"},{"type":"double","optional":true,"field":"score"}],"optional":true,"name":"meta","field":"meta"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"int64","optional":true,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7,"title":"Heat","release_year":1995,"meta":{"source":"imdb","score":8.25},"tags":["crime","drama"],"ts":1700000000123,"price":"BOI="}})json"},
    {"regexNoMatch", "org.apache.kafka.connect.transforms.RegexRouter", {{"regex", "db2.*"}, {"replacement", "x"}}, Movie(false), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"source"},{"type":"double","optional":true,"field":"score"}],"optional":true,"name":"meta","field":"meta"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"int64","optional":true,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7,"title":"Heat","release_year":1995,"meta":{"source":"imdb","score":8.25},"tags":["crime","drama"],"ts":1700000000123,"price":"BOI="}})json"},
    {"insert", "org.apache.kafka.connect.transforms.InsertField$Value", {{"topic.field", "t"}, {"partition.field", "p!"}, {"offset.field", "o"}, {"timestamp.field", "when"}, {"static.field", "s"}, {"static.value", "v"}}, Movie(false), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"source"},{"type":"double","optional":true,"field":"score"}],"optional":true,"name":"meta","field":"meta"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"int64","optional":true,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"},{"type":"string","optional":true,"field":"t"},{"type":"int32","optional":false,"field":"p"},{"type":"int64","optional":true,"field":"o"},{"type":"int64","optional":true,"name":"org.apache.kafka.connect.data.Timestamp","version":1,"field":"when"},{"type":"string","optional":true,"field":"s"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7,"title":"Heat","release_year":1995,"meta":{"source":"imdb","score":8.25},"tags":["crime","drama"],"ts":1700000000123,"price":"BOI=","t":"db1.sampledatabase.movies","p":0,"o":42,"when":1700000000999,"s":"v"}})json"},
    {"insertSchemaless", "org.apache.kafka.connect.transforms.InsertField$Value", {{"topic.field", "t"}, {"static.field", "s"}, {"static.value", "v"}}, Schemaless(), "movies", R"json(<null>)json", R"json({"schema":null,"payload":{"s":"v","movie_id":7,"title":"Heat","t":"movies","meta":{"source":"imdb","score":8.25}}})json"},
    {"insertKey", "org.apache.kafka.connect.transforms.InsertField$Key", {{"topic.field", "t"}}, Movie(false), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"t"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7,"t":"db1.sampledatabase.movies"}})json", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"source"},{"type":"double","optional":true,"field":"score"}],"optional":true,"name":"meta","field":"meta"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"int64","optional":true,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7,"title":"Heat","release_year":1995,"meta":{"source":"imdb","score":8.25},"tags":["crime","drama"],"ts":1700000000123,"price":"BOI="}})json"},
    {"replaceExclude", "org.apache.kafka.connect.transforms.ReplaceField$Value", {{"exclude", "release_year,meta"}, {"renames", "title:name"}}, Movie(false), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"name"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"int64","optional":true,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7,"name":"Heat","tags":["crime","drama"],"ts":1700000000123,"price":"BOI="}})json"},
    {"replaceInclude", "org.apache.kafka.connect.transforms.ReplaceField$Value", {{"include", "title,movie_id"}}, Movie(false), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7,"title":"Heat"}})json"},
    {"replaceSchemaless", "org.apache.kafka.connect.transforms.ReplaceField$Value", {{"renames", "title:name"}}, Schemaless(), "movies", R"json(<null>)json", R"json({"schema":null,"payload":{"movie_id":7,"name":"Heat","meta":{"source":"imdb","score":8.25}}})json"},
    {"extractValue", "org.apache.kafka.connect.transforms.ExtractField$Value", {{"field", "meta"}}, Movie(false), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"string","optional":false,"field":"source"},{"type":"double","optional":true,"field":"score"}],"optional":true,"name":"meta"},"payload":{"source":"imdb","score":8.25}})json"},
    {"extractKey", "org.apache.kafka.connect.transforms.ExtractField$Key", {{"field", "movie_id"}}, Movie(false), "db1.sampledatabase.movies", R"json({"schema":{"type":"int32","optional":false},"payload":7})json", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"source"},{"type":"double","optional":true,"field":"score"}],"optional":true,"name":"meta","field":"meta"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"int64","optional":true,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7,"title":"Heat","release_year":1995,"meta":{"source":"imdb","score":8.25},"tags":["crime","drama"],"ts":1700000000123,"price":"BOI="}})json"},
    {"extractSchemaless", "org.apache.kafka.connect.transforms.ExtractField$Value", {{"field", "title"}}, Schemaless(), "movies", R"json(<null>)json", R"json({"schema":null,"payload":"Heat"})json"},
    {"hoist", "org.apache.kafka.connect.transforms.HoistField$Value", {{"field", "wrapped"}}, Movie(false), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"source"},{"type":"double","optional":true,"field":"score"}],"optional":true,"name":"meta","field":"meta"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"int64","optional":true,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1,"field":"wrapped"}],"optional":false},"payload":{"wrapped":{"movie_id":7,"title":"Heat","release_year":1995,"meta":{"source":"imdb","score":8.25},"tags":["crime","drama"],"ts":1700000000123,"price":"BOI="}}})json"},
    {"hoistKey", "org.apache.kafka.connect.transforms.HoistField$Key", {{"field", "k"}}, Movie(false), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key","field":"k"}],"optional":false},"payload":{"k":{"movie_id":7}}})json", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"source"},{"type":"double","optional":true,"field":"score"}],"optional":true,"name":"meta","field":"meta"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"int64","optional":true,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7,"title":"Heat","release_year":1995,"meta":{"source":"imdb","score":8.25},"tags":["crime","drama"],"ts":1700000000123,"price":"BOI="}})json"},
    {"valueToKey", "org.apache.kafka.connect.transforms.ValueToKey", {{"fields", "title,movie_id"}}, Movie(false), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":false,"field":"movie_id"}],"optional":false},"payload":{"title":"Heat","movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"source"},{"type":"double","optional":true,"field":"score"}],"optional":true,"name":"meta","field":"meta"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"int64","optional":true,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7,"title":"Heat","release_year":1995,"meta":{"source":"imdb","score":8.25},"tags":["crime","drama"],"ts":1700000000123,"price":"BOI="}})json"},
    {"setMeta", "org.apache.kafka.connect.transforms.SetSchemaMetadata$Value", {{"schema.name", "films.Row"}, {"schema.version", "3"}}, Movie(false), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"source"},{"type":"double","optional":true,"field":"score"}],"optional":true,"name":"meta","field":"meta"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"int64","optional":true,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"films.Row","version":3},"payload":{"movie_id":7,"title":"Heat","release_year":1995,"meta":{"source":"imdb","score":8.25},"tags":["crime","drama"],"ts":1700000000123,"price":"BOI="}})json"},
    {"mask", "org.apache.kafka.connect.transforms.MaskField$Value", {{"fields", "title,release_year,tags,ts"}}, Movie(false), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"source"},{"type":"double","optional":true,"field":"score"}],"optional":true,"name":"meta","field":"meta"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"int64","optional":true,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7,"title":"","release_year":0,"meta":{"source":"imdb","score":8.25},"tags":[],"ts":0,"price":"BOI="}})json"},
    {"maskReplacement", "org.apache.kafka.connect.transforms.MaskField$Value", {{"fields", "title,release_year"}, {"replacement", "0042"}}, Movie(false), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"source"},{"type":"double","optional":true,"field":"score"}],"optional":true,"name":"meta","field":"meta"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"int64","optional":true,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7,"title":"0042","release_year":42,"meta":{"source":"imdb","score":8.25},"tags":["crime","drama"],"ts":1700000000123,"price":"BOI="}})json"},
    {"flatten", "org.apache.kafka.connect.transforms.Flatten$Value", {{"delimiter", "_"}}, Movie(false), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"},{"type":"string","optional":true,"field":"meta_source"},{"type":"double","optional":true,"field":"meta_score"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"int64","optional":true,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7,"title":"Heat","release_year":1995,"meta_source":"imdb","meta_score":8.25,"tags":["crime","drama"],"ts":1700000000123,"price":"BOI="}})json"},
    {"flattenNulls", "org.apache.kafka.connect.transforms.Flatten$Value", {}, Movie(true), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"},{"type":"string","optional":true,"field":"meta.source"},{"type":"double","optional":true,"field":"meta.score"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"int64","optional":true,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7,"title":null,"release_year":null,"meta.source":null,"meta.score":null,"tags":null,"ts":null,"price":null}})json"},
    {"flattenSchemaless", "org.apache.kafka.connect.transforms.Flatten$Value", {}, Schemaless(), "movies", R"json(<null>)json", R"json({"schema":null,"payload":{"movie_id":7,"title":"Heat","meta.source":"imdb","meta.score":8.25}})json"},
    {"cast", "org.apache.kafka.connect.transforms.Cast$Value", {{"spec", "release_year:string,movie_id:float64,title:string,ts:int32,price:float64"}}, Movie(false), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"double","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"string","optional":true,"field":"release_year"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"source"},{"type":"double","optional":true,"field":"score"}],"optional":true,"name":"meta","field":"meta"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"int32","optional":true,"field":"ts"},{"type":"double","optional":true,"field":"price"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7.0,"title":"Heat","release_year":"1995","meta":{"source":"imdb","score":8.25},"tags":["crime","drama"],"ts":-807049093,"price":12.5}})json"},
    {"castNulls", "org.apache.kafka.connect.transforms.Cast$Value", {{"spec", "release_year:string,movie_id:int8"}}, Movie(true), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"int8","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"string","optional":true,"field":"release_year"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"source"},{"type":"double","optional":true,"field":"score"}],"optional":true,"name":"meta","field":"meta"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"int64","optional":true,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7,"title":null,"release_year":null,"meta":null,"tags":null,"ts":null,"price":null}})json"},
    {"castKeyWhole", "org.apache.kafka.connect.transforms.Cast$Key", {{"spec", "string"}}, Key(data::Int64Schema(), Value::Int(1234567)), "t", R"json({"schema":{"type":"string","optional":false},"payload":"1234567"})json", R"json(<null>)json"},
    {"castBool", "org.apache.kafka.connect.transforms.Cast$Value", {{"spec", "boolean"}}, Single(data::StringSchema(), Value::String("TRUE")), "t", R"json(<null>)json", R"json({"schema":{"type":"boolean","optional":false},"payload":true})json"},
    {"castFloatStr", "org.apache.kafka.connect.transforms.Cast$Value", {{"spec", "string"}}, Single(data::Float32Schema(), Value::Double(1.1f)), "t", R"json(<null>)json", R"json({"schema":{"type":"string","optional":false},"payload":"1.1"})json"},
    {"castBigInt8", "org.apache.kafka.connect.transforms.Cast$Value", {{"spec", "int8"}}, Single(data::Int32Schema(), Value::Int(300)), "t", R"json(<null>)json", R"json({"schema":{"type":"int8","optional":false},"payload":44})json"},
    {"tsToString", "org.apache.kafka.connect.transforms.TimestampConverter$Value", {{"field", "ts"}, {"target.type", "string"}, {"format", "yyyy-MM-dd HH:mm:ss.SSS"}}, Movie(false), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"source"},{"type":"double","optional":true,"field":"score"}],"optional":true,"name":"meta","field":"meta"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"string","optional":true,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7,"title":"Heat","release_year":1995,"meta":{"source":"imdb","score":8.25},"tags":["crime","drama"],"ts":"2023-11-14 22:13:20.123","price":"BOI="}})json"},
    {"tsToTimestamp", "org.apache.kafka.connect.transforms.TimestampConverter$Value", {{"field", "ts"}, {"target.type", "Timestamp"}}, Movie(false), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"source"},{"type":"double","optional":true,"field":"score"}],"optional":true,"name":"meta","field":"meta"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"int64","optional":true,"name":"org.apache.kafka.connect.data.Timestamp","version":1,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7,"title":"Heat","release_year":1995,"meta":{"source":"imdb","score":8.25},"tags":["crime","drama"],"ts":1700000000123,"price":"BOI="}})json"},
    {"tsToDate", "org.apache.kafka.connect.transforms.TimestampConverter$Value", {{"field", "ts"}, {"target.type", "Date"}}, Movie(false), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"source"},{"type":"double","optional":true,"field":"score"}],"optional":true,"name":"meta","field":"meta"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"int32","optional":true,"name":"org.apache.kafka.connect.data.Date","version":1,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7,"title":"Heat","release_year":1995,"meta":{"source":"imdb","score":8.25},"tags":["crime","drama"],"ts":19675,"price":"BOI="}})json"},
    {"tsToTime", "org.apache.kafka.connect.transforms.TimestampConverter$Value", {{"field", "ts"}, {"target.type", "Time"}}, Movie(false), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"source"},{"type":"double","optional":true,"field":"score"}],"optional":true,"name":"meta","field":"meta"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"int32","optional":true,"name":"org.apache.kafka.connect.data.Time","version":1,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7,"title":"Heat","release_year":1995,"meta":{"source":"imdb","score":8.25},"tags":["crime","drama"],"ts":80000123,"price":"BOI="}})json"},
    {"tsSeconds", "org.apache.kafka.connect.transforms.TimestampConverter$Value", {{"field", "ts"}, {"target.type", "unix"}, {"unix.precision", "seconds"}}, Movie(false), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"source"},{"type":"double","optional":true,"field":"score"}],"optional":true,"name":"meta","field":"meta"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"int64","optional":true,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7,"title":"Heat","release_year":1995,"meta":{"source":"imdb","score":8.25},"tags":["crime","drama"],"ts":1700000000123,"price":"BOI="}})json"},
    {"tsMicrosIn", "org.apache.kafka.connect.transforms.TimestampConverter$Value", {{"target.type", "Timestamp"}, {"unix.precision", "microseconds"}}, Single(data::Int64Schema(), Value::Int(1700000000123456)), "t", R"json(<null>)json", R"json({"schema":{"type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp","version":1},"payload":1700000000123})json"},
    {"tsStringIn", "org.apache.kafka.connect.transforms.TimestampConverter$Value", {{"target.type", "unix"}, {"format", "yyyy-MM-dd'T'HH:mm:ss"}}, Single(data::StringSchema(), Value::String("2023-11-14T22:13:20")), "t", R"json(<null>)json", R"json({"schema":{"type":"int64","optional":false},"payload":1700000000000})json"},
    {"tsNull", "org.apache.kafka.connect.transforms.TimestampConverter$Value", {{"field", "ts"}, {"target.type", "string"}, {"format", "yyyy"}}, Movie(true), "db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"}],"optional":false,"name":"db1.sampledatabase.movies.Key"},"payload":{"movie_id":7}})json", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"source"},{"type":"double","optional":true,"field":"score"}],"optional":true,"name":"meta","field":"meta"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},{"type":"string","optional":true,"field":"ts"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"db1.sampledatabase.movies.Value","version":1},"payload":{"movie_id":7,"title":null,"release_year":null,"meta":null,"tags":null,"ts":null,"price":null}})json"},
    {"filter", "org.apache.kafka.connect.transforms.Filter", {}, Movie(false), "DROPPED", "", ""},
  };
}

std::string Json(const SchemaPtr& schema, const Value& value) {
  converters::JsonConverter json;
  EXPECT_TRUE(json.Configure(connect::Config(), false).ok());
  std::string out;
  Status s = json.FromConnectData("t", schema, value, &out);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out.empty() ? "<null>" : out;
}

// Kafka builds schemaless maps in HashMaps, so their key order is not meaningful.
void ExpectSameJson(const std::string& actual, const std::string& expected, bool ordered) {
  if (ordered || expected == "<null>") {
    EXPECT_EQ(actual, expected);
  } else {
    EXPECT_EQ(nlohmann::json::parse(actual), nlohmann::json::parse(expected)) << actual;
  }
}

TEST(KafkaTransformsTest, MatchKafkaOutput) {
  connect::PluginRegistry registry;
  RegisterPlugins(registry);
  for (auto& c : Cases()) {
    SCOPED_TRACE(c.label);
    std::map<std::string, std::string> config{{"transforms", "x"},
                                              {"transforms.x.type", c.class_name}};
    for (const auto& [k, v] : c.config) config["transforms.x." + k] = v;
    auto chain = TransformChain::Create(connect::Config(config), registry);
    ASSERT_TRUE(chain.ok()) << chain.status().ToString();
    bool keep = true;
    data::Record record = c.input;
    Status s = chain->Apply(record, &keep);
    ASSERT_TRUE(s.ok()) << s.ToString();
    if (c.topic == "DROPPED") {
      EXPECT_FALSE(keep);
      continue;
    }
    ASSERT_TRUE(keep);
    EXPECT_EQ(record.topic, c.topic);
    bool ordered = c.label.find("Schemaless") == std::string::npos;
    ExpectSameJson(Json(record.key_schema, record.key), c.key_json, ordered);
    ExpectSameJson(Json(record.value_schema, record.value), c.value_json, ordered);
  }
}

// Kafka 4 dropped the blacklist/whitelist spellings that Kafka 3 configs still carry; we keep
// accepting them with their Kafka 3 meaning.
TEST(KafkaTransformsTest, ReplaceFieldAcceptsKafka3Names) {
  connect::PluginRegistry registry;
  RegisterPlugins(registry);
  for (const auto& [key, list, kept] :
       std::vector<std::tuple<std::string, std::string, std::vector<std::string>>>{
           {"blacklist", "meta,tags,ts,price", {"movie_id", "title", "release_year"}},
           {"whitelist", "title", {"title"}}}) {
    auto chain = TransformChain::Create(
        connect::Config(std::map<std::string, std::string>{
            {"transforms", "r"},
            {"transforms.r.type", "org.apache.kafka.connect.transforms.ReplaceField$Value"},
            {"transforms.r." + key, list}}),
        registry);
    ASSERT_TRUE(chain.ok());
    data::Record r = Movie(false);
    bool keep = false;
    ASSERT_TRUE(chain->Apply(r, &keep).ok());
    std::vector<std::string> names;
    for (const auto& f : r.value_schema->fields()) names.push_back(f.name);
    EXPECT_EQ(names, kept) << key;
  }
}

TEST(KafkaTransformsTest, ErrorsNameTheKeyAndAllowedValues) {
  connect::PluginRegistry registry;
  RegisterPlugins(registry);
  auto create = [&](std::map<std::string, std::string> config) {
    return TransformChain::Create(connect::Config(std::move(config)), registry);
  };
  auto cast = create({{"transforms", "c"},
                      {"transforms.c.type", "org.apache.kafka.connect.transforms.Cast$Value"},
                      {"transforms.c.spec", "title:uuid"}});
  ASSERT_FALSE(cast.ok());
  EXPECT_NE(cast.status().message().find("transforms.c."), std::string::npos);
  EXPECT_NE(cast.status().message().find("int8, int16"), std::string::npos);

  auto ts = create({{"transforms", "t"},
                    {"transforms.t.type", "org.apache.kafka.connect.transforms.TimestampConverter$Value"},
                    {"transforms.t.target.type", "Instant"}});
  ASSERT_FALSE(ts.ok());
  EXPECT_NE(ts.status().message().find("target.type"), std::string::npos);
  EXPECT_NE(ts.status().message().find("string, unix, Date, Time, Timestamp"), std::string::npos);

  auto precision = create({{"transforms", "t"},
                           {"transforms.t.type", "org.apache.kafka.connect.transforms.TimestampConverter$Value"},
                           {"transforms.t.target.type", "unix"},
                           {"transforms.t.unix.precision", "hours"}});
  ASSERT_FALSE(precision.ok());
  EXPECT_NE(precision.status().message().find("unix.precision"), std::string::npos);

  auto nested = create({{"transforms", "e"},
                        {"transforms.e.type", "org.apache.kafka.connect.transforms.ExtractField$Value"},
                        {"transforms.e.field", "meta.source"},
                        {"transforms.e.field.syntax.version", "V2"}});
  ASSERT_FALSE(nested.ok());
  EXPECT_NE(nested.status().message().find("field.syntax.version"), std::string::npos);

  // Masking a struct field is refused, as Kafka does.
  auto mask = create({{"transforms", "m"},
                      {"transforms.m.type", "org.apache.kafka.connect.transforms.MaskField$Value"},
                      {"transforms.m.fields", "meta"}});
  ASSERT_TRUE(mask.ok());
  data::Record r = Movie(false);
  bool keep = true;
  Status s = mask->Apply(r, &keep);
  EXPECT_NE(s.message().find("'meta'"), std::string::npos) << s.ToString();
  EXPECT_NE(s.message().find("transform 'm'"), std::string::npos) << s.ToString();
}

}  // namespace
}  // namespace tributary::transforms

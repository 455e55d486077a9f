// Robustness: random mutations of valid encodings, container files and schema documents
// must give errors, never crashes, hangs or huge allocations (also run under ASan/UBSan).
#include <gtest/gtest.h>

#include <random>

#include "avro/avro_data.h"
#include "avro/container_file.h"
#include "avro/generic_codec.h"
#include "avro/schema_parser.h"
#include "avro/schema_resolution.h"

namespace tributary::avro {
namespace {

constexpr const char* kSchema = R"({"type":"record","name":"R","namespace":"f","fields":[
  {"name":"id","type":"long"},{"name":"b","type":"boolean"},{"name":"fl","type":"float"},
  {"name":"s","type":["null","string"]},{"name":"by","type":"bytes"},
  {"name":"e","type":{"type":"enum","name":"E","symbols":["A","B","C"]}},
  {"name":"fx","type":{"type":"fixed","name":"F","size":3}},
  {"name":"a","type":{"type":"array","items":{"type":"map","values":"double"}}},
  {"name":"n","type":["null","R"]},
  {"name":"z","type":{"type":"array","items":"null"}}]})";

constexpr const char* kReader = R"({"type":"record","name":"R","namespace":"f","fields":[
  {"name":"n","type":["null","R"]},{"name":"id","type":"double"},
  {"name":"e","type":{"type":"enum","name":"E","symbols":["B","A"],"default":"A"}},
  {"name":"s","type":["null","bytes"]},{"name":"extra","type":"int","default":7}]})";

Datum Sample(std::mt19937& rng, int depth) {
  auto r = [&](int n) { return static_cast<int>(rng() % n); };
  Datum::List arr;
  for (int i = r(3); i > 0; --i) arr.push_back(Datum::Map({{"k", Datum::Double(r(100) * 0.5)}}));
  Datum::List nulls(static_cast<size_t>(r(3)));
  return Datum::Record({Datum::Long(static_cast<int64_t>(rng()) - (1LL << 31)), Datum::Boolean(r(2)),
                        Datum::Float(1.25f),
                        r(2) ? Datum::String(std::string(static_cast<size_t>(r(10)), 'x')).set_branch(1)
                             : Datum::Null().set_branch(0),
                        Datum::Bytes(std::string(static_cast<size_t>(r(5)), '\x7f')), Datum::Enum(r(3)),
                        Datum::Fixed("abc"), Datum::Array(std::move(arr)),
                        depth < 2 && r(2) ? Sample(rng, depth + 1).set_branch(1) : Datum::Null().set_branch(0),
                        Datum::Array(std::move(nulls))});
}

std::string Mutate(std::string s, std::mt19937& rng) {
  int edits = 1 + static_cast<int>(rng() % 4);
  for (int i = 0; i < edits; ++i) {
    int op = static_cast<int>(rng() % 5);
    size_t pos = s.empty() ? 0 : rng() % s.size();
    switch (op) {
      case 0:
        if (!s.empty()) s[pos] = static_cast<char>(s[pos] ^ (1 << (rng() % 8)));
        break;
      case 1:
        if (!s.empty()) s[pos] = static_cast<char>(rng());
        break;
      case 2: s.insert(pos, 1, static_cast<char>(rng())); break;
      case 3:
        if (!s.empty()) s.erase(pos, 1 + rng() % 4);
        break;
      case 4: s.resize(pos); break;
    }
  }
  return s;
}

TEST(AvroFuzzTest, MutatedDatumsNeverCrash) {
  SchemaPtr schema = *ParseSchema(kSchema);
  auto resolution = *SchemaResolution::Create(schema, *ParseSchema(kReader));
  AvroData avro_data;
  std::mt19937 rng(1234);
  DecodeLimits limits;
  limits.max_items = 10000;
  int ok = 0;
  for (int iter = 0; iter < 4000; ++iter) {
    std::string bytes;
    ASSERT_TRUE(EncodeDatum(*schema, Sample(rng, 0), &bytes).ok());
    std::string bad = Mutate(bytes, rng);
    auto d = DecodeDatum(*schema, bad, limits);
    if (d.ok()) {
      ++ok;
      std::string again;
      EXPECT_TRUE(EncodeDatum(*schema, *d, &again).ok());
    }
    (void)resolution->Decode(bad, limits);
    BinaryReader reader(bad);
    (void)SkipDatum(*schema, &reader, limits);
  }
  EXPECT_GT(ok, 0);
}

TEST(AvroFuzzTest, MutatedConnectEncodingsNeverCrash) {
  auto inner = data::SchemaBuilder::Struct().Name("f.Inner").Optional()
                   .Field("x", data::Int16Schema()).Build();
  auto s = data::SchemaBuilder::Struct().Name("f.Row")
               .Field("id", data::Int32Schema())
               .Field("name", data::OptionalStringSchema())
               .Field("price", data::SchemaBuilder::Decimal(2).Build())
               .Field("tags", data::SchemaBuilder::Array(data::StringSchema()).Build())
               .Field("m", data::SchemaBuilder::Map(data::Int64Schema(), data::BooleanSchema()).Build())
               .Field("inner", inner)
               .Build();
  AvroData avro_data;
  SchemaPtr avro = *avro_data.FromConnectSchema(s);
  std::mt19937 rng(99);
  for (int iter = 0; iter < 3000; ++iter) {
    data::Value v = data::Value::EmptyStruct(s);
    v.set("id", data::Value::Int(iter));
    v.set("name", iter % 2 ? data::Value::String("n") : data::Value());
    v.set("price", data::Value::BytesOf("\x01\x02"));
    v.set("tags", data::Value::ArrayOf({data::Value::String("t")}));
    v.set("m", data::Value::MapOf({{data::Value::Int(5), data::Value::Bool(true)}}));
    data::Value in = data::Value::EmptyStruct(inner);
    in.set("x", data::Value::Int(3));
    v.set("inner", iter % 3 ? in : data::Value());
    std::string bytes;
    ASSERT_TRUE(avro_data.EncodeConnectValue(s, v, &bytes).ok());
    data::Value out;
    (void)avro_data.DecodeToConnect(avro, Mutate(bytes, rng), &out);
  }
}

TEST(AvroFuzzTest, MutatedContainerFilesNeverCrash) {
  SchemaPtr schema = *ParseSchema(kSchema);
  std::mt19937 rng(77);
  for (Codec codec : {Codec::kNull, Codec::kDeflate, Codec::kSnappy, Codec::kZstandard}) {
    std::string file;
    ContainerWriterOptions options;
    options.codec = codec;
    options.block_size = 200;
    auto w = ContainerWriter::Create(schema, &file, options);
    ASSERT_TRUE(w.ok());
    for (int i = 0; i < 40; ++i) ASSERT_TRUE((*w)->Append(Sample(rng, 0)).ok());
    ASSERT_TRUE((*w)->Close().ok());
    ContainerReaderOptions ropts;
    ropts.max_block_bytes = 1 << 20;
    ropts.limits.max_items = 10000;
    for (int iter = 0; iter < 500; ++iter) {
      std::string bad = Mutate(file, rng);
      auto r = ContainerReader::Open(bad, ropts);
      if (!r.ok()) continue;
      Datum d;
      for (int n = 0; n < 1000; ++n) {
        auto more = (*r)->Next(&d);
        if (!more.ok() || !*more) break;
      }
    }
  }
}

TEST(AvroFuzzTest, MutatedSchemasNeverCrash) {
  const std::vector<std::string> seeds = {
      kSchema, kReader,
      R"({"type":"record","name":"L","aliases":["x.Y"],"fields":[{"name":"v","type":{"type":"bytes","logicalType":"decimal","precision":5,"scale":2},"default":"\u0000"},{"name":"next","type":["null","L"],"default":null}]})",
      R"({"type":"map","values":{"type":"fixed","name":"md5","size":16,"logicalType":"duration"}})",
      R"(["null",{"type":"enum","name":"S","symbols":["A","B"],"default":"A"},{"type":"array","items":"S"}])",
  };
  std::mt19937 rng(5);
  const std::string alphabet = "{}[]\",:abcdefnrstuy0123456789.-_ \\";
  int parsed = 0;
  for (int iter = 0; iter < 6000; ++iter) {
    std::string s = seeds[iter % seeds.size()];
    int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits && !s.empty(); ++e) {
      size_t pos = rng() % s.size();
      switch (rng() % 3) {
        case 0: s.erase(pos, 1 + rng() % 3); break;
        case 1: s.insert(pos, 1, alphabet[rng() % alphabet.size()]); break;
        default: s[pos] = alphabet[rng() % alphabet.size()]; break;
      }
    }
    auto schema = ParseSchema(s);
    if (!schema.ok()) {
      EXPECT_EQ(schema.status().code(), StatusCode::kInvalidArgument);
      continue;
    }
    ++parsed;
    std::string json = ToJson(**schema);
    auto again = ParseSchema(json);
    ASSERT_TRUE(again.ok()) << json << ": " << again.status().ToString();
    EXPECT_EQ(CanonicalForm(**again), CanonicalForm(**schema));
    (void)AvroToConnectSchema(**schema);
  }
  EXPECT_GT(parsed, 100);
}

}  // namespace
}  // namespace tributary::avro

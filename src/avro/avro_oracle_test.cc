// Files for the fastavro oracle (tests/python/test_avro_oracle.py). Skipped unless the
// pytest sets TRIB_AVRO_OUT (export: we write, fastavro reads) or TRIB_AVRO_IN (import:
// fastavro wrote, we read and dump what we decoded as plain JSON beside each file).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "avro/avro_data.h"
#include "avro/container_file.h"
#include "avro/generic_codec.h"
#include "avro/schema_parser.h"

namespace tributary::avro {
namespace {

namespace fs = std::filesystem;

constexpr const char* kAllTypes = R"({"type":"record","name":"Row","namespace":"oracle","fields":[
  {"name":"id","type":"long"},
  {"name":"flag","type":"boolean"},
  {"name":"i","type":"int"},
  {"name":"f","type":"float"},
  {"name":"d","type":"double"},
  {"name":"s","type":"string"},
  {"name":"b","type":"bytes"},
  {"name":"e","type":{"type":"enum","name":"Color","symbols":["RED","GREEN","BLUE"]}},
  {"name":"fx","type":{"type":"fixed","name":"Hash","size":4}},
  {"name":"arr","type":{"type":"array","items":"int"}},
  {"name":"m","type":{"type":"map","values":["null","string"]}},
  {"name":"opt","type":["null","long","string"]},
  {"name":"nested","type":{"type":"record","name":"Inner","fields":[
      {"name":"x","type":"double"},{"name":"tag","type":["null","Color"]}]}},
  {"name":"day","type":{"type":"int","logicalType":"date"}},
  {"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}},
  {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}}
]})";

std::string MinimalTwosComplement(int64_t v) {
  std::string out;
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>(v >> (8 * i)));
  while (out.size() > 1 && ((out[0] == 0 && !(out[1] & 0x80)) ||
                            (out[0] == '\xff' && (out[1] & 0x80))))
    out.erase(0, 1);
  return out;
}

Datum RandomRow(std::mt19937_64& rng, int64_t id) {
  auto pick = [&](int n) { return static_cast<int>(rng() % n); };
  std::string s;
  for (int k = pick(12); k > 0; --k) s.push_back(static_cast<char>('a' + pick(26)));
  if (id % 7 == 0) s += "\xc3\xa9\xe2\x82\xac";  // é€
  std::string b;
  for (int k = pick(6); k > 0; --k) b.push_back(static_cast<char>(rng()));
  std::string fx(4, '\0');
  for (char& c : fx) c = static_cast<char>(rng());
  Datum::List arr;
  for (int k = pick(4); k > 0; --k) arr.push_back(Datum::Int(static_cast<int32_t>(rng())));
  Datum::MapEntries m;
  for (int k = pick(3); k > 0; --k)
    m.emplace_back("k" + std::to_string(k), k % 2 ? Datum::String("v").set_branch(1) : Datum::Null().set_branch(0));
  Datum opt = id % 3 == 0 ? Datum::Null().set_branch(0)
              : id % 3 == 1 ? Datum::Long(static_cast<int64_t>(rng())).set_branch(1)
                            : Datum::String(s).set_branch(2);
  int64_t big = static_cast<int64_t>(rng());
  return Datum::Record({
      Datum::Long(id == 1 ? INT64_MIN : id == 2 ? INT64_MAX : id),
      Datum::Boolean(id % 2 == 0),
      Datum::Int(id == 3 ? INT32_MIN : static_cast<int32_t>(rng())),
      Datum::Float(static_cast<float>(pick(1000) - 500) * 0.25f),
      Datum::Double(static_cast<double>(big % 1000000) / 64.0),
      Datum::String(s),
      Datum::Bytes(b),
      Datum::Enum(pick(3)),
      Datum::Fixed(fx),
      Datum::Array(std::move(arr)),
      Datum::Map(std::move(m)),
      opt,
      Datum::Record({Datum::Double(-1.5 * static_cast<double>(id)),
                     id % 2 ? Datum::Enum(pick(3)).set_branch(1) : Datum::Null().set_branch(0)}),
      Datum::Int(pick(40000) - 20000),
      Datum::Long(1700000000000LL + pick(1000000)),
      Datum::Bytes(MinimalTwosComplement(big % 10000000000LL)),
  });
}

void WriteText(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

data::SchemaPtr MoviesValue() {
  return data::SchemaBuilder::Struct().Name("db1.sampledatabase.movies.Value")
      .Field("movie_id", data::Int32Schema())
      .Field("title", data::StringSchema())
      .Field("release_year", data::Int32Schema())
      .Field("COUNTRY", data::StringSchema())
      .Field("__op", data::OptionalStringSchema())
      .Field("__source_ts_ms", data::OptionalInt64Schema())
      .Field("__deleted", data::OptionalStringSchema())
      .Build();
}

TEST(AvroOracle, Export) {
  const char* dir = std::getenv("TRIB_AVRO_OUT");
  if (!dir) GTEST_SKIP() << "TRIB_AVRO_OUT is not set (run by tests/python/test_avro_oracle.py)";
  fs::path out(dir);
  SchemaPtr schema = *ParseSchema(kAllTypes);
  std::mt19937_64 rng(42);
  std::vector<Datum> rows;
  Json expected = Json::array();
  for (int64_t id = 0; id < 3000; ++id) {
    rows.push_back(RandomRow(rng, id));
    expected.push_back(DatumToPlainJson(*schema, rows.back()));
  }
  WriteText(out / "all_types.expected.json", expected.dump());
  for (Codec codec : {Codec::kNull, Codec::kDeflate, Codec::kSnappy, Codec::kZstandard}) {
    std::string file;
    ContainerWriterOptions options;
    options.codec = codec;
    options.block_size = 16 * 1024;  // several blocks
    auto w = ContainerWriter::Create(schema, &file, options);
    ASSERT_TRUE(w.ok());
    for (const auto& r : rows) ASSERT_TRUE((*w)->Append(r).ok());
    ASSERT_TRUE((*w)->Close().ok());
    WriteText(out / fmt::format("all_types.{}.avro", CodecName(codec)), file);
  }
  // Schemaless binary: a few single datums.
  for (int i = 0; i < 5; ++i) {
    std::string bytes;
    ASSERT_TRUE(EncodeDatum(*schema, rows[i], &bytes).ok());
    WriteText(out / fmt::format("datum{}.bin", i), bytes);
    WriteText(out / fmt::format("datum{}.schema.json", i), kAllTypes);
    WriteText(out / fmt::format("datum{}.expected.json", i), expected[i].dump());
  }
  // The fast Connect path: movies rows straight from data::Value, snappy container.
  AvroData avro_data;
  data::SchemaPtr movies = MoviesValue();
  SchemaPtr movies_avro = *avro_data.FromConnectSchema(movies);
  std::string file;
  ContainerWriterOptions options;
  options.codec = Codec::kSnappy;
  auto w = ContainerWriter::Create(movies_avro, &file, options);
  ASSERT_TRUE(w.ok());
  Json movies_expected = Json::array();
  for (int i = 0; i < 25; ++i) {
    data::Value v = data::Value::EmptyStruct(movies);
    v.set("movie_id", data::Value::Int(i));
    v.set("title", data::Value::String("Movie " + std::to_string(i)));
    v.set("release_year", data::Value::Int(1990 + i));
    v.set("COUNTRY", data::Value::String(i % 2 ? "US" : "FR"));
    v.set("__op", i % 4 ? data::Value::String("c") : data::Value());
    v.set("__source_ts_ms", data::Value::Int(1700000000000LL + i));
    v.set("__deleted", data::Value::String("false"));
    ASSERT_TRUE(avro_data.EncodeConnectValue(movies, v, (*w)->object_buffer()).ok());
    ASSERT_TRUE((*w)->CommitObject().ok());
    movies_expected.push_back({{"movie_id", i}, {"title", "Movie " + std::to_string(i)},
                               {"release_year", 1990 + i}, {"COUNTRY", i % 2 ? "US" : "FR"},
                               {"__op", i % 4 ? Json("c") : Json()},
                               {"__source_ts_ms", 1700000000000LL + i}, {"__deleted", "false"}});
  }
  ASSERT_TRUE((*w)->Close().ok());
  WriteText(out / "movies.snappy.avro", file);
  WriteText(out / "movies.expected.json", movies_expected.dump());
  WriteText(out / "movies.schema.json", ToJson(*movies_avro));
}

TEST(AvroOracle, Import) {
  const char* dir = std::getenv("TRIB_AVRO_IN");
  if (!dir) GTEST_SKIP() << "TRIB_AVRO_IN is not set (run by tests/python/test_avro_oracle.py)";
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    fs::path p = entry.path();
    Json decoded = Json::array();
    if (p.extension() == ".avro") {
      std::string bytes = ReadText(p);
      auto r = ContainerReader::Open(bytes);
      ASSERT_TRUE(r.ok()) << p << ": " << r.status().ToString();
      Datum d;
      while (true) {
        auto more = (*r)->Next(&d);
        ASSERT_TRUE(more.ok()) << p << ": " << more.status().ToString();
        if (!*more) break;
        decoded.push_back(DatumToPlainJson(*(*r)->writer_schema(), d));
      }
    } else if (p.extension() == ".bin") {
      fs::path schema_path = p;
      schema_path.replace_extension(".schema.json");
      auto schema = ParseSchema(ReadText(schema_path));
      ASSERT_TRUE(schema.ok()) << schema.status().ToString();
      auto d = DecodeDatum(**schema, ReadText(p));
      ASSERT_TRUE(d.ok()) << p << ": " << d.status().ToString();
      decoded.push_back(DatumToPlainJson(**schema, *d));
    } else {
      continue;
    }
    fs::path result = p;
    result.replace_extension(".ours.json");
    WriteText(result, decoded.dump());
    ++files;
  }
  EXPECT_GT(files, 0) << "no .avro or .bin files in " << dir;
}

}  // namespace
}  // namespace tributary::avro

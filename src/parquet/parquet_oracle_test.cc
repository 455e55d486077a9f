// Generates Parquet files for random schemas and data with every codec, plus the rows they
// must contain as JSON, for tests/python/test_parquet_oracle.py to check against pyarrow and
// DuckDB. With TRIB_PARQUET_OUT set the files land there; otherwise in a temporary folder,
// and this test checks only what it can see without a reader (magic bytes, footer bounds).
//
// Layout of the folder: <case>.parquet beside <case>.json, where the JSON is
//   {"schema": <schema description>, "rows": [<row>...], "options": {...}}
// Schema description: {"type": "int8".."map" | "decimal" | "date" | "time" | "timestamp",
//   "optional": bool, "scale"/"precision" (decimal), "fields": [{"name", "schema"}] (struct),
//   "element" (array), "key"/"value" (map)}.
// Values: null; integers (date: days, time: ms, timestamp: ms); floats, or the strings
// "NaN", "Infinity", "-Infinity"; strings; bytes as lowercase hex; decimals as the unscaled
// integer in a string; structs as objects; arrays as lists; maps as lists of [key, value].
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <set>

#include "data/schema.h"
#include "data/value.h"
#include "parquet/file_writer.h"

namespace tributary::parquet {
namespace {

using data::Schema;
using data::SchemaBuilder;
using data::SchemaPtr;
using data::Value;
using nlohmann::ordered_json;
// Decimals up to 38 digits; __extension__ keeps -Wpedantic quiet about the GCC type.
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }

  SchemaPtr RandomStruct(int depth, int max_fields, const std::string& name) {
    SchemaBuilder b = SchemaBuilder::Struct();
    if (!name.empty()) b.Name(name);
    const int n = Uniform(1, max_fields);
    for (int i = 0; i < n; ++i) b.Field("f" + std::to_string(i), RandomSchema(depth));
    return b.Build();
  }

  SchemaPtr RandomSchema(int depth) {
    const int kinds = depth < 2 ? 17 : 13;
    const int kind = Uniform(0, kinds - 1);
    const bool optional = Chance(0.5);
    SchemaBuilder b = [&]() -> SchemaBuilder {
      switch (kind) {
        case 0: return SchemaBuilder::Int8();
        case 1: return SchemaBuilder::Int16();
        case 2: return SchemaBuilder::Int32();
        case 3: return SchemaBuilder::Int64();
        case 4: return SchemaBuilder::Float32();
        case 5: return SchemaBuilder::Float64();
        case 6: return SchemaBuilder::Boolean();
        case 7: return SchemaBuilder::String();
        case 8: return SchemaBuilder::Bytes();
        case 9: {
          // Every storage: INT32 (1-9 digits), INT64 (10-18), FIXED_LEN_BYTE_ARRAY (19-38 and,
          // without the parameter, AvroData's (and our) precision 64).
          const int precision = Chance(0.75) ? Uniform(1, 38) : 64;
          SchemaBuilder d = SchemaBuilder::Decimal(Uniform(0, std::min(6, precision)));
          if (precision != 64) d.Parameter("connect.decimal.precision", std::to_string(precision));
          return d;
        }
        case 10: return SchemaBuilder::Date();
        case 11: return SchemaBuilder::Time();
        case 12: return SchemaBuilder::Timestamp();
        case 13: return SchemaBuilder::From(*RandomStruct(depth + 1, 4, ""));
        case 14: return SchemaBuilder::Array(RandomSchema(depth + 1));
        case 15: return SchemaBuilder::Map(data::StringSchema(), RandomSchema(depth + 1));
        default: return SchemaBuilder::Map(data::Int32Schema(), RandomSchema(depth + 1));
      }
    }();
    b.Optional(optional);
    return b.Build();
  }

  Value RandomValue(const Schema& s, bool allow_null = true) {
    if (allow_null && s.optional() && Chance(0.2)) return Value::Null();
    switch (s.type()) {
      case data::Type::kInt8: return Value::Int(RandomInt(-128, 127));
      case data::Type::kInt16: return Value::Int(RandomInt(-32768, 32767));
      case data::Type::kInt32:
        if (s.IsNamed(data::names::kDate)) return Value::Int(RandomInt(-719162, 2932896));
        if (s.IsNamed(data::names::kTime)) return Value::Int(RandomInt(0, 86399999));
        return Value::Int(RandomInt(INT32_MIN, INT32_MAX));
      case data::Type::kInt64:
        if (s.IsNamed(data::names::kTimestamp)) {
          // Python's datetime range (years 1..9999), where both oracles can show it.
          return Value::Int(RandomInt(-62135596800000, 253402300799999));
        }
        return Value::Int(RandomInt(INT64_MIN, INT64_MAX));
      case data::Type::kFloat32: return Value::Double(static_cast<float>(RandomDouble()));
      case data::Type::kFloat64: return Value::Double(RandomDouble());
      case data::Type::kBoolean: return Value::Bool(Chance(0.5));
      case data::Type::kString: return Value::String(RandomString());
      case data::Type::kBytes:
        if (s.IsNamed(data::names::kDecimal)) return Value::BytesOf(RandomDecimal(s));
        return Value::BytesOf(RandomBytes());
      case data::Type::kStruct: {
        Value v = Value::EmptyStruct(std::make_shared<Schema>(s));
        auto& sv = v.mutable_struct();
        for (const auto& f : s.fields()) sv.values[f.index] = RandomValue(*f.schema);
        return v;
      }
      case data::Type::kArray: {
        data::Array a;
        const int n = Chance(0.2) ? 0 : Uniform(1, 4);
        for (int i = 0; i < n; ++i) a.push_back(RandomValue(*s.value_schema(), false));
        return Value::ArrayOf(std::move(a));
      }
      case data::Type::kMap: {
        data::Map m;
        const int n = Chance(0.2) ? 0 : Uniform(1, 3);
        std::set<std::string> seen;
        for (int i = 0; i < n; ++i) {
          Value k = RandomValue(*s.key_schema(), false);
          if (!seen.insert(k.DebugString()).second) continue;
          m.emplace_back(std::move(k), RandomValue(*s.value_schema()));
        }
        return Value::MapOf(std::move(m));
      }
    }
    return Value::Null();
  }

  int64_t RandomInt(int64_t lo, int64_t hi) {
    if (Chance(0.1)) return Chance(0.5) ? lo : hi;
    if (Chance(0.3)) return std::clamp<int64_t>(std::uniform_int_distribution<int64_t>(-10, 10)(rng_), lo, hi);
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng_);
  }

  double RandomDouble() {
    switch (Uniform(0, 9)) {
      case 0: return std::numeric_limits<double>::quiet_NaN();
      case 1: return Chance(0.5) ? INFINITY : -INFINITY;
      case 2: return Chance(0.5) ? -0.0 : 0.0;
      case 3: return Chance(0.5) ? std::numeric_limits<double>::max() : -1e-300;
      default: return std::uniform_real_distribution<double>(-1e6, 1e6)(rng_);
    }
  }

  std::string RandomString() {
    static const char* const kPieces[] = {"a", "Z", "0", " ", "é", "世界", "🎉", "\t", "\"", "\\",
                                          "ÿ", "naïve", "Ω", "x", "long-ish text "};
    if (Chance(0.15)) return "";
    std::string s;
    const int n = Uniform(1, 12);
    for (int i = 0; i < n; ++i) s += kPieces[Uniform(0, 14)];
    return s;
  }

  std::string RandomBytes() {
    std::string s(static_cast<size_t>(Chance(0.15) ? 0 : Uniform(1, 20)), '\0');
    for (char& c : s) c = static_cast<char>(Uniform(0, 255));
    return s;
  }

  // Minimal big-endian two's complement, as Connect's Decimal (BigInteger.toByteArray).
  std::string RandomDecimal(const Schema& s) {
    const std::string* p = s.parameter("connect.decimal.precision");
    const int precision = std::min(p ? std::stoi(*p) : 64, 38);
    Int128 limit = 1;
    for (int i = 0; i < precision; ++i) limit *= 10;
    limit -= 1;
    Int128 v;
    if (Chance(0.1)) {
      v = Chance(0.5) ? limit : -limit;
    } else {
      const int digits = Uniform(1, precision);
      v = 0;
      for (int i = 0; i < digits; ++i) v = v * 10 + Uniform(0, 9);
      if (Chance(0.5)) v = -v;
    }
    std::string bytes;
    for (int i = 0; i < 16; ++i) bytes.insert(bytes.begin(), static_cast<char>(static_cast<uint8_t>(v >> (8 * i))));
    // Drop redundant sign bytes.
    while (bytes.size() > 1 &&
           ((bytes[0] == 0 && !(static_cast<uint8_t>(bytes[1]) & 0x80)) ||
            (static_cast<uint8_t>(bytes[0]) == 0xFF && (static_cast<uint8_t>(bytes[1]) & 0x80)))) {
      bytes.erase(bytes.begin());
    }
    return bytes;
  }

 private:
  std::mt19937_64 rng_;
};

std::string TypeLabel(const Schema& s) {
  if (s.IsNamed(data::names::kDecimal)) return "decimal";
  if (s.IsNamed(data::names::kDate)) return "date";
  if (s.IsNamed(data::names::kTime)) return "time";
  if (s.IsNamed(data::names::kTimestamp)) return "timestamp";
  return std::string(data::TypeName(s.type()));
}

ordered_json Describe(const Schema& s) {
  ordered_json d;
  d["type"] = TypeLabel(s);
  d["optional"] = s.optional();
  if (s.IsNamed(data::names::kDecimal)) {
    d["scale"] = std::stoi(*s.parameter("scale"));
    const std::string* p = s.parameter("connect.decimal.precision");
    d["precision"] = p ? std::stoi(*p) : 64;
  }
  if (s.type() == data::Type::kStruct) {
    d["fields"] = ordered_json::array();
    for (const auto& f : s.fields()) d["fields"].push_back({{"name", f.name}, {"schema", Describe(*f.schema)}});
  } else if (s.type() == data::Type::kArray) {
    d["element"] = Describe(*s.value_schema());
  } else if (s.type() == data::Type::kMap) {
    d["key"] = Describe(*s.key_schema());
    d["value"] = Describe(*s.value_schema());
  }
  return d;
}

std::string Hex(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string UnscaledToString(std::string_view bytes) {
  Int128 v = (!bytes.empty() && (static_cast<uint8_t>(bytes[0]) & 0x80)) ? -1 : 0;
  for (unsigned char c : bytes) v = (v << 8) | c;
  const bool negative = v < 0;
  UInt128 m = negative ? static_cast<UInt128>(-(v + 1)) + 1 : static_cast<UInt128>(v);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(m % 10)));
    m /= 10;
  } while (m != 0);
  return negative ? "-" + digits : digits;
}

ordered_json Expected(const Schema& s, const Value& v) {
  if (v.is_null()) return nullptr;
  switch (s.type()) {
    case data::Type::kFloat32:
    case data::Type::kFloat64: {
      const double d = s.type() == data::Type::kFloat32 ? static_cast<float>(v.as_double()) : v.as_double();
      if (std::isnan(d)) return "NaN";
      if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
      return d;
    }
    case data::Type::kBoolean: return v.as_bool();
    case data::Type::kString: return v.as_string();
    case data::Type::kBytes:
      return s.IsNamed(data::names::kDecimal) ? UnscaledToString(v.as_bytes()) : Hex(v.as_bytes());
    case data::Type::kStruct: {
      ordered_json o = ordered_json::object();
      for (const auto& f : s.fields()) o[f.name] = Expected(*f.schema, v.as_struct().values[f.index]);
      return o;
    }
    case data::Type::kArray: {
      ordered_json a = ordered_json::array();
      for (const auto& e : v.as_array()) a.push_back(Expected(*s.value_schema(), e));
      return a;
    }
    case data::Type::kMap: {
      ordered_json a = ordered_json::array();
      for (const auto& [k, e] : v.as_map())
        a.push_back({Expected(*s.key_schema(), k), Expected(*s.value_schema(), e)});
      return a;
    }
    default: return v.as_int();
  }
}

struct Case {
  std::string name;
  SchemaPtr schema;
  std::vector<Value> rows;
  WriterOptions options;
  // Take the output after every row, as the S3 sink streams it, and check that the writer's
  // memory stays bounded by the row group while the file grows far past it.
  bool streamed = false;
};

// A record of every type, flat and nested, for the many-rows cases.
SchemaPtr WideSchema() {
  return SchemaBuilder::Struct()
      .Name("db1.inventory.products.Value")
      .Field("id", data::Int64Schema())
      .Field("tiny", data::OptionalInt8Schema())
      .Field("small", data::Int16Schema())
      .Field("qty", data::OptionalInt32Schema())
      .Field("ratio", data::OptionalFloat32Schema())
      .Field("price", data::Float64Schema())
      .Field("active", data::OptionalBooleanSchema())
      .Field("name", data::OptionalStringSchema())
      .Field("blob", data::OptionalBytesSchema())
      .Field("amount", SchemaBuilder::Decimal(2).Parameter("connect.decimal.precision", "12").Optional().Build())
      .Field("cents", SchemaBuilder::Decimal(0).Parameter("connect.decimal.precision", "9").Optional().Build())
      .Field("exact", SchemaBuilder::Decimal(10).Parameter("connect.decimal.precision", "38").Optional().Build())
      .Field("born", SchemaBuilder::Date().Optional().Build())
      .Field("at", SchemaBuilder::Time().Build())
      .Field("ts", SchemaBuilder::Timestamp().Optional().Build())
      .Field("tags", SchemaBuilder::Array(data::StringSchema()).Optional().Build())
      .Field("attrs", SchemaBuilder::Map(data::StringSchema(), data::OptionalInt64Schema()).Optional().Build())
      .Field("address", SchemaBuilder::Struct()
                            .Field("city", data::StringSchema())
                            .Field("zip", data::OptionalInt32Schema())
                            .Optional()
                            .Build())
      .Build();
}

Value RandomRow(Generator& g, const SchemaPtr& schema) {
  Value row = Value::EmptyStruct(schema);
  auto& sv = row.mutable_struct();
  for (const auto& f : schema->fields()) sv.values[f.index] = g.RandomValue(*f.schema);
  return row;
}

std::vector<Case> MakeCases() {
  std::vector<Case> cases;
  const Codec codecs[] = {Codec::kUncompressed, Codec::kSnappy, Codec::kGzip, Codec::kZstd};
  for (Codec codec : codecs) {
    const std::string codec_name(CodecName(codec));
    for (int i = 0; i < 10; ++i) {
      Generator g(1000 * static_cast<uint64_t>(codec) + static_cast<uint64_t>(i));
      Case c;
      c.name = "random_" + codec_name + "_" + std::to_string(i);
      c.schema = g.RandomStruct(0, 8, i % 2 == 0 ? "test.Record" + std::to_string(i) : "");
      const int rows = i == 0 ? 0 : i == 1 ? 1 : g.Uniform(2, 300);
      for (int r = 0; r < rows; ++r) c.rows.push_back(RandomRow(g, c.schema));
      c.options.codec = codec;
      c.options.dictionary = i % 3 != 2;
      c.options.page_bytes = i % 4 == 3 ? 512 : 1 << 20;
      cases.push_back(std::move(c));
    }
    // Many rows: several pages per chunk, several row groups, dictionary fall-back.
    Generator g(77 + static_cast<uint64_t>(codec));
    Case big;
    big.name = "wide_" + codec_name;
    big.schema = WideSchema();
    for (int r = 0; r < 30000; ++r) big.rows.push_back(RandomRow(g, big.schema));
    big.options.codec = codec;
    big.options.page_bytes = 16 << 10;
    big.options.row_group_bytes = 1 << 20;
    big.options.dictionary_page_bytes = 8 << 10;
    cases.push_back(std::move(big));
  }
  Generator g(99);
  Case streamed;
  streamed.name = "streamed_snappy";
  streamed.schema = WideSchema();
  for (int r = 0; r < 80000; ++r) streamed.rows.push_back(RandomRow(g, streamed.schema));
  streamed.options.row_group_bytes = 256 << 10;
  streamed.options.page_bytes = 32 << 10;
  streamed.streamed = true;
  cases.push_back(std::move(streamed));
  return cases;
}

TEST(ParquetOracle, WritesRandomFilesWithExpectedRows) {
  const char* out_env = std::getenv("TRIB_PARQUET_OUT");
  const std::filesystem::path dir =
      out_env ? std::filesystem::path(out_env)
              : std::filesystem::temp_directory_path() / ("trib_parquet_oracle_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (const Case& c : MakeCases()) {
    SCOPED_TRACE(c.name);
    auto writer = ParquetFileWriter::Create(c.schema, c.options);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    std::string file;
    for (const Value& row : c.rows) {
      ASSERT_TRUE((*writer)->Write(row).ok()) << (*writer)->Write(row).ToString();
      if (c.streamed || (*writer)->EstimatedSize() > 256 << 10) file += (*writer)->TakeOutput();
    }
    auto rest = (*writer)->Finish();
    ASSERT_TRUE(rest.ok()) << rest.status().ToString();
    file += *rest;
    if (c.streamed) {
      // The open row group plus its encoded copy while it is handed out: under two row
      // groups' worth, whatever the file size.
      const size_t bound = 2 * static_cast<size_t>(c.options.row_group_bytes);
      EXPECT_GT(file.size(), 15 * bound);
      EXPECT_LT((*writer)->PeakBufferedBytes(), bound);
      std::printf("%s: %zu bytes in the file, peak buffered %zu bytes\n", c.name.c_str(),
                  file.size(), (*writer)->PeakBufferedBytes());
    }
    // WriteBatch() shreds blocks of rows a column at a time: the same file.
    auto batched = ParquetFileWriter::Create(c.schema, c.options);
    ASSERT_TRUE(batched.ok());
    std::vector<const Value*> batch;
    for (const Value& row : c.rows) batch.push_back(&row);
    ASSERT_TRUE((*batched)->WriteBatch(batch).ok());
    auto batched_file = (*batched)->Finish();
    ASSERT_TRUE(batched_file.ok());
    EXPECT_TRUE(*batched_file == file) << "WriteBatch() wrote other bytes than Write()";

    ASSERT_GE(file.size(), 12u);
    EXPECT_EQ(file.substr(0, 4), "PAR1");
    EXPECT_EQ(file.substr(file.size() - 4), "PAR1");
    uint32_t footer = 0;
    std::memcpy(&footer, file.data() + file.size() - 8, 4);
    EXPECT_LE(footer, file.size() - 12);

    ordered_json expected;
    expected["schema"] = Describe(*c.schema);
    expected["parquet_schema"] = (*writer)->SchemaString();
    expected["options"] = {{"codec", CodecName(c.options.codec)},
                           {"dictionary", c.options.dictionary},
                           {"page_bytes", c.options.page_bytes},
                           {"row_group_bytes", c.options.row_group_bytes}};
    expected["rows"] = ordered_json::array();
    for (const Value& row : c.rows) expected["rows"].push_back(Expected(*c.schema, row));
    std::ofstream(dir / (c.name + ".parquet"), std::ios::binary) << file;
    std::ofstream(dir / (c.name + ".json")) << expected.dump();
  }
  if (out_env == nullptr) std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tributary::parquet

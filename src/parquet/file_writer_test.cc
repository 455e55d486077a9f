#include "parquet/file_writer.h"

#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "data/schema.h"
#include "data/value.h"

namespace tributary::parquet {
namespace {

using data::SchemaBuilder;
using data::SchemaPtr;
using data::Value;

SchemaPtr MovieSchema() {
  return SchemaBuilder::Struct()
      .Name("db1.sampledatabase.movies.Value")
      .Field("movie_id", data::Int32Schema())
      .Field("title", data::OptionalStringSchema())
      .Field("tags", SchemaBuilder::Array(data::StringSchema()).Optional().Build())
      .Build();
}

Value Movie(const SchemaPtr& schema, int64_t id, Value title, Value tags = Value::Null()) {
  Value row = Value::EmptyStruct(schema);
  row.set("movie_id", Value::Int(id));
  row.set("title", std::move(title));
  row.set("tags", std::move(tags));
  return row;
}

std::string WriteAll(const SchemaPtr& schema, const std::vector<Value>& rows, WriterOptions options = {}) {
  auto writer = ParquetFileWriter::Create(schema, options);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  for (const Value& row : rows) EXPECT_TRUE((*writer)->Write(row).ok());
  auto file = (*writer)->Finish();
  EXPECT_TRUE(file.ok()) << file.status().ToString();
  return *file;
}

TEST(Codec, ParsesParquetCodecValues) {
  EXPECT_EQ(*ParseCodec("snappy"), Codec::kSnappy);
  EXPECT_EQ(*ParseCodec("GZIP"), Codec::kGzip);
  EXPECT_EQ(*ParseCodec("zstd"), Codec::kZstd);
  EXPECT_EQ(*ParseCodec("none"), Codec::kUncompressed);
  EXPECT_EQ(*ParseCodec("uncompressed"), Codec::kUncompressed);
  auto lz4 = ParseCodec("lz4");
  ASSERT_FALSE(lz4.ok());
  EXPECT_EQ(lz4.status().code(), StatusCode::kNotSupported);
  EXPECT_NE(lz4.status().message().find("none, snappy, gzip, zstd"), std::string::npos);
  EXPECT_EQ(ParseCodec("brotli").status().code(), StatusCode::kNotSupported);
  EXPECT_EQ(ParseCodec("zip").status().code(), StatusCode::kInvalidArgument);
}

TEST(Codec, FileExtensionsAreConfluents) {
  EXPECT_EQ(ParquetFileExtension(Codec::kSnappy), ".snappy.parquet");
  EXPECT_EQ(ParquetFileExtension(Codec::kGzip), ".gz.parquet");
  EXPECT_EQ(ParquetFileExtension(Codec::kZstd), ".zstd.parquet");
  EXPECT_EQ(ParquetFileExtension(Codec::kUncompressed), ".parquet");
}

TEST(ParquetFileWriter, RejectedRowLeavesNoTrace) {
  const SchemaPtr schema = MovieSchema();
  const Value good1 = Movie(schema, 1, Value::String("Alien"), Value::ArrayOf({Value::String("scifi")}));
  const Value good2 = Movie(schema, 2, Value::Null());
  // Shredded half-way (movie_id and title written) before the null element is found.
  const Value bad = Movie(schema, 3, Value::String("new title, new dictionary entry"),
                          Value::ArrayOf({Value::String("x"), Value::Null()}));

  auto writer = ParquetFileWriter::Create(schema, {});
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Write(good1).ok());
  const Status rejected = (*writer)->Write(bad);
  EXPECT_EQ(rejected.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(rejected.message().find("row 1: field 'tags[]' has a null element"), std::string::npos)
      << rejected.message();
  ASSERT_TRUE((*writer)->Write(good2).ok());
  EXPECT_EQ((*writer)->num_rows(), 2);
  auto file = (*writer)->Finish();
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(*file, WriteAll(schema, {good1, good2})) << "byte-identical to never seeing the bad row";
}

TEST(ParquetFileWriter, WriteBatchMatchesWriteAndStopsAtTheFirstBadRow) {
  const SchemaPtr schema = MovieSchema();
  std::vector<Value> rows;
  for (int64_t i = 0; i < 1000; ++i) {
    rows.push_back(Movie(schema, i, i % 3 == 0 ? Value::Null() : Value::String("t" + std::to_string(i % 50)),
                         Value::ArrayOf({Value::String("tag")})));
  }
  std::vector<const Value*> batch;
  for (const Value& row : rows) batch.push_back(&row);
  WriterOptions small_pages;
  small_pages.page_bytes = 512;
  auto writer = ParquetFileWriter::Create(schema, small_pages);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->WriteBatch(batch).ok());
  auto file = (*writer)->Finish();
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(*file, WriteAll(schema, rows, small_pages));

  const Value bad = Movie(schema, 7, Value::Null(), Value::ArrayOf({Value::Null()}));
  const std::vector<const Value*> with_bad = {batch[0], batch[1], &bad, batch[2]};
  auto stopped = ParquetFileWriter::Create(schema, {});
  ASSERT_TRUE(stopped.ok());
  const Status rejected = (*stopped)->WriteBatch(with_bad);
  EXPECT_EQ(rejected.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(rejected.message().find("row 2:"), std::string::npos) << rejected.message();
  EXPECT_EQ((*stopped)->num_rows(), 2);
  auto kept = (*stopped)->Finish();
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(*kept, WriteAll(schema, {rows[0], rows[1]}));
}

// A row refused half-way through a block that is shredded a column at a time: the columns
// already holding the block's later rows are rolled back too.
TEST(ParquetFileWriter, WriteBatchRefusesARowInsideABlockAsWriteDoes) {
  const SchemaPtr schema = MovieSchema();
  std::vector<Value> rows;
  for (int64_t i = 0; i < 100; ++i) rows.push_back(Movie(schema, i, Value::String("t" + std::to_string(i))));
  for (const Value& bad_field : {Value::Null(), Value::String("not an int")}) {
    Value bad = Movie(schema, 0, Value::String("a new title"));
    bad.set("movie_id", bad_field);
    std::vector<const Value*> batch;
    for (size_t i = 0; i < rows.size(); ++i) batch.push_back(i == 40 ? &bad : &rows[i]);
    auto writer = ParquetFileWriter::Create(schema, {});
    ASSERT_TRUE(writer.ok());
    const Status rejected = (*writer)->WriteBatch(batch);
    EXPECT_EQ(rejected.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(rejected.message().find("row 40: field 'movie_id'"), std::string::npos)
        << rejected.message();
    EXPECT_EQ((*writer)->num_rows(), 40);
    auto kept = (*writer)->Finish();
    ASSERT_TRUE(kept.ok());
    EXPECT_EQ(*kept, WriteAll(schema, std::vector<Value>(rows.begin(), rows.begin() + 40)));
  }
}

std::vector<Value> RandomMovies(const SchemaPtr& schema, int count, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Value> rows;
  for (int i = 0; i < count; ++i) {
    std::string title(8 + rng() % 40, ' ');
    for (char& c : title) c = static_cast<char>('a' + rng() % 26);
    data::Array tags;
    for (uint64_t t = rng() % 3; t > 0; --t) tags.push_back(Value::String("tag" + std::to_string(rng() % 50)));
    rows.push_back(Movie(schema, i, rng() % 7 == 0 ? Value::Null() : Value::String(title),
                         Value::ArrayOf(std::move(tags))));
  }
  return rows;
}

// Pages compressed on the pool's threads give the bytes of compressing them in line while
// the row group's size is not reached, and the same bytes on every run when it is, however
// many writers share the pool at once.
TEST(ParquetFileWriter, BackgroundCompressionIsDeterministic) {
  const SchemaPtr schema = MovieSchema();
  const std::vector<Value> rows = RandomMovies(schema, 40000, 11);
  for (Codec codec : {Codec::kSnappy, Codec::kGzip, Codec::kZstd}) {
    WriterOptions options;
    options.codec = codec;
    options.page_bytes = 8 << 10;
    WriterOptions inline_options = options;
    inline_options.background_compression = false;
    EXPECT_EQ(WriteAll(schema, rows, options), WriteAll(schema, rows, inline_options))
        << CodecName(codec);

    options.row_group_bytes = 64 << 10;  // many row groups, closed by size
    const std::string expected = WriteAll(schema, rows, options);
    std::vector<std::string> files(4);
    std::vector<std::thread> writers;
    for (std::string& file : files)
      writers.emplace_back([&] { file = WriteAll(schema, rows, options); });
    for (std::thread& t : writers) t.join();
    for (const std::string& file : files) EXPECT_EQ(file, expected) << CodecName(codec);
  }
}

TEST(ParquetFileWriter, WriterDroppedWithPagesInCompressionLeavesCleanly) {
  const SchemaPtr schema = MovieSchema();
  const std::vector<Value> rows = RandomMovies(schema, 20000, 12);
  WriterOptions options;
  options.codec = Codec::kGzip;
  options.page_bytes = 4 << 10;
  auto writer = ParquetFileWriter::Create(schema, options);
  ASSERT_TRUE(writer.ok());
  for (const Value& row : rows) ASSERT_TRUE((*writer)->Write(row).ok());
  writer->reset();  // pages still queued or being compressed
}

TEST(ParquetFileWriter, TakeOutputHandsOutRowGroupsAsTheyClose) {
  const SchemaPtr schema = MovieSchema();
  std::vector<Value> rows;
  for (int i = 0; i < 5000; ++i) rows.push_back(Movie(schema, i, Value::String("title " + std::to_string(i))));
  WriterOptions options;
  options.row_group_bytes = 16 << 10;
  options.page_bytes = 4 << 10;

  auto writer = ParquetFileWriter::Create(schema, options);
  ASSERT_TRUE(writer.ok());
  std::string pieces;
  size_t largest_piece = 0;
  for (const Value& row : rows) {
    ASSERT_TRUE((*writer)->Write(row).ok());
    std::string piece = (*writer)->TakeOutput();
    largest_piece = std::max(largest_piece, piece.size());
    pieces += piece;
  }
  EXPECT_GT(pieces.size(), 4u) << "row groups were closed before Finish()";
  EXPECT_LT(largest_piece, size_t{64} << 10) << "memory is bounded by the row group";
  const size_t estimated = (*writer)->EstimatedSize();
  auto rest = (*writer)->Finish();
  ASSERT_TRUE(rest.ok());
  pieces += *rest;
  EXPECT_EQ(pieces, WriteAll(schema, rows, options));
  EXPECT_GE(estimated, pieces.size() / 2);
}

TEST(ParquetFileWriter, RejectsNullRowsForeignSchemasAndUseAfterFinish) {
  const SchemaPtr schema = MovieSchema();
  auto writer = ParquetFileWriter::Create(schema, {});
  ASSERT_TRUE(writer.ok());
  EXPECT_NE((*writer)->Write(Value::Null()).message().find("null (a tombstone?)"), std::string::npos);

  const SchemaPtr other = SchemaBuilder::Struct().Field("x", data::Int32Schema()).Build();
  Value foreign = Value::EmptyStruct(other);
  foreign.set("x", Value::Int(1));
  EXPECT_NE((*writer)->Write(foreign).message().find("start a new file"), std::string::npos);

  // An equal schema built separately is accepted.
  EXPECT_TRUE((*writer)->Write(Movie(MovieSchema(), 1, Value::Null())).ok());
  ASSERT_TRUE((*writer)->Finish().ok());
  EXPECT_FALSE((*writer)->Write(Movie(schema, 2, Value::Null())).ok());
  EXPECT_FALSE((*writer)->Finish().ok());
}

TEST(ParquetFileWriter, RejectsBadOptionsAndSchemas) {
  WriterOptions options;
  options.page_bytes = 0;
  EXPECT_EQ(ParquetFileWriter::Create(MovieSchema(), options).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParquetFileWriter::Create(data::StringSchema(), {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParquetFileWriter::Create(nullptr, {}).status().code(), StatusCode::kInvalidArgument);
}

TEST(ParquetFileWriter, FooterCarriesAvroSchemaAndCreatedBy) {
  WriterOptions options;
  options.avro_schema_json = R"({"type":"record","name":"Value"})";
  options.key_value_metadata = {{"origin", "test"}};
  const std::string file = WriteAll(MovieSchema(), {}, options);
  EXPECT_NE(file.find("parquet.avro.schema"), std::string::npos);
  EXPECT_NE(file.find(options.avro_schema_json), std::string::npos);
  EXPECT_NE(file.find("writer.model.name"), std::string::npos);
  EXPECT_NE(file.find("origin"), std::string::npos);
  EXPECT_NE(file.find("tributary version"), std::string::npos);
}

}  // namespace
}  // namespace tributary::parquet

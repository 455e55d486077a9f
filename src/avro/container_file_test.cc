#include "avro/container_file.h"

#include <gtest/gtest.h>

#include "avro/schema_parser.h"

namespace tributary::avro {
namespace {

template <typename T>
T Take(Result<T> r) {
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return std::move(r).value();
}

SchemaPtr RowSchema() {
  return *ParseSchema(R"({"type":"record","name":"Row","fields":[
      {"name":"id","type":"long"},{"name":"name","type":["null","string"]}]})");
}

Datum Row(int64_t id) {
  return Datum::Record({Datum::Long(id), id % 3 == 0 ? Datum::Null().set_branch(0)
                                                     : Datum::String("name-" + std::to_string(id)).set_branch(1)});
}

std::string WriteFile(Codec codec, int rows, size_t block_size, std::optional<SyncMarker> sync = {}) {
  std::string file;
  ContainerWriterOptions options;
  options.codec = codec;
  options.block_size = block_size;
  options.sync_marker = sync;
  options.metadata = {{"writer", "tributary"}};
  auto w = ContainerWriter::Create(RowSchema(), &file, options);
  EXPECT_TRUE(w.ok()) << w.status().ToString();
  for (int i = 0; i < rows; ++i) EXPECT_TRUE((*w)->Append(Row(i)).ok());
  EXPECT_TRUE((*w)->Close().ok());
  EXPECT_EQ((*w)->objects_written(), rows);
  EXPECT_EQ((*w)->bytes_written(), file.size());
  return file;
}

TEST(ContainerFileTest, EveryCodecRoundTripsAcrossBlocks) {
  for (Codec codec : {Codec::kNull, Codec::kDeflate, Codec::kSnappy, Codec::kZstandard}) {
    std::string file = WriteFile(codec, 1000, 512);
    auto r = ContainerReader::Open(file);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ((*r)->codec(), codec);
    EXPECT_EQ(*(*r)->metadata("avro.codec"), CodecName(codec));
    EXPECT_EQ(*(*r)->metadata("writer"), "tributary");
    EXPECT_EQ(CanonicalForm(*(*r)->writer_schema()), CanonicalForm(*RowSchema()));
    Datum d;
    int n = 0;
    while (true) {
      auto more = (*r)->Next(&d);
      ASSERT_TRUE(more.ok()) << more.status().ToString();
      if (!*more) break;
      ASSERT_EQ(d, Row(n)) << CodecName(codec) << " row " << n;
      ++n;
    }
    EXPECT_EQ(n, 1000) << CodecName(codec);
  }
}

TEST(ContainerFileTest, BlockSizeControlsBlocksAndEncodedAppendsWork) {
  std::string file;
  ContainerWriterOptions options;
  options.block_size = 1 << 20;
  auto w = Take(ContainerWriter::Create(RowSchema(), &file, options));
  size_t header = file.size();
  std::string* buf = w->object_buffer();
  ASSERT_TRUE(EncodeDatum(*RowSchema(), Row(1), buf).ok());
  ASSERT_TRUE(w->CommitObject().ok());
  buf->append("garbage");
  w->DiscardObject();
  std::string encoded;
  ASSERT_TRUE(EncodeDatum(*RowSchema(), Row(2), &encoded).ok());
  ASSERT_TRUE(w->AppendEncoded(encoded).ok());
  EXPECT_EQ(file.size(), header) << "nothing is emitted before the block fills";
  ASSERT_TRUE(w->Close().ok());
  auto r = Take(ContainerReader::Open(file));
  Datum d;
  ASSERT_TRUE(*r->Next(&d));
  EXPECT_EQ(d, Row(1));
  std::string_view raw;
  ASSERT_TRUE(*r->NextEncoded(&raw));
  EXPECT_EQ(raw, encoded);
  EXPECT_FALSE(*r->Next(&d));
}

TEST(ContainerFileTest, FixedSyncMarkerGivesIdenticalBytes) {
  SyncMarker sync{};
  for (size_t i = 0; i < sync.size(); ++i) sync[i] = static_cast<uint8_t>(i * 7);
  EXPECT_EQ(WriteFile(Codec::kSnappy, 100, 256, sync), WriteFile(Codec::kSnappy, 100, 256, sync));
  EXPECT_NE(WriteFile(Codec::kNull, 10, 256), WriteFile(Codec::kNull, 10, 256));
}

TEST(ContainerFileTest, ReaderSchemaResolvesOldFiles) {
  std::string file = WriteFile(Codec::kDeflate, 10, 64);
  ContainerReaderOptions options;
  options.reader_schema = *ParseSchema(R"({"type":"record","name":"Row","fields":[
      {"name":"name","type":["null","string"]},{"name":"COUNTRY","type":"string","default":"US"},
      {"name":"id","type":"double"}]})");
  auto r = Take(ContainerReader::Open(file, options));
  Datum d;
  ASSERT_TRUE(*r->Next(&d));
  ASSERT_TRUE(*r->Next(&d));
  EXPECT_EQ(d, Datum::Record({Datum::String("name-1").set_branch(1), Datum::String("US"), Datum::Double(1)}));
}

TEST(ContainerFileTest, CorruptionIsReportedWithOffsets) {
  std::string file = WriteFile(Codec::kSnappy, 50, 128);
  EXPECT_FALSE(ContainerReader::Open("Obj").ok());
  EXPECT_FALSE(ContainerReader::Open("PAR1xxxx").ok());
  // A damaged sync marker in the last block.
  std::string bad = file;
  bad[bad.size() - 3] ^= 0x55;
  auto r = Take(ContainerReader::Open(bad));
  Datum d;
  Status last;
  while (true) {
    auto more = r->Next(&d);
    if (!more.ok()) {
      last = more.status();
      break;
    }
    if (!*more) break;
  }
  EXPECT_NE(last.message().find("sync marker"), std::string::npos) << last.ToString();
  EXPECT_NE(last.message().find("byte"), std::string::npos);
  // A flipped payload byte fails the snappy CRC or decoding, never crashes.
  std::string flipped = file;
  flipped[file.size() / 2] ^= 0x10;
  auto r2 = ContainerReader::Open(flipped);
  if (r2.ok()) {
    bool failed = false;
    while (true) {
      auto more = (*r2)->Next(&d);
      if (!more.ok()) {
        failed = true;
        break;
      }
      if (!*more) break;
    }
    EXPECT_TRUE(failed);
  }
  // A truncated file.
  auto r3 = Take(ContainerReader::Open(std::string_view(file).substr(0, file.size() - 20)));
  bool failed = false;
  while (true) {
    auto more = r3->Next(&d);
    if (!more.ok()) {
      failed = true;
      break;
    }
    if (!*more) break;
  }
  EXPECT_TRUE(failed);
}

TEST(CodecTest, NamesAndBombs) {
  EXPECT_EQ(*ParseCodec("zstandard"), Codec::kZstandard);
  EXPECT_EQ(ParseCodec("bzip2").status().code(), StatusCode::kNotSupported);
  std::string big(1 << 20, 'a');
  for (Codec c : {Codec::kDeflate, Codec::kSnappy, Codec::kZstandard}) {
    std::string packed, out;
    ASSERT_TRUE(Compress(c, big, -1, &packed).ok());
    EXPECT_LT(packed.size(), big.size() / 10);
    EXPECT_EQ(Decompress(c, packed, 1000, &out).code(), StatusCode::kCorruption) << CodecName(c);
    out.clear();
    ASSERT_TRUE(Decompress(c, packed, big.size(), &out).ok());
    EXPECT_EQ(out, big);
  }
}

}  // namespace
}  // namespace tributary::avro

#include "parquet/thrift_compact_writer.h"

#include <gtest/gtest.h>

#include <vector>

namespace tributary::parquet {
namespace {

std::vector<uint8_t> Bytes(const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); }
using Type = ThriftCompactWriter::Type;

TEST(ThriftCompactWriter, ShortFieldHeadersCarryTheIdDelta) {
  std::string out;
  ThriftCompactWriter w(&out);
  w.BeginStruct();
  w.FieldI32(1, 1);      // 0x15, zigzag 2
  w.FieldI64(3, -1);     // delta 2, type 6; zigzag 1
  w.FieldBinary(4, "ab");
  w.EndStruct();
  EXPECT_EQ(Bytes(out), (std::vector<uint8_t>{0x15, 0x02, 0x26, 0x01, 0x18, 0x02, 'a', 'b', 0x00}));
}

TEST(ThriftCompactWriter, LongIdJumpsUseTheFullHeader) {
  std::string out;
  ThriftCompactWriter w(&out);
  w.BeginStruct();
  w.FieldI32(20, 3);  // type byte, then zigzag varint of the id (40)
  w.FieldI16(21, -2);
  w.EndStruct();
  EXPECT_EQ(Bytes(out), (std::vector<uint8_t>{0x05, 0x28, 0x06, 0x14, 0x03, 0x00}));
}

TEST(ThriftCompactWriter, BooleansLiveInTheTypeNibble) {
  std::string out;
  ThriftCompactWriter w(&out);
  w.BeginStruct();
  w.FieldBool(1, true);
  w.FieldBool(2, false);
  w.FieldI8(3, -1);
  w.EndStruct();
  EXPECT_EQ(Bytes(out), (std::vector<uint8_t>{0x11, 0x12, 0x13, 0xFF, 0x00}));
}

TEST(ThriftCompactWriter, NestedStructsRestoreTheOuterFieldId) {
  std::string out;
  ThriftCompactWriter w(&out);
  w.BeginStruct();
  w.FieldStruct(2);
  w.FieldI32(1, 5);
  w.EndStruct();
  w.FieldI32(3, 0);  // delta 1 from field 2, not from the inner field 1
  w.EndStruct();
  EXPECT_EQ(Bytes(out), (std::vector<uint8_t>{0x2C, 0x15, 0x0A, 0x00, 0x15, 0x00, 0x00}));
}

TEST(ThriftCompactWriter, ListHeadersShortAndLong) {
  std::string out;
  ThriftCompactWriter w(&out);
  w.BeginStruct();
  w.FieldList(1, Type::kI32, 2);
  w.ListI32(1);
  w.ListI32(-1);
  w.FieldList(2, Type::kBinary, 15);
  for (int i = 0; i < 15; ++i) w.ListBinary("");
  w.EndStruct();
  std::vector<uint8_t> expected = {0x19, 0x25, 0x02, 0x01, 0x19, 0xF8, 0x0F};
  expected.insert(expected.end(), 15, 0x00);
  expected.push_back(0x00);
  EXPECT_EQ(Bytes(out), expected);
}

TEST(ThriftCompactWriter, VarintsSpanBytes) {
  std::string out;
  ThriftCompactWriter w(&out);
  w.BeginStruct();
  w.FieldI64(1, 300);  // zigzag 600 = 0xD8 0x04
  w.FieldI64(2, INT64_MIN);
  w.EndStruct();
  std::vector<uint8_t> expected = {0x16, 0xD8, 0x04, 0x16};
  expected.insert(expected.end(), 9, 0xFF);
  expected.push_back(0x01);
  expected.push_back(0x00);
  EXPECT_EQ(Bytes(out), expected);
}

}  // namespace
}  // namespace tributary::parquet

#include "parquet/decimal_encoding.h"

#include <gtest/gtest.h>

#include "data/schema.h"
#include "data/value.h"
#include "parquet/file_writer.h"

namespace tributary::parquet {
namespace {

using namespace std::string_literals;

TEST(DecimalEncoding, FixedLengthHoldsEveryValueOfThePrecision) {
  EXPECT_EQ(DecimalFixedLength(19), 9);
  EXPECT_EQ(DecimalFixedLength(38), 16);
  EXPECT_EQ(DecimalFixedLength(64), 27);
}

TEST(DecimalEncoding, DecodesMinimalAndPaddedTwosComplement) {
  int32_t v32 = 0;
  ASSERT_TRUE(UnscaledFromBigEndian("\x7f\xff\xff\xff"s, &v32));
  EXPECT_EQ(v32, INT32_MAX);
  ASSERT_TRUE(UnscaledFromBigEndian("\xff\x80\x00\x00\x00"s, &v32));  // redundant sign byte
  EXPECT_EQ(v32, INT32_MIN);
  ASSERT_TRUE(UnscaledFromBigEndian("\xcf\xc7"s, &v32));
  EXPECT_EQ(v32, -12345);
  ASSERT_TRUE(UnscaledFromBigEndian(""s, &v32));
  EXPECT_EQ(v32, 0);
  EXPECT_FALSE(UnscaledFromBigEndian("\x00\x80\x00\x00\x00"s, &v32));  // 2^31
  EXPECT_FALSE(UnscaledFromBigEndian("\x01\x00\x00\x00\x00"s, &v32));
  int64_t v64 = 0;
  ASSERT_TRUE(UnscaledFromBigEndian("\x0d\xe0\xb6\xb3\xa7\x63\xff\xff"s, &v64));
  EXPECT_EQ(v64, 999999999999999999);  // 18 nines
  ASSERT_TRUE(UnscaledFromBigEndian("\xff"s, &v64));
  EXPECT_EQ(v64, -1);
}

TEST(DecimalEncoding, SignExtendsToTheColumnWidth) {
  std::string out;
  ASSERT_TRUE(AppendSignExtended("\xcf\xc7"s, 4, &out));
  EXPECT_EQ(out, "\xff\xff\xcf\xc7"s);
  out.clear();
  ASSERT_TRUE(AppendSignExtended("\x00\x00\x7f"s, 1, &out));
  EXPECT_EQ(out, "\x7f"s);
  out.clear();
  EXPECT_FALSE(AppendSignExtended("\x00\x80"s, 1, &out));
  EXPECT_FALSE(AppendSignExtended("\x01\x00"s, 1, &out));
  EXPECT_TRUE(out.empty());
}

TEST(DecimalEncoding, WriterRejectsAnUnscaledValueWiderThanItsColumn) {
  for (const char* precision : {"5", "15", "20"}) {
    SCOPED_TRACE(precision);
    auto schema = data::SchemaBuilder::Struct()
                      .Field("price", data::SchemaBuilder::Decimal(2)
                                          .Parameter("connect.decimal.precision", precision)
                                          .Build())
                      .Build();
    auto writer = ParquetFileWriter::Create(schema, WriterOptions{});
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    data::Value row = data::Value::EmptyStruct(schema);
    row.mutable_struct().values[0] = data::Value::BytesOf(std::string(12, '\x11'));
    const Status s = (*writer)->Write(row);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("field 'price'"), std::string::npos) << s.ToString();
    row.mutable_struct().values[0] = data::Value::BytesOf("\x30\x39"s);  // 12345
    EXPECT_TRUE((*writer)->Write(row).ok());
    EXPECT_EQ((*writer)->num_rows(), 1);
  }
}

}  // namespace
}  // namespace tributary::parquet

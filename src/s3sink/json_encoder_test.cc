#include "s3sink/json_encoder.h"

#include <gtest/gtest.h>

#include <limits>

namespace tributary::s3sink {
namespace {

using data::SchemaBuilder;
using data::Value;

TEST(JsonEncoderTest, JavaFloatingPointNotation) {
  EXPECT_EQ(JavaDoubleString(1.0), "1.0");
  EXPECT_EQ(JavaDoubleString(0.1), "0.1");
  EXPECT_EQ(JavaDoubleString(-2.5), "-2.5");
  EXPECT_EQ(JavaDoubleString(1234567.0), "1234567.0");
  EXPECT_EQ(JavaDoubleString(1e7), "1.0E7");
  EXPECT_EQ(JavaDoubleString(12345678.9), "1.23456789E7");
  EXPECT_EQ(JavaDoubleString(0.001), "0.001");
  EXPECT_EQ(JavaDoubleString(0.0001), "1.0E-4");
  EXPECT_EQ(JavaDoubleString(-0.0), "-0.0");
  EXPECT_EQ(JavaDoubleString(std::numeric_limits<double>::max()), "1.7976931348623157E308");
  EXPECT_EQ(JavaFloatString(0.1f), "0.1");
  EXPECT_EQ(JavaFloatString(3.4028235e38f), "3.4028235E38");
}

TEST(JsonEncoderTest, DecimalsAsBase64OrNumbers) {
  // Unscaled -12345 (0xCF 0xC7) with scale 2.
  std::string unscaled("\xCF\xC7", 2);
  EXPECT_EQ(DecimalString(unscaled, 2), "-123.45");
  EXPECT_EQ(DecimalString(std::string("\x05", 1), 3), "0.005");
  EXPECT_EQ(DecimalString(std::string("\x00", 1), 0), "0");
  auto schema = SchemaBuilder::Decimal(2).Build();
  std::string out;
  ASSERT_TRUE(JsonEncoder(DecimalFormat::kBase64).Encode(schema.get(), Value::BytesOf(unscaled), &out).ok());
  EXPECT_EQ(out, "\"z8c=\"");
  out.clear();
  ASSERT_TRUE(JsonEncoder(DecimalFormat::kNumeric).Encode(schema.get(), Value::BytesOf(unscaled), &out).ok());
  EXPECT_EQ(out, "-123.45");
}

TEST(JsonEncoderTest, StructsMapsArraysAndEscapes) {
  auto inner = SchemaBuilder::Map(data::Int32Schema(), data::StringSchema()).Build();
  auto schema = SchemaBuilder::Struct()
                    .Field("s", data::StringSchema())
                    .Field("f", data::Float32Schema())
                    .Field("b", data::BytesSchema())
                    .Field("m", SchemaBuilder::Map(data::StringSchema(), data::Int64Schema()).Build())
                    .Field("im", inner)
                    .Field("a", SchemaBuilder::Array(data::OptionalBooleanSchema()).Build())
                    .Field("d", SchemaBuilder::Int32().Optional().Default(Value::Int(7)).Build())
                    .Build();
  Value v = Value::EmptyStruct(schema);
  v.set("s", Value::String("q\"\\\n\x01/é"));
  v.set("f", Value::Double(1.5));
  v.set("b", Value::BytesOf("hi"));
  v.set("m", Value::MapOf({{Value::String("k"), Value::Int(1)}}));
  v.set("im", Value::MapOf({{Value::Int(1), Value::String("one")}}));
  v.set("a", Value::ArrayOf({Value::Bool(true), Value::Null()}));
  std::string out;
  ASSERT_TRUE(JsonEncoder(DecimalFormat::kBase64).Encode(schema.get(), v, &out).ok());
  EXPECT_EQ(out,
            R"({"s":"q\"\\\n\u0001/é","f":1.5,"b":"aGk=","m":{"k":1},"im":[[1,"one"]],)"
            R"("a":[true,null],"d":7})");
}

}  // namespace
}  // namespace tributary::s3sink

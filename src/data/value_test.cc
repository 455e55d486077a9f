#include "data/value.h"

#include <gtest/gtest.h>

namespace tributary::data {
namespace {

SchemaPtr MoviesValue() {
  return SchemaBuilder::Struct()
      .Name("db1.sampledatabase.movies.Value")
      .Field("movie_id", Int32Schema())
      .Field("title", OptionalStringSchema())
      .Build();
}

TEST(ValueTest, StructFieldsByName) {
  Value v = Value::EmptyStruct(MoviesValue());
  EXPECT_TRUE(v.set("movie_id", Value::Int(7)));
  EXPECT_TRUE(v.set("title", Value::String("Heat")));
  EXPECT_FALSE(v.set("nope", Value::Int(1)));
  EXPECT_EQ(v.field("movie_id")->as_int(), 7);
  EXPECT_EQ(v.DebugString(), R"({"movie_id":7,"title":"Heat"})");
}

TEST(ValueTest, ValidateNamesTheFieldAtFault) {
  Value v = Value::EmptyStruct(MoviesValue());
  EXPECT_EQ(ValidateValue(*MoviesValue(), v),
            "'movie_id' is null but its schema is not optional");
  v.set("movie_id", Value::Int(1));
  EXPECT_EQ(ValidateValue(*MoviesValue(), v), "");
}

TEST(ValueTest, CopiesAndMovesKeepKindAndPayload) {
  std::vector<Value> all = {Value(), Value::Bool(true), Value::Int(-7), Value::Double(2.5),
                            Value::String(std::string(40, 's')), Value::BytesOf("\x01\x02"),
                            Value::ArrayOf({Value::Int(1), Value::String("a")}),
                            Value::MapOf({{Value::String("k"), Value::Int(2)}})};
  Value row = Value::EmptyStruct(MoviesValue());
  row.set("movie_id", Value::Int(3));
  row.set("title", Value::String("Heat"));
  all.push_back(row);
  for (const Value& v : all) {
    Value copy = v;
    EXPECT_EQ(copy, v) << v.DebugString();
    Value moved = std::move(copy);
    EXPECT_EQ(moved, v) << v.DebugString();
    Value assigned = Value::String("replaced by assignment");
    assigned = v;
    EXPECT_EQ(assigned, v) << v.DebugString();
    assigned = Value::Int(1);  // a scalar over any kind
    EXPECT_EQ(assigned.as_int(), 1);
    assigned = std::move(moved);
    EXPECT_EQ(assigned, v) << v.DebugString();
  }
  EXPECT_FALSE(Value::Int(1) == Value::Double(1));
  EXPECT_FALSE(Value::String("a") == Value::BytesOf("a"));
  EXPECT_FALSE(all[8] == Value::EmptyStruct(MoviesValue()));
}

TEST(ValueTest, TheWrongAccessorThrows) {
  EXPECT_THROW(Value::Int(1).as_string(), std::bad_variant_access);
  EXPECT_THROW(Value().as_struct(), std::bad_variant_access);
  EXPECT_THROW(Value::String("1").as_int(), std::bad_variant_access);
}

TEST(SchemaTest, EqualityIsStructural) {
  EXPECT_TRUE(MoviesValue()->Equals(*MoviesValue()));
  auto other = SchemaBuilder::From(*MoviesValue()).Field("COUNTRY", StringSchema()).Build();
  EXPECT_FALSE(MoviesValue()->Equals(*other));
  EXPECT_EQ(other->DebugString(),
            "db1.sampledatabase.movies.Value:struct<movie_id:int32,title:string?,COUNTRY:string>");
  auto removed = SchemaBuilder::From(*other).RemoveField("title").Build();
  EXPECT_EQ(removed->field("COUNTRY")->index, 1);
}

TEST(SchemaTest, LogicalTypesCarryNameVersionAndParameters) {
  auto d = SchemaBuilder::Decimal(2).Build();
  EXPECT_EQ(d->type(), Type::kBytes);
  EXPECT_EQ(*d->name(), names::kDecimal);
  EXPECT_EQ(*d->parameter("scale"), "2");
  EXPECT_EQ(*d->version(), 1);
}

}  // namespace
}  // namespace tributary::data

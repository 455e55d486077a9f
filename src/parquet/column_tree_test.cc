// Each column shape: the Parquet schema parquet-avro would produce, and the definition and
// repetition levels that rows shred into.
#include "parquet/column_tree.h"

#include <gtest/gtest.h>

#include "data/schema.h"
#include "data/value.h"

namespace tributary::parquet {
namespace {

using data::SchemaBuilder;
using data::SchemaPtr;
using data::Value;
using Levels = std::vector<uint8_t>;

class Shredder {
 public:
  explicit Shredder(SchemaPtr field_schema)
      : schema_(SchemaBuilder::Struct().Name("t.Value").Field("f", std::move(field_schema)).Build()) {
    auto tree = BuildColumnTree(*schema_, options_);
    EXPECT_TRUE(tree.ok()) << tree.status().ToString();
    tree_ = std::move(tree).value();
  }
  bool Write(Value field, std::string* error = nullptr) {
    Value row = Value::EmptyStruct(schema_);
    row.mutable_struct().values[0] = std::move(field);
    std::string e;
    ++*tree_.row_serial;
    const bool ok = tree_.root->Write(row, 0, &e);
    if (!ok)
      for (auto* leaf : tree_.leaves) leaf->RollbackRow();
    if (error) *error = e;
    return ok;
  }
  const LeafColumnWriter& leaf(size_t i) const { return *tree_.leaves.at(i); }
  std::string schema() const { return SchemaToString(tree_.schema); }

 private:
  WriterOptions options_;
  SchemaPtr schema_;
  ColumnTree tree_;
};

Value Str(const char* s) { return Value::String(s); }

TEST(ColumnTree, RequiredAndOptionalPrimitives) {
  Shredder required(data::Int64Schema());
  EXPECT_EQ(required.schema(), "message t.Value {\n  required int64 f;\n}\n");
  ASSERT_TRUE(required.Write(Value::Int(1)));
  EXPECT_TRUE(required.leaf(0).def_levels().empty());  // max level 0: no levels stored
  std::string error;
  EXPECT_FALSE(required.Write(Value::Null(), &error));
  EXPECT_EQ(error, "field 'f' is null but its schema is not optional");

  Shredder optional(data::OptionalInt32Schema());
  ASSERT_TRUE(optional.Write(Value::Int(1)));
  ASSERT_TRUE(optional.Write(Value::Null()));
  EXPECT_EQ(optional.leaf(0).def_levels(), (Levels{1, 0}));
  EXPECT_TRUE(optional.leaf(0).rep_levels().empty());
}

TEST(ColumnTree, LogicalTypesWithDecimalsByPrecision) {
  auto schema = SchemaBuilder::Struct()
                    .Field("i8", data::Int8Schema())
                    .Field("i16", data::OptionalInt16Schema())
                    .Field("f", data::Float32Schema())
                    .Field("d", data::Float64Schema())
                    .Field("b", data::BooleanSchema())
                    .Field("s", data::StringSchema())
                    .Field("raw", data::BytesSchema())
                    .Field("dec", SchemaBuilder::Decimal(3).Build())
                    .Field("dec10", SchemaBuilder::Decimal(2).Parameter("connect.decimal.precision", "10").Build())
                    .Field("dec9", SchemaBuilder::Decimal(0).Parameter("connect.decimal.precision", "9").Build())
                    .Field("dec19", SchemaBuilder::Decimal(4).Parameter("connect.decimal.precision", "19").Build())
                    .Field("dec38", SchemaBuilder::Decimal(4).Parameter("connect.decimal.precision", "38").Build())
                    .Field("day", SchemaBuilder::Date().Build())
                    .Field("tod", SchemaBuilder::Time().Build())
                    .Field("ts", SchemaBuilder::Timestamp().Optional().Build())
                    .Build();
  WriterOptions options;
  auto tree = BuildColumnTree(*schema, options);
  ASSERT_TRUE(tree.ok()) << tree.status().ToString();
  EXPECT_EQ(SchemaToString(tree->schema),
            "message io.confluent.connect.avro.ConnectDefault {\n"
            "  required int32 i8;\n"
            "  optional int32 i16;\n"
            "  required float f;\n"
            "  required double d;\n"
            "  required boolean b;\n"
            "  required binary s (STRING);\n"
            "  required binary raw;\n"
            "  required fixed_len_byte_array(27) dec (DECIMAL(64,3));\n"
            "  required int64 dec10 (DECIMAL(10,2));\n"
            "  required int32 dec9 (DECIMAL(9,0));\n"
            "  required fixed_len_byte_array(9) dec19 (DECIMAL(19,4));\n"
            "  required fixed_len_byte_array(16) dec38 (DECIMAL(38,4));\n"
            "  required int32 day (DATE);\n"
            "  required int32 tod (TIME(MILLIS,true));\n"
            "  optional int64 ts (TIMESTAMP(MILLIS,true));\n"
            "}\n");
  // Converted types for older readers.
  EXPECT_EQ(tree->schema[6].converted_type, format::ConvertedType::kUtf8);
  EXPECT_EQ(tree->schema[8].converted_type, format::ConvertedType::kDecimal);
  EXPECT_EQ(tree->schema[8].precision, 64);
  EXPECT_EQ(tree->schema[8].scale, 3);
  EXPECT_EQ(tree->schema[8].type_length, 27);
  EXPECT_EQ(tree->schema[13].converted_type, format::ConvertedType::kDate);
  EXPECT_EQ(tree->schema[14].converted_type, format::ConvertedType::kTimeMillis);
  EXPECT_EQ(tree->schema[15].converted_type, format::ConvertedType::kTimestampMillis);
  EXPECT_FALSE(tree->schema[1].converted_type.has_value());  // int8: a plain Avro int
}

TEST(ColumnTree, OptionalStructWithOptionalField) {
  auto inner = SchemaBuilder::Struct().Field("x", data::OptionalInt32Schema()).Optional().Build();
  Shredder s(inner);
  EXPECT_EQ(s.schema(), "message t.Value {\n  optional group f {\n    optional int32 x;\n  }\n}\n");
  Value with_null = Value::EmptyStruct(inner);
  Value with_five = Value::EmptyStruct(inner);
  with_five.set("x", Value::Int(5));
  ASSERT_TRUE(s.Write(Value::Null()));
  ASSERT_TRUE(s.Write(with_null));
  ASSERT_TRUE(s.Write(with_five));
  EXPECT_EQ(s.leaf(0).def_levels(), (Levels{0, 1, 2}));
}

TEST(ColumnTree, ListIsParquetAvrosTwoLevelForm) {
  Shredder s(SchemaBuilder::Array(data::StringSchema()).Optional().Build());
  EXPECT_EQ(s.schema(),
            "message t.Value {\n  optional group f (LIST) {\n    repeated binary array (STRING);\n  }\n}\n");
  ASSERT_TRUE(s.Write(Value::Null()));
  ASSERT_TRUE(s.Write(Value::ArrayOf({})));
  ASSERT_TRUE(s.Write(Value::ArrayOf({Str("a"), Str("b")})));
  EXPECT_EQ(s.leaf(0).def_levels(), (Levels{0, 1, 2, 2}));
  EXPECT_EQ(s.leaf(0).rep_levels(), (Levels{0, 0, 0, 1}));

  std::string error;
  EXPECT_FALSE(s.Write(Value::ArrayOf({Str("a"), Value::Null()}), &error));
  EXPECT_NE(error.find("field 'f[]' has a null element"), std::string::npos) << error;
  EXPECT_EQ(s.leaf(0).def_levels().size(), 4u) << "the rejected row is rolled back";
}

TEST(ColumnTree, ListOfLists) {
  Shredder s(SchemaBuilder::Array(SchemaBuilder::Array(data::Int32Schema()).Build()).Build());
  EXPECT_EQ(s.schema(),
            "message t.Value {\n  required group f (LIST) {\n    repeated group array (LIST) {\n"
            "      repeated int32 array;\n    }\n  }\n}\n");
  auto ints = [](std::initializer_list<int> v) {
    data::Array a;
    for (int i : v) a.push_back(Value::Int(i));
    return Value::ArrayOf(std::move(a));
  };
  ASSERT_TRUE(s.Write(Value::ArrayOf({ints({1, 2}), ints({3})})));
  ASSERT_TRUE(s.Write(Value::ArrayOf({ints({})})));
  ASSERT_TRUE(s.Write(Value::ArrayOf({})));
  EXPECT_EQ(s.leaf(0).def_levels(), (Levels{2, 2, 2, 1, 0}));
  EXPECT_EQ(s.leaf(0).rep_levels(), (Levels{0, 2, 1, 0, 0}));
}

TEST(ColumnTree, ListOfStructs) {
  auto point = SchemaBuilder::Struct().Field("x", data::Int32Schema()).Field("y", data::OptionalInt32Schema()).Build();
  Shredder s(SchemaBuilder::Array(point).Build());
  EXPECT_EQ(s.schema(),
            "message t.Value {\n  required group f (LIST) {\n    repeated group array {\n"
            "      required int32 x;\n      optional int32 y;\n    }\n  }\n}\n");
  Value p = Value::EmptyStruct(point);
  p.set("x", Value::Int(1));
  ASSERT_TRUE(s.Write(Value::ArrayOf({p, p})));
  EXPECT_EQ(s.leaf(0).def_levels(), (Levels{1, 1}));
  EXPECT_EQ(s.leaf(1).def_levels(), (Levels{1, 1}));
  EXPECT_EQ(s.leaf(1).rep_levels(), (Levels{0, 1}));
}

TEST(ColumnTree, StringKeyMapIsAParquetMap) {
  Shredder s(SchemaBuilder::Map(data::StringSchema(), data::OptionalInt64Schema()).Optional().Build());
  EXPECT_EQ(s.schema(),
            "message t.Value {\n  optional group f (MAP) {\n    repeated group key_value {\n"
            "      required binary key (STRING);\n      optional int64 value;\n    }\n  }\n}\n");
  ASSERT_TRUE(s.Write(Value::MapOf({{Str("a"), Value::Int(1)}, {Str("b"), Value::Null()}})));
  ASSERT_TRUE(s.Write(Value::MapOf({})));
  ASSERT_TRUE(s.Write(Value::Null()));
  EXPECT_EQ(s.leaf(0).def_levels(), (Levels{2, 2, 1, 0}));
  EXPECT_EQ(s.leaf(0).rep_levels(), (Levels{0, 1, 0, 0}));
  EXPECT_EQ(s.leaf(1).def_levels(), (Levels{3, 2, 1, 0}));
  EXPECT_EQ(s.leaf(1).rep_levels(), (Levels{0, 1, 0, 0}));
}

TEST(ColumnTree, NonStringKeyMapIsAListOfEntriesAsAvroDataWritesIt) {
  Shredder s(SchemaBuilder::Map(data::Int32Schema(), data::StringSchema()).Build());
  EXPECT_EQ(s.schema(),
            "message t.Value {\n  required group f (LIST) {\n    repeated group array {\n"
            "      required int32 key;\n      required binary value (STRING);\n    }\n  }\n}\n");
  ASSERT_TRUE(s.Write(Value::MapOf({{Value::Int(7), Str("x")}})));
  EXPECT_EQ(s.leaf(0).def_levels(), (Levels{1}));
}

TEST(ColumnTree, KindMismatchNamesTheFieldPath) {
  auto inner = SchemaBuilder::Struct().Field("n", data::Int32Schema()).Build();
  Shredder s(inner);
  Value bad = Value::EmptyStruct(inner);
  bad.set("n", Str("seven"));
  std::string error;
  EXPECT_FALSE(s.Write(bad, &error));
  EXPECT_EQ(error, "field 'f.n' holds a string value where its schema expects an integer");
}

TEST(ColumnTree, RejectsSchemasParquetCannotHold) {
  WriterOptions options;
  auto not_struct = BuildColumnTree(*data::Int32Schema(), options);
  ASSERT_FALSE(not_struct.ok());
  EXPECT_NE(not_struct.status().message().find("needs a struct"), std::string::npos);

  auto empty = SchemaBuilder::Struct().Field("e", SchemaBuilder::Struct().Build()).Build();
  auto result = BuildColumnTree(*empty, options);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("struct 'e' has no fields"), std::string::npos)
      << result.status().message();

  auto bad_precision = SchemaBuilder::Struct()
                           .Field("d", SchemaBuilder::Decimal(2).Parameter("connect.decimal.precision", "x").Build())
                           .Build();
  auto decimal = BuildColumnTree(*bad_precision, options);
  ASSERT_FALSE(decimal.ok());
  EXPECT_NE(decimal.status().message().find("field 'd'"), std::string::npos);
}

}  // namespace
}  // namespace tributary::parquet

// The envelope and source schemas in the shape Debezium's MariaDB/MySQL connectors emit
// (compared with the real connector by tests/python/test_debezium_diff.py), and the snapshot
// markers of source.snapshot.
#include "mysql/debezium_schema.h"

#include <gtest/gtest.h>

namespace tributary::mysql {
namespace {

std::vector<std::string> FieldNames(const data::SchemaPtr& schema) {
  std::vector<std::string> names;
  for (const auto& f : schema->fields()) names.push_back(f.name);
  return names;
}

TEST(DebeziumSchemaTest, EnvelopeFieldsInDebeziumsOrder) {
  TableDef table;
  table.database = "db";
  table.table = "t";
  ColumnDef id;
  id.name = "id";
  id.type = column_type::kLong;
  id.nullable = false;
  table.columns = {id};
  table.primary_key = {0};
  auto schemas = BuildTableSchemas(table, {}, "p.db.t", MakeSourceSchema("mariadb"),
                                   std::vector<ColumnOptions>(1));
  ASSERT_TRUE(schemas.ok()) << schemas.status().ToString();
  const auto& envelope = (*schemas)->envelope_schema;
  EXPECT_EQ(FieldNames(envelope), (std::vector<std::string>{"before", "after", "source",
                                                             "transaction", "op", "ts_ms",
                                                             "ts_us", "ts_ns"}));
  EXPECT_EQ(envelope->name().value(), "p.db.t.Envelope");
  EXPECT_EQ(envelope->version().value(), 2);
}

// column.mask.with.N.chars / column.truncate.to.N.chars mark the field schemas as Debezium's.
TEST(DebeziumSchemaTest, RewrittenStringFieldsCarryDebeziumsParameters) {
  TableDef table;
  table.database = "db";
  table.table = "t";
  for (const char* name : {"masked", "cut", "n"}) {
    ColumnDef c;
    c.name = name;
    c.type = std::string_view(name) == "n" ? column_type::kLong : column_type::kVarchar;
    c.length = 40;
    table.columns.push_back(c);
  }
  std::vector<ColumnOptions> options(3);
  options[0].mask_chars = 5;
  options[1].truncate_chars = 3;
  options[2].mask_chars = 2;  // not a string: left alone
  auto schemas = BuildTableSchemas(table, {}, "p.db.t", MakeSourceSchema("mariadb"), options);
  ASSERT_TRUE(schemas.ok()) << schemas.status().ToString();
  const auto& fields = (*schemas)->value_schema->fields();
  EXPECT_EQ(*fields[0].schema->parameter("masked"), "true");
  EXPECT_EQ(*fields[1].schema->parameter("truncateLength"), "3");
  EXPECT_EQ(fields[2].schema->parameter("masked"), nullptr);
  EXPECT_EQ((*schemas)->mask_chars, (std::vector<int>{5, -1, 2}));
}

// Records borrow these schemas unowned (BorrowSchema): the same inputs must give the very same,
// never freed, object, and any difference a new one.
TEST(DebeziumSchemaTest, InternedSchemasAreSharedByIdenticalTables) {
  TableDef table;
  table.database = "db";
  table.table = "interned";
  ColumnDef id;
  id.name = "id";
  id.type = column_type::kLong;
  table.columns = {id};
  table.primary_key = {0};
  std::vector<ColumnOptions> options(1);
  auto first = InternTableSchemas(table, {}, "p.db.interned", "mariadb", options);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto again = InternTableSchemas(table, {}, "p.db.interned", "mariadb", options);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(first->get(), again->get());
  EXPECT_EQ((*first)->envelope_schema->field("source")->schema, MakeSourceSchema("mariadb"));

  TableDef altered = table;
  altered.columns[0].is_unsigned = true;
  std::vector<ColumnOptions> masked(1);
  masked[0].mask_chars = 3;
  TypeModes modes;
  modes.decimal = DecimalHandling::kString;
  for (auto other : {InternTableSchemas(altered, {}, "p.db.interned", "mariadb", options),
                     InternTableSchemas(table, {}, "q.db.interned", "mariadb", options),
                     InternTableSchemas(table, {}, "p.db.interned", "mysql", options),
                     InternTableSchemas(table, modes, "p.db.interned", "mariadb", options),
                     InternTableSchemas(table, {}, "p.db.interned", "mariadb", masked)}) {
    ASSERT_TRUE(other.ok());
    EXPECT_NE(other->get(), first->get());
  }
  data::SchemaPtr borrowed = BorrowSchema((*first)->envelope_schema);
  EXPECT_EQ(borrowed, (*first)->envelope_schema);
  EXPECT_EQ(borrowed.use_count(), 0);  // no control block: copies count nothing
}

TEST(DebeziumSchemaTest, SourceBlockIsVersionOne) {
  auto source = MakeSourceSchema("mariadb");
  EXPECT_EQ(source->name().value(), "io.debezium.connector.mariadb.Source");
  EXPECT_EQ(source->version().value(), 1);
  EXPECT_EQ(FieldNames(source)[4], "snapshot");
}

TEST(DebeziumSchemaTest, SnapshotMarkersByPlaceInTheSnapshot) {
  // (first in snapshot, last in snapshot, first in table, last in table)
  EXPECT_STREQ(SnapshotMarker(true, true, true, true), "last");  // a single row
  EXPECT_STREQ(SnapshotMarker(true, false, true, true), "first");
  EXPECT_STREQ(SnapshotMarker(false, false, true, true), "last_in_data_collection");
  EXPECT_STREQ(SnapshotMarker(false, false, true, false), "first_in_data_collection");
  EXPECT_STREQ(SnapshotMarker(false, false, false, false), "true");
  EXPECT_STREQ(SnapshotMarker(false, true, false, true), "last");
}

}  // namespace
}  // namespace tributary::mysql

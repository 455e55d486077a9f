// ColumnTree: the Parquet schema and the tree of column writers for one Connect struct
// schema, built together by BuildColumnTree() with the mapping that Confluent's S3 sink gets
// from AvroData + parquet-avro (documented in parquet/file_writer.h).
//
// Thread-safety: the tree is owned by one writer; building is reentrant.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "data/schema.h"
#include "parquet/leaf_column_writer.h"
#include "parquet/metadata.h"
#include "parquet/struct_column_writer.h"
#include "parquet/writer_options.h"

namespace tributary::parquet {

struct ColumnTree {
  // Numbers row attempts: bump it before writing each row (see LeafColumnWriter).
  std::unique_ptr<int64_t> row_serial = std::make_unique<int64_t>(0);
  std::unique_ptr<StructColumnWriter> root;
  std::vector<LeafColumnWriter*> leaves;  // owned by `root`, in schema (depth-first) order
  std::vector<format::SchemaElement> schema;  // depth-first, root first
};

// InvalidArgument if `schema` is not a struct, has an empty struct, or nests deeper than
// Parquet levels allow; the message names the field path. `options` must outlive the tree.
Result<ColumnTree> BuildColumnTree(const data::Schema& schema, const WriterOptions& options);

// The root message's name: the Avro full name AvroData gives the record.
std::string RootName(const data::Schema& schema);

// parquet-mr's text rendering of a schema ("message m {\n  required int32 id;\n}\n").
std::string SchemaToString(const std::vector<format::SchemaElement>& schema);

}  // namespace tributary::parquet

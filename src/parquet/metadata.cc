#include "parquet/metadata.h"

#include "parquet/thrift_compact_writer.h"

namespace tributary::parquet::format {

namespace {

using TType = ThriftCompactWriter::Type;

template <typename Enum>
int32_t I32(Enum e) {
  return static_cast<int32_t>(e);
}

void WriteLogicalType(const LogicalType& logical, ThriftCompactWriter& w) {
  using Kind = LogicalType::Kind;
  w.FieldStruct(10);  // SchemaElement.logicalType
  w.FieldStruct(static_cast<int16_t>(logical.kind));
  switch (logical.kind) {
    case Kind::kDecimal:
      w.FieldI32(1, logical.scale);
      w.FieldI32(2, logical.precision);
      break;
    case Kind::kTime:
    case Kind::kTimestamp:
      w.FieldBool(1, logical.adjusted_to_utc);
      w.FieldStruct(2);  // TimeUnit union
      w.FieldStruct(static_cast<int16_t>(logical.unit));
      w.EndStruct();
      w.EndStruct();
      break;
    case Kind::kInteger:
      w.FieldI8(1, logical.bit_width);
      w.FieldBool(2, logical.is_signed);
      break;
    default: break;  // the other annotations are empty structs
  }
  w.EndStruct();
  w.EndStruct();
}

void WriteSchemaElement(const SchemaElement& e, ThriftCompactWriter& w) {
  w.BeginStruct();
  if (e.type) w.FieldI32(1, I32(*e.type));
  if (e.type_length) w.FieldI32(2, *e.type_length);
  if (e.repetition) w.FieldI32(3, I32(*e.repetition));
  w.FieldBinary(4, e.name);
  if (e.num_children) w.FieldI32(5, *e.num_children);
  if (e.converted_type) w.FieldI32(6, I32(*e.converted_type));
  if (e.scale) w.FieldI32(7, *e.scale);
  if (e.precision) w.FieldI32(8, *e.precision);
  if (e.logical_type.kind != LogicalType::Kind::kNone) WriteLogicalType(e.logical_type, w);
  w.EndStruct();
}

void WriteStatistics(const Statistics& s, ThriftCompactWriter& w) {
  w.FieldStruct(12);  // ColumnMetaData.statistics
  if (s.max) w.FieldBinary(1, *s.max);
  if (s.min) w.FieldBinary(2, *s.min);
  if (s.null_count) w.FieldI64(3, *s.null_count);
  if (s.max_value) w.FieldBinary(5, *s.max_value);
  if (s.min_value) w.FieldBinary(6, *s.min_value);
  w.EndStruct();
}

void WriteColumnMetaData(const ColumnMetaData& m, ThriftCompactWriter& w) {
  w.FieldStruct(3);  // ColumnChunk.meta_data
  w.FieldI32(1, I32(m.type));
  w.FieldList(2, TType::kI32, static_cast<int32_t>(m.encodings.size()));
  for (Encoding e : m.encodings) w.ListI32(I32(e));
  w.FieldList(3, TType::kBinary, static_cast<int32_t>(m.path_in_schema.size()));
  for (const std::string& p : m.path_in_schema) w.ListBinary(p);
  w.FieldI32(4, I32(m.codec));
  w.FieldI64(5, m.num_values);
  w.FieldI64(6, m.total_uncompressed_size);
  w.FieldI64(7, m.total_compressed_size);
  w.FieldI64(9, m.data_page_offset);
  if (m.dictionary_page_offset) w.FieldI64(11, *m.dictionary_page_offset);
  WriteStatistics(m.statistics, w);
  if (!m.encoding_stats.empty()) {
    w.FieldList(13, TType::kStruct, static_cast<int32_t>(m.encoding_stats.size()));
    for (const PageEncodingStats& s : m.encoding_stats) {
      w.BeginStruct();
      w.FieldI32(1, I32(s.page_type));
      w.FieldI32(2, I32(s.encoding));
      w.FieldI32(3, s.count);
      w.EndStruct();
    }
  }
  w.EndStruct();
}

void WriteRowGroup(const RowGroup& g, ThriftCompactWriter& w) {
  w.BeginStruct();
  w.FieldList(1, TType::kStruct, static_cast<int32_t>(g.columns.size()));
  for (const ColumnChunk& c : g.columns) {
    w.BeginStruct();
    w.FieldI64(2, c.file_offset);
    WriteColumnMetaData(c.meta_data, w);
    w.EndStruct();
  }
  w.FieldI64(2, g.total_byte_size);
  w.FieldI64(3, g.num_rows);
  w.FieldI64(5, g.file_offset);
  w.FieldI64(6, g.total_compressed_size);
  w.FieldI16(7, g.ordinal);
  w.EndStruct();
}

}  // namespace

void Serialize(const FileMetaData& metadata, std::string* out) {
  ThriftCompactWriter w(out);
  w.BeginStruct();
  w.FieldI32(1, metadata.version);
  w.FieldList(2, TType::kStruct, static_cast<int32_t>(metadata.schema.size()));
  for (const SchemaElement& e : metadata.schema) WriteSchemaElement(e, w);
  w.FieldI64(3, metadata.num_rows);
  w.FieldList(4, TType::kStruct, static_cast<int32_t>(metadata.row_groups.size()));
  for (const RowGroup& g : metadata.row_groups) WriteRowGroup(g, w);
  if (!metadata.key_value_metadata.empty()) {
    w.FieldList(5, TType::kStruct, static_cast<int32_t>(metadata.key_value_metadata.size()));
    for (const KeyValue& kv : metadata.key_value_metadata) {
      w.BeginStruct();
      w.FieldBinary(1, kv.key);
      w.FieldBinary(2, kv.value);
      w.EndStruct();
    }
  }
  w.FieldBinary(6, metadata.created_by);
  w.FieldList(7, TType::kStruct, metadata.num_leaf_columns);
  for (int32_t i = 0; i < metadata.num_leaf_columns; ++i) {
    w.BeginStruct();  // ColumnOrder union
    w.FieldStruct(1);  // TYPE_ORDER: TypeDefinedOrder {}
    w.EndStruct();
    w.EndStruct();
  }
  w.EndStruct();
}

void Serialize(const PageHeader& header, std::string* out) {
  ThriftCompactWriter w(out);
  w.BeginStruct();
  w.FieldI32(1, I32(header.type));
  w.FieldI32(2, header.uncompressed_page_size);
  w.FieldI32(3, header.compressed_page_size);
  if (header.data_page_header) {
    const DataPageHeader& d = *header.data_page_header;
    w.FieldStruct(5);
    w.FieldI32(1, d.num_values);
    w.FieldI32(2, I32(d.encoding));
    w.FieldI32(3, I32(d.definition_level_encoding));
    w.FieldI32(4, I32(d.repetition_level_encoding));
    w.EndStruct();
  }
  if (header.dictionary_page_header) {
    const DictionaryPageHeader& d = *header.dictionary_page_header;
    w.FieldStruct(7);
    w.FieldI32(1, d.num_values);
    w.FieldI32(2, I32(d.encoding));
    w.EndStruct();
  }
  w.EndStruct();
}

}  // namespace tributary::parquet::format

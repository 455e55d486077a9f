#include "parquet/column_tree.h"

#include <fmt/format.h>

#include <charconv>

#include "parquet/byte_array_column_writer.h"
#include "parquet/fixed_width_column_writer.h"
#include "parquet/list_column_writer.h"
#include "parquet/map_column_writer.h"

namespace tributary::parquet {

namespace {

using format::ConvertedType;
using format::LogicalType;
using format::Repetition;
using format::SchemaElement;
using LogicalKind = format::LogicalType::Kind;
namespace names = data::names;

// Levels are stored in bytes; no real schema comes near this.
constexpr int kMaxLevel = 250;
// AvroData's precision for a Decimal without connect.decimal.precision.
constexpr int32_t kDefaultDecimalPrecision = 64;
constexpr std::string_view kDecimalPrecisionParam = "connect.decimal.precision";

struct Position {
  std::string error_path;                // dotted, for messages
  std::vector<std::string> schema_path;  // Parquet names below the root
  uint8_t def_level = 0;                 // of this node when present
  uint8_t rep_level = 0;
};

class TreeBuilder {
 public:
  TreeBuilder(const WriterOptions& options, ColumnTree* tree) : options_(options), tree_(tree) {}

  // Builds the writer of a node named `name` under `parent`, appending its schema elements.
  Result<std::unique_ptr<ColumnWriter>> Build(const data::Schema& schema, const std::string& name,
                                              Repetition repetition, const Position& parent,
                                              std::string error_path) {
    Position at;
    at.error_path = std::move(error_path);
    at.schema_path = parent.schema_path;
    at.schema_path.push_back(name);
    const int def = parent.def_level + (repetition != Repetition::kRequired ? 1 : 0);
    const int rep = parent.rep_level + (repetition == Repetition::kRepeated ? 1 : 0);
    if (def > kMaxLevel) {
      return Status::InvalidArgument("field '{}' is nested too deeply for Parquet", at.error_path);
    }
    at.def_level = static_cast<uint8_t>(def);
    at.rep_level = static_cast<uint8_t>(rep);

    switch (schema.type()) {
      case data::Type::kStruct: return BuildStruct(schema, name, repetition, at);
      case data::Type::kArray: return BuildArray(schema, name, repetition, at);
      case data::Type::kMap: return BuildMap(schema, name, repetition, at);
      default: return BuildLeaf(schema, name, repetition, at);
    }
  }

  Result<std::unique_ptr<StructColumnWriter>> BuildRoot(const data::Schema& schema) {
    if (schema.type() != data::Type::kStruct) {
      return Status::InvalidArgument(
          "Parquet needs a struct value schema, but the schema is {}; Confluent's ParquetFormat "
          "rejects it too",
          data::TypeName(schema.type()));
    }
    SchemaElement root;
    root.name = RootName(schema);
    root.num_children = static_cast<int32_t>(schema.fields().size());
    tree_->schema.push_back(std::move(root));
    Position top;
    TRIB_ASSIGN_OR_RETURN(auto children, BuildFields(schema, top, ""));
    return std::make_unique<StructColumnWriter>("", Repetition::kRequired, 0, 0,
                                                std::move(children));
  }

 private:
  static Repetition Of(const data::Schema& schema) {
    return schema.optional() ? Repetition::kOptional : Repetition::kRequired;
  }

  size_t AddGroup(const std::string& name, Repetition repetition, int32_t num_children,
                  std::optional<ConvertedType> converted, LogicalKind logical) {
    SchemaElement e;
    e.name = name;
    e.repetition = repetition;
    e.num_children = num_children;
    e.converted_type = converted;
    e.logical_type.kind = logical;
    tree_->schema.push_back(std::move(e));
    return tree_->schema.size() - 1;
  }

  Result<std::vector<std::unique_ptr<ColumnWriter>>> BuildFields(const data::Schema& schema,
                                                                 const Position& at,
                                                                 const std::string& prefix) {
    if (schema.fields().empty()) {
      return Status::InvalidArgument(
          "struct '{}' has no fields; Parquet cannot store an empty group",
          prefix.empty() ? RootName(schema) : prefix);
    }
    std::vector<std::unique_ptr<ColumnWriter>> children;
    for (const data::Field& f : schema.fields()) {
      TRIB_ASSIGN_OR_RETURN(auto child, Build(*f.schema, f.name, Of(*f.schema), at,
                                               prefix.empty() ? f.name : prefix + "." + f.name));
      children.push_back(std::move(child));
    }
    return children;
  }

  Result<std::unique_ptr<ColumnWriter>> BuildStruct(const data::Schema& schema,
                                                    const std::string& name,
                                                    Repetition repetition, const Position& at) {
    AddGroup(name, repetition, static_cast<int32_t>(schema.fields().size()), std::nullopt,
             LogicalKind::kNone);
    TRIB_ASSIGN_OR_RETURN(auto children, BuildFields(schema, at, at.error_path));
    return std::unique_ptr<ColumnWriter>(std::make_unique<StructColumnWriter>(
        at.error_path, repetition, at.def_level, at.rep_level, std::move(children)));
  }

  Result<std::unique_ptr<ColumnWriter>> BuildArray(const data::Schema& schema,
                                                   const std::string& name,
                                                   Repetition repetition, const Position& at) {
    AddGroup(name, repetition, 1, ConvertedType::kList, LogicalKind::kList);
    TRIB_ASSIGN_OR_RETURN(auto element, Build(*schema.value_schema(), "array",
                                              Repetition::kRepeated, at, at.error_path + "[]"));
    return std::unique_ptr<ColumnWriter>(std::make_unique<ListColumnWriter>(
        at.error_path, repetition, at.def_level, at.rep_level, std::move(element)));
  }

  Result<std::unique_ptr<ColumnWriter>> BuildMap(const data::Schema& schema,
                                                 const std::string& name, Repetition repetition,
                                                 const Position& at) {
    const data::Schema& key = *schema.key_schema();
    const data::Schema& value = *schema.value_schema();
    // AvroData writes an Avro map only for required string keys; any other key type becomes
    // an array of {key, value} records.
    const bool avro_map = key.type() == data::Type::kString && !key.optional();
    if (avro_map) {
      AddGroup(name, repetition, 1, ConvertedType::kMap, LogicalKind::kMap);
    } else {
      AddGroup(name, repetition, 1, ConvertedType::kList, LogicalKind::kList);
    }
    const std::string entry_name = avro_map ? "key_value" : "array";
    AddGroup(entry_name, Repetition::kRepeated, 2, std::nullopt, LogicalKind::kNone);
    Position entry;
    entry.error_path = at.error_path;
    entry.schema_path = at.schema_path;
    entry.schema_path.push_back(entry_name);
    entry.def_level = static_cast<uint8_t>(at.def_level + 1);
    entry.rep_level = static_cast<uint8_t>(at.rep_level + 1);
    TRIB_ASSIGN_OR_RETURN(auto key_writer,
                          Build(key, "key", Of(key), entry, at.error_path + ".key"));
    TRIB_ASSIGN_OR_RETURN(auto value_writer,
                          Build(value, "value", Of(value), entry, at.error_path + ".value"));
    return std::unique_ptr<ColumnWriter>(std::make_unique<MapColumnWriter>(
        at.error_path, repetition, at.def_level, at.rep_level, entry.rep_level,
        std::move(key_writer), std::move(value_writer)));
  }

  template <typename Writer>
  std::unique_ptr<ColumnWriter> Leaf(Repetition repetition, const Position& at) {
    auto writer = std::make_unique<Writer>(at.error_path, repetition, at.def_level, at.rep_level,
                                           at.schema_path, options_, tree_->row_serial.get());
    tree_->leaves.push_back(writer.get());
    return writer;
  }

  Result<std::unique_ptr<ColumnWriter>> BuildLeaf(const data::Schema& schema,
                                                  const std::string& name,
                                                  Repetition repetition, const Position& at) {
    SchemaElement e;
    e.name = name;
    e.repetition = repetition;
    std::unique_ptr<ColumnWriter> writer;
    switch (schema.type()) {
      case data::Type::kInt8:
      case data::Type::kInt16:
      case data::Type::kInt32:
        e.type = format::Type::kInt32;
        if (schema.type() == data::Type::kInt32 && schema.IsNamed(names::kDate)) {
          e.converted_type = ConvertedType::kDate;
          e.logical_type.kind = LogicalKind::kDate;
        } else if (schema.type() == data::Type::kInt32 && schema.IsNamed(names::kTime)) {
          e.converted_type = ConvertedType::kTimeMillis;
          e.logical_type.kind = LogicalKind::kTime;
          e.logical_type.adjusted_to_utc = true;
          e.logical_type.unit = format::TimeUnit::kMillis;
        }
        writer = Leaf<Int32ColumnWriter>(repetition, at);
        break;
      case data::Type::kInt64:
        e.type = format::Type::kInt64;
        if (schema.IsNamed(names::kTimestamp)) {
          e.converted_type = ConvertedType::kTimestampMillis;
          e.logical_type.kind = LogicalKind::kTimestamp;
          e.logical_type.adjusted_to_utc = true;
          e.logical_type.unit = format::TimeUnit::kMillis;
        }
        writer = Leaf<Int64ColumnWriter>(repetition, at);
        break;
      case data::Type::kFloat32:
        e.type = format::Type::kFloat;
        writer = Leaf<FloatColumnWriter>(repetition, at);
        break;
      case data::Type::kFloat64:
        e.type = format::Type::kDouble;
        writer = Leaf<DoubleColumnWriter>(repetition, at);
        break;
      case data::Type::kBoolean:
        e.type = format::Type::kBoolean;
        writer = Leaf<BooleanColumnWriter>(repetition, at);
        break;
      case data::Type::kString:
      case data::Type::kBytes: {
        const bool is_string = schema.type() == data::Type::kString;
        if (!is_string && schema.IsNamed(names::kDecimal)) {
          TRIB_ASSIGN_OR_RETURN(writer, BuildDecimal(schema, repetition, at, &e));
          break;
        }
        e.type = format::Type::kByteArray;
        if (is_string) {
          e.converted_type = ConvertedType::kUtf8;
          e.logical_type.kind = LogicalKind::kString;
        }
        writer = ByteArrayLeaf(repetition, at,
                               is_string ? data::Value::Kind::kString : data::Value::Kind::kBytes,
                               false, 0);
        break;
      }
      default:
        return Status::InvalidArgument("field '{}' has type {} that has no Parquet mapping",
                                       at.error_path, data::TypeName(schema.type()));
    }
    tree_->schema.push_back(std::move(e));
    return writer;
  }

  std::unique_ptr<ColumnWriter> ByteArrayLeaf(Repetition repetition, const Position& at,
                                              data::Value::Kind kind, bool decimal_order,
                                              int32_t fixed_length) {
    auto leaf = std::make_unique<ByteArrayColumnWriter>(
        at.error_path, repetition, at.def_level, at.rep_level, at.schema_path, options_,
        tree_->row_serial.get(), kind, decimal_order, fixed_length);
    tree_->leaves.push_back(leaf.get());
    return leaf;
  }

  // DECIMAL on the physical type the format specification recommends for its precision:
  // INT32 up to 9 digits, INT64 up to 18, FIXED_LEN_BYTE_ARRAY above.
  Result<std::unique_ptr<ColumnWriter>> BuildDecimal(const data::Schema& schema,
                                                     Repetition repetition, const Position& at,
                                                     SchemaElement* e) {
    TRIB_ASSIGN_OR_RETURN(auto precision_scale, DecimalPrecisionScale(schema, at));
    const auto [precision, scale] = precision_scale;
    e->converted_type = ConvertedType::kDecimal;
    e->precision = precision;
    e->scale = scale;
    e->logical_type.kind = LogicalKind::kDecimal;
    e->logical_type.precision = precision;
    e->logical_type.scale = scale;
    if (precision <= kMaxInt32DecimalPrecision) {
      e->type = format::Type::kInt32;
      return Leaf<DecimalInt32ColumnWriter>(repetition, at);
    }
    if (precision <= kMaxInt64DecimalPrecision) {
      e->type = format::Type::kInt64;
      return Leaf<DecimalInt64ColumnWriter>(repetition, at);
    }
    e->type = format::Type::kFixedLenByteArray;
    e->type_length = DecimalFixedLength(precision);
    return ByteArrayLeaf(repetition, at, data::Value::Kind::kBytes, true, *e->type_length);
  }

  static Result<std::pair<int32_t, int32_t>> DecimalPrecisionScale(const data::Schema& schema,
                                                                   const Position& at) {
    auto parse = [&](std::string_view key, int32_t fallback) -> Result<int32_t> {
      const std::string* text = schema.parameter(key);
      if (text == nullptr) return fallback;
      int32_t v = 0;
      const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
      if (ec == std::errc() && end == text->data() + text->size() && v >= 0) return v;
      return Status::InvalidArgument("field '{}': Decimal parameter {}='{}' is not a number",
                                     at.error_path, key, *text);
    };
    TRIB_ASSIGN_OR_RETURN(int32_t scale, parse(names::kDecimalScaleParam, 0));
    TRIB_ASSIGN_OR_RETURN(int32_t precision,
                          parse(kDecimalPrecisionParam, kDefaultDecimalPrecision));
    if (precision < 1 || scale > precision) {
      return Status::InvalidArgument(
          "field '{}': Decimal precision {} and scale {} are invalid (need 1 <= precision, "
          "scale <= precision)",
          at.error_path, precision, scale);
    }
    return std::make_pair(precision, scale);
  }

  const WriterOptions& options_;
  ColumnTree* tree_;
};

std::string PhysicalName(const SchemaElement& e) {
  switch (*e.type) {
    case format::Type::kBoolean: return "boolean";
    case format::Type::kInt32: return "int32";
    case format::Type::kInt64: return "int64";
    case format::Type::kFloat: return "float";
    case format::Type::kDouble: return "double";
    case format::Type::kByteArray: return "binary";
    case format::Type::kFixedLenByteArray:
      return fmt::format("fixed_len_byte_array({})", e.type_length.value_or(0));
  }
  return "?";
}

std::string Annotation(const LogicalType& t) {
  switch (t.kind) {
    case LogicalKind::kNone: return "";
    case LogicalKind::kString: return " (STRING)";
    case LogicalKind::kMap: return " (MAP)";
    case LogicalKind::kList: return " (LIST)";
    case LogicalKind::kEnum: return " (ENUM)";
    case LogicalKind::kDecimal: return fmt::format(" (DECIMAL({},{}))", t.precision, t.scale);
    case LogicalKind::kDate: return " (DATE)";
    case LogicalKind::kTime:
    case LogicalKind::kTimestamp:
      return fmt::format(" ({}({},{}))", t.kind == LogicalKind::kTime ? "TIME" : "TIMESTAMP",
                         t.unit == format::TimeUnit::kMillis   ? "MILLIS"
                         : t.unit == format::TimeUnit::kMicros ? "MICROS"
                                                               : "NANOS",
                         t.adjusted_to_utc ? "true" : "false");
    case LogicalKind::kInteger:
      return fmt::format(" (INTEGER({},{}))", t.bit_width, t.is_signed ? "true" : "false");
    case LogicalKind::kJson: return " (JSON)";
    case LogicalKind::kUuid: return " (UUID)";
  }
  return "";
}

size_t Render(const std::vector<SchemaElement>& schema, size_t index, int indent,
              std::string* out) {
  const SchemaElement& e = schema[index];
  const std::string pad(static_cast<size_t>(indent) * 2, ' ');
  const std::string_view repetition = !e.repetition                             ? ""
                                      : *e.repetition == Repetition::kRequired ? "required "
                                      : *e.repetition == Repetition::kOptional ? "optional "
                                                                                : "repeated ";
  if (!e.num_children) {
    *out += fmt::format("{}{}{} {}{};\n", pad, repetition, PhysicalName(e), e.name,
                        Annotation(e.logical_type));
    return index + 1;
  }
  *out += fmt::format("{}{}{} {}{} {{\n", pad, repetition, index == 0 ? "message" : "group",
                      e.name, Annotation(e.logical_type));
  size_t next = index + 1;
  for (int32_t i = 0; i < *e.num_children; ++i) next = Render(schema, next, indent + 1, out);
  *out += pad + "}\n";
  return next;
}

}  // namespace

std::string RootName(const data::Schema& schema) {
  return schema.name() ? *schema.name() : "io.confluent.connect.avro.ConnectDefault";
}

Result<ColumnTree> BuildColumnTree(const data::Schema& schema, const WriterOptions& options) {
  ColumnTree tree;
  TreeBuilder builder(options, &tree);
  TRIB_ASSIGN_OR_RETURN(tree.root, builder.BuildRoot(schema));
  return tree;
}

std::string SchemaToString(const std::vector<SchemaElement>& schema) {
  std::string out;
  if (!schema.empty()) Render(schema, 0, 0, &out);
  return out;
}

}  // namespace tributary::parquet

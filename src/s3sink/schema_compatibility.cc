#include "s3sink/schema_compatibility.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace tributary::s3sink {

namespace {

using data::Schema;
using data::SchemaPtr;
using data::Type;
using data::Value;

std::string_view ModeName(SchemaCompatibilityMode mode) {
  switch (mode) {
    case SchemaCompatibilityMode::kNone: return "NONE";
    case SchemaCompatibilityMode::kBackward: return "BACKWARD";
    case SchemaCompatibilityMode::kForward: return "FORWARD";
    case SchemaCompatibilityMode::kFull: return "FULL";
  }
  return "";
}

int NumericRank(Type t) {
  switch (t) {
    case Type::kInt8: return 0;
    case Type::kInt16: return 1;
    case Type::kInt32: return 2;
    case Type::kInt64: return 3;
    case Type::kFloat32: return 4;
    case Type::kFloat64: return 5;
    default: return -1;
  }
}

bool Promotable(Type from, Type to) {
  int a = NumericRank(from), b = NumericRank(to);
  return a >= 0 && b >= 0 && a <= b;
}

// Documentation parameters do not affect compatibility (as Confluent filters them).
std::map<std::string, std::string> RelevantParameters(const Schema& s) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : s.parameters()) {
    if (k == "connect.record.doc" || k == "connect.record.aliases" ||
        k == "connect.record.namespace" || k.rfind("io.confluent.connect.avro.field.doc.", 0) == 0)
      continue;
    out[k] = v;
  }
  return out;
}

bool IsEnum(const std::map<std::string, std::string>& params) {
  return params.count("org.apache.kafka.connect.data.Enum") ||
         params.count("io.confluent.connect.avro.Enum") ||
         params.count("io.confluent.connect.protobuf.Enum");
}

// Empty when `source` values can be projected to `target`; otherwise why not.
std::string Mismatch(const Schema& source, const Schema& target) {
  if (source.type() != target.type() && !Promotable(source.type(), target.type()))
    return fmt::format("type {} cannot become {}", data::TypeName(source.type()),
                       data::TypeName(target.type()));
  if (source.name() != target.name()) return "schema names differ";
  auto sp = RelevantParameters(source), tp = RelevantParameters(target);
  if (IsEnum(sp) && IsEnum(tp)) {
    for (const auto& entry : sp)
      if (!tp.count(entry.first) || tp[entry.first] != entry.second)
        return "enum symbols are not a subset";
  } else if (sp != tp) {
    return "schema parameters differ";
  }
  if (source.optional() && !target.optional() && target.default_value() == nullptr)
    return "optional value for a required field without default";
  switch (source.type()) {
    case Type::kStruct:
      for (const auto& f : source.fields()) {
        const data::Field* t = target.field(f.name);
        if (!t) continue;
        std::string why = Mismatch(*f.schema, *t->schema);
        if (!why.empty()) return f.name + ": " + why;
      }
      for (const auto& f : target.fields()) {
        if (!source.field(f.name) && !f.schema->optional() && !f.schema->default_value())
          return "required field '" + f.name + "' is missing";
      }
      return "";
    case Type::kArray: return Mismatch(*source.value_schema(), *target.value_schema());
    case Type::kMap: {
      std::string why = Mismatch(*source.key_schema(), *target.key_schema());
      return why.empty() ? Mismatch(*source.value_schema(), *target.value_schema()) : why;
    }
    default: return "";
  }
}

Result<Value> ProjectValue(const Schema& source, const Value& value, const SchemaPtr& target_ptr,
                           const std::string& path);

Result<Value> ProjectRequired(const Schema& source, const Value& value,
                              const SchemaPtr& target_ptr, const std::string& path) {
  const Schema& target = *target_ptr;
  switch (target.type()) {
    case Type::kStruct: {
      data::StructValue s;
      s.schema = target_ptr;
      s.values.resize(target.fields().size());
      const auto& in = value.as_struct();
      for (const auto& tf : target.fields()) {
        std::string field_path = path.empty() ? tf.name : path + "." + tf.name;
        const data::Field* sf = source.field(tf.name);
        if (sf) {
          auto v = ProjectValue(*sf->schema, in.values[sf->index], tf.schema, field_path);
          if (!v.ok()) return v.status();
          s.values[tf.index] = std::move(*v);
        } else if (tf.schema->optional()) {
          s.values[tf.index] = Value::Null();
        } else if (tf.schema->default_value()) {
          s.values[tf.index] = *tf.schema->default_value();
        } else {
          return Status::InvalidArgument("cannot project field '{}': required in the file's "
                                         "schema and missing from the record's",
                                         field_path);
        }
      }
      return Value::Struct(std::move(s));
    }
    case Type::kArray: {
      data::Array out;
      for (const auto& e : value.as_array()) {
        auto v = ProjectValue(*source.value_schema(), e, target.value_schema(), path + "[]");
        if (!v.ok()) return v.status();
        out.push_back(std::move(*v));
      }
      return Value::ArrayOf(std::move(out));
    }
    case Type::kMap: {
      data::Map out;
      for (const auto& [k, e] : value.as_map()) {
        auto pk = ProjectValue(*source.key_schema(), k, target.key_schema(), path + "{key}");
        if (!pk.ok()) return pk.status();
        auto pv = ProjectValue(*source.value_schema(), e, target.value_schema(), path + "{}");
        if (!pv.ok()) return pv.status();
        out.emplace_back(std::move(*pk), std::move(*pv));
      }
      return Value::MapOf(std::move(out));
    }
    case Type::kFloat32:
      if (value.kind() == Value::Kind::kInt)
        return Value::Double(static_cast<float>(value.as_int()));
      return Value::Double(static_cast<float>(value.as_double()));
    case Type::kFloat64:
      if (value.kind() == Value::Kind::kInt) return Value::Double(static_cast<double>(value.as_int()));
      return value;
    default: return value;  // integers widen without change; other primitives are as they are
  }
}

Result<Value> ProjectValue(const Schema& source, const Value& value, const SchemaPtr& target_ptr,
                           const std::string& path) {
  const Schema& target = *target_ptr;
  std::string why = Mismatch(source, target);
  if (!why.empty() && why.find("required field") == std::string::npos)
    return Status::InvalidArgument("cannot project field '{}': {}", path, why);
  if (value.is_null()) {
    if (source.optional() && !target.optional()) {
      if (target.default_value()) return *target.default_value();
      return Status::InvalidArgument(
          "cannot project field '{}': the record's schema is optional, the file's schema is "
          "required without a default",
          path);
    }
    return Value::Null();
  }
  return ProjectRequired(source, value, target_ptr, path);
}

}  // namespace

Result<bool> SchemaCompatibility::ShouldChangeSchema(const SchemaPtr& record_schema,
                                                     const SchemaPtr& current) const {
  if (record_schema == current) return false;
  if (!record_schema || !current)
    return Status::InvalidArgument(
        "switch between schema-based and schemaless data is not supported (schema.compatibility "
        "{}); use a converter with schemas for every record of the topic",
        ModeName(mode_));
  if (mode_ == SchemaCompatibilityMode::kNone) return !record_schema->Equals(*current);
  if (!record_schema->version() || !current->version())
    return Status::InvalidArgument(
        "schema.compatibility={} needs schema versions, and schema '{}' has none (the "
        "converter gives none: JsonConverter never does); use io.confluent.connect.avro."
        "AvroConverter or AWSKafkaAvroConverter, or schema.compatibility=NONE",
        ModeName(mode_), (record_schema->version() ? current : record_schema)->name().value_or("(unnamed)"));
  if (!Mismatch(*record_schema, *current).empty()) return true;
  int32_t record_version = *record_schema->version(), file_version = *current->version();
  if (mode_ == SchemaCompatibilityMode::kForward) return record_version < file_version;
  return record_version > file_version;
}

Result<Value> SchemaCompatibility::Project(const SchemaPtr& source, const Value& value,
                                           const SchemaPtr& target) const {
  if (mode_ == SchemaCompatibilityMode::kNone || source == target || !source || !target ||
      source->Equals(*target))
    return value;
  return ProjectValue(*source, value, target, "");
}

}  // namespace tributary::s3sink

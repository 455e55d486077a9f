#include "transforms/extract_new_record_state.h"

#include <fmt/format.h>

#include <algorithm>

#include "transforms/record_part.h"

namespace tributary::transforms {

using data::Schema;
using data::SchemaBuilder;
using data::SchemaPtr;
using data::Value;

namespace {

constexpr std::string_view kDeletedField = "__deleted";
constexpr std::string_view kLegacyOperationHeader = "__debezium-operation";

bool IsEnvelope(const data::Record& record) {
  const auto& schema = record.value_schema;
  if (!schema || !schema->name() || record.value.kind() != Value::Kind::kStruct) return false;
  const std::string& name = *schema->name();
  static constexpr std::string_view kSuffix = ".Envelope";
  return name.size() >= kSuffix.size() &&
         name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
}

// The schema an added field or header gets: the source field's type and logical name,
// optional, without its default (Debezium's copySchemaBasics(...).optional()).
SchemaPtr OptionalCopy(const Schema& s) {
  if (!data::IsPrimitive(s.type())) return SchemaBuilder::From(s).Optional().Build();
  return CopySchemaBasics(s, s.type()).Optional().Build();
}

const char* OperationName(std::string_view code) {
  if (code == "c") return "CREATE";
  if (code == "u") return "UPDATE";
  if (code == "d") return "DELETE";
  if (code == "r") return "READ";
  if (code == "t") return "TRUNCATE";
  return "MESSAGE";
}

}  // namespace

const data::Field* ExtractNewRecordState::FieldRef::Resolve(const Schema& envelope) const {
  if (!parent.empty()) {
    const data::Field* p = envelope.field(parent);
    if (p != nullptr && p->schema->type() == data::Type::kStruct) {
      if (const data::Field* f = p->schema->field(field)) return f;
    }
  }
  return envelope.field(field);
}

const Value* ExtractNewRecordState::FieldRef::Get(const Value& envelope) const {
  if (!parent.empty()) {
    const data::Field* pf = envelope.as_struct().schema->field(parent);
    if (pf != nullptr && pf->schema->type() == data::Type::kStruct) {
      const Value* p = envelope.field(parent);
      if (p == nullptr || p->is_null()) return nullptr;  // e.g. no transaction block
      if (pf->schema->field(field)) return p->field(field);
    }
  }
  return envelope.field(field);
}

Result<std::vector<ExtractNewRecordState::FieldRef>> ExtractNewRecordState::ParseRefs(
    const std::string& list, const std::string& prefix, std::string_view key) {
  std::vector<FieldRef> refs;
  connect::Config holder;
  holder.Set("list", list);
  for (const std::string& entry : holder.GetList("list")) {
    FieldRef ref;
    std::string path = entry;
    std::string rename;
    if (size_t colon = entry.find(':'); colon != std::string::npos) {
      path = entry.substr(0, colon);
      rename = entry.substr(colon + 1);
      if (rename.empty() || rename.find(':') != std::string::npos)
        return Status::InvalidArgument(
            "invalid entry '{}' in configuration {}: expected field or struct.field, optionally "
            "followed by :newName",
            entry, key);
    }
    if (size_t dot = path.find('.'); dot != std::string::npos) {
      ref.parent = path.substr(0, dot);
      ref.field = path.substr(dot + 1);
      ref.new_name = prefix + (rename.empty() ? ref.parent + "_" + ref.field : rename);
    } else {
      ref.field = path;
      if (path == "op" || path == "ts_ms" || path == "ts_us" || path == "ts_ns") {
        ref.parent = "";
      } else if (path == "id" || path == "total_order" || path == "data_collection_order") {
        ref.parent = "transaction";
      } else {
        ref.parent = "source";
      }
      ref.new_name = prefix + (rename.empty() ? path : rename);
    }
    if (ref.field.empty())
      return Status::InvalidArgument("invalid entry '{}' in configuration {}: empty field name",
                                     entry, key);
    refs.push_back(std::move(ref));
  }
  return refs;
}

Status ExtractNewRecordState::Configure(const connect::Config& config) {
  if (config.Has("delete.tombstone.handling.mode")) {
    TRIB_ASSIGN_OR_RETURN(std::string mode,
                          GetEnum(config, "delete.tombstone.handling.mode",
                                  {"drop", "tombstone", "rewrite", "rewrite-with-tombstone",
                                   "delete-to-tombstone"},
                                  "tombstone"));
    legacy_ = false;
    if (mode == "drop") mode_ = DeleteMode::kDrop;
    else if (mode == "tombstone") mode_ = DeleteMode::kTombstone;
    else if (mode == "rewrite") mode_ = DeleteMode::kRewrite;
    else if (mode == "rewrite-with-tombstone") mode_ = DeleteMode::kRewriteWithTombstone;
    else mode_ = DeleteMode::kDeleteToTombstone;
  } else if (config.Has("drop.tombstones") || config.Has("delete.handling.mode")) {
    legacy_ = true;
    TRIB_ASSIGN_OR_RETURN(drop_tombstones_, config.GetBool("drop.tombstones", true));
    TRIB_ASSIGN_OR_RETURN(std::string mode, GetEnum(config, "delete.handling.mode",
                                                    {"drop", "rewrite", "none"}, "drop"));
    mode_ = mode == "drop"      ? DeleteMode::kDrop
            : mode == "rewrite" ? DeleteMode::kRewrite
                                : DeleteMode::kTombstone;
  } else {
    legacy_ = false;
    mode_ = DeleteMode::kTombstone;
  }
  rewrite_ = mode_ == DeleteMode::kRewrite || mode_ == DeleteMode::kRewriteWithTombstone;

  TRIB_ASSIGN_OR_RETURN(add_fields_, ParseRefs(config.GetString("add.fields"),
                                               config.GetString("add.fields.prefix", "__"),
                                               "add.fields"));
  TRIB_ASSIGN_OR_RETURN(std::vector<FieldRef> source_fields,
                        ParseRefs(config.GetString("add.source.fields"), "__",
                                  "add.source.fields"));
  for (auto& ref : source_fields) {
    ref.new_name = "__" + ref.field;
    ref.parent = "source";
    add_fields_.push_back(std::move(ref));
  }
  TRIB_ASSIGN_OR_RETURN(add_headers_, ParseRefs(config.GetString("add.headers"),
                                                config.GetString("add.headers.prefix", "__"),
                                                "add.headers"));
  TRIB_ASSIGN_OR_RETURN(operation_header_, config.GetBool("operation.header", false));
  route_by_field_ = config.GetString("route.by.field");
  drop_fields_header_ = config.GetString("drop.fields.header.name");
  TRIB_ASSIGN_OR_RETURN(drop_fields_from_key_, config.GetBool("drop.fields.from.key", false));
  TRIB_ASSIGN_OR_RETURN(drop_fields_keep_schema_compatible_,
                        config.GetBool("drop.fields.keep.schema.compatible", true));
  TRIB_ASSIGN_OR_RETURN(bool replace_null, config.GetBool("replace.null.with.default", true));
  (void)replace_null;  // our row values never substitute defaults for nulls
  plans_.clear();
  dropped_.clear();
  return Status::OK();
}

const ExtractNewRecordState::Plan& ExtractNewRecordState::PlanFor(const SchemaPtr& row_schema,
                                                                  const SchemaPtr& envelope_schema) {
  auto key = std::make_pair(row_schema.get(), envelope_schema.get());
  auto it = plans_.find(key);
  if (it != plans_.end()) return it->second;
  if (plans_.size() >= 64) plans_.clear();

  Plan plan;
  plan.row_schema = row_schema;
  plan.envelope_schema = envelope_schema;
  SchemaBuilder builder = CopySchemaBasics(*row_schema, data::Type::kStruct);
  for (const auto& f : row_schema->fields()) builder.Field(f.name, f.schema);
  auto add_refs = [&] {
    for (const auto& ref : add_fields_) {
      if (const data::Field* f = ref.Resolve(*envelope_schema)) {
        builder.Field(ref.new_name, OptionalCopy(*f->schema));
        plan.added.push_back(&ref);
      }
    }
  };
  auto add_deleted = [&] {
    if (rewrite_) builder.Field(std::string(kDeletedField), data::OptionalStringSchema());
  };
  if (legacy_) {
    add_refs();
    add_deleted();
  } else {
    add_deleted();
    add_refs();
  }
  plan.schema = builder.Build();
  if (rewrite_) plan.deleted_index = plan.schema->field(kDeletedField)->index;
  return plans_.emplace(key, std::move(plan)).first->second;
}

Value ExtractNewRecordState::BuildRow(const Plan& plan, const Value& row, const Value& envelope,
                                      std::optional<bool> deleted) const {
  data::StructValue out;
  out.schema = plan.schema;
  out.values.resize(plan.schema->fields().size());
  const auto& in = row.as_struct();
  for (const auto& f : plan.row_schema->fields())
    if (static_cast<size_t>(f.index) < in.values.size()) out.values[f.index] = in.values[f.index];
  for (const FieldRef* ref : plan.added) {
    const Value* v = ref->Get(envelope);
    if (v != nullptr) out.values[plan.schema->field(ref->new_name)->index] = *v;
  }
  if (plan.deleted_index >= 0 && deleted.has_value())
    out.values[plan.deleted_index] = Value::String(*deleted ? "true" : "false");
  return Value::Struct(std::move(out));
}

void ExtractNewRecordState::AddHeaders(data::Record& record) const {
  const bool tombstone = record.value.is_null();
  for (const auto& ref : add_headers_) {
    if (tombstone) {
      // Debezium marks tombstones with op=d and adds no other header.
      if (ref.field == "op") record.headers.push_back({ref.new_name, data::StringSchema(), Value::String("d")});
      continue;
    }
    const data::Field* f = ref.Resolve(*record.value_schema);
    if (f == nullptr) continue;
    const Value* v = ref.Get(record.value);
    record.headers.push_back({ref.new_name, OptionalCopy(*f->schema), v ? *v : Value()});
  }
  if (operation_header_) {
    std::string_view op = "d";
    if (!tombstone) {
      const Value* v = record.value.field("op");
      op = v && v->kind() == Value::Kind::kString ? std::string_view(v->as_string()) : "";
    }
    record.headers.push_back({std::string(kLegacyOperationHeader), data::StringSchema(),
                              Value::String(OperationName(op))});
  }
}

Status ExtractNewRecordState::DropFieldsFromHeader(data::Record& record) {
  const data::Header* header = record.header(drop_fields_header_);
  if (header == nullptr || header->value.kind() != Value::Kind::kArray) return Status::OK();
  std::vector<std::string> names;
  for (const auto& v : header->value.as_array())
    if (v.kind() == Value::Kind::kString) names.push_back(v.as_string());
  if (names.empty()) return Status::OK();

  auto drop = [&](SchemaPtr& schema, Value& value) {
    if (!schema || schema->type() != data::Type::kStruct || value.kind() != Value::Kind::kStruct)
      return;
    std::vector<std::string_view> to_drop;
    std::string key_text;
    for (const auto& f : schema->fields()) {
      bool named = std::find(names.begin(), names.end(), f.name) != names.end();
      if (named && (!drop_fields_keep_schema_compatible_ || f.schema->optional())) {
        to_drop.push_back(f.name);
        key_text += f.name;
        key_text.push_back('\0');
      }
    }
    if (to_drop.empty()) return;
    auto key = std::make_pair(schema.get(), key_text);
    auto it = dropped_.find(key);
    if (it == dropped_.end()) {
      if (dropped_.size() >= 64) dropped_.clear();
      SchemaBuilder b = CopySchemaBasics(*schema, data::Type::kStruct);
      for (const auto& f : schema->fields())
        if (std::find(to_drop.begin(), to_drop.end(), f.name) == to_drop.end())
          b.Field(f.name, f.schema);
      it = dropped_.emplace(key, std::make_pair(schema, b.Build())).first;
    }
    const SchemaPtr& out_schema = it->second.second;
    Value out = Value::EmptyStruct(out_schema);
    for (const auto& f : out_schema->fields()) out.set(f.name, *value.field(f.name));
    schema = out_schema;
    value = std::move(out);
  };
  if (drop_fields_from_key_ && !record.key.is_null()) drop(record.key_schema, record.key);
  drop(record.value_schema, record.value);
  return Status::OK();
}

Status ExtractNewRecordState::Apply(data::Record& record, bool* keep) {
  *keep = true;
  const bool tombstone = record.value.is_null();
  const bool envelope = !tombstone && IsEnvelope(record);
  if (envelope || tombstone) AddHeaders(record);
  if (tombstone) {
    *keep = legacy_ ? !drop_tombstones_ : mode_ == DeleteMode::kRewriteWithTombstone;
    return Status::OK();
  }
  if (!envelope) return Status::OK();

  const data::Field* after_field = record.value_schema->field("after");
  const data::Field* before_field = record.value_schema->field("before");
  if (after_field == nullptr || before_field == nullptr) return Status::OK();
  const Value* after = record.value.field("after");
  const Value* before = record.value.field("before");
  const bool after_null = after == nullptr || after->is_null();
  const bool before_null = before == nullptr || before->is_null();
  if (after_null && before_null) {  // a truncate event
    *keep = false;
    return Status::OK();
  }

  SchemaPtr envelope_schema = std::move(record.value_schema);
  Value envelope_value = std::move(record.value);
  std::string route_topic;
  auto route_from = [&](const Value& row) {
    if (route_by_field_.empty() || row.kind() != Value::Kind::kStruct) return;
    const Value* v = row.field(route_by_field_);
    if (v != nullptr && v->kind() == Value::Kind::kString) route_topic = v->as_string();
  };

  if (after_null) {
    switch (mode_) {
      case DeleteMode::kDrop: *keep = false; return Status::OK();
      case DeleteMode::kTombstone:
        // As Debezium: the value is null but keeps the row's schema.
        record.value_schema = after_field->schema;
        record.value = Value();
        break;
      case DeleteMode::kDeleteToTombstone:
        record.value_schema = nullptr;
        record.value = Value();
        break;
      case DeleteMode::kRewrite:
      case DeleteMode::kRewriteWithTombstone: {
        const Plan& plan = PlanFor(before->as_struct().schema, envelope_schema);
        record.value = BuildRow(plan, *before, envelope_value, true);
        record.value_schema = plan.schema;
        break;
      }
    }
    route_from(*before);
  } else {
    const Plan& plan = PlanFor(after->as_struct().schema, envelope_schema);
    record.value = BuildRow(plan, *after, envelope_value, rewrite_ ? std::optional<bool>(false)
                                                                   : std::nullopt);
    record.value_schema = plan.schema;
    route_from(record.value);
  }
  if (!route_topic.empty()) record.topic = std::move(route_topic);
  if (!drop_fields_header_.empty()) TRIB_RETURN_IF_ERROR(DropFieldsFromHeader(record));
  return Status::OK();
}

}  // namespace tributary::transforms

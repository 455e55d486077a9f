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

bool HasEnvelopeName(const Schema& schema) {
  if (!schema.name()) return false;
  const std::string& name = *schema.name();
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
  last_plan_ = nullptr;
  layout_ = EnvelopeLayout{};
  dropped_.clear();
  return Status::OK();
}

const ExtractNewRecordState::Plan& ExtractNewRecordState::PlanFor(const SchemaPtr& row_schema,
                                                                  const SchemaPtr& envelope_schema) {
  if (last_plan_ && last_plan_->row_schema == row_schema &&
      last_plan_->envelope_schema == envelope_schema)
    return *last_plan_;
  auto key = std::make_pair(row_schema.get(), envelope_schema.get());
  auto it = plans_.find(key);
  if (it != plans_.end()) return *(last_plan_ = &it->second);
  if (plans_.size() >= 64) {
    plans_.clear();
    last_plan_ = nullptr;
  }

  Plan plan;
  plan.row_schema = row_schema;
  plan.envelope_schema = envelope_schema;
  SchemaBuilder builder = CopySchemaBasics(*row_schema, data::Type::kStruct);
  for (const auto& f : row_schema->fields()) builder.Field(f.name, f.schema);
  std::vector<std::pair<const FieldRef*, Plan::Added>> present;
  auto add_refs = [&] {
    for (const auto& ref : add_fields_) {
      const data::Field* f = ref.Resolve(*envelope_schema);
      if (f == nullptr) continue;
      builder.Field(ref.new_name, OptionalCopy(*f->schema));
      // Resolve found the field either in the named struct or in the envelope itself.
      const data::Field* parent = ref.parent.empty() ? nullptr : envelope_schema->field(ref.parent);
      bool in_parent = parent && parent->schema->type() == data::Type::kStruct &&
                       parent->schema->field(ref.field) == f;
      present.push_back({&ref, Plan::Added{in_parent ? parent->index : -1, f->index, -1}});
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
  for (auto& [ref, added] : present) {
    added.out_index = plan.schema->field(ref->new_name)->index;
    plan.added.push_back(added);
  }
  if (rewrite_) plan.deleted_index = plan.schema->field(kDeletedField)->index;
  return *(last_plan_ = &plans_.emplace(key, std::move(plan)).first->second);
}

Value ExtractNewRecordState::BuildRow(const Plan& plan, Value& envelope, int row_index,
                                      std::optional<bool> deleted) const {
  data::StructValue out;
  out.schema = plan.schema;
  out.values.resize(plan.schema->fields().size());
  auto& env = envelope.mutable_struct().values;
  // Added values first: they are read from the envelope before the row is moved out of it.
  for (const auto& a : plan.added) {
    const Value* v;
    if (a.parent_index < 0) {
      v = &env[a.field_index];
    } else {
      const Value& parent = env[a.parent_index];
      v = parent.is_null() ? nullptr : &parent.as_struct().values[a.field_index];
    }
    if (v != nullptr) out.values[a.out_index] = *v;
  }
  auto& in = env[row_index].mutable_struct().values;
  for (size_t i = 0; i < in.size() && i < plan.row_schema->fields().size(); ++i)
    out.values[i] = std::move(in[i]);
  if (plan.deleted_index >= 0 && deleted.has_value())
    out.values[plan.deleted_index] = Value::String(*deleted ? "true" : "false");
  return Value::Struct(std::move(out));
}

const ExtractNewRecordState::EnvelopeLayout& ExtractNewRecordState::LayoutFor(
    const SchemaPtr& schema) {
  if (layout_.schema == schema) return layout_;
  layout_ = EnvelopeLayout{schema};
  if (schema && schema->type() == data::Type::kStruct && HasEnvelopeName(*schema)) {
    const data::Field* before = schema->field("before");
    const data::Field* after = schema->field("after");
    if (before && after && before->schema->type() == data::Type::kStruct &&
        after->schema->type() == data::Type::kStruct) {
      layout_.is_envelope = true;
      layout_.before_index = before->index;
      layout_.after_index = after->index;
    }
  }
  return layout_;
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
  const bool envelope = !tombstone && record.value.kind() == Value::Kind::kStruct &&
                        LayoutFor(record.value_schema).is_envelope;
  if ((envelope || tombstone) && (!add_headers_.empty() || operation_header_)) AddHeaders(record);
  if (tombstone) {
    *keep = legacy_ ? !drop_tombstones_ : mode_ == DeleteMode::kRewriteWithTombstone;
    return Status::OK();
  }
  if (!envelope) return Status::OK();

  const int after_index = layout_.after_index;
  const int before_index = layout_.before_index;
  const auto& values = record.value.as_struct().values;
  const bool after_null = values[after_index].is_null();
  const bool before_null = values[before_index].is_null();
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
    route_from(envelope_value.as_struct().values[before_index]);
    switch (mode_) {
      case DeleteMode::kDrop: *keep = false; return Status::OK();
      case DeleteMode::kTombstone:
        // As Debezium: the value is null but keeps the row's schema.
        record.value_schema = envelope_schema->fields()[after_index].schema;
        record.value = Value();
        break;
      case DeleteMode::kDeleteToTombstone:
        record.value_schema = nullptr;
        record.value = Value();
        break;
      case DeleteMode::kRewrite:
      case DeleteMode::kRewriteWithTombstone: {
        const Plan& plan = PlanFor(envelope_value.as_struct().values[before_index].as_struct().schema,
                                   envelope_schema);
        record.value = BuildRow(plan, envelope_value, before_index, true);
        record.value_schema = plan.schema;
        break;
      }
    }
  } else {
    const Plan& plan =
        PlanFor(envelope_value.as_struct().values[after_index].as_struct().schema, envelope_schema);
    record.value = BuildRow(plan, envelope_value, after_index,
                            rewrite_ ? std::optional<bool>(false) : std::nullopt);
    record.value_schema = plan.schema;
    route_from(record.value);
  }
  if (!route_topic.empty()) record.topic = std::move(route_topic);
  if (!drop_fields_header_.empty()) TRIB_RETURN_IF_ERROR(DropFieldsFromHeader(record));
  return Status::OK();
}

}  // namespace tributary::transforms

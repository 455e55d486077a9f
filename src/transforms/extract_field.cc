#include "transforms/extract_field.h"

namespace tributary::transforms {

using data::Value;

Status ExtractField::Configure(const connect::Config& config) {
  TRIB_RETURN_IF_ERROR(CheckFieldSyntaxVersion(config));
  TRIB_ASSIGN_OR_RETURN(field_, GetRequired(config, "field", "the field to extract"));
  TRIB_ASSIGN_OR_RETURN(replace_null_with_default_,
                        config.GetBool("replace.null.with.default", true));
  return Status::OK();
}

Status ExtractField::Apply(data::Record& record, bool* keep) {
  *keep = true;
  data::SchemaPtr schema = PartSchema(record, part_);
  Value& input = MutablePartValue(record, part_);
  if (schema == nullptr) {
    if (input.is_null()) return Status::OK();
    TRIB_RETURN_IF_ERROR(RequireMap(input, "field extraction"));
    const Value* v = MapGet(input, field_);
    Value out = v ? *v : Value();
    SetPart(record, part_, nullptr, std::move(out));
    return Status::OK();
  }
  const data::Field* field = schema->type() == data::Type::kStruct ? schema->field(field_) : nullptr;
  if (field == nullptr)
    return Status::InvalidArgument("unknown field '{}' in the {} schema {}", field_,
                                   PartName(part_), schema->DebugString());
  Value out;
  if (!input.is_null()) {
    TRIB_RETURN_IF_ERROR(RequireStruct(input, "field extraction"));
    out = std::move(input.mutable_struct().values[field->index]);
    if (out.is_null() && replace_null_with_default_ && field->schema->default_value())
      out = *field->schema->default_value();
  }
  SetPart(record, part_, field->schema, std::move(out));
  return Status::OK();
}

}  // namespace tributary::transforms

#include "s3sink/nested_field.h"

namespace tributary::s3sink {

NestedFieldRef FindNestedField(const data::SchemaPtr& schema, const data::Value& value,
                               std::string_view path) {
  NestedFieldRef ref{&value, schema};
  while (!path.empty()) {
    size_t dot = path.find('.');
    std::string_view name = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    const data::Value& current = *ref.value;
    if (current.kind() == data::Value::Kind::kStruct) {
      const auto& s = current.as_struct();
      const data::Field* field = s.schema ? s.schema->field(name) : nullptr;
      if (!field) return {};
      ref = {&s.values[field->index], field->schema};
    } else if (current.kind() == data::Value::Kind::kMap) {
      const data::Value* found = nullptr;
      for (const auto& [k, v] : current.as_map())
        if (k.kind() == data::Value::Kind::kString && k.as_string() == name) found = &v;
      if (!found) return {};
      ref = {found, ref.schema ? ref.schema->value_schema() : nullptr};
    } else {
      return {};
    }
  }
  return ref;
}

}  // namespace tributary::s3sink

#include "converters/versioned_schemas.h"

namespace tributary::converters {

void VersionedSchemas::Attach(const data::SchemaPtr& decoded, std::optional<int32_t> version,
                              data::SchemaPtr* schema, data::Value* value) {
  if (!version || !decoded) {
    *schema = decoded;
    return;
  }
  if (!last_ || last_->decoded != decoded || last_version_ != *version) {
    auto key = std::make_pair(decoded.get(), *version);
    auto it = copies_.find(key);
    if (it == copies_.end())
      it = copies_
               .emplace(key, Entry{decoded,
                                   data::SchemaBuilder::From(*decoded).Version(*version).Build()})
               .first;
    last_ = &it->second;
    last_version_ = *version;
  }
  *schema = last_->versioned;
  if (value->kind() == data::Value::Kind::kStruct) value->mutable_struct().schema = *schema;
}

}  // namespace tributary::converters

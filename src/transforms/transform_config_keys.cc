#include "transforms/transform_config_keys.h"

namespace tributary::transforms {

namespace {

using connect::ConfigDef;
using T = connect::ConfigType;

ConfigDef& ReplaceNullWithDefault(ConfigDef& def) {
  return def.Define("replace.null.with.default", T::kBoolean, "true",
                    "Use a field's default value where the record holds null.");
}

// KIP-821's nested field paths.
ConfigDef& FieldSyntaxVersion(ConfigDef& def, bool checked) {
  return def.Define("field.syntax.version", T::kString, "V1",
                    checked ? "Field path syntax: V1 (top-level names; V2 nested paths are "
                              "refused)."
                            : "Field path syntax; accepted, Tributary reads top-level names (V1).",
                    {"V1", "V2"});
}

}  // namespace

ConfigDef ExtractNewRecordStateConfigDef() {
  ConfigDef def;
  def.Define("delete.tombstone.handling.mode", T::kString, std::nullopt,
             "How deletes and tombstones come out.",
             {"drop", "tombstone", "rewrite", "rewrite-with-tombstone", "delete-to-tombstone"})
      .Define("drop.tombstones", T::kBoolean, "true",
              "Deprecated: drop tombstones (use delete.tombstone.handling.mode).")
      .Define("delete.handling.mode", T::kString, "drop",
              "Deprecated: drop, rewrite or none (use delete.tombstone.handling.mode).",
              {"drop", "rewrite", "none"})
      .Define("route.by.field", T::kString, "", "Route each record to the topic a field names.")
      .Define("add.fields", T::kList, "", "Envelope fields added as __<field> (struct.field too).")
      .Define("add.fields.prefix", T::kString, "__", "Prefix of added fields.")
      .Define("add.headers", T::kList, "", "Envelope fields added as headers.")
      .Define("add.headers.prefix", T::kString, "__", "Prefix of added headers.")
      .Define("add.source.fields", T::kList, "", "Deprecated: source fields to add.")
      .Define("operation.header", T::kBoolean, "false", "Deprecated: add the __op header.")
      .Define("drop.fields.header.name", T::kString, std::nullopt,
              "Header listing fields to drop.")
      .Define("drop.fields.from.key", T::kBoolean, "false",
              "Also drop the listed fields from the key.")
      .Define("drop.fields.keep.schema.compatible", T::kBoolean, "true",
              "Drop only optional fields, keeping schemas compatible.");
  return ReplaceNullWithDefault(def);
}

ConfigDef RegexRouterConfigDef() {
  ConfigDef def;
  def.Required("regex", T::kString, "Regular expression matched against the whole topic name.")
      .Required("replacement", T::kString, "Replacement topic; $1... name the groups.");
  return def;
}

ConfigDef FilterConfigDef() { return ConfigDef(); }

ConfigDef ValueToKeyConfigDef() {
  ConfigDef def;
  def.Required("fields", T::kList, "Value fields that form the key.");
  FieldSyntaxVersion(def, false);
  return ReplaceNullWithDefault(def);
}

ConfigDef InsertFieldConfigDef() {
  ConfigDef def;
  for (const char* field : {"topic.field", "partition.field", "offset.field", "timestamp.field",
                            "static.field"})
    def.Define(field, T::kString, std::nullopt,
               "Field to insert (a ! suffix makes it required, ? optional).");
  def.Define("static.value", T::kString, std::nullopt, "Value of static.field.");
  FieldSyntaxVersion(def, true);
  return ReplaceNullWithDefault(def);
}

ConfigDef ReplaceFieldConfigDef() {
  ConfigDef def;
  def.Define("exclude", T::kList, "", "Fields to drop.")
      .Define("include", T::kList, "", "Fields to keep (all when empty).")
      .Define("renames", T::kList, "", "Renames old:new.")
      .Define("blacklist", T::kList, "", "Deprecated name of exclude.")
      .Define("whitelist", T::kList, "", "Deprecated name of include.");
  FieldSyntaxVersion(def, false);
  return ReplaceNullWithDefault(def);
}

ConfigDef ExtractFieldConfigDef() {
  ConfigDef def;
  def.Required("field", T::kString, "Field to extract.");
  FieldSyntaxVersion(def, true);
  return ReplaceNullWithDefault(def);
}

ConfigDef HoistFieldConfigDef() {
  ConfigDef def;
  def.Required("field", T::kString, "Name of the single field wrapping the data.");
  FieldSyntaxVersion(def, true);
  return def;
}

ConfigDef SetSchemaMetadataConfigDef() {
  ConfigDef def;
  def.Define("schema.name", T::kString, std::nullopt, "New schema name.")
      .Define("schema.version", T::kInt, std::nullopt, "New schema version.");
  return ReplaceNullWithDefault(def);
}

ConfigDef MaskFieldConfigDef() {
  ConfigDef def;
  def.Required("fields", T::kList, "Fields to mask.")
      .Define("replacement", T::kString, std::nullopt,
              "Replacement of masked values (the type's empty value when unset).");
  FieldSyntaxVersion(def, true);
  return ReplaceNullWithDefault(def);
}

ConfigDef FlattenConfigDef() {
  ConfigDef def;
  def.Define("delimiter", T::kString, ".", "Delimiter between parent and child field names.");
  return def;
}

ConfigDef CastConfigDef() {
  ConfigDef def;
  def.Required("spec", T::kList, "field:type pairs, or one type for the whole value.");
  FieldSyntaxVersion(def, true);
  return ReplaceNullWithDefault(def);
}

ConfigDef TimestampConverterConfigDef() {
  ConfigDef def;
  def.Required("target.type", T::kString, "Type to convert to.",
               {"string", "unix", "Date", "Time", "Timestamp"})
      .Define("field", T::kString, "", "Field holding the timestamp (the whole value when empty).")
      .Define("format", T::kString, "", "SimpleDateFormat pattern of string timestamps.")
      .Define("unix.precision", T::kString, "milliseconds", "Unit of unix timestamps.",
              {"nanoseconds", "microseconds", "milliseconds", "seconds"});
  FieldSyntaxVersion(def, false);
  return ReplaceNullWithDefault(def);
}

ConfigDef TopicNameMatchesConfigDef() {
  ConfigDef def;
  def.Required("pattern", T::kString, "Regular expression matched against topic names.");
  return def;
}

ConfigDef HasHeaderKeyConfigDef() {
  ConfigDef def;
  def.Required("name", T::kString, "Header key to look for.");
  return def;
}

ConfigDef RecordIsTombstoneConfigDef() { return ConfigDef(); }

}  // namespace tributary::transforms

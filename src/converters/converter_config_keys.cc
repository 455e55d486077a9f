#include "converters/converter_config_keys.h"

namespace tributary::converters {

namespace {

using connect::ConfigDef;
using T = connect::ConfigType;

const std::string kIgnored = " Accepted; Tributary does not act on it.";

// Every Kafka converter is told whether it converts keys, values or headers.
ConfigDef ConverterBase() {
  ConfigDef def;
  def.Define("converter.type", T::kString, std::nullopt,
             "Set by the runtime: key, value or header.", {"key", "value", "header"});
  return def;
}

// io.confluent.connect.avro.AvroDataConfig: how Connect schemas map to Avro.
void AvroDataKeys(ConfigDef& def, bool read_by_tributary) {
  const std::string note = read_by_tributary ? "" : kIgnored;
  def.Define("connect.meta.data", T::kBoolean, "true",
             "Carry Connect schema metadata (connect.name, connect.version, ...) in Avro "
             "schemas." + note)
      .Define("schemas.cache.config", T::kInt, "1000", "Size of the schema cache." + note)
      .Define("enhanced.avro.schema.support", T::kBoolean, "true",
              "Keep enum symbols and package names." + kIgnored)
      .Define("scrub.invalid.names", T::kBoolean, "false",
              "Replace characters invalid in Avro names." + kIgnored)
      .Define("allow.optional.map.keys", T::kBoolean, "false",
              "Allow optional string map keys." + kIgnored)
      .Define("flatten.singleton.unions", T::kBoolean, "false",
              "Read single-branch unions as the branch." + kIgnored)
      .Define("discard.type.doc.default", T::kBoolean, "false",
              "Drop type-level doc and default." + kIgnored)
      .Define("generalized.sum.type.support", T::kBoolean, "false",
              "Map unions to generalized sum types." + kIgnored)
      .Define("ignore.default.for.nullables", T::kBoolean, "false",
              "Read null instead of a nullable field's default." + kIgnored);
}

// Confluent's schema registry client and serializer keys (AbstractKafkaSchemaSerDeConfig,
// SchemaRegistryClientConfig).
void SchemaRegistryKeys(ConfigDef& def) {
  def.Group("Schema Registry")
      .Required("schema.registry.url", T::kList, "Schema registry URL(s).")
      .Define("auto.register.schemas", T::kBoolean, "true",
              "Register a record's schema when the subject lacks it.")
      .Define("use.latest.version", T::kBoolean, "false",
              "Write with the subject's latest schema instead of the record's.")
      .Define("key.subject.name.strategy", T::kString, "TopicNameStrategy",
              "Subject of key schemas: TopicNameStrategy, RecordNameStrategy or "
              "TopicRecordNameStrategy (short or io.confluent.kafka.serializers.subject. name).")
      .Define("value.subject.name.strategy", T::kString, "TopicNameStrategy",
              "Subject of value schemas (as key.subject.name.strategy).")
      .Define("basic.auth.credentials.source", T::kString, "URL",
              "Where the registry login comes from (URL, USER_INFO, SASL_INHERIT)." + kIgnored)
      .Define("basic.auth.user.info", T::kPassword, std::nullopt,
              "Registry login <user>:<password>." + kIgnored)
      .Define("schema.registry.basic.auth.user.info", T::kPassword, std::nullopt,
              "Older name of basic.auth.user.info." + kIgnored)
      .Define("bearer.auth.credentials.source", T::kString, std::nullopt,
              "Where the bearer token comes from." + kIgnored)
      .Define("bearer.auth.token", T::kPassword, std::nullopt, "Static bearer token." + kIgnored)
      .Define("bearer.auth.client.id", T::kString, std::nullopt, "OAuth client id." + kIgnored)
      .Define("bearer.auth.client.secret", T::kPassword, std::nullopt,
              "OAuth client secret." + kIgnored)
      .Define("bearer.auth.scope", T::kString, std::nullopt, "OAuth scope." + kIgnored)
      .Define("bearer.auth.scope.claim.name", T::kString, "scope", "Scope claim." + kIgnored)
      .Define("bearer.auth.sub.claim.name", T::kString, "sub", "Subject claim." + kIgnored)
      .Define("bearer.auth.issuer.endpoint.url", T::kString, std::nullopt,
              "OAuth token endpoint." + kIgnored)
      .Define("bearer.auth.logical.cluster", T::kString, std::nullopt,
              "Confluent Cloud logical cluster." + kIgnored)
      .Define("bearer.auth.identity.pool.id", T::kString, std::nullopt,
              "Confluent Cloud identity pool." + kIgnored)
      .Define("bearer.auth.cache.expiry.buffer.seconds", T::kShort, "300",
              "Token refresh margin." + kIgnored)
      .Define("bearer.auth.custom.provider.class", T::kClass, std::nullopt,
              "Custom token provider." + kIgnored)
      .Define("bearer.auth.uami.endpoint.url", T::kString, std::nullopt,
              "Azure managed identity endpoint." + kIgnored)
      .Define("bearer.auth.uami.endpoint.query", T::kString, std::nullopt,
              "Azure managed identity query." + kIgnored)
      .Define("max.schemas.per.subject", T::kInt, "1000",
              "Schemas cached per subject." + kIgnored)
      .Define("normalize.schemas", T::kBoolean, "false",
              "Normalize schemas before registering." + kIgnored)
      .Define("use.schema.id", T::kInt, "-1", "Write with this schema id." + kIgnored)
      .Define("use.schema.guid", T::kString, std::nullopt,
              "Write with this schema GUID." + kIgnored)
      .Define("id.compatibility.strict", T::kBoolean, "true",
              "Check use.schema.id's compatibility." + kIgnored)
      .Define("latest.compatibility.strict", T::kBoolean, "true",
              "Check use.latest.version's compatibility." + kIgnored)
      .Define("use.latest.with.metadata", T::kString, std::nullopt,
              "Write with the latest version having this metadata." + kIgnored)
      .Define("latest.cache.size", T::kInt, "1000", "Latest-version cache size." + kIgnored)
      .Define("latest.cache.ttl.sec", T::kLong, "-1", "Latest-version cache TTL." + kIgnored)
      .Define("context.name.strategy", T::kClass, std::nullopt,
              "Schema context strategy." + kIgnored)
      .Define("key.schema.id.serializer", T::kClass, std::nullopt,
              "How key schema ids are written." + kIgnored)
      .Define("value.schema.id.serializer", T::kClass, std::nullopt,
              "How value schema ids are written." + kIgnored)
      .Define("key.schema.id.deserializer", T::kClass, std::nullopt,
              "How key schema ids are read." + kIgnored)
      .Define("value.schema.id.deserializer", T::kClass, std::nullopt,
              "How value schema ids are read." + kIgnored)
      .Define("schema.reflection", T::kBoolean, "false", "Reflection-based Avro." + kIgnored)
      .Define("schema.format", T::kString, std::nullopt, "Schema text format." + kIgnored)
      .Define("propagate.schema.tags", T::kBoolean, "false",
              "Carry tags to new versions." + kIgnored)
      .Define("rule.executors", T::kList, std::nullopt, "Data contract executors." + kIgnored)
      .Define("rule.actions", T::kList, std::nullopt, "Data contract actions." + kIgnored)
      .Define("rule.service.loader.enable", T::kBoolean, "true",
              "Load rule executors by ServiceLoader." + kIgnored)
      .Define("rule.metrics.enable", T::kBoolean, "false", "Rule metrics." + kIgnored)
      .Define("validation.rules.executor.class", T::kClass, std::nullopt,
              "Inline validation rule executor." + kIgnored)
      .Define("validation.rules.execution", T::kString, std::nullopt,
              "Where inline rules run." + kIgnored)
      .Define("validation.rules.fail.fast", T::kBoolean, "false",
              "Stop at the first failed rule." + kIgnored)
      .Define("execution.environment", T::kString, std::nullopt,
              "Rule execution environment." + kIgnored)
      .Define("schema.registry.url.randomize", T::kBoolean, "false",
              "Start at a random registry URL." + kIgnored)
      .Define("url.randomize", T::kBoolean, "false", "Start at a random registry URL." + kIgnored)
      .Define("http.connect.timeout.ms", T::kInt, "60000", "Registry connect timeout." + kIgnored)
      .Define("http.read.timeout.ms", T::kInt, "60000", "Registry read timeout." + kIgnored)
      .Define("max.retries", T::kInt, "3", "Registry request retries." + kIgnored)
      .Define("retries.wait.ms", T::kInt, "1000", "First retry wait." + kIgnored)
      .Define("retries.max.wait.ms", T::kInt, "20000", "Longest retry wait." + kIgnored)
      .Define("missing.cache.size", T::kInt, "10000", "Missing-schema cache size." + kIgnored)
      .Define("missing.id.cache.ttl.sec", T::kLong, "0", "Missing-id cache TTL." + kIgnored)
      .Define("missing.version.cache.ttl.sec", T::kLong, "0",
              "Missing-version cache TTL." + kIgnored)
      .Define("missing.schema.cache.ttl.sec", T::kLong, "0",
              "Missing-schema cache TTL." + kIgnored)
      .Define("proxy.host", T::kString, std::nullopt, "Registry proxy host." + kIgnored)
      .Define("proxy.port", T::kInt, std::nullopt, "Registry proxy port." + kIgnored)
      .Define("use.apache.http.client", T::kBoolean, "false", "HTTP client choice." + kIgnored)
      .Define("avro.reflection.allow.null", T::kBoolean, "false",
              "Reflection Avro nulls." + kIgnored)
      .Define("avro.use.logical.type.converters", T::kBoolean, "false",
              "Logical type converters of generic records." + kIgnored)
      .Define("avro.remove.java.properties", T::kBoolean, "false",
              "Drop avro.java.string properties." + kIgnored)
      .Define("specific.avro.reader", T::kBoolean, "false", "Read SpecificRecords." + kIgnored)
      .AcceptPrefix("schema.registry.ssl.", "TLS settings of the registry client.")
      .AcceptPrefix("schema.registry.", "Registry client settings under their prefixed names.",
                    /*typos_checked=*/true)
      .AcceptPrefix("request.header.", "HTTP headers sent to the registry." + kIgnored);
}

}  // namespace

ConfigDef JsonConverterConfigDef() {
  ConfigDef def = ConverterBase();
  def.Define("schemas.enable", T::kBoolean, "true",
             "Write and expect the {schema, payload} envelope.")
      .Define("schemas.cache.size", T::kInt, "1000", "Size of the schema cache.")
      .Define("decimal.format", T::kString, "BASE64", "How DECIMAL values are written.",
              {"BASE64", "NUMERIC"})
      .Define("replace.null.with.default", T::kBoolean, "true",
              "Write a field's default instead of null.");
  return def;
}

ConfigDef StringConverterConfigDef() {
  ConfigDef def = ConverterBase();
  def.Define("converter.encoding", T::kString, "UTF-8", "Character set (UTF-8 only).", {"UTF-8"})
      .Define("serializer.encoding", T::kString, "UTF-8", "Character set of writing (UTF-8 only).",
              {"UTF-8"})
      .Define("deserializer.encoding", T::kString, "UTF-8",
              "Character set of reading (UTF-8 only).", {"UTF-8"});
  return def;
}

ConfigDef ByteArrayConverterConfigDef() { return ConverterBase(); }

ConfigDef AvroConverterConfigDef() {
  ConfigDef def = ConverterBase();
  SchemaRegistryKeys(def);
  def.Group("Avro");
  AvroDataKeys(def, /*read_by_tributary=*/true);
  return def;
}

ConfigDef GlueAvroConverterConfigDef() {
  ConfigDef def = ConverterBase();
  // com.amazonaws.services.schemaregistry.utils.AWSSchemaRegistryConstants.
  def.Group("AWS Glue Schema Registry")
      .Define("region", T::kString, std::nullopt,
              "AWS region of the registry; Tributary talks to the registry at 'endpoint'.")
      .Define("endpoint", T::kString, std::nullopt,
              "Registry URL (Tributary's embedded registry serves the Glue API).")
      .Define("registry.name", T::kString, "default-registry", "Glue registry of the schemas.")
      .Define("schemaName", T::kString, std::nullopt,
              "Schema name; the topic name when unset.")
      .Define("schemaNameGenerationClass", T::kClass, std::nullopt,
              "Schema naming strategy; Tributary names schemas after topics." + kIgnored)
      .Define("schemaAutoRegistrationEnabled", T::kBoolean, "false",
              "Register a record's schema when the registry lacks it.")
      .Define("compatibility", T::kString, "BACKWARD",
              "Compatibility of schemas registered automatically.",
              {"NONE", "DISABLED", "BACKWARD", "BACKWARD_ALL", "FORWARD", "FORWARD_ALL", "FULL",
               "FULL_ALL"})
      .Define("compression", T::kString, "NONE", "Payload compression.", {"NONE", "ZLIB"})
      .Define("dataFormat", T::kString, "AVRO", "Schema format (AVRO only).", {"AVRO"})
      .Define("avroRecordType", T::kString, "GENERIC_RECORD", "Java record type of readers.",
              {"GENERIC_RECORD", "SPECIFIC_RECORD"})
      .Define("protobufMessageType", T::kString, std::nullopt, "Protobuf readers." + kIgnored)
      .Define("description", T::kString, std::nullopt,
              "Description of registered schemas." + kIgnored)
      .Define("tags", T::kString, std::nullopt, "Tags of registered schemas." + kIgnored)
      .Define("metadata", T::kString, std::nullopt,
              "Metadata of registered schema versions." + kIgnored)
      .Define("cacheSize", T::kInt, "200", "Schema cache size." + kIgnored)
      .Define("timeToLiveMillis", T::kLong, "86400000", "Schema cache TTL." + kIgnored)
      .Define("secondaryDeserializer", T::kClass, std::nullopt,
              "Deserializer of records without Glue's header." + kIgnored)
      .Define("proxyUrl", T::kString, std::nullopt, "Proxy of the AWS client." + kIgnored)
      .Define("userAgentApp", T::kString, std::nullopt, "User agent application." + kIgnored)
      .Define("jacksonSerializationFeatures", T::kList, std::nullopt, "JSON Schema." + kIgnored)
      .Define("jacksonDeserializationFeatures", T::kList, std::nullopt, "JSON Schema." + kIgnored)
      .Define("registerJavaTimeModule", T::kBoolean, "false", "JSON Schema." + kIgnored)
      .Define("objectMapperFactory", T::kClass, std::nullopt, "JSON Schema." + kIgnored)
      .Group("Avro");
  AvroDataKeys(def, /*read_by_tributary=*/false);
  return def;
}

}  // namespace tributary::converters

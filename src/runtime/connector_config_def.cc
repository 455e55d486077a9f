#include "runtime/connector_config_def.h"

namespace tributary::runtime {

namespace {

using connect::ConfigDef;
using T = connect::ConfigType;

ConfigDef CommonKeys() {
  ConfigDef def;
  def.Group("Common")
      .Required("name", T::kString, "Globally unique name of the connector.")
      .Required("connector.class", T::kString,
                "Class of the connector (its full name; Kafka Connect also accepts the simple "
                "name).")
      .Define("tasks.max", T::kInt, "1",
              "Maximum number of tasks. Tributary runs one task per source (as Debezium's MySQL "
              "connector) and up to tasks.max per sink.")
      .Define("tasks.max.enforce", T::kBoolean, "true",
              "Deprecated in Kafka Connect; accepted and ignored (Tributary never starts more "
              "than tasks.max tasks).")
      .Define("key.converter", T::kClass, std::nullopt,
              "Converter of record keys; the worker's when unset.")
      .Define("value.converter", T::kClass, std::nullopt,
              "Converter of record values; the worker's when unset.")
      .Define("header.converter", T::kClass, std::nullopt,
              "Converter of headers; accepted, Tributary writes headers as Kafka Connect's "
              "SimpleHeaderConverter does.")
      .Define("connector.plugin.version", T::kString, std::nullopt,
              "Plugin version to run; accepted and ignored (every plugin is built in).")
      .Define("config.action.reload", T::kString, "restart",
              "What to do when external config providers change a value; accepted and "
              "ignored (Tributary has no config providers).",
              {"none", "restart"})
      .Group("Transforms")
      .Define("transforms", T::kList, "",
              "Aliases of the transformations, in the order they apply; each alias has "
              "transforms.<alias>.type and the transformation's own keys.")
      .Define("predicates", T::kList, "",
              "Aliases of the predicates; each alias has predicates.<alias>.type and the "
              "predicate's own keys.")
      .Group("Error Handling")
      .Define("errors.retry.timeout", T::kLong, "0",
              "Milliseconds to retry a failed conversion or sink write; -1 retries forever.")
      .Define("errors.retry.delay.max.ms", T::kLong, "60000",
              "Longest delay between consecutive retries.")
      .Define("errors.tolerance", T::kString, "none",
              "none: a failed record fails the task; all: skip it (to the dead-letter queue "
              "when one is set).",
              {"none", "all"})
      .Define("errors.log.enable", T::kBoolean, "false", "Log each failed record's error.")
      .Define("errors.log.include.messages", T::kBoolean, "false",
              "Also log the failed record; accepted, Tributary logs the error and the record's "
              "topic, partition and offset only.")
      .Group("Client Overrides")
      .AcceptPrefix("producer.override.",
                    "Producer settings for this connector, as the worker's "
                    "connector.client.config.override.policy allows.")
      .AcceptPrefix("consumer.override.",
                    "Consumer settings for this connector, as the worker's "
                    "connector.client.config.override.policy allows.")
      .AcceptPrefix("admin.override.",
                    "Admin client settings for this connector, as the worker's "
                    "connector.client.config.override.policy allows.");
  return def;
}

ConfigDef SourceKeys() {
  ConfigDef def = CommonKeys();
  def.Group("Topic Creation")
      .Define("topic.creation.groups", T::kList, "",
              "Groups of topic.creation settings besides 'default'.")
      .AcceptPrefix("topic.creation.",
                    "topic.creation.<group>.replication.factor, .partitions, .include, "
                    ".exclude and any topic-level config for topics the source creates.")
      .Group("Exactly Once Support")
      .Define("exactly.once.support", T::kString, "requested",
              "Whether the connector must run with exactly-once delivery.",
              {"requested", "required"})
      .Define("transaction.boundary", T::kString, "poll",
              "Where transactions end: each poll or every transaction.boundary.interval.ms "
              "(connector-defined boundaries are refused).",
              {"poll", "interval", "connector"})
      .Define("transaction.boundary.interval.ms", T::kLong, std::nullopt,
              "Transaction length for transaction.boundary=interval; the worker's "
              "offset.flush.interval.ms when unset.")
      .Group("Offsets Topic")
      .Define("offsets.storage.topic", T::kString, std::nullopt,
              "Connector-specific offsets topic; accepted, Tributary keeps offsets in the "
              "worker's offsets topic.")
;
  return def;
}

ConfigDef SinkKeys() {
  ConfigDef def = CommonKeys();
  def.Group("Common")
      .Define("topics", T::kList, "", "Topics to consume (this or topics.regex).")
      .Define("topics.regex", T::kString, "", "Pattern of topics to consume (this or topics).")
      .Group("Error Handling")
      .Define("errors.deadletterqueue.topic.name", T::kString, "",
              "Topic of records that failed (with errors.tolerance=all).")
      .Define("errors.deadletterqueue.topic.replication.factor", T::kShort, "3",
              "Replication factor of the dead-letter topic when it is created.")
      .Define("errors.deadletterqueue.context.headers.enable", T::kBoolean, "false",
              "Add __connect.errors.* headers describing the failure to dead letters.");
  return def;
}

}  // namespace

const connect::ConfigDef& SourceConnectorConfigDef() {
  static const ConfigDef def = SourceKeys();
  return def;
}

const connect::ConfigDef& SinkConnectorConfigDef() {
  static const ConfigDef def = SinkKeys();
  return def;
}

}  // namespace tributary::runtime

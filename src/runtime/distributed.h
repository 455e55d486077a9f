// `tributary connect WORKER.properties`: Kafka Connect's connect-distributed. The worker
// joins the workers of group.id on the Kafka cluster at bootstrap.servers, shares their
// connector configs, statuses and source offsets through config.storage.topic,
// status.storage.topic and offset.storage.topic (Kafka Connect's formats), takes its share
// of the tasks (WorkerGroup) and serves Kafka Connect's REST API on `listeners`
// (default http://:8083). Connectors are created through the REST API.
#pragma once

#include "common/status.h"
#include "connect/plugins.h"

namespace tributary::runtime {

// Runs until SIGINT/SIGTERM (then stops its tasks, commits what is durable and leaves the
// group) or until the worker itself fails. Missing or bad worker keys are InvalidArgument
// naming the key.
Status RunDistributed(const std::string& worker_file, const connect::PluginRegistry& plugins);

}  // namespace tributary::runtime

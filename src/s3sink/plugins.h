// Registers the S3 sink under Confluent's class name io.confluent.connect.s3.S3SinkConnector.
#pragma once

#include "connect/plugins.h"

namespace tributary::s3sink {

void RegisterPlugins(connect::PluginRegistry& registry);

}  // namespace tributary::s3sink

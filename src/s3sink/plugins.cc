#include "s3sink/plugins.h"

#include "s3sink/s3_sink_config_keys.h"
#include "s3sink/s3_sink_task.h"

namespace tributary::s3sink {

void RegisterPlugins(connect::PluginRegistry& registry) {
  registry.AddSink({kS3SinkConnectorClass},
                   [] { return std::unique_ptr<connect::SinkTask>(new S3SinkTask()); });
  registry.Declare({kS3SinkConnectorClass}, S3SinkConfigDef());
}

}  // namespace tributary::s3sink

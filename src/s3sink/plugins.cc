#include "s3sink/plugins.h"

#include "s3sink/s3_sink_task.h"

namespace tributary::s3sink {

void RegisterPlugins(connect::PluginRegistry& registry) {
  registry.AddSink({kS3SinkConnectorClass},
                   [] { return std::unique_ptr<connect::SinkTask>(new S3SinkTask()); });
}

}  // namespace tributary::s3sink

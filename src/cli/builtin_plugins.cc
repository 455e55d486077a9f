#include "cli/builtin_plugins.h"

#include "converters/plugins.h"
#include "mysql/mysql_source_task.h"
#include "s3sink/plugins.h"
#include "transforms/plugins.h"

namespace tributary::cli {

void RegisterBuiltinPlugins(connect::PluginRegistry& plugins) {
  converters::RegisterPlugins(plugins);
  transforms::RegisterPlugins(plugins);
  mysql::RegisterPlugins(plugins);
  s3sink::RegisterPlugins(plugins);
}

}  // namespace tributary::cli

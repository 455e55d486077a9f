#include "runtime/connector_validation.h"

#include "runtime/connector_setup.h"

namespace tributary::runtime {

Status CheckConnectorConfig(const WorkerConfig& worker, const connect::PluginRegistry& plugins,
                            const std::map<std::string, std::string>& config) {
  connect::Config c(config);
  TRIB_ASSIGN_OR_RETURN(ConnectorKind kind, ClassifyConnector(c, plugins));
  for (std::string_view client : {"consumer", "producer", "admin"})
    TRIB_RETURN_IF_ERROR(ConnectorClientOverrides(worker, c, client).status());
  if (kind == ConnectorKind::kSource) return BuildSourceConnector(worker, c, plugins).status();
  return BuildSinkConnector(worker, c, plugins).status();
}

int TaskCount(const connect::PluginRegistry& plugins,
              const std::map<std::string, std::string>& config) {
  connect::Config c(config);
  auto kind = ClassifyConnector(c, plugins);
  if (!kind.ok() || *kind == ConnectorKind::kSource) return 1;
  auto tasks = c.GetInt("tasks.max", 1);
  return tasks.ok() && *tasks >= 1 ? static_cast<int>(*tasks) : 1;
}

nlohmann::json ValidateConnectorConfig(const WorkerConfig& worker,
                                       const connect::PluginRegistry& plugins,
                                       const std::string& plugin_class,
                                       std::map<std::string, std::string> config) {
  config.try_emplace("connector.class", plugin_class);
  config.try_emplace("name", "validate");
  Status check = CheckConnectorConfig(worker, plugins, config);
  // Errors quote the key at fault as 'key'; the first quoted word that is a given key wins.
  std::string culprit = "connector.class";
  if (!check.ok()) {
    const std::string& m = check.message();
    for (size_t open = m.find('\''); open != std::string::npos; open = m.find('\'', open + 1)) {
      size_t close = m.find('\'', open + 1);
      if (close == std::string::npos) break;
      std::string word = m.substr(open + 1, close - open - 1);
      if (config.count(word) && word != "name") {
        culprit = word;
        break;
      }
      open = close;
    }
  }
  nlohmann::json configs = nlohmann::json::array();
  for (const auto& [key, value] : connect::Config(config).Redacted()) {
    nlohmann::json errors = nlohmann::json::array();
    if (!check.ok() && key == culprit) errors.push_back(check.message());
    configs.push_back({{"definition", {{"name", key}}},
                       {"value",
                        {{"name", key},
                         {"value", value},
                         {"recommended_values", nlohmann::json::array()},
                         {"errors", errors},
                         {"visible", true}}}});
  }
  return {{"name", plugin_class},
          {"error_count", check.ok() ? 0 : 1},
          {"groups", {"Common"}},
          {"configs", configs}};
}

}  // namespace tributary::runtime
